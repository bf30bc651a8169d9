"""The conventions users expect of a CLI: --version, completion, help with examples, `env`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hw7grade import __version__
from hw7grade.cli import app
from hw7grade.cli.env import env_vars
from hw7grade.cli.help import EXAMPLES

runner = CliRunner()
SRC = Path(__file__).resolve().parents[2] / "src" / "hw7grade"
COMMANDS = sorted(EXAMPLES)


def test_version():
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, f"hw7grade {__version__}\n")


def test_completion_is_offered_the_typer_way():
    result = runner.invoke(app, ["--help"], terminal_width=120)
    assert "--install-completion" in result.output and "--show-completion" in result.output
    shown = runner.invoke(app, ["--show-completion", "bash"], prog_name="hw7grade")
    assert shown.exit_code == 0 and "_HW7GRADE_COMPLETE" in shown.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_ends_with_examples_and_shows_no_python_types(command):
    result = runner.invoke(app, [*command.split(), "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    tail = result.output.rsplit("Examples:", 1)
    assert len(tail) == 2, result.output
    assert [line.strip() for line in tail[1].strip().splitlines()] == [f"$ {e}" for e in EXAMPLES[command]]
    assert not re.search(r"<(list\[|str>|int|float|path>|bool)", result.output), result.output
    assert "range>" not in result.output and "…" not in result.output


def test_every_command_has_examples():
    from typer.main import get_command

    def paths(command, prefix=""):
        yield prefix
        for name, sub in getattr(command, "commands", {}).items():
            yield from paths(sub, f"{prefix} {name}".strip())

    assert sorted(paths(get_command(app))) == COMMANDS


@pytest.mark.parametrize("group", [[], ["rubrics"], ["batch"]])
def test_command_summaries_are_whole(group):
    result = runner.invoke(app, [*group, "--help"], terminal_width=80)
    commands = result.output.split("Commands:", 1)[1].split("Examples:", 1)[0]
    assert "..." not in commands and "…" not in commands
    assert "and whether each provider's key is set." in " ".join(
        runner.invoke(app, ["--help"], terminal_width=80).output.split()
    )


def test_env_lists_names_and_whether_set_never_values():
    result = runner.invoke(
        app,
        ["env"],
        env={"OPENAI_API_KEY": "sk-secret-value-1234", "ANTHROPIC_API_KEY": None, "HW7GRADE_RUBRICS": None},
    )
    assert result.exit_code == 0
    assert "sk-secret" not in result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert set(lines) == {name for name, _ in env_vars()}
    assert lines["OPENAI_API_KEY"].split()[1] == "set"
    assert lines["ANTHROPIC_API_KEY"].split()[1:3] == ["not", "set"]
    assert "hw7grade env" in runner.invoke(app, ["--help"]).output


def test_env_table_names_every_variable_the_code_reads():
    text = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    read = set(re.findall(r'"((?:HW7GRADE|OPENAI|ANTHROPIC)_[A-Z_]+)"', text))
    assert read and read <= {name for name, _ in env_vars()}
