"""`math_equiv`: the answer states expressions/equations equivalent to the references (q3b.i)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Mapping

from pydantic import Field

from .base import CheckContext, CheckResult, CheckSpec, matrix_formula

if TYPE_CHECKING:
    from ..algebra import Deadline, MathResult
    from ..algebra.matching import AnswerReading


class MathEquivCheck(CheckSpec):
    type: Literal["math_equiv"] = "math_equiv"
    references: list[str] = Field(min_length=1)
    """LaTeX expressions, gradients or equations (trusted rubric text); see hw7grade.algebra."""
    require: Literal["all", "any"] = "all"
    scalar_multiple_points: float = Field(default=0.0, ge=0)
    """Points when a gradient is right only up to a scalar factor (a lost 2 or sign)."""

    def run(self, ctx: CheckContext) -> CheckResult:
        from ..algebra import Deadline, MathError, normalise_table
        from ..algebra.matching import AnswerReading, best_for_reference

        too_long = self.unscored("the answer's formulas took too long to check")
        deadline = Deadline()
        table = normalise_table(ctx.shapes)
        # Read only as far as the references need (see AnswerReading): the verdicts are those of
        # reading every statement first.
        reading = AnswerReading(ctx.answer, table, deadline, ctx.earlier)
        no_formula = self.failed(None, self.feedback or "the answer states no formula that could be read")
        try:
            results = []
            for ref in self.references:
                try:
                    results.append(
                        _boxed_verdict(ref, reading, table, deadline)
                        or best_for_reference(ref, reading, table, deadline)
                    )
                except MathError as exc:
                    if exc.status == "limit":
                        raise
                    if not reading:
                        return no_formula
                    reading.check_rest()
                    return self.unscored(f"reference {ref!r} cannot be checked: {exc.message}")
            # An equivalent statement is a statement: only otherwise can the answer state none.
            if not all(r.equivalent for r in results) and not reading:
                return no_formula
            reading.check_rest()
        except MathError:  # only `limit` errors get here
            return too_long
        good = [r for r in results if r.equivalent]
        near = [r for r in results if r.status in ("equivalent", "scalar_multiple")]
        enough = len(good) == len(results) if self.require == "all" else bool(good)
        # Only a statement that could state a reference is the answer's (the closest of unrelated
        # formulas, "W_1 = U_k" in a reply about the PCA point, is named in the message alone).
        evidence = "; ".join(r.candidate for r in (good or near or results) if r.candidate and r.on_point) or None
        formulas = tuple(matrix_formula(r.expected, r.found, r.status, table) for r in results if r.expected)
        if enough:
            return self.passed(evidence, "equivalent to the reference", formulas=formulas)
        partial = len(near) == len(results) if self.require == "all" else bool(near)
        message = "; ".join(_describe(r) for r in results if not r.equivalent)
        if partial and self.scalar_multiple_points:
            points = min(self.scalar_multiple_points, self.points)
            return self.failed(evidence, message, points=points, formulas=formulas)
        return self.failed(evidence, (self.feedback + " " if self.feedback else "") + message, formulas=formulas)


_UNREAD = frozenset({"parse_error", "unsupported", "limit"})


def _boxed_verdict(
    ref: str, reading: AnswerReading, table: Mapping[str, tuple[str, str]], deadline: Deadline
) -> MathResult | None:
    """The verdict on the answer's boxed statements that can say the reference, when it boxes any:
    a boxed result is the answer's final word, as a grader of boxed answers reads it ("... so the
    conditions are \\boxed{W_2 (W_2W_1 - I) XX^\\top = 0}" after a right derivation states a wrong
    condition). None when nothing boxed mentions what the reference needs, or none of it could be read."""
    from ..algebra.matching import best_for_reference, needed_symbols, prepare_reference

    needed = needed_symbols(prepare_reference(ref, table, deadline), table, deadline)
    boxed = [e for e in reading.entries(needed, source="boxed") if not e[1].kind == "expression"]
    if not boxed:
        return None
    result = best_for_reference(ref, boxed, table, deadline)
    return None if result.status in _UNREAD else result


def _describe(result: MathResult) -> str:
    where = f" in {result.candidate!r}" if result.candidate else ""
    reason = result.status.replace("_", " ")
    return f"closest: {reason}{where}" + (f": {result.explanation}" if result.explanation else "")
