"""The lexer: which characters of a formula become which tokens."""

from __future__ import annotations

import pytest

from hw7grade.algebra.lexer import tokenize


@pytest.mark.parametrize(
    "text, tokens",
    [
        (
            "U_k Lambda_k",
            [("letter", "U"), ("op", "_"), ("letter", "k"), ("greek", "Lambda"), ("op", "_"), ("letter", "k")],
        ),
        (r"\Lambda_k", [("greek", "Lambda"), ("op", "_"), ("letter", "k")]),
        ("Sigma^2", [("greek", "Sigma"), ("op", "^"), ("num", "2")]),
        # A Greek name inside a longer word is letters, and short names are products of letters.
        ("Lambdas", [("letter", c) for c in "Lambdas"]),
        ("mu", [("letter", "m"), ("letter", "u")]),
        ("Sig", [("greek", "Sigma")]),  # an ASCII shorthand of a capital Greek name
        ("Signal", [("letter", c) for c in "Signal"]),
    ],
)
def test_greek_names_spelled_out_are_one_token(text, tokens):
    assert [(t.kind, t.text) for t in tokenize(text)] == tokens


@pytest.mark.parametrize(
    "text, kept",
    [
        ("A B = 0 (k×m)", "AB=0"),  # a zero of that shape
        ("A B (k×m) = 0", "AB=0"),  # a product of that shape
        ("A = c (k×m)", "A=c(ktimesm)"),  # after a scalar, the sizes multiply
        ("V2 := Uᵀ W2  (m×k)", "V2=U^TW2"),  # after a matrix whose subscript has no `_`
        ("A = 2 B Σ    (k×m)", "A=2BSigma"),  # after a capital Greek letter, a matrix
        ("A = c2 (k×m)", "A=c2(ktimesm)"),  # a scalar with a number is still a scalar
        (r"D := SS^\top \ (\text{diagonal, } m\times m)", "D=SS^top"),  # words beside the sizes
    ],
)
def test_shape_notes_are_dropped_after_a_matrix_or_a_zero(text, kept):
    assert "".join(t.text for t in tokenize(text)) == kept


@pytest.mark.parametrize(
    "text, kept",
    [
        ("A := B C", "A=BC"),
        ("B C =: A", "BC=A"),
        ("W2^T W2 W1 X X^T  =? W2^T X X^T", "W2^TW2W1XX^T=W2^TXX^T"),  # the equation to be checked
        ("is A = B ?", "isA=B?"),  # a question mark after a space stays a separator
        # a relation with a note set above or below it is the relation
        (r"A \overset{(1)}{=} B", "A=B"),
        (r"A \stackrel{\text{def}}{=} B C", "A=BC"),
        (r"A \underset{\uparrow}{=} B", "A=B"),
    ],
)
def test_equals_spellings(text, kept):
    assert "".join(t.text for t in tokenize(text)) == kept


@pytest.mark.parametrize(
    "text, same_as",
    [
        (r"\underbrace{W_1 U}_{V_1} - I", r"{W_1 U} - I"),  # the label under the brace is no subscript
        (r"\overbrace{U^\top W_2}^{V_2} D", r"{U^\top W_2} D"),
        (r"\underbrace{(U^\top W_2)^\top}_{V_2^\top} X", r"{(U^\top W_2)^\top} X"),  # a label in braces of its own
    ],
)
def test_a_brace_label_is_dropped(text, same_as):
    def kinds(t):
        return [(tok.kind, tok.text) for tok in tokenize(t)]

    assert kinds(text) == kinds(same_as)
