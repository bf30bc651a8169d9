"""Whether a reply's text for a part only confirms the answer the user brought ("### (b) ✅ Correct.
This is teacher forcing, exactly as intended."): the model then stands behind the user's answer, which
is what is graded for that part."""

from __future__ import annotations

import re

from ..regexes import regex
from .labels import after_line_label

CONFIRMS_MAX_WORDS = 80
"""Longest text read as a confirmation only; a longer one gives an answer of its own."""
OPENING_CHARS = 80
"""How far into the text (after its label) the confirming word must stand."""

_CONFIRMING_RE = regex(
    r"✅|✓|✔|☑|\b(?:correct|right|good|fine|great|spot[ \t]on|looks[ \t]good|all[ \t]good|yes|yep|nailed)\b",
    re.I,
)
_DOUBTING_RE = regex(
    r"❌|✗|✘|⚠|\b(?:wrong|incorrect|not[ \t]quite|mistake|error|should[ \t]be|instead|however|but|except"
    r"|needs?[ \t]{1,3}(?:a[ \t]{1,3})?fix|missing|typo|careful|swap(?:ped)?|confus\w{0,4}|mix(?:ed)?[ \t]up)\b"
    # "fix the sign", "**Fix:**"; not "the data-loading fix" named among the answer's lessons
    r"|\bfix(?:[ \t]{0,2}[:*]|[ \t]{1,3}(?:it|this|that|the|your|one|a|these|those)\b)",
    re.I,
)


def confirms_only(text: str) -> bool:
    """Whether the text opens by confirming (a tick, "correct", "looks good"), is short, and doubts
    nothing ("but", "should be", "❌"): it confirms the user's own answer without giving one."""
    if len(text.split()) > CONFIRMS_MAX_WORDS:
        return False
    opening = after_line_label(text)
    return _CONFIRMING_RE.search(opening[:OPENING_CHARS]) is not None and _DOUBTING_RE.search(text) is None
