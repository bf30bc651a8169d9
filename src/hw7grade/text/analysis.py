"""One answer read once: normalised, question copies dropped, split into sentences; and the
mentions of rubric phrases in it, each with its polarity.

Several checks read the same answer, so `analyse` is cached; phrase mentions come from one
automaton scan of the whole answer (`PhraseSet`), mapped back to their sentences by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable, Iterator, Sequence

from ..regexes import regex
from .copies import strip_question_copies
from .normalize import normalize
from .phrases import PhraseHit, PhraseSet
from .polarity import continues_list, in_condition, inherits_previous, negation_kind
from .sentences import Sentence, split_sentences

ANALYSIS_CACHE_SIZE = 256


@dataclass(frozen=True)
class Analysed:
    text: str
    """Normalised answer with text copied from the question removed."""
    sentences: tuple[Sentence, ...]
    starts: tuple[int, ...] = field(default=(), repr=False)

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding text offset `pos` (None between sentences)."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].start + len(self.sentences[i].text):
            return self.sentences[i]
        return None

    @cached_property
    def _line_starts(self) -> list[int]:
        starts, at = [0], self.text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = self.text.find("\n", at + 1)
        return starts

    def line_start(self, pos: int) -> int:
        """Where the line holding text offset `pos` starts (the lines found once per answer)."""
        return self._line_starts[bisect_right(self._line_starts, pos) - 1]

    def negation_at(self, start: int, end: int) -> str | None:
        """`negation_kind` for the span text[start:end] of the analysed text."""
        s = self.sentence_at(start)
        if s is None:
            return None
        return negation_kind(s, start - s.start, min(end, s.start + len(s.text)) - s.start)


@lru_cache(maxsize=ANALYSIS_CACHE_SIZE)
def analyse(answer: str, question: str = "") -> Analysed:
    """Normalise, drop question copies and split once per answer (several checks read one answer)."""
    text = strip_question_copies(normalize(answer), question)
    sentences = split_sentences(text)
    return Analysed(text, sentences, tuple(s.start for s in sentences))


@dataclass(frozen=True)
class Hit:
    key: str
    text: str
    sentence: Sentence
    start: int
    end: int
    """Span in the sentence's text."""
    negation: str | None

    @property
    def asserted(self) -> bool:
        return self.negation is None


def find_hits(phrases: PhraseSet, a: Analysed) -> list[Hit]:
    """Every mention of the set's phrases, in text order, each with its polarity. A mention that
    says "the same goes for X" takes the polarity of the mention before it."""
    return list(_hits(phrases.find(a.text, a.starts), a))


def _hits(found: Iterable[PhraseHit], a: Analysed) -> Iterator[Hit]:
    """`find_hits` of the set that found `found`, one at a time: a reader that stops at the first
    asserted mention judges no polarity after it."""
    previous: str | None = None
    last: Hit | None = None
    rejected: dict[str, int] = {}  # keys negated in the current sentence -> where that mention ends
    rejected_before: set[str] = set()  # ... and in the sentence before it
    placed: dict[int, bool] = {}  # sentence index -> whether it places what the one before denied elsewhere
    for h in found:
        s = a.sentence_at(h.start)
        if s is None or h.end > s.start + len(s.text):
            continue  # between sentences, or across two
        if last is not None and last.sentence is not s:
            rejected_before = set(rejected) if last.sentence.index + 1 == s.index else set()
            rejected = {}
        start, end = h.start - s.start, h.end - s.start
        # "Progressive resizing is not part of it; all training is at the native resolution": an `A ...
        # B` phrase is judged where its first words stand, not past the clause its last word ends
        negation = negation_kind(s, start, _head_end(h, s.text, start, end))
        if negation is None and previous is not None and inherits_previous(s, start):
            negation = previous
        if negation is None and h.key in rejected_before and start <= IDENTIFIED_MAX_CHARS:
            if _IDENTIFIES_RE.fullmatch(s.text, 0, start) is not None:
                negation = "negated"  # "cosine restarts isn't something the series uses. That's SGDR (...)"
        if negation is None and _placed_elsewhere(s, a, placed):
            negation = "negated"  # "... isn't in the series. It is associated with fast.ai's ImageNet work."
        if negation is None and _taken_back_after(s, a):
            negation = "negated"  # "Progressive resizing is a trick from fast.ai's work. It isn't one of the series'."
        if negation is None and h.key in rejected and ":" in s.text[rejected[h.key] : start]:
            negation = "negated"  # "Dropout and Batch Norm aren't needed: dropout adds noise ...": why not
        if negation == "negated":
            rejected[h.key] = end
        if (
            negation is None
            and last is not None
            and last.negation == "negated"
            and last.sentence is s
            and (continues_list(s.text, last.end, start) or s.text[last.end : start].strip(" \t*_") == "(")
        ):
            # "does not need Dropout, Layer Norm or Batch Norm"; "does not use cosine annealing with warm
            # restarts (SGDR)", the same thing named again in brackets
            negation = "negated"
        last = Hit(h.key, s.text[start:end], s, start, end, negation)
        yield last
        previous = negation


IDENTIFIED_MAX_CHARS = 24
"""How far into a sentence a mention may stand after the words that say what the last one was."""
_IDENTIFIES_RE = regex(
    r"\W{0,3}(?:that|this|it)(?:['’]s|[ \t]{1,3}(?:is|was))[ \t]{1,3}(?:(?:just|really|actually|called)[ \t]{1,3})?",
    re.I,
)
"""A sentence that opens by naming what the sentence before rejected ("That's SGDR (Loshchilov &
Hutter)"): it names it, it does not claim it."""


_ATTRIBUTES_RE = regex(
    r"\W{0,3}(?:that|this|it)(?:['’]s|[ \t]{1,3}(?:is|was|comes|came))[ \t]{1,3}"
    r"(?:(?:closely|mostly|really|actually|usually|originally|best[ \t]known)[ \t]{1,3})?"
    r"(?:associated[ \t]{1,3}with|from|borrowed[ \t]{1,3}from|taken[ \t]{1,3}from|known[ \t]{1,3}from"
    r"|(?:a|the)[ \t]{1,3}(?:trick|technique|idea|method)[ \t]{1,3}from)\b",
    re.I,
)
"""A sentence that opens by placing what the one before it rejected elsewhere ("It is closely associated
with fast.ai's ImageNet DAWNBench work", "That's from the fast.ai course"): what it names there is the
other source, not a claim about the series."""


_DENIES_RE = regex(r"\b(?:not|never|isn['’]t|wasn['’]t|aren['’]t|weren['’]t|didn['’]t|doesn['’]t)\b", re.I)
"""A word that denies."""


def _placed_elsewhere(s: Sentence, a: Analysed, seen: dict[int, bool]) -> bool:
    """Whether `s` opens by placing elsewhere what the sentence before it denied (`_ATTRIBUTES_RE`), read
    once per sentence (`seen`)."""
    if s.index not in seen:
        before = a.sentences[s.index - 1] if s.index > 0 else None
        seen[s.index] = (
            before is not None
            and _ATTRIBUTES_RE.match(s.text) is not None
            and _DENIES_RE.search(before.text) is not None
        )
    return seen[s.index]


_DENIED_AFTER_RE = regex(
    r"\W{0,3}(?:(?:honestly|actually|but|however|still)[ \t]{0,2},?[ \t]{1,3})?"
    r"(?:it|this|that)(?:[ \t]{1,3}(?:one|trick|technique|approach|idea|method))?"
    r"(?:[ \t]{1,3}(?:is|was)[ \t]{1,3}not|['’]s[ \t]{1,3}not|[ \t]{1,3}(?:isn['’]t|wasn['’]t))"
    r"[ \t]{1,3}(?:actually[ \t]{1,3}|really[ \t]{1,3})?"
    r"(?:one[ \t]{1,3}of|part[ \t]{1,3}of|among|something|in|from|used|covered|mentioned|described"
    r"|(?:a|the)[ \t]{1,3}(?:real|actual|main|fundamental|serious|big)[ \t]{1,3}(?:issue|problem|concern))\b",
    re.I,
)
"""A sentence that opens by denying what the one before it named a place in the series, or by dismissing
it: "It isn't one of the techniques in *How to Train Your ResNet*", "That wasn't in the series", "This
trick is not from Page's posts", "Honestly, this isn't a real issue in practice"; not "It isn't
expensive", which says what the thing is like."""


def _taken_back_after(s: Sentence, a: Analysed) -> bool:
    """Whether the sentence after `s` opens by denying what `s` named a place (`_DENIED_AFTER_RE`)."""
    following = a.sentences[s.index + 1] if s.index + 1 < len(a.sentences) else None
    return following is not None and _DENIED_AFTER_RE.match(following.text) is not None


def _head_end(h: PhraseHit, text: str, start: int, end: int) -> int:
    """Where the first fragment of an `A ... B` phrase's match ends (`end` for any other phrase)."""
    head, gap, _ = h.phrase.partition("...")
    if not gap:
        return end
    at = min(end, start + len(head.strip().rstrip("*")))
    while at < end and (text[at].isalnum() or text[at] == "-"):
        at += 1  # to the end of the word a wildcard opens ("progressive*")
    return at


def first_stated_each(
    groups: Sequence[tuple[Sequence[str], Sequence[str]]],
    a: Analysed,
    skip: frozenset[int] = frozenset(),
    claims: bool = False,
) -> list[Hit | None]:
    """Per (phrases, denied) group, its earliest mention that states it: one of its phrases
    asserted, or one of its denied phrases negated ("they don't have the same length" states that
    the lengths differ), in no sentence whose start is in `skip`. The hit's key is the group's index.
    With `claims`, the groups are wrong claims, and one inside a condition is supposed, not stated
    ("if your numbers mention ImageNet, check them").

    One scan of the text finds every group's mentions; a group's mentions are those a set of its
    phrases alone finds (`PhraseSet.find` matches each phrase on its own), and the polarity of
    each is judged among them, as a scan for that group alone would."""
    keyed = {str(i): tuple(p) for i, (p, _) in enumerate(groups)}
    keyed.update({f"{i}!": tuple(d) for i, (_, d) in enumerate(groups) if d})
    by_group: dict[str, list[PhraseHit]] = {}
    for h in PhraseSet.build(keyed).find(a.text, a.starts):
        by_group.setdefault(h.key, []).append(h)
    found: list[Hit | None] = []
    for i in range(len(groups)):
        said = next(
            (
                h
                for h in _hits(by_group.get(str(i), ()), a)
                if h.asserted and h.sentence.start not in skip and not (claims and in_condition(h.sentence, h.start))
            ),
            None,
        )
        denied = next(
            (
                h
                for h in _hits(by_group.get(f"{i}!", ()), a)
                if h.negation == "negated" and h.sentence.start not in skip
            ),
            None,
        )
        stated = [h for h in (said, denied) if h is not None]
        found.append(min(stated, key=lambda h: h.sentence.start + h.start) if stated else None)
    return found
