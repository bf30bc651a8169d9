"""Notes with blanks the user asks the model to fill ("- how many linear layers: ???", "dL/dW_1 = [1]").

The model fills them by restating each line ("- **How many linear layers:** 2") or by the blank's
number ("[3] U_k^T"), with no part label: the part is the one the user's line (or the section of the
user's notes it sits in) asks. `blank_parts` reads the user's turn into a key per blank; `blank_heads`
finds where the reply answers each.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from ..regexes import regex
from ..text.labels import LABEL_LINE_CANDIDATE, line_label, mentions
from .parts import Context, PartIndex

BLANK_RE = regex(r"\?{3,}|_{3,}|\[(\d{1,2})\]|\[blank\]|\((\d{1,2})\) ?(?=_{3}|\?{3})", re.I)
"""A blank in the user's notes: "???", "___", "[3]", "[blank]", "(1) ___" (its number)."""
MAX_BLANKS = 40
"""Blanks read from one turn: notes, not a document."""
LEAD_MIN_WORDS = 2
LEAD_MAX_WORDS = 8
"""Words of a line before its blank that name it ("training, decoder inputs w1..w5 ="), at most."""
_WORD_RE = regex(r"[a-z0-9]+")
_NUMBER_LEAD_RE = regex(r"[ \t>*_\-•]{0,8}(?:\[(\d{1,2})\]|\((\d{1,2})\)|(\d{1,2})[.):](?!\d))")
"""A reply's line that opens on a blank's number: "[3] U_k^T", "(1) **2**", "7: <sos>"."""
_NUMBERED_ITEM_RE = regex(r"[ \t]{0,3}(\d{1,2})(?:[ \t]?[-–][ \t]?(\d{1,2}))?[.):][ \t]")
"""A user's line numbered as one blank or a run of them: "1. ... ___", "2-6. (Q7b) w1..w5: ___"."""
MAX_RUN = 12
"""Blanks one numbered line may stand for ("2-6." is five)."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD_RE.findall(text.casefold()))


def blank_parts(text: str, context: Context, index: PartIndex, asked: Sequence[str]) -> dict[str, str]:
    """Each blank of the user's notes -> the asked part it belongs to: by the label its line opens on,
    or that of the section it is in ("(i) first-order conditions:", then "dL/dW_1 = [1]"), else by the
    one asked part its line's cue words name. Key: "[3]" for a numbered blank, else the words before
    the blank (two to `LEAD_MAX_WORDS`, the line's label dropped). Empty for a turn with no blanks."""
    if BLANK_RE.search(text) is None:
        return {}
    out: dict[str, str] = {}
    section: list[str] = []
    for line in text.split("\n"):
        label = line_label(line) if LABEL_LINE_CANDIDATE.match(line) else None
        lead_from = 0
        if label is not None:
            section = [p for p in index.resolve(label, context) if p in asked]
            lead_from = label.end
        blanks = list(BLANK_RE.finditer(line))
        if not blanks:
            continue
        part = section[0] if len(section) == 1 else _named(line, context, index, asked) or _cued(line, index, asked)
        if part is None:
            continue
        for blank in blanks:
            if len(out) >= MAX_BLANKS:
                return out
            if (number := blank.group(1) or blank.group(2)) is not None:
                out[f"[{number}]"] = part
        if (item := _NUMBERED_ITEM_RE.match(line)) is not None:
            # "2-6. (Q7b) decoder inputs w1..w5 during training: ___": the blanks so numbered
            first = int(item.group(1))
            last = min(int(item.group(2) or first), first + MAX_RUN - 1)
            for n in range(first, last + 1):
                if len(out) < MAX_BLANKS:
                    out[f"[{n}]"] = part
            continue  # answered by its numbers, not by its words
        lead = _words(line[lead_from : blanks[0].start()])[-LEAD_MAX_WORDS:]
        if blanks[0].group(1) is None and blanks[0].group(2) is None and len(lead) >= LEAD_MIN_WORDS:
            out[" ".join(lead)] = part
    return out


def _named(line: str, context: Context, index: PartIndex, asked: Sequence[str]) -> str | None:
    """The one asked part the line's labels name ("1. (Q7a) one thing that goes wrong ...: ___")."""
    named = {p for label in mentions(line) for p in index.resolve(label, context) if p in asked}
    return next(iter(named)) if len(named) == 1 else None


def _cued(line: str, index: PartIndex, asked: Sequence[str]) -> str | None:
    top = index.most_cued(line, asked)
    return top[0] if len(top) == 1 else index.one_by_cue_words(line, list(asked))


def blank_heads(reply: str, blanks: Mapping[str, str]) -> dict[int, str]:
    """Line offset -> part, for each line of the reply that fills a blank of the user's notes by its
    number or restates the words before it; empty unless the lines found answer two parts or more
    (one part is the reply's whole answer anyway)."""
    if not blanks:
        return {}
    leads = [(tuple(key.split(" ")), part) for key, part in blanks.items() if not key.startswith("[")]
    heads: dict[int, str] = {}
    pos = 0
    for line in reply.split("\n"):
        at, pos = pos, pos + len(line) + 1
        numbered = _NUMBER_LEAD_RE.match(line)
        number = numbered and (numbered.group(1) or numbered.group(2) or numbered.group(3))
        if number and (part := blanks.get(f"[{number}]")) is not None:
            heads[at] = part
            continue
        if not leads or not line.strip():
            continue
        words = _words(line[: 2 * LEAD_MAX_WORDS * 12])
        for lead, part in leads:
            if words[: len(lead)] == lead:
                heads[at] = part
                break
    return heads if len(set(heads.values())) > 1 else {}
