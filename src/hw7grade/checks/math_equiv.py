"""`math_equiv`: the answer states expressions/equations equivalent to the references (q3b.i)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import CheckContext, CheckResult, CheckSpec


class MathEquivCheck(CheckSpec):
    type: Literal["math_equiv"] = "math_equiv"
    references: list[str] = Field(min_length=1)
    """LaTeX expressions or equations (trusted rubric text); see hw7grade.algebra."""
    require: Literal["all", "any"] = "all"
    scalar_multiple_points: float = Field(default=0.0, ge=0)
    """Points for a reference matched only up to a scalar factor other than allowed ones."""

    def run(self, ctx: CheckContext) -> CheckResult:
        return self.unscored("the matrix-algebra engine is not available yet")
