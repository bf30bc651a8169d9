"""`hw7grade agree`: grader beside human labels, matrix, percent agreement, kappa, disagreements."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from hw7grade.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()

LABELLED = """---
model: test-model
human_labels:
  q7b: correct
  q7c: correct
---
**User**

Question 7 (b) and (c): which tokens enter the decoder?

**Assistant**

(b) Ground truth shifted right: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog.

(c) Its own outputs: w1 = <eos>, w2 = I, w3 = saw, w4 = a, w5 = dog.
"""


def agree(*args: str):
    return runner.invoke(app, ["agree", "--rubrics", str(REPO / "rubrics"), *args], terminal_width=200,
                         env={"COLUMNS": "200"}, catch_exceptions=False)


def test_agreement_and_disagreement_with_evidence(tmp_path):
    (tmp_path / "chat.md").write_text(LABELLED, encoding="utf-8")
    result = agree(str(tmp_path / "chat.md"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Agreement: 2 labelled answer(s), 50% agreement, Cohen's kappa 0.00" in out
    matrix = {m.group(1): m.group(2).split() for m in re.finditer(r"│ grader (\w+)\s+│(.*)│", out)}
    assert {k: [c for c in v if c != "│"] for k, v in matrix.items()} == {
        "correct": ["1", "0", "0", "0"], "partial": ["0", "0", "0", "0"], "incorrect": ["1", "0", "0", "0"],
        "missing": ["0", "0", "0", "0"]}
    assert "q7c (final): grader incorrect, human correct" in out
    assert "<eos>" in out.split("Disagreements")[1]  # the evidence a person needs to decide


def test_reads_json_reports_too(tmp_path):
    (tmp_path / "chat.md").write_text(LABELLED, encoding="utf-8")
    graded = runner.invoke(app, ["grade", "--rubrics", str(REPO / "rubrics"), str(tmp_path / "chat.md"),
                                 "--json", str(tmp_path / "r.json")])
    assert graded.exit_code == 0, graded.output
    assert "Cohen's kappa" in graded.stdout  # the grade report has the section when labels exist
    result = agree(str(tmp_path / "r.json"))
    assert result.exit_code == 0 and "50% agreement" in result.stdout


def test_no_labels_is_an_error(tmp_path):
    (tmp_path / "chat.md").write_text(LABELLED.split("---\n", 2)[2], encoding="utf-8")
    result = agree(str(tmp_path / "chat.md"))
    assert result.exit_code == 2 and "No human labels" in result.stderr


def test_unreadable_input_exits_2_after_reporting_the_rest(tmp_path):
    (tmp_path / "chat.md").write_text(LABELLED, encoding="utf-8")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    result = agree(str(tmp_path))
    assert result.exit_code == 2 and "bad.json" in result.stderr
    assert "50% agreement" in result.stdout
