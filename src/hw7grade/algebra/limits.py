"""Hard limits and the time budget for everything that touches model text.

The budget is a deadline checked inside the lexer, parser and evaluator loops (not SIGALRM), so
it works from any thread or worker process.
"""

from __future__ import annotations

import time

MAX_INPUT_CHARS = 4000
"""Longest expression or equation text the parser accepts."""
MAX_DEPTH = 60
"""Deepest nesting of groups and sub-expressions."""
MAX_NODES = 1500
"""Most syntax-tree nodes per statement."""
MAX_EXPONENT = 12
"""Largest |n| in a power A^{n}; bigger exponents are a limit error, not a computation."""
MAX_NUMBER_DIGITS = 12
"""Longest integer or decimal literal."""
MAX_DECLARED_DIM = 32
"""Largest number a shape may declare (`--shape X=3,4`, rubric `shapes:`): declared sizes are
used as matrix sizes, so a bigger one is a limit error before anything is allocated."""
MATH_TIMEOUT_S = 2.0
"""Wall-clock budget for one parse-and-compare (or one whole check's candidate scan)."""

Status = str
"""One of the `MathResult.status` values (see `equivalence.STATUSES`)."""


class MathError(Exception):
    """Why a text could not be judged: status is parse_error, shape_error, unsupported or limit."""

    def __init__(self, status: Status, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Deadline:
    """A monotonic-clock deadline; `check()` raises a `limit` MathError once it has passed."""

    __slots__ = ("_end",)

    def __init__(self, seconds: float = MATH_TIMEOUT_S) -> None:
        self._end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self._end:
            raise MathError("limit", f"gave up after the {MATH_TIMEOUT_S:g} s time limit")

    def extend(self, seconds: float) -> None:
        """Give back time spent on a one-off per-process cost (importing sympy), not on this input."""
        self._end += seconds

    @property
    def remaining(self) -> float:
        """Seconds left (negative once past)."""
        return self._end - time.monotonic()

    @property
    def expired(self) -> bool:
        return time.monotonic() > self._end
