"""`choice` check, one test per entry of cases/choice.yaml, plus spec validation."""

from itertools import accumulate

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from hw7grade.checks.choice import ChoiceCheck, _span_around


def test_choice_case(case):
    case.verify(case.spec.run(case.context))


def test_expected_must_be_an_option():
    with pytest.raises(ValidationError, match="not among the option labels"):
        ChoiceCheck(options=[{"label": "a"}, {"label": "b"}], expected=["c"])


def test_single_choice_needs_one_expected_label():
    with pytest.raises(ValidationError, match="exactly one expected label"):
        ChoiceCheck(options=[{"label": "a"}, {"label": "b"}], expected=["a", "b"])


@pytest.mark.parametrize("scoring", ["right_minus_wrong", "right_only"])
def test_partial_scoring_needs_select_all(scoring):
    with pytest.raises(ValidationError, match=f"scoring: {scoring} needs select_all"):
        ChoiceCheck(options=[{"label": "a"}, {"label": "b"}], expected=["a"], scoring=scoring)


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=8).map(
        lambda pairs: sorted({(a, a + n) for a, n in pairs})
    ),
    st.integers(0, 90),
)
def test_the_span_around_a_pick_is_the_first_span_holding_it(spans, pos):
    """The bisected lookup gives what a scan of the sorted spans from the first gives."""
    first = next(((s, e) for s, e in spans if s <= pos < e), (pos, pos))
    assert _span_around(pos, spans, list(accumulate((e for _, e in spans), max))) == first


def test_every_scoring_mode_has_its_share_and_no_other():
    """The modes the rubric may name are the table's: a mode added to one is added to both."""
    from typing import get_args

    from hw7grade.checks.choice import _SHARES

    assert set(get_args(ChoiceCheck.model_fields["scoring"].annotation)) == set(_SHARES)
