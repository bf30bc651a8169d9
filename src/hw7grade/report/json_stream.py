"""Reading one big JSON object whose bulk is a single list, an item at a time, from a stream.

A report of a class's batch is a few megabytes of text and many times that as Python objects;
reading it for a baseline should cost neither at once. `scan_object` decodes the object's other
members normally and hands the items of the named list to a callback one by one (each with its
exact text), keeping only about one chunk of the file in memory. It accepts exactly the JSON that
`json.loads` accepts for such an object (`tests/report/test_json_report.py` checks both agree).
"""

from __future__ import annotations

import json
from typing import Callable, Iterator, TextIO

from ..regexes import regex

READ_CHUNK_CHARS = 1 << 20
"""Characters read at a time; text before the current item is dropped once it exceeds this."""
_SPACE = regex(r"[ \t\n\r]*")
_NUMBER_CHARS = regex(r"[0-9.eE+-]*")
_decode = json.JSONDecoder().raw_decode


class NotAnObject(ValueError):
    """The text does not start with `{`."""


class ValueTooLarge(ValueError):
    """One value is longer than the caller's limit; reading stops before holding more of it."""


class _Window:
    """The unread part of a text stream around a position; positions are counted from the start."""

    def __init__(self, stream: TextIO, chunk: int, max_value_chars: int | None = None) -> None:
        self.stream, self.chunk, self.max_value_chars = stream, chunk, max_value_chars
        self.text, self.base, self.ended = "", 0, False

    def _more(self) -> bool:
        data = "" if self.ended else self.stream.read(self.chunk)
        self.ended = not data
        self.text += data
        return bool(data)

    def skip_space(self, pos: int) -> int:
        while True:
            space = _SPACE.match(self.text, pos - self.base)
            assert space is not None  # the pattern matches the empty string
            end = space.end()
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
                self._check_size(pos)
                if self._more():
                    continue
                raise
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if number and _NUMBER_CHARS.fullmatch(self.text, end) and self._more():
                continue  # a number cut at the window's end (`0.` of `0.5`) goes on in the next chunk
            if self.max_value_chars is not None and end - (pos - self.base) > self.max_value_chars:
                raise ValueTooLarge(pos)
            return value, self.base + end

    def _check_size(self, pos: int) -> None:
        if self.max_value_chars is not None and len(self.text) - (pos - self.base) > self.max_value_chars:
            raise ValueTooLarge(pos)

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


def iter_values(stream: TextIO, max_value_chars: int | None = None, chunk: int = READ_CHUNK_CHARS) -> Iterator[object]:
    """The items of a top-level list, or else each top-level value in turn (one object, or JSON
    Lines), one at a time with about one chunk of text held besides the current value. Raises
    `json.JSONDecodeError` for bad JSON, `ValueTooLarge` for a value over `max_value_chars`, and
    `ValueError`/`RecursionError` as `json.loads` does (a 5,000-digit integer, deep nesting)."""
    window = _Window(stream, chunk, max_value_chars)
    pos = window.skip_space(0)
    if window.peek(pos) == "[":
        _, pos = window.expect(pos, "[")
        more = window.peek(pos) != "]"
        if not more:
            _, pos = window.expect(pos, "]")
        while more:
            value, end = window.decode(pos)
            yield value
            char, pos = window.expect(end, ",]")
            more = char == ","
            window.forget_before(pos)
        if window.peek(pos):
            raise json.JSONDecodeError("extra data after the list", window.text, pos - window.base)
        return
    while window.peek(pos):
        value, pos = window.decode(pos)
        yield value
        window.forget_before(pos)
        pos = window.skip_space(pos)


__all__ = ["NotAnObject", "READ_CHUNK_CHARS", "ValueTooLarge", "iter_values", "scan_object"]
