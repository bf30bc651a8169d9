"""Retries with exponential backoff and jitter, honouring `retry-after`, with a cap on total waiting.

One policy for every provider (the SDKs' own retries are off), so behaviour is the same for
OpenAI and Anthropic and tests can shrink the waits through the environment.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from typing import Callable, TypeVar

from ..errors import ProviderError, UsageError
from .base import RetryableError

DEFAULT_MAX_RETRIES = 4
BACKOFF_BASE_S = 1.0
"""First backoff; doubles each retry."""
BACKOFF_MAX_S = 30.0
RETRY_AFTER_CAP_S = 60.0
"""A server asking for a longer pause than this gets this long."""
TOTAL_WAIT_CAP_S = 180.0
"""Give up rather than wait longer than this in total for one answer."""
JITTER = 0.25
"""Each backoff is scaled by a random factor in [1 - JITTER, 1]."""
BACKOFF_BASE_ENV = "HW7GRADE_BACKOFF_BASE_S"
RETRY_AFTER_CAP_ENV = "HW7GRADE_RETRY_AFTER_CAP_S"

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = DEFAULT_MAX_RETRIES
    backoff_base_s: float = BACKOFF_BASE_S
    backoff_max_s: float = BACKOFF_MAX_S
    retry_after_cap_s: float = RETRY_AFTER_CAP_S
    total_wait_cap_s: float = TOTAL_WAIT_CAP_S

    @classmethod
    def from_env(cls, max_retries: int = DEFAULT_MAX_RETRIES) -> "RetryPolicy":
        """Defaults, with the backoff base and retry-after cap overridable (tests make them tiny)."""
        return cls(
            max_retries=max_retries,
            backoff_base_s=_env_seconds(BACKOFF_BASE_ENV, BACKOFF_BASE_S),
            retry_after_cap_s=_env_seconds(RETRY_AFTER_CAP_ENV, RETRY_AFTER_CAP_S),
        )

    def delay(self, retry: int, retry_after_s: float | None, rng: random.Random | None = None) -> float:
        """Wait before retry number `retry` (0-based): the server's ask if given, else backoff."""
        if retry_after_s is not None:
            return min(retry_after_s, self.retry_after_cap_s)
        backoff = min(self.backoff_max_s, self.backoff_base_s * 2**retry)
        return backoff * (1 - JITTER * (rng or random).random())


def _env_seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0:
        raise UsageError(f"{name} must be a number of seconds >= 0, not {raw!r}.")
    return value


OnRetry = Callable[[int, float, RetryableError], None]
"""Called before each wait with (retry number from 1, seconds to wait, the error)."""


def with_retries(
    attempt: Callable[[], T],
    policy: RetryPolicy,
    on_retry: OnRetry | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> T:
    """Call `attempt` until it succeeds, retrying only RetryableError; other errors pass through."""
    waited = 0.0
    retry = 0
    while True:
        try:
            return attempt()
        except RetryableError as exc:
            if retry >= policy.max_retries:
                raise ProviderError(f"{exc} Gave up after {retry + 1} attempt(s).") from None
            wait = policy.delay(retry, exc.retry_after_s)
            if waited + wait > policy.total_wait_cap_s:
                raise ProviderError(
                    f"{exc} Gave up after {retry + 1} attempt(s): waiting {wait:.0f}s more would pass "
                    f"the {policy.total_wait_cap_s:.0f}s limit."
                ) from None
            retry += 1
            if on_retry is not None:
                on_retry(retry, wait, exc)
            sleep(wait)
            waited += wait
