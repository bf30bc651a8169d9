"""Calibration: the same labelled answers compared for checks alone, judge alone, checks + judge."""

from __future__ import annotations

from dataclasses import replace

from hw7grade.conversation import HumanLabel
from hw7grade.judge.calibration import calibrate, judge_label
from hw7grade.judge.model import CriterionScore, Disagreement, JudgeResult
from report.factory import part, report, transcript


def with_judge(score, points: float, status: str = "scored", disagreements=()):
    criteria = (CriterionScore("c", "main", "scored" if status == "scored" else "unscored", points, 2.0, "q"),)
    return replace(score, judge=JudgeResult("openai:j", status, criteria, disagreements=tuple(disagreements)))


def test_judge_label():
    base = part("q7a", 0, 2)
    assert [judge_label(with_judge(base, p)) for p in (2, 1, 0)] == ["correct", "partial", "incorrect"]
    assert judge_label(with_judge(base, 0, status="unscored")) == "unscored"
    assert judge_label(base) == "unscored" and judge_label(None) == "unscored"


def test_three_columns_on_judged_parts_only():
    labels = {
        "q7a": HumanLabel(final="correct"),
        "q7b": HumanLabel(final="correct"),
        "q8b": HumanLabel(final="incorrect"),
    }
    before = report(transcript("a.md", "m", part("q7a", 0, 2), part("q7b", 0, 2), part("q8b", 2, 2), labels=labels))
    d = Disagreement("main", 2.0, 0.0, 2.0, "ev", "q")
    after = report(
        transcript(
            "a.md",
            "m",
            with_judge(part("q7a", 2, 2), 2),
            part("q7b", 0, 2),
            with_judge(part("q8b", 2, 2), 0, disagreements=[d]),
            labels=labels,
        )
    )
    c = calibrate(before, after, ["q7a", "q8b"])
    assert c.part_ids == ["q7a", "q8b"]  # q7b has no judge criteria: not in the table
    assert (c.checks.n, c.checks.percent) == (2, 0.0)
    assert (c.judge.n, c.judge.percent) == (2, 1.0)
    assert (c.combined.n, c.combined.percent) == (2, 0.5)
    assert c.judge.matrix["correct"]["correct"] == 1 and c.judge.matrix["incorrect"]["incorrect"] == 1
    assert [(path, p.id, dd.check) for path, p, dd in c.disagreements] == [("a.md", "q8b", "main")]
