"""Turning the judge's reply into criterion scores: shape first, then every quote checked.

A reply of the wrong shape (not JSON, a criterion missing, repeated or unknown, points out of
range) raises `ShapeError`, which earns one retry. A well-shaped reply is taken per criterion:
points need a quote, and a quote that does not occur in the answer (after normalising
whitespace, case, quote marks and Markdown emphasis) makes that criterion unscored — the judge
may not invent evidence.
"""

from __future__ import annotations

import math
from typing import Sequence

from pydantic import BaseModel, ConfigDict, ValidationError

from ..regexes import regex
from ..shorten import shorten
from .criteria import Criterion
from .model import CriterionScore

POINTS_SLACK = 1e-6
MIN_QUOTE_CHARS = 3
"""A quote shorter than this (normalised) proves nothing, so it cannot carry points."""
REASON_CHARS = 300
EVIDENCE_CHARS = 600
"""Longer quotes are kept in full for the check, then shortened for the report."""
ELLIPSIS_RE = regex(r"\s*(?:\.\.\.|…)\s*")
_CHAR_MAP = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "*": "", "`": "", "\u00a0": " "})


class ShapeError(ValueError):
    """The reply is not in the required shape; the message says what is wrong, for the retry."""


class _Item(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    name: str
    points: float
    evidence: str
    reason: str = ""


class _Reply(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    criteria: list[_Item]


def parse_reply(text: str, criteria: Sequence[Criterion], answer: str) -> tuple[CriterionScore, ...]:
    """Criterion scores in rubric order, or ShapeError."""
    try:
        reply = _Reply.model_validate_json(text.strip() or "null")
    except ValidationError as exc:
        raise ShapeError(_first_error(exc)) from None
    wanted = {c.name: c for c in criteria}
    given: dict[str, _Item] = {}
    for item in reply.criteria:
        if item.name not in wanted:
            raise ShapeError(f"unknown criterion {item.name!r}")
        if item.name in given:
            raise ShapeError(f"criterion {item.name!r} given twice")
        limit = wanted[item.name].points
        if not math.isfinite(item.points) or not -POINTS_SLACK <= item.points <= limit + POINTS_SLACK:
            raise ShapeError(f"{item.name}: {item.points:g} points is outside 0..{limit:g}")
        given[item.name] = item
    missing = [name for name in wanted if name not in given]
    if missing:
        raise ShapeError(f"no score for {', '.join(missing)}")
    return tuple(_score(c, given[c.name], answer) for c in criteria)


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(x) for x in first["loc"])
    return f"{where + ': ' if where else ''}{first['msg']}"


def grader_directed(text: str) -> str | None:
    from ..text.injection import grader_directed as found

    return found(text)


def _score(criterion: Criterion, item: _Item, answer: str) -> CriterionScore:
    points = min(max(item.points, 0.0), criterion.points)
    reason = shorten(item.reason, REASON_CHARS)
    evidence = item.evidence.strip()

    def unscored(why: str) -> CriterionScore:
        return CriterionScore(
            criterion.name,
            criterion.check,
            "unscored",
            0.0,
            criterion.points,
            shorten(evidence, EVIDENCE_CHARS),
            f"{why} (judge said: {reason})" if reason else why,
        )

    if evidence and not quote_occurs(evidence, answer):
        return unscored("the judge's quote does not occur in the answer")
    if points > 0 and len(normalise(evidence)) < MIN_QUOTE_CHARS:
        return unscored(f"the judge gave {points:g} point(s) without quoting the answer")
    if points > 0 and grader_directed(evidence):
        return unscored("the judge's quote is an instruction to the grader, not an answer")
    return CriterionScore(
        criterion.name,
        criterion.check,
        "scored",
        round(points, 4),
        criterion.points,
        shorten(evidence, EVIDENCE_CHARS),
        reason,
    )


def normalise(text: str) -> str:
    return " ".join(text.translate(_CHAR_MAP).casefold().split())


def quote_occurs(quote: str, answer: str) -> bool:
    """True when the quote's pieces (split at ellipses) occur in the answer, in order."""
    haystack = normalise(answer)
    position = 0
    pieces = [normalise(p).strip("\"' ") for p in ELLIPSIS_RE.split(quote.strip().strip("\"'"))]
    pieces = [p for p in pieces if p]
    if not pieces:
        return False
    for piece in pieces:
        found = haystack.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True
