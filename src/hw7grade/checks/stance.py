"""`stance`: the answer's yes/no position (q8b)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import CheckContext, CheckResult, CheckSpec


class StanceCheck(CheckSpec):
    type: Literal["stance"] = "stance"
    expected: Literal["yes", "no"]
    yes_phrases: list[str] = Field(default_factory=list)
    """Extra phrasings of "yes" for this question ("does induce a bias")."""
    no_phrases: list[str] = Field(default_factory=list)

    def run(self, ctx: CheckContext) -> CheckResult:
        raise NotImplementedError
