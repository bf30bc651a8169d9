"""Shared wording for one graded part, used by every text-like report (JUnit, Gradescope,
Markdown, HTML, the agreement listing): what it scored, what it rests on, what a judge said."""

from __future__ import annotations

from dataclasses import replace

from ..results import PartScore, PartTotal, TranscriptResult
from ..text.injection import FLAG_PREFIX
from .numbers import num, signed

FULL_MARKS_EPSILON = 1e-9
NO_ANSWER = "the grader found no answer to this part"


def is_full_marks(part: PartScore | PartTotal) -> bool:
    return part.score >= part.max_score - FULL_MARKS_EPSILON


def judge_note(part: PartScore) -> str | None:
    """The judge's second opinion in one line (`--judge`), shared by the text-like reports."""
    j = part.judge
    if j is None:
        return None
    if j.status == "unscored":
        return f"judge ({j.model}): unscored — {j.reason}"
    note = f"judge ({j.model}): {num(j.points)}/{num(j.max_points)}" + (
        " (partly scored)" if j.status == "partial" else ""
    )
    if j.filled:
        note += f", counted {signed(j.judge_points)} where the checks could not decide"
    if j.disagreements:
        note += "; disagrees on " + "; ".join(d.summary for d in j.disagreements)
    return note


def distinct_first(t: TranscriptResult, part_id: str) -> PartScore | None:
    """The first attempt when it is a different answer from the final one, else None."""
    first, final = t.attempt(part_id, "first"), t.attempt(part_id, "final")
    if first is None or final is None or replace(first, attempt="final") == final:
        return None
    return first


def evidence_lines(part: PartScore | None) -> list[str]:
    """What the grader's verdict rests on: each check with its evidence (the reason if none ran)."""
    if part is None:
        return [NO_ANSWER]
    if part.verdict == "missing" or not part.checks:
        return [part.reason or NO_ANSWER]
    lines = [f'{FLAG_PREFIX} ("{part.flag}")'] if part.flag else []
    for c in part.checks:
        quote = f' — "{c.evidence}"' if c.evidence else ""
        lines.append(
            f"{c.name}: {c.status} {num(c.points)}/{num(c.max_points)}{quote}{' — ' + c.message if c.message else ''}"
        )
    return lines


def part_lines(t: TranscriptResult, part: PartScore) -> list[str]:
    """The final attempt's score, the first attempt when it differs, the evidence, the judge."""
    lines = [f"{part.verdict}: {num(part.score)}/{num(part.max_score)}"]
    first = distinct_first(t, part.id)
    if first is not None:
        lines.append(f"first attempt: {first.verdict}, {num(first.score)}/{num(first.max_score)}")
    lines += evidence_lines(part)
    note = judge_note(part)
    if note:
        lines.append(note)
    return lines
