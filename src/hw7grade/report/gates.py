"""The score gates of `grade`: `--baseline` regressions and `--fail-under`, and the exit status.

Pure decisions: values in, messages and exit codes out; the command prints them. Unreadable
inputs (exit 2) are the caller's to report; they outrank the gates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ..results import PartScore, PartTotal, Report
from .numbers import num

if TYPE_CHECKING:
    from .baseline import BaselineComparison

GATE_FAILED = 1
WRITE_FAILED = 2
"""A report file could not be written: like an unreadable input, it outranks the gates."""


def fail_under_message(report: Report, threshold: float) -> str | None:
    """Why the overall score fails `--fail-under`, or None when it passes. A sum of partial
    credits (0.7 + 0.1 is 0.7999999999999999) that misses the threshold only by float noise passes."""
    from .baseline import SCORE_EPSILON

    score, maximum = report.totals()
    if maximum <= 0:
        return f"no part was graded, so the score cannot reach --fail-under {num(threshold)}"
    if score / maximum < threshold - SCORE_EPSILON:
        return (
            f"overall score {num(score)}/{num(maximum)} ({score / maximum:.1%}) is below --fail-under {num(threshold)}"
        )
    return None


def regression_message(comparison: BaselineComparison) -> str | None:
    """The parts that regressed against the baseline, each with its score before and after; None when none did."""
    if not comparison.regressions:
        return None
    names = ", ".join(
        f"{d.path} {d.part_id} ({score_text(d.before)} -> {score_text(d.after)})" for d in comparison.regressions
    )
    return f"{len(comparison.regressions)} part(s) regressed against the baseline: {names}"


def gate_failures(report: Report, comparison: BaselineComparison | None, fail_under: float | None) -> list[str]:
    """Why each gate fails (the baseline first, then `--fail-under`); empty when all pass or none is set."""
    messages = [
        regression_message(comparison) if comparison is not None else None,
        fail_under_message(report, fail_under) if fail_under is not None else None,
    ]
    return [m for m in messages if m]


def exit_status(write_failures: Sequence[str], gate_messages: Sequence[str]) -> int:
    """`WRITE_FAILED` when a report file could not be written, else `GATE_FAILED` when a gate failed, else 0."""
    if write_failures:
        return WRITE_FAILED
    return GATE_FAILED if gate_messages else 0


def score_text(part: PartScore | PartTotal | None) -> str:
    """`score/max` as people read it; `–` for a part that has no score (new against the baseline)."""
    return "–" if part is None else f"{num(part.score)}/{num(part.max_score)}"


__all__ = [
    "GATE_FAILED",
    "WRITE_FAILED",
    "exit_status",
    "fail_under_message",
    "gate_failures",
    "regression_message",
    "score_text",
]
