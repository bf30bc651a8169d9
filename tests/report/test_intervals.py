"""The statistics of repeated samples, against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from hw7grade.report.intervals import bootstrap_difference, bootstrap_mean, pass_at_k, sign_flip_p, wilson


@pytest.mark.parametrize(
    "k, n, expected", [(2, 3, (0.2077, 0.9385)), (0, 5, (0.0, 0.4345)), (5, 5, (0.5655, 1.0)), (3, 4, (0.3006, 0.9544))]
)
def test_wilson_matches_the_closed_form(k, n, expected):
    low, high = wilson(k, n)
    assert (round(low, 4), round(high, 4)) == expected


def test_pass_at_k_is_the_unbiased_estimator():
    assert pass_at_k(5, 2, 1) == pytest.approx(0.4)
    assert pass_at_k(5, 2, 2) == pytest.approx(1 - math.comb(3, 2) / math.comb(5, 2)) == pytest.approx(0.7)
    assert pass_at_k(5, 0, 3) == 0.0
    assert pass_at_k(5, 3, 3) == 1.0  # fewer than k wrong samples: every draw of 3 holds a right one
    with pytest.raises(ValueError):
        pass_at_k(3, 1, 4)


def test_bootstrap_is_seeded_and_brackets_the_mean():
    values = [0.0, 1.0, 1.0, 1.0, 0.5]
    first = bootstrap_mean(values)
    assert first == bootstrap_mean(values)
    low, high = first
    assert low < 0.7 < high and 0.0 <= low and high <= 1.0
    assert bootstrap_mean([0.5, 0.5, 0.5]) == (0.5, 0.5)
    assert bootstrap_mean([1.0]) is None
    assert bootstrap_difference([0.0, 0.0], [1.0, 1.0]) == (1.0, 1.0)


def test_sign_flip_test_enumerates_every_sign():
    # three positive differences: 2 of the 8 sign patterns reach |mean| = 1 (all + and all -)
    assert sign_flip_p([1.0, 1.0, 1.0]) == 0.25
    assert sign_flip_p([1.0, -1.0]) == 1.0
    assert sign_flip_p([]) is None
    many = [0.5] * 20  # beyond the exact limit: sampled, seeded, still tiny
    assert sign_flip_p(many) == sign_flip_p(many) < 0.001


def test_bootstrap_means_of_many_samples_equal_each_sample_s_own_interval():
    import random

    from hw7grade.report.intervals import bootstrap_means

    rng = random.Random(3)
    for _ in range(40):
        sizes = [rng.choice([0, 1, 2, 3, 7, 50]) for _ in range(rng.randint(1, 6))]
        samples = [[rng.choice([0, 0.5, 1, 1 / 3, 0.1, 2 / 7]) for _ in range(n)] for n in sizes]
        assert bootstrap_means(samples, resamples=300) == [bootstrap_mean(s, resamples=300) for s in samples]


def test_equal_and_constant_samples_keep_each_sample_s_own_interval():
    from hw7grade.report.intervals import bootstrap_means

    samples = [[1 / 3] * 20, [1.0] * 20, [0.0, 1.0] * 10, [0.0, 1.0] * 10, [1 / 3] * 7, [2 / 7, 1.0] * 10]
    assert bootstrap_means(samples, resamples=300) == [bootstrap_mean(s, resamples=300) for s in samples]
