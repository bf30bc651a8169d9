"""The judge against the loopback server, both wire formats: structured requests, good replies,
one retry on a wrong shape, refusals, provider failures, the cache and the concurrency limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hw7grade.judge.run import JudgeJob, make_judge, same_model
from hw7grade.providers.models import resolve_model
from hw7grade.rubric.model import load_rubric
from judge.fake_judge import judge_with, refusal, wrong_shape
from providers.fake_server import ANTHROPIC_PATH, OPENAI_PATH, Status

RUBRIC = load_rubric(Path(__file__).resolve().parents[2] / "rubrics")
Q7A = RUBRIC.part("q7a")
ANSWER = "The decoder at step t sees only h_t, which has not seen the rest of the sentence yet."
FULL = {"names_problem": 2, "explains_problem": 2}
PROVIDERS = [("gpt4o", OPENAI_PATH), ("claude", ANTHROPIC_PATH)]


def judge_for(alias: str, **kw):
    return make_judge(alias, max_retries=kw.pop("max_retries", 2), **kw)


@pytest.mark.parametrize("alias, path", PROVIDERS)
def test_good_reply_scores_every_criterion(judge_env, alias, path):
    judge_env.respond_with(path, judge_with({"names_problem": 2, "explains_problem": 1.5}))
    result = judge_for(alias).score(JudgeJob(Q7A, ANSWER))
    assert result.status == "scored" and (result.points, result.max_points) == (3.5, 4.0)
    assert [c.evidence for c in result.criteria] == ["The decoder at step t sees"] * 2
    assert result.answered_by.endswith("-2026-01-01")
    body = judge_env.requests[0].body
    text = body["messages"][-1]["content"]
    assert Q7A.reference.split()[0] in text and "names_problem (0 to 2 points)" in text and ANSWER in text
    if path == OPENAI_PATH:
        fmt = body["response_format"]
        assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
        assert body["messages"][0]["role"] == "system"
    else:
        assert body["tool_choice"] == {"type": "tool", "name": "record_scores"}
        assert body["tools"][0]["input_schema"]["required"] == ["criteria"]
        assert "strict" in body["system"]


@pytest.mark.parametrize("alias, path", PROVIDERS)
def test_wrong_shape_is_retried_once(judge_env, alias, path):
    judge_env.respond_with(path, judge_with(FULL))
    judge_env.steps[path].append(wrong_shape({}))
    result = judge_for(alias).score(JudgeJob(Q7A, ANSWER))
    assert result.status == "scored" and result.points == 4
    assert judge_env.count(path) == 2
    retry_text = judge_env.requests[1].body["messages"][-1]["content"]
    assert "previous reply could not be used" in retry_text


@pytest.mark.parametrize("alias, path", PROVIDERS)
def test_wrong_shape_twice_is_unscored(judge_env, alias, path):
    judge_env.respond_with(path, wrong_shape)
    result = judge_for(alias).score(JudgeJob(Q7A, ANSWER))
    assert result.status == "unscored" and "wrong shape twice" in result.reason
    assert all(c.status == "unscored" for c in result.criteria)
    assert judge_env.count(path) == 2


@pytest.mark.parametrize("alias, path", PROVIDERS)
def test_refusal_is_unscored_without_retry(judge_env, alias, path):
    judge_env.respond_with(path, refusal)
    result = judge_for(alias).score(JudgeJob(Q7A, ANSWER))
    assert result.status == "unscored" and "refused" in result.reason and "will not grade" in result.reason
    assert judge_env.count(path) == 1


def test_provider_failure_after_retries_is_unscored_and_recorded(judge_env):
    judge_env.respond_with(OPENAI_PATH, lambda body: Status(500))
    judge = judge_for("gpt4o", max_retries=1)
    result = judge.score(JudgeJob(Q7A, ANSWER))
    assert result.status == "unscored" and "request failed" in result.reason
    assert len(judge.failures) == 1 and judge.failures[0].exit_code == 3
    assert judge_env.count(OPENAI_PATH) == 2


def test_second_run_comes_from_the_cache(judge_env):
    judge_env.respond_with(OPENAI_PATH, judge_with(FULL))
    first = judge_for("gpt4o").score(JudgeJob(Q7A, ANSWER))
    again = judge_for("gpt4o").score(JudgeJob(Q7A, ANSWER))
    assert first.criteria == again.criteria and judge_env.count(OPENAI_PATH) == 1
    uncached = judge_for("gpt4o", use_cache=False).score(JudgeJob(Q7A, ANSWER))
    assert uncached.points == 4 and judge_env.count(OPENAI_PATH) == 2


def test_score_all_keeps_order_and_the_concurrency_limit(judge_env):
    def slow(body):
        step = judge_with(lambda b: {"names_problem": 2} if "ALPHA" in b["messages"][-1]["content"] else {})(body)
        step.delay_s = 0.05  # long enough for requests to overlap
        return step

    judge_env.respond_with(OPENAI_PATH, slow)
    answers = [f"Answer {n}: ALPHA the decoder" if n % 2 == 0 else f"Answer {n}: BETA the decoder" for n in range(8)]
    results = judge_for("gpt4o", concurrency=2).score_all([JudgeJob(Q7A, a) for a in answers])
    assert [r.points for r in results] == [2.0, 0.0] * 4
    assert judge_env.max_in_flight == 2


def test_keys_never_reach_the_cache(judge_env, tmp_path):
    judge_env.respond_with(ANTHROPIC_PATH, judge_with(FULL))
    judge_for("claude").score(JudgeJob(Q7A, ANSWER))
    files = list((tmp_path / "cache").rglob("*.json"))
    assert files and all("KEYSECRET" not in f.read_text() for f in files)
    assert json.loads(files[0].read_text())["request"]["params"]["structured"]["name"] == "record_scores"


@pytest.mark.parametrize(
    "tested, same",
    [
        ("gpt-4o", True),
        ("gpt-4o-2024-08-06", True),
        ("openai:gpt-4o", True),
        ("claude-opus", False),
        (None, False),
    ],
)
def test_same_model_guard(tested, same):
    assert same_model(resolve_model("gpt4o"), tested) is same
