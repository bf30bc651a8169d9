"""`numbers` check, one test per entry of cases/numbers.yaml."""


def test_numbers_case(case):
    case.verify(case.spec.run(case.context))
