"""Numbers said in words, written in digits for the numbers check."""

from __future__ import annotations

import pytest

from hw7grade.text.number_words import spelled_as_digits


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ninety-four percent in twenty-six seconds", "94 percent in 26 seconds"),
        ("three hundred and forty-one seconds", "341 seconds"),
        ("three hundred forty one seconds", "341 seconds"),
        ("five minutes and forty-one seconds", "5 minutes and 41 seconds"),
        ("one thousand two hundred", "1200"),
        ("twenty and thirty", "20 and 30"),
        # runs that name no one number stay as they are
        ("two three", "two three"),
        ("forty twenty", "forty twenty"),
        ("no numbers here", "no numbers here"),
    ],
)
def test_spelled_as_digits(text, expected):
    assert spelled_as_digits(text) == expected
