"""`Asker`: the part shared by every conversation of a run, the response cache, the retry policy and
the cancel flag Ctrl-C sets. It gets one complete answer, from the cache or from the provider."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable, Protocol

from .base import Cancelled, Completion, Message, Provider, ProviderParams, drain
from .cache import ResponseCache, cache_key, request_record
from .retry import OnRetry, RetryPolicy, with_retries


class Tally(Protocol):
    """Counts each answer's tokens and cost, and may refuse a request before it is sent
    (`runs/cost.py`'s Budget, for `ask --max-cost`)."""

    def admit(self, model: str, messages: list[Message], params: ProviderParams) -> float: ...

    def settle(self, model: str, reservation: float, completion: Completion | None) -> None: ...


@dataclass
class Asker:
    policy: RetryPolicy
    cache: ResponseCache | None = None
    use_stream: bool = True
    cancel: threading.Event = field(default_factory=threading.Event)
    budget: Tally | None = None
    """Counts tokens and cost per model and may refuse a request (`ask --max-cost`)."""

    def answer(
        self,
        provider: Provider,
        endpoint: str | None,
        messages: list[Message],
        params: ProviderParams,
        on_text: Callable[[str], None] | None = None,
        on_retry: OnRetry | None = None,
        sample: int = 0,
    ) -> Completion:
        """A complete answer from the cache or the provider (with retries); cached if fresh.

        `sample` > 0 (the second and later of `--samples N`) is part of the cache key, so repeated
        samples are asked, not read back; sample 0 keeps the key a single ask has."""
        record = request_record(provider.name, provider.model, messages, params, sample)
        key = cache_key(record, endpoint)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                if on_text is not None:
                    on_text(hit.text)
                if self.budget is not None:
                    self.budget.settle(provider.model, 0.0, hit)
                return hit
        reservation = self.budget.admit(provider.model, messages, params) if self.budget is not None else 0.0

        def attempt() -> Completion:
            if self.cancel.is_set():
                raise Cancelled()
            if self.use_stream:
                return drain(provider.stream(messages, params), on_text, self.cancel.is_set)
            completion = provider.complete(messages, params)
            if on_text is not None:
                on_text(completion.text)
            return completion

        try:
            completion = with_retries(attempt, self.policy, on_retry, sleep=self.cancel.wait)
        except BaseException:
            if self.budget is not None:
                self.budget.settle(provider.model, reservation, None)
            raise
        if self.budget is not None:
            self.budget.settle(provider.model, reservation, completion)
        if self.cache is not None:
            try:
                self.cache.put(key, record, completion)
            except OSError:
                pass  # an unwritable cache only costs a later request, never this answer
        return completion
