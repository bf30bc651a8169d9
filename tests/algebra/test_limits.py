"""Hostile input returns an error result quickly, from any thread, and never runs model text."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from hw7grade.algebra import Deadline, MathError, compare, parse_statements
from hw7grade.algebra.limits import MAX_INPUT_CHARS
from hw7grade.rubric.course import default_course

HW7_SHAPES = dict(default_course().shapes)
"""The bundled course file's shapes (X, W_1, W_2, U_k)."""

G1 = r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top"
FAST_S = 0.5

HOSTILE = [
    ("__import__('os').system('echo pwned')", "parse_error"),
    ("9^{9^{9^{9}}}", "limit"),
    ("(" * 500 + "X" + ")" * 500, "limit"),
    ("{" * 500 + "X" + "}" * 500, "limit"),
    ("X" + "+X" * 1600, "limit"),  # too many nodes (under the length limit)
    ("X" * (MAX_INPUT_CHARS + 1), "limit"),
    ("X^{" + "-" * 50 + "1}", "unsupported"),
    ("\\frac{1}{0} X", "parse_error"),
    ("W_1 " + "+ W_1 " * 1400, "limit"),  # too long
    ("((X X^T)^{12})^{12}", "not_equivalent"),  # large powers stay cheap modulo p
]


@pytest.mark.parametrize("text, status", HOSTILE, ids=[h[0][:20] for h in HOSTILE])
def test_hostile_input_is_an_error_result_and_quick(text, status):
    start = time.monotonic()
    result = compare(G1, text, HW7_SHAPES)
    assert result.status == status, result
    assert time.monotonic() - start < FAST_S


def test_works_off_the_main_thread():
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(
            pool.map(
                lambda t: compare(G1, t, HW7_SHAPES).status, [h[0] for h in HOSTILE] + ["W_2^T (W_2 W_1 - I) X X^T = 0"]
            )
        )
    assert results == [h[1] for h in HOSTILE] + ["equivalent"]


def test_an_expired_deadline_stops_work():
    deadline = Deadline(0.0)
    time.sleep(0.001)
    with pytest.raises(MathError) as info:
        parse_statements("X" + " + X" * 600, deadline=deadline)
    assert info.value.status == "limit"


def test_model_text_is_never_evaluated(monkeypatch):
    import builtins

    def forbidden(*args, **kwargs):
        raise AssertionError("eval/exec called")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    assert compare(G1, "eval('1')", HW7_SHAPES).status in ("parse_error", "unsupported")
