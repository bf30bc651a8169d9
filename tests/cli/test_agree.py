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
    return runner.invoke(
        app,
        ["agree", "--rubrics", str(REPO / "rubrics"), *args],
        terminal_width=200,
        env={"COLUMNS": "200"},
        catch_exceptions=False,
    )


def test_agreement_and_disagreement_with_evidence(tmp_path):
    (tmp_path / "chat.md").write_text(LABELLED, encoding="utf-8")
    result = agree(str(tmp_path / "chat.md"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Agreement: 2 labelled answer(s), 50% agreement, Cohen's kappa 0.00" in out
    matrix = {m.group(1): m.group(2).split() for m in re.finditer(r"│ grader (\w+)\s+│(.*)│", out)}
    assert {k: [c for c in v if c != "│"] for k, v in matrix.items()} == {
        "correct": ["1", "0", "0", "0"],
        "partial": ["0", "0", "0", "0"],
        "incorrect": ["1", "0", "0", "0"],
        "missing": ["0", "0", "0", "0"],
    }
    assert "q7c (final): grader incorrect, human correct" in out
    assert "<eos>" in out.split("Disagreements")[1]  # the evidence a person needs to decide


def test_reads_json_reports_too(tmp_path):
    (tmp_path / "chat.md").write_text(LABELLED, encoding="utf-8")
    graded = runner.invoke(
        app,
        ["grade", "--rubrics", str(REPO / "rubrics"), str(tmp_path / "chat.md"), "--json", str(tmp_path / "r.json")],
    )
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


UNLABELLED = LABELLED.split("---\n", 2)[2]


def test_labels_file_gives_and_overrides_labels(tmp_path):
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "plain.md").write_text(UNLABELLED, encoding="utf-8")
    (tmp_path / "runs" / "labelled.md").write_text(LABELLED, encoding="utf-8")
    labels = tmp_path / "labels.yaml"
    # The file's q7c label replaces the front matter's `correct`; q7b keeps the front matter's.
    labels.write_text(
        "runs/plain.md: {q7b: correct, q7c: incorrect}\nruns/labelled.md: {q7c: incorrect}\n", encoding="utf-8"
    )
    result = agree(str(tmp_path / "runs"), "--labels", str(labels))
    assert result.exit_code == 0, result.output
    assert "Agreement: 4 labelled answer(s), 100% agreement" in result.stdout
    assert result.stderr == ""


def test_labels_file_names_the_conversation_of_a_multi_chat_export(tmp_path):
    export = (REPO / "tests" / "transcripts" / "fixtures" / "chatgpt_two.json").read_text(encoding="utf-8")
    (tmp_path / "two.json").write_text(export, encoding="utf-8")
    (tmp_path / "labels.yaml").write_text("two.json#2: {q7b: missing}\n", encoding="utf-8")
    result = agree(str(tmp_path / "two.json"), "--labels", str(tmp_path / "labels.yaml"))
    # The fixture's chats answer q8a parts only; the q7b label still lands on chat 2, and only there.
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    rows = [line for line in result.stdout.splitlines() if "q7b" in line and "two.json" in line]
    assert len(rows) == 1 and "two.json#2" in rows[0]
    assert re.search(r"missing \(no answer found\)\s*│\s*missing\s*│\s*✓", rows[0])


def test_bad_label_entries_exit_2_after_the_rest(tmp_path):
    (tmp_path / "chat.md").write_text(UNLABELLED, encoding="utf-8")
    labels = tmp_path / "labels.yaml"
    labels.write_text("chat.md: {q7b: correct}\nother.md: {q7b: so-so}\nghost.md: {q7b: correct}\n", encoding="utf-8")
    result = agree(str(tmp_path / "chat.md"), "--labels", str(labels))
    assert result.exit_code == 2
    stderr = " ".join(result.stderr.split())  # the console wraps long lines where the tmp path ends
    assert f"Error: {labels}: entry 'other.md' skipped: field q7b:" in stderr
    assert f"Warning: {labels}: 2 labelled transcript(s) were not graded" not in stderr
    assert "1 labelled transcript(s) were not graded (" in stderr and "ghost.md" in stderr
    assert "Agreement: 1 labelled answer(s), 100% agreement" in result.stdout
    assert "Traceback" not in result.output


def test_grade_shows_the_labels_file_as_the_human_column(tmp_path):
    (tmp_path / "chat.md").write_text(UNLABELLED, encoding="utf-8")
    (tmp_path / "labels.yaml").write_text("chat.md: {q7c: {first: correct, final: incorrect}}\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "grade",
            "--rubrics",
            str(REPO / "rubrics"),
            str(tmp_path / "chat.md"),
            "--labels",
            str(tmp_path / "labels.yaml"),
            "--json",
            str(tmp_path / "r.json"),
        ],
        terminal_width=200,
        env={"COLUMNS": "200"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Grader vs human labels" in result.stdout
    # One answer, labelled differently as first and final: both labels are compared with it.
    assert "Agreement: 2 labelled answer(s), 50% agreement" in result.stdout
    import json

    entry = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["transcripts"][0]
    assert entry["human_labels"] == {"q7c": {"first": "correct", "final": "incorrect"}}
