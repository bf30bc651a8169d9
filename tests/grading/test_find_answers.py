"""Part segmentation, table-driven from cases.yaml (conversations written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hw7grade.conversation import Conversation, Turn
from hw7grade.grading.segment import find_answers
from hw7grade.rubric.model import load_rubric

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))
RUBRIC = load_rubric()


def _conversation(turns: list[dict[str, str]]) -> Conversation:
    return Conversation(turns=tuple(Turn(role, text) for t in turns for role, text in t.items()))


def _find(conversation: Conversation, asked=()):
    parts = RUBRIC.parts
    return find_answers(
        conversation, [p.id for p in parts], {p.id: p.cues for p in parts}, asked, RUBRIC.question_cues()
    )


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_segmentation(case):
    found = _find(_conversation(case["turns"]))
    assert sorted(found) == sorted(case["expect"]), f"parts found: {sorted(found)}"
    for part_id, attempts in case["expect"].items():
        got = found[part_id].attempts
        assert [a.turn for a in got] == [a[0] for a in attempts]
        for attempt, (_, present, absent) in zip(got, attempts):
            assert present in attempt.text
            assert absent not in attempt.text


def test_asked_but_unanswered_part_has_no_attempts():
    conversation = _conversation(
        [{"user": "Question 7, all parts."}, {"assistant": "(a) Lengths differ.\n(b) <sos>, I, see, a, dog"}]
    )
    found = _find(conversation)
    assert found["q7c"].attempts == ()
    assert [a.turn for a in found["q7b"].attempts] == [1]


def test_parts_recorded_as_asked_are_reported_even_when_the_reply_names_none():
    conversation = _conversation([{"user": "Please help."}, {"assistant": "(z) nothing relevant"}])
    found = _find(conversation, asked=["q8b"])
    assert list(found) == ["q8b"] and found["q8b"].attempts == ()


def test_question_text_is_kept_for_each_part():
    conversation = _conversation(
        [{"user": "Question 7 (b): which tokens during training?"}, {"assistant": "<sos>, I, see, a, dog"}]
    )
    assert _find(conversation)["q7b"].question.startswith("Question 7 (b)")


def test_a_numbered_items_own_label_heads_it_not_the_turns_last_question():
    """Item 1 has no label; items 2 to 4 carry their own. Read by the turn's last label (Q4(a)), items 1
    and 2 were Q4's first and second parts (item 1's "training time" is a Q4(a) cue too), and (b) was
    reported though nobody asked it."""
    turn = (
        "Unrelated bits of hw7:\n"
        "1. the translation question: which tokens go in w1..w5 at training time?\n"
        "2. q8, which loss: L1Loss or MSELoss?\n"
        "3. q3b(i): the first-order optimality conditions\n"
        "4. q4a: baseline and final training time in the ResNet blog series"
    )
    reply = "**Q3b(i)** Both gradients vanish.\n\n**Q4(a)** 341 s at the start, 26 s at the end."
    found = _find(_conversation([{"user": turn}, {"assistant": reply}]))
    assert {"q3b.i", "q4a"} <= set(found)
    assert "q4b" not in found and "q4c" not in found
