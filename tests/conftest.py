"""Fixtures shared across test folders."""

from __future__ import annotations

import pytest

from providers.fake_server import FakeServer


@pytest.fixture
def server():
    """The scripted loopback server speaking the OpenAI and Anthropic wire formats."""
    with FakeServer() as running:
        yield running


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """The rubric caches of the commands under test go to a folder of the test run, never the user's."""
    import os

    if "HW7GRADE_CACHE_DIR" in os.environ:
        yield
        return
    os.environ["HW7GRADE_CACHE_DIR"] = str(tmp_path_factory.mktemp("hw7grade-cache"))
    yield
    os.environ.pop("HW7GRADE_CACHE_DIR", None)
