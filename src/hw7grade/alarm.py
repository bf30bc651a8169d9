"""A timer signal that stops Python code wherever it is, and nests.

Grading (`grading.budget`) and sympy (`algebra.symbolic.bounded`) cannot check a deadline from
inside every loop, so in the main thread of a POSIX process a SIGALRM handler raises an exception
into whatever runs. Two things make that safe to rely on:

- The alarm repeats every ALARM_REPEAT_S until the block ends. Python drops an exception raised
  where it discards errors (a `__del__`, a weakref callback, a C path that clears them); one lost
  alarm would otherwise leave the block running with no timer at all, the outer one being paused.
- A timer armed outside (pytest-timeout, an enclosing alarm) is paused, served by its own handler
  if its time comes while the block runs, and re-armed afterwards with the time it had left.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

ALARM_REPEAT_S = 0.05
"""How often a due alarm is raised again, until the block has stopped."""
MIN_ARM_S = 0.001
"""Shortest time a timer is armed for (0 would disarm it)."""


def available() -> bool:
    """Only the main thread of a POSIX process receives the signal."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def alarm(seconds: float, error: type[BaseException]) -> Iterator[Callable[[float], None]]:
    """Raise `error` in the block once `seconds` pass. Yields a function that re-arms the timer
    with a new number of seconds from now. `error` should be a BaseException that is not an
    Exception, so the code it stops cannot catch it with `except Exception`."""
    armed = True

    def on_alarm(signum: int, frame: Any) -> None:
        if not armed:
            return
        if outer_left and time.monotonic() - started >= outer_left and callable(previous):
            previous(signum, frame)
        raise error

    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
    started = time.monotonic()

    def arm(after_s: float) -> None:
        left = outer_left - (time.monotonic() - started) if outer_left else after_s
        signal.setitimer(signal.ITIMER_REAL, max(min(after_s, left), MIN_ARM_S), ALARM_REPEAT_S)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        arm(seconds)
        yield arm
    finally:
        armed = False  # first, with no call before it: an alarm due from here on does nothing
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), MIN_ARM_S))
