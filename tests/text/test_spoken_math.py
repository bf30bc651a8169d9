"""Matrix algebra said in words, written in symbols for the algebra layer."""

from __future__ import annotations

import pytest

from hw7grade.text.spoken_math import spoken_as_math


@pytest.mark.parametrize(
    "said, written",
    [
        (
            "The gradient with respect to W one is two, times W two transpose, times the quantity W two W one "
            "minus the identity, times X X transpose.",
            "∇_{W_1} L = 2 W_2^T (W_2 W_1 - I) X X^T.",
        ),
        (
            "The gradient with respect to W two is two, times the quantity W two W one minus the identity, "
            "times X X transpose, times W one transpose.",
            "∇_{W_2} L = 2 (W_2 W_1 - I) X X^T W_1^T.",
        ),
        (
            "Set W one equal to U k transpose. Then W two W one equals U k U k transpose.",
            "Set W_1 = U_k^T. Then W_2 W_1 = U_k U_k^T.",
        ),
        (
            "two times W two transpose times the quantity W two W one minus I times X X transpose equals zero",
            "2 W_2^T (W_2 W_1 - I) X X^T = 0",
        ),
        ("X X transpose times U k equals U k D k", "X X^T U_k = U_k D_k"),
    ],
)
def test_spoken_as_math(said, written):
    assert spoken_as_math(said) == written


@pytest.mark.parametrize(
    "text",
    [
        "The answer is W_1 = U_k^T, that is W one equals U k transpose.",  # symbols written: read as they are
        "Two times the learning rate is too large.",  # no matrix named in words
        "",
    ],
)
def test_text_with_symbols_or_no_spoken_matrix_is_unchanged(text):
    assert spoken_as_math(text) == text
