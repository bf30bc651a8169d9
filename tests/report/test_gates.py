"""The gates: `--fail-under` (the overall score fraction against the threshold, with float noise as
slack), `--baseline` regressions, and the exit status they give."""

from __future__ import annotations

import pytest

from hw7grade.report.baseline import compare_with_baseline
from hw7grade.report.gates import (
    GATE_FAILED,
    WRITE_FAILED,
    exit_status,
    fail_under_message,
    gate_failures,
    regression_message,
)

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


def test_a_regression_names_the_part_and_both_scores():
    before = report(transcript("a.md", "m", part("q7a", 2, 2), part("q7b", 1, 2)))
    after = report(transcript("a.md", "m", part("q7a", 1, 2), part("q7b", 2, 2)))
    comparison = compare_with_baseline(after, before)
    assert regression_message(comparison) == "1 part(s) regressed against the baseline: a.md q7a (2/2 -> 1/2)"
    assert regression_message(compare_with_baseline(before, before)) is None


def test_gate_failures_list_the_baseline_first_then_fail_under():
    before = report(transcript("a.md", "m", part("q7a", 2, 2)))
    after = report(transcript("a.md", "m", part("q7a", 1, 2)))
    failures = gate_failures(after, compare_with_baseline(after, before), 0.9)
    assert failures == [
        "1 part(s) regressed against the baseline: a.md q7a (2/2 -> 1/2)",
        "overall score 1/2 (50.0%) is below --fail-under 0.9",
    ]
    assert gate_failures(after, None, None) == []
    assert gate_failures(after, compare_with_baseline(after, after), 0.5) == []


def test_a_file_not_written_outranks_a_failed_gate():
    assert exit_status([], []) == 0
    assert exit_status([], ["below"]) == GATE_FAILED == 1
    assert exit_status(["Cannot write x"], ["below"]) == WRITE_FAILED == 2
    assert exit_status(["Cannot write x"], []) == WRITE_FAILED
