"""`scalar_equiv` check, one test per entry of cases/scalar_equiv.yaml; plus its time limit."""

from hw7grade.algebra import scalars
from hw7grade.checks.base import CheckContext
from hw7grade.checks.scalar_equiv import ScalarEquivCheck, scalar_spans


def test_scalar_equiv_case(case):
    case.verify(case.spec.run(case.context))


def test_spans_are_the_number_like_runs():
    text = r"It is \frac{341}{26} ≈ 13.1 times, 5 min 41 s."
    assert [text[a:b] for a, b in scalar_spans(text)] == ["5 min 41 s", r"\frac{341}{26}", "13.1", "5", "41"]


def test_a_comparison_out_of_time_is_unscored(monkeypatch):
    monkeypatch.setattr(scalars, "COMPARE_TIMEOUT_S", -1.0)
    result = ScalarEquivCheck(reference=r"\sqrt{2}", points=1).run(CheckContext(r"It is $\sqrt{8}/2$."))
    assert (result.status, result.message) == ("unscored", "time limit: the answer's numbers took too long to compare")
