"""Matrix algebra said in words, as a voice assistant or a dictating student writes it ("two times W
two transpose times the quantity W two W one minus the identity, times X X transpose"), written in
symbols ("2 W_2^T (W_2 W_1 - I) X X^T") so the algebra layer can read it. Only a paragraph with no
symbolic math in it is read this way; each rule is one pass of a bounded pattern."""

from __future__ import annotations

import re

from ..regexes import regex

_SPOKEN_MARK_RE = regex(r"\b[WU][ \t]{1,2}(?:sub[ \t]{1,2})?(?:one|two|k)\b")
"""A matrix named in words: "W one", "W sub two", "U k"."""
_SYMBOLIC_RE = regex(r"[_^$\\∇∂=]|\b[WU](?:[12₁₂]|_?k)\b|\b[WUX](?:ᵀ|\^)")
"""Symbolic math already in the text: it is read as written."""

_NAME_RE = regex(r"\b([WUD])[ \t]{1,2}(?:sub[ \t]{1,2})?(one|two|k)\b")
_INDEX = {"one": "1", "two": "2", "k": "k"}
_TRANSPOSE_OF_RE = regex(r"\bthe[ \t]{1,2}transpose[ \t]{1,2}of[ \t]{1,2}([WUX](?:_[12k])?)", re.I)
_TRANSPOSE_RE = regex(r"([WUX](?:_[12k])?|\))[ \t]{1,2}transposed?\b", re.I)
_IDENTITY_RE = regex(r"\b(?:the[ \t]{1,2})?identity(?:[ \t]{1,2}matrix)?\b", re.I)
_GRADIENT_RE = regex(
    r"\b(?:the[ \t]{1,2})?(?:gradient|derivative)(?:[ \t]{1,2}of[ \t]{1,2}(?:the[ \t]{1,2}loss|l|it))?"
    r"[ \t]{1,2}(?:with[ \t]{1,2}respect[ \t]{1,2}to|w\.r\.t\.?)[ \t]{1,2}(W_[12])[ \t]{1,2}(?:is|equals)\b",
    re.I,
)
_QUANTITY_RE = regex(r"\bthe[ \t]{1,2}quantity[ \t]{1,2}([^,.;:\n]{1,120}?)(?=,|[ \t]times\b|[.;:\n]|$)", re.I)
_COEFFICIENT_RE = regex(r"\b(?:negative[ \t]{1,2})?(two|four|one half)\b,?(?=[ \t]{1,2}times\b)", re.I)
_NUMBERS = {"two": "2", "four": "4", "one half": "1/2"}
_TIMES_RE = regex(r",?[ \t]{1,2}times\b", re.I)
_WORDS = (
    (regex(r"\bminus\b", re.I), "-"),
    (regex(r"\bplus\b", re.I), "+"),
    (regex(r"\b(?:is[ \t]{1,2}equal[ \t]{1,2}to|equals|is)[ \t]{1,2}zero\b", re.I), "= 0"),
    (regex(r"\b(?:equals|(?:is[ \t]{1,2})?equal[ \t]{1,2}to)\b", re.I), "="),
)


def spoken_as_math(paragraph: str) -> str:
    """The paragraph with its spoken matrix algebra in symbols, when it says some and writes none."""
    if not _SPOKEN_MARK_RE.search(paragraph) or _SYMBOLIC_RE.search(paragraph):
        return paragraph
    text = _NAME_RE.sub(lambda m: f"{m.group(1)}_{_INDEX[m.group(2).lower()]}", paragraph)
    text = _GRADIENT_RE.sub(lambda m: f"∇_{{{m.group(1)}}} L =", text)
    text = _TRANSPOSE_OF_RE.sub(lambda m: f"{m.group(1)}^T", text)
    text = _IDENTITY_RE.sub("I", text)
    text = _QUANTITY_RE.sub(lambda m: f"({m.group(1).strip()})", text)
    text = _TRANSPOSE_RE.sub(lambda m: f"{m.group(1)}^T", text)
    text = _COEFFICIENT_RE.sub(lambda m: ("-" if m.group().lower().startswith("negative") else "") + _number(m), text)
    text = _TIMES_RE.sub("", text)
    for pattern, symbol in _WORDS:
        text = pattern.sub(symbol, text)
    return text


def _number(m: re.Match[str]) -> str:
    return _NUMBERS[m.group(1).lower()]
