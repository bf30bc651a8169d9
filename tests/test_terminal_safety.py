"""Secrets and terminals: keys are scrubbed from everything printed (and before any cut), and
control characters in untrusted text are shown, never sent to the terminal."""

from __future__ import annotations

from typer.testing import CliRunner

from cli.conftest import provider_env
from hw7grade.cli import app
from hw7grade.providers.base import ERROR_TEXT_LIMIT, server_message
from hw7grade.report.terminal import visible
from providers.conftest import FAKE_OPENAI_KEY
from providers.fake_server import Reply, Status

runner = CliRunner()
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"
YAML_ESCAPES = r"\e]0;pwned\a\e[2J\x9b31m\u202e"  # the same, in a double-quoted YAML string


def test_a_key_after_the_cut_is_scrubbed_before_the_message_is_shortened(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_OPENAI_KEY)
    body = {"error": {"message": "x" * (ERROR_TEXT_LIMIT - 20) + " key: " + FAKE_OPENAI_KEY}}
    message = server_message(body, "fallback")
    assert message == "x" * (ERROR_TEXT_LIMIT - 20) + " key: [redacted]"  # cut first, "test-KEYSECRET-o…" was left


def test_visible_shows_control_characters_as_symbols():
    assert visible("a\x1b[2Jb\x07c\td\ne\x7f\x9b\u202e") == "a\u241b[2Jb\u2407c\td\ne\u2421\\x9b\\u202e"


def test_a_key_echoed_in_the_answer_or_model_id_never_reaches_stdout_or_stderr(server, tmp_path):
    dirs = {"save": tmp_path / "runs", "cache": tmp_path / "cache"}
    server.openai(Reply(f"Your key is {FAKE_OPENAI_KEY}. w1 = <sos>", model=f"gpt-4o-{FAKE_OPENAI_KEY}"))
    result = runner.invoke(
        app, ["ask", "q7b", "--model", "gpt4o", "--save-dir", str(dirs["save"]), "-v"], env=provider_env(server, dirs)
    )
    assert result.exit_code == 0, result.output
    assert "KEYSECRET" not in result.stdout and "KEYSECRET" not in result.stderr
    assert "Your key is [redacted]" in result.stdout
    assert "gpt-4o-[redacted]" in result.stderr


def test_an_echoed_key_in_an_error_is_scrubbed_on_stderr(server, tmp_path):
    dirs = {"save": tmp_path / "runs", "cache": tmp_path / "cache"}
    server.openai(Status(401, body={"error": {"message": "y" * 290}}, echo_key=True))
    result = runner.invoke(
        app, ["ask", "q7b", "--model", "gpt4o", "--save-dir", str(dirs["save"])], env=provider_env(server, dirs)
    )
    assert result.exit_code == 2
    assert "KEYSECRET" not in result.output and "test-KEY" not in result.output


def test_escape_sequences_in_names_titles_models_and_answers_are_made_visible(tmp_path):
    path = tmp_path / f"chat{ESCAPES[:8]}.md"
    path.write_text(
        f'---\nmodel: "gpt{YAML_ESCAPES}"\ntitle: "t{YAML_ESCAPES}"\n---\n\n**User**\n\nQuestion 7 (b): which five '
        "tokens?\n\n"
        f"**Assistant**\n\nw1 = <sos>, w2 = I, w3 = saw{ESCAPES}, w4 = a, w5 = dog\n",
        encoding="utf-8",
    )
    broken = tmp_path / f"broken{ESCAPES[:8]}.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["grade", str(tmp_path), "-v"], terminal_width=200)
    assert result.exit_code == 2
    for stream in (result.stdout, result.stderr):
        assert not any(c in stream for c in "\x1b\x07\x9b\u202e"), stream
    assert "gpt\u241b]0;pwned\u241b[2J\\x9b31m\\u202e (t\u241b]0;pwned" in result.stdout  # model and title, shown
    assert "chat\u241b]0;pwne.md" in result.stdout.replace("\n", "")  # long paths wrap
    assert f"Error: {tmp_path}/broken\u241b]0;pwne.json" in result.stderr


def test_emoji_codes_in_untrusted_text_are_printed_as_written(tmp_path):
    (tmp_path / "chat.md").write_text(
        '---\nmodel: "gpt :warning:"\ntitle: "t :smile:"\n---\n\n**User**\n\nQuestion 7 (b): which five tokens?\n\n'
        "**Assistant**\n\nw1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog :white_check_mark:\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["grade", str(tmp_path), "-v"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "gpt :warning: (t :smile:)" in result.stdout
    assert not any(c in result.stdout for c in "\u26a0\U0001f604\u2705")
