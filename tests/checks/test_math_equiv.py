"""`math_equiv` on q3b.i-style answers (our own texts, modelled on the seed transcripts)."""

from __future__ import annotations

import pytest

from hw7grade.checks import CheckContext
from hw7grade.checks.math_equiv import MathEquivCheck
from hw7grade.rubric.course import default_course

HW7_SHAPES = dict(default_course().shapes)
"""The bundled course file's shapes (X, W_1, W_2, U_k)."""

G1 = r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top"
G2 = r"\nabla_{W_2}\mathcal{L} = 2 (W_2 W_1 - I) X X^\top W_1^\top"
W1 = MathEquivCheck(
    name="gradient_w1", points=2, scalar_multiple_points=1, references=[G1], feedback="Give the W_1 condition."
)
W2 = MathEquivCheck(
    name="gradient_w2", points=2, scalar_multiple_points=1, references=[G2], feedback="Give the W_2 condition."
)
BOTH = MathEquivCheck(name="both", points=4, references=[G1, G2])
EITHER = MathEquivCheck(name="either", points=1, references=[G1, G2], require="any")

CHATGPT_STYLE = r"""We minimise $$\mathcal{L}(W_1, W_2; X) = \|\mathbf{X} - W_2 W_1 \mathbf{X}\|_F^2$$
with $W_1 \in \mathbb{R}^{k \times m}$ and $W_2 \in \mathbb{R}^{m \times k}$.

Gradient with respect to W_2:

$$\nabla_{W_2} \mathcal{L} = -2(\mathbf{X} - W_2 W_1 \mathbf{X})(W_1 \mathbf{X})^\top = 0$$

Working it out:
$$\begin{aligned}
 \nabla_{W_2} L &= \nabla_{W_2} \text{tr}(XX^T + W_2 W_1 X X^T W_1^T W_2^T - 2W_2 W_1 X X^T) \\
 &= 2(W_1 X X^T W_1^T W_2^T)^T - 2(W_1 X X^T)^T \quad \text{(product rule)} \\
 &= 2(W_2 W_1 - I) X X^T W_1^T
\end{aligned}$$

Gradient with respect to W_1:

$$\nabla_{W_1} \mathcal{L} = -2W_2^T (\mathbf{X} - W_2 W_1 \mathbf{X}) \mathbf{X}^T = 0$$
"""

CURSOR_STYLE = r"""**Part (i): first-order conditions**

Expanding the loss, $L = \mathrm{tr}(X^\top X) - 2\,\mathrm{tr}(X^\top W_2 W_1 X) + \mathrm{tr}(X^\top W_1^\top W_2^\top W_2 W_1 X)$.

$$\frac{\partial L}{\partial W_1} = -2 W_2^\top X X^\top + 2 W_2^\top W_2 W_1 X X^\top$$

$$\frac{\partial L}{\partial W_2} = -2 X X^\top W_1^\top + 2 W_2 W_1 X X^\top W_1^\top$$

Setting both to zero:

$$W_2^\top W_2 W_1 X X^\top = W_2^\top X X^\top \quad \text{(Condition 1)}$$

$$W_2 W_1 X X^\top W_1^\top = X X^\top W_1^\top \quad \text{(Condition 2)}$$
"""  # noqa: E501  # the answer as a model wrote it: display math on one line

PLAIN_STYLE = """The two conditions are
W_2^T (W_2 W_1 - I) X X^T = 0
(W_2 W_1 - I) X X^T W_1^T = 0
"""

GRAM_WRONG_SIDE = (
    r"$$\nabla_{W_1} L = 2 W_2^T (W_2 W_1 - I) X^T X = 0$$ and $$\nabla_{W_2} L = 2 (W_2 W_1 - I) X^T X W_1^T = 0$$"
)
WRONG_ORDER = r"$$\nabla_{W_1} L = 2 W_2^T (W_1 W_2 - I) X X^T$$"
WRONG_WRT = r"$$\nabla_{W_2} L = 2 W_2^T (W_2 W_1 - I) X X^T$$ $$\nabla_{W_1} L = 2 (W_2 W_1 - I) X X^T W_1^T$$"
SIGN_ONLY = r"$$\nabla_{W_1} L = 2 W_2^T (X - W_2 W_1 X) X^T$$"
FACTOR_ONLY = r"$$\frac{\partial L}{\partial W_2} = (W_2 W_1 - I) X X^T W_1^T$$"
ONLY_W1 = r"The encoder condition: $$W_2^T (X - W_2 W_1 X) X^T = 0$$"
NO_MATH = "The gradients vanish at the optimum, which gives the usual normal equations."
RIGHT_THEN_RESTATED_WRONG = r"""The chain rule gives $$\nabla_{W_1} L = -2 W_2^T (X - W_2 W_1 X) X^T$$
and collecting the data terms, $$\nabla_{W_1} L = 2 W_2^T (W_2 W_1 - I) X^T X$$
"""
CHAIN_ENDING_WRONG = r"""$$\nabla_{W_1} L = -2 W_2^\top (X - W_2 W_1 X) X^\top = 2 W_2^\top (W_2 W_1 - I) X^\top X$$"""
CHAIN_ENDING_RIGHT = r"""$$\nabla_{W_1} L = -2 W_2^\top (X - W_2 W_1 X) X^\top = 2 W_2^\top (W_2 W_1 - I) X X^\top$$"""
WRONG_THEN_RESTATED_RIGHT = """∇_{W1} L = 2 W2ᵀ (W2W1 - I) XᵀX

Oops, the shapes do not match; fixing it,
∇_{W1} L = 2 W2ᵀ (W2W1 - I) XXᵀ
"""
RIGHT_THEN_EVALUATED = r"""$$\nabla_{W_1} L = 2 W_2^\top (W_2 W_1 - I) X X^\top$$

At the PCA point, $$\nabla_{W_1} L = 2 U_k^\top \cdot 0 \cdot X X^\top = 0$$
"""

RIGHT_THEN_BOXED_WRONG = r"""$$\frac{\partial L}{\partial W_1} = -2 W_2^\top X X^\top + 2 W_2^\top W_2 W_1 X X^\top$$
Setting it to zero, the condition is $$\boxed{W_2 (W_2 W_1 - I) X X^\top = 0}$$
"""
WRONG_THEN_BOXED_RIGHT = r"""First try: $$W_2^\top (W_2 W_1 - I) X^\top X = 0$$ (the shapes clash), so
$$\boxed{W_2^\top (W_2 W_1 - I) X X^\top = 0}$$
"""
BOXED_SUMMARY_ONLY = r"""$$\nabla_{W_1} L = 2 W_2^\top (W_2 W_1 - I) X X^\top$$
Both conditions: $$\boxed{\nabla_{W_1} L = 0, \quad \nabla_{W_2} L = 0}$$
"""
BOXED_ALIGNED_BLOCK = r"""$$\nabla_{W_1} L = -2 W_2^\top (X - W_2 W_1 X) X^\top$$
so the conditions are
$$
\boxed{
\begin{aligned}
W_2^\top W_2 W_1\, XX^\top &= W_2^\top\, XX^\top, \\
W_2 W_1\, XX^\top W_1^\top &= XX^\top W_1^\top .
\end{aligned}}
$$
"""

TABLE = [
    ("chatgpt style, W_1", CHATGPT_STYLE, W1, "passed", 2),
    ("chatgpt style, W_2", CHATGPT_STYLE, W2, "passed", 2),
    ("cursor equations, W_1", CURSOR_STYLE, W1, "passed", 2),
    ("cursor equations, W_2", CURSOR_STYLE, W2, "passed", 2),
    ("plain text, both", PLAIN_STYLE, BOTH, "passed", 4),
    ("gram on the wrong side, W_1", GRAM_WRONG_SIDE, W1, "failed", 0),
    ("gram on the wrong side, W_2", GRAM_WRONG_SIDE, W2, "failed", 0),
    ("W_1 W_2 order", WRONG_ORDER, W1, "failed", 0),
    ("wrong variable, W_1", WRONG_WRT, W1, "failed", 0),
    ("wrong variable, W_2", WRONG_WRT, W2, "failed", 0),
    ("sign only", SIGN_ONLY, W1, "failed", 1),
    ("factor only", FACTOR_ONLY, W2, "failed", 1),
    ("factor only without part credit", FACTOR_ONLY, BOTH, "failed", 0),
    ("missing W_2 condition", ONLY_W1, BOTH, "failed", 0),
    ("missing W_2 condition, any", ONLY_W1, EITHER, "passed", 1),
    ("no formulas", NO_MATH, W1, "failed", 0),
    # The answer's last statement of a gradient is its answer; a right form before it was working.
    ("right, then restated wrong", RIGHT_THEN_RESTATED_WRONG, W1, "failed", 0),
    ("wrong, then restated right", WRONG_THEN_RESTATED_RIGHT, W1, "passed", 2),
    # So is a chain's last side: one that ends on a wrong form states it.
    ("a chain ending on a wrong form", CHAIN_ENDING_WRONG, W1, "failed", 0),
    ("a chain ending on the right form", CHAIN_ENDING_RIGHT, W1, "passed", 2),
    ("right, then evaluated at a point", RIGHT_THEN_EVALUATED, W1, "passed", 2),
    # A boxed statement that can say the reference is the answer's final word on it.
    ("right derivation, wrong condition boxed", RIGHT_THEN_BOXED_WRONG, W1, "failed", 0),
    ("wrong first try, right condition boxed", WRONG_THEN_BOXED_RIGHT, W1, "passed", 2),
    ("a boxed summary without the data leaves the derivation", BOXED_SUMMARY_ONLY, W1, "passed", 2),
    ("each row of a boxed aligned block is boxed, W_1", BOXED_ALIGNED_BLOCK, W1, "passed", 2),
    ("each row of a boxed aligned block is boxed, W_2", BOXED_ALIGNED_BLOCK, W2, "passed", 2),
]


@pytest.mark.parametrize("name, answer, spec, status, points", TABLE, ids=[t[0] for t in TABLE])
def test_math_equiv(name, answer, spec, status, points):
    result = spec.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert (result.status, result.points) == (status, points), result


def test_messages_name_the_problem():
    shape = W1.run(CheckContext(answer=GRAM_WRONG_SIDE, shapes=HW7_SHAPES))
    assert "shape error" in shape.message and "inner dimensions m and n differ" in shape.message
    wrong = W1.run(CheckContext(answer=WRONG_WRT, shapes=HW7_SHAPES))
    assert "wrong variable" in wrong.message and "with respect to W_2" in wrong.message
    sign = W1.run(CheckContext(answer=SIGN_ONLY, shapes=HW7_SHAPES))
    assert "scalar multiple" in sign.message and "-1 times" in sign.message


def test_evidence_is_the_matching_formula():
    result = W2.run(CheckContext(answer=CURSOR_STYLE, shapes=HW7_SHAPES))
    assert result.evidence is not None and "W_1^\\top" in result.evidence


def test_unreadable_reference_is_unscored_not_failed():
    spec = MathEquivCheck(points=1, references=[r"\nabla_{W_1} L = 2 Q W_1"])
    result = spec.run(CheckContext(answer=PLAIN_STYLE, shapes=HW7_SHAPES))
    assert result.status == "unscored" and "Q" in result.message


def test_shapes_default_to_hw7_when_the_rubric_gives_none():
    assert W1.run(CheckContext(answer=PLAIN_STYLE, shapes=HW7_SHAPES)).status == "passed"


def test_q3b_rubric_uses_the_default_shapes_and_these_checks():
    from pathlib import Path

    from hw7grade.rubric.model import load_rubric_file

    rubric = load_rubric_file(Path(__file__).parents[2] / "rubrics" / "q3b.yaml")
    assert {k: tuple(v) for k, v in rubric.shapes.items()} == HW7_SHAPES
    types = {p.id: [c.type for c in p.checks] for p in rubric.parts}
    assert types == {
        "q3b.i": ["math_equiv", "math_equiv"],
        "q3b.ii": ["pca_satisfies", "concepts", "shown", "forbidden", "forbidden"],
    }


def test_an_identity_used_as_a_step_is_no_answer_of_the_part():
    """ "Use ‖A‖²_F = tr(AᵀA) with A = X − W₂W₁X": a step of working that holds for all matrices names no
    condition, so it is neither the answer's evidence nor an answer to grade."""
    hint = r"Hint: use $\|A\|_F^2 = \operatorname{tr}(A^\top A)$ with $A = X - W_2 W_1 X$, then perturb $W_1$."
    result = W1.run(CheckContext(answer=hint, shapes=HW7_SHAPES))
    assert result.status == "failed" and result.evidence is None
    assert "an identity" in result.message
