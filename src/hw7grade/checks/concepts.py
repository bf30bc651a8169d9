"""`concepts`: groups of phrases with synonyms, matched on word boundaries (q7a, q8b, q3b.ii)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..text.analysis import analyse, first_stated_each
from ..text.phrases import PhraseSet
from .base import CheckContext, CheckResult, CheckSpec


class Concept(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    name: str
    phrases: list[str] = Field(min_length=1)
    """Synonyms; any one present (not negated, not copied from the question) means the concept is
    there. A trailing `*` matches any word ending (`orthonormal*`); `A ... B` means A then B within
    one sentence."""
    denied: list[str] = Field(default_factory=list)
    """Phrases that state the concept when negated: "same length" for "the lengths differ" ("they
    need not have the same length"); asserted, they do not state it."""
    essential: bool = False
    """The check does not pass without this concept, however many others are found: q8b's
    balancing between the factors is the argument; "singular values" and "near 1" alone are not."""

    @field_validator("phrases", "denied")
    @classmethod
    def _phrases_can_match(cls, phrases: list[str]) -> list[str]:
        """A phrase with no words (empty, "...", "-") is a load error, not a check that never fires."""
        PhraseSet.check(phrases)
        return phrases


class ConceptsCheck(CheckSpec):
    type: Literal["concepts"] = "concepts"
    concepts: list[Concept] = Field(min_length=1)
    require: Literal["all", "any"] | int = "all"
    """How many concepts must be present: all of them, any one, or at least N."""
    partial: bool = False
    """If true and the requirement is not met, earn points in proportion to concepts found."""
    carries_over: bool = False
    """Steps of a derivation: in a final answer that follows another attempt ("you only did one
    condition?" -> "Here's the second"), a concept the attempt before it stated still counts."""

    @model_validator(mode="after")
    def _require_fits(self) -> "ConceptsCheck":
        if isinstance(self.require, int) and not 1 <= self.require <= len(self.concepts):
            raise ValueError(
                f"require: {self.require} must be between 1 and the number of concepts ({len(self.concepts)})"
            )
        return self

    @property
    def needed(self) -> int:
        if self.require == "all":
            return len(self.concepts)
        if self.require == "any":
            return 1
        return int(self.require)

    def run(self, ctx: CheckContext) -> CheckResult:
        a = analyse(ctx.answer, ctx.question)
        found: list[str] = []
        missing: list[str] = []
        groups = [(c.phrases, c.denied) for c in self.concepts]
        hits = first_stated_each(groups, a)
        if self.carries_over and ctx.before and None in hits:
            before = first_stated_each(groups, analyse(ctx.before, ctx.question))
            hits = [hit or kept for hit, kept in zip(hits, before)]
        for c, hit in zip(self.concepts, hits):
            if hit is None:
                missing.append(c.name)
            else:
                found.append(f"{c.name}: {hit.text}")
        evidence = " | ".join(found) or None
        lacks_essential = any(c.essential and c.name in missing for c in self.concepts)
        if len(found) >= self.needed and not lacks_essential:
            return self.passed(evidence, f"found {len(found)} of {len(self.concepts)} concepts")
        # Without an essential concept the rest can earn at most all but one share.
        earned = min(len(found), self.needed - 1) if lacks_essential else len(found)
        points = self.points * earned / self.needed if self.partial else 0.0
        return self.failed(evidence, "missing: " + ", ".join(missing), points=points)
