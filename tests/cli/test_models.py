"""`hw7grade models`: aliases and which keys are set, never the keys themselves."""

from __future__ import annotations

from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.providers.models import aliases

runner = CliRunner()


def test_lists_aliases_and_key_state_without_the_key():
    env = {
        "OPENAI_API_KEY": "test-KEYSECRET-openai-123",
        "ANTHROPIC_API_KEY": None,
        "OPENAI_BASE_URL": "http://user:pw-secret@127.0.0.1:8000/v1",
        "ANTHROPIC_BASE_URL": None,
    }
    result = runner.invoke(app, ["models"], env=env, catch_exceptions=False)
    assert result.exit_code == 0
    for alias, spec in aliases().items():
        assert alias in result.output and spec.qualified in result.output
    assert "OPENAI_API_KEY: set" in result.output
    assert "ANTHROPIC_API_KEY: not set" in result.output
    assert "http://127.0.0.1:8000/v1" in result.output
    assert "KEYSECRET" not in result.output and "pw-secret" not in result.output
