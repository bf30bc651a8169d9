"""`sequence`: an ordered token sequence such as the decoder inputs w1..w5 (q7b, q7c)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import CheckContext, CheckResult, CheckSpec


class SequenceCheck(CheckSpec):
    type: Literal["sequence"] = "sequence"
    expected: list[str] = Field(min_length=1)
    """Canonical tokens in order, e.g. ["<sos>", "I", "see", "a", "dog"]."""
    aliases: dict[str, list[str]] = Field(default_factory=dict)
    """Canonical token -> other spellings (`<sos>`: [`<BOS>`, `<s>`, `<start>`, `[SOS]`])."""
    slot_prefix: str = "w"
    """Answers may name positions `w1 = ...`, `w_1`, `w₁`; this is the letter before the index."""
    case_sensitive: bool = False

    def run(self, ctx: CheckContext) -> CheckResult:
        raise NotImplementedError
