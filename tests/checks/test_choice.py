"""`choice` check, one test per entry of cases/choice.yaml, plus spec validation."""

import pytest
from pydantic import ValidationError

from hw7grade.checks.choice import ChoiceCheck


def test_choice_case(case):
    case.verify(case.spec.run(case.context))


def test_expected_must_be_an_option():
    with pytest.raises(ValidationError, match="not among the option labels"):
        ChoiceCheck(options=[{"label": "a"}, {"label": "b"}], expected=["c"])


def test_single_choice_needs_one_expected_label():
    with pytest.raises(ValidationError, match="exactly one expected label"):
        ChoiceCheck(options=[{"label": "a"}, {"label": "b"}], expected=["a", "b"])


def test_partial_scoring_needs_select_all():
    with pytest.raises(ValidationError, match="scoring: right_minus_wrong needs select_all"):
        ChoiceCheck(options=[{"label": "a"}, {"label": "b"}], expected=["a"], scoring="right_minus_wrong")
