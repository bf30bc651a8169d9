"""Practice tests: questions by number, then an answer key that answers them by number."""

from __future__ import annotations

import pytest

from hw7grade.grading.parts import PartIndex
from hw7grade.grading.practice import heads_answer_key, key_heads
from hw7grade.rubric.model import load_rubric

RUBRIC = load_rubric()
INDEX = PartIndex.build([p.id for p in RUBRIC.parts], {p.id: p.cues for p in RUBRIC.parts}, RUBRIC.question_cues())


@pytest.mark.parametrize(
    ("line", "heads"),
    [
        ("# Answer Key", True),
        ("ANSWER KEY", True),
        ("**Solutions**", True),
        ("### 🔑 Answers (don't peek)", True),
        ("### ✅ Answer", False),  # one answer's heading, not a key
        ("The answer key is below, after the questions.", False),
    ],
)
def test_the_heading_of_an_answer_key(line, heads):
    assert heads_answer_key(line) is heads


TEST = """**Problem 1.** During training, which inputs w1..w5 does the decoder get?
- A) <sos>, I, saw, a, dog
- B) <sos>, I, see, a, dog

**Problem 2.** At evaluation time, write down w1..w5.

# Answer Key

**Problem 1. B.** Teacher forcing.
**2.** <sos>, I, saw, a, dog."""


def test_the_keys_numbers_answer_the_parts_the_questions_asked():
    heads = key_heads(TEST, ["q7b", "q7c"], INDEX)
    lines = {TEST[at:].split("\n", 1)[0]: part for at, part in heads.items()}
    assert lines == {"**Problem 1. B.** Teacher forcing.": "q7b", "**2.** <sos>, I, saw, a, dog.": "q7c"}


def test_with_no_key_the_numbers_head_nothing():
    assert key_heads(TEST.replace("# Answer Key", ""), ["q7b", "q7c"], INDEX) == {}
