"""`pca_satisfies` on q3b.ii-style answers (our own texts, modelled on the seed transcripts)."""

from __future__ import annotations

import pytest

from hw7grade.algebra import HW7_SHAPES
from hw7grade.checks import CheckContext
from hw7grade.checks.pca_satisfies import PcaSatisfiesCheck

SPEC = PcaSatisfiesCheck(
    points=2,
    references=[
        r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top",
        r"\nabla_{W_2}\mathcal{L} = 2 (W_2 W_1 - I) X X^\top W_1^\top",
    ],
)

RESIDUAL_ARGUMENT = r"""Take $W_1 = \mathbf{U}_k^T$ and $W_2 = \mathbf{U}_k$, with $\mathbf{U}_k^T \mathbf{U}_k = I_k$.

Condition 1:
$$(\mathbf{X} - W_2 W_1 \mathbf{X})(W_1 \mathbf{X})^\top = (\mathbf{X} - \mathbf{U}_k \mathbf{U}_k^\top \mathbf{X})(\mathbf{U}_k^\top \mathbf{X})^\top = 0$$
because the residual is orthogonal to the span of the top eigenvectors.

Condition 2:
$$W_2^\top (\mathbf{X} - W_2 W_1 \mathbf{X}) \mathbf{X}^\top = \mathbf{U}_k^\top (\mathbf{X} - \mathbf{U}_k \mathbf{U}_k^\top \mathbf{X}) \mathbf{X}^\top = 0$$
"""  # noqa: E501  # the answer as a model wrote it: display math on one line

EQUATION_FORM = r"""Substituting $W_1 = U_k^\top$, $W_2 = U_k$ and using $X X^\top U_k = U_k S^2$:

**Condition 1:** $W_2^\top W_2 W_1 X X^\top = W_2^\top X X^\top$

$$W_2^\top W_2 W_1 X X^\top = U_k^\top U_k U_k^\top X X^\top = I_k U_k^\top X X^\top = U_k^\top X X^\top = W_2^\top X X^\top$$

**Condition 2:** $W_2 W_1 X X^\top W_1^\top = X X^\top W_1^\top$

$$W_2 W_1 X X^\top W_1^\top = U_k U_k^\top X X^\top U_k = U_k U_k^\top U_k S^2 = U_k S^2 = X X^\top U_k$$
"""  # noqa: E501  # the answer as a model wrote it: display math on one line

WRONG_CONDITION = r"""With $W_1 = U_k^T$, $W_2 = U_k$ the optimality conditions $(W_2 W_1 - I) X X^T = 0$ and
$W_2^T (W_2 W_1 - I) X X^T = 0$ both hold, since $U_k^T U_k = I$."""

FALSE_STEP = r"""Substitute $W_1 = U_k^T$, $W_2 = U_k$. Then $W_2 W_1 = I$, so
$W_2^T (W_2 W_1 - I) X X^T = 0$ and $(W_2 W_1 - I) X X^T W_1^T = 0$."""

ONE_CONDITION = (
    r"""Substitute $W_1 = U_k^T$, $W_2 = U_k$: $W_2^T (W_2 W_1 - I) X X^T = U_k^T (U_k U_k^T - I) X X^T = 0$."""
)

SUBSTITUTED_THEN_ZERO = r"""Let $W_1 = U_k^\top$ and $W_2 = U_k$.

Condition 1: $$(X - W_2 W_1 X)(W_1 X)^\top = (X - U_k U_k^\top X)(U_k^\top X)^\top$$
which simplifies to $$(X - U_k U_k^\top X)(X^\top U_k) = 0$$ since the residual is orthogonal to U_k.

Condition 2: $$W_2^\top (X - W_2 W_1 X) X^\top = U_k^\top (X - U_k U_k^\top X) X^\top = 0$$
"""

NO_CONDITIONS = "PCA gives the best rank-k reconstruction, so the principal components must satisfy the conditions."

TABLE = [
    ("residual argument", RESIDUAL_ARGUMENT, "passed", 2),
    ("equation form with eigen relation", EQUATION_FORM, "passed", 2),
    ("a wrong condition shown to hold", WRONG_CONDITION, "failed", 0),
    ("a false step", FALSE_STEP, "failed", 0),
    ("one condition", ONE_CONDITION, "failed", 1),
    ("substituted, then zero on a later line", SUBSTITUTED_THEN_ZERO, "passed", 2),
    ("no conditions", NO_CONDITIONS, "failed", 0),
]


@pytest.mark.parametrize("name, answer, status, points", TABLE, ids=[t[0] for t in TABLE])
def test_pca_satisfies(name, answer, status, points):
    result = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert (result.status, result.points) == (status, points), result


def test_false_statement_is_named():
    result = SPEC.run(CheckContext(answer=FALSE_STEP, shapes=HW7_SHAPES))
    assert "W_2 W_1 = I" in result.message and "false" in result.message


def test_missing_condition_is_named():
    result = SPEC.run(CheckContext(answer=ONE_CONDITION, shapes=HW7_SHAPES))
    assert "1 of 2" in result.message and "W_2}" in result.message
