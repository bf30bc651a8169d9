"""Judging graded transcripts: find each judge-able answer's text, ask once per distinct answer,
merge the results into the part scores. Used by `grade`, `ask` and `agree` alike."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..conversation import Conversation
from ..errors import TranscriptError
from ..grading.score import part_answers
from ..results import TranscriptResult
from .merge import merge
from .model import JudgeResult
from .run import Judge, JudgeJob, same_model

SAME_MODEL_WARNING = (
    "Warning: the judge {judge} looks like the model under test ({tested}); a model tends to rate "
    "its own answers kindly, so prefer a judge from another family."
)


def judge_transcripts(
    pairs: Sequence[tuple[TranscriptResult, Conversation | None]], rubric, judge: Judge
) -> list[TranscriptResult]:
    """Each result with its judge-able parts judged and merged; others unchanged."""
    parts = {p.id: p for p in rubric.parts}
    jobs: dict[tuple[str, str], int] = {}
    wanted: dict[tuple[int, int], int] = {}
    for ti, (result, conversation) in enumerate(pairs):
        for pi, key in _judged_answers(result, conversation, parts, rubric):
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
        for ti, (result, _) in enumerate(pairs)
    ]


def _judged_answers(
    result: TranscriptResult, conversation: Conversation | None, parts: dict, rubric
) -> Iterator[tuple[int, tuple[str, str]]]:
    """(index of the part score, (part id, answer text)) for each answer of `result` to judge."""
    if conversation is None or result.errors:
        return
    answers = None
    for pi, score in enumerate(result.parts):
        part = parts.get(score.id)
        if part is None or not part.judge or score.verdict == "missing":
            continue
        answers = answers if answers is not None else part_answers(conversation, rubric)
        found = answers.get(score.id)
        text = next((a.text for a in (found.attempts if found else ()) if a.turn == score.turn), None)
        if text is not None:
            yield pi, (score.id, text)


class JudgePipeline:
    """`judge_files` while the files are still being graded: each file's judge requests go out
    as soon as its results are in (at most `judge.concurrency` in flight), so the judge's latency
    overlaps the grading instead of following it. `finish` merges exactly what `judge_files` would.
    Use as a context manager: leaving early (an error, Ctrl-C) cancels what is still queued."""

    def __init__(self, judge: Judge, rubric) -> None:
        self.judge, self.rubric = judge, rubric
        self.parts = {p.id: p for p in rubric.parts}
        self.active = any(p.judge for p in rubric.parts)
        self._futures: dict[tuple[str, str], Future[JudgeResult]] = {}
        self._wanted: dict[str, list[dict[int, tuple[str, str]]]] = {}
        """Per result path, in the order graded: part index -> the job that judges it."""
        self._pool: ThreadPoolExecutor | None = None

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
        from ..transcripts import read_transcript

        encoded = [item for item in items if isinstance(item, EncodedResult)]
        if not self.active or not encoded or str(path) == "-":
            return
        try:
            conversations = {c.source: c for c in read_transcript(path)}
        except TranscriptError:
            conversations = {}  # already reported as unreadable by the grading pass
        for item in encoded:
            result = decode_entry(item.entry)
            wanted = dict(_judged_answers(result, conversations.get(result.path), self.parts, self.rubric))
            self._wanted.setdefault(result.path, []).append(wanted)
            for key in wanted.values():
                if key not in self._futures:
                    self._futures[key] = self._submit(key)

    def _submit(self, key: tuple[str, str]) -> Future[JudgeResult]:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self.judge.concurrency, thread_name_prefix="judge")
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
    """`grade`/`agree` graded the files (maybe in worker processes); read them again for the text."""
    from ..transcripts import read_transcript

    conversations: dict[str, Conversation] = {}
    for path in files:
        try:
            conversations.update((c.source, c) for c in read_transcript(path))
        except TranscriptError:
            continue  # already reported as unreadable by the grading pass
    return judge_transcripts([(r, conversations.get(r.path)) for r in results], rubric, judge)


def same_model_warnings(judge: Judge, tested: Iterable[str | None]) -> list[str]:
    """One warning per tested model the judge looks like."""
    return [
        SAME_MODEL_WARNING.format(judge=judge.name, tested=t)
        for t in dict.fromkeys(tested)
        if same_model(judge.spec, t)
    ]
