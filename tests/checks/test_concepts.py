"""`concepts` check, one test per entry of cases/concepts.yaml, plus spec validation."""

import pytest
from pydantic import ValidationError

from hw7grade.checks.concepts import ConceptsCheck


def test_concepts_case(case):
    case.verify(case.spec.run(case.context))


def test_require_count_must_fit_the_concepts():
    with pytest.raises(ValidationError, match="between 1 and the number of concepts"):
        ConceptsCheck(concepts=[{"name": "a", "phrases": ["a"]}], require=2)
