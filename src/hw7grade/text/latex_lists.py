"""A LaTeX document's lists, as the letters they print: a reply written for Overleaf numbers its answers by
`\\item` alone, the labels coming from the list's style ("\\begin{enumerate}[label=(\\alph*)]")."""

from __future__ import annotations

from ..regexes import regex
from .labels import ROMANS

LABEL_OPTION_MAX_CHARS = 80
"""Longest list option read for its label template ("[label=\\textbf{(\\alph*)}]")."""

_LIST_RE = regex(r"\\(?P<edge>begin|end)\{(?P<kind>enumerate|itemize|description)\}|\\item(?![A-Za-z])")
_COUNTER_RE = regex(r"\\(?P<style>alph|roman|arabic)\*")
_TEMPLATE_NOISE_RE = regex(r"\\(?:textbf|textit|emph|bfseries|itshape|upshape)\b|[{}\s]")


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


def with_item_labels(text: str) -> str:
    """The text with each bare `\\item` of a list styled with letters or numerals ("label=(\\alph*)",
    "label=\\textbf{(\\roman*)}") given the label it prints ("\\item[(b)]"), which reads as a label line
    does, and of a list of named slots ("label=$w_{\\arabic*}$ =") the slot it prints before its text
    ("\\item $w_2$= \\texttt{I}"); items with their own label, and lists in plain numbers or bullets, are
    left as they are."""
    if "\\item" not in text or "\\begin{enumerate}" not in text:
        return text
    pieces: list[str] = []
    pos = 0
    templates: list[tuple[str, str, str] | None] = []  # of the lists open, innermost last
    counts: list[int] = []  # ... and their items so far
    for m in _LIST_RE.finditer(text):
        if m.group("edge") == "begin":
            templates.append(_template(text, m.end()) if m.group("kind") == "enumerate" else None)
            counts.append(0)
        elif m.group("edge") == "end":
            if templates:
                templates.pop()
                counts.pop()
        elif templates and (template := templates[-1]) is not None:
            counts[-1] += 1
            if not text.startswith("[", _after_spaces(text, m.end())) and (label := _label(template, counts[-1])):
                # a numbered slot's label ("w_{\\arabic*} =") is printed before the item's text, a part's as its label
                pieces += [text[pos : m.end()], f" {label} " if template[1] == "arabic" else f"[{label}]"]
                pos = m.end()
    return "".join(pieces) + text[pos:] if pieces else text


def _after_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


def _template(text: str, at: int) -> tuple[str, str, str] | None:
    """(before, style, after) of a list's label option right after `\\begin{enumerate}`, or None."""
    if not text.startswith("[", at):
        return None
    end = text.find("]", at, at + LABEL_OPTION_MAX_CHARS)
    option = text[at + 1 : end] if end > 0 else ""
    start = option.find("label=")
    counter = _COUNTER_RE.search(option, start) if start >= 0 else None
    if counter is None:
        return None
    label = _TEMPLATE_NOISE_RE.sub("", option[start + len("label=") :].split(",", 1)[0])
    before, _, after = label.partition(counter.group())
    return before, counter.group("style"), after


def _label(template: tuple[str, str, str], k: int) -> str | None:
    before, style, after = template
    if style == "arabic":
        # only a named slot ("$w_{\\arabic*}$ =" prints "w_1 ="): a list numbered 1, 2, 3 is left as it is
        mark = str(k) if any(c.isalpha() for c in before) else None
    elif style == "roman":
        mark = ROMANS[k - 1] if k <= len(ROMANS) else None
    else:
        mark = chr(ord("a") + k - 1) if k <= 26 else None
    return f"{before}{mark}{after}" if mark else None
