"""An answer's picks by place in the user's list of options: "Tick the **third box**", "the middle one",
"the first and the last box".

A student often lists a choice's options without letters ("choices are 0, 1, 2, 3"; "weight decay,
dropout, layer norm, batch norm, SGD optimizer"), and the model answers by place. The place means nothing
without that list, so a choice check reads the list's order from the question (a run of every option,
each once, between separators only) and reads each place the answer picks as its option. As with picks
by letter (`option_letters`), the place's word is replaced by the option's stand-in and padding of the
same length, so every offset stays where it was, and the evidence shows the word again.

A place is a pick only with a word for an option after it ("box", "option", "choice"), or "one" after a
verb that picks ("tick the middle one"): "the first layer" and "the second one decodes" are no picks.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..regexes import regex
from ..text.phrases import PhraseHit
from .option_letters import STAND_IN_BASE, STAND_IN_COUNT, stand_in

PAD = chr(STAND_IN_BASE + STAND_IN_COUNT)
"""Fills the rest of a place's word after its stand-in: no word character, so the stand-in is a whole word."""
LIST_GAP_CHARS = 16
"""Most characters between two options of a listed run ("0, 1, 2 or 3", "L1Loss / MSELoss")."""
PICK_VERB_CHARS = 30
"""How far before "the middle one" its verb ("tick", "pick") is looked for, on its line."""

_PLACES = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_PLACES |= {"fifth": 5, "5th": 5, "last": -1, "final": -1, "middle": 0}
_PLACE = "|".join(sorted(_PLACES, key=len, reverse=True))
_JOIN = r"(?:[ \t]{0,2},[ \t]{0,2}(?:and[ \t]{1,3})?|[ \t]{1,3}(?:and|&|\+)[ \t]{1,3})(?:the[ \t]{1,3})?"
_PICKED_RE = regex(
    rf"\b(?:{_PLACE})(?:[*_]{{0,2}}{_JOIN}[*_]{{0,2}}(?:{_PLACE})){{0,4}}[ \t*_`]{{1,4}}"
    r"(?P<noun>(?:check)?box(?:es)?|options?|choices?|ones?)\b",
    re.IGNORECASE,
)
"""A run of places before the word for an option: "third box", "first and the last** box", "middle one"."""
PLACE_WORD_RE = regex(rf"\b(?:{_PLACE})\b", re.IGNORECASE)
_PICK_VERB_RE = regex(r"\b(?:tick|check|pick|choose|select|mark|go[ \t]with|answer[ \t]is|it'?s)\b", re.IGNORECASE)
_LIST_GAP_RE = regex(r"[\s,;:/|*_`()\-]*(?:\b(?:or|and|and/or)\b[\s,;:/|*_`()\-]*)?")


def listed_order(question: str, hits: Sequence[PhraseHit], labels: Sequence[str]) -> list[str]:
    """The options in the order the question lists them: a run of hits (`hits`, of the question, keyed by
    option label) that names every option once, between separators only; [] when there is none."""
    want = set(labels)
    run: list[PhraseHit] = []
    seen: set[str] = set()  # the run's options, each once (an option again starts a new run)
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.key not in want or (run and hit.start < run[-1].end):
            continue
        if run and not _gap_only(question, run[-1].end, hit.start):
            if len(seen) == len(want):
                break
            run, seen = [], set()
        if hit.key in seen:
            run, seen = [], set()
        run.append(hit)
        seen.add(hit.key)
    return [h.key for h in run] if len(seen) == len(want) else []


def _gap_only(text: str, start: int, end: int) -> bool:
    if end - start > LIST_GAP_CHARS:
        return False
    m = _LIST_GAP_RE.match(text, start, end)
    return m is not None and m.end() == end


def with_place_stand_ins(answer: str, order: Sequence[str], labels: Sequence[str]) -> tuple[str, dict[int, str]]:
    """The answer with each place it picks replaced by the option's stand-in, and the translation that
    writes the places back (for evidence)."""
    index = {label: k for k, label in enumerate(labels)}
    chars = list(answer)
    back: dict[int, str] = {ord(PAD): ""}
    for m in _PICKED_RE.finditer(answer):
        if m.group("noun").lower().startswith("one") and not _verb_before(answer, m.start()):
            continue
        for place in PLACE_WORD_RE.finditer(answer, m.start(), m.start("noun")):
            option = _option_at(order, _PLACES[place.group().lower()])
            if option is None or option not in index:
                continue
            code = stand_in(index[option])
            chars[place.start()] = code
            chars[place.start() + 1 : place.end()] = PAD * (place.end() - place.start() - 1)
            back[ord(code)] = place.group()
    return "".join(chars), back


def _option_at(order: Sequence[str], place: int) -> str | None:
    if place == 0:  # the middle of an odd number of options
        return order[len(order) // 2] if len(order) % 2 else None
    k = place - 1 if place > 0 else len(order) - 1
    return order[k] if 0 <= k < len(order) else None


def _verb_before(text: str, at: int) -> bool:
    line = text.rfind("\n", 0, at) + 1
    return _PICK_VERB_RE.search(text, max(line, at - PICK_VERB_CHARS), at) is not None
