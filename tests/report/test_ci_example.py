"""examples/github-actions.yml: valid YAML, and its `hw7grade grade` line runs as written."""

from __future__ import annotations

import json
import shlex
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from typer.testing import CliRunner

from hw7grade.cli import app

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / "examples" / "github-actions.yml"


def _steps() -> dict[str, dict]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return {s["name"]: s for s in data["jobs"]["grade"]["steps"] if "name" in s}


def _grade_argv() -> list[str]:
    script = _steps()["Grade transcripts"]["run"].replace("\\\n", " ")
    line = next(l for l in script.splitlines() if l.strip().startswith("hw7grade grade"))
    return shlex.split(line)[1:]


def test_workflow_uploads_what_grade_writes():
    argv = _grade_argv()
    written = {argv[i + 1] for i, a in enumerate(argv) if a in {"--json", "--junit", "--html", "--markdown"}}
    uploaded = set(_steps()["Upload reports"]["with"]["path"].split())
    assert written == uploaded
    assert "--baseline" in argv and "--fail-under" in argv
    assert _steps()["Rubric self-tests"]["run"].strip() == "hw7grade rubrics test"


def test_grade_command_runs_as_written(tmp_path, monkeypatch):
    shutil.copytree(REPO / "transcripts", tmp_path / "transcripts")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HW7GRADE_RUBRICS", str(REPO / "rubrics"))
    runner = CliRunner()
    made = runner.invoke(app, ["grade", "transcripts/", "--json", "baselines/hw7grade-report.json"])
    assert made.exit_code in (0, 2), made.output  # 2 only if a bundled transcript is unreadable
    result = runner.invoke(app, _grade_argv())
    # Same transcripts as the baseline: nothing can have regressed.
    assert "regressed against the baseline" not in result.stderr
    assert result.exit_code == (made.exit_code or (1 if "--fail-under" in result.stderr else 0))
    out = tmp_path / "out"
    assert json.loads((out / "hw7grade-report.json").read_text())["schema"] == "hw7grade.report/1"
    assert ET.parse(out / "hw7grade-junit.xml").getroot().tag == "testsuites"
    assert (out / "hw7grade-summary.md").read_text().startswith("## hw7grade:")
    assert "Against the baseline" in (out / "hw7grade-report.html").read_text()
