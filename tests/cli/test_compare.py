"""`hw7grade compare A.json B.json`: side by side per part and per model; exit 0; bad input exit 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.report.json_file import write_json_report
from hw7grade.results import PartScore, Report, TranscriptResult

runner = CliRunner()


def _report(path: Path, q7b: float, q7c: float) -> Path:
    parts = (
        PartScore("q7b", "final", q7b, 3.0, "correct" if q7b == 3 else "incorrect"),
        PartScore("q7c", "final", q7c, 3.0, "correct" if q7c == 3 else "partial"),
    )
    write_json_report(Report((TranscriptResult("runs/gpt.md", "gpt-4o", parts=parts),)), path)
    return path


def _rows(output: str) -> list[list[str]]:
    return [[c.strip() for c in line.split("│")[1:-1]] for line in output.splitlines() if line.startswith("│")]


def test_side_by_side(tmp_path):
    a = _report(tmp_path / "a.json", 3, 1)
    b = _report(tmp_path / "b.json", 0, 3)
    result = runner.invoke(app, ["compare", str(a), str(b)], terminal_width=200, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert ["runs/gpt.md", "gpt-4o", "q7b", "3/3", "correct", "0/3", "incorrect", "-100 pts"] in rows
    assert ["runs/gpt.md", "gpt-4o", "q7c", "1/3", "partial", "3/3", "correct", "+67 pts"] in rows
    assert ["gpt-4o", "TOTAL", "67%", "50%", "-17 pts"] in rows


def test_unreadable_report_exits_2(tmp_path):
    a = _report(tmp_path / "a.json", 3, 1)
    (tmp_path / "b.json").write_text("[]", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(a), str(tmp_path / "b.json")])
    assert result.exit_code == 2 and "not an hw7grade report" in result.stderr
