"""Model answers as HTML: a small Markdown subset, everything escaped, evidence highlighted.

No raw HTML ever passes (a `<script>` in an answer is shown as text), links are not made
clickable and images are not loaded, so nothing on the page can come from an answer but text.
Every step is a single left-to-right scan or a `str.find`: linear in the answer's length.

Evidence spans are found in the raw text first and marked with two private-use characters, which
survive escaping and become `<mark>` at the end, closed and reopened at line ends so marks never
straddle block elements.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from .formula import MARK_CLOSE, MARK_OPEN, Shapes, render_formula

_SENTINELS = str.maketrans("", "", MARK_OPEN + MARK_CLOSE)
MIN_EVIDENCE_CHARS = 3
"""Shorter evidence ("a", "I") would light up every line; it stays in the checks list only."""


def find_spans(text: str, evidence: Iterable[str]) -> list[tuple[int, int]]:
    """Where each evidence string first occurs (exact, else ignoring case), merged and sorted."""
    folded = text.casefold() if len(text.casefold()) == len(text) else None
    spans = []
    for quote in evidence:
        quote = quote.strip()
        if len(quote) < MIN_EVIDENCE_CHARS:
            continue
        at = text.find(quote)
        if at < 0 and folded is not None and len(quote.casefold()) == len(quote):
            at = folded.find(quote.casefold())
        if at >= 0:
            spans.append((at, at + len(quote)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _with_marks(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in spans:
        out += [text[pos:start], MARK_OPEN, text[start:end], MARK_CLOSE]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _inline(line: str, shapes: Shapes = ()) -> str:
    """Escaped line with `code`, **bold** and $math$; unmatched markers stay as text."""
    out: list[str] = []
    i, n = 0, len(line)
    ahead = {"`": -1, "$": -1, "**": -1}
    """Next position of each marker at or after some point: each is searched forward only once."""

    def next_marker(start: int) -> int:
        for marker, at in ahead.items():
            if at < start and at != n:
                found = line.find(marker, start)
                ahead[marker] = n if found < 0 else found
        return min(ahead.values())

    while i < n:
        ch = line[i]
        if ch == "`" or (ch == "$" and not line.startswith("$$", i)):
            end = line.find(ch, i + 1)
            if end > i + 1:
                inner = line[i + 1 : end]
                out.append(
                    render_formula(inner, False, shapes) if ch == "$" else f"<code>{escape(inner, quote=False)}</code>"
                )
                i = end + 1
                continue
        if line.startswith("**", i):
            end = line.find("**", i + 2)
            if end > i + 2:
                out.append(f"<strong>{escape(line[i + 2 : end], quote=False)}</strong>")
                i = end + 2
                continue
        nxt = next_marker(i + 1)
        out.append(escape(line[i:nxt], quote=False))
        i = nxt
    return "".join(out)


def _block_math(line: str) -> tuple[str, str] | None:
    """(opening, closing) delimiters when the line starts a display formula."""
    s = line.strip()
    if s.startswith("$$"):
        return "$$", "$$"
    if s.startswith("\\["):
        return "\\[", "\\]"
    return None


def render_answer(text: str, evidence: Iterable[str] = (), shapes: Shapes = ()) -> str:
    """The answer as safe HTML, evidence spans in `<mark>`; `shapes` are the matrices' (name, rows,
    cols) the part's math checks read, so its evidence formulas can be drawn as MathML."""
    if MARK_OPEN in text or MARK_CLOSE in text:
        text = text.translate(_SENTINELS)
    marked = _with_marks(text, find_spans(text, evidence))
    html: list[str] = []
    lines = _balanced_lines(marked)
    i, in_list = 0, False
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        math = _block_math(line)
        if in_list and (math is not None or stripped.startswith("```")):
            html.append("</ul>")
            in_list = False
        if stripped.startswith("```"):
            body = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                body.append(lines[i])
                i += 1
            html.append(f"<pre><code>{escape(chr(10).join(body), quote=False)}</code></pre>")
            i += 1
            continue
        if math is not None:
            opening, closing = math
            rest = stripped[len(opening) :]
            body = []
            while closing not in rest and i + 1 < len(lines):
                body.append(rest)
                i += 1
                rest = lines[i].strip()
            body.append(rest.split(closing, 1)[0])
            html.append(render_formula("\n".join(body), True, shapes))
            i += 1
            continue
        is_item = stripped[:2] in ("- ", "* ") or (stripped[:1].isdigit() and ". " in stripped[:4])
        if in_list and not is_item:
            html.append("</ul>")
            in_list = False
        if not stripped:
            pass
        elif stripped.startswith("#"):
            tag = f"h{min(len(stripped) - len(stripped.lstrip('#')) + 3, 6)}"
            html.append(f"<{tag}>{_inline(stripped.lstrip('#').strip(), shapes)}</{tag}>")
        elif is_item:
            if not in_list:
                html.append("<ul>")
                in_list = True
            item = stripped[2:] if stripped[:2] in ("- ", "* ") else stripped
            html.append(f"<li>{_inline(item, shapes)}</li>")
        else:
            html.append(f"<p>{_inline(stripped, shapes)}</p>")
        i += 1
    if in_list:
        html.append("</ul>")
    return "\n".join(html).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def _balanced_lines(marked: str) -> list[str]:
    """Source lines whose marks each close on their own line (reopened on the next), so a mark
    never straddles the block elements lines become. Spans never nest (they are merged)."""
    out, open_ = [], False
    for line in marked.split("\n"):
        if open_:
            line = MARK_OPEN + line
        last_open, last_close = line.rfind(MARK_OPEN), line.rfind(MARK_CLOSE)
        open_ = last_open > last_close
        out.append(line + MARK_CLOSE if open_ else line)
    return out


__all__ = ["find_spans", "render_answer"]
