"""Grading time grows linearly with the text: 10x the input costs under 15x the time.

The families of hostile text (long runs of one character, repeated separators, unbalanced
delimiters, CJK, control characters, long lines) are `benchmarks/hostile_text.py`'s, and a
hypothesis strategy adds random runs of the characters the text layer treats specially. Each
input is a whole chat in which every part is asked and answered with the hostile text, so every
check reads it. Times are the best of three, small and big interleaved, with a floor so that a
fast small run cannot make noise look like growth; a ratio over the bound is measured again before
it fails, since a stall on a shared machine slows one measurement and superlinear code every one.
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


RUNS = 3
"""Each size is timed this many times, small and big interleaved, and the best of each is kept."""
CONFIRMATIONS = 2
"""A ratio over the bound is measured again this many times before the test fails: a stall on a
shared machine slows one measurement, superlinear code slows every one."""


def _grade_time(text: str) -> float:
    from hw7grade.errors import TranscriptError
    from hw7grade.grading.score import grade_conversation
    from hw7grade.transcripts import parse_transcript

    rubric = hostile_text._rubric()
    with _collector_off():
        start = time.process_time()
        try:
            for conversation in parse_transcript(text, "hostile.md"):
                grade_conversation(conversation, rubric)
        except TranscriptError:
            pass
        return time.process_time() - start


def _assert_linear(label: str, small, big, time_one=_grade_time) -> None:
    """`small` and `big` make a new text per run (no cache of an earlier run answers it); the big one
    is ten times the small one and must cost under MAX_RATIO times as much."""
    for _ in range(1 + CONFIRMATIONS):
        t_small = t_big = float("inf")
        for run in range(RUNS):
            t_small = min(t_small, time_one(small(run)))
            t_big = min(t_big, time_one(big(run)))
        t_small, t_big = max(t_small, FLOOR_S), max(t_big, FLOOR_S)
        if t_big < MAX_RATIO * t_small:
            return
    raise AssertionError(f"{label}: {t_small * 1000:.0f} ms -> {t_big * 1000:.0f} ms")


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
    _assert_linear(family, small, big)


@pytest.mark.parametrize("family", sorted(hostile_text.FAMILIES))
def test_each_hostile_family_in_the_user_turns_reads_in_linear_time(family):
    small, big = _chat(hostile_text.FAMILIES[family], asking=True)
    _assert_linear(family, small, big)


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
        "and then",
        "asked by intro",
    ],
)
def test_one_long_user_turn_reads_in_linear_time(family):
    from hw7grade.conversation import Conversation, Turn
    from hw7grade.grading.segment import find_answers

    rubric = hostile_text._rubric()
    ids, cues = [p.id for p in rubric.parts], {p.id: p.cues for p in rubric.parts}

    def turn(n: int):
        return lambda salt: hostile_text.FAMILIES[family](n)[:n] + f" {salt}"

    def find_time(text: str) -> float:
        chat = Conversation((Turn("user", text), Turn("assistant", "ok")))
        with _collector_off():
            start = time.process_time()
            find_answers(chat, ids, cues)
            return time.process_time() - start

    _assert_linear(family, turn(LONG_TURN), turn(LONG_TURN * GROWTH), find_time)


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

    _assert_linear(family, chat(LONG_ANSWER), chat(LONG_ANSWER * GROWTH))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit=st.lists(st.sampled_from(SPECIAL), min_size=1, max_size=6).map("".join))
def test_random_runs_of_special_characters_grade_in_linear_time(unit):
    small, big = _chat(lambda n: unit * (n // len(unit) + 1))
    _assert_linear(repr(unit), small, big)


@pytest.mark.parametrize(
    "cost, linear",
    [
        (lambda n: 1e-6 * n, True),
        (lambda n: 1e-6 * n * (1 + (n > 5_000) * 0.3), True),  # a big run 30% slower per character still passes
        (lambda n: 1e-9 * n * n, False),
        (lambda n: 1e-7 * n**1.5, False),
    ],
)
def test_the_bound_tells_linear_from_superlinear_growth(cost, linear):
    def measure(text: str) -> float:
        return cost(len(text))

    def size(n: int):
        return lambda salt: "x" * n

    if linear:
        _assert_linear("model", size(SMALL * 10), size(SMALL * 100), measure)
    else:
        with pytest.raises(AssertionError, match="model"):
            _assert_linear("model", size(SMALL * 10), size(SMALL * 100), measure)


@pytest.mark.parametrize(
    "run",
    [
        # user messages one after another, joined into one request
        lambda n, salt: (
            "".join(f"**User**\n\n(b) and q7 {k} {salt}\n\n" for k in range(n))
            + "**Assistant**\n\n(b) <sos>, I, see, a, dog\n"
        ),
        # a reply continued again and again
        lambda n, salt: (
            f"**User**\n\nq7 (b) {salt}\n\n"
            + "".join(f"**Assistant**\n\n- w{k} = a\n\n**User**\n\ncontinue\n\n" for k in range(n))
            + "**Assistant**\n\ndog\n"
        ),
    ],
    ids=["user messages in a row", "replies continued"],
)
def test_long_runs_of_turns_join_in_linear_time(run):
    turns = SMALL // 20
    _assert_linear("runs of turns", lambda salt: run(turns, salt), lambda salt: run(turns * GROWTH, salt))
