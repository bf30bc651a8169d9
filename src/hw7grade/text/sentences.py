"""Sentences: paragraph units (list items, table rows, labels stand alone) split at sentence ends,
each knowing its offset and whether its line frames it as rejected."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..regexes import regex
from .answers import (
    REJECT_MARK_RE,
    TICK_MARKS,
    TICKED_BOX_RE,
    TRAILING_REJECT_RE,
    UNCHECKED_RE,
    is_list_item,
    strip_line_marker,
)
from .sentence_end import SENTENCE_END_RE, ends_sentence

_REJECT_LEAD = (
    r"^(?:(?:✗|❌|✘)\s*)?(?:not\s+(?:needed|required|used|necessary|relevant|applicable|correct)"
    r"|unnecessary|unneeded|incorrect(?:\s+answers?)?|wrong(?:\s+answers?)?"
    r"|common\s+(?:(?:wrong|incorrect)\s+answers?|mistakes?|errors?|pitfalls?|misconceptions?)"
    r"|mistakes?|pitfalls?|what\s+not\s+to\s+(?:do|use)|(?:do\s+)?not\s+(?:use|needed)|avoid"
    r"|(?:options?\s+)?(?:we\s+)?(?:don't|do\s+not)\s+need|why\s+not\s+the\s+others?"
    r"|(?:the\s+)?others?\s+are\s+(?:not\s+needed|wrong|incorrect)|not\s+these"
    # what a revision takes out ("**Removed (not in the series):**", "Dropped:")
    r"|removed|dropped|rejected|discarded|ruled\s+out"
    # a grader's deductions ("Dock: '1' -> 0", "**Frequent deductions (ii)**", "Penalties:")
    r"|dock|deduct|(?:(?:common|frequent|typical|usual)\s+)?(?:point\s+)?deductions?|penalt(?:y|ies))"
)
_REJECT_HEADER_RE = regex(_REJECT_LEAD + r"\s*:$", re.I)
_REJECT_HEADING_RE = regex(_REJECT_LEAD + r"[ \t]{0,3}(?:\([^()\n]{0,40}\))?[ \t]{0,3}:?$", re.I)
"""A heading alone on its line ("Common wrong answers (and why)", a "##" heading once its marks are gone):
the list or table below it, past a blank line, is what it frames as wrong."""
_REJECT_LINE_RE = regex(_REJECT_LEAD + r"[ \t]{0,3}:[ \t]{0,3}\S", re.I)
"""The lead and what it rejects on one line: "Not needed: Dropout, Layer Norm and Batch Norm"."""
_HEADING_LIKE_RE = regex(r"^(?:part\b|question\b|q\d|\(\w{1,4}\)|\w{1,4}\)\s)", re.I)
_DEDUCTION_RE = regex(r"[−–-] ?\d{1,2}(?:\.\d{1,2})? ?(?:pts?|points?|marks?)?[ \t]{0,2}[:—–)]")
"""A line that opens on the points a grader takes off ("−2: uses U_kU_kᵀ = I"): what it names is wrong."""
_KEY_EQUALS_RE = regex(r"[a-z][a-z0-9_]{1,23} ?= (?=\S)")
LABEL_LINE_MAX_CHARS = 80
"""A "Label:" lead ("Not needed:", "Weight decay:") ends within this many characters."""


def _is_label_line(line: str) -> bool:
    """A line that opens with one to five words and a colon ("Short answer: ..."): the same lines
    as `^(?:[^\\s:.!?]+ ?){1,5}:\\s`, read without backtracking; or with a lower-case key and `=`, as
    in an INI or TOML file ("answer = Yes", "not_needed = Dropout")."""
    if _KEY_EQUALS_RE.match(line):
        return True
    i = line.find(":", 0, LABEL_LINE_MAX_CHARS)
    if i <= 0 or i + 1 >= len(line) or not line[i + 1].isspace():
        return False
    prefix = line[:i]
    if prefix.endswith(" "):
        prefix = prefix[:-1]
    words = prefix.split(" ")
    return len(words) <= 5 and all(w and not any(c in ".!?" or c.isspace() for c in w) for w in words)


SHORT_ANSWER_MAX_WORDS = 3


def _is_short_answer_line(line: str) -> bool:
    """A label line whose value is a few words ("Revised answer: No", a heading once its marks are
    gone): it ends its unit, so the next line does not run on into it ("No A small λ ...")."""
    return _is_label_line(line) and len(line.partition(":")[2].split()) <= SHORT_ANSWER_MAX_WORDS


PART_HEADING_MAX_WORDS = 8


def _is_part_heading(line: str) -> bool:
    """A short line that opens on a part's label ("(b) — Orthonormality bias", a heading once its
    marks are gone), or one that ends on a short answer after a colon ("(b) Inductive bias toward
    orthonormal columns in W2: Yes [revised]"): the line after it starts a unit of its own ("**Yes.**
    A small ...", "With a small lambda ...")."""
    if _HEADING_LIKE_RE.match(line) is None:
        return False
    if len(line.split()) <= PART_HEADING_MAX_WORDS:
        return True
    tail = line.rpartition(":")[2]
    return ":" in line and len(tail.split()) <= SHORT_ANSWER_MAX_WORDS and "=" not in tail and "," not in tail


_TABLE_ROW_RE = regex(r"^\|.*\|$")


@dataclass(frozen=True)
class Sentence:
    text: str
    """The sentence with its line breaks turned into spaces (same length as its span)."""
    unit: int
    """Index of the line/paragraph unit the sentence came from (sentences of a list item share it)."""
    index: int = 0
    """Position among the answer's sentences."""
    rejected: bool = False
    """Framed as rejected by its line: a ✗/☐ marker or a "Not needed:" / "Common mistake:" header."""
    start: int = 0
    """Offset of the sentence in the text it was split from."""


def _units(text: str) -> list[tuple[int, int, bool]]:
    """Paragraph units as (start, end, rejected) spans: wrapped lines are joined, while list items,
    table rows, labels and headers stand alone. Assumes lines are already stripped (normalize)."""
    units: list[tuple[int, int, bool]] = []
    cur: list[int] = []  # [start, end] of the open unit
    last_line = ""
    rejecting = False
    headed = False  # `rejecting` comes from a heading alone on its line, and holds past blank lines
    cur_rejected = False
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if not line.strip():
            if cur:
                units.append((cur[0], cur[1], cur_rejected))
                cur = []
            rejecting = rejecting and headed
            last_line = ""
            continue
        unmarked = None  # the line without its list marker, computed once when needed
        starts_unit = (
            not cur
            or is_list_item(line)
            or _TABLE_ROW_RE.match(line) is not None
            or _is_label_line(line)
            or _HEADING_LIKE_RE.match(line) is not None
            or last_line.endswith((".", "!", "?", ":", ";", "|"))
            or _is_short_answer_line(last_line)
            or _is_part_heading(last_line)
            or _REJECT_HEADER_RE.match(unmarked := strip_line_marker(line)) is not None
        )
        if starts_unit:
            if cur:
                units.append((cur[0], cur[1], cur_rejected))
            cur = [line_start, line_start + len(line)]
            if rejecting and not (
                is_list_item(line)
                or (_is_label_line(line) and not _HEADING_LIKE_RE.match(line))
                or (headed and _TABLE_ROW_RE.match(line) is not None)
            ):
                rejecting = headed = False
            if unmarked is None:
                unmarked = strip_line_marker(line)
            # after any bullet; not a line of boxes one of which is ticked ("☐ nn.L1Loss ☑ nn.MSELoss ☐ ...")
            marked = bool(
                REJECT_MARK_RE.match(unmarked)
                or (UNCHECKED_RE.match(unmarked) and not TICKED_BOX_RE.search(unmarked))
                or _DEDUCTION_RE.match(unmarked)
            )
            cur_rejected = (
                rejecting
                or marked
                # "WD ✓ | Dropout ✗ LN ✗ BN ✗": marks beside each option, not one on the line
                or (TRAILING_REJECT_RE.search(line) is not None and not any(t in line for t in TICK_MARKS))
                or bool(_REJECT_LINE_RE.match(unmarked))
            )
            if _REJECT_HEADER_RE.match(unmarked):
                rejecting = True
                cur_rejected = True
            elif not last_line and _REJECT_HEADING_RE.match(unmarked):
                rejecting = headed = True
                cur_rejected = True
        else:
            cur[1] = line_start + len(line)
        last_line = line
    if cur:
        units.append((cur[0], cur[1], cur_rejected))
    return units


def _split_unit(unit: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of one unit."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for m in SENTENCE_END_RE.finditer(unit):
        before = unit[start : m.start(1)]
        if not ends_sentence(before, item=start == 0):
            continue
        if before.endswith("..") and unit[m.end(1)].islower():
            continue  # "w1 ... w5": an ellipsis the sentence goes on after
        pieces.append((start, before))
        start = m.end(1)
    pieces.append((start, unit[start:]))
    out = []
    for off, piece in pieces:
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            out.append((off + lead, piece.strip()))
    return out


SENTENCES_CACHE_SIZE = 64


@lru_cache(maxsize=SENTENCES_CACHE_SIZE)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of normalised text, each knowing its offset and whether its line frames it as rejected."""
    return tuple(_split_sentences(text))


def _split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for i, (a, b, rejected) in enumerate(_units(text)):
        unit = text[a:b].replace("\n", " ")
        for off, piece in _split_unit(unit):
            # "Use Weight Decay and SGD. Not needed: Dropout, ...": a later sentence may open on the lead
            opens_rejecting = off > 0 and _REJECT_LINE_RE.match(piece) is not None
            out.append(Sentence(piece, i, len(out), rejected or opens_rejecting, a + off))
    return out


_CLAUSE_SPLIT_RE = regex(r"[;:]|,\s+(?:but|however|whereas|while|although|though|so|because|since|which)\b|\s+—\s+")


def split_clauses(sentence: str) -> list[str]:
    """Clauses of one sentence, for checks that judge a short span at a time."""
    return [c.strip() for c in _CLAUSE_SPLIT_RE.split(sentence) if c.strip()]
