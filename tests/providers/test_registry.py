"""One table of providers: adding one is its module and one `register(...)` row, and everything
else (keys scrubbed, usage messages, `ask`, the batch refusal, `models`) follows from the row."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.errors import UsageError
from hw7grade.providers.batch_base import make_batch_provider
from hw7grade.providers.models import resolve_model
from hw7grade.providers.registry import (
    PROVIDERS,
    ProviderInfo,
    client_base_url,
    endpoint_for,
    key_env_vars,
    register,
    scrub,
    secrets_in_env,
    unregister,
)
from hw7grade.providers.retry import RetryPolicy
from hw7grade.transcripts.native import NativeTranscript

runner = CliRunner()
ECHO_KEY = "echo-KEYSECRET-123456"
ECHO = ProviderInfo("echo", "Echo", "ECHO_API_KEY", "ECHO_BASE_URL", "providers.echo_provider", "EchoProvider")


@pytest.fixture
def echo():
    register(ECHO)
    yield ECHO
    unregister("echo")


def test_built_in_rows():
    assert list(PROVIDERS) == ["openai", "anthropic", "local"]
    assert key_env_vars() == ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "HW7GRADE_LOCAL_API_KEY")
    assert [n for n, i in PROVIDERS.items() if i.batch is not None] == ["openai", "anthropic"]


def test_a_registered_provider_is_asked_graded_saved_and_its_key_scrubbed(echo, tmp_path, monkeypatch):
    monkeypatch.setenv("ECHO_API_KEY", ECHO_KEY)
    assert "ECHO_API_KEY" in key_env_vars() and ECHO_KEY in secrets_in_env()
    assert scrub(f"bad key {ECHO_KEY}") == "bad key [redacted]"
    assert resolve_model("echo:tiny").qualified == "echo:tiny"
    env = {"HW7GRADE_CACHE_DIR": str(tmp_path / "cache"), "HW7GRADE_RUBRICS": None}
    result = runner.invoke(
        app,
        ["ask", "q7b", "--model", "echo:tiny", "--save-dir", str(tmp_path / "runs"), "--no-interactive"],
        env=env,
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    [saved] = [NativeTranscript.model_validate_json(f.read_text()) for f in (tmp_path / "runs").glob("*.json")]
    assert (saved.provider, saved.model, saved.parts) == ("echo", "tiny", ["q7b"])
    assert "3 / 3" in result.output  # graded like any other answer: the echo answer is correct
    leak = runner.invoke(
        app,
        ["ask", "q7b", "--model", "echo:leaky", "--save-dir", str(tmp_path / "runs")],
        env=env,
        catch_exceptions=False,
    )
    assert leak.exit_code == 3
    assert "Echo refused key [redacted]." in leak.output and "KEYSECRET" not in leak.output


def test_a_registered_provider_without_a_key_or_batch_api_gets_one_clear_sentence(echo, tmp_path, monkeypatch):
    monkeypatch.delenv("ECHO_API_KEY", raising=False)
    result = runner.invoke(
        app, ["ask", "q7b", "--model", "echo:tiny", "--save-dir", str(tmp_path)], catch_exceptions=False
    )
    assert result.exit_code == 2
    assert "Set ECHO_API_KEY to ask Echo models (no request was sent)." in result.output
    monkeypatch.setenv("ECHO_API_KEY", ECHO_KEY)
    with pytest.raises(UsageError, match=r"^Echo has no Batch API; ask echo:tiny without --batch\.$"):
        make_batch_provider(resolve_model("echo:tiny"), RetryPolicy.from_env(0))


def test_unknown_prefix_lists_every_row(echo):
    with pytest.raises(UsageError) as caught:
        resolve_model("nope:model")
    assert str(caught.value) == (
        "--model 'nope:model': write openai:MODEL or anthropic:MODEL or local:MODEL or "
        "echo:MODEL, or use an alias (`hw7grade models` lists them)."
    )


def test_endpoint_and_client_url_come_from_the_row(monkeypatch):
    monkeypatch.delenv("HW7GRADE_LOCAL_BASE_URL", raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env.example/v1")
    assert endpoint_for("openai", "http://given/v1") == "http://given/v1"
    assert endpoint_for("openai", None) == "http://env.example/v1"
    assert endpoint_for("anthropic", "http://given/v1") is None  # --base-url is not for Anthropic
    assert endpoint_for("local", None) == "http://localhost:11434/v1"
    assert client_base_url("openai", None) is None  # the SDK reads OPENAI_BASE_URL itself
    assert client_base_url("local", None) == "http://localhost:11434/v1"
    monkeypatch.setenv("HW7GRADE_LOCAL_BASE_URL", "http://gpu-box:8000/v1")
    assert client_base_url("local", None) == "http://gpu-box:8000/v1"
