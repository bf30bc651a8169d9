"""`Asker`: the part shared by every conversation of a run, the response cache, the retry policy and
the cancel flag Ctrl-C sets. It gets one complete answer, from the cache or from the provider."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

from .base import Cancelled, Completion, Message, Provider, ProviderParams, drain
from .cache import ResponseCache, cache_key, request_record
from .retry import OnRetry, RetryPolicy, with_retries


@dataclass
class Asker:
    policy: RetryPolicy
    cache: ResponseCache | None = None
    use_stream: bool = True
    cancel: threading.Event = field(default_factory=threading.Event)

    def answer(
        self,
        provider: Provider,
        endpoint: str | None,
        messages: list[Message],
        params: ProviderParams,
        on_text: Callable[[str], None] | None = None,
        on_retry: OnRetry | None = None,
    ) -> Completion:
        """A complete answer from the cache or the provider (with retries); cached if fresh."""
        record = request_record(provider.name, provider.model, messages, params)
        key = cache_key(record, endpoint)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                if on_text is not None:
                    on_text(hit.text)
                return hit

        def attempt() -> Completion:
            if self.cancel.is_set():
                raise Cancelled()
            if self.use_stream:
                return drain(provider.stream(messages, params), on_text, self.cancel.is_set)
            completion = provider.complete(messages, params)
            if on_text is not None:
                on_text(completion.text)
            return completion

        completion = with_retries(attempt, self.policy, on_retry, sleep=self.cancel.wait)
        if self.cache is not None:
            try:
                self.cache.put(key, record, completion)
            except OSError:
                pass  # an unwritable cache only costs a later request, never this answer
        return completion
