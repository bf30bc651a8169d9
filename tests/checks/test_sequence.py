"""`sequence` check, one test per entry of cases/sequence.yaml."""


def test_sequence_case(case):
    case.verify(case.spec.run(case.context))
