"""`concepts`: groups of phrases with synonyms, matched on word boundaries (q7a, q8b, q3b.ii)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .base import CheckContext, CheckResult, CheckSpec


class Concept(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    phrases: list[str] = Field(min_length=1)
    """Synonyms; any one present (not negated, not copied from the question) means the concept is
    there. A trailing `*` matches any word ending (`orthonormal*`); `A ... B` means A then B within
    one sentence."""


class ConceptsCheck(CheckSpec):
    type: Literal["concepts"] = "concepts"
    concepts: list[Concept] = Field(min_length=1)
    require: Literal["all", "any"] | int = "all"
    """How many concepts must be present: all of them, any one, or at least N."""
    partial: bool = False
    """If true and the requirement is not met, earn points in proportion to concepts found."""

    def run(self, ctx: CheckContext) -> CheckResult:
        raise NotImplementedError
