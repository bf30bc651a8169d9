"""The judge's reply: wrong shapes raise ShapeError (retried), quotes must occur in the answer."""

from __future__ import annotations

import json

import pytest

from hw7grade.judge.criteria import Criterion
from hw7grade.judge.parse import ShapeError, parse_reply, quote_occurs

CRITERIA = [
    Criterion(name="names_problem", check="reason", points=2, description="d"),
    Criterion(name="explains_problem", check="reason", points=2, description="d"),
]
ANSWER = (
    "The decoder at step t only sees **h_t**, which has read just the first t   source words.\n"
    "Because word order differs, an early output word may need a later source word."
)


def reply(*items) -> str:
    return json.dumps({"criteria": [dict(zip(("name", "points", "evidence", "reason"), i)) for i in items]})


def test_good_reply_in_rubric_order():
    text = reply(
        ("explains_problem", 1.5, "word order differs", "ok"),
        ("names_problem", 2, "read just the first t source words", "ok"),
    )
    scores = parse_reply(text, CRITERIA, ANSWER)
    assert [(s.name, s.status, s.points) for s in scores] == [
        ("names_problem", "scored", 2.0),
        ("explains_problem", "scored", 1.5),
    ]
    assert scores[0].evidence == "read just the first t source words"


@pytest.mark.parametrize(
    "text, problem",
    [
        ("not json at all", "Invalid JSON"),
        (json.dumps({"scores": []}), "criteria"),
        (reply(("names_problem", 2, "word order differs", "")), "no score for explains_problem"),
        (
            reply(("names_problem", 2, "x", ""), ("names_problem", 1, "x", ""), ("explains_problem", 0, "", "")),
            "given twice",
        ),
        (
            reply(("names_problem", 2, "x", ""), ("explains_problem", 0, "", ""), ("style", 1, "x", "")),
            "unknown criterion 'style'",
        ),
        (reply(("names_problem", 3, "word order differs", ""), ("explains_problem", 0, "", "")), "outside 0..2"),
        (reply(("names_problem", -1, "word order differs", ""), ("explains_problem", 0, "", "")), "outside 0..2"),
        (
            json.dumps({"criteria": [{"name": "names_problem", "points": "two", "evidence": "", "reason": ""}]}),
            "points",
        ),
    ],
)
def test_wrong_shapes(text, problem):
    with pytest.raises(ShapeError, match=problem):
        parse_reply(text, CRITERIA, ANSWER)


def test_invented_quote_makes_that_criterion_unscored():
    text = reply(
        ("names_problem", 2, "the encoder forgets everything", "ok"),
        ("explains_problem", 2, "word order differs", "ok"),
    )
    first, second = parse_reply(text, CRITERIA, ANSWER)
    assert first.status == "unscored" and first.points == 0 and "does not occur" in first.reason
    assert second.status == "scored" and second.points == 2


def test_points_need_a_quote_but_zero_needs_none():
    text = reply(("names_problem", 1, "", "ok"), ("explains_problem", 0, "", "nothing"))
    first, second = parse_reply(text, CRITERIA, ANSWER)
    assert first.status == "unscored" and "without quoting" in first.reason
    assert (second.status, second.points) == ("scored", 0.0)


@pytest.mark.parametrize(
    "quote, found",
    [
        ("only sees h_t, which has read", True),  # bold markers dropped
        ("first t source words", True),  # runs of spaces normalised
        ("The decoder at step t … a later source word", True),  # pieces in order
        ("a later source word ... The decoder at step t", False),  # pieces out of order
        ("“word order differs”", True),  # quoted with curly quotes
        ("word order is the same", False),
        ("...", False),
    ],
)
def test_quote_matching(quote, found):
    assert quote_occurs(quote, ANSWER) is found
