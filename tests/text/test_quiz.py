"""Quiz chats: the request, and a question told from a grading."""

from __future__ import annotations

import pytest

from hw7grade.text.quiz import QUIZ_PROMPT_MAX_WORDS, asks_for_quiz, only_asks


@pytest.mark.parametrize(
    ("turn", "asked"),
    [
        ("Can you quiz me on HW7 question 8?", True),
        ("test me on 7(b) and 7(c), one at a time", True),
        ("give me a practice quiz on the autoencoder part", True),
        ("walk me through it with questions first, I want to figure it out", True),
        ("guide me Socratically, don't just hand me the answer", True),
        ("I need help with Question 8", False),
        ("here are my answers, can you check them?", False),
        ("what is teacher forcing?", False),
    ],
)
def test_a_request_to_be_quizzed(turn, asked):
    assert asks_for_quiz(turn) is asked


@pytest.mark.parametrize(
    ("piece", "opening", "asks"),
    [
        ("**(a)(i)** How many linear layers does the network need? (0, 1, 2 or 3)", False, True),
        ("Same example. 👉 **Which five tokens at evaluation time?** (It emits exactly one word a step.)", False, True),
        ("Exactly — **2 linear layers**: an encoder and a decoder. Ready for (ii)?", False, False),
        # a question is asked, or an exam's order given
        ("👉 **Name one problem with this design.** Take your time!", False, True),
        ("**Part (ii):** Let U_k hold the top-k eigenvectors. Show that they satisfy (i).", False, True),
        ("Two layers: an encoder and a decoder, as the penalty needs both.", False, False),
        ("**(i) — Incorrect.** The answer is **2** linear layers. Why two?", False, False),
        ("### Q2: **B) nn.MSELoss** ✅", False, False),
        ("🟡 Partial: the reason is wrong.", False, False),
        # the reply that opens the quiz has nothing to grade: its marks are the rules
        ("I mark each answer ✅ full / 🟡 partial / ❌ miss.\n\n**(a)** Name one problem.", True, True),
        ("I mark each answer ✅ full / 🟡 partial / ❌ miss.\n\n**(a)** Name one problem.", False, False),
    ],
)
def test_a_question_is_told_from_a_grading(piece, opening, asks):
    assert only_asks(piece, opening) is asks


def test_a_long_text_is_an_answer_whatever_it_asks():
    piece = "Why? " + "The data term sees only the product. " * QUIZ_PROMPT_MAX_WORDS
    assert not only_asks(piece, opening=True)
