"""The timer that stops grading and sympy: it stops a busy block, stops it even when Python drops
the first alarm, serves an outer timer whose time comes first, and re-arms it afterwards."""

from __future__ import annotations

import signal
import time

import pytest

from hw7grade.alarm import ALARM_REPEAT_S, alarm, available

pytestmark = pytest.mark.skipif(not available(), reason="SIGALRM timers need the main thread of a POSIX process")

GUARD_S = 5.0
"""How long a block below spins at most, so that a broken timer fails the test instead of hanging it."""


class Stop(BaseException):
    pass


class Outer(BaseException):
    pass


def _spin(seconds: float = GUARD_S) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


class _SpinsWhenCollected:
    """An alarm that lands in a `__del__` is dropped by Python ("Exception ignored in ...")."""

    def __del__(self) -> None:
        _spin(0.3)


def test_a_busy_block_is_stopped_on_time():
    start = time.monotonic()
    with pytest.raises(Stop):
        with alarm(0.1, Stop):
            _spin()
    assert time.monotonic() - start < 1.0


def test_an_alarm_python_drops_is_raised_again(monkeypatch):
    dropped: list[type] = []
    monkeypatch.setattr("sys.unraisablehook", lambda unraisable: dropped.append(unraisable.exc_type))
    start = time.monotonic()
    with pytest.raises(Stop):
        with alarm(0.05, Stop):
            _SpinsWhenCollected()  # collected at once: the first alarm lands in its __del__
            assert dropped == [Stop]  # ... and Python dropped it
            _spin()
    assert time.monotonic() - start < 0.3 + 20 * ALARM_REPEAT_S


def test_the_re_arm_function_restarts_the_time():
    start = time.monotonic()
    with pytest.raises(Stop):
        with alarm(0.2, Stop) as arm:
            for _ in range(3):
                _spin(0.1)
                arm(0.2)  # never reaches 0.2 s without a restart
            _spin()
    assert 0.5 <= time.monotonic() - start < 1.5


def _outer_timer(seconds: float):
    def on_outer(signum, frame):
        raise Outer

    previous = signal.signal(signal.SIGALRM, on_outer)
    saved = signal.setitimer(signal.ITIMER_REAL, seconds)
    return previous, saved


def _restore(previous, saved) -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)
    if saved[0]:
        signal.setitimer(signal.ITIMER_REAL, *saved)


def test_an_outer_timer_due_first_is_served_by_its_own_handler():
    previous, saved = _outer_timer(0.1)
    try:
        start = time.monotonic()
        with pytest.raises(Outer):
            with alarm(5.0, Stop):
                _spin()
        assert time.monotonic() - start < 1.0
    finally:
        _restore(previous, saved)


def test_an_outer_timer_is_re_armed_with_the_time_it_had_left():
    previous, saved = _outer_timer(3.0)
    try:
        with alarm(5.0, Stop):
            _spin(0.2)
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 2.0 < left <= 2.85
        assert signal.getsignal(signal.SIGALRM) is not None and signal.getsignal(signal.SIGALRM).__name__ == "on_outer"
    finally:
        _restore(previous, saved)


def test_nested_alarms_stop_the_inner_block_and_leave_the_outer_one_running():
    start = time.monotonic()
    with pytest.raises(Outer):
        with alarm(0.6, Outer):
            with pytest.raises(Stop):
                with alarm(0.1, Stop):
                    _spin()
            assert time.monotonic() - start < 0.5
            _spin()
    assert time.monotonic() - start < 1.5
