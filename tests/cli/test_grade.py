"""`hw7grade grade`: exit codes, the JSON report's shape, bad inputs never sink the batch."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()

GOOD_CHAT = """**User**

Question 7 (b): which five tokens go into the decoder during training?

**Assistant**

With teacher forcing the decoder reads the ground truth shifted right:
w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog.
"""


def _grade(*args: str):
    return runner.invoke(app, ["grade", *args], catch_exceptions=False)


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "runs"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD_CHAT, encoding="utf-8")
    (folder / "truncated.json").write_text('[{"title": "chat", "mapping": {', encoding="utf-8")
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    return folder


def test_grades_the_bundled_transcripts(tmp_path):
    out = tmp_path / "report.json"
    result = _grade(str(REPO / "transcripts"), "--json", str(out))
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    paths = {Path(t["path"]).name for t in report["transcripts"]}
    assert {"chatgpt-4o-hw7.md", "claude-cursor-q7.md"} <= paths
    assert all(not t["errors"] for t in report["transcripts"])


def test_json_report_shape(tmp_path):
    (tmp_path / "chat.md").write_text(GOOD_CHAT, encoding="utf-8")
    out = tmp_path / "out" / "report.json"
    result = _grade(str(tmp_path / "chat.md"), "--json", str(out), "--model-name", "my-model")
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["schema"] == "hw7grade.report/1"
    (transcript,) = report["transcripts"]
    assert transcript["model"] == "my-model" and transcript["errors"] == []
    assert [(p["id"], p["attempt"]) for p in transcript["parts"]] == [("q7b", "first"), ("q7b", "final")]
    part = transcript["parts"][1]
    assert (part["score"], part["max_score"], part["verdict"]) == (3.0, 3.0, "correct")
    check = part["checks"][0]
    assert set(check) >= {"name", "status", "points", "max_points", "evidence", "message"}
    assert check["status"] == "passed" and "see" in check["evidence"]


def test_bad_files_are_named_and_the_rest_still_graded(mixed_folder, tmp_path):
    out = tmp_path / "report.json"
    result = _grade(str(mixed_folder), "--json", str(out))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 3
    for name in ("truncated.json", "empty.md", "binary.txt"):
        assert sum(name in line for line in errors) == 1
    assert "Traceback" not in result.output
    report = json.loads(out.read_text())  # partial results are still written
    good = [t for t in report["transcripts"] if t["path"].endswith("good.md")]
    assert good and good[0]["parts"][0]["verdict"] == "correct"


def test_only_restricts_to_a_prefix(tmp_path):
    out = tmp_path / "r.json"
    result = _grade(str(REPO / "transcripts" / "chatgpt-4o-hw7.md"), "--only", "q8a", "--json", str(out))
    assert result.exit_code == 0, result.output
    ids = {p["id"] for t in json.loads(out.read_text())["transcripts"] for p in t["parts"]}
    assert ids == {"q8a.i", "q8a.ii", "q8a.iii"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--only", "q9"], "Error: No rubric part matches 'q9'"),
        (["does-not-exist.md"], "does-not-exist.md"),
        (["--rubrics", "no-such-rubrics"], "Error: Rubric folder no-such-rubrics does not exist"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message, tmp_path):
    (tmp_path / "chat.md").write_text(GOOD_CHAT, encoding="utf-8")
    extra = [] if args[0] == "does-not-exist.md" else [str(tmp_path / "chat.md")]
    result = _grade(*args, *extra)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_unrelated_chat_is_skipped_not_an_error(tmp_path):
    (tmp_path / "chat.md").write_text(
        "**User**\n\nWhat's a good pasta recipe?\n\n**Assistant**\n\nTry cacio e pepe.\n", encoding="utf-8"
    )
    result = _grade(str(tmp_path / "chat.md"))
    assert result.exit_code == 0
    assert "1 chat(s) with nothing to grade skipped (-v lists them)." in result.stdout
    assert "no rubric part found" not in result.stdout + result.stderr
    verbose = _grade(str(tmp_path / "chat.md"), "-v")
    assert verbose.exit_code == 0
    assert f"{tmp_path / 'chat.md'}: skipped: no rubric part found" in " ".join(verbose.stdout.split())


def test_verbose_shows_checks_and_evidence(tmp_path):
    (tmp_path / "chat.md").write_text(GOOD_CHAT, encoding="utf-8")
    result = _grade(str(tmp_path / "chat.md"), "--verbose")
    assert result.exit_code == 0
    assert "tokens: 3/3" in result.stdout and "evidence:" in result.stdout


def test_human_label_disagreement_is_shown(tmp_path):
    labelled = "---\nmodel: m\nhuman_labels:\n  q7b: incorrect\n---\n" + GOOD_CHAT
    (tmp_path / "chat.md").write_text(labelled, encoding="utf-8")
    result = runner.invoke(app, ["grade", str(tmp_path / "chat.md")], terminal_width=200)
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "q7b" in line)
    assert "incorrect ≠" in row and "correct" in row


def test_undecodable_file_names_and_broken_escapes_are_graded_and_reported(tmp_path):
    """A file name that is not UTF-8 and a JSON export holding half a surrogate pair: both are
    graded, and every report and the terminal show U+FFFD instead of failing to encode."""
    folder = tmp_path / "runs"
    folder.mkdir()
    odd = folder / os.fsdecode(b"odd\xffname.md")
    odd.write_text(GOOD_CHAT, encoding="utf-8")
    native = json.loads((REPO / "tests" / "transcripts" / "fixtures" / "native.json").read_text(encoding="utf-8"))
    native["title"] = "q7 \ud83d half"
    native["turns"][1]["text"] = native["turns"][1]["text"].replace("dog", "dog \udc80", 1)
    (folder / "native.json").write_text(json.dumps(native), encoding="utf-8")  # ensure_ascii: "\ud83d" escapes
    out = tmp_path / "r"
    result = _grade(
        str(folder),
        "-v",
        "--json",
        f"{out}.json",
        "--junit",
        f"{out}.xml",
        "--markdown",
        f"{out}.md",
        "--html",
        f"{out}.html",
        "--gradescope",
        f"{out}.gs.json",
    )
    assert result.exit_code == 0, result.output
    assert "odd\ufffdname.md" in result.stdout and "q7 \ufffd half" in result.stdout
    for suffix in ("json", "xml", "md", "html", "gs.json"):
        text = Path(f"{out}.{suffix}").read_bytes().decode("utf-8")  # strict: valid UTF-8
        assert "odd\ufffdname.md" in text
    report = json.loads(Path(f"{out}.json").read_text(encoding="utf-8"))
    assert {t["title"] for t in report["transcripts"]} >= {"q7 \ufffd half"}


def test_a_folder_without_transcripts_is_an_error_not_an_empty_pass(tmp_path):
    """A CI job pointed at the wrong folder must fail, not grade nothing and exit 0."""
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    out = tmp_path / "report.json"
    result = _grade(str(tmp_path), "--json", str(out), "--fail-under", "0.5")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: No transcript files in {tmp_path}: a folder is searched for .md, .markdown, .txt, .json, .jsonl, .zip "
        "files "
        "(README.md and hidden files are skipped)."
    )
    assert not out.exists()
