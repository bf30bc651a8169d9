"""The providers hw7grade can ask: one `ProviderInfo` row each, in one table.

Everything else is derived from the rows: which keys are scrubbed from messages, the `provider:`
prefixes the usage messages list, which batch client a provider has, and which server answers
(part of the cache key). Adding a provider is its module plus one `register(...)` call.
Imports nothing: `scrub` (every key out of text bound for the terminal or a file) lives here, so
that the terminal report needs no provider code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ProviderInfo:
    name: str
    """The `name:` prefix of `--model name:MODEL`, and what transcripts record as the provider."""
    label: str
    """How messages name it: `OpenAI rejected the API key (401)`."""
    key_env: str
    """The variable holding its API key (scrubbed from every message and file)."""
    base_url_env: str
    """The variable naming another server; unset means `default_base_url`."""
    module: str
    """Module of the live client, relative to `hw7grade.providers` (`.openai`) or absolute."""
    cls: str
    batch: tuple[str, str] | None = None
    """(module, class) of its Batch API client; None when it has none."""
    default_base_url: str | None = None
    """None: the SDK's own default endpoint."""
    needs_key: bool = True
    """False for a local server: without `key_env` set, requests go without a key."""
    takes_base_url: bool = False
    """`--base-url` applies to it (an OpenAI-compatible server)."""


PROVIDERS: dict[str, ProviderInfo] = {}


def register(info: ProviderInfo) -> ProviderInfo:
    """Add (or replace) a provider's row."""
    PROVIDERS[info.name] = info
    return info


def unregister(name: str) -> None:
    PROVIDERS.pop(name, None)


register(
    ProviderInfo(
        "openai",
        "OpenAI",
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        ".openai",
        "OpenAIProvider",
        batch=(".batch_openai", "OpenAIBatch"),
        takes_base_url=True,
    )
)
register(
    ProviderInfo(
        "anthropic",
        "Anthropic",
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_BASE_URL",
        ".anthropic",
        "AnthropicProvider",
        batch=(".batch_anthropic", "AnthropicBatch"),
    )
)
register(
    ProviderInfo(
        "local",
        "The local server",
        "HW7GRADE_LOCAL_API_KEY",
        "HW7GRADE_LOCAL_BASE_URL",
        ".openai",
        "OpenAIProvider",
        default_base_url="http://localhost:11434/v1",
        needs_key=False,
        takes_base_url=True,
    )
)


REDACTED = "[redacted]"


def key_env_vars() -> tuple[str, ...]:
    return tuple(info.key_env for info in PROVIDERS.values())


def secrets_in_env() -> list[str]:
    return [v for v in (os.environ.get(name, "") for name in key_env_vars()) if len(v) >= 4]


def scrub(text: str) -> str:
    """Remove any API key from text bound for the terminal, a file or an exception message."""
    for secret in secrets_in_env():
        text = text.replace(secret, REDACTED)
    return text


def prefixes() -> str:
    """`openai:MODEL / anthropic:MODEL / local:MODEL`, for usage messages."""
    return " / ".join(f"{name}:MODEL" for name in PROVIDERS)


def explicit_base_url(provider: str, base_url: str | None) -> str | None:
    """`--base-url` if this provider takes one, else None."""
    return base_url if PROVIDERS[provider].takes_base_url else None


def client_base_url(provider: str, base_url: str | None) -> str | None:
    """The URL to hand the client: the one given, else the provider's variable or default when it has
    a default of its own (None: the SDK reads its own variable and default)."""
    info = PROVIDERS[provider]
    if base_url or info.default_base_url is None:
        return base_url
    return os.environ.get(info.base_url_env) or info.default_base_url


def endpoint_for(provider: str, base_url: str | None) -> str | None:
    """What, besides the model, says which server answers: part of the cache key (hashed only)."""
    return (
        explicit_base_url(provider, base_url)
        or os.environ.get(PROVIDERS[provider].base_url_env)
        or PROVIDERS[provider].default_base_url
    )
