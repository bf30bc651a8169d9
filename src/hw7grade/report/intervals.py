"""The statistics a run with repeated samples reports, in plain Python (no numpy at import time).

Wilson score intervals for shares (they stay inside [0, 1] and are honest at 0/n and n/n, where the
normal approximation collapses), percentile bootstrap intervals for mean scores (seeded, so a report
is reproducible), the unbiased pass@k estimator of Chen et al. (2021), and an exact sign-flip
permutation test for paired differences.
"""

from __future__ import annotations

import itertools
import math
import random
from typing import Sequence

Z95 = 1.959963984540054
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 17
EXACT_PERMUTATION_MAX = 16
"""Up to this many pairs the sign-flip test enumerates all 2^n signs; above it, samples them."""
PERMUTATION_SAMPLES = 20000


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval for a share of `successes` out of `n` ((0, 1) when n is 0)."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def bootstrap_mean(
    values: Sequence[float], resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float] | None:
    """95% percentile bootstrap interval of the mean; None for fewer than two values."""
    if len(values) < 2:
        return None
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(resamples))
    return _percentiles(means)


def bootstrap_means(
    samples: Sequence[Sequence[float]], resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> list[tuple[float, float] | None]:
    """`[bootstrap_mean(s) for s in samples]`, with the draws made once per sample size.

    Every sample is resampled from the same seeded stream, so samples of one size draw the same
    indices: they are drawn once (as `random.choices` draws them) and every sample's resampled sum
    is taken in C (`itemgetter`, `map`), in the same order, so the intervals are exactly the same.
    Equal samples share one interval, and a sample of one repeated value needs no draws: every
    resample sums the same floats in the same order (a report's parts that every answer got right)."""
    from operator import itemgetter

    out: list[tuple[float, float] | None] = [None] * len(samples)
    by_size: dict[int, dict[tuple[float, ...], list[int]]] = {}  # size -> distinct sample -> its indices
    for i, values in enumerate(samples):
        if len(values) >= 2:
            by_size.setdefault(len(values), {}).setdefault(tuple(values), []).append(i)
    for n, distinct in by_size.items():
        varied: list[tuple[float, ...]] = []
        for values, members in distinct.items():
            if len(set(values)) > 1:
                varied.append(values)
                continue
            mean = sum(values) / n
            for i in members:
                out[i] = (mean, mean)
        if not varied:
            continue
        rand = random.Random(seed).random
        nf = float(n)
        draws = range(n)
        rows: list[tuple[float, ...]] = []  # per resample, every varied sample's resampled sum
        for _ in range(resamples):
            pick = itemgetter(*[math.floor(rand() * nf) for _ in draws])
            rows.append(tuple(map(sum, map(pick, varied))))
        for values, sums in zip(varied, zip(*rows)):
            # sums sort as their means do: only the two percentiles are divided, to the same floats
            low, high = _percentiles(sorted(sums))
            for i in distinct[values]:
                out[i] = (low / n, high / n)
    return out


def bootstrap_difference(
    a: Sequence[float], b: Sequence[float], resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float] | None:
    """95% interval of mean(b) - mean(a), resampling each side on its own; None without two of each."""
    if len(a) < 2 or len(b) < 2:
        return None
    rng = random.Random(seed)
    diffs = sorted(
        sum(rng.choices(b, k=len(b))) / len(b) - sum(rng.choices(a, k=len(a))) / len(a) for _ in range(resamples)
    )
    return _percentiles(diffs)


def _percentiles(sorted_values: list[float]) -> tuple[float, float]:
    last = len(sorted_values) - 1
    return sorted_values[round(0.025 * last)], sorted_values[round(0.975 * last)]


def pass_at_k(n: int, correct: int, k: int) -> float:
    """Unbiased pass@k: the chance that at least one of k samples drawn without replacement from
    the n taken is correct, 1 - C(n-c, k) / C(n, k)."""
    if not 0 < k <= n:
        raise ValueError(f"pass@{k} needs 1 <= k <= n (n = {n})")
    if n - correct < k:
        return 1.0
    return 1.0 - math.comb(n - correct, k) / math.comb(n, k)


def sign_flip_p(differences: Sequence[float], seed: int = BOOTSTRAP_SEED) -> float | None:
    """Two-sided p-value of a paired permutation test that the mean difference is 0.

    Under the null each pair's difference is as likely to have either sign; the p-value is the
    share of sign assignments whose |mean| is at least the observed one. None without a pair."""
    d = [x for x in differences]
    if not d:
        return None
    observed = abs(sum(d)) - 1e-12
    if len(d) <= EXACT_PERMUTATION_MAX:
        signs = itertools.product((1, -1), repeat=len(d))
        hits = total = 0
        for sign in signs:
            total += 1
            hits += abs(sum(s * x for s, x in zip(sign, d))) >= observed
        return hits / total
    rng = random.Random(seed)
    hits = sum(abs(sum(x if rng.random() < 0.5 else -x for x in d)) >= observed for _ in range(PERMUTATION_SAMPLES))
    return (hits + 1) / (PERMUTATION_SAMPLES + 1)
