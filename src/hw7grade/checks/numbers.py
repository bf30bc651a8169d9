"""`numbers`: required values with units and tolerance (341 s, 26 s, 94%) (q4a)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..regexes import regex
from ..text.analysis import analyse
from ..text.number_words import spelled_as_digits
from ..text.phrases import compile_phrase
from ..text.polarity import negation_kind
from ..text.sentences import Sentence
from .base import CheckContext, CheckResult, CheckSpec

VALUE_EPSILON = 1e-9
"""Slack for float comparisons at the tolerance edge."""
CONFLICT_WINDOW_CHARS = 40
"""How far a word naming the quantity ("accuracy") reaches for the value it names."""
FRACTION_CONTEXT = regex(r"\baccura\w*|(?<![A-Za-z])acc\b", re.I)
"""A fraction (0.94) counts as a percentage only in an accuracy context (also a key's "final_test_acc")."""


def _num(name: str) -> str:
    """A decimal number on its own: 341 but not inside 3410, 1341 or 3.41."""
    return rf"(?<![\w.,])(?P<{name}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|[.,]\d)"


_SECONDS = r"s|secs?|seconds?"
_MINUTES = r"mins?|minutes?"
_UNIT_RE = {
    "s": regex(
        rf"{_num('v')}[\s-]*(?:(?P<min>{_MINUTES})(?:[\s,]*(?:and\s+)?{_num('sec')}[\s-]*(?:{_SECONDS}))?"
        rf"|(?:{_SECONDS}))(?![\w])"
        # a clock's minutes and seconds, "5:41" or "0:26 min" (a column headed "Time (mm:ss)")
        rf"|(?<![\w.,:])(?P<clock>\d{{1,2}}):(?P<clock_sec>[0-5]\d)(?![\w.,:]\w)(?:[\s-]*(?:{_MINUTES})(?![\w]))?"
        # a key that names its unit, in the structured data a user asked for: "final_time_s = 26"
        rf"|\b(?:[A-Za-z0-9]{{1,20}}_){{1,4}}(?:{_SECONDS})[\"']?[ \t]{{0,3}}[:=][ \t]{{0,3}}{_num('kv')}",
        re.I,
    ),
    "%": regex(rf"{_num('v')}\s*(?:%|percent\b|per\s+cent\b|pct\b)", re.I),
}
_BARE_RE = regex(_num("v") + r"(?![A-Za-z])")
_FRACTION_RE = regex(r"(?<![\w.,])(?P<v>0?\.\d+)(?!\d|[.,]\d)")


@lru_cache(maxsize=64)
def _other_unit_re(unit: str) -> re.Pattern[str]:
    return re.compile(rf"{_num('v')}\s*{re.escape(unit)}(?![\w])", re.I)


@dataclass(frozen=True)
class _Reading:
    value: float
    start: int
    end: int


def _number(text: str) -> float:
    return float(text.replace(",", ""))


class Quantity(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    value: float
    unit: str | None = None
    """Canonical unit: "s" (also matches seconds, sec, and minutes converted), "%" ..."""
    tolerance: float = Field(default=0.0, ge=0)
    """Absolute tolerance in the canonical unit."""
    label: str = ""
    """What the value is, for messages ("baseline time")."""
    also: list[float] = Field(default_factory=list)
    """Other values that state the same fact as the sources report it (a reproduction's 356 s)."""
    context: list[str] = Field(default_factory=list)
    """Optional words that must occur in the same sentence (e.g. ["baseline", "started", "DAWNBench"])."""
    conflicts: list[str] = Field(default_factory=list)
    """Words naming the quantity ("accuracy") when the answer may give it only this value: another
    value in the unit that such a word names (the nearest within `CONFLICT_WINDOW_CHARS`),
    asserted, contradicts the answer ("the final accuracy rose to 96%" beside "94%")."""
    exact: str | None = None
    """The value as an exact expression (`\\frac{341}{26}`): a number the answer states matches
    when it equals it, or is it rounded to the decimals written ("13.1", "about 13"); compared by
    sympy (hw7grade.algebra.scalars), in place of `value` and `tolerance`."""

    @field_validator("context", "conflicts")
    @classmethod
    def _phrases_can_match(cls, phrases: list[str]) -> list[str]:
        """A word with nothing to match (empty, "...") is a load error, not a context never found."""
        for phrase in phrases:
            compile_phrase(phrase)
        return phrases

    @property
    def shown(self) -> str:
        v = f"{self.value:g}"
        text = v + ("%" if self.unit == "%" else f" {self.unit}" if self.unit else "")
        return f"{self.label} {text}" if self.label else text

    def readings(self, sentence: str) -> list[_Reading]:
        """Every value in the canonical unit that the sentence states."""
        out: list[_Reading] = []
        if self.unit is None:
            for m in _BARE_RE.finditer(sentence):
                out.append(_Reading(_number(m.group("v")), m.start(), m.end()))
            return out
        regex = _UNIT_RE.get(self.unit)
        if regex is None:
            unit_re = _other_unit_re(self.unit)
            return [_Reading(_number(m.group("v")), m.start(), m.end()) for m in unit_re.finditer(sentence)]
        for m in regex.finditer(sentence):
            if self.unit == "s" and m.group("clock"):
                out.append(_Reading(int(m.group("clock")) * 60.0 + int(m.group("clock_sec")), m.start(), m.end()))
                continue
            value = _number(m.group("v") or m.group("kv"))
            if self.unit == "s" and m.group("min"):
                value = value * 60 + (_number(m.group("sec")) if m.group("sec") else 0.0)
            out.append(_Reading(value, m.start(), m.end()))
        if self.unit == "%" and FRACTION_CONTEXT.search(sentence):
            for m in _FRACTION_RE.finditer(sentence):
                out.append(_Reading(float(m.group("v")) * 100, m.start(), m.end()))
        return out

    def find(self, sentences: tuple[Sentence, ...]) -> str | None:
        """The first asserted statement of this value (in context, within tolerance)."""
        contexts = [compile_phrase(c) for c in self.context]
        for s in sentences:
            if contexts and not any(c.search(s.text) for c in contexts):
                continue
            for r in self.readings(s.text):
                if self._matches(s.text[r.start : r.end], r.value) and negation_kind(s, r.start, r.end) is None:
                    return s.text[r.start : r.end]
        return None

    def conflict(self, sentences: tuple[Sentence, ...]) -> str | None:
        """The first other value a naming word (`conflicts`) gives the quantity, if any."""
        if not self.conflicts:
            return None
        names = [compile_phrase(c) for c in self.conflicts]
        for s in sentences:
            hits = [m for c in names for m in c.finditer(s.text)]
            if not hits:
                continue
            readings = sorted(self.readings(s.text), key=lambda r: r.start)
            starts = [r.start for r in readings]
            for hit in hits:
                named = _nearest(readings, starts, hit.start(), hit.end())
                if named is None:
                    continue
                # "the accuracy improves from 94% to 96%": the value a change ends on is the quantity's too.
                for r in (named, *_changed_to(s.text, readings, starts, named)):
                    span = s.text[r.start : r.end]
                    if not self._matches(span, r.value) and negation_kind(s, r.start, r.end) is None:
                        return span
        return None

    def _matches(self, span: str, value: float) -> bool:
        """`exact`, when given, in place of `value`; the `also` values are compared within `tolerance` either way."""
        if any(abs(value - v) <= self.tolerance + VALUE_EPSILON for v in self.also):
            return True
        if self.exact is None:
            return abs(value - self.value) <= self.tolerance + VALUE_EPSILON
        from ..algebra.scalars import exact_match

        return exact_match(self.exact, span, value)


_CHANGE_TO_RE = regex(r"[ \t]{0,2}(?:to|→|->|⟶|—>|=>)[ \t]{0,2}(?:about|around|roughly|~)?[ \t]{0,2}")
"""What joins a value to the one it changes to: "from 94% to 96%", "94% → 96%"."""


def _changed_to(text: str, readings: list[_Reading], starts: list[int], r: _Reading) -> list[_Reading]:
    """The reading right after `r` that `r` changes to, if the two are joined by "to" or an arrow."""
    i = bisect_right(starts, r.start)
    if i < len(readings) and _CHANGE_TO_RE.fullmatch(text, r.end, readings[i].start):
        return [readings[i]]
    return []


def _nearest(readings: list[_Reading], starts: list[int], start: int, end: int) -> _Reading | None:
    """The reading closest to the span [start, end), if one lies within `CONFLICT_WINDOW_CHARS`:
    the last one starting before its end or the first one after it (readings sorted by start)."""
    i = bisect_left(starts, end)
    near = [(start - r.end if r.end <= start else 0, r) for r in readings[max(i - 1, 0) : i]]
    near += [(r.start - end, r) for r in readings[i : i + 1]]
    gap, best = min(near, key=lambda g: g[0], default=(CONFLICT_WINDOW_CHARS + 1, None))
    return best if gap <= CONFLICT_WINDOW_CHARS else None


class NumbersCheck(CheckSpec):
    type: Literal["numbers"] = "numbers"
    values: list[Quantity] = Field(min_length=1)
    partial: bool = False
    """If true, earn points in proportion to the values found; otherwise all or nothing."""

    def run(self, ctx: CheckContext) -> CheckResult:
        sentences = analyse(spelled_as_digits(ctx.answer), ctx.question).sentences  # an answer read aloud
        found: list[str] = []
        missing: list[str] = []
        contradicted: list[str] = []
        for q in self.values:
            span = q.find(sentences)
            other = q.conflict(sentences) if span is not None else None
            if span is None:
                missing.append(q.shown)
            elif other is not None:
                found.append(other)
                contradicted.append(f"{q.shown} (the answer also gives {other})")
            else:
                found.append(span)
        evidence = "; ".join(found) or None
        if not missing and not contradicted:
            return self.passed(evidence)
        kinds = (("not found", missing), ("contradicted", contradicted))
        message = "; ".join(f"{what}: {', '.join(items)}" for what, items in kinds if items)
        found_count = len(self.values) - len(missing) - len(contradicted)
        points = self.points * found_count / len(self.values) if self.partial else 0.0
        return self.failed(evidence, message, points=points)
