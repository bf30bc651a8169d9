"""A sub-part named by a word and its number, read as its numeral label."""

from __future__ import annotations

import pytest

from hw7grade.text.labels import line_label, mentions
from hw7grade.text.sub_part_words import sub_parts_as_labels


@pytest.mark.parametrize(
    ("text", "labelled"),
    [
        ("Part a, sub part one. You need two linear layers.", "Part a, part (i). You need two linear layers."),
        ("Sub part two. The loss is MSE loss.", "part (ii). The loss is MSE loss."),
        ("subpart 3, which of these", "part (iii), which of these"),
        ("sub-question (2): which loss", "part (ii): which loss"),
        ("Subpart iv", "part (iv)"),
        # a number that goes on into a word, and a bare "part 2", are left alone
        ("sub part 2nd attempt", "sub part 2nd attempt"),
        ("part 2 of the series", "part 2 of the series"),
        ("no such words here", "no such words here"),
    ],
)
def test_a_sub_part_said_as_a_word_and_a_number_is_its_numeral(text, labelled):
    assert sub_parts_as_labels(text) == labelled


def test_the_label_after_a_letter_and_a_comma_reads_as_one():
    text = sub_parts_as_labels("Part a, sub part one. You need two linear layers.")
    label = line_label(text)
    assert label is not None and (label.letter, label.roman) == ("a", "i")
    assert [(m.letter, m.roman) for m in mentions("(a), sub-part (ii): which loss")] == [("a", "ii")]
    # a list of letters keeps its letters
    assert [(m.letter, m.roman) for m in mentions("parts (a), (b) and (c)")] == [("a", None), ("b", None), ("c", None)]
