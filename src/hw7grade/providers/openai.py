"""OpenAI (and any OpenAI-compatible server: vLLM, Ollama, ...) through the Chat Completions API.

The SDK's own retries are off (`max_retries=0`): `retry.py` retries every provider the same way.
"""

from __future__ import annotations

import json
import time
from typing import Sequence

from .base import Completion, Message, ProviderParams, RetryableError, TextStream, Usage
from .faults import classify
from .registry import PROVIDERS, ProviderInfo


def _usage(usage) -> Usage:
    details = getattr(usage, "completion_tokens_details", None)
    return Usage(usage.prompt_tokens, usage.completion_tokens, getattr(details, "reasoning_tokens", None))


class OpenAIProvider:
    def __init__(self, model: str, api_key: str, base_url: str | None = None, info: ProviderInfo | None = None) -> None:
        import openai

        self.info = info or PROVIDERS["openai"]
        self.name = self.info.name
        self.model = model
        self._sdk = openai
        # base_url None lets the SDK read OPENAI_BASE_URL itself.
        self._client = openai.OpenAI(api_key=api_key, base_url=base_url, max_retries=0)
        self._completions = self._client.chat.completions  # the SDK imports it on first use: now, not mid-request

    def _request(self, messages: Sequence[Message], params: ProviderParams) -> dict:
        chat = [{"role": "system", "content": params.system}] if params.system else []
        chat += [{"role": m.role, "content": m.content} for m in messages]
        request: dict = {"model": self.model, "messages": chat, "timeout": params.timeout_s}
        if params.reasoning:
            # Reasoning models reject max_tokens and any temperature but the default.
            request["max_completion_tokens"] = params.max_tokens
            if params.reasoning_effort:
                request["reasoning_effort"] = params.reasoning_effort
        else:
            request["max_tokens"] = params.max_tokens
            if params.temperature is not None:
                request["temperature"] = params.temperature
        if params.structured is not None:
            request["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": params.structured.name,
                    "description": params.structured.description,
                    "schema": json.loads(params.structured.schema_json),
                    "strict": True,
                },
            }
        return request

    def stream(self, messages: Sequence[Message], params: ProviderParams) -> TextStream:
        started = time.monotonic()
        parts: list[str] = []
        model, finish, usage = self.model, None, Usage()
        try:
            response = self._completions.create(
                **self._request(messages, params), stream=True, stream_options={"include_usage": True}
            )
            with response:
                for chunk in response:
                    model = chunk.model or model
                    if chunk.usage is not None:
                        usage = _usage(chunk.usage)
                    for choice in chunk.choices:
                        if choice.delta is not None and choice.delta.content:
                            parts.append(choice.delta.content)
                            yield choice.delta.content
                        if choice.finish_reason:
                            finish = choice.finish_reason
        except Exception as exc:
            raise self._classify(exc, params) from None
        if finish is None:
            raise RetryableError(f"{self.info.label}'s stream ended before the answer was finished.")
        return Completion("".join(parts), model, self.name, usage, time.monotonic() - started, finish)

    def complete(self, messages: Sequence[Message], params: ProviderParams) -> Completion:
        started = time.monotonic()
        try:
            response = self._completions.create(**self._request(messages, params))
        except Exception as exc:
            raise self._classify(exc, params) from None
        if not response.choices:
            raise RetryableError(f"{self.info.label} returned no answer.")
        choice = response.choices[0]
        usage = _usage(response.usage) if response.usage else Usage()
        refusal = getattr(choice.message, "refusal", None)
        return Completion(
            refusal or choice.message.content or "",
            response.model or self.model,
            self.name,
            usage,
            time.monotonic() - started,
            "refusal" if refusal else choice.finish_reason,
        )

    def close(self) -> None:
        self._client.close()

    def _classify(self, exc: Exception, params: ProviderParams):
        return classify(exc, self._sdk, self.info.label, self.info.key_env, params.timeout_s)
