"""The items of a LaTeX document's outermost lists ("\\begin{enumerate} \\item ... \\item ..."): a reply
written for Overleaf numbers its answers by `\\item` alone, the letters coming from the list's style."""

from __future__ import annotations

from ..regexes import regex

_LIST_RE = regex(r"\\(?P<edge>begin|end)\{(?:enumerate|itemize|description)\}|\\item(?![A-Za-z])")


def outer_items(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `\\item` of the text's outermost lists, an item ending where the next starts
    or its list ends; items of lists inside an item are that item's text. One scan of the text."""
    items: list[tuple[int, int]] = []
    depth = 0
    for m in _LIST_RE.finditer(text):
        edge = m.group("edge")
        if edge == "begin":
            depth += 1
        elif edge == "end":
            if depth == 1 and items and items[-1][1] < 0:
                items[-1] = (items[-1][0], m.start())
            depth = max(depth - 1, 0)
        elif depth == 1:
            if items and items[-1][1] < 0:
                items[-1] = (items[-1][0], m.start())
            items.append((m.start(), -1))
    return [(start, end if end >= 0 else len(text)) for start, end in items]
