"""Practice tests: numbered questions first, then an answer key ("# Answer Key", "**2.** 2 — one for
the encoder ...") that answers them by number.

The questions restate the parts asked (with their options, which are no pick), so each number is
the part its question's cue words name; under the key, the line opening on that number answers it.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from ..regexes import regex
from ..text.normalize import normalize
from ..text.quiz import only_asks
from .parts import PartIndex

_ANSWER_KEY_RE = regex(
    r"(?:the )?(?:answer key|answers|solutions|key|answer sheet|solution key|model answers|mark(?:ing)? scheme"
    r"|answers? (?:and|with|&) (?:explanations?|solutions?))(?: ?\([^()\n]{0,40}\))?",
    re.I,
)
ANSWER_KEY_MAX_CHARS = 60
"""Longest line read as the heading of an answer key."""
_NUMBERED_RE = regex(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3})?(?:[-*][ \t]{1,2})?(?:\*\*|__)?[ \t]{0,2}"
    r"(?:(?i:problem|question|exercise|item|q)[ \t]{0,2}(\d{1,2}|[A-Z])\b|\(?(\d{1,2})[.):]|\(?([A-Z])[.)](?=[\s*_]))"
)
"""A line opening on a question's number or capital letter: "**2.**", "### Problem 3 (3 pts)", "Q4:",
"(5)", "**Problem B — ...**"; under the key also "**B.**" (above it, "- B) <sos>, I, see" is an option)."""
MAX_QUESTIONS = 30


def heads_answer_key(line: str) -> bool:
    """Whether the line is a heading alone that opens an answer key ("# Answer Key", "ANSWER KEY",
    "**Solutions**", "🔑 Key (don't peek)")."""
    if len(line) > ANSWER_KEY_MAX_CHARS:
        return False
    core = line.strip().strip("#*_=~-—:|>🔑📝✅ \t")
    return bool(core) and _ANSWER_KEY_RE.fullmatch(core) is not None


def has_answer_key(text: str) -> bool:
    """Whether the text holds an answer key (see `heads_answer_key`): it answers what it asks."""
    return any(heads_answer_key(line) for line in text.split("\n"))


def _number(m: re.Match[str]) -> str:
    return m.group(1) or m.group(2) or m.group(3)


def numbered_questions(
    lines: Sequence[str], asked: Sequence[str], index: PartIndex, asking: bool = False
) -> dict[str, str]:
    """Number -> part, for each numbered question of the lines whose text (up to the next number) names
    one asked part by its cue words (the part with the most, when one has more than the others; with
    none, the one part its words name). With `asking`, only a question that asks something counts
    (see `quiz.only_asks`): a numbered answer is no question."""
    chunks: dict[str, list[str]] = {}
    number: str | None = None
    for line in lines:
        m = _NUMBERED_RE.match(line)
        if m is not None and m.group(3) is None and len(chunks) < MAX_QUESTIONS:
            number = _number(m)
            chunks.setdefault(number, [])
        if number is not None:
            chunks[number].append(line)
    parts: dict[str, str] = {}
    for n, chunk in chunks.items():
        question = normalize("\n".join(chunk))
        if asking and not only_asks(question):
            continue
        top = index.most_cued(question, asked)
        part = top[0] if len(top) == 1 else None if top else index.one_by_cue_words(question, list(asked))
        if part is not None:
            parts[n] = part
    return parts


def key_heads(text: str, asked: Sequence[str], index: PartIndex) -> dict[int, str]:
    """Line offset -> part, for each line under the text's answer key that opens on the number of a
    question before the key (see `numbered_questions`). Empty with no key, or when the numbers name
    fewer than two parts."""
    lines = text.split("\n")
    key = next((k for k, line in enumerate(lines) if heads_answer_key(line)), None)
    if key is None:
        return {}
    parts = numbered_questions(lines[:key], asked, index)
    heads: dict[int, str] = {}
    at = sum(len(line) + 1 for line in lines[: key + 1])
    for line in lines[key + 1 :]:
        m = _NUMBERED_RE.match(line)
        if m is not None and (part := parts.get(_number(m))) is not None:
            heads[at] = part
        at += len(line) + 1
    return heads if len(set(heads.values())) > 1 else {}


def exam_numbers(text: str, asked: Sequence[str], index: PartIndex) -> dict[str, str]:
    """Number -> part for a reply that asks numbered questions on two parts or more ("**Problem 1 (2
    pts).** How many nn.Linear layers ...?"): the user answers them by those numbers, and the reply
    that marks the answers uses them too. Empty otherwise."""
    parts = numbered_questions(text.split("\n"), asked, index, asking=True)
    return parts if len(set(parts.values())) > 1 else {}


_EXERCISE_RE = regex(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3})?(?:[-*][ \t]{1,2})?(?:\*\*|__)?[ \t]{0,2}(?i:exercise|problem|question|task)"
    r"[ \t]{1,2}((?:\d{1,2}\.){1,2})(\d{1,2})(?![\d.]\d)"
)
"""A line opening on an exercise numbered as a textbook's: "**Exercise 9.4.2 (Training inputs).**",
"### Problem 6.3 — Loss": the section's number, then the exercise's."""


_EXERCISE_WORDS = ("exercise", "problem", "question", "task")


def exercise_heads(text: str, asked: Sequence[str], index: PartIndex) -> dict[int, str]:
    """Line offset -> part, for the exercises of a reply laid out as a textbook section ("**Exercise
    9.4.1** ... **Exercise 9.4.3**", one section number, exercises counting from 1): as many as the
    parts asked, each the asked part at its place, unless its words name another; else each the one
    asked part its words name. A repeated number ("Exercise 9.4.3, revised") heads its part again.
    Empty when the exercises name fewer than two parts."""
    found: list[tuple[int, str, int, str]] = []  # offset, section number, exercise number, line
    low = text.lower()
    if not any(word in low for word in _EXERCISE_WORDS):
        return {}  # most replies name no exercise: one scan says so
    at = 0
    for line in text.split("\n"):
        m = _EXERCISE_RE.match(line)
        if m is not None and len(found) < MAX_QUESTIONS:
            found.append((at, m.group(1), int(m.group(2)), line))
        at += len(line) + 1
    if len({section for _, section, _, _ in found}) != 1:
        return {}
    top = 0
    for _, _, k, _ in found:
        if k > top + 1:
            return {}
        top = max(top, k)
    named = {k: cued[0] for _, _, k, line in found if len(cued := index.most_cued(normalize(line), asked)) == 1}
    if top == len(asked) and all(asked[k - 1] == part for k, part in named.items()):
        parts = {k: asked[k - 1] for k in range(1, top + 1)}
    else:
        parts = named
    heads = {offset: parts[k] for offset, _, k, _ in found if k in parts}
    return heads if len(set(heads.values())) > 1 else {}


_LETTER_PICK_RE = regex(r"(?<![\w.])(?:[qQ] ?)?(\d{1,2}) ?[.):=-]? ?\(?([A-Ea-e])\)?(?!\w)")
"""A pick by letter after a question's number: "1A, 2B", "Q1: C", "2) b"."""
_NUMBER_NAMED_RE = regex(r"(?<!\w)(?i:q|question|problem|no\.?|#) ?(\d{1,2})(?!\d)")
"""A question named by its number: "for Q1, ...", "problem 3 is wrong"."""


def numbers_answered(text: str, numbers: Mapping[str, str]) -> list[str]:
    """The parts of `numbers` whose numbers open lines of the user's turn ("1) 2 layers", "Q3: weight
    decay, SGD"), carry a pick by letter ("1A, 2B") or are named ("for Q1, XᵀX is n×n"), in order."""
    found: list[str] = []
    for line in text.split("\n"):
        m = _NUMBERED_RE.match(line)
        said = [_number(m)] if m is not None else []
        said += [pick.group(1) for pick in _LETTER_PICK_RE.finditer(line)]
        said += [named.group(1) for named in _NUMBER_NAMED_RE.finditer(line)]
        for n in said:
            if (part := numbers.get(n)) is not None and part not in found:
                found.append(part)
    return found
