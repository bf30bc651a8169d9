"""The small interface both providers' batch APIs sit behind, and the values it trades in.

A batch request's body is built by the live provider's own request builder (`_request`), turned
into the JSON the SDK would send (`wire_body`), so a batched question is the same request a live
`ask` makes. Every HTTP step goes through the shared retry policy and fault mapping.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import Callable, Literal, Protocol, Sequence, TypeVar

from ..errors import Hw7gradeError, UsageError
from ..regexes import regex
from .base import Completion, Message, Provider, ProviderParams
from .models import ModelSpec, require_key
from .registry import client_base_url
from .retry import RetryPolicy, with_retries

BATCH_CALL_TIMEOUT_S = 120.0
"""Per HTTP call of the batch APIs (upload, create, poll, download)."""
CUSTOM_ID_RE = regex(r"^[A-Za-z0-9_-]{1,64}$")
"""What both APIs accept as a request's `custom_id`."""

Outcome = Literal["succeeded", "errored", "expired", "canceled"]
T = TypeVar("T")


@dataclass(frozen=True)
class BatchRequest:
    custom_id: str
    messages: tuple[Message, ...]
    params: ProviderParams


@dataclass(frozen=True)
class BatchStatus:
    ended: bool
    """True once the provider will change nothing more: results (if any) can be fetched."""
    provider_status: str
    """The provider's own word: OpenAI `validating`/`in_progress`/`completed`/...; Anthropic `in_progress`/`ended`."""
    counts: dict[str, int] = field(default_factory=dict)
    """Request counts as the provider reports them (names differ between providers)."""
    problem: str = ""
    """Why the whole batch failed (OpenAI `failed`: e.g. the input file was rejected)."""


@dataclass(frozen=True)
class BatchResult:
    custom_id: str
    outcome: Outcome
    completion: Completion | None = None
    reason: str = ""
    """For errored rows: the server's message, scrubbed and shortened."""


class BatchProvider(Provider, Protocol):
    """A provider's Batch API client; it is also its live client (the same request bodies), so a
    batch session records it as the session's provider."""

    def submit(self, requests: Sequence[BatchRequest]) -> str:
        """Create one batch of these requests; returns the provider's batch id."""
        ...

    def status(self, batch_id: str) -> BatchStatus: ...

    def results(self, batch_id: str) -> list[BatchResult]:
        """One row per request the provider reports on (call only once `status(...).ended`)."""
        ...

    def close(self) -> None: ...


def make_batch_provider(spec: ModelSpec, policy: RetryPolicy, base_url: str | None = None) -> BatchProvider:
    """Build the batch client for this model's provider; imports its SDK now."""
    info = spec.info
    if info.batch is None:
        raise UsageError(f"{info.label} has no Batch API; ask {spec.qualified} without --batch.")
    module_name, cls = info.batch
    module = importlib.import_module(module_name, __package__)
    return getattr(module, cls)(
        spec.model, require_key(spec.provider), client_base_url(spec.provider, base_url), policy, info=info
    )


def wire_body(sdk_kwargs: dict) -> dict:
    """The JSON body the SDK sends for these `create(**kwargs)`: `timeout` is client-side only,
    `extra_body` fields go in at the top level (that is how Anthropic's temperature travels)."""
    body = {k: v for k, v in sdk_kwargs.items() if k not in ("timeout", "extra_body")}
    body.update(sdk_kwargs.get("extra_body") or {})
    return body


def custom_id(part_id: str, index: int) -> str:
    """A custom_id both APIs accept that still says which part it asks (`q3b.ii` -> `q3b_ii-4`)."""
    return f"{re.sub(r'[^A-Za-z0-9_-]', '_', part_id)[:48]}-{index}"


def retrying(policy: RetryPolicy, call: Callable[[], T], classify: Callable[[Exception], Exception]) -> T:
    """One HTTP step with SDK errors mapped to ours and the retryable ones retried."""

    def attempt() -> T:
        try:
            return call()
        except Hw7gradeError:
            raise
        except Exception as exc:
            raise classify(exc) from None

    return with_retries(attempt, policy)
