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
