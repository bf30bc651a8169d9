"""Per-process memos for the algebra engine: answers and references are read once, not once per check.

A q3b answer is read by three checks (two `math_equiv`, one `pca_satisfies`) and every answer is
compared with the same few rubric references, so parsing and evaluating each text once per
process removes most of the grading cost. Everything memoised is a deterministic function of its
key (the trials are seeded); results cut short by the deadline are never stored.
"""

from __future__ import annotations

from typing import Callable, Generic, Hashable, TypeVar

from .limits import MathError

MEMO_MAX_ENTRIES = 4096
"""Entries per memo before it is emptied (bounds memory in a long-lived worker)."""

V = TypeVar("V")


class Memo(Generic[V]):
    """A bounded dict: emptied when full, which is cheap and safe without a lock."""

    __slots__ = ("_data", "_size")

    def __init__(self, size: int = MEMO_MAX_ENTRIES) -> None:
        self._data: dict[Hashable, V | MathError] = {}
        """Values, and beside them the errors `get_or_compute` remembers."""
        self._size = size
        _ALL.append(self)

    def get(self, key: Hashable) -> V | None:
        known = self._data.get(key)
        return None if isinstance(known, MathError) else known

    def put(self, key: Hashable, value: V) -> None:
        self._store(key, value)

    def _store(self, key: Hashable, value: V | MathError) -> None:
        if len(self._data) >= self._size:
            self._data.clear()
        self._data[key] = value

    def clear(self) -> None:
        self._data.clear()

    def get_or_compute(self, key: Hashable, compute: Callable[[], V]) -> V:
        """`compute()` once per key. A `MathError` is remembered too and raised afresh each time,
        except `limit`, which depends on the time left rather than on the input."""
        known = self._data.get(key)
        if isinstance(known, MathError):
            raise MathError(known.status, known.message)
        if known is not None:
            return known
        try:
            value = compute()
        except MathError as exc:
            if exc.status != "limit":
                self._store(key, exc)
            raise
        self.put(key, value)
        return value


_ALL: list[Memo] = []


def clear_memos() -> None:
    """Forget everything memoised (benchmarks measure the cost of a first reading with this)."""
    for memo in _ALL:
        memo.clear()
