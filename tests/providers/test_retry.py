from __future__ import annotations

import random

import pytest

from hw7grade.errors import AuthError, ProviderError, UsageError
from hw7grade.providers.base import RetryableError
from hw7grade.providers.faults import retry_after_s
from hw7grade.providers.retry import BACKOFF_BASE_S, JITTER, RetryPolicy, with_retries


def flaky(failures: list[Exception], result: str = "ok"):
    calls = []

    def attempt():
        calls.append(1)
        if failures:
            raise failures.pop(0)
        return result

    return attempt, calls


def test_retries_until_success_and_honours_retry_after():
    attempt, calls = flaky([RetryableError("429", retry_after_s=3.0), RetryableError("500")])
    waits: list[float] = []
    policy = RetryPolicy(max_retries=3, backoff_base_s=0.5)
    assert with_retries(attempt, policy, sleep=waits.append) == "ok"
    assert len(calls) == 3
    assert waits[0] == 3.0
    assert 0.5 * 2 * (1 - JITTER) <= waits[1] <= 0.5 * 2


def test_retry_after_is_capped():
    policy = RetryPolicy(retry_after_cap_s=5.0)
    assert policy.delay(0, 3600.0) == 5.0


def test_backoff_doubles_and_stops_at_its_maximum():
    policy = RetryPolicy(backoff_base_s=1.0, backoff_max_s=4.0)
    rng = random.Random(0)
    delays = [policy.delay(n, None, rng) for n in range(5)]
    assert delays[0] <= 1.0 and delays[2] > delays[0]
    assert all(d <= 4.0 for d in delays) and delays[4] >= 4.0 * (1 - JITTER)


def test_gives_up_after_max_retries_as_provider_error():
    attempt, calls = flaky([RetryableError("boom")] * 5)
    with pytest.raises(ProviderError, match="Gave up after 3 attempt") as caught:
        with_retries(attempt, RetryPolicy(max_retries=2, backoff_base_s=0), sleep=lambda s: None)
    assert type(caught.value) is ProviderError and caught.value.exit_code == 3
    assert len(calls) == 3


def test_total_wait_is_capped():
    attempt, calls = flaky([RetryableError("429", retry_after_s=50.0)] * 5)
    waits: list[float] = []
    policy = RetryPolicy(max_retries=10, retry_after_cap_s=60.0, total_wait_cap_s=120.0)
    with pytest.raises(ProviderError, match="120s limit"):
        with_retries(attempt, policy, sleep=waits.append)
    assert waits == [50.0, 50.0] and len(calls) == 3


def test_non_retryable_errors_pass_through_at_once():
    attempt, calls = flaky([AuthError("bad key")])
    with pytest.raises(AuthError):
        with_retries(attempt, RetryPolicy(), sleep=lambda s: pytest.fail("must not wait"))
    assert len(calls) == 1


def test_on_retry_sees_each_retry():
    attempt, _ = flaky([RetryableError("a"), RetryableError("b")])
    seen = []
    with_retries(
        attempt, RetryPolicy(backoff_base_s=0), on_retry=lambda n, w, e: seen.append((n, str(e))), sleep=lambda s: None
    )
    assert seen == [(1, "a"), (2, "b")]


def test_policy_from_env(monkeypatch):
    monkeypatch.setenv("HW7GRADE_BACKOFF_BASE_S", "0.01")
    monkeypatch.setenv("HW7GRADE_RETRY_AFTER_CAP_S", "0.2")
    policy = RetryPolicy.from_env(max_retries=1)
    assert (policy.backoff_base_s, policy.retry_after_cap_s, policy.max_retries) == (0.01, 0.2, 1)
    monkeypatch.setenv("HW7GRADE_BACKOFF_BASE_S", "soon")
    with pytest.raises(UsageError, match="HW7GRADE_BACKOFF_BASE_S"):
        RetryPolicy.from_env()


def test_total_wait_may_reach_the_cap_exactly():
    attempt, calls = flaky([RetryableError("429", retry_after_s=60.0)] * 5)
    waits: list[float] = []
    policy = RetryPolicy(max_retries=10, retry_after_cap_s=60.0, total_wait_cap_s=120.0)
    with pytest.raises(ProviderError) as caught:
        with_retries(attempt, policy, sleep=waits.append)
    assert waits == [60.0, 60.0] and len(calls) == 3
    assert str(caught.value) == "429 Gave up after 3 attempt(s): waiting 60s more would pass the 120s limit."


@pytest.mark.parametrize("raw, expected", [("", BACKOFF_BASE_S), ("0", 0.0), ("0.5", 0.5)])
def test_policy_from_env_empty_is_the_default_and_zero_is_allowed(monkeypatch, raw, expected):
    monkeypatch.setenv("HW7GRADE_BACKOFF_BASE_S", raw)
    assert RetryPolicy.from_env().backoff_base_s == expected


@pytest.mark.parametrize(
    "headers, expected",
    [
        ({"retry-after": "12"}, 12.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "300", "retry-after": "9"}, 0.3),
        ({"retry-after": "Thu, 01 Jan 2037 00:00:10 GMT"}, 10.0),
        ({"retry-after": "whenever"}, None),
        ({}, None),
    ],
)
def test_retry_after_header_forms(headers, expected):
    now = 2114380800.0  # 2037-01-01T00:00:00Z
    assert retry_after_s(headers, now=now) == expected
