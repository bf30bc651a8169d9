"""`stance`: the answer's yes/no position (q8b)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from ..textmatch import Sentence, analyse, find_phrase, strip_decoration
from .base import CheckContext, CheckResult, CheckSpec

_ANSWER_PREFIX_RE = re.compile(
    r"^(?:(?:the\s+)?(?:final|short|correct|my|overall)\s+)?(?:answer|verdict|conclusion)s?\s*(?:is\s*)?[:：—-]?\s*",
    re.I,
)
_LEADING_RE = re.compile(r"^(yes|no)\b(?=\s*(?:$|[,.;:!—)\-]|\s+\w))", re.I)
_NO_NOUN_RE = re.compile(r"^no\s+(?!it\b|the\s+\w+\s+(?:does|is|will)|because|since|—|-)\w", re.I)
""""No regularisation is needed" opens with a determiner, not with a stance."""
_INLINE_RE = re.compile(r"\b(?:answer|verdict)\s+is\s*:?\s*(yes|no)\b", re.I)


def _leading(sentence: Sentence) -> tuple[str, int] | None:
    """The stance a sentence opens with ("Yes, ...", "✓ Answer: No.", "The answer is yes")."""
    body = strip_decoration(sentence.text)
    body = _ANSWER_PREFIX_RE.sub("", body, count=1).lstrip(" *\"'")
    m = _LEADING_RE.match(body)
    if m and not (m.group(1).casefold() == "no" and _NO_NOUN_RE.match(body)):
        return m.group(1).casefold(), 0
    inline = _INLINE_RE.search(sentence.text)
    if inline:
        return inline.group(1).casefold(), inline.start()
    return None


class StanceCheck(CheckSpec):
    type: Literal["stance"] = "stance"
    expected: Literal["yes", "no"]
    yes_phrases: list[str] = Field(default_factory=list)
    """Extra phrasings of "yes" for this question ("does induce a bias")."""
    no_phrases: list[str] = Field(default_factory=list)

    def _events(self, sentences: tuple[Sentence, ...]) -> list[tuple[int, int, str, str]]:
        """(sentence index, offset, stance, evidence) for every stance statement, in any order.

        A negated yes-phrase ("does not induce a bias") states "no"; a negated no-phrase states nothing."""
        events: list[tuple[int, int, str, str]] = []
        for s in sentences:
            if s.rejected or s.text.rstrip().endswith("?"):
                continue
            lead = _leading(s)
            if lead:
                events.append((s.index, lead[1], lead[0], s.text))
        for phrases, stance in ((self.yes_phrases, "yes"), (self.no_phrases, "no")):
            for phrase in phrases:
                for hit in find_phrase(phrase, sentences):
                    if hit.negation is None:
                        events.append((hit.sentence.index, hit.start, stance, hit.sentence.text))
                    elif hit.negation == "negated" and stance == "yes":
                        events.append((hit.sentence.index, hit.start, "no", hit.sentence.text))
        return events

    def run(self, ctx: CheckContext) -> CheckResult:
        events = self._events(analyse(ctx.answer, ctx.question).sentences)
        if not events:
            return self.failed(None, "no yes/no position found")
        _, _, stance, evidence = min(events)
        if stance == self.expected:
            return self.passed(evidence, f"answers {stance}")
        return self.failed(evidence, f"answers {stance}, expected {self.expected}")
