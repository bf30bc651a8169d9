"""`forbidden`: claims that reveal a wrong answer (ImageNet, ResNet-50 ...) cap the part's points."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from ..text.analysis import analyse, first_stated_each
from ..text.phrases import PhraseSet
from .base import CheckContext, CheckResult, CheckSpec
from .concepts import Concept


class ForbiddenCheck(CheckSpec):
    type: Literal["forbidden"] = "forbidden"
    claims: list[Concept] = Field(min_length=1)
    """Each a wrong claim with its phrasings; a claim only mentioned to reject it does not count."""
    cap: float = Field(default=0.0, ge=0)
    """The most points the part may earn once any claim is asserted (0 removes them all)."""
    disowned: list[str] = Field(default_factory=list)
    """Phrases by which a sentence places its claims elsewhere than the answer's subject ("... was
    fast.ai's ImageNet work, not in the series"): a claim in such a sentence is not asserted."""

    within: list[str] = Field(default_factory=list)
    """Phrases naming the setting a claim is wrong in ("training" for "the decoder reads its own
    predictions"): when given, a claim counts only in a sentence that names one of them."""

    @model_validator(mode="after")
    def _phrases_can_match(self) -> "ForbiddenCheck":
        for field, phrases in (("disowned", self.disowned), ("within", self.within)):
            if phrases:
                PhraseSet.build({field: tuple(phrases)})  # an empty phrase is a load error
        return self

    counts_toward_total: ClassVar[bool] = False

    def run(self, ctx: CheckContext) -> CheckResult:
        a = analyse(ctx.answer, ctx.question)
        # Sentences that place their claims elsewhere: where a disowning phrase is, whatever its polarity.
        disowning = PhraseSet.build({"disowned": tuple(self.disowned)}).find(a.text, a.starts)
        skip = frozenset(s.start for h in disowning if (s := a.sentence_at(h.start)) is not None)
        if self.within:
            naming = PhraseSet.build({"within": tuple(self.within)}).find(a.text, a.starts)
            inside = {s.start for h in naming if (s := a.sentence_at(h.start)) is not None}
            skip |= frozenset(s.start for s in a.sentences if s.start not in inside)
        hits = first_stated_each([(c.phrases, c.denied) for c in self.claims], a, skip, claims=True)
        asserted = [(c.name, hit) for c, hit in zip(self.claims, hits) if hit is not None]
        if not asserted:
            return self.passed(None, "no wrong claim asserted")
        # Several claims often sit in one sentence ("ResNet-50 on ImageNet for 14 days"): quote it once.
        evidence = " | ".join(dict.fromkeys(hit.sentence.text for _, hit in asserted))
        names = ", ".join(name for name, _ in asserted)
        message = f"asserts a wrong claim ({names})" + (f": {self.feedback}" if self.feedback else "")
        return self.failed(evidence, message, cap=self.cap)
