"""The one small interface every model provider implements, and the values it trades in.

Providers translate their SDK's exceptions into `RetryableError` (worth another attempt),
`AuthError` (a key or quota problem: retrying cannot help) and `ProviderError` (give up), so the
retry loop and the CLI never see an SDK type. Messages they build pass through `scrub` first:
server error text may echo the key back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Callable, Generator, Protocol, Sequence

from ..errors import ProviderError
from ..shorten import shorten
from .registry import scrub

if TYPE_CHECKING:
    from ..conversation import Role

ERROR_TEXT_LIMIT = 300
"""Characters of a server's error message worth showing; the rest is noise."""


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@dataclass(frozen=True)
class StructuredOutput:
    """Ask for JSON of this schema: OpenAI `response_format` json_schema, Anthropic a forced tool.

    The answer's text is then that JSON (for Anthropic, the tool call's input), or a refusal with
    `finish_reason` "refusal". Only `complete` supports it; the judge does not stream."""

    name: str
    description: str
    schema_json: str
    """The JSON schema as canonical JSON text (hashable, and stable in the cache key)."""


@dataclass(frozen=True)
class ProviderParams:
    """What shapes an answer (and so the cache key), plus the per-request timeout, which does not."""

    temperature: float | None = None
    """None: the provider's default (not sent)."""
    max_tokens: int = 2048
    system: str | None = None
    timeout_s: float = 120.0
    structured: StructuredOutput | None = None
    reasoning: bool = False
    """A reasoning model (aliases.toml `[reasoning]`): OpenAI's take `max_completion_tokens` and no
    temperature; Anthropic's may think."""
    reasoning_effort: str | None = None
    """OpenAI reasoning models: low, medium or high."""
    thinking_budget: int | None = None
    """Anthropic extended thinking: tokens the model may think for, on top of `max_tokens`."""

    def request_fields(self) -> dict[str, object]:
        """The fields that change the answer: part of the cache key and of the transcript."""
        fields = asdict(self)
        fields.pop("timeout_s")
        for name in ("structured", "reasoning", "reasoning_effort", "thinking_budget"):
            if not fields[name]:
                fields.pop(name)  # keys of plain requests stay as they were
        return fields


@dataclass(frozen=True)
class Usage:
    input_tokens: int | None = None
    output_tokens: int | None = None
    reasoning_tokens: int | None = None
    """Of the output tokens, those spent reasoning or thinking (billed as output, never graded)."""


@dataclass(frozen=True)
class Completion:
    text: str
    model: str
    """The model id the provider reported (an alias like `gpt-4o` resolves to a dated id)."""
    provider: str
    usage: Usage = Usage()
    latency_s: float = 0.0
    finish_reason: str | None = None
    cached: bool = False

    def __post_init__(self) -> None:
        # A server may echo the key in the answer or the model id: gone before anything prints it.
        for name in ("text", "model"):
            value = getattr(self, name)
            if isinstance(value, str) and (clean := scrub(value)) != value:
                object.__setattr__(self, name, clean)


TextStream = Generator[str, None, Completion]
"""Yields text deltas as they arrive; its return value (StopIteration.value) is the Completion."""


class Provider(Protocol):
    name: str
    model: str

    def stream(self, messages: Sequence[Message], params: ProviderParams) -> TextStream:
        """Stream one answer; raises RetryableError if the stream ends before the model finished."""
        ...

    def complete(self, messages: Sequence[Message], params: ProviderParams) -> Completion:
        """One non-streaming request, for servers or proxies without SSE."""
        ...

    def close(self) -> None:
        """Release connections; from another thread it also ends a request in flight (Ctrl-C)."""
        ...


class RetryableError(ProviderError):
    """A failure another attempt may fix: 429, 5xx, timeout, dropped connection, broken stream."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class Cancelled(Exception):
    """Raised inside a stream when the user pressed Ctrl-C: the partial answer is dropped."""


def drain(
    stream: TextStream, on_text: Callable[[str], None] | None = None, should_stop: Callable[[], bool] | None = None
) -> Completion:
    """Run a TextStream to the end, feeding deltas to `on_text`, and return its Completion."""
    try:
        while True:
            delta = next(stream)
            if should_stop is not None and should_stop():
                stream.close()
                raise Cancelled()
            if on_text is not None:
                on_text(delta)
    except StopIteration as done:
        return done.value


def server_message(body: object, fallback: str) -> str:
    """The human part of an error body (`{"error": {"message": ...}}`), scrubbed and shortened."""
    message = None
    error = body.get("error", body) if isinstance(body, dict) else None
    if isinstance(error, dict):
        message = error.get("message")
    elif isinstance(body, str) and body.strip():
        message = body
    return shorten(scrub(str(message or fallback)), ERROR_TEXT_LIMIT)  # scrubbed before the cut: a key may straddle it
