"""Judging graded transcripts: find each judge-able answer's text, ask once per distinct answer,
merge the results into the part scores. Used by `grade`, `ask` and `agree` alike."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from ..conversation import Conversation
from ..errors import TranscriptError
from ..grading.score import part_answers
from ..results import TranscriptResult
from .merge import merge
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
        if conversation is None or result.errors:
            continue
        answers = None
        for pi, score in enumerate(result.parts):
            part = parts.get(score.id)
            if part is None or not part.judge or score.verdict == "missing":
                continue
            answers = answers if answers is not None else part_answers(conversation, rubric)
            found = answers.get(score.id)
            text = next((a.text for a in (found.attempts if found else ()) if a.turn == score.turn), None)
            if text is not None:
                wanted[(ti, pi)] = jobs.setdefault((score.id, text), len(jobs))
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
