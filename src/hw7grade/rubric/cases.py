"""Rubric self-tests: known answers per part (`rubrics/cases/*.yaml`) and what each must score.

Every part needs at least one answer that must earn full marks and one that must not, so a rubric
edit that starts failing right answers (or passing wrong ones) shows up as a surprise. Each answer
is graded the way a chat is: one assistant turn, after a user line that names the part, so the
whole answer goes to that part.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..conversation import Conversation, Turn
from ..errors import RubricError
from ..report.numbers import num
from ..results import PartScore
from .model import Rubric

CASES_DIRNAME = "cases"
SCORE_EPSILON = 1e-9


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    part: str
    name: str
    answer: str = Field(min_length=1)
    expect: Literal["full", "not_full"] | None = None
    verdict: Literal["correct", "partial", "incorrect"] | None = None
    min_score: float | None = Field(default=None, ge=0)
    max_score: float | None = Field(default=None, ge=0)
    why: str = ""
    """What the case is about (shown when it fails)."""

    @model_validator(mode="after")
    def _has_expectation(self) -> "Case":
        if self.expect is None and self.verdict is None and self.min_score is None and self.max_score is None:
            raise ValueError("a case needs at least one of expect, verdict, min_score, max_score")
        return self

    @property
    def must_be_full(self) -> bool:
        return self.expect == "full" or self.verdict == "correct"

    @property
    def must_not_be_full(self) -> bool:
        return self.expect == "not_full" or self.verdict in ("partial", "incorrect")


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cases: list[Case] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedCase:
    file: Path
    case: Case


@dataclass(frozen=True)
class CaseOutcome:
    loaded: LoadedCase
    score: PartScore | None
    problems: tuple[str, ...]
    """Why the case is a surprise; empty when the rubric graded it as expected."""

    @property
    def ok(self) -> bool:
        return not self.problems


def default_cases_dir(rubric_dir: Path) -> Path:
    return Path(rubric_dir) / CASES_DIRNAME


def load_cases(directory: Path, rubric: Rubric) -> list[LoadedCase]:
    import yaml

    directory = Path(directory)
    if not directory.is_dir():
        raise RubricError(f"Rubric cases folder {directory} does not exist; pass --cases DIR.")
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise RubricError(f"No rubric case files (*.yaml) in {directory}.")
    known = {p.id for p in rubric.parts}
    loaded: list[LoadedCase] = []
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise RubricError(f"{path}: cannot read case file ({exc.__class__.__name__}).") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise RubricError(f"{path}: not valid YAML{f' at line {mark.line + 1}' if mark else ''}.") from None
        try:
            parsed = CaseFile.model_validate(data)
        except ValidationError as exc:
            raise RubricError(f"{path}: {_describe(exc)}.") from None
        for i, case in enumerate(parsed.cases):
            if case.part not in known:
                raise RubricError(f"{path}: case #{i + 1} ({case.name!r}) names unknown part {case.part!r}.")
            loaded.append(LoadedCase(path, case))
    return loaded


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = list(first["loc"])
    where = []
    if len(loc) >= 2 and loc[0] == "cases" and isinstance(loc[1], int):
        where.append(f"case #{loc[1] + 1}")
        loc = loc[2:]
    if loc:
        where.append("field " + ".".join(str(x) for x in loc))
    return f"{', '.join(where) or 'top level'}: {first['msg']}"


def coverage_gaps(rubric: Rubric, cases: list[LoadedCase], part_ids: list[str] | None = None) -> list[str]:
    """Parts missing a must-be-full or a must-not-be-full case."""
    gaps = []
    for part_id in part_ids or [p.id for p in rubric.parts]:
        mine = [c.case for c in cases if c.case.part == part_id]
        if not any(c.must_be_full for c in mine):
            gaps.append(f"{part_id} has no case that must earn full marks")
        if not any(c.must_not_be_full for c in mine):
            gaps.append(f"{part_id} has no case that must not earn full marks")
    return gaps


def grade_case(rubric: Rubric, case: Case) -> PartScore | None:
    from ..grading.score import grade_conversation

    conversation = Conversation(
        turns=(Turn("user", f"Answer {case.part}."), Turn("assistant", case.answer)),
        source=f"case {case.name}",
        format="rubric-case",
        metadata={"parts": [case.part]},
    )
    result = grade_conversation(conversation, rubric, only=[case.part])
    return result.attempt(case.part, "final")


def check_case(case: Case, score: PartScore | None) -> tuple[str, ...]:
    if score is None or score.verdict == "missing":
        return (f"the grader found no answer to {case.part} in the case",)
    got = f"{num(score.score)}/{num(score.max_score)} ({score.verdict})"
    full = score.score >= score.max_score - SCORE_EPSILON
    problems = []
    if case.expect == "full" and not full:
        problems.append(f"expected full marks, got {got}")
    if case.expect == "not_full" and full:
        problems.append(f"expected less than full marks, got {got}")
    if case.verdict is not None and score.verdict != case.verdict:
        problems.append(f"expected verdict {case.verdict}, got {got}")
    if case.min_score is not None and score.score < case.min_score - SCORE_EPSILON:
        problems.append(f"expected at least {case.min_score:g}, got {got}")
    if case.max_score is not None and score.score > case.max_score + SCORE_EPSILON:
        problems.append(f"expected at most {case.max_score:g}, got {got}")
    return tuple(problems)


def run_cases(rubric: Rubric, cases: list[LoadedCase]) -> list[CaseOutcome]:
    outcomes = []
    for loaded in cases:
        score = grade_case(rubric, loaded.case)
        outcomes.append(CaseOutcome(loaded, score, check_case(loaded.case, score)))
    return outcomes


def run_rubric_tests(rubric_dir: Path | None, cases_dir: Path | None, verbose: bool = False) -> int:
    """`hw7grade rubrics test`: print the surprises (every case with verbose); 1 if any, else 0."""
    from rich.markup import escape
    from rich.table import Table

    from ..report import terminal as _terminal
    from .location import default_rubric_dir
    from .model import load_rubric

    rubric_dir = Path(rubric_dir) if rubric_dir else default_rubric_dir()
    rubric = load_rubric(rubric_dir)
    cases = load_cases(cases_dir or default_cases_dir(rubric_dir), rubric)
    outcomes = run_cases(rubric, cases)
    gaps = coverage_gaps(rubric, cases)
    console = _terminal.console()
    shown = [o for o in outcomes if verbose or not o.ok]
    if shown:
        table = Table(title="Rubric cases", title_justify="left")
        for column in ("part", "case", "expected", "got", ""):
            table.add_column(column)
        for o in shown:
            c = o.loaded.case
            got = "–" if o.score is None else f"{num(o.score.score)}/{num(o.score.max_score)} {o.score.verdict}"
            table.add_row(
                c.part, escape(c.name), _expectation(c), got, "[green]ok[/green]" if o.ok else "[red]SURPRISE[/red]"
            )
        console.print(table)
    for o in outcomes:
        if o.ok:
            continue
        c = o.loaded.case
        console.print(
            f"[red]✗[/red] {escape(str(o.loaded.file))}: {c.part} {escape(c.name)!r}: {escape('; '.join(o.problems))}"
        )
        if c.why:
            console.print(f"    why this case: {escape(c.why)}", highlight=False)
        if o.score is not None:
            for check in o.score.checks:
                evidence = f' — "{escape(check.evidence)}"' if check.evidence else ""
                console.print(
                    f"    {escape(check.name)}: {check.status} {num(check.points)}/{num(check.max_points)}{evidence}"
                    f"{' — ' + escape(check.message) if check.message else ''}",
                    highlight=False,
                )
    for gap in gaps:
        console.print(f"[red]✗[/red] missing case: {gap}")
    failed = sum(1 for o in outcomes if not o.ok)
    console.print(
        f"{len(outcomes) - failed}/{len(outcomes)} case(s) as expected over {len(rubric.parts)} part(s)"
        f"{f'; {len(gaps)} coverage gap(s)' if gaps else ''}.",
        highlight=False,
    )
    return 1 if failed or gaps else 0


def _expectation(case: Case) -> str:
    bits = [
        case.expect.replace("_", " ") if case.expect else "",
        case.verdict or "",
        f">= {case.min_score:g}" if case.min_score is not None else "",
        f"<= {case.max_score:g}" if case.max_score is not None else "",
    ]
    return ", ".join(b for b in bits if b)


__all__ = [
    "Case",
    "CaseFile",
    "CaseOutcome",
    "LoadedCase",
    "check_case",
    "coverage_gaps",
    "default_cases_dir",
    "grade_case",
    "load_cases",
    "run_cases",
    "run_rubric_tests",
]
