"""`sequence`: an ordered token sequence such as the decoder inputs w1..w5 (q7b, q7c)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable, ClassVar, Literal

from pydantic import Field, field_validator

from ..regexes import regex
from ..text.analysis import Analysed, analyse, find_hits
from ..text.answers import answer_regions, table_cells
from ..text.menus import numbered_menus
from ..text.number_words import NUMBER_WORDS
from ..text.phrases import PhraseSet, line_starts
from .base import CheckContext, CheckResult, CheckSpec

MAX_TOKEN_CHARS = 24
"""Longer "tokens" are prose, not sequence items."""
MAX_SLOT_INDEX = 99
MAX_SPELLED_SLOT = 10
MIN_PARTIAL_TOKENS = 2
"""Tokens an incomplete sequence must give to be one: a lone `w3 = saw` is a remark about a slot."""
MAX_ROW_HEADERS = 2
"""Cells naming a table row before its tokens ("| 7b | training | <sos> | ..."): the part, the setting."""

_STOP_WORDS = r"(?!(?:not|and|or|nor|but|then|instead|rather|vs|versus|never|because|since|which|whereas|while)\b)"
"""Words that join or negate list items, or open the clause after a list ("It stays <sos>, I, saw, a,
dog, because ..."); they are never items themselves."""
_TOKEN = (
    rf"{_STOP_WORDS}(?:<[^<>\s]{{1,{MAX_TOKEN_CHARS}}}>|\[[^\[\]\s]{{1,{MAX_TOKEN_CHARS}}}\]"
    rf"|\"[^\"\n,]{{1,{MAX_TOKEN_CHARS}}}\"|'[^'\n,]{{1,{MAX_TOKEN_CHARS}}}'|[\w'.-]{{1,{MAX_TOKEN_CHARS}}})"
)
_LIST_SEP = r"\s*(?:,(?:[ \t]{1,3}then\b)?|→|->|=>|⇒|\||·|•|∙)\s*"
"""Between a list's tokens: a comma (also ", then" in a list said aloud), an arrow, a bar or a dot."""
_LAST_AND = rf",[ \t]{{1,3}}and[ \t]{{1,3}}{_TOKEN}(?=[ \t]{{0,2}}(?:[.;:!?)]|$))"
"""A prose list's last token after ", and", where the sentence or clause ends ("<BOS>, then I, see, a, and dog.")."""
_LIST_RE = regex(rf"{_TOKEN}(?:{_LIST_SEP}{_TOKEN}){{2,}}(?:{_LAST_AND})?", re.M)
_LIST_MARKS_RE = regex("[,→>⇒|·•∙]")
_SPARSE_SEP = r"[ \t]{0,3}(?:;|(?<=[ \t`])/(?=[ \t`]))[ \t]{0,3}"
"""Between the tokens of a list in semicolons ("<SOS>; I; saw; a; dog") or spaced slashes ("`<sos>` / `I` /
`see`"): a list of its own, so a semicolon after a comma list ("..., dog; the targets ...") ends it."""
_SPARSE_LIST_RE = regex(rf"{_TOKEN}(?:{_SPARSE_SEP}{_TOKEN}){{2,}}")
_SPARSE_MARKS_RE = regex("[;/]")
"""Every `_LIST_SEP` holds one of these characters (so a list of three tokens, two of them)."""
_START_RUN_RE = regex(r"(?:<\w{1,20}>|\[\w{1,20}\])(?:[ \t]+" + _TOKEN + r")+")
_RUN_MARKS_RE = regex(r"[<\[]")
_PRE_CHECKS = ((_LIST_RE, _LIST_MARKS_RE, 2), (_SPARSE_LIST_RE, _SPARSE_MARKS_RE, 2), (_START_RUN_RE, _RUN_MARKS_RE, 1))
_SPLITS = {_LIST_RE: rf"\s*,[ \t]{{1,3}}and[ \t]{{1,3}}|{_LIST_SEP}", _SPARSE_LIST_RE: _SPARSE_SEP}
"""How each list pattern's match splits into its tokens (a run of tokens splits at white space)."""
"""Each pattern `_lists` reads a sentence with, the characters it needs, and how many of them."""


def _holds(marks: re.Pattern[str], text: str, least: int) -> bool:
    """Whether the text holds `least` (1 or 2) of the characters `marks` matches."""
    m = marks.search(text)
    return m is not None and (least == 1 or marks.search(text, m.end()) is not None)


_ITEM_RE = regex(rf"^(?P<marker>[-*+•]|\d{{1,2}}[.):]|\d{{1,2}}[ \t]{{0,2}}=)\s+(?P<tok>{_TOKEN})\s*(?:$|[—(:]|-\s)")
"""A list item holding one token, optionally followed by an explanation; "3 = saw" is a step's row of a
table whose header names this part's column, as the segmenter writes it out."""
_ROW_ITEM_RE = regex(rf"^\|[ \t]*(?P<marker>\d{{1,2}})[ \t]*\|[ \t]*`?(?P<tok>{_TOKEN})`?[ \t]*\|")
"""A table row of a step number and its token ("| 1 | [SOS] |"), read like a numbered list item."""
_ANGLE_RE = regex(r"<\s*(\w+)\s*>")
_HEDGES = (
    "depends on",
    "it depends",
    "either",
    "both are valid",
    "both valid",
    "both are correct",
    "could be",
    "could also be",
    "might be",
    "might also be",
    "ambiguous",
    *(f"{verb} both" for verb in ("present", "give", "show", "write", "include", "mention")),
)
"""Words that offer sequences as alternatives rather than contrast them: "It depends on what the model
outputs: <sos> I see a dog if it decodes correctly, <sos> I saw a dog if not; both are valid".
"""
_HEDGE_PHRASES = PhraseSet.build({"hedge": _HEDGES})
OR_WINDOW = 24
"""How far before a sequence an "or" offers it as an alternative ("... (or I, see, a, dog, <eos>)")."""
_OR_BEFORE_RE = regex(r"\bor\b\W{0,12}$", re.I)


RANGE_HEAD_WINDOW = 32
"""How far before a list its head naming the slots' range ("w1..w5 = ") is looked for."""


def _after_or(text: str, start: int) -> bool:
    """Whether an "or" just before `start` offers the sequence there as an alternative to another."""
    return _OR_BEFORE_RE.search(text, max(0, start - OR_WINDOW), start) is not None


_SLOT_OR_RE = regex(rf"[ \t*`_]{{0,6}}(?:\bor\b|/)[ \t*`_]{{0,6}}({_TOKEN})", re.I)
"""After a slot's token, a second one offered beside it: "w₃ = `see` **or** `saw`", "w3 = see/saw"."""


_WORD_NUMBERS = {word: int(digits) for digits, word in NUMBER_WORDS.items() if 1 <= int(digits) <= MAX_SPELLED_SLOT}
_SLOT_WORDS = "|".join(_WORD_NUMBERS)
"""A slot's index said in words: "w one is the start token, w two is I"."""


@lru_cache(maxsize=64)
def _slot_re(prefix: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w<]){re.escape(prefix)}(?:[ \t]*(\d{{1,2}})|[ \t]{{1,2}}({_SLOT_WORDS}))(?![\w])"
        # "w1 = x", "w1 --> x", "w1 ⟶ x", a slot over its token's line, or the two alone on a line, in columns
        # ("w1   <sos>", its spaces squeezed by `normalize`)
        rf"(?:[ \t]*(?::=|=|:|-{{1,3}}>|={{1,2}}>|→|⟶|⇒|—|–|\bis\b|\|)[ \t]*(?:\n[ \t|]*)?|[ \t]*\n[ \t]*"
        rf"|[ \t]{{1,8}}(?=(?:{_TOKEN})[ \t`*]*(?:\n|$)))"
        rf"({_TOKEN})",
        re.I,
    )


_ARTICLE_RE = regex(r"^(?:the|an?)[ \t]{1,3}", re.I)
_TOKEN_WORD_RE = regex(r"[ \t]{1,3}(?:token|symbol|marker|tag)$", re.I)
"""What `_spoken` reads around an alias's words (an article, "token"), dropped before it is looked up."""
_SPOKEN_JOIN_RE = regex(r"[ \t-]{1,3}")
_SYMBOL_TOKEN_RE = regex(r"<[/|]?\w{1,12}[|]?>|\[\w{1,12}\]|&lt;")


@lru_cache(maxsize=64)
def _xml_slot_re(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?)({re.escape(prefix)}\d{{1,2}})>", re.I)


def _as_slot_lines(text: str, prefix: str) -> str:
    """XML slots as slot lines of the same length: "<w1><sos></w1>" reads as "w1: <sos>     ", so
    offsets into the text stay right."""

    def plain(m: re.Match[str]) -> str:
        return " " * len(m.group()) if m.group(1) else f"{m.group(2)}: "

    return _xml_slot_re(prefix).sub(plain, text)


@dataclass(frozen=True)
class _Candidate:
    tokens: tuple[str, ...]
    evidence: str
    start: int
    slots: bool
    complete: bool
    compared: bool = False
    """Read from the rows of a table with two or more token columns ("| w₃ | see | saw |"): a
    comparison whose first column need not be this part's answer."""
    alternatives: tuple[tuple[int, str], ...] = ()
    """Slots given a second token as an alternative ("w₃ = see or saw"), as (index, token)."""


def _token_cells(row: str) -> int:
    """How many cells of a table row hold one token each (`| w₃ | see | saw |` has three; a cell of
    prose, "model's output at step 2", is none)."""
    return sum(_one_token(_clean(row[lo:hi])) for lo, hi in table_cells(row))


def _one_token(text: str) -> bool:
    """Whether a cleaned cell or list piece is a single token: no space, not empty, not too long."""
    return bool(text) and " " not in text and len(text) <= MAX_TOKEN_CHARS


def _clean(token: str) -> str:
    token = token.strip().strip("\"'*").rstrip(".,;:!?")
    return _ANGLE_RE.sub(lambda m: f"<{m.group(1)}>", token) if "<" in token else token


class SequenceCheck(CheckSpec):
    type: Literal["sequence"] = "sequence"
    reads_any_answer: ClassVar[bool] = True
    expected: list[str] = Field(min_length=1)
    """Canonical tokens in order, e.g. ["<sos>", "I", "see", "a", "dog"]."""
    aliases: dict[str, list[str]] = Field(default_factory=dict)
    """Canonical token -> other spellings (`<sos>`: [`<BOS>`, `<s>`, `<start>`, `[SOS]`])."""
    slot_prefix: str = "w"
    """Answers may name positions `w1 = ...`, `w_1`, `w₁`; this is the letter before the index."""
    case_sensitive: bool = False
    hedge_share: float = Field(default=0.0, ge=0.0, lt=1.0)
    """Share of the points for the expected sequence offered beside another as alternatives ("it
    depends ... both are valid"): the answer is there, but not chosen."""
    overrun_share: float = Field(default=0.0, ge=0.0, lt=1.0)
    """Share of the points for the expected tokens in order followed by more ("<sos>, I, see, a,
    dog, <eos>": every input right, plus one the decoder never reads)."""
    setting: list[str] = Field(default_factory=list)
    """Words for this part's setting ("evaluation", "test time" for 7(c))."""
    other_setting: list[str] = Field(default_factory=list)
    """Words for a sibling part's setting ("training", "teacher forcing" for 7(c)): a sequence whose
    sentence names only that setting is the sibling's ("... which is what happens during training
    (there the inputs would be <sos>, I, see, a, dog)"), not this part's answer."""

    @field_validator("setting", "other_setting")
    @classmethod
    def _phrases_can_match(cls, phrases: list[str]) -> list[str]:
        """A phrase with no words is a load error, not a setting never found."""
        PhraseSet.check(phrases)
        return phrases

    def _elsewhere(self, a: Analysed) -> Callable[[_Candidate], bool]:
        """Whether a candidate's sentence names only the sibling's setting (one scan of the answer).
        This part's setting denied does not name it: "there is no reference at test time, so ..." is
        about evaluation, not 7(b)'s reference."""
        if not self.other_setting:
            return lambda c: False
        phrases = PhraseSet.build({"here": tuple(self.setting), "there": tuple(self.other_setting)})
        named: dict[int, set[str]] | None = None
        at: list[int] = []  # where each counted mention stands in the answer, in order
        keys_at: list[str] = []

        def test(c: _Candidate) -> bool:
            nonlocal named
            sentence = a.sentence_at(c.start)
            if sentence is None:
                return False
            if named is None:
                named = {}
                for h in find_hits(phrases, a):
                    if h.key == "there" or h.asserted:
                        named.setdefault(h.sentence.start, set()).add(h.key)
                        at.append(h.sentence.start + h.start)
                        keys_at.append(h.key)
            keys = named.get(sentence.start, set())
            line_start = a.line_start(c.start)
            if sentence.start < line_start:
                # "w1..w5 (training): ..." then "w1..w5 (evaluation): ..." in a code block, one sentence
                # with no full stops: the line's own lead names its setting, if it names one
                lead = set(keys_at[bisect_left(at, line_start) : bisect_left(at, c.start)])
                keys = lead or keys
            return "there" in keys and "here" not in keys

        return test

    @cached_property
    def _aliases(self) -> dict[str, str]:
        return _alias_table(tuple((k, tuple(v)) for k, v in self.aliases.items()), self.case_sensitive)

    def _key(self, token: str) -> str:
        t = _clean(token)
        t = t if self.case_sensitive else t.casefold()
        return self._aliases.get(t, t)

    def _slot_groups(self, a: Analysed, n: int) -> list[_Candidate]:
        """Runs of `w1 = x, w2 = y ...`; a new run starts whenever the index goes back."""
        groups: list[dict[int, tuple[str, int, int]]] = []
        compared: list[bool] = []
        alternatives: list[list[tuple[int, str]]] = []
        # Line bounds found once and bisected, and each table row's width read once: linear in the text.
        starts: list[int] | None = None  # line starts, found on the first slot in a text with tables
        wide_rows: dict[int, bool] = {}
        prev = MAX_SLOT_INDEX + 1
        slot_name = re.compile(rf"{re.escape(self.slot_prefix)}\d{{1,2}}", re.I)
        slot_re = _slot_re(self.slot_prefix)
        text = _as_slot_lines(a.text, self.slot_prefix) if "</" in a.text else a.text
        pos = 0
        while (m := slot_re.search(text, pos)) is not None:
            idx, tok = int(m.group(1) or _WORD_NUMBERS[m.group(2).casefold()]), m.group(3)
            if slot_name.fullmatch(_clean(tok)):
                pos = m.start(3)  # "w1..w5:\n  w1 = <s>": the header's last slot, then the first slot
                continue
            pos = m.end()
            if a.negation_at(m.start(), m.end()) is not None:
                continue
            if idx <= prev or not groups:
                groups.append({})
                compared.append(False)
                alternatives.append([])
            groups[-1][idx] = (_clean(tok), m.start(), m.end())
            if (alt := _SLOT_OR_RE.match(text, m.end())) is not None and self._key(alt.group(1)) != self._key(tok):
                alternatives[-1].append((idx, _clean(alt.group(1))))
            if "|" in a.text:
                starts = starts or line_starts(a.text)
                k = bisect_right(starts, m.start()) - 1
                if k not in wide_rows:
                    row = a.text[starts[k] : starts[k + 1] - 1 if k + 1 < len(starts) else len(a.text)]
                    # outer pipes optional: "w₃ | see | saw" in a plain-text table is a row too
                    wide_rows[k] = row.count("|") >= 2 and _token_cells(row) > 2
                compared[-1] = compared[-1] or wide_rows[k]
            prev = idx
        out = []
        for g, cmp, alts in zip(groups, compared, alternatives):
            # "w₆ = <eos>" after w₁..w₅: an input past the last one, read as the overrun it is
            last = n
            while last + 1 in g:
                last += 1
            toks = tuple(g[i][0] if i in g else "?" for i in range(1, last + 1))
            shown = ", ".join(f"{self.slot_prefix}{i} = {g[i][0]}" for i in sorted(g) if i <= last)
            start = min(v[1] for v in g.values())
            complete = all(i in g for i in range(1, n + 1))
            out.append(_Candidate(toks, shown, start, True, complete, cmp, tuple(x for x in alts if x[0] <= last)))
        return out

    def _item_runs(self, a: Analysed, n: int) -> tuple[list[_Candidate], list[_Candidate]]:
        """Lists with one token per item: numbered ("1. [SOS]", "2. I", or table rows "| 1 | [SOS] |")
        and bulleted ("- <sos>")."""
        numbered: list[_Candidate] = []
        bulleted: list[_Candidate] = []
        slot_name = re.compile(rf"{re.escape(self.slot_prefix)}\d{{1,2}}", re.I)
        run: list[tuple[str, str, int]] = []  # (marker, token, offset)

        def close() -> None:
            if len(run) >= 3:
                toks = tuple(tok for _, tok, _ in run)
                evidence = ", ".join(toks)
                numbers = [m.rstrip(" \t.):=") for m, _, _ in run]
                first = int(numbers[0]) if numbers[0].isdigit() else 0
                if numbers == [str(i) for i in range(1, len(run) + 1)]:
                    numbered.append(_Candidate(toks, evidence, run[0][2], True, len(toks) == n))
                elif first > 1 and len(run) == n and numbers == [str(i) for i in range(first, first + n)]:
                    # "7: <sos>", "8: I", ... "11: dog" filling the user's blanks 7-11: one token a slot
                    numbered.append(_Candidate(toks, evidence, run[0][2], True, True))
                elif not any(m[0].isdigit() for m, _, _ in run):
                    bulleted.append(_Candidate(toks, evidence, run[0][2], False, len(toks) == n))
            run.clear()

        pos = 0
        for line in a.text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            m = _ITEM_RE.match(line) or _ROW_ITEM_RE.match(line)
            if m is None or slot_name.fullmatch(_clean(m.group("tok"))) or a.negation_at(start, start + len(line)):
                close()
                continue
            if run and m.group("marker").rstrip(" \t.):=") == "1":
                close()  # a table's rows straight before its column written out: two runs, each from 1
            run.append((m.group("marker"), _clean(m.group("tok")), start))
        close()
        return numbered, bulleted

    def _lists(self, a: Analysed, n: int) -> list[_Candidate]:
        """Comma/arrow/pipe lists and `<sos> I see ...` runs that are asserted, in text order."""
        found: dict[int, _Candidate] = {}
        for s in a.sentences:
            if s.text.startswith("|") and a.negation_at(s.start, s.start + 1) is None:
                row = self._table_row(s.text, n)
                if row is not None:
                    found[s.start] = _Candidate(row, ", ".join(row), s.start, False, len(row) == n)
                    continue
            # Cheap tests first: a list needs two separators, a run an opening `<` or `[`.
            regexes = [r for r, marks, least in _PRE_CHECKS if _holds(marks, s.text, least)]
            # In a table row too short to hold a token per cell, a list stays inside its cell.
            cells = table_cells(s.text) if s.text.startswith("|") else []
            pieces = cells if 0 < len(cells) < n else [(0, len(s.text))]
            for finder, (lo, hi) in ((r, p) for r in regexes for p in pieces):
                for m in finder.finditer(s.text, lo, hi):
                    start = s.start + m.start()
                    if start in found or a.negation_at(start, s.start + m.end()) is not None:
                        continue
                    split = _SPLITS.get(finder)
                    parts = re.split(split, m.group()) if split else m.group().split()
                    toks = tuple(_clean(t) for t in parts if _clean(t))
                    if finder is _START_RUN_RE:
                        toks = toks[:n]
                    else:
                        toks = self._without_row_key(toks, n)
                    if len(toks) >= 3:
                        quoted = " ".join(m.group().split()).rstrip(".,;:!?")
                        evidence = quoted if split else " ".join(toks)
                        found[start] = _Candidate(toks, evidence, start, False, len(toks) == n)
        return [found[k] for k in sorted(found)]

    def _without_row_key(self, toks: tuple[str, ...], n: int) -> tuple[str, ...]:
        """A CSV row's tokens without the cells that name it ("b,<s>,I,see,a,dog" under a
        "part,w1,...,w5" header): up to `MAX_ROW_HEADERS` unknown cells before a known token, when
        the rest is one token per slot."""
        lead = len(toks) - n
        if not 1 <= lead <= MAX_ROW_HEADERS or self._key(toks[lead]) not in self._vocabulary:
            return toks
        return toks if any(self._key(t) in self._vocabulary for t in toks[:lead]) else toks[lead:]

    def _table_row(self, row: str, n: int) -> tuple[str, ...] | None:
        """A table row of tokens after its header cells ("| (b) training | <s> | I | see | a | dog |",
        "| 7b | training | <sos> | I | see | a | dog |")."""
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        # The header cells name the row ("(b) training", "token"); they are not tokens of it.
        known = [" " not in c and self._key(c) in self._vocabulary for c in cells]
        headers = cells[:-n]
        if not 1 <= len(headers) <= MAX_ROW_HEADERS or any(known[: len(headers)]):
            # "| input | <sos> | I | see | a | dog | <eos> |": the tokens run one cell past the last slot
            # after the header cells (an overrun, read as one), the first of them a known token.
            first = next((i for i, k in enumerate(known) if k), None)
            if first is None or not 1 <= first <= MAX_ROW_HEADERS or len(cells) - first != n + 1:
                return None
            headers = cells[:first]
        toks = tuple(_clean(c) for c in cells[len(headers) :])  # a w1 | w2 ... row names slots, not tokens
        slot = re.compile(rf"{re.escape(self.slot_prefix)}\d{{1,2}}", re.I)
        if any(not _one_token(tok) or slot.fullmatch(tok) for tok in toks):
            return None
        return toks

    def _choose(self, a: Analysed) -> tuple[_Candidate | None, list[_Candidate]]:
        """The sequence the answer gives, and every full one opening like the expected sequence
        outside comparison tables (two different ones may be alternatives, see `_HEDGES`)."""
        n = len(self.expected)
        numbered, bulleted = self._item_runs(a, n)
        elsewhere = self._elsewhere(a)
        slots = sorted((c for c in self._slot_groups(a, n) + numbered if not elsewhere(c)), key=lambda c: c.start)
        lists = sorted(
            (c for c in self._lists(a, n) + bulleted if self._on_topic(c) and not elsewhere(c)), key=lambda c: c.start
        )
        regions = answer_regions(a.text)
        in_answer = [c for c in lists if any(r.start <= c.start < r.end for r in regions)]
        opener = self._key(self.expected[0])
        first = min((c.start for c in slots + lists if c.complete and not c.compared), default=None)
        if first is not None:
            # A comparison table after the answer ("| w₃ | see | saw |") does not replace it.
            slots = [c for c in slots if not (c.compared and c.start > first)]
        offered = [
            c
            for c in slots + lists
            if c.complete and not c.compared and (self._key(c.tokens[0]) == opener or _after_or(a.text, c.start))
        ]
        # ... and a list under a head naming the slots' range ("w1..w5 = <sos>, I, ...") names them too, where
        # an unnamed list after it ("Sample 'I saw the dog': evaluation <sos>, I, saw, the, dog") is an aside
        ranged = self._range_head(self.slot_prefix)
        named = sorted(
            [c for c in slots if c.complete and not c.compared and c not in numbered]
            + [
                c
                for c in lists
                if c.complete and not c.compared and ranged.search(a.text, max(0, c.start - RANGE_HEAD_WINDOW), c.start)
            ],
            key=lambda c: c.start,
        )
        for tier in (named, slots, in_answer, lists):
            complete = [c for c in tier if c.complete]
            # slots filled with another sentence's words ("w3 = have, w4 = two, w5 = brothers" for a practice
            # sentence) are that sentence's, where another is this question's
            complete = [c for c in complete if self._on_topic(c)] or complete
            # A sequence that opens like the expected one (a start token) is the answer; a list of
            # the decoder's targets beside it ("I, see, a, dog, <eos>") is explanation.
            opening = [c for c in complete if self._key(c.tokens[0]) == opener]
            if opening or complete:
                return (opening or complete)[-1], offered
        # One slot named alone ("w₃ = saw, not see") is a remark about that slot, not a sequence.
        # Nor is a short list of the tokens two sequences share ("<sos>, I, a and dog line up in both"):
        # the expected tokens with a gap, in their order, name no position.
        want = [self._key(t) for t in self.expected]
        partial = [
            c
            for c in slots + lists
            if sum(t != "?" for t in c.tokens) >= MIN_PARTIAL_TOKENS
            and (c.slots or not _with_gaps([self._key(t) for t in c.tokens], want))
        ]
        return (max(partial, key=lambda c: sum(t != "?" for t in c.tokens)) if partial else None), offered

    @staticmethod
    @lru_cache(maxsize=8)
    def _range_head(prefix: str) -> re.Pattern[str]:
        """The head of a list that names its slots' range: "w1..w5 = ", "w1–w5:", "w_1, ..., w_5 ="."""
        p = re.escape(prefix)
        return re.compile(
            rf"(?<![\w<]){p}[ \t_{{]{{0,2}}1\}}?[ \t]{{0,2}}"
            rf"(?:\.{{2,3}}|…|–|-|to|,[ \t]{{0,2}}(?:\.{{3}}|…|\\l?dots)[ \t]{{0,2}},)"
            rf"[ \t]{{0,2}}{p}[ \t_{{]{{0,2}}\d{{1,2}}\}}?[ \t]{{0,2}}(?::=|=|:|→)[ \t`*$]{{0,4}}$",
            re.I,
        )

    @cached_property
    def _vocabulary(self) -> frozenset[str]:
        return frozenset(self._key(t) for t in [*self.expected, *self.aliases])

    def _on_topic(self, cand: _Candidate) -> bool:
        """A free-standing list counts only if most of its tokens are this question's tokens:
        "teacher forcing, i.e., we feed ..." is prose with commas, not a token sequence; nor is a
        list of one token's spellings."""
        keys = [self._key(t) for t in cand.tokens]
        known = sum(k in self._vocabulary for k in keys)
        # "`<s>`, `<sos>`, `<BOS>`, `<start>` all mean the start token": spellings of one token
        return 2 * known >= len(keys) and not (len(keys) > 1 and len(set(keys)) == 1)

    @cached_property
    def _spoken(self) -> re.Pattern[str] | None:
        """The aliases of several words ("start of sequence"), with an article before and a word
        such as "token" after ("the start-of-sequence token"): one token said in words."""
        said = sorted((a for spellings in self.aliases.values() for a in spellings if " " in a.strip()), key=len)
        if not said:
            return None
        words = "|".join(r"[ \t-]{1,3}".join(map(re.escape, a.split())) for a in reversed(said))
        return re.compile(
            rf"\b(?:the[ \t]{{1,3}}|an?[ \t]{{1,3}})?(?:{words})(?:[ \t]{{1,3}}(?:token|symbol|marker|tag))?\b", re.I
        )

    def _in_tokens(self, answer: str) -> str:
        """The answer with each token said in words written as the token ("w one is the start token"
        -> "w one is <sos>"), when it writes no token as a symbol (`<sos>`, `[BOS]`)."""
        if self._spoken is None or _SYMBOL_TOKEN_RE.search(answer):
            return answer  # an answer that writes its tokens as symbols names them in words only to explain

        def token(m: re.Match[str]) -> str:
            said = _SPOKEN_JOIN_RE.sub(" ", _ARTICLE_RE.sub("", m.group()))
            for words in (said, _TOKEN_WORD_RE.sub("", said)):  # "start token" is an alias, or "start" is
                if (key := self._key(words)) != words.casefold():
                    return key
            return m.group()

        return self._spoken.sub(token, answer)

    def run(self, ctx: CheckContext) -> CheckResult:
        a = analyse(self._in_tokens(ctx.answer), ctx.question)
        n = len(self.expected)
        cand, offered = self._choose(a)
        if cand is None:
            return self.failed(None, f"no {self.slot_prefix}1..{self.slot_prefix}{n} sequence found")
        want = [self._key(t) for t in self.expected]
        different = {tuple(self._key(t) for t in c.tokens): c for c in offered}
        # A hedge in a sentence framed as a mistake ("You might be tempted to write ...") hedges nothing;
        # a sequence offered after "or" ("[SOS], I, see, a, dog (or I, see, a, dog, [EOS])") is one.
        linked = any(_after_or(a.text, c.start) for c in different.values())
        if len(different) > 1 and (linked or any(h.asserted for h in find_hits(_HEDGE_PHRASES, a))):
            # "<sos> I see a dog if it decodes correctly, <sos> I saw a dog if not: both are valid."
            shown = " | ".join(c.evidence for c in different.values())
            points = self.points * self.hedge_share if tuple(want) in different else 0.0
            return self.failed(shown, f"offers {len(different)} sequences as alternatives", points=points)
        if cand.alternatives:
            # "w₃ = see or saw": the slot is offered two ways, and neither is chosen.
            shown = ", ".join(f"{self.slot_prefix}{i} = {cand.tokens[i - 1]} or {alt}" for i, alt in cand.alternatives)
            spellings = [{self._key(t)} for t in cand.tokens]
            for i, alt in cand.alternatives:
                spellings[i - 1].add(self._key(alt))
            there = len(spellings) == n and all(w in ks for w, ks in zip(want, spellings))
            points = self.points * self.hedge_share if there else 0.0
            return self.failed(f"{cand.evidence} ({shown})", f"offers {shown} as alternatives", points=points)
        tokens = _by_menu(cand.tokens, ctx.question)
        got = [self._key(t) for t in tokens]
        for i, (w, g) in enumerate(zip(want, got), start=1):
            if w != g:
                what = "missing" if tokens[i - 1] == "?" else f"is {tokens[i - 1]}"
                return self.failed(cand.evidence, f"{self.slot_prefix}{i} {what}, expected {self.expected[i - 1]}")
        if len(got) != n:
            overran = len(got) > n and "?" not in tokens[n:]
            points = self.points * self.overrun_share if overran else 0.0
            return self.failed(cand.evidence, f"found {len(got)} tokens, expected {n}", points=points)
        return self.passed(cand.evidence)


def _by_menu(tokens: tuple[str, ...], question: str) -> tuple[str, ...]:
    """The tokens an answer gives by their numbers in the user's numbered menu of tokens ("1) <sos>
    2) <eos> 3) I ...", then "w1 = 1, w2 = 3, ..."), as the tokens; else the tokens as they are."""
    if not all(t.isdigit() for t in tokens):
        return tokens
    for menu in numbered_menus(question):
        items = {item.letter: question[item.text_start : item.end].strip(" \t,;*_`") for item in menu}
        if all(t in items and len(items[t].split()) == 1 for t in tokens):
            return tuple(items[t] for t in tokens)
    return tokens


def _with_gaps(got: list[str], want: list[str]) -> bool:
    """Whether `got` is `want` with some tokens left out, in order, and not a prefix of it (a prefix is
    read position by position as it stands)."""
    if len(got) >= len(want) or got == want[: len(got)]:
        return False
    it = iter(want)
    return all(token in it for token in got)


@lru_cache(maxsize=256)
def _alias_table(aliases: tuple[tuple[str, tuple[str, ...]], ...], case_sensitive: bool) -> dict[str, str]:
    """Spelling -> canonical token, built once per spec."""
    table: dict[str, str] = {}
    for canon, spellings in aliases:
        key = _clean(canon) if case_sensitive else _clean(canon).casefold()
        for s in (canon, *spellings):
            c = _clean(s)
            table[c if case_sensitive else c.casefold()] = key
    return table
