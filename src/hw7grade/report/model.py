"""Graded results: plain frozen values the report writers turn into text, JSON, XML, HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Mapping

from ..checks.base import CheckResult
from ..conversation import HumanLabel
from ..judge.model import JudgeResult

Attempt = Literal["first", "final"]
Verdict = Literal["correct", "partial", "incorrect", "missing", "unscored"]
"""`unscored`: no check of the part could run (e.g. the algebra engine gave up); never a guess."""


@dataclass(frozen=True)
class PartScore:
    id: str
    attempt: Attempt
    score: float
    max_score: float
    verdict: Verdict
    checks: tuple[CheckResult, ...] = ()
    reason: str = ""
    """One line: why the part did not get full marks (or what it got right)."""
    turn: int | None = None
    """Index in the conversation's turns of the assistant turn holding this attempt."""
    judge: JudgeResult | None = None
    """The judge's second opinion (`--judge`); None when no judge was asked."""

    @property
    def complete(self) -> bool:
        """False when a check could not run: the score is a lower bound, not a verdict on it."""
        filled = self.judge.filled if self.judge is not None else ()
        return all(c.status != "unscored" or c.name in filled for c in self.checks)


@dataclass(frozen=True)
class TranscriptResult:
    path: str
    model: str | None = None
    errors: tuple[str, ...] = ()
    parts: tuple[PartScore, ...] = ()
    human_labels: Mapping[str, HumanLabel] = field(default_factory=dict)
    format: str = ""
    title: str | None = None

    def attempt(self, part_id: str, attempt: Attempt) -> PartScore | None:
        for p in self.parts:
            if p.id == part_id and p.attempt == attempt:
                return p
        return None

    @property
    def finals(self) -> list[PartScore]:
        return [p for p in self.parts if p.attempt == "final"]


@dataclass(frozen=True)
class Report:
    transcripts: tuple[TranscriptResult, ...]

    @property
    def unreadable(self) -> list[TranscriptResult]:
        return [t for t in self.transcripts if t.errors]

    def totals(self) -> tuple[float, float]:
        """(score, max) over every transcript's final attempts."""
        finals = [p for t in self.transcripts for p in t.finals]
        return sum(p.score for p in finals), sum(p.max_score for p in finals)
