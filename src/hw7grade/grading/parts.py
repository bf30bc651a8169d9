"""The rubric's parts as a text names them, shared by reading user turns (`asks`) and cutting replies
(`replies`): which part ids a label names under the question being discussed (`PartIndex.resolve`),
the parts whose cue words a text holds, and the context (question, letter) a part sets."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from ..regexes import regex
from ..text.labels import BEFORE_LAST, LAST, MIDDLE, ROMANS, Label
from ..text.normalize import normalize
from ..text.phrases import PhraseHit, PhraseSet, canonical_phrase

COURSE_HOMEWORK = "7"
"""A label naming another homework ("HW6 Question 3") is not this rubric's."""

FOREIGN = "foreign"
"""Context of a question that is not in the rubric: its relative labels name nothing here."""


@dataclass(frozen=True)
class Context:
    q: str | None = None
    """Question number, or `FOREIGN`."""
    letter: str | None = None


@dataclass
class PartIndex:
    ids: tuple[str, ...]
    cues: PhraseSet | None = None
    questions: frozenset[str] = field(default_factory=frozenset)
    question_cues: PhraseSet | None = None
    """Names of whole questions, keyed by question number ("4": "How to Train Your ResNet")."""
    cue_words: tuple[tuple[str, str], ...] = ()
    """(word, part id) for each content word of each part's cues ("training" of "during training");
    a word that ends in `*` in its cue matches as a prefix."""
    title_words: tuple[tuple[str, str], ...] = ()
    """(word, question) for each word of four letters or more of one question's names alone
    ("translation" of Q7's "machine translation")."""
    math_cues: PhraseSet | None = None
    """The cues written in math (`W_1 = U_k^T`), also looked for in the normalised text, where LaTeX
    and Unicode spellings (`U_k^\\top`, `U_kᵀ`) read as these do."""
    _resolved: dict[tuple[str | None, str | None, str | None, str | None, str | None, int | None, bool], list[str]] = (
        field(default_factory=dict)
    )
    _cue_words_of: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        ids: Sequence[str],
        cues: dict[str, Sequence[str]] | None,
        question_cues: dict[str, Sequence[str]] | None = None,
    ) -> "PartIndex":
        """The index of a rubric's parts, built once per rubric (every conversation graded with it
        reads the same one; its memo of resolved labels holds for all of them)."""
        return _built(
            tuple(ids),
            tuple((k, tuple(v)) for k, v in (cues or {}).items()) if cues is not None else None,
            tuple((k, tuple(v)) for k, v in (question_cues or {}).items()) if question_cues is not None else None,
        )

    @classmethod
    def _build(
        cls,
        ids: Sequence[str],
        cues: dict[str, Sequence[str]] | None,
        question_cues: dict[str, Sequence[str]] | None = None,
    ) -> "PartIndex":
        qs = frozenset(m.group(1) for i in ids if (m := re.match(r"q(\d+)", i)))
        phrases = {f"{pid}{CUE_KEY}{c}": (c,) for pid, cs in (cues or {}).items() for c in cs}
        named = {
            f"{m.group(1)}{CUE_KEY}{c}": (c,)
            for q, cs in (question_cues or {}).items()
            if (m := re.match(r"q(\d+)", q))
            for c in _with_one(cs)
        }
        words = tuple(
            dict.fromkeys(
                (word, pid)
                for pid, cs in (cues or {}).items()
                for c in cs
                for word in _WORD_RE.findall(c.lower())
                if len(word.rstrip("*")) >= HEADING_WORD_MIN_CHARS and word.rstrip("*") not in _HEADING_STOP_WORDS
            )
        )
        owners: dict[str, set[str]] = {}
        for q, cs in (question_cues or {}).items():
            for c in cs:
                for word in _WORD_RE.findall(c.lower()):
                    if len(word) >= HEADING_WORD_MIN_CHARS and word not in _HEADING_STOP_WORDS | _QUESTION_NOUNS:
                        owners.setdefault(word, set()).add(q.removeprefix("q"))
        math = {k: v for k, v in phrases.items() if _MATH_CUE_RE.search(v[0])}
        return cls(
            tuple(ids),
            cues=PhraseSet.build(phrases) if phrases else None,
            questions=qs,
            question_cues=PhraseSet.build(named) if named else None,
            cue_words=words,
            # "train" of "How to Train Your ResNet" names no question: 7(b)'s "train time" holds it too
            title_words=tuple(
                (w, q)
                for w, qs in owners.items()
                if len(qs) == 1 and not _cue_word_elsewhere(w, q := next(iter(qs)), words)
            ),
            math_cues=PhraseSet.build(math) if math else None,
        )

    def parts_of(self, q: str) -> list[str]:
        """The parts of question `q` ("7"), in the rubric's order."""
        return [p for p in self.ids if question_of(p) == f"q{q}"]

    def question_named(self, text: str) -> str | None:
        """The one question whose whole-question cues the text holds ("the How to Train Your ResNet
        reading question" -> "4"), if exactly one."""
        found = self.questions_named(text)
        return next(iter(found)) if len(found) == 1 else None

    def questions_named(self, text: str) -> set[str]:
        """The questions whose whole-question cues the text holds."""
        if self.question_cues is None:
            return set()
        return {key.split(CUE_KEY, 1)[0] for key in self.question_cues.keys_in(text)}

    def without_question_names(self, text: str) -> str:
        """The text with the whole-question names it holds blanked ("Regularised linear autoencoder")."""
        if self.question_cues is None:
            return text
        hits = self.question_cues.find(text)
        if not hits:
            return text
        chars = list(text)
        for h in hits:
            chars[h.start : h.end] = " " * (h.end - h.start)
        return "".join(chars)

    def question_titled(self, title: str) -> str | None:
        """The one question a heading's title names: by one of its names, else by the words of one
        question's names alone ("Translation model" is Q7's)."""
        named = self.question_named(title)
        if named is not None:
            return named
        words = set(_WORD_RE.findall(title.lower()))
        found = {q for word, q in self.title_words if word in words}
        return next(iter(found)) if len(found) == 1 else None

    def is_foreign(self, label: Label) -> bool:
        """Whether the label names another homework's question; "1.1" (a number with a dot, see
        `Label.ordinal`) of a question we do not have is a section's number, not another question."""
        return (label.homework is not None and label.homework != COURSE_HOMEWORK) or (
            label.q is not None and label.q not in self.questions and label.ordinal is None
        )

    def resolve(self, label: Label, context: Context) -> list[str]:
        """Part ids the label names: one for a full id, several for a group (`q8a`, `q7`)."""
        key = (label.q, label.letter, label.roman, context.q, context.letter, label.ordinal, label.halves)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve(label, context)
        return found

    def _resolve(self, label: Label, context: Context) -> list[str]:
        q = label.q or context.q
        if q is None or q == FOREIGN:
            return []
        if label.ordinal:
            placed = self._placed(label.ordinal, q, context.letter, label.halves)
            if placed is None:
                return []
            found = self._resolve(placed, context)
            if not found and placed.roman is None and label.ordinal > 0:
                # "Q3, the first sub-part": Q3 has numerals under (b) only
                found = self._resolve(Label(None, None, ROMANS[label.ordinal - 1]), context)
            return found
        letter = label.letter
        if label.q is None and letter is None and label.roman and context.letter:
            # "(ii)" under the question's part being discussed, if that part has numerals
            found = self._resolve(Label(label.q, context.letter, label.roman), context)
            if found:
                return found
        roman = label.roman
        if letter and letter in ROMANS and not self._has_letter(q, letter):
            letter, roman = None, letter
        prefix = f"q{q}"
        if letter:
            if roman:
                exact = f"{prefix}{letter}.{roman}"
                return [exact] if exact in self.ids else []
            return [i for i in self.ids if i == prefix + letter or i.startswith(f"{prefix}{letter}.")]
        if roman:
            # "q3 (ii)": the question's one lettered part with romans (q3b, q8a).
            hits = [i for i in self.ids if i.startswith(prefix) and i.endswith(f".{roman}")]
            return hits if len(hits) == 1 else []
        return [i for i in self.ids if i == prefix or (i.startswith(prefix) and not i[len(prefix)].isdigit())]

    def _placed(self, n: int, q: str, letter: str | None, halves: bool = False) -> Label | None:
        """The nth part below the context: a numeral under a lettered part that has them ("3b, the first
        part" is (i)), else a letter ("Q4, the second part" is (b)); the last, or the middle one of an
        odd number; None when there is no such part. A half is of the level with two parts: "the second
        half" of Q8 is (b), even on 8(a), whose numerals are three."""
        prefix = f"q{q}"
        letters = sorted({i[len(prefix)] for i in self.ids if i.startswith(prefix) and i[len(prefix) :][:1].isalpha()})
        if letter is None and len(letters) == 1:
            letter = letters[0]  # "the PCA question, the second part": Q3's one lettered part is (b)
        numerals = [i.rsplit(".", 1)[1] for i in self.ids if letter and i.startswith(f"q{q}{letter}.")]
        if halves and len(numerals) != 2 and len(letters) == 2:
            numerals = []
        below = numerals or letters
        if n == LAST:
            n = len(below)
        elif n <= BEFORE_LAST:
            n = len(below) - (BEFORE_LAST - n)
        elif n == MIDDLE:
            n = len(below) // 2 + 1 if len(below) % 2 and len(below) > 1 else 0
        if not 1 <= n <= len(ROMANS):
            return None
        if numerals:
            return Label(q, letter, ROMANS[n - 1])
        return Label(q, "abcdefgh"[n - 1] if n <= 8 else None)

    def _has_letter(self, q: str, x: str) -> bool:
        """`(i)` is a roman numeral unless the question really has a part lettered i (or v, x)."""
        return any(i == f"q{q}{x}" or i.startswith(f"q{q}{x}.") for i in self.ids)

    def cue_counts(self, text: str) -> Counter[str]:
        """How many different cues of each part the text holds (asserted or not: a cue is a topic,
        not a claim)."""
        if self.cues is None:
            return Counter()
        hits = _outermost(self.cues.find(text))
        if self.math_cues is not None and _MATH_MARKUP_RE.search(text):
            hits += self.math_cues.find(_normalized(text))
        cues = {(h.key.split(CUE_KEY, 1)[0], _cue_name(h.phrase)) for h in hits}
        return Counter(part for part, _ in cues)  # "first-order" and "first order" are one cue

    def by_cue_words(self, text: str, within: Sequence[str]) -> list[str]:
        """The parts of `within` whose cues have a word of four letters or more that the text holds
        and no other part of `within` has ("training" of 7(b)'s "during training", beside 7(c)); words
        the parts share ("time") name none."""
        # "training-time" holds "training" too
        found = _WORD_RE.findall(text.lower())
        words = {x for w in found for x in (w.rstrip("*"), *w.split("-")) if len(x) >= HEADING_WORD_MIN_CHARS}
        if not words:
            return []
        inside = [(word, pid) for pid in dict.fromkeys(within) for word in self._words_of(pid)]
        owners: dict[str, set[str]] = {}
        own = {word.rstrip("*") for word, _ in inside}
        # a word another cue holds as it is names that one only: "layers" (8(a)(i)), not "layer" (norm)
        extended = {w for w in words if w not in own}
        ordered = sorted(words)  # a starred cue's stem begins a word if it begins the next word in order
        for word, pid in inside:
            stem = word.rstrip("*")
            if (
                stem in words
                or any(stem + ending in extended for ending in _WORD_ENDINGS)
                or (stem.endswith(_VERB_NOUN_ENDINGS) and stem[:-3] + "e" in extended)
                or (word.endswith("*") and _begins_one(stem, ordered))
            ):
                owners.setdefault(word, set()).add(pid)
        named = {next(iter(parts)) for parts in owners.values() if len(parts) == 1}
        return [p for p in within if p in named]

    def _words_of(self, pid: str) -> Sequence[str]:
        """A part's cue words (`cue_words`), grouped once per index."""
        if not self._cue_words_of:
            for word, owner in self.cue_words:
                self._cue_words_of.setdefault(owner, []).append(word)
        return self._cue_words_of.get(pid, [])

    def one_by_cue_words(self, heading: str, within: Sequence[str]) -> str | None:
        """The one part of `within` that a short text's words name (`by_cue_words`): the heading
        "Evaluation (free running)" of 7(b) and 7(c) is 7(c)'s, as is "the inference-time ones"."""
        named = self.by_cue_words(heading, within)
        return named[0] if len(named) == 1 else None

    def most_cued(self, text: str, within: Sequence[str]) -> list[str]:
        """The parts of `within` whose cues the text holds most (ties all kept; none when it holds no cue
        of theirs)."""
        counts = self.cue_counts(text)
        best = max((counts[p] for p in within), default=0)
        return [p for p in within if counts[p] == best] if best else []

    def by_cues(self, text: str, within: Iterable[str] | None = None) -> list[str]:
        """Parts whose cues the text holds."""
        keep = set(within) if within is not None else None
        counts = self.cue_counts(text)
        return [i for i in self.ids if counts[i] and (keep is None or i in keep)]


_QUESTION_NOUNS = frozenset({"question", "problem", "homework", "assignment", "exercise"})
"""Words of a question's names that name no question of their own ("translation question")."""
_QUESTION_NOUN_RE = regex(r"[ \t](?:question|problem)$", re.I)


def _with_one(cues: Sequence[str]) -> list[str]:
    """A question's names, and each that ends on "question" or "problem" with "one" or "q" instead:
    students say "the translation one" and "the translation q" as they say "the translation question"."""
    nouned = [c for c in cues if _QUESTION_NOUN_RE.search(c)]
    return [*cues, *(_QUESTION_NOUN_RE.sub(short, c) for short in (" one", " q") for c in nouned)]


HEADING_WORD_MIN_CHARS = 4
"""Shorter words of a cue ("at", "the", "how") name no part in a heading."""
_WORD_ENDINGS = ("s", "es", "ity", "ities", "ness")
"""Endings that keep a cue word's sense: "orthonormal" names its part in the heading "Orthonormality"."""
_VERB_NOUN_ENDINGS = ("ing", "ion")
"""A cue word "generating" or "generation" is named by its verb "generate" (not "training" by "traine")."""
_HEADING_STOP_WORDS = frozenset(
    {"what", "which", "while", "with", "during", "many", "your", "does", "about", "that"}
    # function words, whatever cue holds them ("what you have learnt"): "we have to pick a technique"
    | {"have", "been", "were", "will", "would", "could", "should", "this", "these", "those", "from", "into"}
    | {"when", "then", "they", "them", "their", "there", "where", "also", "just", "only", "each", "such"}
)
"""Words of four letters or more in cues that say how a part is asked, not what it is about."""
_WORD_RE = regex(r"[a-z][a-z0-9_-]{0,40}\*?")

CUE_KEY = "\0"
"""Joins a part id and one of its cues in the cue automaton's keys."""


_cue_name = lru_cache(maxsize=1024)(canonical_phrase)
_MATH_CUE_RE = regex(r"[\^_]")
_MATH_MARKUP_RE = regex(r"[\\ᵀ⊤{\u2080-\u209cᵢᵣᵤᵥⱼ]")
"""LaTeX or Unicode math that raw text spells unlike a cue (`U_k^\\top`, `U_kᵀ`, `W_{1}`, `hₜ`)."""
NORMALIZED_CACHE_SIZE = 64
_normalized = lru_cache(maxsize=NORMALIZED_CACHE_SIZE)(normalize)


def _outermost(hits: list[PhraseHit]) -> list[PhraseHit]:
    """The cue hits not inside a longer hit of another part's cue: in "show that PCA satisfies the
    first-order conditions", "first-order" (deriving them) is part of what asks to check them. `hits`
    come in order of start, the longest first."""
    kept: list[PhraseHit] = []
    cover: PhraseHit | None = None
    for hit in hits:
        if (
            cover is not None
            and hit.end <= cover.end
            and hit.end - hit.start < cover.end - cover.start
            and hit.key.split(CUE_KEY, 1)[0] != cover.key.split(CUE_KEY, 1)[0]
        ):
            continue
        kept.append(hit)
        if cover is None or hit.end > cover.end:
            cover = hit
    return kept


RESTATED_WITHIN = 60
"""Characters between a relative label and the absolute one that restates it on its line."""


def restates(relative: Label, absolute: Label, text: str) -> bool:
    """Whether the absolute label names the relative one's part again, close after it on its line:
    "Part (c): for the ResNet blog question (4c)", "## Part (c) — Q4(c), most interesting approach"."""
    return (
        (relative.letter, relative.roman) == (absolute.letter, absolute.roman)
        and relative.letter is not None
        and absolute.start - relative.end <= RESTATED_WITHIN
        and "\n" not in text[relative.end : absolute.start]
    )


NUMBER_REF_RE = regex(
    r"\b(?:number|no\.|num)[ \t]?#?([1-9])\b|(?<![\w#])#([1-9])\b"
    # "wait for 2) isnt w1 the start token?", "(3) is wrong": the item as the list marked it
    r"|(?:\b(?:for|in|on|about|with)[ \t]{1,3}|^[ \t]{0,3})\(?([1-9])\)(?=[ \t,:.?])"
    # "hmm for 1, X is m×n ...": a bare number before a comma or colon after "for" or "in", or before the
    # question asked of it ("in 3 why MSE and not L1?")
    r"|\b(?:for|in)[ \t]{1,3}([1-9])(?=[ \t]{0,2}[,:]|[ \t]{1,2}(?:why|how|what|is|isn['’]t|are|aren['’]t"
    r"|should|shouldn['’]t|does|doesn['’]t|did|didn['’]t|can)\b)"
    # "can you redo 1 and 2?": the items a request to rework names
    r"|\b(?:redo|rewrite|revise|fix|correct|update)[ \t]{1,3}([1-9])(?:[ \t]{0,2}(?:,|and|&)[ \t]{0,2}([1-9]))?"
    r"(?=[ \t]{0,2}(?:[.,?!]|$))"
    # "your part 1 and part 2 give the same tokens" after the reply's "## Part 1 — ...": its section
    r"|\bpart[ \t]([1-9])(?![\w.(])",
    re.I | re.M,
)
"""A user's reference to an item of a numbered list, theirs or the last reply's sections: "number 2",
"#3", "for 2)", "for 1,", "redo 1 and 2", "your part 1"."""


def numbered_part(numbering: Mapping[str, str], context: Context, number: str) -> str | None:
    """The part the user's list numbered so under the reply's question, or under the one question
    the list had."""
    found = numbering.get(f"{context.q}.{number}")
    if found is None:
        # the list had one question, or one list ran across questions ("1. loss fn ... 2. teacher
        # forcing tokens ...") and numbered one item so
        numbered = [p for key, p in numbering.items() if key.endswith(f".{number}")]
        found = numbered[0] if len(numbered) == 1 else None
    return found


def context_of(part_id: str) -> Context:
    """The context a part id sets: its question and letter (`q8a.ii` -> 8, a)."""
    q = question_of(part_id)
    rest = part_id[len(q) :]
    return Context(q[1:], rest[:1] or None)


@lru_cache(maxsize=8)
def _built(
    ids: tuple[str, ...],
    cues: tuple[tuple[str, tuple[str, ...]], ...] | None,
    question_cues: tuple[tuple[str, tuple[str, ...]], ...] | None,
) -> PartIndex:
    return PartIndex._build(
        ids, dict(cues) if cues is not None else None, dict(question_cues) if question_cues is not None else None
    )


def one_question_cued(text: str, index: PartIndex) -> str | None:
    """The question (its number) that most of the parts cued in the text belong to, if one leads."""
    return leader(Counter(question_of(p)[1:] for p in index.by_cues(text)))


def leader(counts: Counter[str]) -> str | None:
    """The key counted most, when no other key is counted as often."""
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def _cue_word_elsewhere(word: str, q: str, cue_words: Sequence[tuple[str, str]]) -> bool:
    """Whether a part of another question than `q` has `word` among its cue words."""
    return any(
        question_of(pid) != f"q{q}" and (cue == word or (cue.endswith("*") and word.startswith(cue[:-1])))
        for cue, pid in cue_words
    )


def label_names_part(label: Label, part_id: str) -> bool:
    """Whether the label can name the part, read relative to it: "(ii)", "part (ii)" or "3b(ii)" for
    `q3b.ii`, "(c)" for `q7c`; not "(b)" for `q3b.ii`, which names its group."""
    home = context_of(part_id)
    roman = part_id.partition(".")[2] or None
    deepest = label.roman if label.roman else label.letter if roman is None else None
    return (
        deepest is not None
        and deepest == (roman or home.letter)
        and label.q in (None, home.q)
        and label.letter in (None, home.letter)
    )


def question_of(part_id: str) -> str:
    m = re.match(r"q\d+", part_id)
    return m.group() if m else part_id


def _begins_one(stem: str, ordered: Sequence[str]) -> bool:
    """Whether a word of the sorted `ordered` begins with `stem`: the first word not below it does, if any."""
    at = bisect_left(ordered, stem)
    return at < len(ordered) and ordered[at].startswith(stem)
