"""Model names -> (provider, model id), keys from the environment, and providers built on demand.

Aliases live in `aliases.toml` (data, not code). A provider's SDK is imported only when a model
of that provider is actually asked.
"""

from __future__ import annotations

import importlib
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import AuthError, UsageError
from .base import Provider
from .registry import PROVIDERS, ProviderInfo, client_base_url, prefixes

ALIASES_FILE = Path(__file__).with_name("aliases.toml")
NO_KEY = "no-key"
"""Sent to a server that needs no key (the OpenAI SDK insists on one)."""


@dataclass(frozen=True)
class ModelSpec:
    provider: str
    model: str
    asked_as: str
    """What the user typed (`gpt4o`), for messages and file names."""

    @property
    def info(self) -> ProviderInfo:
        return PROVIDERS[self.provider]

    @property
    def qualified(self) -> str:
        return f"{self.provider}:{self.model}"


@lru_cache(maxsize=1)
def _alias_file() -> dict:
    return tomllib.loads(ALIASES_FILE.read_text(encoding="utf-8"))


def is_reasoning(spec: ModelSpec) -> bool:
    """Listed under `[reasoning]` in aliases.toml for its provider (a dated id counts too)."""
    listed = _alias_file().get("reasoning", {}).get(spec.provider, [])
    return any(spec.model == m or spec.model.startswith(m + "-") for m in listed)


@lru_cache(maxsize=1)
def aliases() -> dict[str, ModelSpec]:
    data = _alias_file()
    table = {}
    for alias, target in data["aliases"].items():
        provider, _, model = target.partition(":")
        table[alias] = ModelSpec(provider, model, alias)
    return table


def resolve_model(name: str) -> ModelSpec:
    """`gpt4o`, `openai:gpt-4o`, or a bare id an alias points at (`gpt-4o`)."""
    name = name.strip()
    table = aliases()
    if name.lower() in table:
        return table[name.lower()]
    provider, sep, model = name.partition(":")
    if sep:
        if provider.lower() not in PROVIDERS or not model:
            raise UsageError(
                f"--model {name!r}: write {prefixes().replace(' / ', ' or ')}, or use an alias "
                f"(`hw7grade models` lists them)."
            )
        return ModelSpec(provider.lower(), model, name)
    for spec in table.values():
        if spec.model == name:
            return ModelSpec(spec.provider, spec.model, name)
    raise UsageError(
        f"Unknown model {name!r}; use an alias ({', '.join(table)}) or {prefixes()} (`hw7grade models` lists them)."
    )


def require_key(provider: str) -> str:
    """The provider's key from the environment, or one sentence saying which variable to set."""
    info = PROVIDERS[provider]
    key = os.environ.get(info.key_env, "").strip()
    if not key and not info.needs_key:
        return NO_KEY
    if not key:
        raise AuthError(f"Set {info.key_env} to ask {info.label} models (no request was sent).")
    return key


def make_provider(spec: ModelSpec, base_url: str | None = None) -> Provider:
    """Build the provider; imports its SDK now. `base_url` None means the provider's variable or
    default endpoint (callers pass `--base-url` only to providers that take it: `explicit_base_url`)."""
    info = spec.info
    module = importlib.import_module(info.module, __package__)
    return getattr(module, info.cls)(
        spec.model, require_key(spec.provider), client_base_url(spec.provider, base_url), info=info
    )
