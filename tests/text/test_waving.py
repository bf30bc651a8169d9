"""`waved_steps`: which sentences claim a step on a waving word alone (the `shown` check's cases
hold the forms; these pin what the function returns)."""

from hw7grade.text.analysis import analyse
from hw7grade.text.waving import waved_steps


def test_each_waved_sentence_once_in_text_order():
    a = analyse(
        "The first holds trivially, clearly and obviously. Then (C1): A = 0 is shown. "
        "The second condition follows in the same way, by symmetry."
    )
    assert [s.text for s in waved_steps(a)] == [
        "The first holds trivially, clearly and obviously.",
        "The second condition follows in the same way, by symmetry.",
    ]


def test_a_claim_in_another_sentence_does_not_make_a_wave():
    assert waved_steps(analyse("We argue by symmetry. Both conditions hold: A = 0 and B = 0.")) == []


def test_a_step_claimed_for_the_same_reason_is_waved():
    a = analyse("The second one vanishes for the same reason: the projector fixes the columns of U_k.")
    assert [s.text for s in waved_steps(a)] == [a.text]
