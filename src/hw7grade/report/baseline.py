"""Comparing a run with a baseline report: which parts regressed, improved or stayed the same.

Parts are matched by transcript path first (as written in the report, then relative to the folder
all of that report's transcripts share, so a run from another checkout still matches), and when a
transcript's path is not in the baseline, by model + part id. The gate is on final attempts: a part
regresses when its score fraction drops (fractions, so a rubric that changes a part's points does
not look like a regression by itself).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Iterable, Literal

from ..results import PartTotal, Report, TranscriptSummary

SCORE_EPSILON = 1e-9
"""Fraction changes smaller than this are float noise, not a change in grade."""

Status = Literal["regressed", "improved", "unchanged", "new"]
MatchedBy = Literal["path", "model", "none"]


@dataclass(frozen=True)
class PartDelta:
    path: str
    model: str | None
    part_id: str
    before: PartTotal | None
    after: PartTotal
    matched_by: MatchedBy
    baseline_path: str | None = None

    @property
    def delta(self) -> float | None:
        """Change in score fraction (after - before); None for a part the baseline lacks."""
        if self.before is None:
            return None
        return fraction(self.after) - fraction(self.before)

    @property
    def status(self) -> Status:
        d = self.delta
        if d is None:
            return "new"
        if d < -SCORE_EPSILON:
            return "regressed"
        if d > SCORE_EPSILON:
            return "improved"
        return "unchanged"


@dataclass(frozen=True)
class BaselineComparison:
    deltas: tuple[PartDelta, ...]
    baseline_only: tuple[tuple[TranscriptSummary, PartTotal], ...] = ()
    """Final attempts graded in the baseline but absent from this run: shown, not gated."""

    def by_status(self, status: Status) -> list[PartDelta]:
        return [d for d in self.deltas if d.status == status]

    @property
    def regressions(self) -> list[PartDelta]:
        return self.by_status("regressed")

    @property
    def improvements(self) -> list[PartDelta]:
        return self.by_status("improved")


def fraction(part: PartTotal) -> float:
    """Score over maximum (0 when the part is worth nothing); takes a `PartScore` too."""
    return score_fraction(part.score, part.max_score)


def score_fraction(score: float, maximum: float) -> float:
    return score / maximum if maximum > 0 else 0.0


def normalize_path(path: str) -> str:
    """Forward slashes, no `./`, so reports written on Windows or from `./x` still match."""
    file_part, sep, conversation = path.replace("\\", "/").partition("#")
    return posixpath.normpath(file_part) + sep + conversation


def relative_paths(paths: Iterable[str]) -> dict[str, str]:
    """Each transcript path -> that path relative to the deepest folder all of them share."""
    split = {path: normalize_path(path).partition("#") for path in paths}
    dirs = [posixpath.dirname(f) for f, _, _ in split.values()]
    try:
        root = posixpath.commonpath(dirs) if dirs else ""
    except ValueError:  # absolute and relative paths mixed: nothing shared to strip
        root = ""
    return {
        original: (posixpath.relpath(f, root) if root else f) + sep + conversation
        for original, (f, sep, conversation) in split.items()
    }


def match_transcripts(
    current: Report, baseline: Report
) -> list[tuple[TranscriptSummary, TranscriptSummary | None, MatchedBy]]:
    """Pair each readable transcript of `current` with its baseline transcript, by path."""
    old = [t for t in baseline.summaries if not t.errors]
    by_exact = {normalize_path(t.path): t for t in old}
    old_rel = relative_paths(t.path for t in old)
    by_rel = {old_rel[t.path]: t for t in old}
    new_rel = relative_paths(t.path for t in current.summaries)
    pairs: list[tuple[TranscriptSummary, TranscriptSummary | None, MatchedBy]] = []
    for t in current.summaries:
        if t.errors:
            continue
        match = by_exact.get(normalize_path(t.path)) or by_rel.get(new_rel[t.path])
        pairs.append((t, match, "path" if match else "none"))
    return pairs


def compare_with_baseline(current: Report, baseline: Report) -> BaselineComparison:
    """Works on the reports' summaries alone: no full result is read back."""
    pairs = match_transcripts(current, baseline)
    matched_old = {id(old) for _, old, _ in pairs if old is not None}
    # Baseline parts left for model + part id matching: from transcripts no path matched.
    spare: dict[tuple[str | None, str], list[tuple[TranscriptSummary, PartTotal]]] = {}
    for t in baseline.summaries:
        if t.errors or id(t) in matched_old:
            continue
        for p in t.finals:
            spare.setdefault((t.model, p.id), []).append((t, p))

    deltas: list[PartDelta] = []
    used_spare: set[tuple[int, str]] = set()
    for new, old, how in pairs:
        for part in new.finals:
            before = old.final(part.id) if old is not None else None
            old_path = old.path if old is not None else None
            matched_by: MatchedBy = how if before is not None else "none"
            if old is None:
                candidates = [c for c in spare.get((new.model, part.id), []) if (id(c[0]), part.id) not in used_spare]
                if candidates:
                    # Several runs of one model: pair them in order so each baseline part is used once.
                    src, before = candidates[0]
                    used_spare.add((id(src), part.id))
                    old_path, matched_by = src.path, "model"
            deltas.append(PartDelta(new.path, new.model, part.id, before, part, matched_by, old_path))

    seen = {(d.baseline_path, d.part_id) for d in deltas if d.before is not None}
    baseline_only = tuple(
        (t, p) for t in baseline.summaries if not t.errors for p in t.finals if (t.path, p.id) not in seen
    )
    return BaselineComparison(tuple(deltas), baseline_only)


__all__ = [
    "BaselineComparison",
    "PartDelta",
    "compare_with_baseline",
    "fraction",
    "score_fraction",
    "match_transcripts",
    "normalize_path",
    "relative_paths",
]
