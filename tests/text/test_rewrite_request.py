"""A user's turn asking for the last answer again in another form."""

from __future__ import annotations

import pytest

from hw7grade.text.rewrite_request import asks_for_rewrite


@pytest.mark.parametrize(
    "turn, asks",
    [
        ("can you say that in one sentence?", True),
        ("even shorter, like 5-6 words for a slide", True),
        ("rephrase it so it sounds like me", True),
        ("give it to me as bullets", True),
        # a new question asked in a form, or "put it in" something, is no rewrite
        ("one line difference between ridge and lasso?", False),
        ("I want to put it in my writeup", False),
        ("perfect ty", False),
    ],
)
def test_asks_for_rewrite(turn, asks):
    assert asks_for_rewrite(turn) is asks
