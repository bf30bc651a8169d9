"""`--fail-under`: the overall score fraction against the threshold, with float noise as slack."""

from __future__ import annotations

import pytest

from hw7grade.report.outputs import fail_under_message

from .factory import part, report, transcript


@pytest.mark.parametrize(
    "threshold, message",
    [
        (0.75, None),  # exactly at the threshold passes
        (0.76, "overall score 3/4 (75.0%) is below --fail-under 0.76"),
        (0, None),
    ],
)
def test_threshold_edges(threshold, message):
    r = report(transcript("a.md", "m", part("q7a", 1, 2), part("q7b", 2, 2)))
    assert fail_under_message(r, threshold) == message


def test_float_noise_in_the_sum_is_not_a_miss():
    r = report(transcript("a.md", "m", part("q7a", 0.7, 1), part("q7b", 0.1, 0)))
    assert r.totals() == (0.7999999999999999, 1)  # the noise this slack is for
    assert fail_under_message(r, 0.8) is None
    assert fail_under_message(r, 0.81) == "overall score 0.8/1 (80.0%) is below --fail-under 0.81"


def test_nothing_graded_cannot_pass():
    r = report(transcript("a.md", "m", errors=("bad JSON",)))
    assert fail_under_message(r, 0) == "no part was graded, so the score cannot reach --fail-under 0"
