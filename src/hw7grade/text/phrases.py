"""Rubric phrases matched in one pass: an Aho-Corasick automaton over a canonical form of the text.

A phrase is words matched on word boundaries, case-insensitively; a hyphen, underscore or any
run of white space between words matches any other (`learning-rate` = `learning rate` =
`learning_rate`, and a hyphenated word also matches written solid, `learningrate`); a trailing
`*` matches any word ending (`orthonormal*`), a leading one any word beginning (`*U_k = U_k*` in
`ΣU_k = U_kΛ_k`, math written unspaced); `A ... B` means A, then B later in the same
sentence. All phrases of a set are found in one scan of the text (pyahocorasick), so the cost is
linear in the text plus the number of hits, whatever the phrases.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple, Sequence

from ..regexes import regex
from .normalize import ascii_fold, normalize
from .number_words import NUMBER_WORDS

_SEP_RUN = regex(r"[\s_\-]+")
_ELLIPSIS = regex(r"\s*(?:\.\.\.|…)\s*")
PHRASE_SET_CACHE = 512
PHRASE_FORMS_CACHE = 4096
"""Canonical forms of rubric phrases kept: a third of a rubric's fragments recur across its phrase sets."""
ADJACENT_MAX_GAP = 8
"""Most characters (separators only) between a `word*` and the fragment that must follow it."""


class PhraseError(ValueError):
    """A rubric phrase that can match nothing (empty, or only separators)."""


class PhraseHit(NamedTuple):
    """One match (a tuple: built by the thousand in a batch, and a tuple is built in C)."""

    key: str
    """The group the phrase belongs to (a concept, an option, a part's cues)."""
    phrase: str
    start: int
    end: int
    """Span in the text searched (original offsets)."""


class _Fragment(NamedTuple):
    key: str
    phrase: str
    position: int
    """Position of the fragment in its phrase (`A ... B`: 0, 1)."""
    fragments: int
    adjacent: bool
    """True when this fragment must follow the previous one directly (after a `word*` inside a phrase)."""
    wildcard: bool
    left_bound: bool
    right_bound: bool


_ASCII_SPACES = "\t\n\r\f\v-_*`"
_OTHER_SPACES = "\u00a0\u2009\u202f"
"""Made a space by `canonical`: one `str.replace` each (a C scan) rather than `str.translate`
with a table, which looks every character up in a dict (about 100 times slower here)."""
_TIMES = "\u00d7"
"""The multiplication sign reads as the letter x ("8×V100" is "8xV100"), in text and phrases alike."""


@lru_cache(maxsize=64)
def canonical(text: str) -> str:
    """Case folded, with every hyphen, underscore, white-space character and Markdown emphasis or code
    mark a space ("two `nn.Linear` layers", "**weight** decay"): the same length as the text, so a
    hit's offsets are the text's (one canonical form per answer)."""
    text = ascii_fold(text)
    for char in _ASCII_SPACES:
        if char in text:
            text = text.replace(char, " ")
    if not text.isascii():
        for char in _OTHER_SPACES:
            text = text.replace(char, " ")
        text = text.replace(_TIMES, "x")
    return text


@lru_cache(maxsize=PHRASE_FORMS_CACHE)
def canonical_phrase(phrase: str) -> str:
    return _SEP_RUN.sub(" ", ascii_fold(normalize(phrase)).replace(_TIMES, "x")).strip()


SUBSCRIPT_FORMS_MAX = 3
"""Subscripts in one fragment up to which every mix of written forms is a core (2^3 = 8 at most)."""
_SUBSCRIPT_MARK_RE = regex(r"(?<=[A-Za-z])_(?=\w)")


def _cores(fragment: str) -> list[str]:
    """The fragment's canonical forms: as normalised text reads it (`W_1` -> `w1`) and, when it
    has an underscore, as raw text reads it (`w 1`): `find` is given either. Raw text may also write
    one subscript with its underscore and another without ("W1 = U_k^T"): each mix is a core."""
    cores = [canonical_phrase(fragment)]
    if "_" in fragment:
        cores.append(_SEP_RUN.sub(" ", ascii_fold(fragment)).strip())
        pieces = _SUBSCRIPT_MARK_RE.split(fragment)
        if 1 < len(pieces) <= SUBSCRIPT_FORMS_MAX + 1:
            for joins in itertools.product(("_", ""), repeat=len(pieces) - 1):
                mixed = pieces[0] + "".join(j + p for j, p in zip(joins, pieces[1:]))
                cores.append(_SEP_RUN.sub(" ", ascii_fold(mixed)).strip())
    return [c for i, c in enumerate(cores) if c and c not in cores[:i]]


_PLURAL_ENDINGS = ("s", "es")
_NUMBER_NAMES = frozenset(NUMBER_WORDS.values())
PLURAL_MIN_LETTERS = 3


def _inflectable(core: str) -> str | None:
    """The phrase's last word when it may change number: letters only, at least `PLURAL_MIN_LETTERS`
    of them, and not a number ("zero" is not "zeroes")."""
    last = core.rsplit(" ", 1)[-1]
    ok = len(last) >= PLURAL_MIN_LETTERS and last.isalpha() and last.isascii() and last not in _NUMBER_NAMES
    return last if ok else None


def _pluralisable(core: str) -> bool:
    """A phrase ending in a word of letters also matches that word in the plural ("exponential moving
    averages" for "exponential moving average"), unless it already ends in s."""
    last = _inflectable(core)
    return last is not None and not last.endswith("s")


def _plurals(core: str) -> list[str]:
    """The phrase with its last word in the plural: "-s", "-es", and "-ies" for a "-y" after a
    consonant ("accuracies" for "accuracy")."""
    out = [f"{core}{end}" for end in _PLURAL_ENDINGS]
    if core.endswith("y") and core[-2:-1] not in _VOWELS:
        out.append(f"{core[:-1]}ies")
    return out


_VOWELS = frozenset("aeiou")
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "as", "os", "ies")


def _singular(core: str) -> str | None:
    """A phrase ending in a plural word of letters also matches it in the singular ("a later source
    word" for "later source words"); not a word whose s is not a plural ("loss", "bias", "this")."""
    last = _inflectable(core)
    if last is None or len(last) == PLURAL_MIN_LETTERS or not last.endswith("s") or last.endswith(_NOT_PLURAL_ENDINGS):
        return None
    return core[:-1]


def _is_word(ch: str) -> bool:
    return ch.isalnum()


class PhraseSet:
    """Every phrase of every group, compiled once into one automaton."""

    def __init__(self, groups: Mapping[str, Sequence[str]]) -> None:
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[_Fragment]] = {}
        for key, phrases in groups.items():
            for phrase in phrases:
                for variant in _variants(phrase):
                    fragments = _fragments(variant)
                    if not fragments:
                        raise PhraseError(f"phrase {phrase!r} has no words to match")
                    for i, (frag, adjacent) in enumerate(fragments):
                        opened = frag.startswith("*") and len(frag) > 1  # `*word`: any word beginning
                        frag = frag[1:] if opened else frag
                        wildcard = frag.endswith("*") and len(frag) > 1
                        cores = _cores(frag[:-1] if wildcard else frag)
                        if not cores:
                            raise PhraseError(f"phrase {phrase!r} has no words to match")
                        if not wildcard and i == len(fragments) - 1:
                            cores += [p for c in cores if _pluralisable(c) for p in _plurals(c)]
                            cores += [one for c in cores if (one := _singular(c)) and one not in cores]
                        for core in cores:
                            table.setdefault(core, []).append(
                                _Fragment(
                                    key,
                                    phrase,
                                    i,
                                    len(fragments),
                                    adjacent,
                                    wildcard,
                                    _is_word(core[0]) and not opened,
                                    _is_word(core[-1]) and not wildcard,
                                )
                            )
        for core, frags in table.items():
            self._automaton.add_word(core, (len(core), tuple(frags)))
        self.empty = not table
        if not self.empty:
            self._automaton.make_automaton()

    @classmethod
    def build(cls, groups: Mapping[str, Sequence[str]]) -> "PhraseSet":
        return _cached(tuple((k, tuple(v)) for k, v in groups.items()))

    def find(self, text: str, bounds: Sequence[int] = ()) -> list[PhraseHit]:
        """Every whole-phrase match in the text, in order of start. `bounds` are sentence start
        offsets; without them a line is the unit an `A ... B` phrase must fit in."""
        if self.empty or not text:
            return []
        ctext = canonical(text)
        n = len(ctext)
        squeezed = _squeezed(ctext)
        singles: list[PhraseHit] = []
        partial: dict[tuple[str, str, int], list[tuple[int, int, int, bool]]] = {}
        for end_index, (length, frags) in self._automaton.iter(squeezed):
            start, end = end_index - length + 1, end_index + 1
            if len(squeezed) != n:
                start, end = _unsqueezed(ctext, start), _unsqueezed(ctext, end - 1) + 1
            # A number right after an underscore is a subscript ("Σ_1", "W_2"), not the number.
            left_ok = start == 0 or (
                not _is_word(ctext[start - 1]) and not (text[start - 1] == "_" and ctext[start].isdigit())
            )
            right_ok = end >= n or not _is_word(ctext[end])
            for f in frags:
                if (f.left_bound and not left_ok) or (f.right_bound and not right_ok):
                    continue
                s, e = start, end
                if f.wildcard:
                    e = _word_end(text, e)
                if f.fragments == 1:
                    singles.append(PhraseHit(f.key, f.phrase, s, e))
                else:
                    partial.setdefault((f.key, f.phrase, f.fragments), []).append((f.position, s, e, f.adjacent))
        for (key, phrase, count), pieces in partial.items():
            singles.extend(_ordered(key, phrase, count, pieces, text, bounds))
        singles.sort(key=lambda h: (h.start, -(h.end - h.start)))
        return singles

    @classmethod
    def check(cls, phrases: Sequence[str]) -> None:
        """Raise `PhraseError` for a phrase with no words to match (empty, "...", "-"): an
        author-written list is checked at load, not found to match nothing (or everything) later."""
        if phrases:
            cls.build({"": tuple(phrases)})

    def keys_in(self, text: str) -> set[str]:
        return {h.key for h in self.find(text)}


_SPACE_RUN_RE = regex(r" {2,}")


SQUEEZED_CACHE = 256
"""Squeezed texts kept: every phrase set of every check reads the same few answers and sentences."""


@lru_cache(maxsize=SQUEEZED_CACHE)
def _squeezed(ctext: str) -> str:
    """The canonical text with each run of spaces one space ("linear  layers", "**linear** layers"), so
    that a phrase's single spaces match it (a C-level substitution; the offsets are mapped back only
    for the hits, by `_runs`)."""
    return _SPACE_RUN_RE.sub(" ", ctext) if "  " in ctext else ctext


@lru_cache(maxsize=SQUEEZED_CACHE)
def _runs(ctext: str) -> tuple[list[int], list[int]]:
    """Where the squeezed text resumes after each run of spaces, and the same places in `ctext`."""
    squeezed_at, original_at = [0], [0]
    removed = 0
    for m in _SPACE_RUN_RE.finditer(ctext):
        removed += m.end() - m.start() - 1
        squeezed_at.append(m.end() - removed)
        original_at.append(m.end())
    return squeezed_at, original_at


def _unsqueezed(ctext: str, offset: int) -> int:
    """The offset in the canonical text of an offset in the squeezed one."""
    squeezed_at, original_at = _runs(ctext)
    k = bisect_right(squeezed_at, offset) - 1
    return original_at[k] + offset - squeezed_at[k]


def _word_end(text: str, pos: int) -> int:
    """A wildcard runs to the end of the word (letters, digits and inner hyphens)."""
    n = len(text)
    while pos < n and (text[pos].isalnum() or (text[pos] == "-" and pos + 1 < n and text[pos + 1].isalnum())):
        pos += 1
    return pos


def _ordered(
    key: str, phrase: str, count: int, pieces: list[tuple[int, int, int, bool]], text: str, bounds: Sequence[int]
) -> Iterable[PhraseHit]:
    """`A ... B`: fragment 0 then 1 then ... in one unit, greedily from each unit's first A; a
    fragment after a `word*` must follow it directly, so while that one is awaited, a later match of
    the fragment that opens the chain of directly following ones starts the chain again ("hold* the
    bias" in "one holds the weights and the other holds the bias")."""
    pieces.sort(key=lambda p: p[1])
    adjacent_at = {i for i, _, _, adjacent in pieces if adjacent}  # fragments that must follow directly

    def unit(pos: int) -> int:
        return bisect_right(bounds if bounds else line_starts(text), pos)

    state: dict[int, tuple[int, int, int]] = {}  # unit -> (next fragment, start, end)
    for i, s, e, adjacent in pieces:
        u = unit(s)
        nxt, first, last_end = state.get(u, (0, -1, -1))
        if nxt >= count:
            continue
        if i < nxt and not adjacent and s >= last_end and all(k in adjacent_at for k in range(i + 1, nxt + 1)):
            # the chain of directly following fragments from i on starts again here
            state[u] = (i + 1, s if i == 0 else first, e)
            continue
        if i == nxt and (nxt == 0 or (s >= state[u][2] and (not adjacent or _only_separators(text, state[u][2], s)))):
            state[u] = (nxt + 1, s if nxt == 0 else first, e)
            if nxt + 1 == count:
                yield PhraseHit(key, phrase, s if nxt == 0 else first, e)


@lru_cache(maxsize=8)
def line_starts(text: str) -> list[int]:
    """The offset of each line's first character (0 first), found by C-level search."""
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _only_separators(text: str, start: int, end: int) -> bool:
    return 0 < end - start <= ADJACENT_MAX_GAP and not text[start:end].strip(" \t\n-_*`")


def _fragments(variant: str) -> list[tuple[str, bool]]:
    """(fragment, follows the previous one directly): split at `...`, and after every `word*`
    that is not its fragment's last word."""
    out: list[tuple[str, bool]] = []
    for group in (g for g in _ELLIPSIS.split(variant) if g.strip()):
        words = group.split()
        current: list[str] = []
        adjacent = False
        for w in words:
            current.append(w)
            if w.endswith("*") and len(w) > 1 and w is not words[-1]:
                out.append((" ".join(current), adjacent))
                current, adjacent = [], True
        if current:
            out.append((" ".join(current), adjacent))
    return out


ABBREVIATIONS = {"autoencoder": "AE", "autoencoders": "AEs"}
"""Words people write as their initials ("the regularized linear AE problem"): a phrase with one
also matches with its initials."""
_ABBREVIATED_RE = regex(rf"\b(?:{'|'.join(ABBREVIATIONS)})\b(?!\*)", re.I)


_TRANSPOSED_FACTOR_RE = regex(r"(?<=\^T) (?=[A-Za-z])")
"""The space between a transposed factor and the next one, which math often leaves out."""


def _variants(phrase: str) -> list[str]:
    """The phrase, with its hyphenated words written solid (`learning-rate` -> `learningrate`), its
    equations unspaced (`W_1 = U_k^T` -> `W_1=U_k^T`), its products after a transpose unspaced
    (`U_k^T U_k` -> `U_k^TU_k`), and its `ABBREVIATIONS` written as initials."""
    out = [phrase]
    if re.search(r"\w-\w", phrase):
        out.append(re.sub(r"(?<=\w)-(?=\w)", "", phrase))
    if " = " in phrase:
        out += [v.replace(" = ", "=") for v in list(out)]  # math written unspaced: "W1=Uk^T"
    if _TRANSPOSED_FACTOR_RE.search(phrase):  # a product written unspaced: "U_kᵀU_k", "XXᵀU_k"
        out += [_TRANSPOSED_FACTOR_RE.sub("", v) for v in list(out)]
    if _ABBREVIATED_RE.search(phrase):
        out += [_ABBREVIATED_RE.sub(lambda m: ABBREVIATIONS[m.group(0).lower()], v) for v in list(out)]
    return out


@lru_cache(maxsize=PHRASE_SET_CACHE)
def _cached(groups: tuple[tuple[str, tuple[str, ...]], ...]) -> PhraseSet:
    return PhraseSet(dict(groups))


# A single phrase as a regex, for checks that match a phrase inside a span they already hold
# (a number's context words). Same word rules as `PhraseSet`; every gap is bounded.
PHRASE_GAP_MAX_CHARS = 300


def _word_pattern(word: str) -> str:
    wildcard = word.endswith("*") and len(word) > 1
    core = word[:-1] if wildcard else word
    parts = [re.escape(p.replace(_TIMES, "x")).replace("x", f"[x{_TIMES}]") for p in re.split(r"-", core)]
    pat = r"[\s_-]?".join(parts)
    if not wildcard and (initials := ABBREVIATIONS.get(core.lower())):
        pat = f"(?:{pat}|{re.escape(initials)})"
    return pat + (r"[\w-]{0,40}" if wildcard else "")


def _fragment_pattern(fragment: str, final: bool = True) -> str:
    """`final`: the phrase's last fragment, whose last word may be in the plural."""
    words = fragment.split()
    opened = words[0].startswith("*") and len(words[0]) > 1  # `*word`: any word beginning
    if opened:
        words[0] = words[0][1:]
    first, last = words[0], words[-1].rstrip("*")
    left = r"(?<!\w)" if re.match(r"\w", first) and not opened else ""
    right = "" if words[-1].endswith("*") else (r"(?!\w)" if re.search(r"\w$", last) else "")
    folded = ascii_fold(last).lower()
    plural = "(?:e?s)?" if final and right and _pluralisable(folded) else ""
    if plural and folded.endswith("y") and folded[-2:-1] not in _VOWELS:
        words[-1], plural = words[-1][:-1], "(?:y(?:e?s)?|ies)"  # "accuracy", "accuracies" (see `_plurals`)
    if final and right and _singular(folded):
        words[-1], plural = words[-1][:-1], "s?"
    body = _word_pattern(words[0])
    for before, word in zip(words, words[1:]):
        # an equation or a product after a transpose may be written unspaced ("W1=Uk^T", "Uk^TUk"), as
        # `_variants` lets the automaton match it
        unspaced = "=" in (before, word) or (before.endswith("^T") and word[:1].isalpha())
        body += (r"[\s_-]{0,8}" if unspaced else r"[\s_-]{1,8}") + _word_pattern(word)
    return left + body + plural + right


def _normalized_forms(fragment: str) -> list[str]:
    """The fragment normalised as answers are, its opening and closing `*` kept (normalising reads a
    `*` next to math as emphasis). A fragment opening with `*` has a second form: normalised after a
    letter, as the word its wildcard reaches into is (a subscript after two letters keeps its mark:
    "ΣU_k" stays, "U_k" alone is "Uk")."""
    text = fragment.strip()
    opened = text.startswith("*") and len(text) > 1
    closed = text.endswith("*") and len(text) > 1
    core = text[1 if opened else 0 : len(text) - 1 if closed else len(text)]
    cores = [normalize(core).strip()] + ([normalize("x" + core).strip()[1:]] if opened else [])
    return [("*" if opened else "") + c + ("*" if closed else "") for c in cores]


@lru_cache(maxsize=PHRASE_SET_CACHE)
def compile_phrase(phrase: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """A rubric phrase as a regex: word boundaries, `word*` wildcard, `A ... B` within a bounded gap."""
    raw = [f for f in _ELLIPSIS.split(phrase) if f.strip().strip("*")]
    if not raw:
        raise PhraseError(f"empty phrase {phrase!r}")
    pieces = []
    for i, fragment in enumerate(raw):
        forms = dict.fromkeys(_fragment_pattern(form, final=i == len(raw) - 1) for form in _normalized_forms(fragment))
        pieces.append("(?:" + "|".join(forms) + ")")
    pattern = rf"[^\n.!?]{{0,{PHRASE_GAP_MAX_CHARS}}}?".join(pieces)
    return re.compile(pattern, 0 if case_sensitive else re.I)
