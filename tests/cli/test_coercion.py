"""`cli.coercion` answers only where typer's own coercion would change nothing: every command's
options parse to the same values, and bad values fail with typer's messages."""

from __future__ import annotations

import pytest
import typer.main

from hw7grade.cli import app
from hw7grade.cli.coercion import install

ARGVS = [
    ("grade", []),
    ("grade", ["transcripts/claude-cursor-q7.md", "-", "--rubrics", "rubrics", "--json", "-", "--only", "q7"]),
    (
        "grade",
        ["a.md", "--only", "q7", "--only", "q3b", "--jobs", "3", "--fail-under", "0.5", "-q", "--format", "plain"],
    ),
    ("grade", ["--judge", "claude", "--judge-concurrency", "16", "--max-file-mb", "2", "--time-limit", "1.5"]),
    ("grade", ["--labels", "l.yaml", "--model-name", "m", "--html", "r.html", "--baseline", "b.json"]),
    ("ask", ["q7b", "--model", "gpt4o"]),
    ("agree", ["transcripts"]),
    ("compare", ["a.json", "b.json"]),
    ("math", ["X", "X"]),
    ("models", []),
    ("env", []),
]
BAD = [
    ("grade", ["--jobs", "0"]),
    ("grade", ["--jobs", "two"]),
    ("grade", ["--fail-under", "2"]),
    ("grade", ["--max-file-mb", "x"]),
    ("grade", ["--judge-concurrency", "0"]),
]


def _parse(name: str, argv: list[str], light: bool):
    command = typer.main.get_command(app).commands[name]  # a fresh command: typer has coerced nothing yet
    ctx = command.context_class(command, info_name=name)
    if light:
        install(command.get_params(ctx))
    with ctx:
        command.parse_args(ctx, list(argv))
        return ctx.params


@pytest.mark.parametrize(("name", "argv"), ARGVS)
def test_options_parse_to_what_typer_s_own_coercion_gives(name, argv):
    light, typers = _parse(name, argv, True), _parse(name, argv, False)
    assert light == typers
    assert {k: type(v) for k, v in light.items()} == {k: type(v) for k, v in typers.items()}


@pytest.mark.parametrize(("name", "argv"), BAD)
def test_bad_values_fail_with_typer_s_message(name, argv):
    with pytest.raises(Exception) as light:
        _parse(name, argv, True)
    with pytest.raises(Exception) as typers:
        _parse(name, argv, False)
    assert type(light.value) is type(typers.value)
    assert light.value.format_message() == typers.value.format_message()


def test_an_unset_option_builds_no_pydantic_adapter():
    command = typer.main.get_command(app).commands["grade"]
    ctx = command.context_class(command, info_name="grade")
    install(command.get_params(ctx))
    with ctx:
        command.parse_args(ctx, ["transcripts/claude-cursor-q7.md", "--rubrics", "rubrics"])
    assert not any(getattr(p._runtime_param, "_typer", None) for p in command.get_params(ctx))
