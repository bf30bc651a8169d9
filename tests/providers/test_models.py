from __future__ import annotations

import pytest

from hw7grade.errors import AuthError, UsageError
from hw7grade.providers.models import aliases, require_key, resolve_model


@pytest.mark.parametrize(
    "name, provider, model",
    [
        ("gpt4o", "openai", "gpt-4o"),
        ("GPT4O", "openai", "gpt-4o"),
        ("gpt-4o", "openai", "gpt-4o"),
        ("openai:my-local-llama", "openai", "my-local-llama"),
        ("anthropic:claude-x-1", "anthropic", "claude-x-1"),
    ],
)
def test_resolve(name, provider, model):
    spec = resolve_model(name)
    assert (spec.provider, spec.model) == (provider, model)


def test_claude_alias_is_an_anthropic_model():
    assert aliases()["claude"].provider == "anthropic"
    assert aliases()["claude"].model.startswith("claude-")


@pytest.mark.parametrize("name", ["gpt5000", "google:gemini", "openai:"])
def test_unknown_names_say_what_to_use(name):
    with pytest.raises(UsageError, match="openai:"):
        resolve_model(name)


def test_missing_key_names_the_variable(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(AuthError, match="Set ANTHROPIC_API_KEY") as caught:
        require_key("anthropic")
    assert caught.value.exit_code == 2
    monkeypatch.setenv("ANTHROPIC_API_KEY", "k-123")
    assert require_key("anthropic") == "k-123"
