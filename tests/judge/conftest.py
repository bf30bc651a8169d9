from __future__ import annotations

import pytest

from providers.conftest import FAKE_ANTHROPIC_KEY as ANTHROPIC_KEY
from providers.conftest import FAKE_OPENAI_KEY as OPENAI_KEY


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
