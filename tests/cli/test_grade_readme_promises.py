"""What README.md promises about `hw7grade grade`: workers per core, the progress bar, `--only`
repeated on the command line, and `$HW7GRADE_RUBRICS`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hw7grade.grading.files
from hw7grade.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()

CHAT = """**User**

Question 7 (b): which five tokens go into the decoder during training?

**Assistant**

With teacher forcing the decoder reads the ground truth shifted right:
w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog.
"""


def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "runs"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:02d}.md").write_text(CHAT + f"\nThanks ({i})\n", encoding="utf-8")
    return folder


@pytest.fixture()
def calls(monkeypatch) -> list[dict]:
    """Each `grade_files` call's worker count and progress callback; grading itself runs serially."""
    seen: list[dict] = []
    real = hw7grade.grading.files.grade_files

    def spy(files, rubric, only=None, model_name=None, on_file=None, jobs=1, *rest, **options):
        seen.append({"files": len(files), "jobs": jobs, "on_file": on_file})
        return real(files, rubric, only, model_name, on_file, 1, *rest, **options)

    monkeypatch.setattr(hw7grade.grading.files, "grade_files", spy)
    return seen


def _grade(*args: str, env: dict[str, str | None] | None = None):
    return runner.invoke(app, ["grade", "--rubrics", str(REPO / "rubrics"), *args], env=env, catch_exceptions=False)


@pytest.mark.parametrize("n_files, cores, jobs", [(31, 4, 0), (32, 4, 4), (40, 2, 2), (40, 64, 5)])
def test_workers_per_core_from_32_files_on(tmp_path, monkeypatch, calls, n_files, cores, jobs):
    # One worker per core, and no more workers than chunks of CHUNK_FILES (8) files.
    monkeypatch.setattr(hw7grade.grading.files.os, "cpu_count", lambda: cores)
    result = _grade(str(_folder(tmp_path, n_files)))
    assert result.exit_code == 0, result.output
    assert [(c["files"], c["jobs"]) for c in calls] == [(n_files, jobs)]


def test_jobs_option_overrides_the_default(tmp_path, calls):
    result = _grade(str(_folder(tmp_path, 3)), "--jobs", "3")
    assert result.exit_code == 0, result.output
    assert [c["jobs"] for c in calls] == [3]


@pytest.mark.parametrize("n_files, shown", [(7, False), (8, True)])
def test_progress_bar_on_a_terminal_from_8_files_on(tmp_path, calls, n_files, shown):
    result = _grade(str(_folder(tmp_path, n_files)), env={"TTY_COMPATIBLE": "1", "FORCE_COLOR": None})
    assert result.exit_code == 0, result.output
    [call] = calls
    assert (call["on_file"] is not None) is shown
    assert ("grading" in result.stderr) is shown


def test_no_progress_bar_when_piped(tmp_path, calls):
    result = _grade(str(_folder(tmp_path, 40)), env={"TTY_COMPATIBLE": None, "FORCE_COLOR": None})
    assert result.exit_code == 0, result.output
    assert calls[0]["on_file"] is None
    # issue 14: grade names the rubric folder on stderr; nothing else (no progress bar) goes there
    assert result.stderr.splitlines() == [f"Rubrics: HW7 from {result.stderr.split(' from ', 1)[1].strip()}"]


def test_only_repeated_on_the_command_line(tmp_path):
    out = tmp_path / "r.json"
    chat = str(REPO / "transcripts" / "chatgpt-4o-hw7.md")
    result = _grade(chat, "--only", "q7b", "--only", "q8a.ii", "--json", str(out))
    assert result.exit_code == 0, result.output
    ids = {p["id"] for t in json.loads(out.read_text())["transcripts"] for p in t["parts"]}
    assert ids == {"q7b", "q8a.ii"}


def test_only_repeated_with_one_unknown_prefix_is_a_usage_error(tmp_path):
    result = _grade(str(REPO / "transcripts" / "chatgpt-4o-hw7.md"), "--only", "q7b", "--only", "q9")
    assert result.exit_code == 2
    assert "No rubric part matches 'q9'" in result.stderr


def test_rubrics_env_names_the_rubric_folder(tmp_path, monkeypatch):
    # A folder holding only q7's rubric: the fallbacks (./rubrics, the repository's) hold all four.
    rubrics = tmp_path / "my-rubrics"
    rubrics.mkdir()
    shutil.copy(REPO / "rubrics" / "q7.yaml", rubrics / "q7.yaml")
    monkeypatch.chdir(REPO)
    out = tmp_path / "r.json"
    result = runner.invoke(
        app,
        ["grade", "transcripts/chatgpt-4o-hw7.md", "--json", str(out)],
        env={"HW7GRADE_RUBRICS": str(rubrics)},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    ids = {p["id"] for t in json.loads(out.read_text())["transcripts"] for p in t["parts"]}
    assert ids == {"q7a", "q7b", "q7c"}
