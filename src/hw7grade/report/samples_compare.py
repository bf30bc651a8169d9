"""`compare` on two runs with repeated samples: per part, B's mean score minus A's with a 95%
bootstrap interval; overall, the mean of those differences over the parts both runs asked, with a
bootstrap interval over parts and an exact sign-flip permutation test (paired by part).

Runs of different models (GPT-4o in A, Claude in B) pair by part id; when the two runs share
models, by model and part, so a model is only ever compared with itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..results import Report
from .baseline import fraction
from .compare import UNKNOWN_MODEL
from .intervals import bootstrap_difference, bootstrap_mean, sign_flip_p


@dataclass(frozen=True)
class PartDifference:
    key: str
    a: list[float]
    b: list[float]
    """Each side's final score fractions, one per transcript."""

    @property
    def a_mean(self) -> float | None:
        return sum(self.a) / len(self.a) if self.a else None

    @property
    def b_mean(self) -> float | None:
        return sum(self.b) / len(self.b) if self.b else None

    @property
    def difference(self) -> float | None:
        a, b = self.a_mean, self.b_mean
        return None if a is None or b is None else b - a

    @property
    def ci(self) -> tuple[float, float] | None:
        return bootstrap_difference(self.a, self.b)


@dataclass(frozen=True)
class PairedTest:
    pairs: int
    mean_difference: float | None
    ci: tuple[float, float] | None
    p_value: float | None


def compare_samples(a: Report, b: Report) -> tuple[list[PartDifference], PairedTest]:
    by_model = bool(_models(a) & _models(b))
    a_groups, b_groups = _groups(a, by_model), _groups(b, by_model)
    keys = list(dict.fromkeys([*a_groups, *b_groups]))
    rows = [PartDifference(k, a_groups.get(k, []), b_groups.get(k, [])) for k in keys]
    diffs = [r.difference for r in rows if r.difference is not None]
    mean = sum(diffs) / len(diffs) if diffs else None
    return rows, PairedTest(len(diffs), mean, bootstrap_mean(diffs), sign_flip_p(diffs))


def _models(report: Report) -> set[str]:
    return {t.model or UNKNOWN_MODEL for t in report.summaries}


def _groups(report: Report, by_model: bool) -> dict[str, list[float]]:
    groups: dict[str, list[float]] = {}
    for t in report.summaries:
        for p in t.finals:
            key = f"{t.model or UNKNOWN_MODEL} {p.id}" if by_model else p.id
            groups.setdefault(key, []).append(fraction(p))
    return groups
