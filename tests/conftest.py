"""Fixtures shared across test folders."""

from __future__ import annotations

import pytest

from providers.fake_server import FakeServer


@pytest.fixture
def server():
    """The scripted loopback server speaking the OpenAI and Anthropic wire formats."""
    with FakeServer() as running:
        yield running
