"""Sentences a reply opens with words that count its answers ("First, ...", "Second, ...", "For the last
one, ...", "The second case, ..."): a reply with no labels that answers several asked parts in one
paragraph or several, in the order asked, counts them so.

A lead opens a line (after list or quote marks and emphasis) or a sentence, and is followed by a comma,
colon or dash ("First the numbers" is no lead: "First order conditions" would be one). Leads count
only as one run 1, 2, ..., n, whose last may be "finally", "lastly" or "the last one"; any other
order (a second "First", a "Third" before a "Second") means they count something else, the steps of
one answer.
"""

from __future__ import annotations

import re

from ..regexes import regex

MAX_LEADS = 8
"""More leads than this count steps, not parts."""

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_LAST = frozenset({"finally", "lastly", "last", "final"})
_NUMBERED = r"first|second|third|fourth|fifth"
_LEAD_RE = regex(
    r"(?:^|(?<=[.!?])[ \t]{1,3}|(?<=[.!?][*_])[ \t]{1,3})[ \t>*_\-•]{0,6}"
    r"(?:(?:and|now|ok|okay|so)[ \t,]{1,3})?"
    rf"(?:(?P<ord>{_NUMBERED})(?:ly)?|(?P<fin>finally|lastly))[*_]{{0,2}}[ \t]{{0,2}}[,:—–]"
    rf"|(?:^|(?<=[.!?])[ \t]{{1,3}})[ \t>*_\-•]{{0,6}}(?:(?:and|now|ok|okay|so)[ \t,]{{1,3}})?"
    r"(?:(?:for|as[ \t]for|on)[ \t]{1,2})?the[ \t]{1,2}"
    rf"(?:(?P<ord2>{_NUMBERED})|(?P<fin2>last|final))[ \t]{{1,2}}(?:one|part|question|bit|case)\b",
    re.I | re.M,
)


def ordinal_cuts(text: str, parts: int) -> list[int]:
    """The offsets of the `parts` leads that count a reply's answers 1 to `parts`, in order; [] when
    the reply's leads are no such run."""
    if parts < 2 or parts > MAX_LEADS:
        return []
    cuts: list[int] = []
    for m in _LEAD_RE.finditer(text):
        word = (m.group("ord") or m.group("ord2") or "").lower()
        place = _ORDINALS.get(word)
        last = (m.group("fin") or m.group("fin2") or "").lower() in _LAST
        if len(cuts) >= parts or (place != len(cuts) + 1 and not (last and len(cuts) == parts - 1)):
            return []
        cuts.append(m.start() + len(m.group()) - len(m.group().lstrip(" \t")))
    return cuts if len(cuts) == parts else []


def with_ordinal_paragraphs(text: str, parts: int) -> str:
    """The text with a paragraph break before each lead of a run counting `parts` answers, where one
    does not open a line already; the text itself when it has no such run."""
    cuts = ordinal_cuts(text, parts)
    if not cuts:
        return text
    pieces: list[str] = []
    at = 0
    for cut in cuts:
        line_start = text.rfind("\n", 0, cut) + 1
        if not text[line_start:cut].strip(" \t>*_-•"):
            continue  # the lead opens its line already
        pieces += [text[at:cut].rstrip(" \t"), "\n\n"]
        at = cut
    return "".join(pieces) + text[at:]
