"""A provider that needs no SDK and no server, for the registry test: it answers with a fixed text
and fails with its key in the message when asked to (to show the key is scrubbed)."""

from __future__ import annotations

from typing import Sequence

from hw7grade.providers.base import Completion, Message, ProviderError, ProviderParams, TextStream, Usage
from hw7grade.providers.registry import ProviderInfo, scrub

ANSWER = "Teacher forcing feeds the reference shifted right.\n\nAnswer: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog"


class EchoProvider:
    def __init__(self, model: str, api_key: str, base_url: str | None = None, info: ProviderInfo | None = None) -> None:
        assert info is not None
        self.info, self.name, self.model, self._key = info, info.name, model, api_key

    def complete(self, messages: Sequence[Message], params: ProviderParams) -> Completion:
        if self.model == "leaky":
            raise ProviderError(scrub(f"{self.info.label} refused key {self._key}."))
        return Completion(ANSWER, self.model, self.name, Usage(3, 5), 0.01, "stop")

    def stream(self, messages: Sequence[Message], params: ProviderParams) -> TextStream:
        completion = self.complete(messages, params)
        yield completion.text
        return completion

    def close(self) -> None:
        pass
