"""Normalising chat formatting: Markdown, LaTeX and Unicode decoration reduced to one plain form.

Model answers wrap the same words in many decorations; checks compare meaning, so text is first
reduced to one plain form. Every pattern is compiled once, and none can backtrack over unbounded
text (tests/text/test_linear_time.py).
"""

from __future__ import annotations

import html
import re
import unicodedata

from ..regexes import regex

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u2013": "\u2014",
        "\u2015": "\u2014",
        "\u2026": "...",
        "\u27e8": "<",
        "\u27e9": ">",
        "\u3008": "<",
        "\u3009": ">",
        "\u2039": "<",
        "\u203a": ">",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
    }
)
_QUOTE_CHARS_RE = regex("[%s]" % "".join(chr(c) for c in _QUOTES))


def _quote_char(m: re.Match[str]) -> str:
    """`str.translate(_QUOTES)` for one character; translating only these is much faster."""
    return _QUOTES[ord(m.group())]


_LATEX_WRAPPERS = (
    "text",
    "textrm",
    "textbf",
    "textit",
    "texttt",
    "textsf",
    "textnormal",
    "mathrm",
    "mathbf",
    "mathit",
    "mathtt",
    "mathsf",
    "mathcal",
    "mathbb",
    "boldsymbol",
    "bm",
    "operatorname",
    "emph",
    "underline",
    "mbox",
    "boxed",
    "fbox",
)
_LATEX_WRAP_RE = regex(r"\\(?:%s)\s*\{([^{}]*)\}" % "|".join(_LATEX_WRAPPERS))
_LATEX_SYMBOLS = {
    "langle": "<",
    "rangle": ">",
    "lt": "<",
    "gt": ">",
    "textless": "<",
    "textgreater": ">",
    "ldots": "...",
    "dots": "...",
    "cdots": "...",
    "approx": "≈",
    "sim": "~",
    "times": "x",
    "lambda": "λ",
    "sigma": "σ",
    "Sigma": "Σ",
    "top": "T",
    "intercal": "T",
    "to": "→",
    "rightarrow": "→",
    "quad": " ",
    "qquad": " ",
    "checkmark": "✓",
    "neq": "≠",
    "ne": "≠",
    "leq": "≤",
    "geq": "≥",
    "le": "≤",
    "ge": "≥",
    "percent": "%",
}
_LATEX_SYMBOL_RE = regex(r"\\(%s)(?![A-Za-z])" % "|".join(sorted(_LATEX_SYMBOLS, key=len, reverse=True)))
_LATEX_ESCAPES_RE = regex(r"\\([%_&#$<>{}])")
_LATEX_SPACING_RE = regex(r"\\[,;:! ]|\\\\")
_MATH_DELIMS_RE = regex(r"\$\$?|\\[()\[\]]")
_SUBSCRIPT_RE = regex(
    r"_(?<=[A-Za-z]_)(?:(?<![A-Za-z]{2}_)|(?<=\^T[A-Za-z]_))(?:\{\s*(\d+|[a-z])\s*\}|(\d+|[a-z])(?![A-Za-z0-9]))"
)
"""`_1` / `_{1}` after a lone letter (W_1, x_{t}), or one right after a transpose (U_k^TU_k). It
starts with the `_` so that the engine jumps from underscore to underscore instead of trying every
letter."""


def _drop_subscript_marks(text: str) -> str:
    """W_1 -> W1, x_{t} -> xt. A letter that is itself a subscript does not start another one
    (a_b_c -> ab_c), as when each match took its letter along."""
    pieces: list[str] = []
    pos = 0
    for m in _SUBSCRIPT_RE.finditer(text):
        if m.start() == pos:
            continue  # its letter is the subscript just taken
        pieces += (text[pos : m.start()], m.group(1) or m.group(2))
        pos = m.end()
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


_SUPERSCRIPT_BRACES_RE = regex(r"\^\{[ \t]{0,2}([A-Za-z0-9]{1,3}|-1)[ \t]{0,2}\}")
_ANGLE_TOKEN_RE = regex(r"<\s+(\w+)\s+>|<\s*(\w+)\s+>|<\s+(\w+)\s*>")
_CODE_FENCE_RE = regex(r"^\s*```.*$", re.M)
_LINK_RE = regex(r"\[([^\]\n]{1,300})\]\([^)\s]{1,500}\)")
_BOLD_RE = regex(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1")
_STAR_ITALIC_RE = regex(r"\*(?<![\w*]\*)(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_UNDERSCORE_ITALIC_RE = regex(r"_(?<!\w_)(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w])")
_STRIKE_RE = regex(r"~~(.{1,300}?)~~")
_STRUCK_HEAD_AFTER_RE = regex(r"[ \t*_]{0,4}(?:[—–:]|-[ \t]|\n|$)")
"""After a struck line's head: its reason ("~~Multi-GPU~~ — every number is for one GPU") or nothing."""
_ITEM_LEAD = " \t-*+•>0123456789.)"
STRUCK_LEAD_MAX_CHARS = 12
"""Longest list mark or indent before struck text that heads its line."""


def _struck(m: re.Match[str]) -> str:
    """Struck text, taken back: gone, or a cross when it heads its line and a reason or nothing follows
    ("- ~~ImageNet~~ — that's the fast.ai work ..."): the line rejects it, as "❌ ImageNet — ..." would. A
    replacement after it ("- ~~w3 = saw~~ w3 = see") is the line's word instead."""
    text = m.string
    lead_from = max(0, m.start() - STRUCK_LEAD_MAX_CHARS)
    line = text.rfind("\n", lead_from, m.start()) + 1
    heads = (line > 0 or lead_from == 0) and not text[line : m.start()].strip(_ITEM_LEAD)
    return "✗" if heads and _STRUCK_HEAD_AFTER_RE.match(text, m.end()) is not None else ""


_SPOILER_RE = regex(r"(^|:[ \t]?)\|\|(?=[^\s|])([^|\n]{1,400})(?<=[^\s|])\|\|[ \t]*$", re.M)
"""A Discord spoiler that is a line's whole text or the text after its lead ("Answer: ||**Yes.**||");
norm bars ("||X - W2 W1 X||_F") rarely open a line and close it, and one inside a spoiler keeps it."""
_WORD_RE = regex(r"[A-Za-z]{3}")


def _spoiler(m: re.Match[str]) -> str:
    """A spoiler's text without its bars, if it holds a word ("||2 linear layers||"); a norm written
    alone on a line ("||X - W2W1X||") keeps them."""
    return m.group(1) + m.group(2) if _WORD_RE.search(m.group(2)) else m.group()


_HEADING_RE = regex(r"^[ \t]*#{1,6}[ \t]+", re.M)
HORIZONTAL_RULE_RE = regex(
    r"^[ \t]{0,3}(?:-[ \t]*){3,}$|^[ \t]{0,3}(?:\*[ \t]*){3,}$|^[ \t]{0,3}(?:_[ \t]*){3,}$", re.M
)
"""A Markdown horizontal rule (`---`, `***`, `___`), a line of its own."""
_QUOTE_LINE_RE = regex(r"^[ \t]*>[ \t]?", re.M)
_SPACES_RE = regex(r"[ \t\f\v]+")
_SPACE_RUNS_RE = regex(r"[ \t\f\v]{2,}|[\t\f\v]")
"""Same result as `_SPACES_RE` -> " ", without replacing every single space by itself."""


def normalize(text: str) -> str:
    """Plain text with Markdown/LaTeX/Unicode decoration removed; line breaks are kept."""
    text = html.unescape(text)
    if "ᵀ" in text or "⊤" in text:
        # A transpose in Unicode reads as the `^T` of ASCII and LaTeX (`^\top`): NFKC would make
        # `Uᵀ U` the word `UT U`, which no phrase written `U^T U` matches.
        text = text.replace("ᵀ", "^T").replace("^⊤", "^T").replace("⊤", "^T")
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = _QUOTE_CHARS_RE.sub(_quote_char, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Each pass runs only when its marker character is present: most answers use few of them.
    if "```" in text:
        text = _CODE_FENCE_RE.sub("", text)
    if "\\" in text:
        # Symbols first: `\langle\text{sos}\rangle` must not become `\langlesos\rangle`.
        text = _LATEX_SYMBOL_RE.sub(lambda m: _LATEX_SYMBOLS[m.group(1)], text)
        for _ in range(4):  # nested wrappers: \textbf{\text{x}}
            new = _LATEX_WRAP_RE.sub(r"\1", text)
            if new == text:
                break
            text = new
        text = _LATEX_SYMBOL_RE.sub(lambda m: _LATEX_SYMBOLS[m.group(1)], text)
        text = _LATEX_SPACING_RE.sub(" ", text)
        text = _LATEX_ESCAPES_RE.sub(r"\1", text)
    if "$" in text or "\\" in text:
        text = _MATH_DELIMS_RE.sub("", text)
    if "^{" in text:
        text = _SUPERSCRIPT_BRACES_RE.sub(r"^\1", text)  # U_k^{T} -> U_k^T, like the unbraced form
    if "_" in text:
        text = _drop_subscript_marks(text)
    if "<" in text:
        text = _ANGLE_TOKEN_RE.sub(lambda m: "<" + (m.group(1) or m.group(2) or m.group(3)) + ">", text)
    if "](" in text:
        text = _LINK_RE.sub(r"\1", text)
    text = text.replace("`", "")
    if "*" in text or "_" in text:
        for _ in range(2):  # ***x*** and **_x_**
            before = text
            if "**" in text or "__" in text:
                text = _BOLD_RE.sub(r"\2", text)
            if "*" in text:
                text = _STAR_ITALIC_RE.sub(r"\1", text)
            if "_" in text:
                text = _UNDERSCORE_ITALIC_RE.sub(r"\1", text)
            if text == before:  # a second pass over unchanged text changes nothing either
                break
    if "~~" in text:
        text = _STRIKE_RE.sub(_struck, text)  # struck text is taken back: "~~saw~~ see"
    if "||" in text:
        text = _SPOILER_RE.sub(_spoiler, text)  # "Answer: ||Yes.||": a spoiler's text, shown
    if "#" in text:
        text = _HEADING_RE.sub("", text)
    if ">" in text:
        text = _QUOTE_LINE_RE.sub("", text)
    if "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = _SPACE_RUNS_RE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


# Non-ASCII characters that a case-insensitive pattern matches to an ASCII letter (all of them:
# checked over every code point), mapped to that letter so a plain substring test agrees with `re.I`.
_ASCII_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def ascii_fold(text: str) -> str:
    """Lower case, with the characters `re.I` matches to an ASCII letter replaced by it: a plain
    substring test on this agrees with a case-insensitive pattern (and every length is kept). A final
    sigma is a sigma: `str.lower` writes a word-final "Σ" as "ς", so "U_kΣ" alone and "U_kΣs" would differ."""
    if not text.isascii():
        for char, letter in _ASCII_FOLD:
            text = text.replace(char, letter)
        return text.lower().replace("ς", "σ")
    return text.lower()


_BOXED_OPEN_RE = regex(r"\\boxed\s*\{")
_BRACE_RE = regex(r"[{}]")


def boxed(text: str, max_chars: int) -> list[tuple[int, int, str | None, bool]]:
    """Each `\\boxed{...}` of the text as (start, end of its opening brace, body, closed): the body None
    when its brace does not close within `max_chars`; `closed` whether it closes at all. Braces are
    matched in one pass over the text (not a scan per box, which an answer of many unclosed boxes would
    make quadratic)."""
    opens = list(_BOXED_OPEN_RE.finditer(text))
    if not opens:
        return []
    closing: dict[int, int] = {}  # index of a "{" -> index of its "}"
    stack: list[int] = []
    for m in _BRACE_RE.finditer(text):
        if m.group() == "{":
            stack.append(m.start())
        elif stack:
            closing[stack.pop()] = m.start()
    found: list[tuple[int, int, str | None, bool]] = []
    for m in opens:
        close = closing.get(m.end() - 1)
        body = text[m.end() : close] if close is not None and close - m.end() <= max_chars else None
        found.append((m.start(), m.end(), body, close is not None))
    return found


_HTML_TAG_RE = regex(
    r"<(/?)(b|strong|i|em|code|p|li|h[1-6]|sub|sup|div|span|ul|ol|table|thead|tbody|tr|td|th|pre|blockquote|a)"
    r"(?:[ \t][^<>\n]{0,200})?>",
    re.I,
)
"""The HTML tags a model or a web copy writes instead of Markdown ("<b>(a) Problem ...</b>"), or a page
pasted whole ("<div class=...><p>...</p><ul><li>w<sub>1</sub> = ..."): HTML's own element names only,
so `<sos>` and `<s>` stay tokens."""
_HTML_BREAK_RE = regex(r"<br[ \t]{0,2}/?>[ \t]{0,8}\n?", re.I)
_HTML_ENTITY_RE = regex(r"&(?:[A-Za-z]{2,8}[0-9]{0,2}|#\d{2,6}|#x[0-9a-fA-F]{2,6});")
_HTML_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`", "sup": "^"}
_HTML_DROPPED = frozenset({"span", "a", "thead", "tbody"})
_HTML_LINES = frozenset({"div", "ul", "ol", "table", "pre", "blockquote"})


def markdown_from_html(text: str) -> str:
    """The text with HTML markup written as Markdown: bold and italics as `**` and `*`, a line break
    as one, paragraphs, list items and headings on lines of their own, entities decoded ("&lt;sos&gt;")
    - so a label in `<b>(a) ...</b><br>` heads its part as `**(a) ...**` does. Most text has none."""
    if "<" not in text and "&" not in text:
        return text
    if "<" in text and (_HTML_TAG_RE.search(text) is not None or _HTML_BREAK_RE.search(text) is not None):
        text = _HTML_BREAK_RE.sub("\n", text)
        text = _HTML_TAG_RE.sub(_markdown_mark, text)
    if "&" in text:
        text = _HTML_ENTITY_RE.sub(_entity, text)
    return text


def _entity(m: re.Match[str]) -> str:
    """An entity's character ("&minus;", "&part;", "&#x27;"); a no-break space is a space."""
    return " " if m.group() == "&nbsp;" else html.unescape(m.group())


def _markdown_mark(m: re.Match[str]) -> str:
    closing, name = m.group(1), m.group(2).lower()
    if name in _HTML_MARKS:
        return "" if name == "sup" and closing else _HTML_MARKS[name]
    if name == "sub":
        return "" if closing else "_"  # "w<sub>1</sub>" is w_1
    if name == "p":
        return "\n\n" if closing else ""
    if name == "li":
        return "\n" if closing else "\n- "
    if name == "tr":
        return "" if closing else "\n|"
    if name in ("td", "th"):
        return " |" if closing else " "
    if name in _HTML_LINES:
        return "\n"
    if name in _HTML_DROPPED:
        return ""
    return "\n" if closing else "\n" + "#" * int(name[1]) + " "  # h1-h6
