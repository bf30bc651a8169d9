"""Part labels said aloud, as speech-to-text writes a dictating student's request ("question three be
part one", "seven be and see", "question ate a two", "part eye"), spelled as labels are written
("question 3b part one", "7b and c", "question 8 a two", "part i") so the label grammar reads them.

A letter's name counts only where a label's letter stands: after "part", after one of the rubric's
question numbers, or after another such letter in a list ("b and see"); a number's homophone only
after "question" or "problem", and "for" there only where a label goes on ("question for is about",
not "a question for you"). Each rule is one pass of a bounded pattern; the text may change length
(the caller reads labels from the result, not offsets into the turn).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..regexes import regex
from .number_words import NUMBER_WORDS

LETTER_NAMES = {"be": "b", "bee": "b", "see": "c", "sea": "c", "cee": "c", "dee": "d"}
"""A part letter's name as speech-to-text writes it ("a" is written as itself)."""
SUB_NAMES = {"eye": "i", "aye": "i"}
"""The sub-part "i" said as its name."""
SUB_NUMBERS = {"1": "i", "2": "ii", "3": "iii", "one": "i", "won": "i", "two": "ii", "three": "iii"}
SUB_NUMBERS |= {"to": "ii", "too": "ii"}
"""A sub-part said as its number right after a letter said aloud ("three be two", "3 bee 2"), where "to"
and "too" sound as "two" ("three be to show ...")."""
LIST_PASSES = 3
"""Letters after the first in one spoken list ("b, see and dee") taken one pass each."""
MODAL_LOOKBACK = 12
"""Characters before a number searched for the verb that makes "be" after it the verb ("should 4 be")."""

_WORDS = {word: digits for digits, word in NUMBER_WORDS.items()}
_LETTER_NAME = "|".join(sorted(LETTER_NAMES, key=len, reverse=True))
_SUB_NUMBER = "one|won|two|three|[1-3]"
_NUMBER = "|".join([r"\d{1,2}", *sorted(_WORDS, key=len, reverse=True)])
_GOES_ON = r"is|part|and|asks?|says?|about|be|bee|see|sea|cee"
"""What follows "question for" when "for" is the number: a label goes on."""

_QUESTION_HOMOPHONE_RE = regex(
    r"\b(question|problem)([ \t]{1,2})"
    rf"(?:(ate)\b|(for|fore)\b(?=[ \t]{{0,2}}(?:[,.:;?!]|$|(?:{_GOES_ON})\b|[b-h]\b)))",
    re.I | re.M,
)
"""A question's number said as a word that sounds like it: "question ate", "question for is about"."""
_QUEUE_RE = regex(rf"\b(?:queue|cue)[ \t]{{1,2}}({_NUMBER})\b(?:[ \t]{{1,2}}({_LETTER_NAME}|[a-h])\b)?", re.I)
""""queue 8", "cue eight": the letter Q said aloud, and the letter said after its number, which is the
part's even when it is "a" ("cue 7 a whats a problem"): no one says "cue 7" but to name a question."""
_AFTER_NUMBER_RE = regex(
    rf"(?:\b|(?<=q))({_NUMBER})[ \t]{{1,2}}({_LETTER_NAME})\b"
    rf"(?:[ \t]{{1,2}}(?:({_SUB_NUMBER})\b|(to|too)\b(?![ \t]{{1,2}}(?:the|a|an|do|be|get|make)\b)))?",
    re.I,
)
"""A letter's name after a question's number, and a sub-part's number after it."""
_MODAL_BEFORE_RE = regex(
    r"(?:\b(?:should|would|could|can|will|must|might|may|not|to|cannot|cant|wont|shouldnt)|n't)[ \t]{1,2}$", re.I
)
_AFTER_PART_RE = regex(rf"\b(parts?)[ \t]{{1,2}}(?:({_LETTER_NAME})|(eye|aye))\b", re.I)
_IN_LIST_RE = regex(
    r"(?:\b|(?<=\d))((?:(?<=part[ \t])|(?<=\d[ \t]))a|[b-h])"
    r"([ \t]{0,2}(?:,[ \t]{0,2}(?:and[ \t]{1,2}|or[ \t]{1,2})?|[ \t](?:and|or|&)[ \t]))"
    rf"({_LETTER_NAME})\b",
    re.I,
)
"""A letter's name after another letter in a list: "7b and see", "part a, see"."""


def _letter(said: str | None) -> str:
    """A part's letter as written, from its name or itself ("" for none)."""
    return "" if said is None else LETTER_NAMES.get(said.lower(), said.lower())


def spelled_labels(text: str, questions: Collection[str]) -> str:
    """The text with labels said aloud written as labels; `questions`, the rubric's question numbers
    (only after one of them is a letter's name a part's letter: "seven be", not "two be")."""
    low = text.lower()
    if not any(name in low for name in (*LETTER_NAMES, *SUB_NAMES, "ate", "for", "queue", "cue")):
        return text
    text = _QUESTION_HOMOPHONE_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{'8' if m.group(3) else '4'}", text)
    text = _QUEUE_RE.sub(lambda m: f"Q{_WORDS.get(m.group(1).lower(), m.group(1))}{_letter(m.group(2))}", text)

    def after_number(m: re.Match[str]) -> str:
        number = _WORDS.get(m.group(1).lower(), m.group(1))
        if number not in questions or _MODAL_BEFORE_RE.search(m.string, max(0, m.start() - MODAL_LOOKBACK), m.start()):
            return m.group()  # "two be", "should 4 be included": the verb
        sub = m.group(3) or m.group(4)
        return f"{number}{LETTER_NAMES[m.group(2).lower()]}" + (f"({SUB_NUMBERS[sub.lower()]})" if sub else "")

    text = _AFTER_NUMBER_RE.sub(after_number, text)
    text = _AFTER_PART_RE.sub(
        lambda m: f"{m.group(1)} {LETTER_NAMES[m.group(2).lower()] if m.group(2) else SUB_NAMES[m.group(3).lower()]}",
        text,
    )
    for _ in range(LIST_PASSES):
        listed = _IN_LIST_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{LETTER_NAMES[m.group(3).lower()]}", text)
        if listed == text:
            break
        text = listed
    return text
