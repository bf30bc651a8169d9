"""`pca_satisfies`: the conditions the answer states hold at W_1 = U_k^T, W_2 = U_k (q3b.ii).

Every condition the answer states about the encoder/decoder is evaluated exactly at the PCA
point on random data; one that is false there means the answer "showed" something wrong, which
earns nothing. Points are in proportion to the reference conditions the answer restates (up to a
scalar or transpose) and that hold.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import CheckContext, CheckResult, CheckSpec, matrix_formula


class PcaSatisfiesCheck(CheckSpec):
    type: Literal["pca_satisfies"] = "pca_satisfies"
    references: list[str] = Field(min_length=1)
    """The correct optimality conditions (LaTeX; gradients or equations)."""
    data: str = "X"
    components: str = "U_k"
    encoder: str = "W_1"
    decoder: str = "W_2"

    def run(self, ctx: CheckContext) -> CheckResult:
        from ..algebra import (
            Deadline,
            MathError,
            PcaRoles,
            Statement,
            canonical_name,
            check_at_pca,
            normalise_table,
        )
        from ..algebra.matching import best_for_reference, prepared_cache, statements_mentioning

        deadline = Deadline()
        table = normalise_table(ctx.shapes or None)
        roles = PcaRoles(*(canonical_name(n) for n in (self.data, self.components, self.encoder, self.decoder)))
        try:
            # Only statements about the encoder or decoder are judged: other snippets are not parsed.
            statements = statements_mentioning(ctx.answer, (roles.encoder, roles.decoder), table, deadline)
            weights = [
                (c, s)
                for c, s in statements
                if s.kind != "expression" and s.mentions() & {roles.encoder, roles.decoder}
            ]
            verdicts = [(c, s, check_at_pca(s, table, deadline, roles)) for c, s in weights]
            wrong = [(c, s, v) for c, s, v in verdicts if v.status == "fails"]
            if wrong:
                c, s, v = wrong[0]
                return self.failed(c.text, f"the answer states {s.describe()}, which is false at the PCA solution")
            conditions = [
                (c, s) for c, s, v in verdicts if v.status == "holds" and roles.components not in s.mentions()
            ]
            # `(X - W_2 W_1 X)(W_1 X)^T = (X - U_k U_k^T X)(U_k^T X)^T` addresses the W-side condition
            # even when the `= 0` comes a line later about the U_k form.
            conditions += [
                (c, Statement("expression", side, None, s.wrt, c.text))
                for c, s, v in verdicts
                if v.status == "holds" and s.rhs is not None
                for side in (s.lhs, s.rhs)
                if _mentions(side) & {roles.encoder, roles.decoder} and roles.components not in _mentions(side)
            ]
            cache = prepared_cache(conditions, table, deadline)
            found = []
            formulas = []
            for ref in self.references:
                result = best_for_reference(ref, cache, table, deadline)
                stated = result.status in ("equivalent", "scalar_multiple")
                found.append(result if stated else None)
                formulas.append(matrix_formula(result.expected, result.found if stated else None, result.status, table))
        except MathError as exc:
            if exc.status == "limit":
                return self.unscored("the answer's formulas took too long to check")
            return self.unscored(f"a reference cannot be checked: {exc.message}")
        covered = [r for r in found if r is not None]
        evidence = "; ".join(r.candidate for r in covered) or None
        if len(covered) == len(found):
            message = "the stated conditions hold at W_1 = U_k^T, W_2 = U_k"
            return self.passed(evidence, message, formulas=tuple(formulas))
        missing = [ref for ref, r in zip(self.references, found) if r is None]
        message = (self.feedback + " " if self.feedback else "") + (
            f"verified {len(covered)} of {len(found)} conditions; not stated: {'; '.join(missing)}"
        )
        return self.failed(evidence, message, points=self.points * len(covered) / len(found), formulas=tuple(formulas))


def _mentions(node) -> set[str]:  # type: ignore[no-untyped-def]
    from ..algebra import Statement

    return Statement("expression", node).mentions()
