"""`forbidden`: claims that reveal a wrong answer (ImageNet, ResNet-50 ...) cap the part's points."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ..text.analysis import analyse, first_stated_each
from .base import CheckContext, CheckResult, CheckSpec
from .concepts import Concept


class ForbiddenCheck(CheckSpec):
    type: Literal["forbidden"] = "forbidden"
    claims: list[Concept] = Field(min_length=1)
    """Each a wrong claim with its phrasings; a claim only mentioned to reject it does not count."""
    cap: float = Field(default=0.0, ge=0)
    """The most points the part may earn once any claim is asserted (0 removes them all)."""

    counts_toward_total: ClassVar[bool] = False

    def run(self, ctx: CheckContext) -> CheckResult:
        a = analyse(ctx.answer, ctx.question)
        hits = first_stated_each([(c.phrases, c.denied) for c in self.claims], a)
        asserted = [(c.name, hit) for c, hit in zip(self.claims, hits) if hit is not None]
        if not asserted:
            return self.passed(None, "no wrong claim asserted")
        # Several claims often sit in one sentence ("ResNet-50 on ImageNet for 14 days"): quote it once.
        evidence = " | ".join(dict.fromkeys(hit.sentence.text for _, hit in asserted))
        names = ", ".join(name for name, _ in asserted)
        message = f"asserts a wrong claim ({names})" + (f": {self.feedback}" if self.feedback else "")
        return self.failed(evidence, message, cap=self.cap)
