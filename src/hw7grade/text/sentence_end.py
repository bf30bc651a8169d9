"""Where a sentence ends: shared by the sentence splitter and the "Answer:" regions, which read an
answer's own sentence up to its end."""

from __future__ import annotations

from ..regexes import regex

ABBREVIATIONS = {"e.g", "i.e", "vs", "approx", "fig", "eq", "cf", "al", "resp", "w.r.t", "wrt"}
SENTENCE_END_RE = regex(r"[.!?][*_`)\"”’']{0,3}(\s+)(?=[^\s])")
"""Group 1 is the break; matching the mark itself (not a look-behind) lets the engine skip ahead. The
mark may close emphasis, code or a quote before the break ("**Answer: `nn.MSELoss`.** `nn.L1Loss`
would ..." is two sentences)."""
LAST_WORD_MAX_CHARS = 40
"""How much before a full stop `first_sentence` reads for the word it ends (so that many
abbreviations on one line cost no rescan of it each)."""
_INITIALS_RE = regex(r"(?:[A-Za-z]\.){2,}")
_ITEM_NUMBER_RE = regex(r"\d{1,2}[.)]|\(?[a-z]{1,4}\)")


def ends_sentence(before: str, item: bool) -> bool:
    """Whether the mark after `before` ends a sentence: not after an abbreviation or initials, nor
    after a list item's number (`item`: `before` opens its unit)."""
    words = before.rsplit(None, 1)  # the last word only; empty when `before` is blank
    last_word = words[-1] if words else ""
    bare = last_word.lstrip("([{\"'*_`").rstrip(".")  # "(e.g." opens an aside: no sentence end
    if bare.casefold() in ABBREVIATIONS or _INITIALS_RE.fullmatch(last_word):
        return False
    return not (item and _ITEM_NUMBER_RE.fullmatch(before.strip()))  # "1. 2 linear layers"


def first_sentence(text: str) -> str:
    """The first sentence of one line of text, with its closing mark ("Answer: nn.MSELoss." of
    "Answer: nn.MSELoss. nn.L1Loss would ...")."""
    for m in SENTENCE_END_RE.finditer(text):
        lo = max(0, m.start(1) - LAST_WORD_MAX_CHARS)
        if ends_sentence(text[lo : m.start(1)], item=False):  # "Answer: 2. One per factor": the pick
            return text[: m.start(1)]
    return text
