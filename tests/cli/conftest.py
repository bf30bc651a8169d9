"""Shared by the CLI tests that talk to the loopback provider server (`ask`, `batch`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from providers.conftest import FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY

OPENAI_KEY = FAKE_OPENAI_KEY
ANTHROPIC_KEY = FAKE_ANTHROPIC_KEY
CORRECT = "Teacher forcing feeds the reference shifted right.\n\nAnswer: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog"
WRONG = "The decoder reads its own samples.\n\nAnswer: w1 = <sos>, w2 = I, w3 = saw, w4 = a, w5 = dog"


@pytest.fixture
def dirs(tmp_path: Path) -> dict[str, Path]:
    return {"save": tmp_path / "runs", "cache": tmp_path / "cache", "json": tmp_path / "report.json"}


def provider_env(server, dirs: dict[str, Path], **extra: str | None) -> dict[str, str | None]:
    """Keys, both base URLs at the fake server, a private cache, tiny backoffs, default rubrics."""
    env: dict[str, str | None] = {
        "OPENAI_API_KEY": OPENAI_KEY,
        "ANTHROPIC_API_KEY": ANTHROPIC_KEY,
        "OPENAI_BASE_URL": server.openai_base_url,
        "ANTHROPIC_BASE_URL": server.anthropic_base_url,
        "HW7GRADE_CACHE_DIR": str(dirs["cache"]),
        "HW7GRADE_BACKOFF_BASE_S": "0.01",
        "HW7GRADE_RETRY_AFTER_CAP_S": "0.05",
        "HW7GRADE_RUBRICS": None,
    }
    env.update(extra)
    return env
