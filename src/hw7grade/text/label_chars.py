"""Characters that write a part's label in other glyphs, read as their plain forms: a parenthesised or
circled letter (⒝, ⓑ), a Roman numeral in one character (ⅱ), full-width forms ((ｂ), ｑ７), bold or
script math letters (𝐚, 𝒊), and a letter or numeral in another script's brackets (【b】, 〔c〕, «c»,
❨a❩, 『ii』) or in square ones ([b]), as Unicode's compatibility forms (NFKC) and the brackets a label
takes would have them.

Text with no square bracket and all ASCII is returned as it is; otherwise one `str.translate` and at
most two bounded patterns.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..regexes import regex

_RANGES = (
    (0x2160, 0x217F),  # Roman numerals, capital and small: Ⅱ, ⅱ
    (0x249C, 0x24E9),  # parenthesised and circled letters: ⒜, Ⓐ, ⓐ
    (0xFF01, 0xFF5E),  # full-width ASCII: （ｂ）, ｑ７
    (0x1D400, 0x1D6A3),  # mathematical letters: 𝐚, 𝒊, 𝔟
)
"""The code points read as their compatibility forms."""
_OPEN = "【〔〖〘❨⦅«『「"
_CLOSE = "】〕〗〙❩⦆»』」"
_BRACKETED_RE = regex(rf"[{_OPEN}][ \t]?([a-hA-H]|iv|i{{1,3}}|\d{{1,2}}[a-h]?)[ \t]?[{_CLOSE}]")
"""A label's letter, numeral or number between another script's brackets: "【b】", "«c»", "『ii』"."""


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for low, high in _RANGES:
        for code in range(low, high + 1):
            plain = unicodedata.normalize("NFKC", chr(code))
            if plain != chr(code) and plain.isascii():
                table[code] = plain
    return table


_SQUARE_RE = regex(r"(?<![\w\])\\`])\[([a-h]|iv|i{1,3})\](?![(:\[])")
"""A letter or numeral in square brackets ("### [b] Training", "[c] what 5 tokens ..."): not an index
("x[i]"), a link ("[b](url)", "[b]: url") or a LaTeX option ("\\item[b]")."""


def plain_label_chars(text: str) -> str:
    """The text with labels' other glyphs in their plain forms (see the module's docstring)."""
    if "[" in text:
        text = _SQUARE_RE.sub(_in_brackets, text)
    if text.isascii():
        return text
    text = text.translate(_table())
    if not any(c in text for c in _OPEN):
        return text
    return _BRACKETED_RE.sub(_in_brackets, text)


def _in_brackets(m: re.Match[str]) -> str:
    return f"({m.group(1)})"
