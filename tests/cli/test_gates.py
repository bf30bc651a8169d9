"""`grade --baseline/--fail-under` and the report files: exit 1 for a gate, 2 for unreadable input."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()

TRAINING = "(b) Teacher forcing feeds the ground truth shifted right: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog."
TRAINING_WRONG = "(b) The decoder is fed: w1 = <sos>, w2 = I, w3 = saw, w4 = a, w5 = dog."
EVAL = "(c) At evaluation it feeds back its own outputs: w1 = <sos>, w2 = I, w3 = saw, w4 = a, w5 = dog."


def chat(*answers: str) -> str:
    return (
        "**User**\n\nQuestion 7 (b) and (c): which tokens enter the decoder?\n\n**Assistant**\n\n"
        + "\n\n".join(answers)
        + "\n"
    )


def grade(*args: str):
    return runner.invoke(app, ["grade", "--rubrics", str(REPO / "rubrics"), *args], catch_exceptions=False)


@pytest.fixture()
def run(tmp_path: Path, monkeypatch) -> Path:
    """A run folder with one chat, graded from tmp_path (paths in reports are relative)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "gpt.md").write_text(chat(TRAINING, EVAL), encoding="utf-8")
    result = grade("transcripts", "--json", "baseline.json")
    assert result.exit_code == 0, result.output
    return folder


def test_regression_exits_1_and_names_the_part(run):
    (run / "gpt.md").write_text(chat(TRAINING_WRONG, EVAL), encoding="utf-8")
    result = grade("transcripts", "--baseline", "baseline.json")
    assert result.exit_code == 1, result.output
    assert "regressed against the baseline: transcripts/gpt.md q7b (3/3 -> 0/3)" in " ".join(result.stderr.split())
    assert "Against the baseline" in result.stdout and "1 regressed" in result.stdout and "1 unchanged" in result.stdout


def test_improvement_and_unchanged_exit_0(run, tmp_path):
    (run / "gpt.md").write_text(chat(TRAINING_WRONG, EVAL), encoding="utf-8")
    assert grade("transcripts", "--json", "worse.json").exit_code == 0
    (run / "gpt.md").write_text(chat(TRAINING, EVAL), encoding="utf-8")
    result = grade("transcripts", "--baseline", "worse.json", "--markdown", "summary.md")
    assert result.exit_code == 0, result.output
    assert "1 improved" in result.stdout
    assert "0 regressed**, 1 improved, 1 unchanged" in (tmp_path / "summary.md").read_text()


def test_renamed_file_matches_by_model_and_part(run):
    (run / "gpt.md").rename(run / "renamed.md")
    (run / "renamed.md").write_text("---\nmodel: m\n---\n" + chat(TRAINING_WRONG, EVAL), encoding="utf-8")
    assert grade("transcripts", "--json", "base2.json").exit_code == 0
    (run / "renamed.md").rename(run / "other-name.md")
    (run / "other-name.md").write_text("---\nmodel: m\n---\n" + chat(TRAINING, EVAL), encoding="utf-8")
    result = grade("transcripts", "--baseline", "base2.json")
    assert result.exit_code == 0, result.output
    # Matched by model + part id: unmatched parts would count as new, not improved and unchanged.
    assert "Baseline: 0 regressed, 1 improved, 0 new, 1 unchanged" in result.stdout
    assert "│ model " in result.stdout


@pytest.mark.parametrize("threshold, code", [("0.51", 1), ("0.5", 0), ("0", 0)])
def test_fail_under(run, threshold, code):
    (run / "gpt.md").write_text(chat(TRAINING_WRONG, EVAL), encoding="utf-8")  # 3 of 6 points
    result = grade("transcripts", "--fail-under", threshold)
    assert result.exit_code == code, result.output  # exactly 0.5 is not below 0.5
    assert ("is below --fail-under" in result.stderr) is (code == 1)


def test_fail_under_out_of_range_is_a_usage_error(run):
    result = grade("transcripts", "--fail-under", "1.5")
    assert result.exit_code == 2


def test_unreadable_input_beats_gates(run):
    (run / "gpt.md").write_text(chat(TRAINING_WRONG, EVAL), encoding="utf-8")
    (run / "broken.json").write_text('{"schema": ', encoding="utf-8")
    result = grade("transcripts", "--baseline", "baseline.json", "--fail-under", "0.99")
    assert result.exit_code == 2, result.output
    assert "broken.json" in result.stderr and "regressed" in result.stderr


def test_unreadable_baseline_exits_2(run, tmp_path):
    (tmp_path / "not-a-report.json").write_text('{"hello": 1}', encoding="utf-8")
    result = grade("transcripts", "--baseline", "not-a-report.json")
    assert result.exit_code == 2 and "not an hw7grade report" in result.stderr
    result = grade("transcripts", "--baseline", "missing.json")
    assert result.exit_code == 2 and "missing.json" in result.stderr


def test_report_files_are_written(run, tmp_path):
    (run / "gpt.md").write_text(chat(TRAINING_WRONG, EVAL), encoding="utf-8")
    result = grade(
        "transcripts",
        "--junit",
        "out/junit.xml",
        "--markdown",
        "out/summary.md",
        "--html",
        "out/report.html",
        "--gradescope",
        "out/results.json",
    )
    assert result.exit_code == 0, result.output
    suite = ET.parse(tmp_path / "out/junit.xml").getroot().find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"q7b", "q7c"}
    assert cases["q7b"].find("failure") is not None and cases["q7c"].find("failure") is None
    assert (tmp_path / "out/summary.md").read_text().startswith("## hw7grade: 3 / 6 (50%)")
    html = (tmp_path / "out/report.html").read_text()
    assert html.count('class="bar final"') == 2
    results = json.loads((tmp_path / "out/results.json").read_text())
    assert results["score"] == 3 and [t["name"] for t in results["tests"]] == ["q7b", "q7c"]


def test_a_class_sized_comparison_lists_only_the_parts_that_changed(tmp_path):
    from hw7grade.report.render_baseline import BASELINE_MAX_ROWS

    folder = tmp_path / "runs"
    folder.mkdir()
    source = (REPO / "transcripts" / "chatgpt-4o-hw7.md").read_text(encoding="utf-8")
    copies = BASELINE_MAX_ROWS // 12 + 2  # twelve parts each: more rows than the limit
    for i in range(copies):
        (folder / f"run{i}.md").write_text(source, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert runner.invoke(app, ["grade", str(folder), "--json", str(baseline)]).exit_code == 0
    (folder / "run0.md").write_text(source.replace("nn.MSELoss", "nn.L1Loss"), encoding="utf-8")
    result = runner.invoke(app, ["grade", str(folder), "--baseline", str(baseline)])
    assert result.exit_code == 1
    table = result.stdout[result.stdout.index("Against the baseline") :]
    rows = [line for line in table.splitlines() if line.startswith("│")]
    assert len(rows) == 1 and "regressed" in rows[0] and "q8a.ii" in rows[0]
    assert f"1 regressed, 0 improved, 0 new, {12 * copies - 1} unchanged" in " ".join(table.split())
    assert "(only the parts whose score changed are listed)" in " ".join(table.split())
