"""Requests to go on with a reply that was cut off, and replies that revise instead of going on."""

from __future__ import annotations

import pytest

from hw7grade.text.continuation import (
    CONTINUE_MAX_CHARS,
    REMARKED_MAX_CHARS,
    asks_to_continue,
    opens_by_revising,
    without_preface,
)


@pytest.mark.parametrize(
    ("turn", "asked"),
    [
        ("continue", True),
        ("you got cut off, continue", True),
        ("you got cut off", True),  # the remark alone asks for the rest
        ("it was truncated mid-sentence!", True),
        ("it cut off mid-sentence, please continue", True),
        ("Keep going", True),
        ("continue from where you left off", True),
        ("please finish the answer", True),
        ("...", True),
        # a request to go on among remarks about the cut, with a quote of where it stopped
        ('you stopped at "Then", keep going pls', True),
        ("network error on my side lol. continue", True),
        ("it cut off at “the decoder sees” — connection dropped i think. please continue", True),
        ("continue from where u stopped", True),
        # a turn that asks something of its own
        ("can you continue with (c)", False),
        ("continue with part b", False),
        ("why continue?", False),
        ("ok thanks", False),
        ("continue " * (CONTINUE_MAX_CHARS // 9 + 1), False),
        ("you got cut off. also do (c)", False),  # names a part
        ('it stopped at "(b)", continue', True),  # ... but not in the quote of where it stopped
        ("it got cut off. can you redo it?", False),
        ("thanks. more examples of teacher forcing", False),
        ("network error. " + "some remark, " * (REMARKED_MAX_CHARS // 13) + "continue", False),
    ],
)
def test_a_request_to_go_on(turn, asked):
    assert asks_to_continue(turn) is asked


@pytest.mark.parametrize(
    ("reply", "revised"),
    [
        ("- $w_4$ = `a`\n- $w_5$ = `dog`", False),
        ("…wait, before going on I need to fix something: the shapes are wrong.", True),
        ("Sorry, let me redo (ii) properly.", True),
        ("Sorry, I see the problem with (ii).", True),  # an apology that goes on with nothing
        ("Sorry about that — continuing from where it stopped.\n\n...predicted at the previous step.", False),
        ("and so both conditions hold. " + "x " * 200 + "wait", False),  # past the opening
    ],
)
def test_a_reply_after_it_that_revises_is_a_new_answer(reply, revised):
    assert opens_by_revising(reply) is revised


@pytest.mark.parametrize(
    ("rest", "kept"),
    [
        # a line that only says it is the rest: left out, so that the cut part stays cut
        ("Here's the rest of the answer:\n\n### (c) Evaluation\n<sos>, I, saw", "### (c) Evaluation\n<sos>, I, saw"),
        ("No problem, continuing part (b):\n\n...and weight decay together.", "...and weight decay together."),
        # the rest itself, kept whole
        ("...and weight decay together.\n\n### (c)", "...and weight decay together.\n\n### (c)"),
        ("Sure:\n\n### (c) Evaluation", "Sure:\n\n### (c) Evaluation"),  # says nothing of a rest
        (
            "Here is the rest of the argument, in which the remaining step follows from the SVD of the product and:\nx",
            None,
        ),  # too long for a preface
        ("Here's the rest of the answer:", None),  # nothing after it
    ],
)
def test_a_rest_s_preface_is_left_out(rest, kept):
    assert without_preface(rest) == (rest if kept is None else kept)
