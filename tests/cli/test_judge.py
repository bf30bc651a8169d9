"""`--judge` on `grade`, `agree` and `ask`, end to end against the loopback server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app
from judge.fake_judge import judge_with, refusal
from providers.fake_server import ANTHROPIC_PATH, OPENAI_PATH, FakeServer, Reply, Status

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


@pytest.fixture
def server():
    with FakeServer() as running:
        yield running


def env_for(server, tmp_path, **extra):
    env = {
        "OPENAI_API_KEY": "test-KEYSECRET-openai-123",
        "ANTHROPIC_API_KEY": "test-KEYSECRET-anthropic-456",
        "OPENAI_BASE_URL": server.openai_base_url,
        "ANTHROPIC_BASE_URL": server.anthropic_base_url,
        "HW7GRADE_CACHE_DIR": str(tmp_path / "cache"),
        "HW7GRADE_BACKOFF_BASE_S": "0.01",
        "HW7GRADE_RETRY_AFTER_CAP_S": "0.05",
        "HW7GRADE_RUBRICS": None,
        "COLUMNS": "200",
    }
    env.update(extra)
    return env


def run(server, tmp_path, *args, **env):
    return runner.invoke(
        app, list(args), env=env_for(server, tmp_path, **env), terminal_width=200, catch_exceptions=False
    )


def parts(report: dict) -> dict[tuple[str, str, str], dict]:
    return {(Path(t["path"]).name, p["id"], p["attempt"]): p for t in report["transcripts"] for p in t["parts"]}


def test_grade_with_judge_fills_in_and_keeps_points_apart(server, tmp_path):
    server.respond_with(ANTHROPIC_PATH, judge_with(FULL))
    out = tmp_path / "r.json"
    result = run(server, tmp_path, "grade", TRANSCRIPTS, "--rubrics", RUBRICS, "--judge", "claude", "--json", str(out))
    assert result.exit_code == 0, result.output
    assert server.count(ANTHROPIC_PATH) == 8  # one call per distinct judge-able answer
    got = parts(json.loads(out.read_text()))
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
    assert "KEYSECRET" not in result.output + out.read_text()


def test_disagreements_are_listed_and_decided_checks_stand(server, tmp_path):
    server.respond_with(OPENAI_PATH, judge_with(HARSH))
    out = tmp_path / "r.json"
    result = run(
        server,
        tmp_path,
        "grade",
        str(REPO / "transcripts/claude-cursor-q8.md"),
        "--rubrics",
        RUBRICS,
        "--judge",
        "gpt4o",
        "--json",
        str(out),
    )
    assert result.exit_code == 0, result.output
    q8b = parts(json.loads(out.read_text()))[("claude-cursor-q8.md", "q8b", "final")]
    assert q8b["score"] == 3.0 and q8b["judge_points"] == 0.0
    assert [d["check"] for d in q8b["judge"]["disagreements"]] == ["position", "argument"]
    assert "disagreement q8b (first) position: checks gave 1/1, judge 0/1" in result.stdout


def test_without_judge_nothing_changes(server, tmp_path):
    out = tmp_path / "r.json"
    result = run(server, tmp_path, "grade", TRANSCRIPTS, "--rubrics", RUBRICS, "--json", str(out))
    assert result.exit_code == 0
    assert "judge" not in out.read_text() and server.requests == []


def test_missing_key_fails_before_any_work(server, tmp_path):
    result = run(server, tmp_path, "grade", TRANSCRIPTS, "--rubrics", RUBRICS, "--judge", "gpt4o", OPENAI_API_KEY=None)
    assert result.exit_code == 2 and "Set OPENAI_API_KEY" in result.output
    assert server.requests == []


def test_same_model_warning(server, tmp_path):
    server.respond_with(OPENAI_PATH, judge_with(FULL))
    result = run(
        server, tmp_path, "grade", str(REPO / "transcripts/chatgpt-4o-hw7.md"), "--rubrics", RUBRICS, "--judge", "gpt4o"
    )
    assert result.exit_code == 0
    assert "the judge openai:gpt-4o looks like the model under test (gpt-4o)" in result.stderr


def test_judge_failures_exit_3_and_leave_answers_unscored_by_the_judge(server, tmp_path):
    server.respond_with(OPENAI_PATH, lambda body: Status(503))
    out = tmp_path / "r.json"
    result = run(
        server,
        tmp_path,
        "grade",
        str(REPO / "transcripts/claude-cursor-q7.md"),
        "--rubrics",
        RUBRICS,
        "--judge",
        "gpt4o",
        "--json",
        str(out),
    )
    assert result.exit_code == 3
    assert "judge request(s) failed after retries" in result.stderr
    q7a = parts(json.loads(out.read_text()))[("claude-cursor-q7.md", "q7a", "final")]
    assert q7a["judge"]["status"] == "unscored" and q7a["score"] == 4.0  # the checks' score is untouched


def test_refusal_shows_as_unscored(server, tmp_path):
    server.respond_with(OPENAI_PATH, refusal)
    result = run(
        server,
        tmp_path,
        "grade",
        str(REPO / "transcripts/claude-cursor-q7.md"),
        "--rubrics",
        RUBRICS,
        "--judge",
        "gpt4o",
    )
    assert result.exit_code == 0
    assert "q7a (first): judge unscored — the judge refused" in result.stdout


def stats(out: str, part: str) -> list[str]:
    row = next(line for line in out.splitlines() if re.match(rf"│ {re.escape(part)}\s+│", line))
    return [c.strip() for c in row.strip("│").split("│")[1:]]


def test_agree_calibration_on_the_bundled_transcripts(server, tmp_path):
    """The scripted judge gives full marks except on q8b's last criterion: the figures follow."""
    server.respond_with(OPENAI_PATH, judge_with({**FULL, "values_near_one": 0}))
    result = run(server, tmp_path, "agree", TRANSCRIPTS, "--rubrics", RUBRICS, "--judge", "gpt4o")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Judge calibration: openai:gpt-4o on the parts it may score" in out
    assert stats(out, "q7a") == ["50% κ 0.00 (2)", "100% κ undef. (2)", "100% κ undef. (2)"]
    assert stats(out, "q8b") == ["100% κ undef. (2)", "0% κ 0.00 (2)", "100% κ undef. (2)"]
    assert stats(out, "all") == ["75% κ 0.00 (8)", "75% κ 0.00 (8)", "88% κ 0.00 (8)"]
    assert "Judge vs checks (2)" in out and "argument: checks gave 2/2, judge 1/2" in out


def test_ask_with_judge(server, tmp_path):
    answer = (
        "Stacking them is a problem: the decoder at step t gets h_t, so it is tied to the source position and "
        "cannot look ahead.\n\nAnswer: the alignment between positions is forced."
    )
    server.openai(Reply(answer))
    server.respond_with(ANTHROPIC_PATH, judge_with(FULL))
    out = tmp_path / "r.json"
    result = run(
        server,
        tmp_path,
        "ask",
        "q7a",
        "--model",
        "gpt4o",
        "--judge",
        "claude",
        "--no-interactive",
        "--save-dir",
        str(tmp_path / "runs"),
        "--json",
        str(out),
    )
    assert result.exit_code == 0, result.output
    (q7a,) = [p for p in json.loads(out.read_text())["transcripts"][0]["parts"] if p["attempt"] == "final"]
    assert q7a["judge"]["model"] == "anthropic:claude-sonnet-5-5"
    assert q7a["deterministic_points"] + q7a["judge_points"] == q7a["score"]
    assert server.count(ANTHROPIC_PATH) == 1


def test_ask_warns_when_judge_is_the_model_under_test(server, tmp_path):
    server.openai(Reply("Answer: h_t has only read the first t source words."))
    server.respond_with(OPENAI_PATH, judge_with(FULL))
    result = run(
        server,
        tmp_path,
        "ask",
        "q7a",
        "--model",
        "gpt4o",
        "--judge",
        "gpt4o",
        "--no-interactive",
        "--save-dir",
        str(tmp_path / "runs"),
    )
    assert result.exit_code == 0, result.output
    assert "looks like the model under test" in result.stderr
