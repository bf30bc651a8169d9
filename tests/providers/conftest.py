from __future__ import annotations

import pytest

FAKE_OPENAI_KEY = "test-KEYSECRET-openai-123"
FAKE_ANTHROPIC_KEY = "test-KEYSECRET-anthropic-456"


@pytest.fixture
def keys(monkeypatch):
    """Fake keys in the environment (scrub() removes them from any text), no base-URL variables."""
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_OPENAI_KEY)
    monkeypatch.setenv("ANTHROPIC_API_KEY", FAKE_ANTHROPIC_KEY)
    for name in ("OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
