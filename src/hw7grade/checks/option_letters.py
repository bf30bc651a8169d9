"""A user's own letters for a choice's options, and an answer's picks by those letters.

Students often type a multiple-choice part with their own lettering, in any order ("(a)(i) How many
linear layers?  A) 3  B) 2  C) 0  D) 1"), and the model answers by letter ("**(a)(i): B**", "(iii) A, C").
The letters mean nothing without that menu, so a choice check reads it (from the answer's own copy of it
first, else from the question) and reads each letter the answer picks as its option. A picked letter is
replaced by a stand-in of the same length, one private-use character per option that the option's names
include, so every offset, and with it every piece of evidence, stays where it was.

Only a letter that reads as a pick is replaced: with its bracket ("B)", "(B)"), in emphasis ("**B**"), in a
run of letters ("A, C and E"), or alone after a lead ("Answer: B", "(a)(i): B", "→ B") before the line's or
sentence's end; "A linear map", "the matrix A⁻¹" and "W₂A" are no picks.
"""

from __future__ import annotations

import re
from typing import Callable

from ..regexes import regex
from ..text.menus import lettered_menus, numbered_menus, small_letter_menus

STAND_IN_BASE = 0xE000
"""The first private-use code point: option k of a check is `chr(STAND_IN_BASE + k)` once picked by letter."""
STAND_IN_COUNT = 64
"""Private-use code points reserved for stand-ins; an answer's own are cleared first (no model writes them)."""
PICK_LEAD_CHARS = 24
"""How far before a lone letter its lead ("Answer:", "→", "I'd pick") is looked for, on its line."""

_LETTER_RE = regex(r"(?<![\w'’])[A-H](?![\w'’])")
"""A capital letter standing alone, a pick's candidate."""
_RUN_JOIN = r"(?:[ \t]{0,2}[,/+&][ \t]{0,2}(?:and[ \t]{1,3})?|[ \t]{1,3}(?:and|or)[ \t]{1,3})"
"""What joins the picks of a run: ", ", " and ", " + ", "/"."""


def _run_of(pick: str, end: str) -> re.Pattern[str]:
    """A run of two to eight picks, each `pick`, the last followed by `end`."""
    return regex(rf"{pick}(?:{_RUN_JOIN}{pick}{end}){{1,7}}")


_RUN_RE = _run_of(r"[A-H]", r"(?![\w'’])")
"""A run of letters: "A, C", "A and E", "A + D + E", "B/C"."""
_SMALL_LETTER_RE = regex(r"(?<![\w'’])[a-h](?![\w'’])")
"""A small letter standing alone, for a menu in small letters ("a) 0  b) 1"). In brackets it most often
labels a part ("(a)(i)"): a pick so only in a run, after a lead ("Answer: (c)") or before its option's name
("(c) Dropout")."""
_SMALL_RUN_RE = _run_of(r"\(?[a-h]\)?", r"(?![\w'’])")
"""A run of small letters, bracketed or not: "a, e", "(a), (b) and (e)"."""
_NUMBER_RE = regex(r"(?<![\w.,'’])[1-9](?![\w'’%]|[.,]\d)")
"""A number standing alone, for a menu numbered from 1 ("1) nn.L1Loss  2) nn.MSELoss")."""
_NUMBER_RUN_RE = _run_of(r"[1-9]", r"(?![\w.%]|\.\d)")
"""A run of numbers: "1 and 5", "1, 4, 5"."""
_LEAD_END_RE = regex(
    r"(?:[:→]|->|=>|\b(?:is|are|option|options|choice|choices|choose|pick|select|answer|go[ \t]with)"
    r"|(?<![\w(])\(?(?:i{1,3}|iv|vi{0,3})\))"
    r"[ \t*_`]{0,4}\Z",
    re.IGNORECASE,
)
"""What a lone letter's pick follows on its line: "Answer:", "(a)(i):", "→", "the answer is", "I'd pick",
or a part's numeral alone ("**(ii) B** — ...")."""
_ALONE_AFTER_RE = regex(r"[ \t*_`]{0,4}(?:$|[.,;!]|[ \t]\(|[ \t][—–-][ \t])", re.MULTILINE)
"""After a lone letter: its line's end, a stop, a bracketed gloss ("B (2 layers)") or a dash."""


def stand_in(index: int) -> str:
    return chr(STAND_IN_BASE + index)


def read_key(text: str, named: Callable[[str], set[str]]) -> tuple[dict[str, str], list[tuple[int, int]]]:
    """The letters of the first menu in `text` whose items `named` reads as options (letter -> option),
    and the span of every such menu (an answer's copy of the menu names its options without picking
    them). A menu counts when two of its items at least name distinct options and one at most names none."""
    key: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for menu in (*lettered_menus(text), *small_letter_menus(text), *numbered_menus(text)):
        letters: dict[str, str] = {}
        for item in menu:
            options = named(text[item.text_start : item.end].strip(" \t,;*_`"))
            if len(options) == 1:
                letters[item.letter] = next(iter(options))
        if len(letters) >= 2 and len(letters) + 1 >= len(menu) and len(set(letters.values())) == len(letters):
            key = key or letters
            spans.append((menu[0].start, menu[-1].end))
    return key, spans


def with_stand_ins(answer: str, letters: dict[str, str], labels: list[str], menus: list[tuple[int, int]]) -> str:
    """The answer with each letter it picks (outside its menus) replaced by its option's stand-in."""
    index = {label: k for k, label in enumerate(labels)}
    stands = {letter: stand_in(index[label]) for letter, label in letters.items() if label in index}
    text = without_stand_ins(answer)
    chars = list(text)
    menu_ends = iter(sorted(menus))
    menu = next(menu_ends, None)
    run_end = -1
    small = all(letter.islower() for letter in letters)
    numbered = all(letter.isdigit() for letter in letters)
    # "1) 0  2) 1  3) 2": an answer's "2" may be the option or its number; only "3)" or "option 3" picks
    counted = numbered and any(option.isdigit() for option in letters.values())
    letter_re, run_re = (
        (_NUMBER_RE, _NUMBER_RUN_RE)
        if numbered
        else (_SMALL_LETTER_RE, _SMALL_RUN_RE)
        if small
        else (_LETTER_RE, _RUN_RE)
    )
    for m in letter_re.finditer(text):
        at = m.start()
        while menu is not None and menu[1] <= at:
            menu = next(menu_ends, None)
        if (menu is not None and menu[0] <= at) or m.group() not in stands:
            continue
        bracketed = small and 0 < at < len(text) - 1 and text[at - 1] == "(" and text[at + 1] == ")"
        start = at - 1 if bracketed else at
        if start >= run_end and (run := run_re.match(text, start)) is not None:
            # numbers join in runs in any text ("between 1 and 5 epochs"): a pick's only after a lead
            run_end = run.end() if not numbered or _lead_before(text, start) else -1
        if _names_its_option(text, at + 1, letters[m.group()]):
            # "(c) 2 — ✅", "**A. 0** — ✗": the option's name after its letter is the mention, with its mark
            chars[at] = _quiet(m.group())
        elif counted:
            if _numbered_as_in_menu(text, at):
                chars[at] = stands[m.group()]
        elif at < run_end or (
            _lead_before(text, start)
            if bracketed
            else _lead_before(text, at) and _ALONE_AFTER_RE.match(text, at + 1) is not None
            if numbered
            else _is_pick(text, at)
        ):
            chars[at] = stands[m.group()]
    return "".join(chars)


def without_stand_ins(answer: str) -> str:
    """The answer with any private-use character of the stand-ins' range made a replacement character: with
    no menu to key its letters, an answer's own such characters must name no option."""
    return answer.translate(_CLEARED)


def letters_back(letters: dict[str, str], labels: list[str]) -> dict[int, str]:
    """The translation that writes evidence's stand-ins as the letters the answer used."""
    index = {label: k for k, label in enumerate(labels)}
    back = {STAND_IN_BASE + index[label]: letter for letter, label in letters.items() if label in index}
    back.update({ord(_quiet(letter)): letter for letter in _QUIET_LETTERS})
    return back


_QUIET_LETTERS = "ABCDEFGHabcdefgh123456789"
QUIET_BASE = STAND_IN_BASE + STAND_IN_COUNT - len(_QUIET_LETTERS)
"""Stand-ins that name nothing, for a letter its option's name follows: no pick of its own, and no part's
label ("(c)") to the reading of the text either."""


def _quiet(letter: str) -> str:
    return chr(QUIET_BASE + _QUIET_LETTERS.index(letter))


_CLEARED = {STAND_IN_BASE + k: "\ufffd" for k in range(STAND_IN_COUNT)}


def _is_pick(text: str, at: int) -> bool:
    before = text[at - 1] if at else "\n"
    after = text[at + 1] if at + 1 < len(text) else "\n"
    if after in ")]":
        return before not in "([" or at < 2 or not text[at - 2].isalnum()  # "f(B)" calls, "(B)" picks
    if before in "*_`" and after in "*_`":
        return True
    return _lead_before(text, at) and _ALONE_AFTER_RE.match(text, at + 1) is not None


_OPTION_WORD_BEFORE_RE = regex(
    r"\b(?:option|choice)(?:[ \t*_]{1,3}number)?[ \t*_]{0,3}(?:#|no\.|is|=|:)?[ \t*_]{0,3}\Z", re.I
)
"""Before a number, a word that makes it an option's: "option 3", "option #3", "the option *number* is 3"."""
_LINE_LEAD_RE = regex(r"(?:^|\n)[ \t>*_-]{0,6}\Z")


def _numbered_as_in_menu(text: str, at: int) -> bool:
    """Whether a number is written as a menu of numbers names its options, "**3)**" or "option 3" (not
    "3)" opening a line: the answer's own list), where a bare number may be an option's value."""
    lead = text[max(0, at - PICK_LEAD_CHARS) : at]
    if _OPTION_WORD_BEFORE_RE.search(lead):
        return True
    return text[at + 1 : at + 2] == ")" and text[at - 1 : at] != "(" and _LINE_LEAD_RE.search(lead) is None


def _names_its_option(text: str, at: int, option: str) -> bool:
    """Whether the text after a letter's mark (`at`) opens on its option's name ("(c) Dropout", "A. 0")."""
    said = text[at : at + PICK_LEAD_CHARS + len(option)].lstrip(").]:")
    said = said.lstrip(" \t*_`")
    return said[: len(option)].lower() == option.lower()


def _lead_before(text: str, at: int) -> bool:
    """Whether a pick's lead ("Answer:", "→", "(ii)") ends right before `at` on its line."""
    line = text.rfind("\n", max(0, at - PICK_LEAD_CHARS), at) + 1
    return _LEAD_END_RE.search(text[max(line, at - PICK_LEAD_CHARS) : at]) is not None
