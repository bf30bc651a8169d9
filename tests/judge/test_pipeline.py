"""`grade --judge` sends a file's judge requests while later files are still being graded, and
merges exactly what judging after all grading (`judge_files`) merges."""

from __future__ import annotations

import time
from pathlib import Path

from hw7grade.grading.files import grade_files
from hw7grade.judge.apply import JudgePipeline, judge_files
from hw7grade.judge.run import make_judge
from hw7grade.rubric.model import load_rubric
from judge.fake_judge import answer_in, judge_with
from providers.fake_server import ANTHROPIC_PATH

REPO = Path(__file__).resolve().parents[2]
RUBRIC = load_rubric(REPO / "rubrics")
FILES = sorted(p for p in (REPO / "transcripts").glob("*.md") if p.name != "README.md")
WAIT_S = 10.0


def _points(body: dict) -> dict[str, float]:
    """Points that depend on the answer, so a result merged into the wrong part would show."""
    return {"names_problem": len(answer_in(body)) % 3, "says_yes": 1, "real_lesson": 0.5}


def test_pipelined_judging_merges_what_judging_afterwards_merges(judge_env):
    judge_env.respond_with(ANTHROPIC_PATH, judge_with(_points))
    after = make_judge("claude", use_cache=False)
    report = grade_files(FILES, RUBRIC)
    expected = judge_files(list(report.transcripts), FILES, RUBRIC, after)
    requests = judge_env.count(ANTHROPIC_PATH)

    piped = make_judge("claude", use_cache=False)
    with JudgePipeline(piped, RUBRIC) as pipeline:
        report = grade_files(FILES, RUBRIC, jobs=2, on_graded=pipeline.add_file)
        got = pipeline.finish(list(report.transcripts))
    assert got == expected
    assert judge_env.count(ANTHROPIC_PATH) == 2 * requests > 0  # the same distinct answers, once each
    assert any(p.judge is not None for t in got for p in t.parts)


def test_a_file_s_judge_requests_go_out_before_the_batch_is_graded(judge_env):
    judge_env.respond_with(ANTHROPIC_PATH, judge_with(_points))
    seen_while_grading: list[int] = []

    def after_file(path: Path) -> None:
        if path.name == "chatgpt-4o-hw7.md":  # it has judge-able answers: wait for the first request to arrive
            deadline = time.monotonic() + WAIT_S
            while judge_env.count(ANTHROPIC_PATH) == 0 and time.monotonic() < deadline:
                time.sleep(0.01)
            seen_while_grading.append(judge_env.count(ANTHROPIC_PATH))

    with JudgePipeline(make_judge("claude", use_cache=False), RUBRIC) as pipeline:
        grade_files(FILES, RUBRIC, on_file=after_file, on_graded=pipeline.add_file)
    assert seen_while_grading and seen_while_grading[0] > 0


def test_the_judge_s_sdk_is_loaded_at_its_first_request_but_a_missing_key_fails_at_once(judge_env, monkeypatch):
    import pytest

    from hw7grade.errors import AuthError
    from hw7grade.judge.run import JudgeJob

    judge_env.respond_with(ANTHROPIC_PATH, judge_with(_points))
    built = []
    judge = make_judge("claude", use_cache=False)
    real = judge.connect
    judge.connect = lambda: built.append(1) or real()
    assert built == []
    judge.score(JudgeJob(RUBRIC.part("q7a"), "The decoder sees only h_t."))
    judge.score(JudgeJob(RUBRIC.part("q7a"), "Another answer."))
    assert built == [1] and judge_env.count(ANTHROPIC_PATH) == 2
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    with pytest.raises(AuthError):
        make_judge("claude")


def test_the_pipeline_imports_the_judge_s_sdk_before_any_file_is_graded(judge_env):
    built = []
    judge = make_judge("claude", use_cache=False)
    real = judge.connect
    judge.connect = lambda: built.append(time.monotonic()) or real()
    with JudgePipeline(judge, RUBRIC):
        deadline = time.monotonic() + WAIT_S
        while not built and time.monotonic() < deadline:
            time.sleep(0.01)
        assert built  # no file graded yet, no request sent
    assert judge_env.count(ANTHROPIC_PATH) == 0


def test_the_judge_reads_the_answer_the_checks_read():
    """The judge takes each answer from its result (`PartScore.answer`) rather than reading the
    transcript again: that is the text segmenting the transcript finds for the attempt's turn."""
    from hw7grade.grading.score import grade_conversation, part_answers
    from hw7grade.transcripts import read_transcript

    compared = 0
    for path in FILES:
        for conversation in read_transcript(path):
            result = grade_conversation(conversation, RUBRIC)
            answers = part_answers(conversation, RUBRIC)
            for score in result.parts:
                if score.verdict != "missing":
                    found = answers[score.id]
                    assert score.answer == next(a.text for a in found.attempts if a.turn == score.turn)
                    compared += 1
    assert compared > 20


def _own_niceness(task: int) -> list[int]:
    import os

    return [os.nice(0)]


def test_grading_workers_yield_the_cpu_to_a_judging_process(judge_env):
    """With answers to judge, the workers run `worker_niceness` below the parent: the judge's SDK
    import and requests, on the run's critical path, are not starved by grading."""
    import os

    from hw7grade.grading.files import _in_worker, _init_worker
    from hw7grade.grading.worker_pool import run_timed

    with JudgePipeline(make_judge("claude", use_cache=False), RUBRIC) as pipeline:
        niceness = pipeline.worker_niceness
    assert niceness > 0
    outcomes = list(run_timed([1], _in_worker, 1, 10.0, _init_worker, (_own_niceness, (), niceness)))
    assert outcomes[0].items == [os.nice(0) + niceness]
    plain = list(run_timed([1], _in_worker, 1, 10.0, _init_worker, (_own_niceness, ())))
    assert plain[0].items == [os.nice(0)]


def test_the_sdk_is_imported_with_the_collector_paused(judge_env):
    import gc

    judge = make_judge("claude", use_cache=False)
    real = judge.connect
    seen = []
    judge.connect = lambda: seen.append(gc.isenabled()) or real()
    assert gc.isenabled()
    judge.provider  # noqa: B018  # builds the provider
    assert seen == [False] and gc.isenabled()
