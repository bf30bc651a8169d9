"""`scalar_equiv`: the answer states a scalar equal to the reference, compared exactly by sympy.

`\\frac{341}{26}` is matched by "341/26", "13.1×" or "about 13" (a decimal matches the exact value
rounded to the decimals it is written with), `\\frac{1}{\\sqrt{2}}` by "√2/2" forms such as
`\\sqrt{2}/2`, and a time by "5 min 41 s". The answer's text is read by the engine's own parser
(hw7grade.algebra.scalars), never by sympify.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from ..regexes import regex
from ..text.analysis import analyse
from ..text.phrases import compile_phrase
from ..text.polarity import negation_kind
from .base import CheckContext, CheckResult, CheckSpec, Formula

_TIME_RE = regex(
    r"\d{1,6}(?:\.\d{1,6})? ?(?:hours?|hrs?|h|minutes?|mins?|seconds?|secs?|s)\b"
    r"(?:,? (?:and )?\d{1,6}(?:\.\d{1,6})? ?(?:minutes?|mins?|seconds?|secs?|s)\b)*"
)
_EXPRESSION_RE = regex(r"(?:\\[A-Za-z]+|sqrt|log|ln|exp|sin|cos|tan|pi|e\^|[0-9.+\-*/^{}()\[\]·× ])+")
"""A run of number-like tokens; single tokens repeated, each told apart by its first character."""
_SCALAR_COMMANDS = regex(r"\\(?:d?frac|tfrac|sqrt|log|ln|exp|sin|cos|tan|pi|cdot|times|left|right)\b")


def scalar_spans(sentence: str) -> list[tuple[int, int]]:
    """Where a sentence may state a scalar: times first, then number-like runs."""
    spans = [m.span() for m in _TIME_RE.finditer(sentence)]
    for m in _EXPRESSION_RE.finditer(sentence):
        text = m.group(0)
        if not any(c.isdigit() for c in text) and "pi" not in text:
            continue
        stripped = _SCALAR_COMMANDS.sub("", text)
        if re.search(r"\\[A-Za-z]", stripped):
            continue  # some other command: not a scalar expression
        lead = len(text) - len(text.lstrip(" +*/^·×."))
        trail = len(text.rstrip(" +-*/^·×."))
        if trail > lead:
            spans.append((m.start() + lead, m.start() + trail))
    return spans


class ScalarEquivCheck(CheckSpec):
    type: Literal["scalar_equiv"] = "scalar_equiv"
    reference: str
    """A scalar expression (`\\frac{341}{26}`, `\\sqrt{2}/2`, `e^{2}`) or a time (`5 min 41 s`)."""
    rounded: bool = True
    """A decimal the answer writes matches the reference rounded to as many decimals."""
    context: list[str] = Field(default_factory=list)
    """Optional words that must occur in the same sentence."""

    def run(self, ctx: CheckContext) -> CheckResult:
        from ..algebra import Deadline, MathError
        from ..algebra.scalars import Scalar, read_scalar, same_value, scalar_text

        try:
            reference = read_scalar(self.reference)
        except MathError as exc:
            return self.unscored(f"reference {self.reference!r} cannot be read: {exc.message}")
        deadline = Deadline()
        contexts = [compile_phrase(c) for c in self.context]
        try:
            for s in analyse(ctx.answer, ctx.question).sentences:
                if contexts and not any(c.search(s.text) for c in contexts):
                    continue
                for start, end in scalar_spans(s.text):
                    if negation_kind(s, start, end) is not None:
                        continue
                    try:
                        found = read_scalar(s.text[start:end], deadline)
                    except MathError as exc:
                        if exc.status == "limit" and deadline.expired:
                            raise
                        continue
                    if not self.rounded:
                        found = Scalar(found.value)
                    if same_value(reference, found, deadline):
                        formula = Formula(scalar_text(reference), scalar_text(found), "equivalent", "scalar")
                        message = f"equal to {self.reference} (symbolic)"
                        return self.passed(s.text[start:end], message, formulas=(formula,))
        except MathError:
            return self.unscored("time limit: the answer's numbers took too long to compare")
        formula = Formula(scalar_text(reference), None, "not_equivalent", "scalar")
        return self.failed(None, self.feedback or f"no value equal to {self.reference}", formulas=(formula,))
