"""A time budget per transcript: grading that overruns is stopped (its worker replaced), named as
an error, and the rest of the batch is graded; in this process (a small batch, `jobs=0`), with
one worker as with several, and in `ask`.

The stall is simulated by a monkeypatched `grade_conversation` that sleeps on a marker word;
workers are forked, so they inherit it. Nothing in the product knows about the marker.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.grading import files as grading_files
from hw7grade.grading.files import grade_files
from hw7grade.rubric.model import load_rubric

CHAT = """**User**

Question 7 (b): which five tokens go into the decoder during training?

**Assistant**

w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog. {marker}
"""


@pytest.fixture
def stalls(monkeypatch):
    """An answer saying STALL takes 60 s to grade, CRASH kills its worker, RAISE hits a bug."""
    real = grading_files.grade_conversation

    def grade(conversation, rubric, only=None):
        text = conversation.turns[-1].text
        if "STALL" in text:
            time.sleep(60)
        if "CRASH" in text:
            os._exit(7)
        if "RAISE" in text:
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return real(conversation, rubric, only)

    monkeypatch.setattr(grading_files, "grade_conversation", grade)


def _files(tmp_path: Path, markers: list[str]) -> list[Path]:
    files = []
    for i, marker in enumerate(markers):
        path = tmp_path / f"{i:02d}.md"
        path.write_text(CHAT.format(marker=marker), encoding="utf-8")
        files.append(path)
    return files


@pytest.mark.parametrize("jobs", [0, 1, 2])
def test_a_stalled_transcript_is_stopped_named_and_the_batch_goes_on(tmp_path, stalls, jobs):
    files = _files(tmp_path, ["", "STALL", "", "", "STALL", ""])
    start = time.monotonic()
    report = grade_files(files, load_rubric(), jobs=jobs, time_limit_s=0.5)
    elapsed = time.monotonic() - start
    assert [t.errors for t in report.summaries] == [
        (),
        (f"{files[1]}: grading took longer than 0.5 s, so it was stopped.",),
        (),
        (),
        (f"{files[4]}: grading took longer than 0.5 s, so it was stopped.",),
        (),
    ]
    assert [t.finals[0].verdict for t in report.summaries if not t.errors] == ["correct"] * 4
    assert elapsed < 2 * 0.5 + 5  # two stalls cost their budgets (in turn with one worker), not 2 x 60 s


def test_a_worker_that_dies_or_raises_costs_only_its_transcript(tmp_path, stalls):
    files = _files(tmp_path, ["CRASH", "", "RAISE", ""])
    report = grade_files(files, load_rubric(), jobs=1, time_limit_s=5)
    assert [t.errors for t in report.summaries] == [
        (f"{files[0]}: the grading process stopped unexpectedly (exit code 7).",),
        (),
        (f"{files[2]}: grading failed (ValueError: Exceeds the limit (4300 digits) for integer string conversion).",),
        (),
    ]


def test_in_process_grading_reports_a_bug_as_a_worker_does(tmp_path, stalls):
    files = _files(tmp_path, ["", "RAISE", ""])
    report = grade_files(files, load_rubric(), jobs=0, time_limit_s=5)
    assert [t.errors for t in report.summaries] == [
        (),
        (f"{files[1]}: grading failed (ValueError: Exceeds the limit (4300 digits) for integer string conversion).",),
        (),
    ]


def test_the_in_process_budget_stops_a_runaway_regex_and_restores_an_outer_timer():
    import re
    import signal

    from hw7grade.grading.budget import Overrun, budget

    outer = signal.getitimer(signal.ITIMER_REAL)[0]  # pytest-timeout's, when it uses signals
    start = time.monotonic()
    with pytest.raises(Overrun):
        with budget(0.3):
            re.match(r"(a+)+$", "a" * 64 + "b")  # catastrophic backtracking: years, not seconds
    assert time.monotonic() - start < 5
    if outer:
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= outer


def test_grade_time_limit_option_exits_2_with_one_line_per_stopped_file(tmp_path, stalls):
    files = _files(tmp_path, ["", "STALL"])
    result = CliRunner().invoke(
        app, ["grade", str(tmp_path), "-j", "1", "--time-limit", "0.5", "--json", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 2
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] == [
        f"Error: {files[1]}: grading took longer than 0.5 s, so it was stopped."
    ]
    assert (tmp_path / "r.json").exists()


def test_ask_grades_with_the_same_budget_and_keeps_the_saved_transcript(server, tmp_path, stalls):
    from cli.conftest import provider_env
    from hw7grade.transcripts.native import NativeTranscript
    from providers.fake_server import Reply

    dirs = {"save": tmp_path / "runs", "cache": tmp_path / "cache"}
    server.openai(Reply("w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog. STALL"))
    start = time.monotonic()
    result = CliRunner().invoke(
        app,
        [
            "ask",
            "q7b",
            "--model",
            "gpt4o",
            "--save-dir",
            str(dirs["save"]),
            "--time-limit",
            "0.5",
            "--json",
            str(tmp_path / "r.json"),
        ],
        env=provider_env(server, dirs),
    )
    assert time.monotonic() - start < 10
    assert result.exit_code == 2, result.output
    [saved] = sorted(dirs["save"].glob("*.json"))
    assert NativeTranscript.model_validate_json(saved.read_text()).turns[-1].text.endswith("STALL")
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] == [
        f"Error: {saved}: grading took longer than 0.5 s, so it was stopped. The transcript is saved; grade it with "
        f"`hw7grade grade {saved}`."
    ]
