"""How the judge's points count: they fill in only where a deterministic check could not decide.

A check *decided* when it passed, or failed with evidence (it quotes what was wrong). Decided
checks always stand, and so do caps (`forbidden`). A check the rubric lets the judge score
(criteria name it) that did not decide — unscored, or failed with nothing quoted — takes the
judge's points for its criteria, provided every one of them was scored and the checks it
`requires` passed (or were filled with full points). Where a decided check and the judge differ,
the difference is listed as a disagreement and nothing else happens. An answer flagged as aimed
at the grader (`injection`) gets no fill-in at all: the judge never adds points to it.
"""

from __future__ import annotations

from dataclasses import replace

from ..checks.base import CheckResult
from ..results import PartScore, Verdict
from .model import Disagreement, JudgeResult

EPS = 1e-9


def decided(result: CheckResult) -> bool:
    return result.status == "passed" or (result.status == "failed" and result.evidence is not None)


def merge(score: PartScore, part, judge: JudgeResult) -> PartScore:
    """The part's score with the judge's fill-in, the judge's result attached to it."""
    passed: dict[str, bool] = {}
    filled: list[str] = []
    disagreements: list[Disagreement] = []
    earned = 0.0
    counted: list[tuple[CheckResult, bool]] = []
    for spec, result in zip(part.checks, score.checks):
        judged = judge.check_points(spec.label)
        blocked = any(not passed.get(r, False) for r in spec.requires)
        points, ok = result.points, result.status == "passed"
        if judged is not None and not blocked and not decided(result) and not score.flag:
            points, ok = judged, judged >= result.max_points - EPS
            filled.append(spec.label)
        elif judged is not None and decided(result) and abs(judged - result.points) > EPS:
            quotes = " | ".join(c.evidence for c in judge.for_check(spec.label) if c.evidence)
            disagreements.append(
                Disagreement(spec.label, result.points, judged, result.max_points, result.evidence, quotes)
            )
        passed[spec.label] = ok
        if spec.counts_toward_total:
            earned += points
            counted.append((result, spec.label in filled))
    caps = [r.cap for r in score.checks if r.cap is not None]
    if caps:
        earned = min(earned, min(caps))
    earned = round(earned, 4)
    attached = replace(
        judge,
        filled=tuple(filled),
        deterministic_points=score.score,
        judge_points=round(earned - score.score, 4),
        disagreements=tuple(disagreements),
    )
    if not filled:
        return replace(score, judge=attached)
    names = ", ".join(filled)
    reason = f"{score.reason}; judge scored {names}" if score.reason else f"judge scored {names}"
    return replace(
        score, score=earned, verdict=_verdict(earned, score.max_score, counted), reason=reason, judge=attached
    )


def _verdict(score: float, maximum: float, counted: list[tuple[CheckResult, bool]]) -> Verdict:
    if counted and all(r.status == "unscored" and not was_filled for r, was_filled in counted):
        return "unscored"
    if score >= maximum - EPS:
        return "correct"
    if score <= EPS:
        return "incorrect"
    return "partial"
