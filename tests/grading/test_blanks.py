"""Blanks in the user's notes, and the reply's lines that fill them."""

from __future__ import annotations

from hw7grade.grading.blanks import MAX_BLANKS, blank_heads, blank_parts
from hw7grade.grading.parts import Context, PartIndex
from hw7grade.rubric.model import load_rubric

RUBRIC = load_rubric()
INDEX = PartIndex.build([p.id for p in RUBRIC.parts], {p.id: p.cues for p in RUBRIC.parts}, RUBRIC.question_cues())


def test_a_numbered_blank_takes_the_part_of_the_section_it_is_in():
    notes = "(i) conditions:\n  grad W_1 = [1] = 0\n  grad W_2 = [2] = 0\n(ii) take W_1 = [3]"
    blanks = blank_parts(notes, Context("3", "b"), INDEX, ["q3b.i", "q3b.ii"])
    assert blanks == {"[1]": "q3b.i", "[2]": "q3b.i", "[3]": "q3b.ii"}


def test_a_blank_with_no_section_takes_the_part_its_words_name():
    notes = "- how many linear layers: ???\n- loss function: ___\n- a line about nothing: ???"
    blanks = blank_parts(notes, Context("8", "a"), INDEX, ["q8a.i", "q8a.ii"])
    assert blanks == {"how many linear layers": "q8a.i", "loss function": "q8a.ii"}


def test_notes_without_blanks_have_none():
    assert blank_parts("how many linear layers?", Context(), INDEX, ["q8a.i"]) == {}


def test_the_blanks_read_from_one_turn_are_bounded():
    notes = "(i) x\n" + " ".join(f"[{k % 99}]" for k in range(500))
    assert len(blank_parts(notes, Context("3", "b"), INDEX, ["q3b.i"])) <= MAX_BLANKS


def test_the_reply_lines_that_fill_the_blanks_head_their_parts():
    blanks = {"how many linear layers": "q8a.i", "loss function": "q8a.ii", "[3]": "q3b.ii"}
    reply = "Filled in:\n- **How many linear layers:** 2\n- **Loss function:** nn.MSELoss\n[3] U_k^T"
    heads = blank_heads(reply, blanks)
    lines = {reply[at:].split("\n", 1)[0]: part for at, part in heads.items()}
    assert lines == {
        "- **How many linear layers:** 2": "q8a.i",
        "- **Loss function:** nn.MSELoss": "q8a.ii",
        "[3] U_k^T": "q3b.ii",
    }


def test_lines_that_fill_one_part_only_head_nothing():
    """One part filled is the reply's whole answer: no cut is needed, and none is made."""
    assert blank_heads("- how many linear layers: 2", {"how many linear layers": "q8a.i"}) == {}


def test_a_numbered_line_stands_for_its_run_of_blanks():
    notes = "1. (Q7a) one problem with feeding h_t in: ___\n2-6. (Q7b) decoder inputs during training: ___"
    blanks = blank_parts(notes, Context("7"), INDEX, ["q7a", "q7b"])
    assert blanks == {"[1]": "q7a", **{f"[{n}]": "q7b" for n in range(2, 7)}}


def test_a_number_in_brackets_before_a_blank_numbers_it():
    notes = "| how many nn.Linear layers | (1) ___ |\n| which torch loss | (2) ___ |"
    blanks = blank_parts(notes, Context("8", "a"), INDEX, ["q8a.i", "q8a.ii"])
    assert blanks == {"[1]": "q8a.i", "[2]": "q8a.ii"}
    reply = "(1) **2**: an encoder and a decoder.\n\n(2) **nn.MSELoss**: squared error."
    assert sorted(blank_heads(reply, blanks).values()) == ["q8a.i", "q8a.ii"]
