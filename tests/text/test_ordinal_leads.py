"""Leads that count a reply's answers ("First, ...", "Second, ...", "For the last one, ...")."""

from __future__ import annotations

import pytest

from hw7grade.text.ordinal_leads import MAX_LEADS, ordinal_cuts, with_ordinal_paragraphs


@pytest.mark.parametrize(
    ("text", "parts", "leads"),
    [
        ("First, x. Second, y. For the last one, z.", 3, ["First", "Second", "For the last one"]),
        ("Sure. First, x. Secondly: y.", 2, ["First", "Secondly"]),
        ("First, x.\n\n**Second,** y.\n\nFinally, z.", 3, ["First", "**Second", "Finally"]),
        ("For the first part, x. As for the second one, y.", 2, ["For the first part", "As for the second one"]),
        ("- First: x\n- Lastly: y", 2, ["- First", "- Lastly"]),
        ("The first case, training, x. The second case, evaluation, y.", 2, ["The first case", "The second case"]),
        # no run counting the parts
        ("First, x. Second, y. Third, z.", 2, []),  # more leads than parts: steps of one answer
        ("First, x. Third, y.", 2, []),
        ("Second, x. First, y.", 2, []),
        ("First order conditions: x. Second order: y.", 2, []),  # no comma or colon after the word
        ("First, x.", 1, []),
        ("The first part is x, the second y.", 2, []),  # one sentence
    ],
)
def test_a_run_of_leads_counting_the_parts(text, parts, leads):
    assert [text[at : at + len(lead)] for at, lead in zip(ordinal_cuts(text, parts), leads)] == leads
    assert len(ordinal_cuts(text, parts)) == len(leads)


def test_leads_within_a_paragraph_open_paragraphs_of_their_own():
    text = "Here you go. First, x is so. Second, y is so.\n\nHope it helps."
    assert with_ordinal_paragraphs(text, 2) == "Here you go.\n\nFirst, x is so.\n\nSecond, y is so.\n\nHope it helps."
    assert with_ordinal_paragraphs("First, x.\n\nSecond, y.", 2) == "First, x.\n\nSecond, y."
    assert with_ordinal_paragraphs("First, x. Third, y.", 2) == "First, x. Third, y."


def test_more_parts_than_leads_can_count_is_no_run():
    text = " ".join(f"{w}, x." for w in ("First", "Second", "Third", "Fourth", "Fifth"))
    assert ordinal_cuts(text, MAX_LEADS + 1) == []
