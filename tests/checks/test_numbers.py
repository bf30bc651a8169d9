"""`numbers` check, one test per entry of cases/numbers.yaml."""


def test_numbers_case(case):
    case.verify(case.spec.run(case.context))


def test_a_naming_word_with_nothing_to_match_is_a_load_error():
    import pytest
    from pydantic import ValidationError

    from hw7grade.checks.numbers import Quantity

    for field in ("context", "conflicts"):
        with pytest.raises(ValidationError, match=f"{field}\n.*empty phrase"):
            Quantity.model_validate({"value": 94, "unit": "%", field: ["..."]})
