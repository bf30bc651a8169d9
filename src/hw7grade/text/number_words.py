"""Small numbers in words, one table for the options ("two" linear layers) and the labels
("question seven") that are written that way."""

from __future__ import annotations

NUMBER_WORDS = {
    "0": "zero",
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
    "10": "ten",
    "11": "eleven",
    "12": "twelve",
}


def number_word(label: str) -> str | None:
    """ "two" for "2" (small integers only), so number words count for numeric options."""
    return NUMBER_WORDS.get(label.strip())
