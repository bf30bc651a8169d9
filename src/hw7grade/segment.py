"""Find which rubric parts a conversation answers, and where each answer starts and ends.

Pure: a `Conversation` and the rubric's part ids in, `PartAnswers` out. Signals, strongest first:
part markers at the start of a line in the answer (`(b)`, `**Part (ii)**`, `Q7(b)`,
`Question 3b:`), the part or question the user's turn names (`q7b`, `Question 8 (a)(ii)`,
`part ii`), and each part's `cues` for text with no markers at all. Every assistant turn that
answers a part is one attempt at it; the first is the first attempt, the last the final one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from .conversation import Conversation

ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")

# Decoration that may precede a marker at the start of a line: Markdown heading/emphasis/list
# marks, quote marks and the emoji or symbols chat UIs put before headings.
_LEAD = r"[\s#>*_`\-•◆◇■□▶►▸➤✅✔✓☑❓❗🔹🔸📌🔴🟢🔵⭐]*"
_Q_WORD = r"(?:question|problem|q)\s*\.?\s*"
_ROMAN = r"(?:viii|vii|iii|ix|iv|vi|ii|v|x|i)"
# "Question 7(b)(ii)", "Q7b", "Question 3b", "Q8 (a)(ii)", "q8a.ii" -- question number required.
_QUESTION_MARKER = re.compile(
    rf"^{_LEAD}{_Q_WORD}(?P<q>\d{{1,2}})(?![\d.]\d)\s*"
    rf"(?:\(?(?P<letter>[a-h])\)?(?![a-z]))?\s*"
    rf"(?:[.(]?\s*(?P<roman>{_ROMAN})\s*\)?(?![a-z]))?",
    re.IGNORECASE,
)
# "(b)", "b)", "Part (b)", "Part b:", "(ii)", "ii)", "(a)(ii)", "Part (ii)" at the start of a line.
_PART_MARKER = re.compile(
    rf"^{_LEAD}(?:part\s*)?"
    rf"(?:\((?P<l1>[a-h]|{_ROMAN})\)|(?P<l2>[a-h]|{_ROMAN})\)|(?<=part )(?P<l3>[a-h]|{_ROMAN})\b)"
    rf"(?:\s*\((?P<r2>{_ROMAN})\))?"
    rf"(?=[\s:.*_—–-]|$)",
    re.IGNORECASE,
)
# What every line that either marker matches starts with (one cheap test for most lines): after
# the decoration, `q`/`question`/`problem`/`part`, `(`, or a letter or numeral closed by `)`.
_MARKER_START = re.compile(rf"^{_LEAD}(?:[qp(]|(?:[a-h]|{_ROMAN})\))", re.IGNORECASE)
# Mentions inside a user's message (not only at line start).
_MENTION_ID = re.compile(rf"\bq(?P<q>\d{{1,2}})(?P<letter>[a-h])?(?:\.(?P<roman>{_ROMAN}))?\b", re.IGNORECASE)
_MENTION_QUESTION = re.compile(
    rf"\b(?:question|problem)\s*(?P<q>\d{{1,2}})(?![\d])\s*"
    rf"(?:\(?(?P<letter>[a-h])\)?(?![a-z]))?\s*(?:\(?(?P<roman>{_ROMAN})\)(?![a-z]))?",
    re.IGNORECASE,
)
# "7(b)", "3(b)(ii)": a question number directly followed by a lettered part.
_MENTION_NUMBERED = re.compile(
    rf"(?<![\w.])(?P<q>\d{{1,2}})\s*\((?P<letter>[a-h])\)(?:\s*\((?P<roman>{_ROMAN})\))?", re.IGNORECASE
)
# "part ii", "part (b)", or a bare "(b)" -- relative to the question being discussed.
_MENTION_PART = re.compile(rf"(?:\bpart\s*\(?(?P<x>[a-h]|{_ROMAN})\)?|\((?P<y>[a-h]|{_ROMAN})\))(?![a-z])", re.IGNORECASE)


@dataclass(frozen=True)
class Attempt:
    turn: int
    """Index of the assistant turn in `Conversation.turns`."""
    text: str


@dataclass(frozen=True)
class PartAnswers:
    part_id: str
    attempts: tuple[Attempt, ...]
    question: str = ""
    """The user's message that asked for it, so checks can ignore text copied from it."""

    @property
    def first(self) -> Attempt | None:
        return self.attempts[0] if self.attempts else None

    @property
    def final(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts else None


@dataclass(frozen=True)
class _Key:
    """A (possibly partial) reference to a part: question number, letter, roman numeral."""

    q: str | None = None
    letter: str | None = None
    roman: str | None = None


@dataclass
class _PartIndex:
    ids: tuple[str, ...]
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def resolve(self, key: _Key) -> list[str]:
        """Part ids the key names: one for a full id, several for a group (`q8a`, `q7`)."""
        if key.q is None:
            return []
        prefix = f"q{key.q}"
        if key.letter:
            prefix += key.letter
            if key.roman:
                exact = f"{prefix}.{key.roman}"
                return [exact] if exact in self.ids else []
        elif key.roman:
            # "q3 (ii)": the question has a single lettered part with romans (q3b, q8a).
            return [i for i in self.ids if i.startswith(prefix) and i.endswith(f".{key.roman}")][:1]
        return [i for i in self.ids if i == prefix or (i.startswith(prefix) and not i[len(prefix)].isdigit())]

    def letters_with_romans(self, q: str) -> list[str]:
        found = []
        for i in self.ids:
            m = re.match(rf"q{q}([a-h])\.", i)
            if m and m.group(1) not in found:
                found.append(m.group(1))
        return found


def find_answers(
    conversation: Conversation,
    part_ids: Sequence[str],
    cues: dict[str, Sequence[str]] | None = None,
    asked: Iterable[str] = (),
) -> dict[str, PartAnswers]:
    """Answers per part id, only for parts that were answered or asked about.

    `asked` adds part ids known to have been asked (native transcripts record them); a part that
    was asked but never answered comes back with no attempts, so the report can call it missing.
    """
    index = _PartIndex(tuple(part_ids), {k: tuple(v) for k, v in (cues or {}).items()})
    attempts: dict[str, list[Attempt]] = {}
    questions: dict[str, str] = {}
    asked_ids: list[str] = [a for a in asked if a in index.ids]
    context = _Key()
    last_user = ""
    last_answered: list[str] = []
    pending_default: list[str] = []

    for turn_no, turn in enumerate(conversation.turns):
        if turn.role == "user":
            last_user = turn.text
            previous_q = context.q
            context, named = _read_user_turn(turn.text, context, index)
            asked_ids.extend(p for p in named if p not in asked_ids)
            pending_default = named if len(named) == 1 else []
            if not named and last_answered and context.q == previous_q:
                # "Are you sure?" with no part named revisits the part just discussed.
                pending_default = last_answered[-1:]
            continue
        pieces, context = _split_answer(turn.text, context, index, pending_default)
        if not pieces and index.cues:
            pieces = _by_cues(turn.text, index, context)
        answered_here: list[str] = []
        for part_id, text in pieces:
            if not text.strip():
                continue
            bucket = attempts.setdefault(part_id, [])
            if bucket and bucket[-1].turn == turn_no:
                bucket[-1] = Attempt(turn_no, bucket[-1].text + "\n" + text)
            else:
                bucket.append(Attempt(turn_no, text))
            questions.setdefault(part_id, last_user)
            if part_id not in answered_here:
                answered_here.append(part_id)
        if answered_here:
            last_answered = answered_here
        pending_default = []

    result = {pid: PartAnswers(pid, tuple(a), questions.get(pid, "")) for pid, a in attempts.items()}
    for pid in asked_ids:
        result.setdefault(pid, PartAnswers(pid, ()))
    return {pid: result[pid] for pid in index.ids if pid in result}


def _read_user_turn(text: str, context: _Key, index: _PartIndex) -> tuple[_Key, list[str]]:
    """The question context after this message, and the specific parts it names."""
    keys: list[_Key] = []
    for m in _MENTION_ID.finditer(text):
        keys.append(_Key(m.group("q"), _low(m.group("letter")), _low(m.group("roman"))))
    for pattern in (_MENTION_QUESTION, _MENTION_NUMBERED):
        for m in pattern.finditer(text):
            keys.append(_Key(m.group("q"), _low(m.group("letter")), _low(m.group("roman"))))
    if not keys:
        for m in _MENTION_PART.finditer(text):
            x = (m.group("x") or m.group("y")).lower()
            if context.q is None:
                continue
            if x in ROMANS and not _is_letter_of(context.q, x, index):
                keys.append(_Key(context.q, context.letter or _only(index.letters_with_romans(context.q)), x))
            else:
                keys.append(_Key(context.q, x))
    if not keys:
        guessed = _question_by_cues(text, index)
        if guessed:
            return _Key(guessed), []
        return context, []
    named: list[str] = []
    for key in keys:
        for pid in index.resolve(key):
            if pid not in named:
                named.append(pid)
    first = keys[0]
    return _Key(first.q, first.letter, first.roman), named


def _split_answer(
    text: str, context: _Key, index: _PartIndex, default: list[str]
) -> tuple[list[tuple[str, str]], _Key]:
    """Cut an assistant message at part markers; text before the first marker goes to `default`."""
    pieces: list[tuple[str, str]] = []
    current: list[str] = list(default)
    buffer: list[str] = []
    saw_marker = False
    in_fence = False

    def flush() -> None:
        if buffer and len(current) == 1:
            pieces.append((current[0], "\n".join(buffer)))
        buffer.clear()

    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        key = None if in_fence else _marker(line, context, index)
        if key is not None:
            flush()
            saw_marker = True
            context = key
            current = index.resolve(key)
        buffer.append(line)
    flush()
    if not saw_marker and not default:
        return [], context
    return pieces, context


def _marker(line: str, context: _Key, index: _PartIndex) -> _Key | None:
    if not _MARKER_START.match(line):
        return None
    m = _QUESTION_MARKER.match(line)
    if m and (m.group("letter") or m.group("roman") or re.match(rf"{_LEAD}(?:question|problem)", line, re.I)):
        key = _Key(m.group("q"), _low(m.group("letter")), _low(m.group("roman")))
        return key if index.resolve(_Key(key.q)) else None
    m = _PART_MARKER.match(line)
    if not m or context.q is None:
        return None
    x = (m.group("l1") or m.group("l2") or m.group("l3")).lower()
    sub = _low(m.group("r2"))
    if x in ROMANS and not _is_letter_of(context.q, x, index):
        letter = context.letter if context.letter in index.letters_with_romans(context.q) else None
        letter = letter or _only(index.letters_with_romans(context.q))
        return _Key(context.q, letter, x) if letter else None
    return _Key(context.q, x, sub)


def _is_letter_of(q: str, x: str, index: _PartIndex) -> bool:
    """`(i)` is a roman numeral unless the question really has a part lettered i (or v, x)."""
    return any(i == f"q{q}{x}" or i.startswith(f"q{q}{x}.") for i in index.ids)


def _by_cues(text: str, index: _PartIndex, context: _Key) -> list[tuple[str, str]]:
    """Unmarked text with no asked part: the parts whose cues it contains (within the context)."""
    lowered = text.lower()
    hits = [
        pid
        for pid, cues in index.cues.items()
        if (context.q is None or pid.startswith(f"q{context.q}"))
        and any(_has_phrase(lowered, c.lower()) for c in cues)
    ]
    return [(pid, text) for pid in hits]


def _question_by_cues(text: str, index: _PartIndex) -> str | None:
    lowered = text.lower()
    scores: dict[str, int] = {}
    for pid, cues in index.cues.items():
        q = re.match(r"q(\d+)", pid).group(1)  # type: ignore[union-attr]
        scores[q] = scores.get(q, 0) + sum(_has_phrase(lowered, c.lower()) for c in cues)
    best = max(scores.items(), key=lambda kv: kv[1], default=(None, 0))
    if best[1] == 0 or list(scores.values()).count(best[1]) > 1:
        return None
    return best[0]


def _has_phrase(lowered: str, phrase: str) -> bool:
    return phrase in lowered and _phrase_re(phrase).search(lowered) is not None


@lru_cache(maxsize=1024)
def _phrase_re(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _low(value: str | None) -> str | None:
    return value.lower() if value else None


def _only(values: list[str]) -> str | None:
    return values[0] if len(values) == 1 else None
