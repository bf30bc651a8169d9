"""examples/another-course: a made-up second homework is listed, self-tested and graded with its
own names, and no HW7 wording reaches any output."""

from __future__ import annotations

import base64
import gzip
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app

REPO = Path(__file__).resolve().parents[1]
COURSE = REPO / "examples" / "another-course"
RUBRICS = str(COURSE / "rubrics")
runner = CliRunner()
HW7_WORDING = ("HW7", "deep-learning", "autoencoder", "seq2seq")


GZIP_BASE64 = re.compile(r'"(H4sI[A-Za-z0-9+/=]+)"')
"""The HTML report's drill-downs, gzip in base64: as base64 they may spell any three letters by chance."""


def _no_hw7(text: str) -> None:
    for packed in GZIP_BASE64.findall(text):
        _no_hw7(gzip.decompress(base64.b64decode(packed)).decode("utf-8"))
    text = GZIP_BASE64.sub('""', text)
    for word in HW7_WORDING:
        assert word not in text, word


def test_listing_names_the_other_homework():
    result = runner.invoke(app, ["rubrics", "--rubrics", RUBRICS])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == f"DB3 rubric parts (from {RUBRICS})"
    _no_hw7(result.output)


def test_its_cases_pass():
    result = runner.invoke(app, ["rubrics", "test", "--rubrics", RUBRICS])
    assert result.exit_code == 0 and "4/4 case(s) as expected over 2 part(s)." in result.output


@pytest.mark.parametrize("args", [[], ["-v"], ["--format", "plain"], ["-q"]])
def test_grading_its_transcript_says_nothing_of_hw7(tmp_path, args):
    out = {kind: tmp_path / f"report.{kind}" for kind in ("json", "junit", "markdown", "html", "gradescope")}
    files = [a for kind, path in out.items() for a in (f"--{kind}", str(path))]
    result = runner.invoke(app, ["grade", str(COURSE / "transcripts"), "--rubrics", RUBRICS, *files, *args])
    assert result.exit_code == 0, result.output
    assert "1 conversation(s) graded: 4 / 6 points (67%) on final attempts" in result.output
    _no_hw7(result.stdout + result.stderr)
    for path in out.values():
        _no_hw7(path.read_text(encoding="utf-8"))


def test_no_parts_found_message_names_no_homework(tmp_path):
    (tmp_path / "chat.md").write_text("**User**\n\nHello\n\n**Assistant**\n\nHi there.\n", encoding="utf-8")
    result = runner.invoke(app, ["grade", str(tmp_path / "chat.md"), "--rubrics", RUBRICS, "-v"])
    assert result.exit_code == 0, result.output  # main (issue 13): such a chat is skipped, not an error
    assert "skipped: no rubric part found" in " ".join((result.stdout + result.stderr).split())
    _no_hw7(result.stdout + result.stderr)


def test_the_judge_and_the_math_checks_assume_no_hw7():
    """The judge's instructions name no course, and a math check sees only its course's shapes:
    without them, W_1 is an unknown symbol rather than HW7's k x m encoder."""
    from hw7grade.algebra import compare
    from hw7grade.judge.prompt import SYSTEM

    _no_hw7(SYSTEM)
    result = compare("W_2 W_1 X", "W_2 W_1 X", {})
    assert result.status == "unsupported" and "unknown matrix symbol" in result.explanation
    assert compare("W_2 W_1 X", "W_2 W_1 X", {"X": ("m", "n"), "W_1": ("k", "m"), "W_2": ("m", "k")}).status == (
        "equivalent"
    )
