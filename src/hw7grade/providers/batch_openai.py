"""OpenAI's Batch API: upload a JSONL file of Chat Completions requests, create a batch, poll,
download the output and error files.

Each line's `body` is what `OpenAIProvider` sends live (non-streaming). Failed and expired
requests come back in the error file (`error.code` `batch_expired` for expiry).
"""

from __future__ import annotations

import json
from typing import Any, Final, Sequence

from .base import Completion, Usage, server_message
from .batch_base import BATCH_CALL_TIMEOUT_S, BatchRequest, BatchResult, BatchStatus, Outcome, retrying, wire_body
from .faults import classify
from .openai import OpenAIProvider
from .registry import ProviderInfo, scrub
from .retry import RetryPolicy

ENDPOINT: Final = "/v1/chat/completions"
COMPLETION_WINDOW: Final = "24h"
INPUT_FILE_NAME = "hw7grade-batch.jsonl"
ENDED = frozenset({"completed", "failed", "expired", "cancelled"})
ROW_OUTCOMES: dict[str, Outcome] = {"batch_expired": "expired", "batch_cancelled": "canceled"}


class OpenAIBatch(OpenAIProvider):
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

    def request_line(self, request: BatchRequest) -> dict:
        body = wire_body(self._request(list(request.messages), request.params))
        return {"custom_id": request.custom_id, "method": "POST", "url": ENDPOINT, "body": body}

    def submit(self, requests: Sequence[BatchRequest]) -> str:
        data = "".join(json.dumps(self.request_line(r), ensure_ascii=False) + "\n" for r in requests).encode("utf-8")
        upload = self._call(
            lambda: self._client.files.create(
                file=(INPUT_FILE_NAME, data, "application/jsonl"), purpose="batch", timeout=BATCH_CALL_TIMEOUT_S
            )
        )
        batch = self._call(
            lambda: self._client.batches.create(
                input_file_id=upload.id,
                endpoint=ENDPOINT,
                completion_window=COMPLETION_WINDOW,
                metadata={"created_by": "hw7grade"},
                timeout=BATCH_CALL_TIMEOUT_S,
            )
        )
        return batch.id

    def _retrieve(self, batch_id: str):
        return self._call(lambda: self._client.batches.retrieve(batch_id, timeout=BATCH_CALL_TIMEOUT_S))

    def status(self, batch_id: str) -> BatchStatus:
        batch = self._retrieve(batch_id)
        counts = batch.request_counts.model_dump() if batch.request_counts is not None else {}
        problem = ""
        if batch.status == "failed" and batch.errors is not None and batch.errors.data:
            problem = "; ".join(scrub(e.message or e.code or "error") for e in batch.errors.data)
        return BatchStatus(batch.status in ENDED, batch.status, counts, problem)

    def results(self, batch_id: str) -> list[BatchResult]:
        batch = self._retrieve(batch_id)
        rows: list[BatchResult] = []
        for file_id in (batch.output_file_id, batch.error_file_id):
            if not file_id:
                continue
            content = self._call(lambda: self._client.files.content(file_id, timeout=BATCH_CALL_TIMEOUT_S))  # noqa: B023 (called now)
            for line in content.text.splitlines():
                if line.strip():
                    rows.append(self._row(line))
        return rows

    def _row(self, line: str) -> BatchResult:
        """One output/error file line; a malformed line is an errored row, never a crash."""
        try:
            data = json.loads(line)
            cid = str(data["custom_id"])
        except (ValueError, KeyError, TypeError):
            return BatchResult("", "errored", reason="An unreadable line in the batch's result file.")
        try:
            error = data.get("error")
            if error:
                code = error.get("code") if isinstance(error, dict) else None
                outcome = ROW_OUTCOMES.get(code or "", "errored")
                return BatchResult(cid, outcome, reason=server_message({"error": error}, str(code or "error")))
            response = data.get("response") or {}
            status, body = response.get("status_code"), response.get("body")
            if status != 200:
                return BatchResult(cid, "errored", reason=f"HTTP {status}: {server_message(body, 'no message')}")
            return self._succeeded(cid, body)
        except (AttributeError, TypeError, IndexError):
            return BatchResult(cid, "errored", reason="The result row is not shaped like a Chat Completions answer.")

    def _succeeded(self, cid: str, body: Any) -> BatchResult:
        if not body.get("choices"):
            return BatchResult(cid, "errored", reason=f"{self.info.label} returned no answer.")
        choice = body["choices"][0]
        message = choice.get("message") or {}
        refusal = message.get("refusal")
        usage = body.get("usage") or {}
        completion = Completion(
            refusal or message.get("content") or "",
            body.get("model") or self.model,
            self.name,
            Usage(usage.get("prompt_tokens"), usage.get("completion_tokens")),
            0.0,
            "refusal" if refusal else choice.get("finish_reason"),
        )
        return BatchResult(cid, "succeeded", completion)
