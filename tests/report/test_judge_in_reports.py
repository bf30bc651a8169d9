"""The judge's points (`--judge`) show in the Markdown, HTML, JUnit and Gradescope reports, and
nothing about a judge appears when none was asked."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from hw7grade.judge.model import CriterionScore, Disagreement, JudgeResult
from hw7grade.report.explain import judge_note
from hw7grade.report.gradescope import render_gradescope
from hw7grade.report.html import render_html
from hw7grade.report.junit import render_junit
from hw7grade.report.markdown import render_markdown

from .factory import part, report, transcript

FILLED = JudgeResult(
    model="anthropic:claude-sonnet-5-5",
    status="scored",
    criteria=(CriterionScore("names_problem", "main", "scored", 2.0, 3.0, "the encoder must read ahead"),),
    filled=("main",),
    deterministic_points=0.0,
    judge_points=2.0,
)
DISAGREES = JudgeResult(
    model="openai:gpt-4o",
    status="partial",
    criteria=(CriterionScore("a", "main", "scored", 1.0, 2.0), CriterionScore("b", "main", "unscored", 0.0, 1.0)),
    disagreements=(Disagreement("main", 3.0, 1.0, 3.0, "ev", "quote"),),
)
UNSCORED = JudgeResult(model="openai:gpt-4o", status="unscored", reason="the judge refused <twice>")


def judged_report():
    return report(
        transcript(
            "runs/a.json",
            "gpt-4o",
            replace(part("q7a", 2, 3), judge=FILLED),
            replace(part("q8b", 3, 3), judge=DISAGREES),
            replace(part("q4b", 0, 2), judge=UNSCORED),
            part("q7b", 3, 3),
        )
    )


@pytest.mark.parametrize(
    "result, expected",
    [
        (FILLED, "judge (anthropic:claude-sonnet-5-5): 2/3, counted +2 where the checks could not decide"),
        (DISAGREES, "judge (openai:gpt-4o): 1/3 (partly scored); disagrees on main: checks gave 3/3, judge 1/3"),
        (UNSCORED, "judge (openai:gpt-4o): unscored — the judge refused <twice>"),
    ],
)
def test_judge_note_says_points_what_counted_and_disagreements(result, expected):
    assert judge_note(replace(part("q7a", 2, 3), judge=result)) == expected


def test_no_judge_no_note():
    assert judge_note(part("q7a", 2, 3)) is None


def test_junit_output_carries_the_judge_line_per_part():
    root = ET.fromstring(render_junit(judged_report()).split("\n", 1)[1])
    texts = {case.get("name"): "".join(case.itertext()) for case in root.iter("testcase")}
    assert "judge (anthropic:claude-sonnet-5-5): 2/3, counted +2" in texts["q7a"]
    assert "disagrees on main" in texts["q8b"]
    assert "judge (openai:gpt-4o): unscored" in texts["q4b"]
    assert "judge" not in texts["q7b"]


def test_gradescope_output_carries_the_judge_line_per_part():
    tests = {t["number"]: t["output"] for t in json.loads(render_gradescope(judged_report()))["tests"]}
    assert tests["q7a"].splitlines()[-1] == judge_note(judged_report().transcripts[0].parts[0])
    assert "judge (openai:gpt-4o): 1/3 (partly scored)" in tests["q8b"]
    assert "judge" not in tests["q7b"]


def test_markdown_has_a_judge_table_only_when_judged():
    text = render_markdown(judged_report())
    assert "### Judge (second opinion)" in text
    assert "| `runs/a.json` | q7a | 2/3 | judge (anthropic:claude-sonnet-5-5): 2/3, counted +2" in text
    assert "| q7b |" not in text.split("### Judge")[1]
    assert "Judge" not in render_markdown(report(transcript("runs/b.json", "m", part("q7b", 3, 3))))


def test_html_has_an_escaped_judge_column_only_when_judged():
    page = render_html(judged_report())
    assert '<p class="judge">judge (anthropic:claude-sonnet-5-5): 2/3' in page
    assert "refused &lt;twice&gt;" in page and "refused <twice>" not in page
    assert page.count('<p class="judge">') == 3  # the three judged parts; q7b had no judge
    assert 'class="judge"' not in render_html(report(transcript("runs/b.json", "m", part("q7b", 3, 3))))
