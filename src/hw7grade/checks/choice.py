"""`choice`: a single choice (q8a.i, q8a.ii) or a select-all set (q8a.iii)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .base import CheckContext, CheckResult, CheckSpec


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    """Canonical text of the option, e.g. "Weight Decay" or "2"."""
    aliases: list[str] = Field(default_factory=list)
    """Other ways an answer may name it ("weight_decay", "L2 penalty in the optimizer", "two")."""


class ChoiceCheck(CheckSpec):
    type: Literal["choice"] = "choice"
    options: list[Option] = Field(min_length=2)
    expected: list[str] = Field(min_length=1)
    """Labels of the correct option(s); for `select_all` the chosen set must equal this exactly."""
    select_all: bool = False

    def run(self, ctx: CheckContext) -> CheckResult:
        raise NotImplementedError
