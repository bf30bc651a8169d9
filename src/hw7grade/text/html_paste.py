"""A reply pasted as raw HTML (a chat page's or a rich-text editor's markup) read as the Markdown it
shows: block elements become lines, list items bullets, headings `#` lines, `<sub>` a subscript,
inline emphasis and code their Markdown marks, and entities their characters."""

from __future__ import annotations

import html
import re

from ..regexes import regex

MIN_BLOCK_TAGS = 2
"""Block-level tags a text needs before it is read as HTML: a lone `<br>` or `<b>` in prose is not a page."""

_BLOCK_RE = regex(r"<(?:p|div|li|ul|ol|h[1-6]|br|table|tr|pre|blockquote)\b[^<>\n]{0,200}>", re.I)
_TAG_RE = regex(r"<(/?)([A-Za-z][A-Za-z0-9]{0,9})\b[^<>]{0,300}?(/?)>")
_BLANK_LINES_RE = regex(r"\n[ \t]*\n(?:[ \t]*\n)+")

_INLINE = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}
_DROPPED = frozenset({"span", "a", "div", "section", "article", "thead", "tbody", "small", "u", "mark", "font"})
_LINES = frozenset({"p", "ul", "ol", "table", "pre", "blockquote", "hr"})


def html_as_text(text: str) -> str:
    """`text` as Markdown when it is an HTML page's markup (see `MIN_BLOCK_TAGS`), else unchanged.
    Only HTML's own element names are read; `<sos>`, `<eos>` and other angle-bracket tokens stay."""
    if "<" not in text or len(_BLOCK_RE.findall(text, 0, len(text))) < MIN_BLOCK_TAGS:
        return text
    out = _TAG_RE.sub(_markdown, text)
    return _BLANK_LINES_RE.sub("\n\n", html.unescape(out)).strip("\n")


def _markdown(m: re.Match[str]) -> str:
    closing, name = m.group(1), m.group(2).lower()
    if name in _INLINE:
        return _INLINE[name]
    if name == "br":
        return "\n"
    if name == "li":
        return "" if closing else "\n- "
    if len(name) == 2 and name[0] == "h" and name[1] in "123456":
        return "\n" if closing else "\n" + "#" * int(name[1]) + " "
    if name == "sub":
        return "" if closing else "_"
    if name == "sup":
        return "" if closing else "^"
    if name in ("tr",):
        return "" if closing else "\n|"
    if name in ("td", "th"):
        return " |" if closing else " "
    if name in _LINES:
        return "\n"
    if name in _DROPPED:
        return ""
    return m.group()  # not HTML's: a token such as <sos>
