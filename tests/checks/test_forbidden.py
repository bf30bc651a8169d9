"""`forbidden` check, one test per entry of cases/forbidden.yaml."""

from hw7grade.checks.forbidden import ForbiddenCheck


def test_forbidden_case(case):
    case.verify(case.spec.run(case.context))


def test_forbidden_points_do_not_count_toward_the_total():
    assert ForbiddenCheck.counts_toward_total is False


def test_a_sentence_with_several_claims_is_quoted_once():
    from hw7grade.checks.base import CheckContext

    spec = ForbiddenCheck(
        claims=[{"name": "ImageNet", "phrases": ["ImageNet"]}, {"name": "ResNet-50", "phrases": ["ResNet-50"]}]
    )
    result = spec.run(CheckContext(answer="They trained ResNet-50 on ImageNet. It took days."))
    assert result.status == "failed"
    assert result.evidence == "They trained ResNet-50 on ImageNet."
    assert "ImageNet, ResNet-50" in result.message
