"""Picks by place in the user's list of options: the list's order, and the places an answer picks."""

from __future__ import annotations

import time

import pytest

from hw7grade.checks.option_letters import stand_in
from hw7grade.checks.option_places import PAD, listed_order, with_place_stand_ins
from hw7grade.text.phrases import PhraseSet

LAYERS = ["0", "1", "2", "3"]
NEEDS = ["Weight Decay", "Dropout", "Layer Norm", "Batch Norm", "SGD"]
_NEEDS_PHRASES = PhraseSet.build({label: (label,) for label in NEEDS})
_LAYER_PHRASES = PhraseSet.build({label: (label,) for label in LAYERS})


def _order(question: str, phrases: PhraseSet, labels: list[str]) -> list[str]:
    return listed_order(question, phrases.find(question), labels)


@pytest.mark.parametrize(
    ("question", "order"),
    [
        ("how many linear layers? choices are 0, 1, 2, 3", LAYERS),
        ("how many layers: 3, 2, 1 or 0?", ["3", "2", "1", "0"]),
        ("the objective (1/n)||X - W2 W1 X||^2. how many layers: 0 / 1 / 2 / 3", LAYERS),
        ("how many layers, 0, 1 or 2?", []),  # not every option listed
        ("W2 W1 is m x m; 0 layers? 3 layers?", []),  # mentions, not a list
        ("0, 1, 1, 2, 3", []),  # an option twice in the run
    ],
)
def test_the_order_is_a_run_naming_every_option_once_between_separators(question, order):
    assert _order(question, _LAYER_PHRASES, LAYERS) == order


def test_the_order_of_a_list_of_names():
    question = "(iii) which do you need (tick several): Batch Norm, Weight Decay, SGD, Dropout and Layer Norm"
    assert _order(question, _NEEDS_PHRASES, NEEDS) == ["Batch Norm", "Weight Decay", "SGD", "Dropout", "Layer Norm"]


@pytest.mark.parametrize(
    ("answer", "picked"),
    [
        ("Tick the **third box**.", ["2"]),
        ("The last option.", ["3"]),
        ("the first and the last box", ["0", "3"]),
        ("Tick the 2nd one.", ["1"]),
        ("The second one decodes.", []),  # "one" without a verb that picks
        ("the first layer encodes", []),  # no word for an option
    ],
)
def test_each_place_picked_is_its_options_stand_in_and_offsets_stay(answer, picked):
    text, back = with_place_stand_ins(answer, LAYERS, LAYERS)
    assert len(text) == len(answer)
    assert [LAYERS[ord(c) - ord(stand_in(0))] for c in text if stand_in(0) <= c <= stand_in(len(LAYERS) - 1)] == picked
    assert text.translate(back) == answer


def test_the_middle_of_an_even_list_is_no_place():
    text, _ = with_place_stand_ins("tick the middle one", LAYERS, LAYERS)
    assert text == "tick the middle one"
    assert PAD not in text


def test_places_are_read_in_linear_time():
    unit = "Tick the **third box**; the first and the last box, the middle one and one more. "
    question = "choices are 0, 1, 2, 3. " * 40

    def cost(n: int) -> float:
        answer = unit * n
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            with_place_stand_ins(answer, _order(question * (n // 40 + 1), _LAYER_PHRASES, LAYERS) or LAYERS, LAYERS)
            best = min(best, time.process_time() - start)
        return max(best, 0.01)

    assert cost(2000) < 15 * cost(200)
