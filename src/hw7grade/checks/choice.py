"""`choice`: a single choice (q8a.i, q8a.ii) or a select-all set (q8a.iii)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..text.analysis import Analysed, analyse, number_word
from ..text.answers import CHECKED_RE, TRAILING_CHECK_RE, answer_regions, strip_line_marker
from ..text.phrases import compile_phrase
from ..text.polarity import negation_kind
from ..text.sentences import Sentence
from .base import CheckContext, CheckResult, CheckSpec

_ASIDE_RE = re.compile(r"\([^)]*\)|\s[—-]\s.*$|\s(?:because|since|as|so|which|where)\s.*$", re.I)
"""Explanations after the chosen option in a single-choice answer ("2 (one encoder, one decoder)")."""


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    """Canonical text of the option, e.g. "Weight Decay" or "2"."""
    aliases: list[str] = Field(default_factory=list)
    """Other ways an answer may name it ("weight_decay", "L2 penalty in the optimizer", "two")."""


@lru_cache(maxsize=256)
def _option_patterns(options: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """Label -> compiled phrases (label, aliases, and the number word of a numeric label)."""
    out = []
    for label, aliases in options:
        phrases = [label, *aliases]
        word = number_word(label)
        if word:
            phrases.append(word)
        out.append((label, tuple(compile_phrase(p) for p in dict.fromkeys(phrases))))
    return tuple(out)


class ChoiceCheck(CheckSpec):
    type: Literal["choice"] = "choice"
    options: list[Option] = Field(min_length=2)
    expected: list[str] = Field(min_length=1)
    """Labels of the correct option(s); for `select_all` the chosen set must equal this exactly."""
    select_all: bool = False

    @model_validator(mode="after")
    def _expected_are_options(self) -> "ChoiceCheck":
        labels = {o.label for o in self.options}
        unknown = [e for e in self.expected if e not in labels]
        if unknown:
            raise ValueError(f"expected {unknown} not among the option labels {sorted(labels)}")
        if not self.select_all and len(self.expected) != 1:
            raise ValueError("a single choice (select_all: false) needs exactly one expected label")
        return self

    def _patterns(self) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
        return _option_patterns(tuple((o.label, tuple(o.aliases)) for o in self.options))

    def _mentions(self, sentence: Sentence, text: str | None = None) -> list[tuple[int, str, bool]]:
        """(position, label, asserted) for each option named in the sentence, longest match first."""
        text = sentence.text if text is None else text
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, str, bool]] = []
        spans = []
        for label, pats in self._patterns():
            for pat in pats:
                for m in pat.finditer(text):
                    spans.append((m.start(), m.end(), label))
        for start, end, label in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
            if any(start < b and a < end for a, b in taken):
                continue  # "Batch Norm" inside "Layer Norm / Batch Norm" is one mention, not two
            taken.append((start, end))
            found.append((start, label, negation_kind(sentence, start, end) is None))
        return sorted(found)

    def _from_regions(self, a: Analysed) -> tuple[set[str], list[str]]:
        """Options asserted in "Answer:" regions and on checked-box lines, with their evidence."""
        chosen: set[str] = set()
        evidence: list[str] = []
        spans = [(r.start, r.end) for r in answer_regions(a.text)]
        line_start = 0
        for line in a.text.split("\n"):
            body = strip_line_marker(line)
            if CHECKED_RE.match(body) or TRAILING_CHECK_RE.search(body):
                if not re.match(r"^\W*answers?\b", body, re.I):
                    spans.append((line_start, line_start + len(line)))
            line_start += len(line) + 1
        for start, end in sorted(set(spans)):
            for s in a.sentences:
                lo, hi = max(start, s.start), min(end, s.start + len(s.text))
                if lo >= hi:
                    continue
                # Only the part of the sentence inside the region counts; asides are explanation.
                masked = " " * (lo - s.start) + s.text[lo - s.start : hi - s.start]
                if not self.select_all:
                    masked = _ASIDE_RE.sub(lambda m: " " * len(m.group()), masked)
                hits = [(p, lab) for p, lab, ok in self._mentions(s, masked) if ok]
                if hits:
                    chosen.update(lab for _, lab in hits)
                    evidence.append(s.text[lo - s.start : hi - s.start].strip())
        return chosen, evidence

    def _from_prose(self, a: Analysed) -> tuple[set[str], list[str]]:
        """Without answer markers: a set is every asserted option; a single choice is read from the
        first sentence that names any option."""
        chosen: set[str] = set()
        evidence: list[str] = []
        for s in a.sentences:
            hits = [lab for _, lab, ok in self._mentions(s) if ok]
            if hits:
                chosen.update(hits)
                evidence.append(s.text)
                if not self.select_all:
                    break
        return chosen, evidence

    def run(self, ctx: CheckContext) -> CheckResult:
        a = analyse(ctx.answer, ctx.question)
        chosen, evidence = self._from_regions(a)
        if not chosen:
            chosen, evidence = self._from_prose(a)
        order = [o.label for o in self.options]
        shown = ", ".join(lab for lab in order if lab in chosen)
        ev = " | ".join(dict.fromkeys(evidence)) or None
        want = set(self.expected)
        if chosen == want:
            return self.passed(ev, f"chose {shown}")
        if not chosen:
            return self.failed(None, "no option found in the answer")
        if self.select_all:
            extra = [lab for lab in order if lab in chosen - want]
            missing = [lab for lab in order if lab in want - chosen]
            parts = ([f"extra: {', '.join(extra)}"] if extra else []) + (
                [f"missing: {', '.join(missing)}"] if missing else []
            )
            return self.failed(ev, f"chose {shown}; " + "; ".join(parts))
        if len(chosen) > 1:
            return self.failed(ev, f"several options found: {shown}")
        return self.failed(ev, f"chose {shown}, expected {self.expected[0]}")
