"""Rubric `judge:`/`criteria:` fields: tied to the part's checks, points shared out exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from hw7grade.rubric.model import Part, load_rubric

REPO = Path(__file__).resolve().parents[2]


def part(**extra) -> dict:
    return {
        "id": "q7a",
        "title": "t",
        "points": 3,
        "prompt": "p",
        "reference": "r",
        "checks": [
            {
                "type": "stance",
                "name": "position",
                "points": 1,
                "expected": "yes",
                "yes_phrases": ["yes"],
                "no_phrases": ["no"],
            },
            {"type": "word_count", "name": "length", "points": 2, "min": 1, "max": 9},
            {"type": "forbidden", "name": "bad", "cap": 0, "claims": [{"name": "x", "phrases": ["x"]}]},
        ],
        **extra,
    }


def crit(name="says_yes", check="position", points=1.0) -> dict:
    return {"name": name, "check": check, "points": points, "description": "d"}


def test_judge_criteria_accepted():
    p = Part.model_validate(
        part(judge=True, criteria=[crit(), crit("long_enough", "length", 1), crit("clear", "length", 1)])
    )
    assert p.judge and [c.check for c in p.criteria] == ["position", "length", "length"]


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"judge": True}, "judge: true needs at least one entry under criteria"),
        ({"criteria": [crit()]}, "criteria are given but judge is not true"),
        ({"judge": True, "criteria": [crit(check="nope")]}, "names unknown check 'nope'"),
        ({"judge": True, "criteria": [crit(check="bad")]}, "only caps the part"),
        ({"judge": True, "criteria": [crit(points=0.5)]}, "add up to 0.5 points but the check is worth 1"),
        ({"judge": True, "criteria": [crit(), crit()]}, "repeated: says_yes"),
        ({"judge": True, "criteria": [crit(name="Says Yes")]}, "lower_snake_case"),
        ({"judge": True, "criteria": [{**crit(), "weight": 2}]}, "Extra inputs are not permitted"),
    ],
)
def test_bad_criteria_rejected(extra, message):
    with pytest.raises(ValidationError, match=message):
        Part.model_validate(part(**extra))


def test_bundled_rubric_marks_the_argument_parts():
    rubric = load_rubric(REPO / "rubrics")
    assert sorted(p.id for p in rubric.parts if p.judge) == ["q4b", "q4c", "q7a", "q8b"]
    judged_checks = {p.id: sorted({c.check for c in p.criteria}) for p in rubric.parts if p.judge}
    # Word counts and forbidden claims stay the checks' business.
    assert judged_checks == {"q4b": ["lesson"], "q4c": ["approach"], "q7a": ["reason"], "q8b": ["argument", "position"]}
