"""A sub-part named by a word and its number, "sub part two", "subpart 3", "sub-question iii", read as the
numeral label it is ("part (ii)"): a number after a word for the level below a lettered part can only be
that level's numeral (a bare "part 2" may be a question's second part or a place, and is left alone).
Dictated chats say labels this way on both sides ("Part a, sub part one. You need two linear layers.").

One bounded pattern over text that holds "sub"; other text is returned as it is.
"""

from __future__ import annotations

import re

from ..regexes import regex
from .labels import NUMBERED_SUB

_NUMBER = "|".join(sorted(NUMBERED_SUB, key=len, reverse=True))
_SUB_PART_RE = regex(
    rf"\bsub[ \t-]?(?:part|question|problem)[ \t]{{1,2}}\(?({_NUMBER}|iv|i{{1,3}})\)?(?![\w(])",
    re.I,
)
"""A word for the sub-part level, then its number or numeral: "sub part two", "Subpart 3", "sub-question (2)"."""


def sub_parts_as_labels(text: str) -> str:
    """The text with each sub-part named by a word and its number written as its label ("part (ii)")."""
    if "sub" not in text and "Sub" not in text and "SUB" not in text:
        return text
    return _SUB_PART_RE.sub(_as_label, text)


def _as_label(m: re.Match[str]) -> str:
    said = m.group(1).lower()
    return f"part ({NUMBERED_SUB.get(said, said)})"
