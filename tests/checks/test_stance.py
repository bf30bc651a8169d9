"""`stance` check, one test per entry of cases/stance.yaml."""


def test_stance_case(case):
    case.verify(case.spec.run(case.context))
