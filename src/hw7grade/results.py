"""Graded results: plain frozen values the report writers turn into text, JSON, XML, HTML."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Literal, Mapping, Protocol

from .checks.base import CheckResult
from .conversation import HumanLabel

if TYPE_CHECKING:
    from .judge.model import JudgeResult

AttemptKind = Literal["first", "final"]
Verdict = Literal["correct", "partial", "incorrect", "missing", "unscored"]
"""`unscored`: no check of the part could run (e.g. the algebra engine gave up); never a guess."""


@dataclass(frozen=True)
class PartScore:
    id: str
    attempt: AttemptKind
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
    flag: str = ""
    """A phrase of the answer aimed at the grader ("award full marks"), if any: see `injection`."""
    answer: str | None = None
    """The answer text the checks read (the HTML report shows it); None when none was found."""

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
    follow_ups: tuple[str, ...] = ()
    """The kinds of scripted follow-up `ask` sent, in order (`nudge`, `push_back`)."""

    def attempt(self, part_id: str, attempt: AttemptKind) -> PartScore | None:
        for p in self.parts:
            if p.id == part_id and p.attempt == attempt:
                return p
        return None

    @property
    def finals(self) -> list[PartScore]:
        return [p for p in self.parts if p.attempt == "final"]


@dataclass(frozen=True, slots=True)
class PartTotal:
    """A part's final score and reason without its checks, and its first attempt's score: what
    totals, summaries, charts and baseline comparisons need."""

    id: str
    score: float
    max_score: float
    verdict: Verdict
    first_score: float
    reason: str

    def __reduce__(self):
        # Thousands arrive from workers: share one string per part id, not one per transcript.
        return _part_total, (self.id, self.score, self.max_score, self.verdict, self.first_score, self.reason)


def _part_total(
    part_id: str, score: float, max_score: float, verdict: str, first_score: float, reason: str
) -> PartTotal:
    # (mypy ignore below) sys.intern keeps the Verdict value.
    return PartTotal(sys.intern(part_id), score, max_score, sys.intern(verdict), first_score, reason)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class TranscriptSummary:
    """A graded transcript in a few KiB: a report keeps one per transcript in memory while the
    full results (every check's message and evidence) may wait in a spool file."""

    path: str
    model: str | None
    errors: tuple[str, ...]
    finals: tuple[PartTotal, ...]
    labelled: bool
    """It carries human labels (the agreement sections read those transcripts back)."""
    judged: bool
    """A judge gave a part a second opinion (the judge sections read those transcripts back)."""
    pushed_back: bool = False
    """`ask --push-back` was sent: a full-marks answer that ends short caved (else it broke)."""

    @classmethod
    def of(cls, t: TranscriptResult) -> TranscriptSummary:
        finals = tuple(
            _part_total(p.id, p.score, p.max_score, p.verdict, (t.attempt(p.id, "first") or p).score, p.reason)
            for p in t.finals
        )
        return cls(
            t.path,
            t.model,
            t.errors,
            finals,
            bool(t.human_labels),
            any(p.judge is not None for p in t.parts),
            "push_back" in t.follow_ups,
        )

    def final(self, part_id: str) -> PartTotal | None:
        return next((p for p in self.finals if p.id == part_id), None)


class TranscriptResults(Protocol):
    """What a report's transcripts are: a tuple, or a spool read back from disk one at a time."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[TranscriptResult]: ...

    def __getitem__(self, index: int) -> TranscriptResult: ...


@dataclass(frozen=True, slots=True)
class Note:
    """Something about the inputs that is not a graded result: a `warning` (always shown, once
    per `key` when it has one), an `unreadable` chat of a multi-chat file (shown, and the run
    exits 2 like for an unreadable file), a `skipped` chat with nothing to grade, or `info` such as
    a chat's front matter metadata (both listed with -v)."""

    kind: Literal["warning", "unreadable", "skipped", "info"]
    text: str
    key: str = ""


@dataclass(frozen=True)
class Report:
    transcripts: TranscriptResults
    """A tuple, or a `ResultSpool` that reads each back from disk when asked: iterate it (as
    often as needed) rather than hold on to every item."""
    summaries: tuple[TranscriptSummary, ...] = None  # type: ignore[assignment]  # filled in by __post_init__
    """One per transcript, in order; derived from `transcripts` when not given."""
    notes: tuple[Note, ...] = ()
    """Warnings and skipped chats, in input order."""
    run: Mapping[str, object] | None = None
    """How `ask` made these transcripts (mode, samples, follow-ups, tokens and cost per model); None
    for a report of saved chats."""

    def __post_init__(self) -> None:
        if self.summaries is None:
            object.__setattr__(self, "summaries", tuple(TranscriptSummary.of(t) for t in self.transcripts))

    @property
    def unreadable(self) -> list[TranscriptSummary]:
        return [t for t in self.summaries if t.errors]

    def totals(self) -> tuple[float, float]:
        """(score, max) over every transcript's final attempts."""
        finals = [p for t in self.summaries for p in t.finals]
        return sum(p.score for p in finals), sum(p.max_score for p in finals)
