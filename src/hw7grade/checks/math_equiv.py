"""`math_equiv`: the answer states expressions/equations equivalent to the references (q3b.i)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import CheckContext, CheckResult, CheckSpec


class MathEquivCheck(CheckSpec):
    type: Literal["math_equiv"] = "math_equiv"
    references: list[str] = Field(min_length=1)
    """LaTeX expressions, gradients or equations (trusted rubric text); see hw7grade.algebra."""
    require: Literal["all", "any"] = "all"
    scalar_multiple_points: float = Field(default=0.0, ge=0)
    """Points when a gradient is right only up to a scalar factor (a lost 2 or sign)."""

    def run(self, ctx: CheckContext) -> CheckResult:
        from ..algebra import Deadline, MathError, answer_statements, normalise_table
        from ..algebra.matching import best_for_reference, prepared_cache

        deadline = Deadline()
        table = normalise_table(ctx.shapes or None)
        statements, _errors = answer_statements(ctx.answer, table, deadline)
        if deadline.expired:
            return self.unscored("the answer's formulas took too long to check")
        if not statements:
            return self.failed(None, self.feedback or "the answer states no formula that could be read")
        cache = prepared_cache(statements, table, deadline)
        results = []
        for ref in self.references:
            try:
                results.append(best_for_reference(ref, cache, table, deadline))
            except MathError as exc:
                if exc.status == "limit":
                    return self.unscored("the answer's formulas took too long to check")
                return self.unscored(f"reference {ref!r} cannot be checked: {exc.message}")
        good = [r for r in results if r.equivalent]
        near = [r for r in results if r.status in ("equivalent", "scalar_multiple")]
        enough = len(good) == len(results) if self.require == "all" else bool(good)
        evidence = "; ".join(r.candidate for r in (good or near or results) if r.candidate) or None
        if enough:
            return self.passed(evidence, "equivalent to the reference")
        partial = len(near) == len(results) if self.require == "all" else bool(near)
        message = "; ".join(_describe(ref, r) for ref, r in zip(self.references, results) if not r.equivalent)
        if partial and self.scalar_multiple_points:
            return self.failed(evidence, message, points=min(self.scalar_multiple_points, self.points))
        return self.failed(evidence, (self.feedback + " " if self.feedback else "") + message)


def _describe(ref: str, result) -> str:  # type: ignore[no-untyped-def]
    where = f" in {result.candidate!r}" if result.candidate else ""
    reason = result.status.replace("_", " ")
    return f"closest: {reason}{where}" + (f": {result.explanation}" if result.explanation else "")
