"""The judge's results: plain frozen values, kept apart from the deterministic check results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CriterionStatus = Literal["scored", "unscored"]
JudgeStatus = Literal["scored", "partial", "unscored"]
"""`partial`: some criteria were scored, others not (e.g. one quote was not in the answer)."""


@dataclass(frozen=True)
class CriterionScore:
    name: str
    check: str
    """The deterministic check this criterion is a second opinion on."""
    status: CriterionStatus
    points: float
    max_points: float
    evidence: str = ""
    """The judge's quote from the answer, verified to occur in it (empty: nothing quoted)."""
    reason: str = ""
    """The judge's one-line reason, or why the criterion could not be scored."""


@dataclass(frozen=True)
class Disagreement:
    """A check that decided with evidence, where the judge would have given other points."""

    check: str
    deterministic_points: float
    judge_points: float
    max_points: float
    deterministic_evidence: str | None
    judge_evidence: str

    @property
    def summary(self) -> str:
        from ..report.numbers import num

        return (
            f"{self.check}: checks gave {num(self.deterministic_points)}/{num(self.max_points)}, "
            f"judge {num(self.judge_points)}/{num(self.max_points)}"
        )


@dataclass(frozen=True)
class JudgeResult:
    model: str
    """`provider:model id` of the judge as asked (e.g. `openai:gpt-4o`)."""
    status: JudgeStatus
    criteria: tuple[CriterionScore, ...] = ()
    reason: str = ""
    """Why the judge could not score (wrong shape twice, refusal, provider failure)."""
    answered_by: str | None = None
    """The model id the provider reported."""
    filled: tuple[str, ...] = ()
    """Checks whose points come from the judge: they could not decide on their own."""
    deterministic_points: float | None = None
    """The part's score from the checks alone (set once merged into a PartScore)."""
    judge_points: float = 0.0
    """Points the judge's fill-in added to the part's score (0 when nothing was filled)."""
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def points(self) -> float:
        """The judge's own points over its scored criteria."""
        return round(sum(c.points for c in self.criteria if c.status == "scored"), 4)

    @property
    def max_points(self) -> float:
        return round(sum(c.max_points for c in self.criteria), 4)

    def for_check(self, check: str) -> list[CriterionScore]:
        return [c for c in self.criteria if c.check == check]

    def check_points(self, check: str) -> float | None:
        """The judge's points for one check, or None unless every criterion of it was scored."""
        scores = self.for_check(check)
        if not scores or any(c.status != "scored" for c in scores):
            return None
        return round(sum(c.points for c in scores), 4)
