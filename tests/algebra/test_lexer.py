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
    ],
)
def test_greek_names_spelled_out_are_one_token(text, tokens):
    assert [(t.kind, t.text) for t in tokenize(text)] == tokens
