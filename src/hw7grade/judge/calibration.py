"""Is the judge worth trusting on a part? Its agreement with human labels beside the checks'.

Only parts the judge may score count, and the same labelled answers are compared three ways:
the checks alone (the report without `--judge`), the judge alone (its verdict on its own
criteria: all points correct, none incorrect, else partial; unscored if any criterion could not
be scored), and checks plus judge (the scores the report shows with `--judge`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from ..report.agreement import Agreement, agreement
from ..results import PartScore, Report
from .model import Disagreement

EPS = 1e-9


@dataclass(frozen=True)
class Calibration:
    checks: Agreement
    judge: Agreement
    combined: Agreement
    disagreements: tuple[tuple[str, PartScore, Disagreement], ...]
    """(transcript path, part attempt, disagreement) between a decided check and the judge."""

    @property
    def part_ids(self) -> list[str]:
        return self.checks.part_ids


def judge_label(part: PartScore | None) -> str:
    """The judge's own verdict on its criteria (`unscored` when it gave none)."""
    j = part.judge if part is not None else None
    if j is None or j.status != "scored" or j.max_points <= 0:
        return "unscored"
    if j.points >= j.max_points - EPS:
        return "correct"
    return "incorrect" if j.points <= EPS else "partial"


def calibrate(before: Report, after: Report, judged_parts: Sequence[str]) -> Calibration:
    wanted = set(judged_parts)

    def only_judged(a: Agreement) -> Agreement:
        return Agreement(tuple(p for p in a.pairs if p.part_id in wanted))

    combined = only_judged(agreement(after))
    judge_alone = Agreement(tuple(replace(p, grader=judge_label(p.part)) for p in combined.pairs))
    found = []
    for t in after.transcripts:
        for p in t.parts:
            if p.judge is None or p.id not in wanted:
                continue
            first = t.attempt(p.id, "first")
            if p.attempt == "final" and first is not None and first.turn == p.turn:
                continue  # answered once: counted with the first attempt
            found += [(t.path, p, d) for d in p.judge.disagreements]
    return Calibration(only_judged(agreement(before)), judge_alone, combined, tuple(found))
