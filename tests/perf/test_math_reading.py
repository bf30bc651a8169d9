"""`math_equiv`'s lazy reading of an answer gives exactly what reading every statement first gives.

The check reads snippets only as far as the references need, skips those that cannot hold an
equivalent statement (a symbol the reference needs is missing, a gradient with respect to the
other variable, a shape that cannot match) and never reads past the first equivalent one. Here it
is compared with the eager form it replaced (every statement parsed and evaluated, then ranked) on
generated answers mixing right, wrong, scaled, transposed, scalar, unreadable and oversized
statements in random order.
"""

from __future__ import annotations

import random

import pytest

from hw7grade.algebra import Deadline, MathError, answer_statements, normalise_table
from hw7grade.algebra.matching import best_for_reference, prepared_cache
from hw7grade.algebra.memo import clear_memos
from hw7grade.checks import CheckContext
from hw7grade.checks.base import matrix_formula
from hw7grade.checks.math_equiv import MathEquivCheck, _describe
from hw7grade.rubric.course import default_course

HW7_SHAPES = dict(default_course().shapes)
"""The bundled course file's shapes (X, W_1, W_2, U_k)."""

CASES = 150
SNIPPETS = [
    r"$$\nabla_{W_1}\mathcal{L} = -2W_2^\top (X - W_2 W_1 X) X^\top$$",
    r"$$\nabla_{W_1} L = 2W_2^T (W_2 W_1 - I) X X^T$$",
    r"$$\nabla_{W_1} L = W_2^T (W_2 W_1 - I) X X^T$$",
    r"$$\nabla_{W_1} L = 2 (W_2 W_1 - I) X X^T W_1^T$$",
    r"$$\nabla_{W_2} L = 2 (W_2 W_1 - I) X X^T W_1^T$$",
    r"$$\nabla_{W_2} L = -2 (X - W_2 W_1 X)(W_1 X)^\top = 0$$",
    r"$$\nabla_{W_2} L = 2 W_2^T (W_2 W_1 - I) X X^T$$",
    r"$$(X - W_2 W_1 X)(W_1 X)^\top = 0$$",
    r"$$W_2^\top (X - W_2 W_1 X) X^\top = 0$$",
    r"$$X X^\top (W_2 W_1 - I)^\top W_2 = 0$$",
    r"$$\mathrm{tr}(X^\top W_2 W_1 X) = \mathrm{tr}(W_1 X X^\top W_2)$$",
    r"$\mathcal{L}(W_1, W_2) = \|X - W_2 W_1 X\|_F^2$",
    r"$X \in \mathbb{R}^{m \times n}$",
    r"$W_1 \in \mathbb{R}^{k \times m}$",
    r"$\hat{X} = W_2 W_1 X$",
    r"$W_2^T W_2 W_1 X X^T = W_2^T X X^T$",
    r"$W_2 W_1 X X^T W_1^T = X X^T W_1^T$",
    r"$W_1 W_2 = I$",
    r"$I - W_2 W_1 = 0$",
    r"$A B^\top = C$",
    r"$X X^T W_1 = 0$",
    r"$\frac{\partial L}{\partial W_1} = 2 W_2^\top W_2 W_1 X X^\top - 2 W_2^\top X X^\top$",
    r"$\mathrm{tr}(I) + \mathrm{tr}(I) + \mathrm{tr}(I) + \mathrm{tr}(I) + \mathrm{tr}(I) + \mathrm{tr}(I) = 0$",
    "so W_2^T (W_2 W_1 - I) X X^T = 0 holds",
    "then W2 W1 X X^T W1^T = X X^T W1^T as well",
    r"$(W_2 W_1 -$",
    "Setting both gradients to zero gives the conditions.",
]
REFERENCES = [
    [r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top"],
    [r"\nabla_{W_2}\mathcal{L} = 2 (W_2 W_1 - I) X X^\top W_1^\top"],
    [
        r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top",
        r"\nabla_{W_2}\mathcal{L} = 2 (W_2 W_1 - I) X X^\top W_1^\top",
    ],
    [r"W_2^\top W_2 W_1 X X^\top = W_2^\top X X^\top"],
    [r"\mathrm{tr}(W_1 X X^\top W_2)"],
]


def eager_run(check: MathEquivCheck, ctx: CheckContext):  # type: ignore[no-untyped-def]
    """The check as it was: every statement parsed and evaluated before any reference is looked at
    (a `limit` while evaluating is reported as such rather than escaping from the check)."""
    too_long = check.unscored("the answer's formulas took too long to check")
    deadline = Deadline()
    table = normalise_table(ctx.shapes)
    statements, _errors = answer_statements(ctx.answer, table, deadline)
    if not statements:
        return check.failed(None, check.feedback or "the answer states no formula that could be read")
    try:
        cache = prepared_cache(statements, table, deadline)
    except MathError:
        return too_long
    results = []
    for ref in check.references:
        try:
            results.append(best_for_reference(ref, cache, table, deadline))
        except MathError as exc:
            if exc.status == "limit":
                return too_long
            return check.unscored(f"reference {ref!r} cannot be checked: {exc.message}")
    good = [r for r in results if r.equivalent]
    near = [r for r in results if r.status in ("equivalent", "scalar_multiple")]
    enough = len(good) == len(results) if check.require == "all" else bool(good)
    evidence = "; ".join(r.candidate for r in (good or near or results) if r.candidate and r.on_point) or None
    formulas = tuple(matrix_formula(r.expected, r.found, r.status, table) for r in results if r.expected)
    if enough:
        return check.passed(evidence, "equivalent to the reference", formulas=formulas)
    partial = len(near) == len(results) if check.require == "all" else bool(near)
    message = "; ".join(_describe(r) for r in results if not r.equivalent)
    if partial and check.scalar_multiple_points:
        points = min(check.scalar_multiple_points, check.points)
        return check.failed(evidence, message, points=points, formulas=formulas)
    return check.failed(evidence, (check.feedback + " " if check.feedback else "") + message, formulas=formulas)


@pytest.mark.parametrize("seed", range(4))
def test_lazy_reading_gives_the_eager_verdicts(seed: int) -> None:
    rng = random.Random(seed)
    verdicts = set()
    for _ in range(CASES):
        answer = "\n".join(rng.choice(SNIPPETS) for _ in range(rng.randint(0, 9)))
        check = MathEquivCheck(
            points=2,
            references=rng.choice(REFERENCES),
            require=rng.choice(["all", "any"]),
            scalar_multiple_points=rng.choice([0, 1]),
            feedback=rng.choice(["", "State the condition."]),
        )
        ctx = CheckContext(answer=answer, shapes=HW7_SHAPES)
        clear_memos()
        lazy = check.run(ctx)
        clear_memos()
        eager = eager_run(check, ctx)
        assert lazy == eager, answer
        verdicts.add((lazy.status, lazy.message[:20]))
    # The generated answers reach passes, scalar-multiple credit, misses, no formula and the limit.
    assert {status for status, _ in verdicts} == {"passed", "failed", "unscored"}


PCA_SNIPPETS = SNIPPETS + [
    r"$W_1 = U_k^\top$",
    r"$U_k^\top U_k = I$",
    "W₂ W₁ X Xᵀ W₁ᵀ = X Xᵀ W₁ᵀ",
    r"$\mathbf{W}_{2}^{\top} \mathbf{W}_2 = I$",
    r"$X X^\top U_k = U_k \Lambda$",
]


@pytest.mark.parametrize("names", [("W_1", "W_2"), ("U_k",), ("X",), ("W_2",)])
def test_statements_mentioning_keeps_every_statement_that_does(names: tuple[str, ...]) -> None:
    from hw7grade.algebra.matching import statements_mentioning

    rng = random.Random(names[0])
    table = normalise_table(HW7_SHAPES)
    kept = 0
    for _ in range(CASES):
        answer = "\n".join(rng.choice(PCA_SNIPPETS) for _ in range(rng.randint(0, 9)))
        clear_memos()
        every, _errors = answer_statements(answer, table, Deadline())
        some = statements_mentioning(answer, names, table, Deadline())
        expected = [(c, s) for c, s in every if s.mentions() & set(names)]
        assert [(c, s) for c, s in some if s.mentions() & set(names)] == expected, answer
        kept += len(expected)
    assert kept  # the generated answers do mention the names
