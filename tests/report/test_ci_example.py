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


def _make_baseline(tmp_path, monkeypatch) -> tuple[CliRunner, Path]:
    shutil.copytree(REPO / "transcripts", tmp_path / "transcripts")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HW7GRADE_RUBRICS", str(REPO / "rubrics"))
    runner = CliRunner()
    made = runner.invoke(app, ["grade", "transcripts/", "--json", "baselines/hw7grade-report.json"])
    assert made.exit_code == 0, made.output  # every bundled transcript is readable
    return runner, tmp_path / "baselines" / "hw7grade-report.json"


def test_grade_command_runs_as_written(tmp_path, monkeypatch):
    runner, _ = _make_baseline(tmp_path, monkeypatch)
    result = runner.invoke(app, _grade_argv())
    # Same transcripts as the baseline, and the bundled ones score above --fail-under 0.6.
    assert result.exit_code == 0, result.output
    assert "Gate:" not in result.stderr and "is below --fail-under" not in result.stderr
    out = tmp_path / "out"
    data = json.loads((out / "hw7grade-report.json").read_text())
    assert data["schema"] == "hw7grade.report/1"
    assert data["summary"]["score"] / data["summary"]["max_score"] >= 0.6
    assert ET.parse(out / "hw7grade-junit.xml").getroot().tag == "testsuites"
    assert (out / "hw7grade-summary.md").read_text().startswith("## hw7grade:")
    assert "Against the baseline" in (out / "hw7grade-report.html").read_text()


def test_grade_command_fails_the_check_on_a_regression(tmp_path, monkeypatch):
    runner, baseline = _make_baseline(tmp_path, monkeypatch)
    data = json.loads(baseline.read_text())
    # The baseline claims full marks for the first final part the bundled answers do not get.
    part = next(
        p for t in data["transcripts"] for p in t["parts"] if p["attempt"] == "final" and p["score"] < p["max_score"]
    )
    part["score"] = part["max_score"]
    baseline.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, _grade_argv())
    assert result.exit_code == 1, result.output
    assert "Gate: 1 part(s) regressed against the baseline" in result.stderr
