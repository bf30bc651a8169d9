"""Lettered menus of options a user types with a multiple-choice part."""

from __future__ import annotations

import pytest

from hw7grade.text.menus import in_menu, lettered_menus, menu_spans


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
