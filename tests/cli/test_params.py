"""`grade` command lines parsed without typer (`cli.params.parse_args`) give the command exactly
the arguments typer gives it, and whatever is not plain is left to typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.cli.params import ASK, GRADE, parse_args, typer_command
from hw7grade.cli.typer_app import _Command

REPO = Path(__file__).resolve().parents[2]

PLAIN = [
    [],
    ["transcripts/claude-cursor-q7.md"],
    ["a.md", "-", "b/"],
    ["transcripts/claude-cursor-q7.md", "--rubrics", "rubrics", "--json", "-", "--only", "q7"],
    ["a.md", "--only", "q7", "--only", "q3b", "--jobs", "3", "--fail-under", "0.5", "-q", "--format", "plain"],
    ["--judge", "claude", "--judge-concurrency", "16", "--max-file-mb", "2", "--time-limit", "1.5"],
    ["--labels", "l.yaml", "--model-name", "m", "--html", "r.html", "--baseline", "b.json", "x.md"],
    ["-v", "--verbose", "-j", "1", "--junit", "j.xml", "--markdown", "-", "--gradescope", "g.json"],
    ["--fail-under", "0", "--format", "fancy", "--model-name", "-"],
    ["--max-file-mb", "0.001", "--time-limit", "0.1", "--fail-under", "1.0"],
]
LEFT_TO_TYPER = [
    ["--help"],
    ["-h"],
    ["--json=-"],
    ["--", "-x.md"],
    ["-qv"],
    ["--jso", "x"],
    ["--jobs"],
    ["--jobs", "0"],
    ["--jobs", "two"],
    ["--jobs", "007"],
    ["--jobs", "1.0"],
    ["--fail-under", "2"],
    ["--fail-under", "1e-1"],
    ["--fail-under", "."],
    ["--max-file-mb", "0.0001"],
    ["--model-name", "--json"],
    ["--json", ""],
    ["--json", "a", "--json", "b"],
    ["-x"],
]


ASK_PLAIN = [
    ["q7b", "--model", "gpt4o"],
    ["q7", "q3b", "-m", "gpt4o", "-m", "claude", "--save-dir", "runs", "--no-cache", "--json", "r.json"],
    [
        "all",
        "-m",
        "gpt4o",
        "--max-tokens",
        "100",
        "--temperature",
        "0.5",
        "--follow-up",
        "again",
        "--follow-up",
        "more",
    ],
    ["q8", "-m", "claude", "--samples", "3", "--whole-question", "-v", "--judge", "gpt4o", "--time-limit", "2.5"],
    ["q4", "-m", "o3", "--reasoning-effort", "low", "--max-cost", "0.5", "--prices", "p.toml", "--markdown", "r.md"],
    ["q7a", "-m", "claude", "--thinking-budget", "2048", "--max-turns", "3", "--push-back", "sure?", "--timeout", "9"],
    [
        "q7a",
        "-m",
        "x",
        "--base-url",
        "http://h/v1",
        "--concurrency",
        "2",
        "--max-retries",
        "0",
        "--batch",
        "--html",
        "h",
    ],
    ["q7a", "-m", "x", "--state-dir", "s", "--rubrics", "r", "--follow-up-from-rubric", "--system", "Be brief."],
]
ASK_LEFT_TO_TYPER = [
    [],
    ["q7b"],
    ["--model", "gpt4o"],
    ["q7b", "--model", "gpt4o", "--no-stream"],
    ["q7b", "-m", "gpt4o", "--interactive"],
    ["q7b", "-m", "gpt4o", "--no-interactive"],
    ["q7b", "-m", "gpt4o", "--system", ""],
    ["q7b", "-m", "gpt4o", "--temperature", "3"],
    ["q7b", "-m", "gpt4o", "--thinking-budget", "100"],
    ["q7b", "-m", "gpt4o", "--help"],
]


def _typers_arguments(argv: list[str], name: str = "grade", table=GRADE) -> dict:
    """What typer calls a command declared by `table` with, for `argv`."""
    seen: dict = {}
    probe = typer.Typer()
    probe.command(name, cls=_Command)(typer_command(lambda **kwargs: seen.update(kwargs), table))
    probe.command("other")(lambda: None)  # two commands: the command is named, as in the real app
    result = CliRunner().invoke(probe, [name, *argv])
    assert result.exit_code == 0, result.output
    return seen


@pytest.mark.parametrize("argv", PLAIN)
def test_plain_command_lines_parse_to_what_typer_passes(argv):
    ours = parse_args(GRADE, argv)
    assert ours is not None
    typers = _typers_arguments(argv)
    assert ours == typers
    assert {k: type(v) for k, v in ours.items()} == {k: type(v) for k, v in typers.items()}
    assert all(type(p) is type(Path()) for p in ours["paths"] or [])


@pytest.mark.parametrize("argv", LEFT_TO_TYPER)
def test_everything_else_is_left_to_typer(argv):
    assert parse_args(GRADE, argv) is None


@pytest.mark.parametrize("argv", ASK_PLAIN)
def test_plain_ask_command_lines_parse_to_what_typer_passes(argv):
    ours = parse_args(ASK, argv)
    assert ours is not None
    typers = _typers_arguments(argv, "ask", ASK)
    assert ours == typers
    assert {k: type(v) for k, v in ours.items()} == {k: type(v) for k, v in typers.items()}


@pytest.mark.parametrize("argv", ASK_LEFT_TO_TYPER)
def test_every_other_ask_command_line_is_left_to_typer(argv):
    assert parse_args(ASK, argv) is None


def test_the_app_s_ask_command_is_the_table_s():
    command = typer.main.get_command(app).commands["ask"]
    assert [p.name for p in command.params] == [name for name, _, _ in ASK]
    for (_, _, param), option in zip(ASK[1:], command.params[1:]):  # `--stream/--no-stream`: both
        assert [*option.opts, *option.secondary_opts] == [f for flag in param.flags for f in flag.split("/")]


def test_a_completion_request_is_left_to_typer(monkeypatch):
    monkeypatch.setenv("_HW7GRADE_COMPLETE", "bash_complete")
    assert parse_args(GRADE, ["x.md"]) is None


def test_the_app_s_grade_command_is_the_table_s():
    command = typer.main.get_command(app).commands["grade"]
    assert [p.name for p in command.params] == [name for name, _, _ in GRADE]
    assert [p.opts for p in command.params][1:] == [list(param.flags) for _, _, param in GRADE][1:]


TYPERS_PATH = "import sys; from hw7grade.cli.typer_app import app; sys.argv[0] = 'hw7grade'; app(prog_name='hw7grade')"


@pytest.mark.parametrize(
    "argv",
    [
        ["grade", "transcripts/claude-cursor-q7.md"],
        ["grade", "transcripts/claude-cursor-q7.md", "--format", "plain", "-v"],
        ["grade", "transcripts/claude-cursor-q7.md", "--json", "-", "--only", "q7b"],
        ["grade", "no-such-file.md"],
        ["grade", "transcripts/claude-cursor-q7.md", "--only", "q99"],
        ["grade", "transcripts/claude-cursor-q7.md", "--format", "fancy"],
        ["grade", "transcripts/claude-cursor-q7.md", "--fail-under", "1"],
        ["ask", "q99", "--model", "gpt4o"],
        ["ask", "q7b", "q99", "-m", "gpt4o", "--no-cache"],
        ["rubrics"],
        ["rubrics", "--rubrics", "rubrics"],
        ["rubrics", "--rubrics", "no-such-folder"],
    ],
)
def test_without_typer_the_output_and_exit_code_are_typer_s(argv, tmp_path):
    from hw7grade.cli.listing import fast_listing_args

    table = {"grade": GRADE, "ask": ASK}.get(argv[0])
    assert table is not None and parse_args(table, argv[1:]) is not None or fast_listing_args(argv)[0]  # the paths
    env = {**os.environ, "HW7GRADE_CACHE_DIR": str(tmp_path), "COLUMNS": "120"}
    fast = subprocess.run([sys.executable, "-m", "hw7grade", *argv], capture_output=True, env=env, cwd=REPO)
    slow = subprocess.run([sys.executable, "-c", TYPERS_PATH, *argv], capture_output=True, env=env, cwd=REPO)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert fast.stdout or fast.stderr
