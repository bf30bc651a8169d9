"""Lettered menus of options typed with a multiple-choice part: "(a)(i) How many linear layers?  A) 3
B) 2  C) 0  D) 1", or one option a line. Their letters name options, not parts ("3  B)" is no Q3(b)), and
an answer may pick by them (see `checks.option_letters`)."""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from ..regexes import regex

MENU_GAP_MAX_CHARS = 160
"""Most characters from one letter's mark to the next in a menu."""
MENU_ITEM_MAX_CHARS = 48
"""Longest option text: a longer item, or one asking something ("A) How many layers?"), is a part."""
ITEM_SCAN_CHARS = 2 * MENU_ITEM_MAX_CHARS
"""How far the last item's end (its line's or its clause's) is looked for."""

_FIRST_MARKS = ("A)", "A.", "A]")
"""How a menu's first mark ends (`_MARK_RE` with the letter A)."""
_PAST_ANY_END = float("inf")
_MARK_RE = regex(r"(?<![\w(\[])[(\[]?(?P<letter>[A-H])[).\]](?=[ \t])")
"""A capital letter's mark: "A) 3", "(B) nn.MSELoss", "C. Layer Norm", "[D] Dropout"."""


_LAST_ITEM_END_RE = regex(r"[,;?]|\.[ \t]|[ \t]{2}|\t")
"""Where the last item's text ends before its line does: a clause's end, or a wide gap."""


class MenuItem(NamedTuple):
    letter: str
    start: int
    """Where its mark starts."""
    text_start: int
    end: int
    """Where its text ends: the next mark, or its line's end."""


def lettered_menus(text: str) -> list[tuple[MenuItem, ...]]:
    """The menus in the text: runs of two marks or more with consecutive letters from A, each item short
    and asking nothing. One scan of the marks, and none when no "A" is marked (every menu starts there):
    labels read every turn through this, and almost none holds a menu."""
    menus: list[tuple[MenuItem, ...]] = []
    if not any(mark in text for mark in _FIRST_MARKS):
        return menus
    run: list[tuple[str, int, int]] = []  # (letter, mark start, text start)
    for m in _MARK_RE.finditer(text):
        letter, at = m.group("letter"), m.start()
        if run and ord(letter) == ord(run[-1][0]) + 1 and at - run[-1][1] <= MENU_GAP_MAX_CHARS:
            run.append((letter, at, m.end()))
            continue
        _close(text, run, menus)
        run = [(letter, at, m.end())] if letter == "A" else []
    _close(text, run, menus)
    return menus


def menu_spans(text: str) -> list[tuple[int, int]]:
    """Where each menu stands: its first mark to its last item's end."""
    return [(menu[0].start, menu[-1].end) for menu in lettered_menus(text)]


def in_menu(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether `at` lies in one of the spans (disjoint, in order, as `menu_spans` gives them)."""
    k = bisect_right(spans, (at, _PAST_ANY_END)) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


def _past_blanks(text: str, at: int, end: int) -> int:
    while at < end and text[at] in " \t":
        at += 1
    return at


def _close(text: str, run: list[tuple[str, int, int]], menus: list[tuple[MenuItem, ...]]) -> None:
    if len(run) < 2:
        return
    items = []
    for k, (letter, at, text_start) in enumerate(run):
        # looked for no further than the next mark, or a short way for the last item: one pass per item
        limit = run[k + 1][1] if k + 1 < len(run) else min(len(text), text_start + ITEM_SCAN_CHARS)
        line_end = text.find("\n", text_start, limit)
        end = limit if line_end < 0 else line_end
        stop = _LAST_ITEM_END_RE.search(text, _past_blanks(text, text_start, end), end) if k + 1 == len(run) else None
        if stop is not None:
            end = stop.start()  # "D) 1, then (b) why?": the last item ends with its clause
        said = text[text_start:end].strip(" \t,;")
        if not said or len(said) > MENU_ITEM_MAX_CHARS or said.endswith("?"):
            return
        items.append(MenuItem(letter, at, text_start, end))
    menus.append(tuple(items))
