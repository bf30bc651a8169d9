"""Line-level marks shared by checks: list markers, check boxes, ✓/✗, and "Answer:" regions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..regexes import regex
from .labels import line_label
from .sentence_end import first_sentence

CROSS_MARKS = "✗✘❌×✕❎🚫⛔🔴"
"""Marks that reject what they sit beside ("❌ Dropout", "Dropout ✗", a 🔴 bullet)."""
TICK_MARKS = "✓✔✅☑☒🟢"
"""Marks that pick what they sit beside."""
BOX_MARKS = "☐□⬜"
"""Empty check boxes: what they sit beside is offered, not picked."""
LIST_MARKER_RE = regex(r"^(?:[-*+•·▪◦‣]|\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-z]{1,4}\))\s+")
CHECKED_RE = regex(r"^(?:☒|☑|✅|✓|✔|🗹|■|🟢|\[[xX✓]\])\s*")
UNCHECKED_RE = regex(r"^(?:☐|□|⬜|○|◯|\[ \])\s*")
TICKED_BOX_RE = regex(r"[☑☒]|\[[xX✓]\]")
"""A ticked check box anywhere on a line."""
REJECT_MARK_RE = regex(r"^(?:✗|✘|❌|❎|×|✕|🚫|⛔|🔴)\s*")
TRAILING_CHECK_RE = regex(r"(?:✅|✓|✔|☑)\s*$")
_CROSS_AT_END = r"(?:✗|✘|❌|×|✕)\s*$"
TRAILING_MARK_RE = regex(_CROSS_AT_END)
"""A line ending in a cross mark."""
TRAILING_REJECT_RE = regex(
    _CROSS_AT_END + r"|(?:[—–:(]|\s-|\.[ \t])[ \t*_]{0,3}(?:(?:✗|✘|❌|×|✕)[ \t]{0,2})?"
    r"(?:incorrect|wrong|not[ \t]correct|false|drop(?:ped)?|reject(?:ed)?|discard(?:ed)?|ruled[ \t]out)"
    r"[.!)*_ \t]{0,5}$",
    re.I,
)
"""For `search`: a line ending in the mark, or in a verdict that rejects it ("**i) 1 linear layer —
Incorrect.**" in a review of an earlier answer, "- $W_1 = U_k$ — the wrong shapes. **Drop.**" among
candidates weighed). Starting with the mark lets the engine skip to it."""
_DECORATION_RE = regex(r"^(?:[^\w\s<\[(\"'$\\-]\s*){1,3}")
_ANSWER_LINE_RE = regex(
    r"^(?:the\s{1,4})?(?:(?:final|short|correct|corrected|revised|updated|new|my|overall)\s{1,4}){0,2}"
    r"answers?[ \t]{0,4}(?:\([^)\n]{0,80}\)|(?:for|to)[ \t]{1,3}[^:\n]{1,40})?"
    r"[ \t]{0,4}(?:(?:is[ \t]{0,4})?[:：=—-]\s*(.*)|[:：]?)$",
    re.I,
)
_PICK_INLINE_RE = regex(
    r"\b(?:i'd|i\s{1,3}would|i'll|i\s{1,3}will|let's)\s{1,3}(?:still\s{1,3})?(?:go|stick)\s{1,3}with\s{0,3}:?(.*)$",
    re.I,
)
"""A pick said in words: "I'd go with 1", "I'll stick with Weight Decay and SGD"."""
_ANSWER_INLINE_RE = regex(
    r"\b(?:the\s{1,3})?(?:(?:final|correct|short)\s{1,3})?answer(?:[ \t]{1,3}(?:to|for)(?:[ \t]{1,3}[^\s]{1,20}){1,3})?"
    r"\s{1,3}(?:is|stays|remains|would[ \t]{1,3}be)[ \t]{0,3}:?[ \t]{0,3}(\S.*)$",
    re.I,
)
"""An answer said in a sentence: "The answer is 2", "So my final answer for (a)(iii) stays: ...", "So my answer
would be: Weight Decay and SGD optimizer" (as the line that announces a list below may say it)."""
_ANSWER_ANNOUNCED_RE = regex(
    r"\banswers?[ \t]{1,3}(?:is|are|would[ \t]{1,3}be|stays|remains)[ \t]{0,3}[:：][ \t*_]{0,4}$", re.I
)
"""A sentence that ends its line announcing the answer as the list below ("... So the answer is:")."""
_EXCLUSIVE_RE = regex(
    r"(?P<pick>[^.:\n]{1,120}?)[ \t]{0,2}[,;—–-]?[ \t]{0,2}(?:and|but)?[ \t]{0,2}"
    r"(?:nothing|none|no)[ \t]{1,3}(?:else|others?|more|other[ \t]{1,3}(?:options?|components?|ones?))\b",
    re.I,
)
"""A pick that says it is the whole of it: "**Weight Decay** and the **SGD optimizer**, and nothing else."."""
_SELECTION_LEAD_RE = regex(
    r"[^:\n]{0,100}?\b(?:need(?:ed|s)?|required|keep|select(?:ed)?|pick(?:ed)?|choose|chosen)\b"
    r"[^:\n]{0,40}[:：][ \t*_]{0,4}$",
    re.I,
)
"""A sentence that announces the pick as the list below it: "You need exactly two of them:",
"Needed:", "Keep these:"."""
_SELECTION_DOUBT_RE = regex(
    r"\b(?:not|no|never|without|unnecessary|which|whether|each|every|why|let'?s|go(?:ing)?[ \t]{1,3}through)\b"
    r"|n[’']t\b",
    re.I,
)
"""Words that make such a sentence a rejection ("Not needed:") or a walk through every option
("Which are needed? Let's go through each:"), not a pick."""


_SENTENCE_END = regex(r"(?<!\d\.\d)[.!?][\"'”’)]{0,2}(?=\s+[A-Z])")
"""A sentence's end, with the quote or bracket it closes ('... "exactly as written." What you need is:')."""


def strip_line_marker(line: str) -> str:
    """A line without its bullet / numbering prefix."""
    return LIST_MARKER_RE.sub("", line.strip(), count=1)


def strip_decoration(line: str) -> str:
    """A line without leading bullets and emoji/check-mark decoration (keeps checkbox meaning out)."""
    line = strip_line_marker(line)
    return _DECORATION_RE.sub("", line).strip()


ROW_MARK_RE = regex(r"[ \t*_`]{0,4}#?\(?(?:\d{1,2}|[A-Za-z])[.)]?(?:[ \t]{0,2}\((?:i{1,3}|iv|vi{0,3})\))?[ \t*_`]{0,4}")
"""For `fullmatch` on a table's first cell: only a row's mark, "| **a** |", "| 2 |", "| #3 |", "| 3 (ii) |"
(most often the user's own item's), no content of the row."""


def table_cells(row: str) -> list[tuple[int, int]]:
    """The spans of a table row's cells in `row`, between its pipes; the outer pipes are optional
    (`| a | b |`, `a | b`)."""
    bars = [i for i, c in enumerate(row) if c == "|"]
    edges = ([] if row.lstrip().startswith("|") else [-1]) + bars
    if not row.rstrip().endswith("|"):
        edges.append(len(row))
    return [(a + 1, b) for a, b in zip(edges, edges[1:])]


def is_list_item(line: str) -> bool:
    s = line.strip()
    return bool(LIST_MARKER_RE.match(s) or CHECKED_RE.match(s) or UNCHECKED_RE.match(s) or REJECT_MARK_RE.match(s))


@dataclass(frozen=True)
class AnswerRegion:
    text: str
    start: int
    end: int
    """Span of the region in the text it was found in."""


def answer_regions(text: str) -> list[AnswerRegion]:
    """What follows each "Answer:" marker (or the list under an empty one), in order.

    Recognises "Answer: X", "✓ Answer: X", "Final answer: X", "The answer is X" and
    "Answers:" followed by a list."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    regions: list[AnswerRegion] = []
    for i, raw in enumerate(lines):
        lead = _label_lead(raw)
        if lead is not None:
            a, b = lead
            regions.append(AnswerRegion(raw[a:b], offsets[i] + a, offsets[i] + b))
            if _ANSWER_ANNOUNCED_RE.search(raw) is not None or _announces_selection(raw):
                # "(a)(iii) — remove Batch Norm. ... So the answer is:" over a list: the list too
                regions.extend(_list_below(text, lines, offsets, i))
            continue
        low = raw.lower()
        if ("else" in low or "other" in low or "more" in low) and (whole := _EXCLUSIVE_RE.match(raw)) is not None:
            at = offsets[i] + whole.start("pick")
            regions.append(AnswerRegion(whole.group("pick"), at, at + len(whole.group("pick"))))
            continue
        pick = _PICK_INLINE_RE.search(raw) if (" go with" in low or " stick with" in low) else None
        if pick is not None:  # "I'd go with **1**", "I'll stick with Weight Decay and SGD"
            rest = first_sentence(pick.group(1).strip())
            if rest:
                at = offsets[i] + pick.start(1) + (len(pick.group(1)) - len(pick.group(1).lstrip()))
                regions.append(AnswerRegion(rest, at, at + len(rest)))
            continue
        if "answer" not in low:
            if _announces_selection(raw):
                regions.extend(_list_below(text, lines, offsets, i))
            continue  # the answer patterns below need the word
        line = strip_decoration(raw)
        heading = _heading(raw)
        if heading is not None:
            line = heading  # "### ✅ Corrected answers" heads the list below as "Answers:" does
        m = _ANSWER_LINE_RE.match(line) or _ANSWER_INLINE_RE.search(line)
        if m is None:
            if _ANSWER_ANNOUNCED_RE.search(line) is not None:
                regions.extend(_list_below(text, lines, offsets, i))  # "... So the answer is:" over a list
            continue
        rest = first_sentence((m.group(1) or "").strip())  # the answer's own sentence, not the explanation after it
        if rest:
            at = offsets[i] + raw.rfind(rest)
            regions.append(AnswerRegion(rest, at, at + len(rest)))
            continue
        if m.re is not _ANSWER_INLINE_RE:
            regions.extend(_list_below(text, lines, offsets, i))
    return regions


def _announces_selection(line: str) -> bool:
    """A line that is not a list item and says the list below it is the pick (`_SELECTION_LEAD_RE`)."""
    s = strip_decoration(line).strip("*_ \t")
    ends = [m.end() for m in _SENTENCE_END.finditer(s)]
    s = s[ends[-1] :].strip() if ends else s  # "Dropout would change it. So ... you need only:": the last sentence
    return (
        not is_list_item(line.strip())
        and _SELECTION_LEAD_RE.fullmatch(s) is not None
        and _SELECTION_DOUBT_RE.search(s) is None
    )


def _list_below(text: str, lines: list[str], offsets: list[int], i: int) -> list[AnswerRegion]:
    """The list under line `i` (an "Answers:" or a pick's announcement), as one region; or the one
    line below it when that is no list item."""
    first = last = None
    for j in range(i + 1, len(lines)):
        s = lines[j].strip()
        if not s:
            if first is not None:
                break
            continue
        if first is not None and not is_list_item(s):
            break
        if s.endswith(":") and not is_list_item(s):
            break
        first = j if first is None else first
        last = j
        if not is_list_item(s):
            break
    if first is None or last is None:
        return []
    a, b = offsets[first], offsets[last] + len(lines[last])
    return [AnswerRegion(text[a:b], a, b)]


def _heading(line: str) -> str | None:
    """The words of a Markdown heading or a line that is bold as a whole, without marks and a
    closing colon; None for any other line."""
    s = line.strip()
    if s.startswith("#"):
        s = s.lstrip("#")
    elif len(s) > 4 and s.startswith("**") and s.endswith("**"):
        s = s[2:-2]
    else:
        return None
    return strip_decoration(s.strip("*_ \t")).strip("*_ ")


_LEAD_SEPARATOR_RE = regex(r"[ \t]{0,3}(?:[—–→⇒]|->|=>)[ \t]{0,3}")
TITLE_ARROW_RE = regex(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3})?(?:\*\*|__)?(?P<title>[A-Za-z][^*_\n→⇒>=`$|:]{0,59}?)"
    r"[ \t]{0,3}(?:→|⇒|->)[ \t]{0,3}"
)
"""A line that opens on a short title and an arrow (the bold marks gone once normalised); a title
holds no colon ("Dock: "1" → 0" is a lead and its text, not a heading and its pick)."""
TITLE_ARROW_MAX_WORDS = 4
LEAD_MAX_CHARS = 120


_CORRECTED_RE = regex(r"(?:the[ \t]{1,3})?(?:final|corrected|revised|updated|fixed)[ \t]{1,3}(?=\S)", re.I)
"""A word that says the label after it gives the answer as it now stands: "Corrected (i): 2 linear layers"."""
_COLON_RE = regex(r"[ \t]{0,3}[:：][ \t]{0,3}")


def _label_lead(line: str) -> tuple[int, int] | None:
    """The pick after a part's label and a dash or an arrow, "(a)(iii) — SGD optimizer only.",
    "(i) → 2" (a bold lead once normalised), or a heading's short title and an arrow, "**Network size
    → 2**", or after "Corrected" and a label and a colon,
    "Corrected (i): 2 linear layers": its first sentence, within `LEAD_MAX_CHARS`."""
    fixed = _CORRECTED_RE.match(line)
    at = fixed.end() if fixed else 0
    label = line_label(line[at:])
    sep: re.Match[str] | None
    if label is None:
        # "**Network size → 2**": a heading's short title, then an arrow and the pick
        sep = TITLE_ARROW_RE.match(line)
        if sep is None or len(sep.group("title").split()) > TITLE_ARROW_MAX_WORDS:
            return None
    else:
        sep = (_COLON_RE if fixed else _LEAD_SEPARATOR_RE).match(line, at + label.end)
    if sep is None or sep.end() >= len(line):
        return None
    rest = first_sentence(line[sep.end() : sep.end() + LEAD_MAX_CHARS])
    if label is None and ("->" in rest or "→" in rest):
        return None  # "The model is x -> W1 x -> W2 W1 x.": a chain of maps, not a title and its pick
    return sep.end(), sep.end() + len(rest.rstrip("*_ \t"))
