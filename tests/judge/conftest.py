from __future__ import annotations

import pytest

from providers.fake_server import FakeServer

OPENAI_KEY = "test-KEYSECRET-openai-123"
ANTHROPIC_KEY = "test-KEYSECRET-anthropic-456"


@pytest.fixture
def server():
    with FakeServer() as running:
        yield running


@pytest.fixture
def judge_env(monkeypatch, tmp_path, server):
    """Keys, both base URLs at the fake server, a private cache and tiny backoffs."""
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    monkeypatch.setenv("ANTHROPIC_API_KEY", ANTHROPIC_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", server.openai_base_url)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", server.anthropic_base_url)
    monkeypatch.setenv("HW7GRADE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HW7GRADE_BACKOFF_BASE_S", "0.01")
    monkeypatch.setenv("HW7GRADE_RETRY_AFTER_CAP_S", "0.05")
    return server
