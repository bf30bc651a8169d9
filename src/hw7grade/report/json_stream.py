"""Reading one big JSON object whose bulk is a single list, an item at a time, from a stream.

A report of a class's batch is a few megabytes of text and many times that as Python objects;
reading it for a baseline should cost neither at once. `scan_object` decodes the object's other
members normally and hands the items of the named list to a callback one by one (each with its
exact text), keeping only about one chunk of the file in memory. It accepts exactly the JSON that
`json.loads` accepts for such an object (`tests/report/test_json_report.py` checks both agree).
"""

from __future__ import annotations

import json
import re
from typing import Callable, TextIO

READ_CHUNK_CHARS = 1 << 20
"""Characters read at a time; text before the current item is dropped once it exceeds this."""
_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER_CHARS = re.compile(r"[0-9.eE+-]*")
_decode = json.JSONDecoder().raw_decode


class NotAnObject(ValueError):
    """The text does not start with `{`."""


class _Window:
    """The unread part of a text stream around a position; positions are counted from the start."""

    def __init__(self, stream: TextIO, chunk: int) -> None:
        self.stream, self.chunk = stream, chunk
        self.text, self.base, self.ended = "", 0, False

    def _more(self) -> bool:
        data = "" if self.ended else self.stream.read(self.chunk)
        self.ended = not data
        self.text += data
        return bool(data)

    def skip_space(self, pos: int) -> int:
        while True:
            # (mypy ignore below) _SPACE matches the empty string.
            end = _SPACE.match(self.text, pos - self.base).end()  # type: ignore[union-attr]
            if end < len(self.text) or not self._more():
                return self.base + end

    def expect(self, pos: int, chars: str) -> tuple[str, int]:
        """The character at `pos`, which must be one of `chars`, and the position after it and
        any space."""
        pos = self.skip_space(pos)
        char = self.text[pos - self.base : pos - self.base + 1]
        if not char or char not in chars:
            raise json.JSONDecodeError(f"expected one of {chars!r}", self.text, pos - self.base)
        return char, self.skip_space(pos + 1)

    def peek(self, pos: int) -> str:
        pos = self.skip_space(pos)
        return self.text[pos - self.base : pos - self.base + 1]

    def decode(self, pos: int) -> tuple[object, int]:
        """The value at `pos` and the position after it; reads on while the value may be cut."""
        while True:
            try:
                value, end = _decode(self.text, pos - self.base)
            except json.JSONDecodeError:
                if self._more():
                    continue
                raise
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if number and _NUMBER_CHARS.fullmatch(self.text, end) and self._more():
                continue  # a number cut at the window's end (`0.` of `0.5`) goes on in the next chunk
            return value, self.base + end

    def slice(self, start: int, end: int) -> str:
        return self.text[start - self.base : end - self.base]

    def forget_before(self, pos: int) -> None:
        if pos - self.base > self.chunk:
            self.text, self.base = self.text[pos - self.base :], pos


def scan_object(
    stream: TextIO, list_key: str, on_item: Callable[[str, object], None], chunk: int = READ_CHUNK_CHARS
) -> dict[str, object]:
    """The object's members; the items of `list_key` (when it is a list) go to `on_item` as
    (text, value) and the member is given as None. Raises `NotAnObject`, or `json.JSONDecodeError`
    for text that is not one JSON object."""
    window = _Window(stream, chunk)
    pos = window.skip_space(0)
    if window.peek(pos) != "{":
        raise NotAnObject()
    _, pos = window.expect(pos, "{")
    members: dict[str, object] = {}
    closing = window.peek(pos) == "}"
    if closing:
        _, pos = window.expect(pos, "}")
    while not closing:
        key, pos = window.decode(pos)
        if not isinstance(key, str):
            raise json.JSONDecodeError("expected a member name", window.text, pos - window.base)
        _, pos = window.expect(pos, ":")
        if key == list_key and window.peek(pos) == "[":
            _, pos = window.expect(pos, "[")
            more_items = window.peek(pos) != "]"
            if not more_items:
                _, pos = window.expect(pos, "]")
            while more_items:
                value, end = window.decode(pos)
                on_item(window.slice(pos, end), value)
                char, pos = window.expect(end, ",]")
                more_items = char == ","
                window.forget_before(pos)
            members[key] = None
        else:
            members[key], pos = window.decode(pos)
        char, pos = window.expect(pos, ",}")
        closing = char == "}"
    if window.peek(pos):
        raise json.JSONDecodeError("extra data after the object", window.text, pos - window.base)
    return members


__all__ = ["NotAnObject", "READ_CHUNK_CHARS", "scan_object"]
