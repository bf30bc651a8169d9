"""`word_count`: the answer's length is within a range (q4b, q4c: about 100 words)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import CheckContext, CheckResult, CheckSpec


class WordCountCheck(CheckSpec):
    type: Literal["word_count"] = "word_count"
    min: int = Field(ge=0)
    max: int = Field(ge=1)

    def run(self, ctx: CheckContext) -> CheckResult:
        raise NotImplementedError
