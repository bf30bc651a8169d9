"""Anthropic's Message Batches: one create call carrying every request's `params`, poll until
`ended`, then stream the results JSONL from the batch's `results_url` (the SDK's `results`).

Each request's `params` is the body `AnthropicProvider` sends live, the temperature included.
"""

from __future__ import annotations

import json
from typing import Sequence

from .anthropic import AnthropicProvider
from .base import Completion, Usage, server_message
from .batch_base import BATCH_CALL_TIMEOUT_S, BatchRequest, BatchResult, BatchStatus, retrying, wire_body
from .faults import classify
from .registry import ProviderInfo
from .retry import RetryPolicy

ENDED = "ended"


class AnthropicBatch(AnthropicProvider):
    def __init__(
        self, model: str, api_key: str, base_url: str | None, policy: RetryPolicy, info: ProviderInfo | None = None
    ) -> None:
        super().__init__(model, api_key, base_url, info)
        self._policy = policy

    def _call(self, fn):
        return retrying(
            self._policy,
            fn,
            lambda exc: classify(exc, self._sdk, self.info.label, self.info.key_env, BATCH_CALL_TIMEOUT_S),
        )

    def request_entry(self, request: BatchRequest) -> dict:
        return {
            "custom_id": request.custom_id,
            "params": wire_body(self._request(list(request.messages), request.params)),
        }

    def submit(self, requests: Sequence[BatchRequest]) -> str:
        entries = [self.request_entry(r) for r in requests]
        batch = self._call(lambda: self._client.messages.batches.create(requests=entries, timeout=BATCH_CALL_TIMEOUT_S))  # type: ignore[arg-type]  # the SDK's Request TypedDicts, built as dicts
        return batch.id

    def status(self, batch_id: str) -> BatchStatus:
        batch = self._call(lambda: self._client.messages.batches.retrieve(batch_id, timeout=BATCH_CALL_TIMEOUT_S))
        return BatchStatus(batch.processing_status == ENDED, batch.processing_status, batch.request_counts.model_dump())

    def results(self, batch_id: str) -> list[BatchResult]:
        rows = self._call(lambda: list(self._client.messages.batches.results(batch_id, timeout=BATCH_CALL_TIMEOUT_S)))
        return [self._row(row) for row in rows]

    def _row(self, row) -> BatchResult:
        """One results line; a malformed line is an errored row, never a crash."""
        cid = str(getattr(row, "custom_id", "") or "")
        try:
            result = row.result
            if result.type == "succeeded":
                return BatchResult(cid, "succeeded", self._completion(result.message))
            if result.type == "errored":
                error = result.error.model_dump() if hasattr(result.error, "model_dump") else result.error
                return BatchResult(cid, "errored", reason=server_message(error, "errored"))
            if result.type in ("expired", "canceled"):
                return BatchResult(cid, result.type)
        except (AttributeError, TypeError, ValueError):
            pass
        return BatchResult(cid, "errored", reason="The result row is not shaped like a Messages answer.")

    def _completion(self, message) -> Completion:
        text = "".join(block.text for block in message.content if block.type == "text")
        calls = [b.input for b in message.content if b.type == "tool_use"]
        if calls and message.stop_reason == "tool_use":
            text = json.dumps(calls[0])  # a forced tool call's input is the structured answer, as live
        usage = Usage(message.usage.input_tokens, message.usage.output_tokens)
        return Completion(text, message.model or self.model, self.name, usage, 0.0, message.stop_reason)
