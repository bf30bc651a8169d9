"""How judge points count: only for judge-able checks that could not decide; caps, decided checks
and `requires` stand; differences with decided checks are listed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hw7grade.checks.base import CheckResult
from hw7grade.grading.score import score_part
from hw7grade.judge.merge import decided, merge
from hw7grade.judge.model import CriterionScore, JudgeResult
from hw7grade.rubric.model import load_rubric

RUBRIC = load_rubric(Path(__file__).resolve().parents[2] / "rubrics")


def judged(part_id: str, points: dict[str, float], unscored: tuple[str, ...] = ()) -> JudgeResult:
    part = RUBRIC.part(part_id)
    criteria = tuple(
        CriterionScore(
            c.name,
            c.check,
            "unscored" if c.name in unscored else "scored",
            0.0 if c.name in unscored else points.get(c.name, 0.0),
            c.points,
            "quoted",
            "why",
        )
        for c in part.criteria
    )
    return JudgeResult("openai:judge", "partial" if unscored else "scored", criteria)


def graded(part_id: str, answer: str):
    part = RUBRIC.part(part_id)
    return part, score_part(part, answer, "final")


Q7A_VAGUE = "Stacking the two networks this way is a bad idea because the decoder gets confused by the extra input."
Q7A_KEYWORDS = "The problem: h_t has only read the first t source words, but word order differs between languages."


def test_fills_a_check_that_failed_without_evidence():
    part, score = graded("q7a", Q7A_VAGUE)
    assert score.score == 0 and score.checks[0].evidence is None
    merged = merge(score, part, judged("q7a", {"names_problem": 2, "explains_problem": 1}))
    assert (merged.score, merged.verdict) == (3.0, "partial")
    assert merged.judge.filled == ("reason",)
    assert (merged.judge.deterministic_points, merged.judge.judge_points) == (0.0, 3.0)
    assert merged.checks == score.checks  # the checks' own results are kept as they were
    assert "judge scored reason" in merged.reason


def test_decided_check_stands_and_the_difference_is_listed():
    part, score = graded("q7a", Q7A_KEYWORDS)
    assert score.score == 4
    merged = merge(score, part, judged("q7a", {"names_problem": 1}))
    assert merged.score == 4 and merged.judge.filled == () and merged.judge.judge_points == 0
    (d,) = merged.judge.disagreements
    assert (d.check, d.deterministic_points, d.judge_points) == ("reason", 4.0, 1.0)
    assert d.deterministic_evidence == "partial source context: only read the first t"


@pytest.mark.parametrize(
    "status, evidence, expected",
    [
        ("passed", None, True),  # a pass decides even with nothing quoted
        ("failed", "W_1 W_2", True),  # a fail decides only when it quotes what was wrong
        ("failed", None, False),
        ("unscored", "W_1 W_2", False),
    ],
)
def test_decided_means_passed_or_failed_with_evidence(status, evidence, expected):
    assert decided(CheckResult("reason", status, 0.0, 2.0, evidence)) is expected


def test_a_pass_without_evidence_stands_against_the_judge():
    part, score = graded("q7a", Q7A_KEYWORDS)
    bare = replace(score, checks=(replace(score.checks[0], evidence=None), *score.checks[1:]))
    merged = merge(bare, part, judged("q7a", {"names_problem": 1}))
    assert merged.score == 4 and merged.judge.filled == ()
    (d,) = merged.judge.disagreements
    assert (d.check, d.deterministic_points, d.judge_points, d.deterministic_evidence) == ("reason", 4.0, 1.0, None)


def test_agreeing_judge_lists_nothing():
    part, score = graded("q7a", Q7A_KEYWORDS)
    merged = merge(score, part, judged("q7a", {"names_problem": 2, "explains_problem": 2}))
    assert merged.judge.disagreements == () and merged.score == 4


def test_an_unscored_criterion_means_no_fill():
    part, score = graded("q7a", Q7A_VAGUE)
    merged = merge(score, part, judged("q7a", {"names_problem": 2}, unscored=("explains_problem",)))
    assert merged.score == 0 and merged.judge.filled == ()


def test_caps_still_apply():
    answer = (
        "The approach that interested me most was cosine annealing with warm restarts, which the authors "
        "used to converge faster. " * 4
    )
    part, score = graded("q4c", answer)
    assert any(c.cap == 0 for c in score.checks)
    merged = merge(score, part, judged("q4c", {"approach_from_series": 1, "why_interesting": 1}))
    assert merged.judge.filled == ("approach",)
    assert merged.score == 0 and merged.judge.judge_points == 0


def test_requires_blocks_the_fill_when_the_required_check_decided_against():
    part, score = graded(
        "q8b", "No, the regularisation does not induce any such bias; singular values can be anything."
    )
    assert score.checks[0].status == "failed" and score.checks[0].evidence
    merged = merge(score, part, judged("q8b", {"says_yes": 1, "balancing_argument": 1, "values_near_one": 1}))
    assert merged.score == 0 and merged.judge.filled == ()
    assert [d.check for d in merged.judge.disagreements] == ["position"]


def test_a_filled_required_check_unblocks_the_next():
    part, score = graded("q8b", "Think about how the two weight matrices share the penalty at the optimum.")
    assert score.checks[0].evidence is None and score.score == 0
    merged = merge(score, part, judged("q8b", {"says_yes": 1, "balancing_argument": 1}))
    assert merged.judge.filled == ("position", "argument")
    assert (merged.score, merged.verdict) == (2.0, "partial")


@pytest.mark.parametrize("says_yes, expected_fill", [(0.0, ("position",)), (1.0, ("position", "argument"))])
def test_partial_required_fill_only_unblocks_with_full_points(says_yes, expected_fill):
    part, score = graded("q8b", "Think about how the two weight matrices share the penalty at the optimum.")
    merged = merge(score, part, judged("q8b", {"says_yes": says_yes, "balancing_argument": 1, "values_near_one": 1}))
    assert merged.judge.filled == expected_fill


def test_json_report_round_trip_keeps_the_judge(tmp_path):
    from hw7grade.report.json_file import read_json_report, write_json_report
    from hw7grade.report.json_report import report_to_dict
    from hw7grade.results import Report, TranscriptResult

    part, score = graded("q7a", Q7A_VAGUE)
    merged = merge(score, part, judged("q7a", {"names_problem": 2, "explains_problem": 1}))
    report = Report((TranscriptResult("a.md", parts=(merged,)),))
    write_json_report(report, tmp_path / "r.json")
    (back,) = read_json_report(tmp_path / "r.json").transcripts[0].parts
    assert back.judge == merged.judge and back.score == merged.score
    plain = report_to_dict(Report((TranscriptResult("a.md", parts=(score,)),)))
    assert "judge" not in plain["transcripts"][0]["parts"][0]
