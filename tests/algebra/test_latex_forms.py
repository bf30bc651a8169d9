"""LaTeX as models write it (issue 16): each form below failed to parse before."""

from __future__ import annotations

import pytest

from hw7grade.algebra import compare
from hw7grade.checks.base import CheckContext
from hw7grade.checks.math_equiv import MathEquivCheck
from hw7grade.rubric.course import default_course

HW7_SHAPES = dict(default_course().shapes)
"""The bundled course file's shapes (X, W_1, W_2, U_k)."""

G1 = r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top"


@pytest.mark.parametrize(
    "reference, candidate, status",
    [
        (r"(W_1 X)^T", r"\mathbf{X}^\top\mathbf{W}_1^\top", "equivalent"),  # ^\top then a macro
        (r"(W_1 X)^T", r"X^\top\mathbf{W}_1^\intercal", "equivalent"),
        (r"(W_1 X)^T", "X^⊤ W₁′", "equivalent"),  # Unicode ⊤, subscript digit, prime
        (r"(W_1 X)^T", "Xᵀ·W₁ᵀ", "equivalent"),
        # MATLAB's ASCII prime right after what it transposes
        (r"(W_1 X)^T", "X'*W1'", "equivalent"),
        (r"(W_1 X)^T", "(W1*X)'", "equivalent"),
        (r"(W_1 X)^T", "W1*X'", "shape_error"),  # k×m times n×m
        (r"W_2^T - W_1", "W₂ᵀ − W₁ × 1", "equivalent"),
        (r"(W_1 X)^T", r"\left( \mathbf{W}_1 X \right)^\top", "equivalent"),
        (r"(W_1 X)^T", r"\big( W_1 X \big)^T", "equivalent"),
        (r"\operatorname{tr}(X^T W_1^T W_1 X)", r"\|W_1 X\|_F^2", "equivalent"),
        (r"\operatorname{tr}(X^T W_1^T W_1 X)", r"\mathrm{tr}(X^\top W_1^\top W_1 X)", "equivalent"),
        (r"\operatorname{tr}(X^T W_1^T W_1 X)", r"\text{tr}(W_1 X X^\top W_1^\top)", "equivalent"),
        (r"\operatorname{tr}(X^T W_1^T W_1 X)", r"\frac{1}{2}\lVert W_1 X\rVert_{F}^{2}", "scalar_multiple"),
        (r"\operatorname{tr}(X^T W_1^T W_1 X)", "‖W₁X‖_F^2", "equivalent"),
        (r"\operatorname{tr}(X^T W_1^T W_1 X)", r"\|W_1 X\|_F", "unsupported"),  # not a polynomial
        (G1, r"\nabla_{W_1} L = 2W_2^\top W_2 W_1 XX^\top - 2 W_2^\top XX^\top = 0", "equivalent"),  # a chain
    ],
)
def test_forms(reference, candidate, status):
    assert compare(reference, candidate, HW7_SHAPES).status == status


CHECK = MathEquivCheck(references=[G1], points=2)


@pytest.mark.parametrize(
    "answer, evidence",
    [
        (
            r"Let $\Sigma = XX^\top$. Then $\nabla_{W_1} L = 2W_2^\top(W_2W_1 - I)\Sigma$.",
            r"\nabla_{W_1} L = 2W_2^\top(W_2W_1 - I)\Sigma (with \Sigma = XX^\top)",
        ),
        ("where A := W₂W₁, the gradient is ∇_{W_1} L = 2W₂ᵀ(A − I)XXᵀ", "∇_{W_1} L = 2W₂ᵀ(A − I)XXᵀ (with A := W₂W₁)"),
        (
            r"Denote $D = \Sigma\Sigma^\top$ and let $\Sigma = X$. Then $\nabla_{W_1} L = 2W_2^\top(W_2W_1 - I)D$.",
            r"\nabla_{W_1} L = 2W_2^\top(W_2W_1 - I)D (with D = \Sigma\Sigma^\top)",
        ),
        (  # no cue word: a new name equated to the answer's matrices is still its shorthand
            r"Since $\Sigma = XX^\top$, $\nabla_{W_1} L = 2W_2^\top(W_2W_1 - I)\Sigma$.",
            r"\nabla_{W_1} L = 2W_2^\top(W_2W_1 - I)\Sigma (with \Sigma = XX^\top)",
        ),
    ],
)
def test_shorthand_definitions_are_substituted_and_quoted(answer, evidence):
    result = CHECK.run(CheckContext(answer, shapes=HW7_SHAPES))
    assert (result.status, result.evidence) == ("passed", evidence)


def test_an_undefined_shorthand_is_not_guessed():
    result = CHECK.run(CheckContext(r"Then $\nabla_{W_1} L = 2W_2^\top(W_2W_1 - I)\Sigma$.", shapes=HW7_SHAPES))
    assert result.status == "failed" and "unknown matrix symbol Sigma" in result.message


def test_a_name_equated_to_other_new_names_without_a_cue_is_not_shorthand():
    answer = r"Here $\Sigma = D^2$ and $\nabla_{W_1} L = 2W_2^\top(W_2W_1 - I)\Sigma$."
    result = CHECK.run(CheckContext(answer, shapes=HW7_SHAPES))
    assert result.status == "failed" and "unknown matrix symbol Sigma" in result.message


def test_aligned_block_rows_are_statements():
    answer = (
        "$$\\begin{aligned}\n\\nabla_{W_1} L &= 2W_2^\\top(W_2W_1 - I)XX^\\top \\\\\n"
        "\\nabla_{W_2} L &= 2(W_2W_1 - I)XX^\\top W_1^\\top\n\\end{aligned}$$"
    )
    assert CHECK.run(CheckContext(answer, shapes=HW7_SHAPES)).status == "passed"
    starred = answer.replace("$$\\begin{aligned}", "\\begin{align*}").replace("\\end{aligned}$$", "\\end{align*}")
    assert CHECK.run(CheckContext(starred, shapes=HW7_SHAPES)).status == "passed"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("V₁ = W₁U (k×m)", "V_1 = W_1 U"),  # a shape note is not a product
        (r"V_2 = U^T W_2 (m \times k)", "V_2 = U^T W_2"),
        (r"V_1 := W_1U \;(k\times m)", "V_1 = W_1 U"),  # a LaTeX space is a space
        (r"V_1 = W_1U\,(k\times m)", "V_1 = W_1 U"),
        (r"W_2 = U_k \ (m\times k)", "W_2 = U_k"),  # after a matrix with a letter subscript too
        (r"(C1) V_2^T D = 0", "V_2^T D = 0"),  # an equation tag is not a factor
        (r"(W1)^T X = 0", "W_1^T X = 0"),  # ...but a matrix in parentheses is kept
        (r"2 (k \times m)", "2 (k m)"),  # sizes after a number are a product
    ],
)
def test_shape_notes_and_equation_tags(text, expected):
    from hw7grade.algebra import parse_statements
    from hw7grade.algebra.nodes import render

    (statement,), _ = parse_statements(text, HW7_SHAPES)
    shown = render(statement.lhs) + ("" if statement.rhs is None else " = " + render(statement.rhs))
    assert shown == expected


def test_a_chain_rule_through_a_shorthand_is_set_aside_not_misread():
    # `W2^T * dL/dA` is no product of d, L and A: read as one, the sentence would state a wrong
    # W_1 gradient before the right one below it.
    answer = (
        "Write A = W2 W1 and S = X X^T.\n\ndL/dW1 = W2^T * dL/dA,  with dL/dA = 2 (A - I) S.\n\n"
        "So\n   grad_W1 L = 2 W2^T (W2 W1 - I) X X^T = 0\n"
    )
    assert CHECK.run(CheckContext(answer, shapes=HW7_SHAPES)).status == "passed"
