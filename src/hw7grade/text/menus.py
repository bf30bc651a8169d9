"""Lettered menus of options typed with a multiple-choice part: "(a)(i) How many linear layers?  A) 3
B) 2  C) 0  D) 1", or one option a line. Their letters name options, not parts ("3  B)" is no Q3(b)), and
an answer may pick by them (see `checks.option_letters`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator, NamedTuple

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
_BARE_MARK_RE = regex(r"(?<![^\n])(?P<letter>[A-H])(?=[ \t])")
"""A capital letter alone opening its line, the option after a space ("A nn.L1Loss" over "B nn.MSELoss"):
a mark only in a run of `BARE_MENU_MIN_ITEMS` ("A linear map ..." opens a sentence)."""
BARE_MENU_MIN_ITEMS = 3


_LOWER_MARK_RE = regex(r"(?:(?<![\w(\[])\(?(?=[a-h]\))|(?<![^\n])(?=[a-h]\.[ \t]))(?P<letter>[a-h])[.)](?=[ \t])")
"""A small letter's mark, "(b) nn.MSELoss", "c) 2", or opening its line "c. SGD optimizer": most often a
part's label, an option's only in a menu that runs past the letters a question has, or under a part's
numeral."""
NUMERAL_LOOKBACK_CHARS = 200
"""How far before a menu in small letters the numeral it stands under is looked for."""
LOWER_MENU_MIN_ITEMS = 3
"""Fewest options of a menu in small letters (under a numeral: "(ii) which loss: (a) ... (b) ... (c) ...")."""
LOWER_MENU_ALONE_MIN_ITEMS = 4
"""Fewest options of a menu in small letters with no numeral above it: past "(c)", no question's letters."""
_NUMERAL_MARK_RE = regex(
    r"(?<![\w(])(?:(?:[Qq]|[Qq]uestion[ \t]?)?[1-9][ \t]?)?(?:[a-h](?=\())?"
    r"\(?(?:i{1,3}|iv|vi{0,3})(?:\)[.:]?|[.:])(?=[ \t]|$)"
)
"""A part's numeral mark, "(ii)", "iii.", under its question and letter ("Q8 a(ii):"): the small letters after
it on its line, or below it, letter options."""
_CONNECTIVES = frozenset({"and", "or", "&", "then", "too", "also", "please", "pls", "plus"})
"""Words that join labels ("(a) and (b) and (c)"), not the text of options."""


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
    if any(mark in text for mark in _FIRST_MARKS):
        for run in _runs(text, _MARK_RE, "A"):
            _close(text, run, menus)
    if text.startswith("A ") or "\nA " in text:
        for run in _runs(text, _BARE_MARK_RE, "A"):
            if len(run) >= BARE_MENU_MIN_ITEMS:
                _close(text, run, menus)
    return sorted(menus)


def _runs(text: str, marks: re.Pattern[str], first: str) -> Iterator[list[tuple[str, int, int]]]:
    """Each run of marks from `first` whose letters (or digits) follow one another, at most
    `MENU_GAP_MAX_CHARS` apart, as (letter, mark start, text start): one scan of the marks."""
    run: list[tuple[str, int, int]] = []
    for m in marks.finditer(text):
        letter, at = m.group("letter"), m.start()
        if run and ord(letter) == ord(run[-1][0]) + 1 and at - run[-1][1] <= MENU_GAP_MAX_CHARS:
            run.append((letter, at, m.end()))
            continue
        if run:
            yield run
        run = [(letter, at, m.end())] if letter == first else []
    if run:
        yield run


_NUMBER_MARK_RE = regex(r"(?<![\w(\[.,])[(\[]?(?P<letter>[1-9])[).\]](?=[ \t])")
"""A number's mark: "1) nn.L1Loss", "(2) nn.MSELoss", "3. Layer Norm"."""
NUMBERED_MENU_MIN_ITEMS = 3


def numbered_menus(text: str) -> list[tuple[MenuItem, ...]]:
    """The menus numbered from 1 ("1) Weight Decay  2) Dropout  3) Layer Norm"), three items at least, each
    short and asking nothing. Numbers mark parts and steps as often, so these key an answer's picks only
    (see `checks.option_letters`), never hide a label."""
    menus: list[tuple[MenuItem, ...]] = []
    if "1" not in text:
        return menus
    for run in _runs(text, _NUMBER_MARK_RE, "1"):
        if len(run) >= NUMBERED_MENU_MIN_ITEMS:
            _close(text, run, menus)
    return menus


def small_letter_menus(text: str) -> list[tuple[MenuItem, ...]]:
    """The menus lettered in small letters: runs of marks with consecutive letters from (a), each item
    short, asking nothing and more than a joining word, four at least, or three under a part's numeral
    ("(ii) which loss: (a) nn.L1Loss (b) nn.MSELoss (c) nn.CrossEntropyLoss"). A part list "(a) and (b)"
    or "(a) what ...? (b) why?" is none."""
    menus: list[tuple[MenuItem, ...]] = []
    if not ("c)" in text and "a)" in text) and "\nc. " not in text:
        return menus  # three items at least: most text has no "c)"
    for run in _runs(text, _LOWER_MARK_RE, "a"):
        _close_small(text, run, menus)
    return menus


def _close_small(text: str, run: list[tuple[str, int, int]], menus: list[tuple[MenuItem, ...]]) -> None:
    if len(run) < LOWER_MENU_MIN_ITEMS or (
        len(run) < LOWER_MENU_ALONE_MIN_ITEMS and not _under_numeral(text, run[0][1])
    ):
        return
    found: list[tuple[MenuItem, ...]] = []
    _close(text, run, found)
    if found and all(_says_something(text[item.text_start : item.end]) for item in found[0]):
        menus.extend(found)


def _under_numeral(text: str, at: int) -> bool:
    """Whether a part's numeral stands before `at` on its line, or opens the last line above it that is not
    blank; looked for within `NUMERAL_LOOKBACK_CHARS`, so a long line is not read back from every menu."""
    lo = max(0, at - NUMERAL_LOOKBACK_CHARS)
    line = text.rfind("\n", lo, at) + 1 or lo
    if _NUMERAL_MARK_RE.search(text, line, at) is not None:
        return True
    above = text[lo : max(line - 1, lo)].rstrip()
    last = above[above.rfind("\n") + 1 :]
    return line > lo and _NUMERAL_MARK_RE.match(last.lstrip(" \t-*#>")) is not None


def menu_items(text: str) -> dict[str, frozenset[str]]:
    """The text of each option of the text's lettered menus, by its letter as typed ("B" -> {"nn.mseloss"},
    lower-cased): a reply line that names an option after its letter ("- B) `nn.L1Loss` measures ...")
    mentions that option, not a part (b)."""
    found: dict[str, set[str]] = {}
    for menu in (*lettered_menus(text), *small_letter_menus(text)):
        for item in menu:
            if said := text[item.text_start : item.end].strip(" \t,;*_`").lower():
                found.setdefault(item.letter, set()).add(said)
    return {letter: frozenset(said) for letter, said in found.items()}


def _says_something(item: str) -> bool:
    words = item.strip(" \t,;*_`").lower().split()
    return any(word not in _CONNECTIVES for word in words)


def menu_spans(text: str) -> list[tuple[int, int]]:
    """Where each menu stands, in capital or small letters: its first mark to its last item's end."""
    spans = [(menu[0].start, menu[-1].end) for menu in (*lettered_menus(text), *small_letter_menus(text))]
    return sorted(spans)


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
