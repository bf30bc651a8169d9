"""Two reports side by side (`hw7grade compare A.json B.json`): per part and per model.

Per part, transcripts are paired the way `--baseline` pairs them (path, then model + part id), so
"A" plays the baseline and "B" the new run. Per model, each part's score fraction is averaged over
that model's transcripts in each report, which is what to look at when the two reports graded
different chats of the same models.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..results import PartTotal, Report
from .baseline import compare_with_baseline, fraction


@dataclass(frozen=True)
class PartRow:
    path: str
    model: str | None
    part_id: str
    a: PartTotal | None
    b: PartTotal | None

    @property
    def delta(self) -> float | None:
        """B's score fraction minus A's; None when one side lacks the part."""
        if self.a is None or self.b is None:
            return None
        return fraction(self.b) - fraction(self.a)


@dataclass(frozen=True)
class ModelRow:
    model: str
    part_id: str
    """A part id, or `TOTAL` for the model's score over all its parts."""
    a: float | None
    b: float | None
    """Mean score fraction of the model's final attempts at this part; None when never graded."""

    @property
    def delta(self) -> float | None:
        if self.a is None or self.b is None:
            return None
        return self.b - self.a


@dataclass(frozen=True)
class ReportComparison:
    parts: tuple[PartRow, ...]
    models: tuple[ModelRow, ...]


TOTAL = "TOTAL"
UNKNOWN_MODEL = "(unknown model)"


def compare_reports(a: Report, b: Report) -> ReportComparison:
    matched = compare_with_baseline(b, a)
    parts = [PartRow(d.path, d.model, d.part_id, d.before, d.after) for d in matched.deltas]
    parts += [PartRow(t.path, t.model, p.id, p, None) for t, p in matched.baseline_only]
    return ReportComparison(tuple(parts), tuple(_model_rows(a, b)))


def _model_rows(a: Report, b: Report) -> list[ModelRow]:
    a_means, a_totals = _per_model(a)
    b_means, b_totals = _per_model(b)
    models = _ordered([m for m, _ in a_means] + [m for m, _ in b_means])
    part_order = _ordered([p for _, p in a_means] + [p for _, p in b_means])
    rows: list[ModelRow] = []
    for model in models:
        for part_id in part_order:
            key = (model, part_id)
            if key in a_means or key in b_means:
                rows.append(ModelRow(model, part_id, a_means.get(key), b_means.get(key)))
        rows.append(ModelRow(model, TOTAL, a_totals.get(model), b_totals.get(model)))
    return rows


def _per_model(report: Report) -> tuple[dict[tuple[str, str], float], dict[str, float]]:
    fractions: dict[tuple[str, str], list[float]] = {}
    sums: dict[str, list[float]] = {}
    for t in report.summaries:
        model = t.model or UNKNOWN_MODEL
        for p in t.finals:
            fractions.setdefault((model, p.id), []).append(fraction(p))
            score_max = sums.setdefault(model, [0.0, 0.0])
            score_max[0] += p.score
            score_max[1] += p.max_score
    means = {k: sum(v) / len(v) for k, v in fractions.items()}
    totals = {m: (s / mx if mx > 0 else 0.0) for m, (s, mx) in sums.items()}
    return means, totals


def _ordered(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


__all__ = ["ModelRow", "PartRow", "ReportComparison", "TOTAL", "compare_reports"]
