"""`word_count` check, one test per entry of cases/word_count.yaml, plus spec validation."""

import pytest
from pydantic import ValidationError

from hw7grade.checks.word_count import WordCountCheck


def test_word_count_case(case):
    case.verify(case.spec.run(case.context))


def test_min_must_not_exceed_max():
    with pytest.raises(ValidationError, match="larger than max"):
        WordCountCheck(min=10, max=5)


def test_min_may_equal_max():
    assert (WordCountCheck(min=5, max=5).min, WordCountCheck(min=5, max=5).max) == (5, 5)
