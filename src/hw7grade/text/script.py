"""Which writing system an answer's prose is in: the phrase, stance and choice checks read English, so
an answer written in Chinese or Hindi is not judged wrong for words they cannot read."""

from __future__ import annotations

from ..regexes import regex

_SCRIPTS = (
    ("Chinese or Japanese", regex(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")),
    ("Korean", regex(r"[\uac00-\ud7af]")),
    ("Devanagari", regex(r"[\u0900-\u097f]")),
    ("Cyrillic", regex(r"[\u0400-\u04ff]")),
    ("Arabic", regex(r"[\u0600-\u06ff]")),
)
"""Scripts an answer may be written in, and a character of each (Greek is left out: it is the maths')."""
_LATIN_WORD_RE = regex(r"[A-Za-z]{2,}")
_MATH_OR_CODE_RE = regex(r"\$\$[^$]{0,2000}\$\$|\$[^$\n]{0,400}\$|`[^`\n]{0,200}`")
"""Formulas and code, whose letters are symbols whatever language the prose around them is in."""
FOREIGN_SHARE = 1.0
"""Characters of another script per English word at or above which the prose is in that script (a
Chinese character is about a word's worth of meaning)."""


def unread_script(text: str) -> str | None:
    """The name of the script the text's prose is mostly in, when it is not the Latin alphabet; else
    None. Most answers have no character of another script: one scan each says so."""
    found = [(name, len(pattern.findall(text))) for name, pattern in _SCRIPTS if pattern.search(text) is not None]
    if not found:
        return None
    name, count = max(found, key=lambda f: f[1])
    words = len(_LATIN_WORD_RE.findall(_MATH_OR_CODE_RE.sub(" ", text)))
    return name if count >= FOREIGN_SHARE * max(words, 1) else None
