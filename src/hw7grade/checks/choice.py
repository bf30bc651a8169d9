"""`choice`: a single choice (q8a.i, q8a.ii) or a select-all set (q8a.iii)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import Callable, ClassVar, Collection, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..regexes import regex
from ..text.analysis import Analysed, analyse, find_hits
from ..text.answers import (
    CHECKED_RE,
    CROSS_MARKS,
    LIST_MARKER_RE,
    ROW_MARK_RE,
    TICK_MARKS,
    TRAILING_CHECK_RE,
    answer_regions,
    is_list_item,
    strip_line_marker,
    table_cells,
)
from ..text.labels import LABEL_LINE_CANDIDATE, Label, line_label, mentions
from ..text.menus import in_menu
from ..text.normalize import boxed, normalize
from ..text.number_words import number_word
from ..text.phrases import PhraseHit, PhraseSet
from ..text.sentences import Sentence
from .base import CheckContext, CheckResult, CheckSpec
from .option_letters import letters_back, read_key, stand_in, with_stand_ins, without_stand_ins
from .option_places import PLACE_WORD_RE, listed_order, with_place_stand_ins

_WEAK = "\0weak:"
_ASIDE_RE = regex(r"\([^)]*\)|\s[—-]\s.*$|\s(?:because|since|as|so|which|where)\s.*$", re.I)
"""Explanations after the chosen option in a single-choice answer ("2 (one encoder, one decoder)")."""


_BOX_RE = regex(r"\[([ xX✓])\]|([☐□⬜☑☒])")
"""A check box, ASCII or a glyph, ticked or not: several on one line are a menu whose ticked boxes
are the pick ("[ ] 0   [x] 2", "☑ Weight Decay ☐ Dropout")."""
_SEPARATOR_ROW_RE = regex(r"[ \t]{0,3}\|?[ \t]{0,3}:?-{3}")
_EARLIER_HEADER_RE = regex(
    r"[ \t*_]{0,4}(?:yours|your[ \t]{1,3}(?:draft|original|picks?|choices?|guess(?:es)?|ticks?)|before|old"
    r"|original|was|previous|you[ \t]{1,3}(?:wrote|had|picked|ticked|chose))[ \t*_:]{0,4}$",
    re.I,
)
"""A table's column header naming the answer being corrected ("| | Yours | Correct |", "Before / Now"; not
"your answer", what the student should write): its cells are not the pick."""
_BOX_TEXT_END_RE = regex(r"[—–;]|\.(?:[ \t]|$)")
"""Where a ticked box's text ends before the next box: at a dash, a semicolon or a full stop, past
which the line says something else."""
_EMPTY_BOXES = (" ", "☐", "□", "⬜")
_GLYPH_BOXES = ("☐", "□", "⬜", "☑", "☒")


def _boxes(line: str) -> list[tuple[int, bool]]:
    """Where each check box of a line stands, and whether it is ticked."""
    return [(m.start(), m.group(m.lastindex or 0) not in _EMPTY_BOXES) for m in _BOX_RE.finditer(line)]


class Option(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    label: str
    """Canonical text of the option, e.g. "Weight Decay" or "2"."""
    aliases: list[str] = Field(default_factory=list)
    """Other ways an answer may name it ("weight_decay", "L2 penalty in the optimizer", "two")."""


@dataclass(frozen=True)
class _Mention:
    sentence: Sentence
    start: int
    """Offset in the analysed text."""
    end: int
    label: str
    asserted: bool
    weak: bool
    """Named by a number word ("one", "two"): explanations count with these too, so a digit wins."""


@dataclass(frozen=True)
class _Tally:
    """A number word that counts things off ("one for the encoder"), not a pick on its own."""

    sentence: Sentence
    value: int
    paired: bool
    """Joined to the one before by "and", "plus" or "then" ("... and one for the decoder")."""


_ROW_NO = ("no", "not", "unnecessary", "unneeded", "excluded", "skip", "optional")
_ROW_YES = ("yes", "needed", "required", "include", "included", "use", "necessary")
ROW_MARK_MAX_WORDS = 4
ITEM_MAX_CHARS = 2000
"""How far back a mention looks for the start of its list item (a longer line is no item)."""
LIST_LEAD_CHARS = 12


def row_mark(row: str) -> bool | None:
    """A table row's verdict from its short mark cells: ❌/✗/"No" -> False, ✅/✓/"Yes" -> True."""
    found = _row_mark_at(row)
    return None if found is None else found[0]


def _row_mark_at(row: str, earlier: Collection[int] = ()) -> tuple[bool, int] | None:
    """The row's verdict and where its marking cell starts in `row`; not from the cells of `earlier`
    columns, which hold the answer being checked ("| Batch Norm | ✓ | ❌ no |" under "| Option | Your
    pick | Needed? |")."""
    for k, (start, end) in enumerate(table_cells(row)[1:], start=1):
        if k in earlier:
            continue
        body = row[start:end].strip().strip("*_` ")
        if not body:
            continue
        if body[0] in CROSS_MARKS:
            return False, start
        if body[0] in TICK_MARKS:
            return True, start
        words = body.replace("—", " — ").replace("–", " – ").split()
        if not words:
            continue
        first = words[0].strip(".,:;!()").casefold()
        marked = len(words) <= ROW_MARK_MAX_WORDS or words[0][-1] in ".,:;!(" or (len(words) > 1 and words[1] in "—–-:")
        if marked and first in _ROW_NO:
            return False, start
        if marked and first in _ROW_YES:
            return True, start
    return None


def _marks_each_option(row: str) -> bool:
    """Whether a row holds both ticks and crosses inside its cells (each option marked on its own)."""
    return any(c in row for c in TICK_MARKS) and any(c in row for c in CROSS_MARKS)


def _marked_by_sign(row: str, mark: tuple[bool, int] | None) -> bool:
    """Whether the row's verdict is a ✓/✗ or a bare yes/no cell ("| 0 | ✗ | ... |"), which decides the
    row, rather than a word that may be a column's text ("| needed components | **Weight Decay** |")."""
    if mark is None:
        return False
    end = row.find("|", mark[1] + 1)
    body = row[mark[1] : end if end >= 0 else len(row)].strip(" |*_`.!")
    return bool(body) and (body[0] in CROSS_MARKS + TICK_MARKS or body.casefold() in ("yes", "no"))


_SHARES: dict[str, Callable[[int, int], int]] = {
    "all_or_nothing": lambda right, wrong: 0,
    "right_minus_wrong": lambda right, wrong: max(0, right - wrong),
    "right_only": lambda right, wrong: 0 if wrong else right,
}
"""For each `scoring`, how many expected picks a partly right select-all pick is worth, from its right and
wrong picks."""


class ChoiceCheck(CheckSpec):
    type: Literal["choice"] = "choice"
    reads_any_answer: ClassVar[bool] = True
    options: list[Option] = Field(min_length=2)
    expected: list[str] = Field(min_length=1)
    """Labels of the correct option(s); for `select_all` the chosen set must equal this exactly."""
    select_all: bool = False
    scoring: Literal["all_or_nothing", "right_minus_wrong", "right_only"] = "all_or_nothing"
    """For `select_all`: `right_minus_wrong` earns (right picks - wrong picks) / expected picks of the
    points, at least 0, as an LMS's partial-credit multiple-answer question does: one right option
    missed, or one wrong one added, is half right; a wrong option instead of a right one is not.
    `right_only` earns right picks / expected picks when no wrong option is picked, else nothing: a
    key that says "these and nothing else" takes a wrong pick as a wrong answer, a missed one as half of one."""

    @model_validator(mode="after")
    def _expected_are_options(self) -> "ChoiceCheck":
        labels = {o.label for o in self.options}
        unknown = [e for e in self.expected if e not in labels]
        if unknown:
            raise ValueError(f"expected {unknown} not among the option labels {sorted(labels)}")
        if not self.select_all and len(self.expected) != 1:
            raise ValueError("a single choice (select_all: false) needs exactly one expected label")
        if self.scoring != "all_or_nothing" and not self.select_all:
            raise ValueError(f"scoring: {self.scoring} needs select_all: true (a single choice is right or wrong)")
        _ = self._phrases  # built at load: an option name with no words to match is a load error
        return self

    @cached_property
    def _phrases(self) -> PhraseSet:
        """The options' names in one automaton, built once per check (read per mention and per cell)."""
        groups: dict[str, tuple[str, ...]] = {}
        for k, o in enumerate(self.options):
            groups[o.label] = tuple(dict.fromkeys([o.label, *o.aliases, stand_in(k)]))
            word = number_word(o.label)
            if word:
                groups[_WEAK + o.label] = (word,)
        return PhraseSet.build(groups)

    def _mentions(self, a: Analysed, raw: str) -> tuple[list[_Mention], list[_Tally]]:
        """Every option named in the answer, in order; overlapping names are one mention (the
        longer), a list item's or a numbered heading's own number is no mention, and a table row's
        mark decides its rows. Number words that count things off come back apart, as tallies."""
        headings = _numbered_headings(raw)
        found: list[_Mention] = []
        tallies: list[_Tally] = []
        last_end = -1
        numbered = [(m.start(), int(m.group(1))) for m in _NUMBERED_LINE_RE.finditer(a.text)]
        numbered_at = [at for at, _ in numbered]
        item_leads: dict[tuple[int, str], bool] = {}  # (list item's start, option) -> its first mention's polarity
        row_marks: dict[int, bool | None] = {}  # table row's start -> its mark
        row_mark_heads: dict[int, tuple[int, bool]] = {}  # table row's start -> its first bar, and whether
        # the first cell is only the row's mark
        for h in find_hits(self._phrases, a):
            start = h.sentence.start + h.start
            if start < last_end:
                continue
            last_end = start + (h.end - h.start)
            marker = LIST_MARKER_RE.match(h.sentence.text)
            if (
                marker
                and h.start < marker.end()
                and any(c.isdigit() for c in marker.group())
                and (
                    _in_numbered_run(numbered, numbered_at, h.sentence.start)
                    or mentions(h.sentence.text)  # "2) Number of linear layers (Q8(a)(i))": a section's number
                    or h.sentence.text.strip() in headings  # "## 2. The PyTorch bits"
                )
            ):
                continue  # "1. 2 linear layers", "(1) Number of linear layers: 2": the 1 numbers the item
            asserted = h.asserted
            if h.sentence.text.startswith("|") and h.start < h.sentence.text.find("|", 1):
                # an option in the row's first cell takes the row's mark, read once per row
                if h.sentence.start not in row_marks:
                    row_marks[h.sentence.start] = row_mark(h.sentence.text)
                mark = row_marks[h.sentence.start]
                if mark is not None:
                    asserted = mark
            weak = h.key.startswith(_WEAK)
            label = h.key[len(_WEAK) :] if weak else h.key
            said = h.sentence.text[h.start : h.end]
            if said.isdigit() and _NUMBERING_WORD_RE.search(h.sentence.text, max(0, h.start - 12), h.start):
                continue  # "**Step 1 — Network structure.**", "as in part 2 of the blog": a step's number
            if said.isdigit() and _in_formula(h.sentence.text, h.start, h.end):
                continue  # "the objective (1/n)||X - W2 W1 X||^2": a formula's number, not a count
            if said.isdigit() and _in_dotted_number(h.sentence.text, h.start, h.end):
                continue  # "### Problem 8.1 — Number of linear layers": a section's number, not a count
            if said.isdigit() and _POINTS_RE.match(h.sentence.text, h.end):
                continue  # "(i) 1 pt. Answer: 2 linear layers.": a grader's points, not a count
            if said.isdigit() and h.sentence.text.startswith("|"):
                # read once per row: a row of many numbers is one scan, not one per number
                if h.sentence.start not in row_mark_heads:
                    row_mark_heads[h.sentence.start] = (
                        h.sentence.text.find("|", 1),
                        self._row_mark_heads(h.sentence.text),
                    )
                bar, marked_head = row_mark_heads[h.sentence.start]
                if marked_head and h.start < bar:
                    continue  # "| 3 (i) | **2** linear layers |": the row's mark (the user's item 3), not a count
            if said.casefold() == "one" and _PRONOUN_ONE_BEFORE_RE.search(
                h.sentence.text, max(0, h.start - 12), h.start
            ):
                continue  # "the reasoning for each one", "the right one": a pronoun, not a count
            if (weak or said.casefold() == number_word(label)) and (
                _COUNTS_OFF_RE.match(h.sentence.text, h.end) or _paired(h.sentence.text, h.start, h.end, said)
            ):
                # "two linear layers, one for the encoder and one for the decoder", "one linear map down to
                # k dimensions (the encoder) and one back up": a count
                if label.isdigit() and h.asserted:
                    joined = _PAIR_BEFORE_RE.search(h.sentence.text, max(0, h.start - 8), h.start) is not None
                    tallies.append(_Tally(h.sentence, int(label), joined))
                continue
            if _SAME_GOES_RE.match(h.sentence.text) and h.sentence.index > 0:
                # "Neither norm layer is in the objective. The same goes for dropout.": the option
                # takes the stance of the sentence before
                before = [m for m in found if m.sentence.index == h.sentence.index - 1]
                prior = a.sentences[h.sentence.index - 1].text
                asserted = before[-1].asserted if before else _NEGATION_WORD_RE.search(prior) is None
            lo = max(0, start - ITEM_MAX_CHARS)
            item = a.text.rfind("\n", lo, start) + 1
            if (item or lo == 0) and is_list_item(a.text[item : item + LIST_LEAD_CHARS]):
                # "- Dropout — not needed. Dropout randomly masks units ...": in a list item, an option
                # keeps the stance its first mention there takes.
                asserted = item_leads.setdefault((item, label), asserted)
            found.append(_Mention(h.sentence, start, last_end, label, asserted, weak))
        return found, tallies

    def _from_tallies(self, tallies: list[_Tally]) -> tuple[set[str], list[str]]:
        """For a count asked as a single choice, with no option named: the first sentence that counts
        things off in a run joined by "and" gives their sum ("One `nn.Linear` for the encoder and one
        for the decoder" picks 2)."""
        if self.select_all:
            return set(), []
        sums: dict[int, int] = {}  # sentence index -> the sum of its tallies
        joined: set[int] = set()  # sentences where a tally follows "and"
        for t in tallies:
            sums[t.sentence.index] = sums.get(t.sentence.index, 0) + t.value
            if t.paired:
                joined.add(t.sentence.index)
        labels = {o.label for o in self.options}
        for t in tallies:
            if t.sentence.index in joined and str(total := sums[t.sentence.index]) in labels:
                return {str(total)}, [t.sentence.text]
        return set(), []

    @staticmethod
    def _strong_first(mentions: list[_Mention]) -> list[_Mention]:
        """Number words count only where no option is named in digits or by its label."""
        strong = [m for m in mentions if not m.weak]
        return strong if strong else mentions

    def _from_regions(self, a: Analysed, mentions: list[_Mention]) -> tuple[set[str], list[str], list[str]]:
        """Options asserted in "Answer:" regions, on checked-box lines and in ✓ table rows; and the
        options an "Answer:" region names only to reject them ("So the answer is a custom loss, not
        `nn.MSELoss`"), which say that the stated pick is none of the options."""
        stated = [(r.start, r.end) for r in answer_regions(a.text)]
        spans = list(stated)
        menus: list[tuple[int, int]] = []  # lines that are a menu of check boxes
        box_spans: list[tuple[int, int]] = []
        mentions = sorted(mentions, key=lambda m: m.start)
        starts_of_mentions = [m.start for m in mentions]
        line_start = 0
        under_label = False  # the last non-blank line was a part's heading ("### Corrected 8(a)(iii)")
        table = 0  # which table of the answer a row is in
        cell_picks: dict[tuple[int, int], list[tuple[int, int]]] = {}  # (table, column) -> cells of options
        column_options: dict[tuple[int, int], dict[str, set[int]]] = {}  # ... -> option -> rows naming it
        previous_row = ""
        earlier_columns: set[int] = set()  # the current table's columns that hold an earlier answer
        lines = a.text.split("\n")
        menu_headers = _menu_headers(lines)  # "| 0 | 1 | 2 | 3 |" over "| ☐ | ☒ | ☐ | ☐ |": options across
        header_cells: list[tuple[int, int]] = []  # the text's spans of the last such header's cells
        for i, line in enumerate(lines):
            body = strip_line_marker(line)
            table += not line.lstrip().startswith("|")
            if not line.lstrip().startswith("|"):
                earlier_columns = set()
            elif _SEPARATOR_ROW_RE.match(line):
                header = [previous_row[lo:hi] for lo, hi in table_cells(previous_row)]
                earlier_columns = {k for k, cell in enumerate(header) if _EARLIER_HEADER_RE.match(cell)}
            previous_row = line
            end = line_start + len(line)
            label = line_label(line) if LABEL_LINE_CANDIDATE.match(line) else None
            ticked = self._ticked_pieces(line) if line.lstrip().startswith("|") else None
            if i in menu_headers:
                # the header's options are the menu, its marks on the row under it (not a pick of its own)
                header_cells = [(line_start + lo, line_start + hi) for lo, hi in table_cells(line)]
            elif (marks := _box_row(line)) is not None and header_cells:
                spans.extend(header_cells[k] for k, on in enumerate(marks) if on and k < len(header_cells))
            elif ticked is not None:
                spans.extend((line_start + lo, line_start + hi) for lo, hi in ticked)
            elif line.lstrip().startswith("|"):
                # "| 8(a)(iii) | needed components | **Weight Decay** | Dropout would change ... |": a cell
                # after the row's header that holds nothing but options is the row's pick, whatever
                # words the other cells use.
                mark = _row_mark_at(line, earlier_columns)
                # "| (ii) | L1Loss | **MSELoss** |" under "| | Yours | Correct |": the user's earlier
                # answer is no pick
                marked = _marked_by_sign(line, mark)
                cells = [] if marked else [c for c in self._option_cells(line) if c[0] not in earlier_columns]
                picked = [(lo, hi) for _, lo, hi in cells]
                if mark is None and not picked:
                    picked = self._lead_after_menu(line)
                    spans.extend((line_start + lo, line_start + hi) for lo, hi in picked)
                for column, lo, hi in cells:
                    cell_picks.setdefault((table, column), []).append((line_start + lo, line_start + hi))
                edges = [line_start + lo for lo, _ in table_cells(line)]
                k = bisect_left(starts_of_mentions, line_start)
                while k < len(mentions) and mentions[k].start < end:
                    column = bisect_right(edges, mentions[k].start) - 1
                    column_options.setdefault((table, column), {}).setdefault(mentions[k].label, set()).add(line_start)
                    k += 1
                if mark is None and not picked and _marks_each_option(line):
                    # "| (a)(iii) | Weight Decay ✓, SGD optimizer ✓ <br> Dropout ✗ ... |": each option
                    # carries its own mark; the ticked ones are the pick (a cross negates its option).
                    spans.append((line_start, end))
                mark = None if picked else mark
                if mark is not None and mark[0]:
                    # "| Weight Decay + SGD | ✓ keeps the λ terms; Dropout would change the objective |":
                    # after options named before it, the mark's cell explains the pick; but when the
                    # cells before it list every choice ("| 0 / 1 / 2 / 3 | ✓ **2**: one per factor |"),
                    # the pick is what the mark's cell names before its explanation.
                    at = line_start + mark[1]
                    k = bisect_right(starts_of_mentions, line_start)
                    named_before = k < len(starts_of_mentions) and starts_of_mentions[k] < at
                    j = bisect_right(starts_of_mentions, at - 1, k)  # the row's mentions before the mark
                    before = {m.label for m in mentions[k:j]}
                    if len(before) == len(self.options):
                        lead = _MARK_LEAD_END_RE.search(line, mark[1] + 1)
                        spans.append((at, line_start + (lead.start() if lead else len(line))))
                    else:
                        spans.append((line_start, at if named_before else end))
            elif len(boxes := _boxes(line)) > 1:
                # "(i) How many linear layers?   [ ] 0   [ ] 1   [x] 2   [ ] 3", "☑ Weight Decay ☐ Dropout":
                # each ticked box's text, up to the next box, is picked; "Weight Decay ☑, SGD ☑.": with
                # the boxes after their options, the text since the box before.
                menus.append((line_start, end))
                after = line.rstrip(" *_.;,").endswith(_GLYPH_BOXES) and not line.lstrip(" *_-").startswith(
                    _GLYPH_BOXES
                )
                edges = [0, *(at + 1 for at, _ in boxes)] if after else [at for at, _ in boxes] + [len(line)]
                for k, (_, on) in enumerate(boxes):
                    if on:
                        hi = edges[k + 1]
                        if not after and (stop := _BOX_TEXT_END_RE.search(line, edges[k] + 1, hi)) is not None:
                            hi = stop.start()  # "☑ SGD optimizer — Dropout, Layer Norm and Batch Norm all unchecked"
                        box_spans.append((line_start + edges[k], line_start + hi))
            elif (marked_line := self._ticked_line(line)) is not None:
                # "**Final:** Weight Decay ✅, SGD optimizer ✅, Dropout ❌, Layer Norm ❌": a line that marks
                # each option on its own, as a table cell may, is the pick: its ticked pieces
                spans.extend((line_start + lo, line_start + hi) for lo, hi in marked_line)
            elif CHECKED_RE.match(body) or TRAILING_CHECK_RE.search(body):
                if not re.match(r"^\W*answers?\b", body, re.I):
                    spans.append((line_start, end))
            else:
                spans.extend((line_start + lo, line_start + hi) for lo, hi in self._pick_line(line, label, under_label))
            if line.strip():
                under_label = label is not None and len(line[label.end :].split()) <= PICK_HEADING_MAX_WORDS
            if not line.lstrip().startswith("|"):
                header_cells = []
            line_start = end + 1
        for key, picks in cell_picks.items():
            # "| Frobenius norm squared | sum of squares | `nn.MSELoss` |" over "| Entrywise L1 norm | ... |
            # `nn.L1Loss` |": a column naming a different option on each row pairs options with their
            # uses, a key to the choice rather than a pick (a pick of several is one row's cell).
            rows_of = column_options.get(key, {})
            if self.select_all or len(rows_of) < 2 or len(set().union(*rows_of.values())) < 2:
                spans.extend(picks)
        if menus:
            # On a line of check boxes the boxes decide, whatever region the line's label opens.
            menu_ends = [b for _, b in menus]  # the lines are disjoint and in order

            def on_menu(lo: int, hi: int) -> bool:
                k = bisect_right(menu_ends, lo)
                return k < len(menus) and menus[k][0] < hi

            spans = [(lo, hi) for lo, hi in spans if not on_menu(lo, hi)] + box_spans
        if self.select_all:
            # "(iii) Only the SGD optimizer.", "Weight Decay only.": a sentence that names its options
            # as the only ones is the pick.
            for m in mentions:
                text, at, to = m.sentence.text, m.start - m.sentence.start, m.end - m.sentence.start
                if m.asserted and (_ONLY_BEFORE_RE.search(text, max(0, at - 12), at) or _ONLY_AFTER_RE.match(text, to)):
                    # "... you need only weight decay and the SGD optimizer: ..., while dropout, layer norm
                    # and batch norm would each change the objective": up to the clause that turns away
                    turn = _CLAUSE_TURN_RE.search(text, to)
                    # "... you might tick it as well, but strictly speaking only weight decay is required":
                    # from the clause that turns to it (within a bounded reach back)
                    back = max(
                        (t.end() for t in _CLAUSE_TURN_RE.finditer(text, max(0, at - ONLY_CLAUSE_REACH), at)), default=0
                    )
                    spans.append((m.sentence.start + back, m.sentence.start + (turn.start() if turn else len(text))))
        spans = sorted(set(spans))
        starts = [s for s, _ in spans]
        inside: list[_Mention] = []
        for m in mentions:
            k = bisect_right(starts, m.start) - 1
            if k < 0 or not any(s <= m.start < e for s, e in spans[max(0, k - 2) : k + 1]):
                continue
            if not self.select_all and _in_aside(m):
                continue
            inside.append(m)
        closing = _closing_region(a.text, stated)
        if closing is not None and any(closing[0] <= m.start < closing[1] and m.asserted for m in inside):
            # "### Final answers" then "* (a)(iii) Weight Decay" at the end: the summary is the pick as it
            # stands, over the body's lead ("(iii) → Weight Decay + SGD optimizer")
            inside = [m for m in inside if closing[0] <= m.start < closing[1]]
        chosen: set[str] = set()
        evidence: list[str] = []
        ends_so_far = list(accumulate((e for _, e in spans), max))
        for m in self._strong_first([m for m in inside if m.asserted]):
            chosen.add(m.label)
            lo, hi = _span_around(m.start, spans, ends_so_far)
            lo, hi = max(lo, m.sentence.start), min(hi, m.sentence.start + len(m.sentence.text))
            evidence.append(a.text[lo:hi].strip())
        if chosen or self.select_all:
            return chosen, evidence, []
        rejected = [m for m in inside if any(s <= m.start < e for s, e in stated)]
        return chosen, evidence, [a.text[m.start : m.end] for m in rejected]

    def _pick_line(self, line: str, label: Label | None, under_label: bool) -> list[tuple[int, int]]:
        """The span of a line that states the pick and nothing else, after the part's label or a lead
        word, or under a heading that is only the part's label: "(a)(iii) Weight Decay and SGD
        optimizer.", "Needed: Weight Decay and the SGD optimizer.", "### Corrected 8(a)(iii)" then
        "Weight Decay + SGD optimizer (nothing else)". Options named later only to reject them
        ("Dropout, Layer Norm and Batch Norm would each change the function") are not picks then."""
        at = label.end if label is not None else 0
        lead = _PICK_LEAD_RE.match(line, at)  # matches the empty string at least
        if label is None and not _worded_lead(lead):
            # "3) Corrected: Weight Decay and SGD optimizer": a lead word after the list's own number
            # (under a label, "2. One nn.Linear for each factor" picks its number); "So my answer stays the
            # same: **keep Weight Decay and SGD; ...**": a verb that picks after a short opening's colon
            colon = line.find(": ", 0, PICK_OPENING_MAX_CHARS)
            for at in (len(line.rstrip()) - len(strip_line_marker(line)), *([colon + 1] if colon > 0 else [])):
                marked = _PICK_LEAD_RE.match(line, at)
                if _worded_lead(marked):
                    lead = marked
                    break
        if lead is not None and lead.group("words") and _NEGATING_WORDS & set(lead.group("words").lower().split()):
            return []  # "Not needed: Dropout, ..." lists the rejected options
        worded = _worded_lead(lead)
        # "**Weight Decay** and the **SGD optimizer** — nothing else.": a line that closes its list of
        # options as the only ones states the pick, with no label or lead word before it
        worded = worded or (label is None and _CLOSED_PICK_RE.search(line) is not None)
        if lead is None or (label is None and not worded and not under_label):
            return []
        start = lead.end()
        stop = (_PICK_END_RE if label is None else _LABELLED_PICK_END_RE).search(line, start)
        end = stop.start() if stop else len(line)
        dash = _DASH_RE.search(line, start, end) if label is not None or worded else None
        end = dash.start() if dash else end
        # "..., and leave the other three unticked": what the line leaves out is no pick
        tail = _LEAVES_REST_RE.search(line, start, end) if worded else None
        end = tail.start() if tail else end
        # Asides in brackets are not the pick: "Weight decay (for the λ‖W‖² terms) and the SGD
        # optimizer", "... (nothing else)"; nor is what follows a bracket left open.
        pieces: list[tuple[int, int]] = []
        for aside in _BRACKETED_RE.finditer(line, start, end):
            pieces.append((start, aside.start()))
            start = aside.end()
        opened = line.find(" (", start, end)
        pieces.append((start, opened if opened >= 0 else end))
        kept = " ".join(line[lo:hi] for lo, hi in pieces)
        if len(kept) > OPTION_CELL_MAX_CHARS or not self._only_options(kept.strip(" *_`:"), articles=True, marks=True):
            return []
        return [(lo, hi) for lo, hi in pieces if lo < hi]

    def _option_cells(self, row: str) -> Iterator[tuple[int, int, int]]:
        """The cells of a table row, after its first (the row's header, or a part label's blanked cell),
        that are only option names, each ticked or not ("**2** ✓", "Weight Decay ✓, SGD ✓"); not a
        cell that lists every option of a question with more than two, which is the question's menu
        ("| 0 / 1 / 2 / 3 | **2** ✓ |")."""
        for column, (lo, hi) in enumerate(table_cells(row)[1:], 1):
            body = row[lo:hi].strip().strip("*_` ")
            if not body or len(body) > OPTION_CELL_MAX_CHARS:
                continue
            named = self._options_in(body, marks=True)
            if named and not (len(self.options) > 2 and len(named) == len(self.options)):
                yield column, lo, hi

    def _ticked_pieces(self, row: str) -> list[tuple[int, int]] | None:
        """ "| (iii) | ✓ Weight Decay · ✗ Dropout · ✗ Layer Norm · ✓ SGD |": in a cell that marks each
        option on its own, with ticks and crosses both, the pieces that carry a tick are the pick
        (None when no cell does)."""
        for lo, hi in table_cells(row)[1:]:
            cell = row[lo:hi]
            if not _marks_each_option(cell):
                continue
            return [
                (a, b)
                for a, b in _marked_pieces(row, lo, hi)
                if any(c in row[a:b] for c in TICK_MARKS) and not any(c in row[a:b] for c in CROSS_MARKS)
            ]
        return None

    def _ticked_line(self, line: str) -> list[tuple[int, int]] | None:
        """Outside a table, the ticked pieces of a line whose pieces, between separators, each name one
        option and carry one mark, a tick or a cross, with both kinds on the line ("Final: Weight Decay ✅,
        SGD optimizer ✅, Dropout ❌"; words before the first option are its lead); None for any other line."""
        if not self.select_all or not _marks_each_option(line):
            return None
        pieces = [(a, b) for a, b in _marked_pieces(line, 0, len(line)) if line[a:b].strip(" *_`.:")]
        ticked: list[tuple[int, int]] = []
        for k, (lo, hi) in enumerate(pieces):
            piece = line[lo:hi]
            tick, cross = any(c in piece for c in TICK_MARKS), any(c in piece for c in CROSS_MARKS)
            if k == 0 and (colon := piece.rfind(":")) >= 0:
                lo, piece = lo + colon + 1, piece[colon + 1 :]  # "**Final:** Weight Decay ✅"
            # "keep **Weight Decay ✅** and **SGD ✅**, leave **Dropout ❌**": a verb may say what the mark says
            named = _unmarked(piece[verb.end() if (verb := _MARK_VERB_RE.match(piece)) else 0 :])
            if tick == cross or len(piece) > OPTION_CELL_MAX_CHARS or not self._options_in(named, articles=True):
                return None
            if tick:
                ticked.append((lo, hi))
        return ticked if len(pieces) > 1 else None

    def _lead_after_menu(self, row: str) -> list[tuple[int, int]]:
        """ "| linear layers | 0 / 1 / 2 / 3 | 2 — encoder W1 and decoder W2 |": after a cell that lists
        every choice (the question's menu), the next cell's lead, before its explanation, is the pick
        when it is only options."""
        cells = table_cells(row)[1:]
        for k, (lo, hi) in enumerate(cells[:-1]):
            body = row[lo:hi].strip().strip("*_` ")
            if len(self.options) > 2 and len(body) <= OPTION_CELL_MAX_CHARS:
                if len(self._options_in(body)) == len(self.options):
                    start, end = cells[k + 1]
                    lead = _MARK_LEAD_END_RE.search(row, start + 1, end)
                    stop = lead.start() if lead else end
                    return [(start, stop)] if self._only_options(row[start:stop].strip(" *_`✓✔✅")) else []
        return []

    def _only_options(self, body: str, articles: bool = False, marks: bool = False) -> bool:
        """Whether the text is a list of option names and nothing else ("Weight Decay + SGD"); with
        `articles`, each may follow "the" ("Weight Decay and the SGD optimizer"); with `marks`, each may
        carry its own tick or cross, one at least not crossed ("Weight Decay ✓, SGD ✓, Dropout ✗")."""
        return bool(self._options_in(body, articles, marks))

    def _options_in(self, body: str, articles: bool = False, marks: bool = False) -> set[str]:
        """The options a text that is only option names names (see `_only_options`), else none."""
        pieces = [p for p in _CELL_LIST_SEP_RE.split(body) if p.strip(" *_`")]
        if articles:
            pieces = [_THE_RE.sub("", p) for p in pieces]
        if marks:
            bare = [p.strip(" *_`") for p in pieces]
            if all(p.endswith(_CROSSES) or p.startswith(_CROSSES) for p in bare):
                return set()  # every option crossed out
            pieces = [p.strip(_MARKS_AND_EMPHASIS) for p in bare]
        named: set[str] = set()
        for piece in pieces:
            if piece.strip(" .!*_`").lower() in _CLOSING_WORDS:
                continue  # "Weight Decay and the SGD optimizer, and nothing else"
            found = self._option_named(piece)
            if not found:
                return set()
            named |= found
        return named

    def _row_mark_heads(self, row: str) -> bool:
        """Whether a table row's first cell is only the row's mark: with more than its number ("| 3 (i) |",
        "| #3 |"), or a bare number when another cell is only an option ("| 1 | number of linear layers |
        2 |"); a bare number alone heads a row on that option ("| **2** | ✅ |")."""
        cells = table_cells(row)
        if len(cells) < 2 or ROW_MARK_RE.fullmatch(row, *cells[0]) is None:
            return False
        if not row[cells[0][0] : cells[0][1]].strip(" *_`").isdigit():
            return True
        return any(self._option_named(row[lo:hi]) for lo, hi in cells[1:])

    def _option_named(self, run: str) -> set[str]:
        """The option a bold run is, when it is nothing but one option ("**two**", "**2.**")."""
        words = run.strip(" .:;,!()`*_")
        labels = {h.key.removeprefix(_WEAK) for h in find_hits(self._phrases, analyse(words, ""))}
        if len(labels) != 1:
            return set()
        label = next(iter(labels))
        names = {
            label.lower(),
            *(x.lower() for k, o in enumerate(self.options) if o.label == label for x in (*o.aliases, stand_in(k))),
        }
        if (spelled := number_word(label)) is not None:
            names.add(spelled)
        said = words.lower()
        # "**2 linear layers**": the option, then a noun or two of what it counts
        counted = any(
            said.startswith(name + " ") and _COUNTED_NOUNS_RE.fullmatch(said[len(name) + 1 :]) is not None
            for name in names
        )
        return labels if said in names or counted else set()

    def _row_explanations(self, mentions: list[_Mention]) -> dict[int, int]:
        """For a single choice, per table row (by its sentence's id), where its explanation starts: the
        end of the cell of the row's first option mention, picked or rejected. "| Custom sum — *not*
        `nn.MSELoss` | `nn.MSELoss` divides by mn |" explains the pick in its cell."""
        if self.select_all:
            return {}
        found: dict[int, int] = {}
        for m in mentions:
            if id(m.sentence) not in found and m.sentence.text.lstrip().startswith("|"):
                bar = m.sentence.text.find("|", m.end - m.sentence.start)
                found[id(m.sentence)] = m.sentence.start + bar if bar >= 0 else m.sentence.start + len(m.sentence.text)
        return found

    def _from_prose(self, a: Analysed, raw: str, mentions: list[_Mention]) -> tuple[set[str], list[str]]:
        """Without answer markers: a set is every asserted option; a single choice is the one
        option set in bold alone ("You need **two** linear layers"), else the first asserted
        option, unless its sentence names others too."""
        explained = self._row_explanations(mentions)
        asserted = self._strong_first(
            [m for m in mentions if m.asserted and m.start < explained.get(id(m.sentence), m.end)]
        )
        # One option in bold is the pick; several ("**one** for the encoder, **one** for the
        # decoder") are emphasis.
        bold = (
            []
            if self.select_all
            else [(run, n) for run in (*_bold_runs(raw), *_boxed_runs(raw)) if (n := self._option_named(run))]
        )
        if len(bold) == 1:
            run, named = bold[0]
            picked = next((m for m in asserted if m.label in named), None)
            if picked is not None:
                return named, [picked.sentence.text]
            if _LIST_NUMBER_RUN_RE.fullmatch(run.strip()):
                # "**2.** One nn.Linear for the encoder and one for the decoder": a bold number with its
                # full stop reads as a list marker once the emphasis is gone, but is the pick.
                return named, [run.strip()]
        if not asserted:
            return set(), []
        if self.select_all:
            return {m.label for m in asserted}, [m.sentence.text for m in asserted]
        first = asserted[0]
        # "two linear layers: one for the encoder and one for the decoder", "| **2** | One for the
        # encoder, one for the decoder |": after a colon or a table cell's end that follows the
        # pick comes its explanation.
        after = first.end - first.sentence.start
        colon = min((i for i in (first.sentence.text.find(c, after) for c in ":|") if i >= 0), default=-1)
        same = [
            m
            for m in asserted
            if m.sentence is first.sentence and not _in_aside(m) and (colon < 0 or m.start - m.sentence.start < colon)
        ]
        return {m.label for m in same} or {first.label}, [first.sentence.text]

    def run(self, ctx: CheckContext) -> CheckResult:
        answer, letters, back = self._lettered(ctx)
        a = analyse(answer, ctx.question)
        mentions, tallies = self._mentions(a, answer)
        if letters:
            # "Options: A) 0, B) 1, C) 2, D) 3": the answer's copy of the menu names every option, picking none
            menus = read_key(a.text, self._options_in)[1]
            mentions = [m for m in mentions if not in_menu(menus, m.start)]
        chosen, evidence, rejected = self._from_regions(a, mentions)
        if self.select_all and (every := self._all_except(a, mentions)) is not None:
            chosen, evidence, rejected = every[0], [every[1]], []
        if rejected:
            named = ", ".join(dict.fromkeys(rejected))
            return self.failed(None, f"the stated answer rejects {named} and picks none of the options")
        if not chosen:
            chosen, evidence = self._from_prose(a, answer, mentions)
        if not chosen and not mentions:
            chosen, evidence = self._from_tallies(tallies)
        order = [o.label for o in self.options]
        shown = ", ".join(lab for lab in order if lab in chosen)
        ev = " | ".join(dict.fromkeys(evidence)).translate(back) or None
        want = set(self.expected)
        if chosen == want:
            return self.passed(ev, f"chose {shown}")
        if not chosen:
            return self.failed(None, "no option found in the answer")
        if self.select_all:
            extra = [lab for lab in order if lab in chosen - want]
            missing = [lab for lab in order if lab in want - chosen]
            parts = ([f"extra: {', '.join(extra)}"] if extra else []) + (
                [f"missing: {', '.join(missing)}"] if missing else []
            )
            right = len(chosen & want)
            share = _SHARES[self.scoring](right, len(extra)) / len(want)
            return self.failed(ev, f"chose {shown}; " + "; ".join(parts), points=self.points * share)
        if len(chosen) > 1:
            return self.failed(ev, f"several options found: {shown}")
        return self.failed(ev, f"chose {shown}, expected {self.expected[0]}")

    def _lettered(self, ctx: CheckContext) -> tuple[str, dict[str, str], dict[int, str]]:
        """The answer with the options it picks by the user's letters named, those letters (see
        `option_letters`: the answer's own copy of the menu is the key, else the question's menu), and
        what writes the evidence back as the answer put it. With no letters, the options it picks by
        their place in the question's list are named (`option_places`)."""
        labels = [o.label for o in self.options]
        letters, menus = read_key(ctx.answer, self._options_in)
        if not letters:
            letters, _ = read_key(ctx.question, self._options_in)
        if letters:
            return with_stand_ins(ctx.answer, letters, labels, menus), letters, letters_back(letters, labels)
        answer = without_stand_ins(ctx.answer)
        if PLACE_WORD_RE.search(answer) and (order := listed_order(ctx.question, self._listed(ctx.question), labels)):
            answer, back = with_place_stand_ins(answer, order, labels)
            return answer, letters, back
        return answer, letters, {}

    def _listed(self, question: str) -> list[PhraseHit]:
        """The options the question names, strong names only ("two" of "two matrices" lists nothing)."""
        return [h for h in self._phrases.find(question) if not h.key.startswith(_WEAK)]

    def _all_except(self, a: Analysed, mentions: list[_Mention]) -> tuple[set[str], str] | None:
        """Every option but those named after "all of the above except" in a sentence that states it
        ("(iii) All of the above except Dropout."): the options the answer picks, and that sentence."""
        for s in a.sentences:
            if s.rejected or s.text.rstrip().endswith("?"):
                continue
            m = _ALL_EXCEPT_RE.search(s.text)
            if m is None:
                continue
            after = s.start + m.end()
            excluded = {x.label for x in mentions if x.sentence.index == s.index and x.start >= after}
            if excluded and len(excluded) < len(self.options):
                return {o.label for o in self.options} - excluded, s.text
        return None


_ALL_EXCEPT_RE = regex(
    r"\ball[ \t]{1,3}(?:of[ \t]{1,3})?(?:the[ \t]{1,3}(?:above|options|boxes|five|5)|them|five|5|options|boxes)"
    r"(?:[ \t]{1,3}options)?[ \t,]{1,3}"
    r"(?:except(?:[ \t]{1,3}for)?|but(?:[ \t]{1,3}for)?|apart[ \t]{1,3}from|other[ \t]{1,3}than|save)\b",
    re.I,
)
"""A pick of every option but some: "All of the above except Dropout", "all five but the two norms"."""


_COUNTED_NOUNS_RE = regex(r"(?!(?:not|no|or|and|vs)\b)[a-z]{2,16}(?: (?!(?:not|no|or|and|vs)\b)[a-z]{2,16})?")
"""One or two words after an option in bold ("**2 linear layers**"), none a negation or a join."""

BOLD_PICK_MAX_CHARS = 24
"""Longest bold run read as a picked option ("**two**", "**nn.MSELoss**"); longer ones emphasise a sentence."""


def _bold_runs(text: str) -> Iterator[str]:
    """The text of each short `**...**` run on one line, in order (one pass over the text)."""
    at = text.find("**")
    while at >= 0:
        close = text.find("**", at + 2)
        if close < 0:
            return
        inner = text[at + 2 : close]
        if "\n" in inner or len(inner) > BOLD_PICK_MAX_CHARS:
            at = close  # the closing marks may open the next run
            continue
        yield inner
        at = text.find("**", close + 2)


def _boxed_runs(text: str) -> Iterator[str]:
    """The text of each short `\\boxed{...}`, the math way to set an answer apart as bold does
    ("$$\\boxed{2}$$", "\\boxed{\\text{2 layers}}"), in order."""
    if "\\boxed" in text:
        yield from (normalize(body) for _, _, body, _ in boxed(text, BOLD_PICK_MAX_CHARS * 2) if body is not None)


_BOX_CELL_RE = regex(r"[ \t*_]{0,4}(?:(?P<on>☑|☒|✅|✓|✔|\[[xX✓]\])|☐|□|⬜|✗|✘|❌|\[ \]|-|—)?[ \t*_]{0,4}")
"""A table cell that holds only a box or mark (or nothing): ticked when it holds a check."""


def _box_row(row: str) -> list[bool] | None:
    """Whether each cell of a table row of boxes and marks only is ticked ("| ☐ | **☒** | ☐ |"); None for a
    row with anything else in a cell, or with no ticked cell."""
    if not row.lstrip().startswith("|") or _separator_row(row):
        return None
    marks = []
    for lo, hi in table_cells(row):
        m = _BOX_CELL_RE.fullmatch(row, lo, hi)
        if m is None:
            return None
        marks.append(m.group("on") is not None)
    return marks if any(marks) else None


def _menu_headers(lines: list[str]) -> set[int]:
    """The table headers whose row under the separator is a row of boxes ("| L1Loss | MSELoss |", "|---|---|",
    "| ☐ | ☒ |"): their options are read across, each marked below."""
    return {
        i
        for i in range(len(lines) - 2)
        if lines[i].lstrip().startswith("|") and _separator_row(lines[i + 1]) and _box_row(lines[i + 2]) is not None
    }


def _separator_row(row: str) -> bool:
    """Whether a row is a table's separator, in any alignment ("|---|---|", "|:-:|:-:|")."""
    bare = row.strip()
    return bare.startswith("|") and "-" in bare and not bare.strip("|:- \t")


PICK_HEADING_MAX_WORDS = 4
"""A line this short after a part's label ("### ✅ Corrected 8(a)(iii)", "**(iii) What you need**") heads
the pick on the line under it."""
OPTION_CELL_MAX_CHARS = 120
"""Longest table cell read as a list of options ("**Weight Decay** + **SGD optimizer**")."""
_CELL_LIST_SEP_RE = regex(r"[ \t]{0,3}(?:[,+&/;]|\band\b)[ \t]{0,3}", re.I)

_PICK_LEAD_RE = regex(
    r"[ \t*_:—–✅✔✓☑-]{0,6}(?:(?P<words>(?:[A-Za-z]{1,20}[ \t]{1,3}){0,2})"
    r"(?P<word>needed|required|necessary|selected|selection|picks?|choices?|use|stays|remains|stands"
    r"|corrected|revised|updated|final"
    # a conclusion's lead: "So: Weight Decay + SGD optimizer.", "In short: ..."
    r"|so|thus|hence|therefore|overall|summary|short)"
    r"[ \t*_]{0,3}:[ \t*_]{0,3}"
    r"|(?P<need>(?:what[ \t]{1,3})?you(?:'d|[ \t]{1,3}would)?[ \t]{1,3}(?:only[ \t]{1,3})?need(?:[ \t]{1,3}only)?)"
    r"(?:(?:[ \t]{1,3}[A-Za-z]{1,12}){0,5}[ \t*_]{0,3}:)?[ \t*_]{1,3}"
    # "Tick **Weight Decay** and **SGD optimizer**, and nothing else.": a line opening on a verb that picks
    # ... or on one the reader is told to do: "You'd tick **Weight Decay** and **SGD optimizer**, ..."
    r"|(?P<verb>(?:(?:you['’]d|you[ \t]{1,3}(?:would|should)|i['’]d|i[ \t]{1,3}would)[ \t]{1,3})?"
    r"(?:just[ \t]{1,3}|only[ \t]{1,3})?(?:tick|check|select|choose|pick|mark|use|keep)"
    r"(?:[ \t]{1,3}only)?)[ \t*_]{1,3})?",
    re.I,
)
"""What may come between a part's label and its pick, or open a pick line: "Needed:", "Use:",
"Components needed:", "(iii) stays:" (a pick kept after push-back), "Corrected:", "You need" ("You need **Weight
Decay** and the **SGD optimizer** — nothing else."), "You need exactly two of the five:", "What you need:", a verb that
picks ("Tick", "Select only")."""


def _worded_lead(lead: re.Match[str] | None) -> bool:
    """Whether a `_PICK_LEAD_RE` match holds a word that announces the pick, not only marks."""
    return lead is not None and (lead.group("word") or lead.group("need") or lead.group("verb")) is not None


PICK_OPENING_MAX_CHARS = 60
"""Longest opening before a colon that a verb picking the options may follow ("So my answer stays the same:")."""
_MARK_VERB_RE = regex(
    r"[ \t*_]{0,3}(?:keep|leave(?:[ \t]{1,3}out)?|drop|skip|use|include|exclude|add|remove)[ \t]{1,3}", re.I
)
"""A verb before a marked piece's options that keeps or drops them, as its mark does."""
_MARK_CHARS = str.maketrans("", "", TICK_MARKS + CROSS_MARKS)


def _unmarked(piece: str) -> str:
    return piece.translate(_MARK_CHARS).strip(_MARKS_AND_EMPHASIS + ".!")


_MARKED_PIECE_SEP_RE = regex(r"[,;·•]|<br\s{0,2}/?>|\s[—–]\s")
"""Between the options of a cell that marks each one ("✓ Weight Decay · ✗ Dropout", "Dropout ✗<br>SGD ✓")."""


def _marked_pieces(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans between the separators of a run of options each marked on its own (`text[lo:hi]`)."""
    pieces: list[tuple[int, int]] = []
    start = lo
    for sep in [*_MARKED_PIECE_SEP_RE.finditer(text, lo, hi), None]:
        end = sep.start() if sep is not None else hi
        pieces.append((start, end))
        start = sep.end() if sep is not None else hi
    return pieces


_CLOSED_PICK_RE = regex(
    r"[ \t]{1,3}(?:[—–][ \t]{1,3}|,[ \t]{1,3}|\()(?:and[ \t]{1,3})?(?:nothing[ \t]{1,3}(?:else|more)|no[ \t]{1,3}others"
    r"|none[ \t]{1,3}of[ \t]{1,3}the[ \t]{1,3}others)\)?[ \t*_.!]{0,4}$",
    re.I,
)
"""The end of a line that closes its list as the whole pick: "— nothing else.", ", and no others", "(nothing
else)"."""
_NEGATING_WORDS = frozenset({"not", "no", "never"})
_CLOSING_WORDS = frozenset({"nothing else", "nothing more", "no others", "none of the others", "only those", "only"})
"""A list of options may end on these: they close the pick and name nothing."""
_CROSSES = tuple(CROSS_MARKS)
_MARKS_AND_EMPHASIS = " *_`" + TICK_MARKS + CROSS_MARKS
_LIST_NUMBER_RUN_RE = regex(r"\d{1,2}[.)]")
_POINTS_RE = regex(r"[ \t]?(?:pts?|points?|marks?)\b", re.I)
"""After a number, the unit of a grader's points ("1 pt", "2 points", "1 mark")."""
"""A bold run that is a number and its full stop ("**2.**")."""
_PICK_END_RE = regex(r"[.;!?](?:[ \t*_]|$)")
_LABELLED_PICK_END_RE = regex(r"[.;!?:](?:[ \t*_]|$)")
"""On the part's label line, a colon also ends the pick, before a verdict on it ("(iii) Weight Decay +
SGD optimizer: correct."); under a heading, "Weight Decay: Yes." is an option's verdict."""
_DASH_RE = regex(r"[ \t][—–][ \t]")
_LEAVES_REST_RE = regex(r",?[ \t]{1,3}(?:and[ \t]{1,3})?(?:leave|leaving|skip|skipping|untick|unticking)\b", re.I)
"""After a part's label, a dash ends the pick ("(iii) ✅ Weight Decay, ✅ SGD — and nothing else"); on a
line of its own it gives an option's verdict ("Weight Decay — **yes**")."""
_BRACKETED_RE = regex(r"[ \t]?\([^()\n]{0,200}\)")
_THE_RE = regex(r"^[ \t*_]{0,3}the[ \t]{1,3}", re.I)
_MARK_LEAD_END_RE = regex(r"[|:;]|\.(?:\s|$)|\s[—–-]\s")
"""Where a mark cell's pick ends and its explanation (or the next cell) begins."""
_COUNTS_OFF_RE = regex(
    r"[ \t]{1,3}(?:for|per|of|each|encoder|decoder|another|by[ \t]{1,3}one|at[ \t]{1,3}a[ \t]{1,3}time)\b"
    r"|[ \t]{1,3}(?:nn\.Linear(?:\([^()\n]{0,40}\))?|(?:linear[ \t]{1,3})?layer)"
    r"[ \t]{1,3}(?:for|as)[ \t]{1,3}(?:the[ \t]{1,3})?"
    r"(?:encoder|decoder|W_?[12₁₂])\b",
    re.I,
)
"""After a number word, what makes it a count in the explanation rather than a pick ("one for the
encoder", "one per factor", "one of them", "one encoder (W1) and one decoder (W2)", "one nn.Linear for
the encoder W1"), or an idiom that counts nothing ("one at a time", "one by one", "one another")."""
_NUMBERING_WORD_RE = regex(
    r"\b(?:step|stage|phase|case|part|section|post|lemma|claim|fact|remark|round|epoch"
    r"|point|item|bullet|your|asked[ \t]{1,2}in|re:?)[ \t]{1,2}[#(]?\Z",
    re.I,
)
"""A word that numbers what follows it, or points at the user's own item ("Your (1) — number of linear layers:
2", "revisiting what you asked in 3"): its number is no option."""
_PRONOUN_ONE_BEFORE_RE = regex(
    r"\b(?:each|every|any|which|this|that|the|another|other|right|wrong|correct|same|last|next)[ \t]{1,2}\Z", re.I
)
"""A word before "one" that makes it a pronoun ("each one", "the right one"), not a count."""
PAIRED_WINDOW_CHARS = 80
"""How far after a number word its pair ("... and one back up") is looked for."""
_PAIR_BEFORE_RE = regex(r"\b(?:and|plus|then)[ \t]{1,3}\Z", re.I)


def _paired(text: str, start: int, end: int, said: str) -> bool:
    """Whether a number word is one of a pair that shares things out ("one ... and one ..."): the same
    word comes next within a short way on after "and", or this one comes after "and" and the word before."""
    if _PAIR_BEFORE_RE.search(text, max(0, start - 8), start):
        return said.lower() in text[max(0, start - PAIRED_WINDOW_CHARS) : start].lower()
    window, word = text[end - 1 : end + PAIRED_WINDOW_CHARS + 1].lower(), said.lower()
    at = window.find(word, 1)
    while at >= 0 and (window[at - 1].isalnum() or window[at + len(word) : at + len(word) + 1].isalnum()):
        at = window.find(word, at + 1)  # "done", "someone": not the word
    return at >= 0 and _PAIR_BEFORE_RE.search(text, max(0, end - 1 + at - 8), end - 1 + at) is not None


_CLOSING_LEAD_RE = regex(
    r"^[^\w\n]{0,8}(?:final|short|summary(?:[ \t]{1,3}of)?)[ \t]{1,3}answers?\b[^\n]{0,40}$"
    r"|^[^\w\n]{0,8}(?:tl;?dr|summary)\b",
    re.I,
)
"""The lead of a closing summary of the answers ("### Final answers", "Short answers:", "TL;DR")."""


def _closing_region(text: str, regions: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The last answer region, when a closing summary's lead opens it and nothing but blank space
    follows it: the answers as they stand at the end of the reply."""
    if not regions:
        return None
    lo, hi = regions[-1]
    if text[hi:].strip():
        return None
    before = text[:lo].rstrip("\n")
    lead = before[before.rfind("\n") + 1 :]
    return (lo, hi) if _CLOSING_LEAD_RE.search(lead) else None


_SAME_GOES_RE = regex(
    r"[ \t*_]{0,3}(?:(?:and[ \t]{1,3})?the[ \t]{1,3}same[ \t]{1,3}(?:goes|applies|holds|is[ \t]{1,3}true)"
    r"[ \t]{1,3}(?:for|to|of)|same[ \t]{1,3}(?:for|with)|likewise[ \t]{1,3}for|ditto[ \t]{1,3}for)\b",
    re.I,
)
"""A sentence that says of its options what the sentence before said ("The same goes for dropout.")."""
_NEGATION_WORD_RE = regex(r"\b(?:not|no|neither|nor|never|none|without)\b|n['’]t\b", re.I)
_ONLY_BEFORE_RE = regex(r"\bonly[ \t]{1,3}(?:the[ \t]{1,3})?$", re.I)
_ONLY_AFTER_RE = regex(r"[ \t]{1,3}only\b(?![ \t]{1,3}[a-z])", re.I)
"""..."Weight Decay only.", "SGD only (nothing else)"; not "Weight decay only shrinks the entries"."""
_CLAUSE_TURN_RE = regex(r"[:;—]|,?[ \t]{1,3}(?:while|whereas|but|not)\b", re.I)
"""Where a sentence naming its options as the only ones turns to the others, or to them."""
ONLY_CLAUSE_REACH = 160
"""How far back from such options the clause that turns to them is looked for."""


_NUMBERED_LINE_RE = regex(r"^[ \t]{0,3}\(?(\d{1,2})[.)]", re.M)
_NUMBERED_HEADING_RE = regex(r"^[ \t]{0,3}#{1,6}[ \t]{1,3}(?:\*\*|__)?\(?\d{1,2}[.)][^\n]*", re.M)


_FORMULA_MARKS = frozenset("/^_=+−×·{}")


def _in_formula(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] has a math operator or a brace right beside it ("1/n", "W^2",
    "2×k", "\\frac{1}{n}")."""
    return (start > 0 and text[start - 1] in _FORMULA_MARKS) or (end < len(text) and text[end] in _FORMULA_MARKS)


def _in_dotted_number(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is one piece of a dotted number ("Problem 8.1", "1.2")."""
    before = start > 1 and text[start - 1] == "." and text[start - 2].isdigit()
    return before or (end + 1 < len(text) and text[end] == "." and text[end + 1].isdigit())


def _numbered_headings(raw: str) -> frozenset[str]:
    """The answer's Markdown headings that open on a number, as analysis writes them ("## 2. The
    PyTorch bits" -> "2. The PyTorch bits"): the number is the section's, never a pick."""
    if "#" not in raw:
        return frozenset()
    return frozenset(normalize(m.group()).strip() for m in _NUMBERED_HEADING_RE.finditer(raw))


def _in_numbered_run(numbered: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    """Whether the numbered line at `at` is an item of a list: numbered 1 (or 0), or the numbered line
    before it has the number before its own. A lone "2. One nn.Linear for the encoder ..." under the
    part's heading is the pick, not a list's second item."""
    k = bisect_right(starts, at) - 1
    if k < 0 or starts[k] != at:
        return True  # not a line of its own: read as before
    n = numbered[k][1]
    return n <= 1 or (k > 0 and numbered[k - 1][1] == n - 1)


def _in_aside(m: _Mention) -> bool:
    """Inside an explanation after the pick: "2 (one encoder, one decoder)", "2 because ..."."""
    offset = m.start - m.sentence.start
    spans = _asides(m.sentence.text)
    k = bisect_right(spans, (offset, len(m.sentence.text) + 1)) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]


@lru_cache(maxsize=1024)
def _asides(text: str) -> list[tuple[int, int]]:
    return [a.span() for a in _ASIDE_RE.finditer(text)]


def _span_around(pos: int, spans: list[tuple[int, int]], ends_so_far: list[int]) -> tuple[int, int]:
    """The first of the spans (sorted by start) that holds `pos`, found by bisection: it is the first
    whose end passes `pos` (where the running maximum of the ends first does), if it starts by `pos`."""
    i = bisect_right(ends_so_far, pos)
    if i < len(spans) and spans[i][0] <= pos:
        return spans[i]
    return pos, pos
