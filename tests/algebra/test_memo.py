"""`Memo.get_or_compute`: one computation per key, errors replayed, time-outs never remembered."""

from __future__ import annotations

import pytest

from hw7grade.algebra.limits import MathError
from hw7grade.algebra.memo import Memo


def test_value_is_computed_once():
    memo: Memo[int] = Memo()
    calls = []
    assert memo.get_or_compute("k", lambda: calls.append(1) or 7) == 7
    assert memo.get_or_compute("k", lambda: calls.append(1) or 8) == 7
    assert calls == [1]


def test_errors_are_remembered_and_raised_fresh():
    memo: Memo[int] = Memo()
    calls = []

    def fail() -> int:
        calls.append(1)
        raise MathError("parse_error", "bad")

    with pytest.raises(MathError) as first:
        memo.get_or_compute("k", fail)
    with pytest.raises(MathError) as second:
        memo.get_or_compute("k", fail)
    assert calls == [1] and second.value is not first.value and second.value.status == "parse_error"


def test_limit_errors_are_not_remembered():
    memo: Memo[int] = Memo()

    def slow() -> int:
        raise MathError("limit", "took too long")

    with pytest.raises(MathError):
        memo.get_or_compute("k", slow)
    assert memo.get_or_compute("k", lambda: 3) == 3


def test_a_full_memo_is_emptied_before_the_next_entry():
    memo: Memo[int] = Memo(3)
    for i, key in enumerate("abc"):
        memo.put(key, i)
    assert [memo.get(k) for k in "abc"] == [0, 1, 2]
    memo.put("d", 3)
    assert [memo.get(k) for k in "abcd"] == [None, None, None, 3]


def test_get_or_compute_stays_within_the_bound():
    memo: Memo[str] = Memo(2)
    calls: list[str] = []
    for key in ["a", "b", "c", "a"]:
        memo.get_or_compute(key, lambda key=key: calls.append(key) or key.upper())
    # "c" found the memo full and emptied it, so "a" is computed a second time.
    assert calls == ["a", "b", "c", "a"]


def _all_modules() -> list[str]:
    import pkgutil

    import hw7grade

    names = [m.name for m in pkgutil.walk_packages(hw7grade.__path__, "hw7grade.")]
    return [n for n in names if not n.endswith("__main__")]


def test_every_memo_and_cache_is_bounded():
    """A long-lived worker grades thousands of answers: no memo may grow with them."""
    import functools
    import importlib
    import inspect

    from hw7grade.algebra import memo as memo_module

    caches = {}
    for name in _all_modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, functools._lru_cache_wrapper) and getattr(value, "__module__", None) == name:
                caches[f"{name}.{attr}"] = value.cache_parameters()["maxsize"]
    unbounded = sorted(k for k, size in caches.items() if size is None)
    assert unbounded == []
    assert len(caches) >= 10  # the walk did find the module-level caches
    memos = memo_module._ALL
    assert len(memos) >= 9
    assert all(0 < m._size <= memo_module.MEMO_MAX_ENTRIES for m in memos)
    assert inspect.signature(Memo).parameters["size"].default == memo_module.MEMO_MAX_ENTRIES


def test_clear_memos_empties_every_memo():
    import hw7grade.algebra.equivalence  # noqa: F401 (creates its memos)
    from hw7grade.algebra.memo import _ALL, clear_memos

    memo: Memo[int] = Memo()
    memo.put("k", 1)
    clear_memos()
    assert memo.get("k") is None
    assert all(not m._data for m in _ALL)
