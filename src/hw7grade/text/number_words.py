"""Small numbers in words, one table for the options ("two" linear layers) and the labels
("question seven") that are written that way."""

from __future__ import annotations

import re
from functools import lru_cache

from ..regexes import regex

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


_UNITS = {word: int(digits) for digits, word in NUMBER_WORDS.items()} | {
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, "hundred", "thousand"], key=len, reverse=True))
_SPELLED_RE = regex(
    rf"\b(?:{_NUMBER_WORD})"
    rf"(?:(?:[ \t-]{{1,3}}|(?:(?<=hundred)|(?<=thousand))[ \t]{{1,3}}and[ \t]{{1,3}})(?:{_NUMBER_WORD}))*\b",
    re.I,
)
"""A run of number words ("three hundred and forty-one"), read in one pass; "and" joins only after
"hundred" or "thousand"."""
_JOIN_RE = regex(r"[ \t-]{1,3}")
SPELLED_CACHE_SIZE = 256
"""Answers remembered: each of a part's numbers checks reads the same answer."""


@lru_cache(maxsize=SPELLED_CACHE_SIZE)
def spelled_as_digits(text: str) -> str:
    """`text` with numbers said in words written in digits ("ninety-four percent in twenty-six
    seconds" -> "94 percent in 26 seconds"), for answers read aloud; a run of words that names no
    one number ("two three") stays as it is. One pass over the text."""
    return _SPELLED_RE.sub(_digits, text)


def _digits(m: re.Match[str]) -> str:
    words = [w for w in _JOIN_RE.split(m.group().casefold()) if w]
    value = _value(words)
    return m.group() if value is None else str(value)


def _value(words: list[str]) -> int | None:
    """The number a run of words names, or None when they name no one number ("two three")."""
    total = current = 0
    last = None  # "unit", "ten", "hundred", "thousand"
    for word in words:
        if word == "and":
            continue  # (only after "hundred" or "thousand": see `_SPELLED_RE`)
        if word in _TENS:
            if last in ("unit", "ten") or current % 100:
                return None
            current += _TENS[word]
            last = "ten"
        elif word in _UNITS:
            if last == "unit" or (last == "ten" and not 0 < _UNITS[word] < 10) or (current % 100 and last != "ten"):
                return None
            current += _UNITS[word]
            last = "unit"
        elif word == "hundred":
            if last != "unit" or current >= 10:
                return None
            current *= 100
            last = "hundred"
        else:  # thousand
            if current == 0 or total:
                return None
            total, current, last = current * 1000, 0, "thousand"
    return total + current if last is not None else None
