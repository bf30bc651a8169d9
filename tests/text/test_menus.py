"""Lettered menus of options a user types with a multiple-choice part."""

from __future__ import annotations

import pytest

from hw7grade.text.menus import in_menu, lettered_menus, menu_items, menu_spans, numbered_menus, small_letter_menus


@pytest.mark.parametrize(
    "text, menus",
    [
        ("(a)(i) How many linear layers?  A) 3   B) 2   C) 0   D) 1", ["ABCD"]),
        ("loss: (A) nn.MSELoss (B) nn.L1Loss (C) nn.CrossEntropyLoss", ["ABC"]),
        ("(iii)\nA. SGD optimizer\nB. Batch Norm\nC. Weight Decay", ["ABC"]),
        ("(i) A) 3 B) 2\n(ii) A) nn.MSELoss B) nn.L1Loss", ["AB", "AB"]),
        ("layers:  A)   3    B)   2", ["AB"]),  # wide gaps around the marks
        # not menus: one letter, letters out of order, a part that asks something, long items
        ("Correct choice: C) 2", []),
        ("Correct choices: A) Weight Decay, D) Batch Norm, E) SGD optimizer", []),
        ("A) How many layers?\nB) Which loss?", []),
        ("A) " + "x" * 60 + "\nB) 2", []),
        ("b) lowercase letters are parts\nc) like this", []),
        # bare capitals opening their lines, three at least
        ("(ii) loss?\nA nn.L1Loss\nB nn.MSELoss\nC nn.CrossEntropyLoss", ["ABC"]),
        ("A is the encoder\nB is the decoder", []),
        ("We get A nn.L1Loss B nn.MSELoss C nn.CrossEntropyLoss", []),  # not opening lines
    ],
)
def test_lettered_menus(text, menus):
    assert ["".join(item.letter for item in menu) for menu in lettered_menus(text)] == menus


def test_a_menu_spans_its_first_mark_to_its_last_item():
    text = "Q8 (a)(i) layers: A) 3  B) 2  C) 1\n(b) why?"
    spans = menu_spans(text)
    assert [text[lo:hi] for lo, hi in spans] == ["A) 3  B) 2  C) 1"]
    assert in_menu(spans, text.index("B)")) and not in_menu(spans, text.index("(b)"))
    assert not in_menu([], 3)


@pytest.mark.parametrize(
    "text, menus",
    [
        ("(i) how many layers: (a) 0 (b) 1 (c) 2 (d) 3", ["abcd"]),
        ("(ii) which loss: a) nn.L1Loss  b) nn.MSELoss  c) nn.CrossEntropyLoss", ["abc"]),  # under a numeral
        ("(iii) select all\n\n(a) Weight Decay\n(b) Dropout\n(c) SGD", ["abc"]),  # the numeral on the line above
        ("pick: (a) 0 (b) 1 (c) 2 (d) 3", ["abcd"]),  # past (c) with no numeral: no question has those parts
        # not menus: parts in small letters, however short
        ("Q4: (a) numbers (b) reflection (c) approach", []),
        ("can you do (a) and (b) and (c) and (d) please", []),
        ("(i) (a) what is x? (b) why? (c) how?", []),
        ("(ii) (a) 0 (b) 1", []),  # two items
        # a letter and a stop opening each line; a numeral under its question and letter above the menu
        ("(iii) select all\na. Dropout\nb. Weight Decay\nc. SGD optimizer\nd. Batch Norm", ["abcd"]),
        ("Q8 a(ii): which loss?\n(a) nn.CrossEntropyLoss\n(b) nn.MSELoss\n(c) nn.L1Loss", ["abc"]),
        ("Q4:\na. the numbers\nb. what you learnt\nc. one approach", []),  # three parts, no numeral
        ("I said a. b. c. d. e. in class", []),  # stops mid-line
    ],
)
def test_small_letter_menus(text, menus):
    assert ["".join(item.letter for item in menu) for menu in small_letter_menus(text)] == menus


def test_menu_spans_hold_menus_in_small_letters_too():
    text = "(i) layers: (a) 0 (b) 1 (c) 2 (d) 3\n(ii) loss: A) L1 B) MSE"
    assert [text[lo:hi] for lo, hi in menu_spans(text)] == ["(a) 0 (b) 1 (c) 2 (d) 3", "A) L1 B) MSE"]


@pytest.mark.parametrize(
    "text, menus",
    [
        ("(ii) which loss\n1) nn.L1Loss\n2) nn.MSELoss\n3) nn.CrossEntropyLoss", ["123"]),
        ("needed: (1) Weight Decay (2) Dropout (3) Layer Norm (4) Batch Norm (5) SGD", ["12345"]),
        # not menus: two items, questions, numbers out of order
        ("1) nn.L1Loss\n2) nn.MSELoss", []),
        ("1. how many layers?\n2. which loss?\n3. which parts?", []),
        ("2) a\n3) b\n4) c", []),
    ],
)
def test_numbered_menus(text, menus):
    assert ["".join(item.letter for item in menu) for menu in numbered_menus(text)] == menus


def test_a_numbered_menu_hides_no_label():
    assert menu_spans("1) q7b\n2) q7c\n3) q8b") == []


def test_menu_items_give_each_letter_its_options_text():
    text = (
        "(i) layers: A) 3  B) 2\n(ii) loss:\nA) nn.L1Loss\nB) **nn.MSELoss**\n"
        "(iii) all that apply\na. Dropout\nb. Weight Decay\nc. SGD"
    )
    assert menu_items(text) == {
        "A": frozenset({"3", "nn.l1loss"}),
        "B": frozenset({"2", "nn.mseloss"}),
        "a": frozenset({"dropout"}),
        "b": frozenset({"weight decay"}),
        "c": frozenset({"sgd"}),
    }
    assert menu_items("no menu here (a) and (b)") == {}
