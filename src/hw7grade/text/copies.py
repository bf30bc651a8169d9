"""Text the answer copies from the question: a restated prompt is not the model's claim."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import compress, count, repeat

from ..regexes import regex
from .answers import BOX_MARKS, CROSS_MARKS, TICK_MARKS, TICKED_BOX_RE
from .normalize import normalize

COPY_MIN_WORDS = 6
"""A run of at least this many words shared with the question is treated as copied."""
FORMULA_MIN_LETTERS = 3
"""A run with this many single letters is a formula ("the SVD X = U S V^T"): one the user gave that the
answer works with is its step, not a restated prompt (a menu, "0 / 1 / 2 / 3", is still copied)."""
QUESTION_CACHE_SIZE = 64
_SPACES_RE = regex(r"[ \t\f\v]+")
_PICK_LEAD_RE = regex(
    r"(?:→|->|=>|⇒|\b(?:answers?|pick(?:ed|s)?|choose|chose|option|choice|go(?:ing)?[ \t]with)\b[^\n]{0,3})"
    r"[ \t*_`:]{0,4}$",
    re.I,
)
"""What a copied option follows when the answer picks it: "(b) → 2: ...", "Answer: 2) ...", "Option 2: ..."."""
PICK_LEAD_CHARS = 24

WORD_EDGE_MAX = 8
"""Punctuation kept around a word (`<sos>`, `[SOS]`, `'t`): bounded, so a long run of it costs
a few steps per character, not a scan to the run's end from every character."""
_WORD_RE = regex(rf"(?:[<>\[\]'%.-]{{0,{WORD_EDGE_MAX}}}+\w++)++[<>\[\]'%-]{{0,{WORD_EDGE_MAX}}}+")
"""A word: from the first of a run of word and <>[]'%.- characters to its last word character,
then any <>[]'%- after it: the same matches as the plainer `[\\w<>\\[\\]'%.-]*\\w[\\w<>\\[\\]'%-]*`,
without backtracking over every word."""
_SENTENCE_END = r"\.(?=[ \t\n]|$)"
"""A full stop that ends a sentence: a copied run stops there, in the question and in the answer ("I
see a dog. The model's ..." restates no prompt when the answer's "I, see, a, dog" ends its sequence)."""
_MARK = f"[{re.escape(TICK_MARKS + CROSS_MARKS + BOX_MARKS)}]"
_WORD_OR_BREAK_RE = regex(rf"\n|{_SENTENCE_END}|{_MARK}|" + _WORD_RE.pattern)
"""A word, a line break or a sentence's full stop: breaks are tokens no copied run may hold. A tick,
a cross or an empty box is a token too: "✓ Weight Decay · ✗ Dropout · ✗ Layer Norm ..." marks the
options the question lists, and copies no run of it."""


def _word_key(word: str) -> str:
    return word.casefold().strip(".'")


@lru_cache(maxsize=QUESTION_CACHE_SIZE)
def _question_grams(question: str) -> frozenset[tuple[str, ...]]:
    """The question's word n-grams; one question is asked with every part of a conversation."""
    if not question.strip():
        return frozenset()
    text = normalize(question)
    folded = text.casefold()
    if len(folded) == len(text):  # casefolding moved no word boundary: fold once, not per word
        q_words = list(map(str.strip, _WORD_OR_BREAK_RE.findall(folded), repeat(".'")))
    else:
        q_words = [_word_key(m.group()) for m in _WORD_OR_BREAK_RE.finditer(text)]
    # running counts of breaks (an empty key or a line break: a window stays within one sentence)
    # and of single letters, so that each window is judged in constant time
    breaks, letters = [0], [0]
    for x in q_words:
        breaks.append(breaks[-1] + (x == "" or x == "\n"))
        letters.append(letters[-1] + (len(x) == 1 and x.isalpha()))
    return frozenset(
        tuple(q_words[i : i + COPY_MIN_WORDS])
        for i in range(len(q_words) - COPY_MIN_WORDS + 1)
        if breaks[i + COPY_MIN_WORDS] == breaks[i] and letters[i + COPY_MIN_WORDS] - letters[i] < FORMULA_MIN_LETTERS
    )


def strip_question_copies(answer: str, question: str) -> str:
    """The answer without runs of words it copies from the question (restated prompts are not claims)."""
    grams = _question_grams(question)
    if not grams:
        return answer
    ticks = TICKED_BOX_RE.search(question) is None  # a line that ticks a box the question left empty answers it
    folded = answer.casefold()
    if len(folded) != len(answer):
        return "\n".join(
            line if ticks and TICKED_BOX_RE.search(line) else _without_copies(line, grams, check_first=True)
            for line in answer.split("\n")
        )
    # All lines at once, without a Python step per word for the usual answer that copies nothing:
    # line breaks are tokens of their own, so no window spans two lines.
    keys = list(map(str.strip, _WORD_OR_BREAK_RE.findall(folded), repeat(".'")))
    windows = list(zip(*(keys[i:] for i in range(COPY_MIN_WORDS))))
    if grams.isdisjoint(windows):
        return answer
    # The windows found and the line breaks, picked out at C speed; a window's line is the number
    # of breaks up to it.
    breaks = list(compress(count(), map("\n".__eq__, keys)))
    copied = {bisect_right(breaks, i) for i in compress(count(), map(grams.__contains__, windows))}
    lines = answer.split("\n")
    for n in copied:
        if not (ticks and TICKED_BOX_RE.search(lines[n])):  # "☑ Weight Decay ☐ Dropout ☐ ..."
            lines[n] = _without_copies(lines[n], grams, check_first=False)
    return "\n".join(lines)


def _without_copies(line: str, grams: frozenset[tuple[str, ...]], check_first: bool) -> str:
    if check_first:
        # Most lines share no run with the question; find that without match objects.
        folded = line.casefold()
        if len(folded) == len(line):
            keys = list(map(str.strip, _WORD_OR_BREAK_RE.findall(folded), repeat(".'")))
            if grams.isdisjoint(zip(*(keys[i:] for i in range(COPY_MIN_WORDS)))):
                return line
    words = list(_WORD_OR_BREAK_RE.finditer(line))
    keys = [_word_key(m.group()) for m in words]
    covered = [False] * len(words)
    for i in range(len(words) - COPY_MIN_WORDS + 1):
        if tuple(keys[i : i + COPY_MIN_WORDS]) in grams:
            for j in range(i, i + COPY_MIN_WORDS):
                covered[j] = True
    if not any(covered):
        return line
    for i, m in enumerate(words):
        if (
            covered[i]
            and (i == 0 or not covered[i - 1])
            and _PICK_LEAD_RE.search(line, max(0, m.start() - PICK_LEAD_CHARS), m.start())
        ):
            # "(b) → 2: <sos>, I, see, a, dog": the question's option, picked, is the answer's
            for j in range(i, len(words)):
                if not covered[j]:
                    break
                covered[j] = False
    pieces: list[str] = []
    pos = 0
    for m, cov in zip(words, covered):
        if cov:
            pieces.append(line[pos : m.start()])
            pos = m.end()
    pieces.append(line[pos:])
    return _SPACES_RE.sub(" ", "".join(pieces)).strip()
