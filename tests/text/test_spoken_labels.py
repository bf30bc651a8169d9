"""Part labels said aloud, spelled as written labels."""

from __future__ import annotations

import pytest

from hw7grade.text.spoken_labels import spelled_labels

OURS = frozenset({"3", "4", "7", "8"})


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("question three be part one", "question 3b part one"),
        ("seven be and see", "7b and c"),
        ("seven be, see and dee", "7b, c and d"),
        ("part be and part sea", "part b and part c"),
        ("part eye", "part i"),
        ("question ate a two", "question 8 a two"),
        ("question for is about the blog", "question 4 is about the blog"),
        ("queue eight be", "Q8b"),
        ("cue 7 a whats a problem", "Q7a whats a problem"),
        ("3 bee 2 show it", "3b(ii) show it"),
        ("three be to show it", "3b(ii) show it"),
        # words that only sound like labels
        ("I have a question for you", "I have a question for you"),
        ("a question for a friend", "a question for a friend"),
        ("should 4 be included?", "should 4 be included?"),
        ("there need to be two be", "there need to be two be"),  # 2 is no question of ours
        ("three be to the left", "3b to the left"),
        ("see you later", "see you later"),
    ],
)
def test_labels_said_aloud_are_written(said, written):
    assert spelled_labels(said, OURS) == written
