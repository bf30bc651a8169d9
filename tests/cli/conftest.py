"""Shared by the CLI tests that talk to the loopback provider server (`ask`, `batch`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from providers.conftest import FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY
from providers.fake_server import FakeServer

OPENAI_KEY = FAKE_OPENAI_KEY
ANTHROPIC_KEY = FAKE_ANTHROPIC_KEY
CORRECT = "Teacher forcing feeds the reference shifted right.\n\nAnswer: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog"
WRONG = "The decoder reads its own samples.\n\nAnswer: w1 = <sos>, w2 = I, w3 = saw, w4 = a, w5 = dog"


@pytest.fixture
def server():
    with FakeServer() as running:
        yield running


@pytest.fixture
def dirs(tmp_path: Path) -> dict[str, Path]:
    return {"save": tmp_path / "runs", "cache": tmp_path / "cache", "json": tmp_path / "report.json"}
