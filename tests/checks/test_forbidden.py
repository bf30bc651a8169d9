"""`forbidden` check, one test per entry of cases/forbidden.yaml."""

from hw7grade.checks.forbidden import ForbiddenCheck


def test_forbidden_case(case):
    case.verify(case.spec.run(case.context))


def test_forbidden_points_do_not_count_toward_the_total():
    assert ForbiddenCheck.counts_toward_total is False
