"""`shown`: a step claimed "by symmetry", "analogously" or "in the same way", with no equation to
show it, caps the part's points (q3b.ii asks for both conditions checked, not one and a wave)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ..text.analysis import analyse
from ..text.waving import waved_steps
from .base import CheckContext, CheckResult, CheckSpec


class ShownCheck(CheckSpec):
    type: Literal["shown"] = "shown"
    cap: float = Field(ge=0)
    """The most points the part may earn when a step is waved through."""

    counts_toward_total: ClassVar[bool] = False

    def run(self, ctx: CheckContext) -> CheckResult:
        waved = waved_steps(analyse(ctx.answer, ctx.question))
        if not waved:
            return self.passed(None, "every step claimed is shown")
        message = "claims a step without showing it" + (f": {self.feedback}" if self.feedback else "")
        return self.failed(" | ".join(s.text for s in waved), message, cap=self.cap)
