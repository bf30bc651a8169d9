"""Agreement between the grader and human labels: confusion matrix, percent agreement, Cohen's kappa.

Each human label (per transcript, part and attempt) is paired with the grader's verdict on the same
attempt. A human `first` label is compared with the grader's first attempt, a `final` label with the
final attempt; when the part was answered once, first and final are the same answer, and a pair of
equal labels on it counts once.

Both sides use four labels: `correct`, `partial`, `incorrect` and `missing` (asked, but never
answered). A grader `missing` agrees with a human `missing` only: beside a human `incorrect` it
usually means the segmenter lost an answer that exists, so it is a disagreement worth reading.
A part the grader never saw counts as `missing` for it. Each such pair is flagged
(`grader_missing`). `unscored` (no check could run) is no verdict at all: those pairs are listed
but left out of the matrix and the statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..results import AttemptKind, PartScore, Report, TranscriptResult
from .explain import distinct_first

LABELS: tuple[str, ...] = ("correct", "partial", "incorrect", "missing")
"""Matrix order: rows are the grader's verdicts, columns the human's."""


@dataclass(frozen=True)
class LabelledAttempt:
    path: str
    model: str | None
    part_id: str
    attempt: AttemptKind
    human: str
    grader: str
    """The grader's verdict on LABELS, or `unscored` (a part it never saw is `missing`)."""
    part: PartScore | None
    """The grader's score for the attempt (None when the grader never saw the part)."""

    @property
    def grader_missing(self) -> bool:
        return self.part is None or self.part.verdict == "missing"

    @property
    def scored(self) -> bool:
        return self.grader in LABELS

    @property
    def agrees(self) -> bool:
        return self.human == self.grader


@dataclass(frozen=True)
class Agreement:
    pairs: tuple[LabelledAttempt, ...]

    @property
    def _scored(self) -> list[tuple[str, str]]:
        return [(p.grader, p.human) for p in self.pairs if p.scored]

    @property
    def n(self) -> int:
        """Pairs in the statistics (unscored ones excluded)."""
        return len(self._scored)

    @property
    def matrix(self) -> dict[str, dict[str, int]]:
        return confusion_matrix(self._scored)

    @property
    def percent(self) -> float | None:
        return percent_agreement(self._scored)

    @property
    def kappa(self) -> float | None:
        return cohens_kappa(self._scored)

    @property
    def disagreements(self) -> list[LabelledAttempt]:
        return [p for p in self.pairs if p.scored and not p.agrees]

    @property
    def unscored(self) -> list[LabelledAttempt]:
        return [p for p in self.pairs if not p.scored]

    @property
    def missing(self) -> int:
        return sum(1 for p in self.pairs if p.grader_missing)

    def for_part(self, part_id: str) -> "Agreement":
        return Agreement(tuple(p for p in self.pairs if p.part_id == part_id))

    def by_part(self) -> dict[str, "Agreement"]:
        """Every part's agreement, in one pass (`for_part` per part is quadratic in labels)."""
        groups: dict[str, list[LabelledAttempt]] = {}
        for p in self.pairs:
            groups.setdefault(p.part_id, []).append(p)
        return {part_id: Agreement(tuple(pairs)) for part_id, pairs in groups.items()}

    @property
    def part_ids(self) -> list[str]:
        return list(dict.fromkeys(p.part_id for p in self.pairs))


def confusion_matrix(pairs) -> dict[str, dict[str, int]]:
    """matrix[grader][human] = count, over LABELS in both directions."""
    matrix = {g: {h: 0 for h in LABELS} for g in LABELS}
    for grader, human in pairs:
        matrix[grader][human] += 1
    return matrix


def percent_agreement(pairs: list[tuple[str, str]]) -> float | None:
    if not pairs:
        return None
    return sum(1 for g, h in pairs if g == h) / len(pairs)


def cohens_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """(p_o - p_e) / (1 - p_e); None when undefined (no pairs, or both raters used one label only)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for g, h in pairs if g == h) / n
    expected = sum(
        (sum(1 for g, _ in pairs if g == label) / n) * (sum(1 for _, h in pairs if h == label) / n) for label in LABELS
    )
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def grader_label(part: PartScore | None) -> str:
    """The grader's verdict on LABELS (a part it never saw is `missing`); `unscored` stays itself."""
    if part is None:
        return "missing"
    return part.verdict


def label_pairs(transcript: TranscriptResult) -> list[LabelledAttempt]:
    pairs: list[LabelledAttempt] = []
    for part_id, label in transcript.human_labels.items():
        final = transcript.attempt(part_id, "final")
        first = distinct_first(transcript, part_id)
        if label.final is not None:
            pairs.append(_pair(transcript, part_id, "final", label.final, final))
        if label.first is not None and not (first is None and label.final == label.first):
            pairs.append(_pair(transcript, part_id, "first", label.first, first or final))
    return pairs


def _pair(
    t: TranscriptResult, part_id: str, attempt: AttemptKind, human: str, part: PartScore | None
) -> LabelledAttempt:
    return LabelledAttempt(t.path, t.model, part_id, attempt, human, grader_label(part), part)


def agreement(report: Report) -> Agreement:
    return Agreement(tuple(p for t in report.transcripts for p in label_pairs(t)))


def has_labels(report: Report) -> bool:
    return any(t.labelled for t in report.summaries)


__all__ = [
    "Agreement",
    "LABELS",
    "LabelledAttempt",
    "agreement",
    "cohens_kappa",
    "confusion_matrix",
    "grader_label",
    "has_labels",
    "label_pairs",
    "percent_agreement",
]
