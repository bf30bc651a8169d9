"""The time budget for grading in this process, for a batch too small to pay for a worker process.

The main thread arms a timer (SIGALRM) and its handler raises `Overrun` wherever grading is: in a
Python loop, in a regular expression (the regex engine checks for signals while it backtracks) or
in big-number arithmetic. As in a worker, the budget restarts at each item. What a worker survives
and this process would not is a crash of the interpreter itself, so larger batches keep their
workers. Only the main thread of a POSIX process receives the signal: elsewhere
`hw7grade.alarm.available()` is False and the caller grades in a worker. The failure messages are
the workers' too.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

from ..alarm import alarm

DEFAULT_TIME_LIMIT_S = 10.0
"""Seconds grading one conversation may take (`--time-limit`)."""
FAILURE_CHARS = 200
"""Characters of an exception's text kept in the error of the transcript it stopped."""


class Overrun(BaseException):
    """Raised by the timer; a BaseException, so grading's own `except Exception` cannot swallow it."""


def overrun_message(seconds: float) -> str:
    return f"grading took longer than {seconds:g} s, so it was stopped"


def failure_message(exc: Exception) -> str:
    text = f"{exc.__class__.__name__}: {exc}"
    return f"grading failed ({text[:FAILURE_CHARS]})"


@contextmanager
def budget(seconds: float) -> Iterator[Callable[[], None]]:
    """Raise `Overrun` in the block once `seconds` pass without a call of the function it yields
    (which restarts the budget). An outer timer is paused and re-armed afterwards (`alarm`)."""
    with alarm(seconds, Overrun) as arm:
        yield lambda: arm(seconds)
