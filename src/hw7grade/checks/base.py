"""What every check shares: its rubric spec (pydantic), its input (`CheckContext`) and its result.

A check is one pydantic model per type, in its own module, with a `run(ctx) -> CheckResult`
method that is a pure function of the spec and the answer text. Register new types in
`hw7grade/checks/__init__.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["passed", "failed", "unscored"]


@dataclass(frozen=True)
class CheckContext:
    """The answer to one part, plus what a check may need besides the text."""

    answer: str
    question: str = ""
    """What the user asked with; text the answer copies from it is not the model's claim."""
    part_id: str = ""
    shapes: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Matrix symbol -> (rows, cols) dimension names, from the rubric file (`shapes:`)."""
    earlier: str = ""
    """The chat's text up to this answer's turn: shorthand the model or the user set up there ("let
    Σ = XXᵀ" in part (i)) still means the same in this answer, unless the answer redefines it."""
    before: str = ""
    """The attempt this final answer follows (empty for a first answer): a check that grades
    statements one by one may credit one this answer leaves out ("Here's condition 2 as well")."""


@dataclass(frozen=True)
class Formula:
    """A formula a math check compared, kept so a report can show it (and explain a miss) later
    without the answer or sympy at grading time. Both sides are in our own canonical rendering
    (`Statement.canonical` for matrices, `scalar_text` for scalars), which our parser reads back."""

    expected: str
    found: str | None = None
    """The answer's closest statement; None when it states none that could be read."""
    status: str = ""
    """The comparison's verdict (`equivalent`, `not_equivalent`, `scalar_multiple`, ...)."""
    kind: Literal["matrix", "scalar"] = "matrix"
    shapes: tuple[tuple[str, str, str], ...] = ()
    """(name, rows, cols) of the matrices the two mention, as the check read them."""


def matrix_formula(expected: str, found: str | None, status: str, shapes: Mapping[str, tuple[str, str]]) -> Formula:
    """A matrix Formula carrying the shapes of the names its two sides mention."""
    text = expected + " " + (found or "")
    used = tuple((name, rows, cols) for name, (rows, cols) in sorted(shapes.items()) if _mentions(text, name))
    return Formula(expected, found or None, status, "matrix", used)


def _mentions(text: str, name: str) -> bool:
    """Whether the canonical text names the matrix: `W_1` as written there, not inside `W_12`."""
    from ..algebra.nodes import Sym, canonical

    spelled = canonical(Sym(name))
    at = text.find(spelled)
    while at >= 0:
        end = at + len(spelled)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(spelled, at + 1)
    return False


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    points: float
    max_points: float
    evidence: str | None = None
    """The span of answer text the verdict rests on (None when nothing matched)."""
    message: str = ""
    cap: float | None = None
    """When set, the part's score may not exceed this many points (a forbidden claim fired)."""
    formulas: tuple[Formula, ...] = ()
    """What a math check compared (expected and found), for views to show; () for other checks."""


class CheckSpec(BaseModel):
    """Fields every check has in a rubric file. Subclasses add their own and set `type`."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    type: str
    name: str = ""
    """Unique within the part; defaults to the type."""
    points: float = Field(default=0.0, ge=0)
    feedback: str = ""
    """Shown when the check does not pass: what a correct answer would have done."""
    requires: list[str] = Field(default_factory=list)
    """Names of checks in the same part that must pass for this one to earn points."""

    shows_an_answer: ClassVar[bool] = True
    """False for checks whose evidence is no sign that a reply answers the part (a word count)."""
    reads_any_answer: ClassVar[bool] = False
    """True for checks that find the answer whether it is right or wrong (a sequence, a pick, a
    yes/no): a reply they find nothing in states no answer. Concept checks see right answers only."""
    counts_toward_total: ClassVar[bool] = True
    """False for checks that only cap a part (forbidden): their points are not part of the total."""

    @property
    def label(self) -> str:
        return self.name or self.type

    def run(self, ctx: CheckContext) -> CheckResult:  # pragma: no cover - abstract
        raise NotImplementedError

    # Small constructors so every check reports the same way.
    def passed(
        self, evidence: str | None, message: str = "", points: float | None = None, formulas: tuple[Formula, ...] = ()
    ) -> CheckResult:
        return CheckResult(
            self.label,
            "passed",
            self.points if points is None else points,
            self.points,
            evidence,
            message,
            formulas=formulas,
        )

    def failed(
        self,
        evidence: str | None,
        message: str = "",
        points: float = 0.0,
        cap: float | None = None,
        formulas: tuple[Formula, ...] = (),
    ) -> CheckResult:
        return CheckResult(self.label, "failed", points, self.points, evidence, message or self.feedback, cap, formulas)

    def unscored(self, reason: str, evidence: str | None = None) -> CheckResult:
        return CheckResult(self.label, "unscored", 0.0, self.points, evidence, reason)
