"""Anthropic through the Messages API, reading the raw stream events.

The key is passed explicitly so the SDK never falls back to profiles or config files on disk;
its own retries are off (`max_retries=0`): `retry.py` retries every provider the same way.
"""

from __future__ import annotations

import json
import time
from typing import Sequence

from .base import Completion, Message, ProviderParams, RetryableError, TextStream, Usage
from .faults import classify
from .registry import PROVIDERS, ProviderInfo


def _thinking_tokens(usage) -> int | None:
    details = getattr(usage, "output_tokens_details", None)
    return getattr(details, "thinking_tokens", None)


class AnthropicProvider:
    def __init__(self, model: str, api_key: str, base_url: str | None = None, info: ProviderInfo | None = None) -> None:
        import anthropic

        self.info = info or PROVIDERS["anthropic"]
        self.name = self.info.name
        self.model = model
        self._sdk = anthropic
        # base_url None lets the SDK read ANTHROPIC_BASE_URL itself.
        self._client = anthropic.Anthropic(api_key=api_key, base_url=base_url, max_retries=0)
        self._messages = self._client.messages  # the SDK imports it on first use: now, not mid-request

    def _request(self, messages: Sequence[Message], params: ProviderParams) -> dict:
        request: dict = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "max_tokens": params.max_tokens,
            "timeout": params.timeout_s,
        }
        if params.system:
            request["system"] = params.system
        if params.thinking_budget:
            # Extended thinking: the budget comes on top of the answer's tokens; temperature stays 1.
            request["thinking"] = {"type": "enabled", "budget_tokens": params.thinking_budget}
            request["max_tokens"] = params.max_tokens + params.thinking_budget
        elif params.temperature is not None:
            # This SDK version has no `temperature` argument; the API field still exists for the
            # models that accept it, so it goes in the body as is.
            request["extra_body"] = {"temperature": params.temperature}
        if params.structured is not None:
            request["tools"] = [
                {
                    "name": params.structured.name,
                    "description": params.structured.description,
                    "input_schema": json.loads(params.structured.schema_json),
                }
            ]
            request["tool_choice"] = {"type": "tool", "name": params.structured.name}
        return request

    def stream(self, messages: Sequence[Message], params: ProviderParams) -> TextStream:
        started = time.monotonic()
        parts: list[str] = []
        model, finish, stopped = self.model, None, False
        input_tokens = output_tokens = thinking_tokens = None
        try:
            events = self._messages.create(**self._request(messages, params), stream=True)
            with events:
                for event in events:
                    if event.type == "message_start":
                        model = event.message.model or model
                        input_tokens = event.message.usage.input_tokens
                        output_tokens = event.message.usage.output_tokens
                    elif event.type == "content_block_delta" and event.delta.type == "text_delta":
                        parts.append(event.delta.text)
                        yield event.delta.text
                    elif event.type == "message_delta":
                        finish = event.delta.stop_reason or finish
                        output_tokens = event.usage.output_tokens
                        input_tokens = event.usage.input_tokens or input_tokens
                        thinking_tokens = _thinking_tokens(event.usage) or thinking_tokens
                    elif event.type == "message_stop":
                        stopped = True
        except Exception as exc:
            raise self._classify(exc, params) from None
        if not stopped:
            raise RetryableError(f"{self.info.label}'s stream ended before the answer was finished.")
        usage = Usage(input_tokens, output_tokens, thinking_tokens)
        return Completion("".join(parts), model, self.name, usage, time.monotonic() - started, finish)

    def complete(self, messages: Sequence[Message], params: ProviderParams) -> Completion:
        started = time.monotonic()
        try:
            message = self._messages.create(**self._request(messages, params))
        except Exception as exc:
            raise self._classify(exc, params) from None
        text = "".join(block.text for block in message.content if block.type == "text")
        if params.structured is not None and message.stop_reason != "refusal":
            # The forced tool call's input is the structured answer.
            calls = [b.input for b in message.content if b.type == "tool_use" and b.name == params.structured.name]
            text = json.dumps(calls[0]) if calls else text
        usage = Usage(message.usage.input_tokens, message.usage.output_tokens, _thinking_tokens(message.usage))
        return Completion(
            text, message.model or self.model, self.name, usage, time.monotonic() - started, message.stop_reason
        )

    def close(self) -> None:
        self._client.close()

    def _classify(self, exc: Exception, params: ProviderParams):
        return classify(exc, self._sdk, self.info.label, self.info.key_env, params.timeout_s)
