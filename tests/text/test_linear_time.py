"""Grading time grows linearly with the text: 10x the input costs under 15x the time.

The families of hostile text (long runs of one character, repeated separators, unbalanced
delimiters, CJK, control characters, long lines) are `benchmarks/hostile_text.py`'s, and a
hypothesis strategy adds random runs of the characters the text layer treats specially. Each
input is a whole chat in which every part is asked and answered with the hostile text, so every
check reads it. Times are the best of three, with a floor so that a fast small run cannot make
noise look like growth.
"""

from __future__ import annotations

import gc
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import hostile_text  # noqa: E402

SMALL = 2_000
GROWTH = 10
MAX_RATIO = 15
FLOOR_S = 0.03
"""Times under this are treated as this (timer and scheduler noise)."""
SPECIAL = list("aZ1 \n\t.,;:!?-_=*#>|$\\()[]{}<>'\"`~^/&%@") + [
    "编码",
    "\x1b",
    "\x07",
    "✓",
    "❌",
    " and ",
    " not ",
    "(b)",
    "w1 = ",
    "Q7",
    "parts b and ",
    " only",
    " — ",
    "Lambda_",
    "ii. ",
    " by symmetry it holds",
    # round 11's rules: parts by place, runs of lettered items, arrows between and after statements
    " the second and third part",
    " first two parts",
    " c) ",
    " <=> ",
    " ← note\n = ",
    " \\ ✅",
    " 0, 1, 2, 3 ",
    " [ ] 1 ",
    " [x] 2 ",
    # round 13's rules: inline numbered items, spaced numerals, a list's last letter, titled headings
    ". 1) ",
    " a i ii ",
    ", and b",
    "**ResNet blog (4a):**",
    # round 21's rules: slot alternatives, restricting requests, turns to a place, halves, doubts
    " **or** ",
    "Please only ",
    "now the middle one (",
    " the second half",
    "I don't think (i) is right.",
    "nice. now ",
    " the part right before that",
    # round 22's rules: list items opening on a question and a lone letter, a heading per item
    "\n- 7 b ",
    "\n* 7b ",
    "\n## What goes in\n",
    " and also the bit asking ",
    "how many linear layers? ",
    ". last one, ",
    " for my micro econ class ",
    " for 1, ",
    "W1=Uk^T=",
    " in Q8, which loss? ",
    "Q7: what are w1..w5 ",
    "**Q8 loss:** ",
    " the last part of 8",
]


def _best(chat) -> float:
    from hw7grade.errors import TranscriptError
    from hw7grade.grading.score import grade_conversation
    from hw7grade.transcripts import parse_transcript

    rubric = hostile_text._rubric()
    best = float("inf")
    for run in range(3):
        text = chat(run)  # a new text each run: no cache of an earlier run answers it
        with _collector_off():
            start = time.process_time()
            try:
                for conversation in parse_transcript(text, "hostile.md"):
                    grade_conversation(conversation, rubric)
            except TranscriptError:
                pass
            best = min(best, time.process_time() - start)
    return max(best, FLOOR_S)


@contextmanager
def _collector_off():
    """The cyclic collector is off while timing: late in a full test run its passes walk the whole
    heap, which grows with every earlier test, not with this code's input."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _chat(body_for_size, asking: bool = False):
    """A small and a ten-times larger chat, every part asked and answered with the hostile text; with
    `asking`, the hostile text is in the user's turns instead: they are read for labels, set-aside
    parts and cue words, and are as hostile as the replies."""

    def chat(n: int, salt: int) -> str:
        size = max(n // len(hostile_text.QUESTIONS), 1)
        body = body_for_size(size)[:size]
        if asking:
            return "".join(
                f"**User**\n\n{q} {body} ({salt})\n\n**Assistant**\n\nSee above. {salt}\n\n"
                for q in hostile_text.QUESTIONS
            )
        return "".join(
            f"**User**\n\n{q} ({salt})\n\n**Assistant**\n\n{body} {salt}\n\n" for q in hostile_text.QUESTIONS
        )

    return (lambda salt: chat(SMALL, salt)), (lambda salt: chat(SMALL * GROWTH, salt))


@pytest.mark.parametrize("family", sorted(hostile_text.FAMILIES))
def test_each_hostile_family_grades_in_linear_time(family):
    small, big = _chat(hostile_text.FAMILIES[family])
    t_small, t_big = _best(small), _best(big)
    assert t_big < MAX_RATIO * t_small, f"{family}: {t_small * 1000:.0f} ms -> {t_big * 1000:.0f} ms"


@pytest.mark.parametrize("family", sorted(hostile_text.FAMILIES))
def test_each_hostile_family_in_the_user_turns_reads_in_linear_time(family):
    small, big = _chat(hostile_text.FAMILIES[family], asking=True)
    t_small, t_big = _best(small), _best(big)
    assert t_big < MAX_RATIO * t_small, f"{family}: {t_small * 1000:.0f} ms -> {t_big * 1000:.0f} ms"


LONG_TURN = 10_000
"""One user turn this long, then ten times longer: a per-mention rescan shows at this size."""


@pytest.mark.parametrize(
    "family",
    [
        "keeps that one",
        "set aside",
        "already labels",
        "kept lists",
        "part lists",
        "inline items",
        "spaced numerals",
        "comma pieces",
        "capital marks",
        "own sections",
        "glued requests",
        "own headings",
        "exercises by title",
        "sections of parts",
        "letters asking",
        "foreign labels",
        "turned to",
        "what i needed",
    ],
)
def test_one_long_user_turn_reads_in_linear_time(family):
    from hw7grade.conversation import Conversation, Turn
    from hw7grade.grading.segment import find_answers

    rubric = hostile_text._rubric()
    ids, cues = [p.id for p in rubric.parts], {p.id: p.cues for p in rubric.parts}

    def best(n: int) -> float:
        times = []
        for salt in range(3):
            text = hostile_text.FAMILIES[family](n)[:n] + f" {salt}"
            chat = Conversation((Turn("user", text), Turn("assistant", "ok")))
            with _collector_off():
                start = time.process_time()
                find_answers(chat, ids, cues)
                times.append(time.process_time() - start)
        return max(min(times), FLOOR_S)

    t_small, t_big = best(LONG_TURN), best(LONG_TURN * GROWTH)
    assert t_big < MAX_RATIO * t_small, f"{family}: {t_small * 1000:.0f} ms -> {t_big * 1000:.0f} ms"


LONG_ANSWER = 1_000
"""One answer per part this long, then ten times longer: a check that rescans its answer once per
mention shows here, where the whole chat's text spread over every part would hide it."""
ONE_PART_PER_CHECK = ("Question 3(b)(ii)", "Question 4(a)", "Question 7(c)", "Question 8(a)(i)", "Question 8(b)")
"""Parts that between them run every kind of check (math, numbers, claims, sequence, choice, stance)."""


@pytest.mark.parametrize("family", sorted(hostile_text.FAMILIES))
def test_one_long_answer_to_each_kind_of_check_grades_in_linear_time(family):
    questions = [q for q in hostile_text.QUESTIONS if q.startswith(ONE_PART_PER_CHECK)]
    assert len(questions) == len(ONE_PART_PER_CHECK)

    def chat(n: int):
        body = hostile_text.FAMILIES[family](n)[:n]
        return lambda salt: "".join(
            f"**User**\n\n{q} ({salt})\n\n**Assistant**\n\n{body} {salt}\n\n" for q in questions
        )

    t_small, t_big = _best(chat(LONG_ANSWER)), _best(chat(LONG_ANSWER * GROWTH))
    assert t_big < MAX_RATIO * t_small, f"{family}: {t_small * 1000:.0f} ms -> {t_big * 1000:.0f} ms"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit=st.lists(st.sampled_from(SPECIAL), min_size=1, max_size=6).map("".join))
def test_random_runs_of_special_characters_grade_in_linear_time(unit):
    small, big = _chat(lambda n: unit * (n // len(unit) + 1))
    t_small, t_big = _best(small), _best(big)
    assert t_big < MAX_RATIO * t_small, f"{unit!r}: {t_small * 1000:.0f} ms -> {t_big * 1000:.0f} ms"
