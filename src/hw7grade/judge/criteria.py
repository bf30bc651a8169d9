"""The judge's criteria as written in a rubric part, and the rules tying them to its checks.

Each criterion is a second opinion on one deterministic check (`check:`); the criteria of a check
share out exactly that check's points, so a judge filling in for a check can never give a part
more than the rubric allows.
"""

from __future__ import annotations

from typing import Any, Sequence

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..regexes import regex

CRITERION_NAME_RE = regex(r"^[a-z][a-z0-9_]*$")
POINTS_TOLERANCE = 1e-9


class Criterion(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    name: str
    """Short identifier the judge answers with (`names_lesson`)."""
    check: str
    """The check of the same part this criterion is a second opinion on."""
    points: float = Field(gt=0)
    description: str = Field(min_length=1)
    """What earns the points, in the project's own words; the judge reads it."""

    @field_validator("name")
    @classmethod
    def _name_shape(cls, value: str) -> str:
        if not CRITERION_NAME_RE.match(value):
            raise ValueError(f"criterion name {value!r} must be lower_snake_case (letters, digits, _)")
        return value


def criteria_problem(judge: bool, criteria: Sequence[Criterion], checks: Sequence[Any]) -> str | None:
    """Why a part's `judge`/`criteria` fields do not fit its checks, or None when they do."""
    if not judge:
        return "criteria are given but judge is not true; set judge: true or remove criteria" if criteria else None
    if not criteria:
        return "judge: true needs at least one entry under criteria"
    names = [c.name for c in criteria]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        return f"criterion names must be unique within a part; repeated: {', '.join(dupes)}"
    by_label = {c.label: c for c in checks}
    for criterion in criteria:
        check = by_label.get(criterion.check)
        if check is None:
            return f"criterion {criterion.name!r} names unknown check {criterion.check!r}"
        if not check.counts_toward_total:
            return (
                f"criterion {criterion.name!r} names check {criterion.check!r}, which only caps the part; a judge "
                "cannot score it"
            )
    for label in dict.fromkeys(c.check for c in criteria):
        total = sum(c.points for c in criteria if c.check == label)
        wanted = by_label[label].points
        if abs(total - wanted) > POINTS_TOLERANCE:
            return f"criteria for check {label!r} add up to {total:g} points but the check is worth {wanted:g}"
    return None
