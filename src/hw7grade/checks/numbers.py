"""`numbers`: required values with units and tolerance (341 s, 26 s, 94%) (q4a)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .base import CheckContext, CheckResult, CheckSpec


class Quantity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float
    unit: str | None = None
    """Canonical unit: "s" (also matches seconds, sec, and minutes converted), "%" ..."""
    tolerance: float = Field(default=0.0, ge=0)
    """Absolute tolerance in the canonical unit."""
    label: str = ""
    """What the value is, for messages ("baseline time")."""
    context: list[str] = Field(default_factory=list)
    """Optional words that must occur in the same sentence (e.g. ["baseline", "started", "DAWNBench"])."""


class NumbersCheck(CheckSpec):
    type: Literal["numbers"] = "numbers"
    values: list[Quantity] = Field(min_length=1)
    partial: bool = False
    """If true, earn points in proportion to the values found; otherwise all or nothing."""

    def run(self, ctx: CheckContext) -> CheckResult:
        raise NotImplementedError
