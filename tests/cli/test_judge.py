"""`--judge` on `grade`, `agree` and `ask`, end to end against the loopback server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from hw7grade.cli import app
from judge.fake_judge import judge_with, refusal
from providers.fake_server import ANTHROPIC_PATH, OPENAI_PATH, FakeServer, Reply, Status

from .conftest import provider_env

REPO = Path(__file__).resolve().parents[2]
TRANSCRIPTS = str(REPO / "transcripts")
RUBRICS = str(REPO / "rubrics")
FULL = {
    "real_lesson": 0.5,
    "lesson_explained": 0.5,
    "approach_from_series": 1,
    "why_interesting": 1,
    "names_problem": 2,
    "explains_problem": 2,
    "says_yes": 1,
    "balancing_argument": 1,
    "values_near_one": 1,
}
HARSH = {**{k: 0.0 for k in FULL}, "names_problem": 2, "explains_problem": 2}
runner = CliRunner()


class JudgeCli:
    """The CLI against the loopback server (keys, base URLs, a private cache, tiny backoffs);
    `grade` reads the bundled rubrics and, with `json_report=True`, writes the JSON report `parts` reads."""

    def __init__(self, server: FakeServer, dirs: dict[str, Path]):
        self.server = server
        self.dirs = dirs

    def __call__(self, *args: str, **env: str | None) -> Result:
        env_vars = provider_env(self.server, self.dirs, COLUMNS="200", **env)
        return runner.invoke(app, list(args), env=env_vars, terminal_width=200, catch_exceptions=False)

    def grade(self, transcripts: str, *options: str, json_report: bool = False, **env: str | None) -> Result:
        report = ("--json", str(self.dirs["json"])) if json_report else ()
        return self("grade", transcripts, "--rubrics", RUBRICS, *options, *report, **env)

    def ask(self, part_id: str, *options: str, json_report: bool = False) -> Result:
        report = ("--json", str(self.dirs["json"])) if json_report else ()
        return self("ask", part_id, *options, "--no-interactive", "--save-dir", str(self.dirs["save"]), *report)

    def parts(self) -> dict[tuple[str, str, str], dict]:
        """The JSON report's parts by (transcript file name, part id, attempt)."""
        report = json.loads(self.report_text())
        return {(Path(t["path"]).name, p["id"], p["attempt"]): p for t in report["transcripts"] for p in t["parts"]}

    def report_text(self) -> str:
        return self.dirs["json"].read_text()


@pytest.fixture
def cli(server: FakeServer, dirs: dict[str, Path]) -> JudgeCli:
    return JudgeCli(server, dirs)


def test_grade_with_judge_fills_in_and_keeps_points_apart(cli):
    cli.server.respond_with(ANTHROPIC_PATH, judge_with(FULL))
    result = cli.grade(TRANSCRIPTS, "--judge", "claude", json_report=True)
    assert result.exit_code == 0, result.output
    assert cli.server.count(ANTHROPIC_PATH) == 8  # one call per distinct judge-able answer
    got = cli.parts()
    q7a = got[("chatgpt-4o-hw7.md", "q7a", "final")]
    assert (q7a["score"], q7a["deterministic_points"], q7a["judge_points"], q7a["verdict"]) == (
        4.0,
        0.0,
        4.0,
        "correct",
    )
    assert q7a["judge"]["model"] == "anthropic:claude-sonnet-5-5" and q7a["judge"]["filled"] == ["reason"]
    assert all(c["evidence"] for c in q7a["judge"]["criteria"])
    q4c = got[("chatgpt-4o-hw7.md", "q4c", "final")]  # the forbidden claim's cap stands
    assert (q4c["score"], q4c["judge"]["points"], q4c["judge_points"]) == (0.0, 2.0, 0.0)
    q4a = got[("chatgpt-4o-hw7.md", "q4a", "final")]
    assert "judge" not in q4a and "judge_points" not in q4a  # not a judge-able part
    assert "Judge anthropic:claude-sonnet-5-5: points counted where checks could not decide" in result.stdout
    assert "KEYSECRET" not in result.output + cli.report_text()


def test_disagreements_are_listed_and_decided_checks_stand(cli):
    cli.server.respond_with(OPENAI_PATH, judge_with(HARSH))
    result = cli.grade(str(REPO / "transcripts/claude-cursor-q8.md"), "--judge", "gpt4o", json_report=True)
    assert result.exit_code == 0, result.output
    q8b = cli.parts()[("claude-cursor-q8.md", "q8b", "final")]
    assert q8b["score"] == 3.0 and q8b["judge_points"] == 0.0
    assert [d["check"] for d in q8b["judge"]["disagreements"]] == ["position", "argument"]
    assert "disagreement q8b (first) position: checks gave 1/1, judge 0/1" in result.stdout


def test_without_judge_nothing_changes(cli):
    result = cli.grade(TRANSCRIPTS, json_report=True)
    assert result.exit_code == 0
    assert "judge" not in cli.report_text() and cli.server.requests == []


def test_missing_key_fails_before_any_work(cli):
    result = cli.grade(TRANSCRIPTS, "--judge", "gpt4o", OPENAI_API_KEY=None)
    assert result.exit_code == 2 and "Set OPENAI_API_KEY" in result.output
    assert cli.server.requests == []


def test_the_first_judge_request_arrives_before_the_last_input_is_graded(server, dirs):
    """End to end, in a process of its own: standard input, the last input, is only written once
    the loopback server has seen a judge request, so that request cannot wait for all grading."""
    import os
    import subprocess
    import sys
    import time

    server.respond_with(ANTHROPIC_PATH, judge_with(FULL))
    env = {k: v for k, v in {**os.environ, **provider_env(server, dirs)}.items() if v is not None}
    first = str(REPO / "transcripts/claude-cursor-q7.md")  # q7a is judged
    argv = [sys.executable, "-m", "hw7grade", "grade", first, "-", "--rubrics", RUBRICS, "--judge", "claude"]
    with subprocess.Popen(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        deadline = time.monotonic() + 60
        while server.count(ANTHROPIC_PATH) == 0 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        before_the_last = server.count(ANTHROPIC_PATH)
        out, err = proc.communicate((REPO / "transcripts/claude-cursor-q8.md").read_bytes(), timeout=60)
    assert proc.returncode == 0, err.decode()
    assert before_the_last > 0 and "q7a" in out.decode()


def test_same_model_warning(cli):
    cli.server.respond_with(OPENAI_PATH, judge_with(FULL))
    result = cli.grade(str(REPO / "transcripts/chatgpt-4o-hw7.md"), "--judge", "gpt4o")
    assert result.exit_code == 0
    assert "the judge openai:gpt-4o looks like the model under test (gpt-4o)" in result.stderr


def test_judge_failures_exit_3_and_leave_answers_unscored_by_the_judge(cli):
    cli.server.respond_with(OPENAI_PATH, lambda body: Status(503))
    result = cli.grade(str(REPO / "transcripts/claude-cursor-q7.md"), "--judge", "gpt4o", json_report=True)
    assert result.exit_code == 3
    assert "judge request(s) failed after retries" in result.stderr
    q7a = cli.parts()[("claude-cursor-q7.md", "q7a", "final")]
    assert q7a["judge"]["status"] == "unscored" and q7a["score"] == 4.0  # the checks' score is untouched


def test_refusal_shows_as_unscored(cli):
    cli.server.respond_with(OPENAI_PATH, refusal)
    result = cli.grade(str(REPO / "transcripts/claude-cursor-q7.md"), "--judge", "gpt4o")
    assert result.exit_code == 0
    assert "q7a (first): judge unscored — the judge refused" in result.stdout


def stats(out: str, part: str) -> list[str]:
    row = next(line for line in out.splitlines() if re.match(rf"│ {re.escape(part)}\s+│", line))
    return [c.strip() for c in row.strip("│").split("│")[1:]]


def test_agree_calibration_on_the_bundled_transcripts(cli):
    """The scripted judge gives full marks except on q8b's last criterion: the figures follow."""
    cli.server.respond_with(OPENAI_PATH, judge_with({**FULL, "values_near_one": 0}))
    result = cli("agree", TRANSCRIPTS, "--rubrics", RUBRICS, "--judge", "gpt4o")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Judge calibration: openai:gpt-4o on the parts it may score" in out
    assert stats(out, "q7a") == ["50% κ 0.00 (2)", "100% κ undef. (2)", "100% κ undef. (2)"]
    assert stats(out, "q8b") == ["100% κ undef. (2)", "0% κ 0.00 (2)", "100% κ undef. (2)"]
    assert stats(out, "all") == ["75% κ 0.00 (8)", "75% κ 0.00 (8)", "88% κ 0.00 (8)"]
    assert "Judge vs checks (2)" in out and "argument: checks gave 2/2, judge 1/2" in out


def test_ask_with_judge(cli):
    answer = (
        "Stacking them is a problem: the decoder at step t gets h_t, so it is tied to the source position and "
        "cannot look ahead.\n\nAnswer: the alignment between positions is forced."
    )
    cli.server.openai(Reply(answer))
    cli.server.respond_with(ANTHROPIC_PATH, judge_with(FULL))
    result = cli.ask("q7a", "--model", "gpt4o", "--judge", "claude", json_report=True)
    assert result.exit_code == 0, result.output
    (q7a,) = [p for p in json.loads(cli.report_text())["transcripts"][0]["parts"] if p["attempt"] == "final"]
    assert q7a["judge"]["model"] == "anthropic:claude-sonnet-5-5"
    assert q7a["deterministic_points"] + q7a["judge_points"] == q7a["score"]
    assert cli.server.count(ANTHROPIC_PATH) == 1


def test_ask_warns_when_judge_is_the_model_under_test(cli):
    cli.server.openai(Reply("Answer: h_t has only read the first t source words."))
    cli.server.respond_with(OPENAI_PATH, judge_with(FULL))
    result = cli.ask("q7a", "--model", "gpt4o", "--judge", "gpt4o")
    assert result.exit_code == 0, result.output
    assert "looks like the model under test" in result.stderr
