"""What a reader yields besides conversations, and the helpers every export reader shares.

A reader yields `Conversation`s one at a time, `Skipped` for a chat it could not read (the
others in the file are still read), and `ReadWarning` for something the user should know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Union

from pydantic import ValidationError

from ..conversation import Conversation
from ..errors import TranscriptError
from .validation import describe_validation_error


@dataclass(frozen=True)
class Skipped:
    """One chat left out: `where` is `file#N`; `warn` is False for chats that are fine but have
    nothing to grade (listed with -v only)."""

    where: str
    reason: str
    warn: bool = True

    def __str__(self) -> str:
        return f"{self.where}: skipped: {self.reason}"


@dataclass(frozen=True)
class ReadWarning:
    text: str
    key: str = ""
    """Warnings sharing a non-empty key are shown once per run."""


Item = Union[Conversation, Skipped, ReadWarning]

_END = object()


def numbered(records: Iterable[object], source: str) -> Iterator[tuple[str, object]]:
    """(where, record) for each record: `source#N` (1-based) when there are several, else `source`.
    Looks one record ahead, so a streamed export is never held whole."""
    it = iter(records)
    first = next(it, _END)
    if first is _END:
        return
    second = next(it, _END)
    if second is _END:
        yield source, first
        return
    yield f"{source}#1", first
    yield f"{source}#2", second
    for n, record in enumerate(it, start=3):
        yield f"{source}#{n}", record


def skip_reason(exc: ValidationError, data: object) -> str:
    """`no mapping` for a missing top-level field, else the field and what is wrong with it."""
    errors = exc.errors()
    missing = [e for e in errors if e["type"] == "missing" and len(e["loc"]) == 1]
    if missing:
        return f"no {missing[0]['loc'][0]}"
    if not isinstance(data, dict):
        return f"not a conversation object (a JSON {type(data).__name__.replace('NoneType', 'null')})"
    return describe_validation_error(exc, data)


def text_of(value: object) -> str:
    """A message body that exporters write as a string, a list of strings or of `{type, text}` parts."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and part.get("type") in (None, "text", "input_text", "output_text"):
                text = part.get("text")
                if isinstance(text, dict):
                    text = text.get("value")
                if isinstance(text, str):
                    parts.append(text)
        return "\n\n".join(parts)
    return ""


def bad_entry(where: str, source: str, kind: str, exc: ValidationError, data: object) -> Skipped:
    """A file holding one chat fails with the field named; in a multi-chat export only that chat
    is skipped."""
    if where == source:
        raise TranscriptError(f"{source}: not a valid {kind}: {describe_validation_error(exc, data)}.")
    return Skipped(where, skip_reason(exc, data))


def walk_back(leaf: object, parent_of: dict, limit: int) -> list:
    """The ids from the root to `leaf`, following `parent_of`; stops at a missing parent and at
    a node already passed (a damaged tree must not loop)."""
    path: list = []
    seen: set = set()
    node = leaf
    while node is not None and node in parent_of and node not in seen and len(path) < limit:
        seen.add(node)
        path.append(node)
        node = parent_of[node]
    return path[::-1]
