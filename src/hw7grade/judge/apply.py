"""Judging graded transcripts: take each judge-able answer from its result, ask once per distinct answer,
merge the results into the part scores. Used by `grade`, `ask` and `agree` alike."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Collection, Iterable, Iterator, Sequence

from ..errors import TranscriptError
from ..results import TranscriptResult
from .merge import merge
from .model import JudgeResult
from .run import Judge, JudgeJob, same_model

WORKER_NICENESS = 10
"""How far below the judging process the grading workers run: its SDK import (seconds of CPU,
before any request can go) and then its requests come first; the workers take what is left."""

SAME_MODEL_WARNING = (
    "Warning: the judge {judge} looks like the model under test ({tested}); a model tends to rate "
    "its own answers kindly, so prefer a judge from another family."
)


def judge_transcripts(
    results: Sequence[TranscriptResult], rubric, judge: Judge, readable: Collection[str] | None = None
) -> list[TranscriptResult]:
    """Each result with its judge-able parts judged and merged; others unchanged, and so are those
    whose path is not in `readable` (when given: the transcripts that could be read again)."""
    parts = {p.id: p for p in rubric.parts}
    jobs: dict[tuple[str, str], int] = {}
    wanted: dict[tuple[int, int], int] = {}
    for ti, result in enumerate(results):
        if readable is not None and result.path not in readable:
            continue
        for pi, key in _judged_answers(result, parts):
            wanted[(ti, pi)] = jobs.setdefault(key, len(jobs))
    outcomes = judge.score_all([JudgeJob(parts[pid], text) for pid, text in jobs])
    return [
        replace(
            result,
            parts=tuple(
                merge(score, parts[score.id], outcomes[wanted[(ti, pi)]]) if (ti, pi) in wanted else score
                for pi, score in enumerate(result.parts)
            ),
        )
        for ti, result in enumerate(results)
    ]


def _judged_answers(result: TranscriptResult, parts: dict) -> Iterator[tuple[int, tuple[str, str]]]:
    """(index of the part score, (part id, answer text)) for each answer of `result` to judge. The
    text is the one its checks read (`PartScore.answer`): what segmenting the transcript again finds."""
    if result.errors:
        return
    for pi, score in enumerate(result.parts):
        part = parts.get(score.id)
        if part is not None and part.judge and score.verdict != "missing" and score.answer is not None:
            yield pi, (score.id, score.answer)


class JudgePipeline:
    """`judge_files` while the files are still being graded: each file's judge requests go out
    as soon as its results are in (at most `judge.concurrency` in flight), so the judge's latency
    overlaps the grading instead of following it. `finish` merges exactly what `judge_files` would.
    The judge's SDK is imported at once, in a thread of the pool: with a judge that takes seconds to
    import, that import is what the first requests wait for. The main thread only decodes each
    result (the answers to judge are in it). Use as a context manager: leaving early (an error,
    Ctrl-C) cancels what is still queued."""

    def __init__(self, judge: Judge, rubric) -> None:
        self.judge, self.rubric = judge, rubric
        self.parts = {p.id: p for p in rubric.parts}
        self.active = any(p.judge for p in rubric.parts)
        self._futures: dict[tuple[str, str], Future[JudgeResult]] = {}
        self._wanted: dict[str, list[dict[int, tuple[str, str]]]] = {}
        """Per result path, in the order graded: part index -> the job that judges it."""
        self._pool: ThreadPoolExecutor | None = None
        if self.active:
            self._pool = ThreadPoolExecutor(max_workers=judge.concurrency, thread_name_prefix="judge")
            self._pool.submit(_connect, judge)  # a failure shows again at the first request, where it counts

    @property
    def worker_niceness(self) -> int:
        """`WORKER_NICENESS` while there is anything to judge, else 0."""
        return WORKER_NICENESS if self.active else 0

    def __enter__(self) -> "JudgePipeline":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if self._pool is not None:
            if kind is not None:
                self.judge.close()
            self._pool.shutdown(wait=kind is None, cancel_futures=kind is not None)

    def add_file(self, path: Path, items: Iterable[object]) -> None:
        """A file's graded items (`EncodedResult`s and notes, as the workers sent them)."""
        from ..report.json_report import decode_entry
        from ..report.spool import EncodedResult

        encoded = [item for item in items if isinstance(item, EncodedResult)]
        if not self.active or not encoded or str(path) == "-":  # standard input: as `judge_files`, not judged
            return
        for item in encoded:
            result = decode_entry(item.entry)
            wanted = dict(_judged_answers(result, self.parts))
            self._wanted.setdefault(result.path, []).append(wanted)
            for key in wanted.values():
                if key not in self._futures:
                    self._futures[key] = self._submit(key)

    def _submit(self, key: tuple[str, str]) -> Future[JudgeResult]:
        assert self._pool is not None, "judge requests for a rubric with no judged part"
        part_id, text = key
        return self._pool.submit(self.judge.score, JudgeJob(self.parts[part_id], text))

    def finish(self, results: Iterable[TranscriptResult]) -> list[TranscriptResult]:
        """`results` (the report's, labels included) with the judge's scores merged in."""
        out = []
        taken: dict[str, int] = {}
        for result in results:
            seen = self._wanted.get(result.path, [])
            index = taken[result.path] = taken.get(result.path, -1) + 1
            wanted = seen[index] if index < len(seen) else {}
            if wanted:
                result = replace(
                    result,
                    parts=tuple(
                        merge(score, self.parts[score.id], self._futures[wanted[pi]].result())
                        if pi in wanted
                        else score
                        for pi, score in enumerate(result.parts)
                    ),
                )
            out.append(result)
        return out


def judge_files(
    results: Sequence[TranscriptResult], files: Iterable[Path], rubric, judge: Judge
) -> list[TranscriptResult]:
    """`agree` graded the files (maybe in worker processes): the results of the transcripts that
    can be read again are judged (not standard input's, read once)."""
    from ..transcripts import read_transcript

    readable: set[str] = set()
    for path in files:
        try:
            readable.update(c.source for c in read_transcript(path))
        except TranscriptError:
            continue  # already reported as unreadable by the grading pass
    return judge_transcripts(results, rubric, judge, readable)


def _connect(judge: Judge) -> None:
    judge.provider  # noqa: B018  # builds the provider: imports the SDK


def same_model_warnings(judge: Judge, tested: Iterable[str | None]) -> list[str]:
    """One warning per tested model the judge looks like."""
    return [
        SAME_MODEL_WARNING.format(judge=judge.name, tested=t)
        for t in dict.fromkeys(tested)
        if same_model(judge.spec, t)
    ]
