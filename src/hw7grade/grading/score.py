"""Scoring: rubric + conversation -> parts -> check results -> part scores. Pure functions."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping, Sequence, cast

from ..checks.base import CheckContext, CheckResult
from ..conversation import Conversation
from ..results import AttemptKind, PartScore, TranscriptResult, Verdict
from ..rubric.model import Part, Rubric
from ..shorten import shorten
from ..text.injection import flag_reason, grader_directed
from .segment import PartAnswers, find_answers

NO_PARTS_FOUND = "no rubric part found: the conversation names no question and its text matches no rubric cues"


def run_checks(part: Part, ctx: CheckContext) -> tuple[CheckResult, ...]:
    """Run a part's checks in order; a check whose `requires` did not pass earns nothing."""
    results: dict[str, CheckResult] = {}
    for check in part.checks:
        blocked = [results[r] for r in check.requires if results[r].status != "passed"]
        if any(r.status == "unscored" for r in blocked):
            result = check.unscored(f"depends on {', '.join(r.name for r in blocked)}, which could not be scored")
        elif blocked:
            result = check.failed(
                None, f"needs {', '.join(r.name for r in blocked)} first; {check.feedback}".strip("; ")
            )
        else:
            try:
                result = check.run(ctx)
            except Exception as exc:  # a bug in one check must not sink the whole report
                result = check.unscored(f"check crashed ({exc.__class__.__name__}); please report it")
        results[check.label] = result
    return tuple(results.values())


def score_part(
    part: Part,
    text: str,
    attempt: AttemptKind,
    *,
    question: str = "",
    shapes: Mapping[str, tuple[str, str]] | None = None,
    turn: int | None = None,
) -> PartScore:
    ctx = CheckContext(answer=text, question=question, part_id=part.id, shapes=dict(shapes or {}))
    results = run_checks(part, ctx)
    flag = grader_directed(text) or ""
    counted = [(c, r) for c, r in zip(part.checks, results) if c.counts_toward_total]
    earned = sum(r.points for _, r in counted)
    caps = [r.cap for r in results if r.cap is not None]
    if caps:
        earned = min(earned, min(caps))
    earned = round(earned, 4)
    return PartScore(
        id=part.id,
        attempt=attempt,
        score=earned,
        max_score=part.points,
        verdict=_verdict(earned, part.points, [r for _, r in counted]),
        checks=results,
        reason=flag_reason(flag, _reason(results, earned, part.points))
        if flag
        else _reason(results, earned, part.points),
        turn=turn,
        flag=flag,
        answer=text,
    )


def missing_part(part: Part, attempt: AttemptKind) -> PartScore:
    return PartScore(part.id, attempt, 0.0, part.points, "missing", (), "asked, but no answer to this part was found")


def part_answers(conversation: Conversation, rubric: Rubric) -> dict[str, PartAnswers]:
    """The answer text of each part's attempts, as grading finds them (the judge reads these too)."""
    parts = rubric.parts
    return find_answers(
        conversation,
        [p.id for p in parts],
        cues={p.id: p.cues for p in parts},
        asked=[str(x) for x in cast(Iterable[object], conversation.metadata.get("parts", ()) or ())],
    )


def grade_conversation(
    conversation: Conversation, rubric: Rubric, only: Sequence[str] | None = None
) -> TranscriptResult:
    """Grade the first and final attempt of every part the conversation answers (or was asked)."""
    parts = rubric.parts
    answers = part_answers(conversation, rubric)
    selected = {p.id for p in rubric.select(only)} if only else None
    scores: list[PartScore] = []
    for part in parts:
        found = answers.get(part.id)
        if found is None or (selected is not None and part.id not in selected):
            continue
        graded = _score_attempts(part, found, rubric.shapes_for(part.id))
        if found.weak and not any(s.verdict != "missing" and answers_the_part(part, s) for s in graded):
            continue  # asked only by cues, and no reply answers it: a side question, not an ask
        scores.extend(graded)
    errors = () if scores else (NO_PARTS_FOUND,)
    labels = {k: v for k, v in conversation.human_labels.items() if selected is None or k in selected}
    return TranscriptResult(
        path=conversation.source,
        model=conversation.model,
        errors=errors,
        parts=tuple(scores),
        human_labels=labels,
        format=conversation.format,
        title=conversation.title,
        follow_ups=_follow_ups(conversation.metadata.get("follow_ups")),
    )


def _follow_ups(kinds: object) -> tuple[str, ...]:
    """The follow-up kinds `ask` records in a native transcript's metadata (a list of names)."""
    return tuple(str(k) for k in kinds) if isinstance(kinds, list) else ()


def _score_attempts(part: Part, found: PartAnswers, shapes: Mapping[str, tuple[str, str]]) -> list[PartScore]:
    if not found.attempts:
        return [missing_part(part, "first"), missing_part(part, "final")]
    first_text = found.attempts[0]
    first = score_part(part, first_text.text, "first", question=found.question, shapes=shapes, turn=first_text.turn)
    for later in reversed(found.attempts[1:]):
        final = score_part(part, later.text, "final", question=found.question, shapes=shapes, turn=later.turn)
        if later.explicit or answers_the_part(part, final):
            return [first, final]
    return [first, replace(first, attempt="final")]


def answers_the_part(part: Part, score: PartScore) -> bool:
    """A reply to a follow-up that named no part is an attempt only if some check found an answer
    in it ("You're welcome!" or an aside about another topic is not)."""
    return any(
        r.evidence
        for c, r in zip(part.checks, score.checks)
        if c.shows_an_answer and c.counts_toward_total and r.status != "unscored"
    )


def _verdict(score: float, maximum: float, counted: list[CheckResult]) -> Verdict:
    if counted and all(r.status == "unscored" for r in counted):
        return "unscored"
    if score >= maximum - 1e-9:
        return "correct"
    if score <= 1e-9:
        return "incorrect"
    return "partial"


def _reason(results: Sequence[CheckResult], score: float, maximum: float) -> str:
    capped = [r for r in results if r.cap is not None]
    if capped:
        r = capped[0]
        return f"{r.message} (found: {_short(r.evidence)})" if r.evidence else r.message
    failing = [r for r in results if r.status == "failed"]
    if failing:
        r = failing[0]
        return f"{r.name}: {r.message}" if r.message else f"{r.name} failed"
    unscored = [r for r in results if r.status == "unscored"]
    if unscored:
        return f"{unscored[0].name} unscored: {unscored[0].message}"
    return "all checks passed" if score >= maximum - 1e-9 else ""


def _short(text: str | None, limit: int = 60) -> str:
    return shorten(text or "", limit)
