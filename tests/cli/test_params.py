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
from hw7grade.cli.params import GRADE, parse_args, typer_command
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


def _typers_arguments(argv: list[str]) -> dict:
    """What typer calls a command declared by `GRADE` with, for `argv`."""
    seen: dict = {}
    probe = typer.Typer()
    probe.command("grade", cls=_Command)(typer_command(lambda **kwargs: seen.update(kwargs), GRADE))
    probe.command("other")(lambda: None)  # two commands: `grade` is named, as in the real app
    result = CliRunner().invoke(probe, ["grade", *argv])
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
        ["rubrics"],
        ["rubrics", "--rubrics", "rubrics"],
        ["rubrics", "--rubrics", "no-such-folder"],
    ],
)
def test_without_typer_the_output_and_exit_code_are_typer_s(argv, tmp_path):
    from hw7grade.cli.listing import fast_listing_args

    assert parse_args(GRADE, argv[1:]) is not None or fast_listing_args(argv)[0]  # the paths under test
    env = {**os.environ, "HW7GRADE_CACHE_DIR": str(tmp_path), "COLUMNS": "120"}
    fast = subprocess.run([sys.executable, "-m", "hw7grade", *argv], capture_output=True, env=env, cwd=REPO)
    slow = subprocess.run([sys.executable, "-c", TYPERS_PATH, *argv], capture_output=True, env=env, cwd=REPO)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert fast.stdout or fast.stderr
