"""`shown` check, one test per entry of cases/shown.yaml."""

from hw7grade.checks.shown import ShownCheck


def test_shown_case(case):
    case.verify(case.spec.run(case.context))


def test_shown_points_do_not_count_toward_the_total():
    assert ShownCheck.counts_toward_total is False
