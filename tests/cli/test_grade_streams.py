"""`grade` in pipelines and CI logs: `-` is stdout, --quiet, --format plain, one line per error,
ASCII marks on streams that cannot encode ours, no 80-column squeeze off a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()
CHAT = """**User**

Question 7 (b): which five tokens go into the decoder during training?

**Assistant**

With teacher forcing the decoder reads the ground truth shifted right:
w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog.
"""
SUMMARY = "1 conversation(s) graded: 3 / 3 points (100%) on final attempts"
LONG_MODEL = "claude-opus-4-20260101-with-a-rather-long-deployment-name"


@pytest.fixture()
def chat(tmp_path: Path) -> Path:
    path = tmp_path / "chat.md"
    path.write_text(CHAT, encoding="utf-8")
    return path


def _grade(*args: str):
    return runner.invoke(app, ["grade", *args], catch_exceptions=False)


def test_json_dash_is_stdout_and_the_human_report_moves_to_stderr(chat):
    result = _grade(str(chat), "--json", "-")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "hw7grade.report/1" and data["summary"]["score"] == 3.0
    assert SUMMARY in result.stderr
    assert not Path("-").exists()


@pytest.mark.parametrize(
    "option, start", [("--junit", "<?xml"), ("--markdown", "## hw7grade: 3 / 3"), ("--gradescope", "{")]
)
def test_other_reports_to_stdout(chat, option, start):
    result = _grade(str(chat), option, "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(start)
    assert SUMMARY not in result.stdout and SUMMARY in result.stderr


def test_two_reports_on_stdout_is_a_usage_error(chat):
    result = _grade(str(chat), "--json", "-", "--junit", "-")
    assert result.exit_code == 2
    assert result.stderr == "Error: Only one output can go to stdout; --json - and --junit - both ask for it.\n"


def test_quiet_prints_the_summary_line_only(chat, tmp_path):
    result = _grade(str(chat), "-q", "--json", str(tmp_path / "r.json"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, SUMMARY + "\n", "")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]["score"] == 3.0


def test_quiet_still_names_every_error_once(chat, tmp_path):
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    result = _grade(str(tmp_path), "--quiet")
    assert result.exit_code == 2
    assert result.stdout == SUMMARY.replace("final attempts", "final attempts; 1 input(s) could not be graded") + "\n"
    assert result.stderr.count("empty.md") == 1 and result.stderr.startswith("Error: ")


def test_each_unreadable_input_is_reported_once(chat, tmp_path):
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"title": ', encoding="utf-8")
    result = _grade(str(tmp_path))
    assert result.exit_code == 2
    for name in ("empty.md", "broken.json"):
        assert (result.stdout + result.stderr).count(name) == 1, name
    assert [line.split(":")[0] for line in result.stderr.splitlines() if "Error" in line] == ["Error", "Error"]


def test_format_plain_is_one_tab_separated_line_per_part(chat):
    result = _grade(str(chat), "--format", "plain", "--model-name", "my\tmodel")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{chat}\tmy model\tq7b\t3\t3\t3\tcorrect\n"
    assert SUMMARY in result.stderr


def test_format_plain_and_a_report_on_stdout_conflict(chat):
    result = _grade(str(chat), "--format", "plain", "--json", "-")
    assert result.exit_code == 2 and "--json - and --format plain" in result.stderr
    assert _grade(str(chat), "--format", "fancy").exit_code == 2


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    environ = {
        k: v for k, v in os.environ.items() if k not in ("COLUMNS", "PYTHONIOENCODING") and not k.endswith("_API_KEY")
    }
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "hw7grade", *args], capture_output=True, env=environ, cwd=REPO, timeout=120
    )


def test_pipe_json_dash_through_a_real_process(chat):
    proc = _run(["grade", str(chat), "--json", "-", "--model-name", LONG_MODEL])
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["transcripts"][0]["model"] == LONG_MODEL
    err = proc.stderr.decode("utf-8")
    assert LONG_MODEL in err  # not a terminal: the table title is not cut at 80 columns
    assert SUMMARY in err


def test_cp1252_stream_gets_ascii_marks_instead_of_a_crash(chat):
    proc = _run(["grade", str(chat), "-v"], PYTHONIOENCODING="cp1252")
    assert proc.returncode == 0, proc.stderr.decode("cp1252")
    out = proc.stdout.decode("cp1252")
    assert "UnicodeEncodeError" not in proc.stderr.decode("cp1252")
    assert "    + tokens: 3/3" in out and "✓" not in out
    assert "+-" in out and "─" not in out  # ASCII box drawing
    assert SUMMARY in out


def test_the_rubric_folder_in_use_is_named_on_stderr(chat):
    result = _grade(str(chat), "--rubrics", str(REPO / "rubrics"))
    assert result.stderr.splitlines()[0] == f"Rubrics: HW7 from {REPO / 'rubrics'}"
    assert "Rubrics:" not in result.stdout
