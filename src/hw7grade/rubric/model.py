"""Rubric files (`rubrics/*.yaml`): pydantic models and loading.

Loading is the only I/O here; everything downstream takes `Rubric` values. A typo in a rubric
fails at load time with the file, the part and the field named.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

if TYPE_CHECKING:
    # mypy cannot read the discriminated union checks/__init__.py builds from CHECK_TYPES;
    # every member is a CheckSpec.
    from ..checks.base import CheckSpec as AnyCheck
else:
    from ..checks import AnyCheck
from ..errors import RubricError
from ..judge.criteria import Criterion, criteria_problem
from .course import Course, default_course
from .location import RUBRICS_ENV, default_rubric_dir
from .problems import MAX_RUBRIC_BYTES as MAX_RUBRIC_BYTES  # re-exported
from .problems import describe_errors, read_yaml_mapping
from .selection import PART_ID_RE, question_of, select


class Part(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    id: str
    title: str
    points: float = Field(gt=0, allow_inf_nan=False)
    prompt: str
    """What `ask` sends to a model: the question in the project's own words."""
    reference: str
    """The reference answer, shown by `rubrics show` and given to judges."""
    cues: list[str] = Field(default_factory=list)
    """Phrases that identify this part in text with no part markers (plain pasted answers)."""
    checks: list[AnyCheck] = Field(min_length=1)
    judge: bool = False
    """True: `--judge MODEL` may score this part's `criteria` (see the README's judge section)."""
    criteria: list[Criterion] = Field(default_factory=list)
    hint: str = ""
    """A follow-up that points at the mistake without giving the answer (`ask --follow-up-from-rubric`)."""

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not PART_ID_RE.match(value):
            raise ValueError(f"part id {value!r} must look like q7b or q3b.ii")
        return value

    @model_validator(mode="after")
    def _checks_add_up(self) -> "Part":
        problem = _bad_value(self.model_dump(include={"cues", "checks", "criteria"}), ())
        if problem:
            raise ValueError(problem)
        names = [c.label for c in self.checks]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"check names must be unique within a part; repeated: {', '.join(dupes)}")
        for check in self.checks:
            unknown = [r for r in check.requires if r not in names or r == check.label]
            if unknown:
                raise ValueError(f"check {check.label!r} requires unknown check(s): {', '.join(unknown)}")
        total = sum(c.points for c in self.checks if c.counts_toward_total)
        if abs(total - self.points) > 1e-9:
            raise ValueError(f"check points add up to {total:g} but the part is worth {self.points:g}")
        problem = criteria_problem(self.judge, self.criteria, self.checks)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def question(self) -> str:
        """`q3b.ii` -> `q3`, `q7b` -> `q7`."""
        return question_of(self.id)


class RubricFile(BaseModel):
    """One question's file, e.g. `rubrics/q7.yaml`."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    question: str
    title: str
    points_note: str = ""
    """Where the points come from (the homework, or the project's choice and why)."""
    context: str = ""
    """The question's shared setup in the project's own words: `ask` sends it before any of its parts,
    which otherwise begin "Same translator, ..." with the translator never described."""
    shapes: dict[str, tuple[str, str]] = Field(default_factory=dict)
    """Matrix symbol -> (rows, cols) dimension names, for the algebra checks."""
    cues: list[str] = Field(default_factory=list)
    """Names of the question as a whole ("How to Train Your ResNet", "veo un perro"): a user turn that
    names no question number but one of these places its relative labels ("part (c)") here. They
    ask no part by themselves."""
    parts: list[Part] = Field(min_length=1)

    @field_validator("cues")
    @classmethod
    def _cues_can_match(cls, cues: list[str]) -> list[str]:
        """A cue with no words is a load error, not one that places every turn."""
        from ..text.phrases import PhraseSet

        PhraseSet.check(cues)
        return cues

    @field_validator("shapes")
    @classmethod
    def _sizes_within_limit(cls, shapes: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
        from ..algebra.limits import MAX_DECLARED_DIM

        for name, dims in shapes.items():
            for dim in dims:
                if dim.strip().isdigit() and (len(dim.strip()) > 3 or int(dim) > MAX_DECLARED_DIM):
                    raise ValueError(
                        f"{name}: a numeric dimension may be at most {MAX_DECLARED_DIM} (it sizes test matrices)"
                    )
        return shapes


class Rubric(BaseModel):
    """All questions' parts, in order, with shapes per part's question."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    files: tuple[RubricFile, ...]
    course: Course = Field(default_factory=default_course)
    directory: Path | None = None
    """The folder the files came from (None when built in code)."""

    @property
    def parts(self) -> list[Part]:
        return [p for f in self.files for p in f.parts]

    def part(self, part_id: str) -> Part:
        for p in self.parts:
            if p.id == part_id:
                return p
        raise RubricError(f"Unknown part {part_id!r}; run `hw7grade rubrics` to list the part ids.")

    def question_cues(self) -> dict[str, Sequence[str]]:
        """Question id (`q4`) -> the names of the question as a whole (see `RubricFile.cues`)."""
        return {f.question: tuple(f.cues) for f in self.files if f.cues}

    def context_for(self, part_id: str) -> str:
        """The shared setup of the question this part belongs to ("" when its file has none)."""
        for f in self.files:
            if any(p.id == part_id for p in f.parts):
                return " ".join(f.context.split())
        return ""

    def shapes_for(self, part_id: str) -> dict[str, tuple[str, str]]:
        """The course's shapes, with the part's file's own on top."""
        for f in self.files:
            if any(p.id == part_id for p in f.parts):
                return {**self.course.shapes, **f.shapes}
        return dict(self.course.shapes)

    def select(self, prefixes: Iterable[str] | None) -> list[Part]:
        """Parts whose id starts with any prefix (`q7`, `q3b`, `q8a.ii`); `all`/None = every part."""
        return select(self.parts, prefixes)


_POINT_FIELDS = ("points", "cap", "scalar_multiple_points", "tolerance")


def _bad_value(value: object, path: tuple[str, ...]) -> str | None:
    """The first non-finite or negative number or empty phrase in a part's checks, cues and
    criteria, as `field PATH: problem`. An empty phrase would match every answer."""
    import math

    where = "field " + ".".join(path)
    if isinstance(value, float) and not math.isfinite(value):
        return f"{where}: {value} is not a finite number"
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and path
        and path[-1] in _POINT_FIELDS
        and value < 0
    ):
        return f"{where}: {value:g} is negative"
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and not key.strip():
                return f"{where}: an empty key"
            found = _bad_value(item, (*path, str(key)))
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            label = str(item["name"]) if isinstance(item, dict) and item.get("name") else str(index + 1)
            if isinstance(item, str) and not item.strip():
                return f"{where}[{index + 1}]: an empty phrase (it would match every answer)"
            found = _bad_value(item, (*path[:-1], f"{path[-1]}[{label}]") if path else (label,))
            if found:
                return found
    return None


def validation_problems(error: ValidationError, data: object) -> list[str]:
    """Every problem in a rubric file, each as `part ID, field F: message (hint)`."""
    return describe_errors(error, data, _CHECK_TAGS, _FIELD_NAMES)


def _check_tags() -> set[str]:
    from ..checks import CHECK_TYPES

    return {c.model_fields["type"].default for c in CHECK_TYPES}


def _field_names() -> list[str]:
    from ..checks import CHECK_TYPES

    models: list[type[BaseModel]] = [RubricFile, Part, Criterion, Course, *CHECK_TYPES]
    return sorted({name for m in models for name in m.model_fields})


_CHECK_TAGS = _check_tags()
_FIELD_NAMES = _field_names()


def load_rubric_file(path: Path) -> RubricFile:
    """One validated rubric file; its error names every problem in it, one per line."""
    data = read_yaml_mapping(path, "a rubric file must be a mapping with `question`, `title` and `parts`")
    try:
        return RubricFile.model_validate(data)
    except ValidationError as exc:
        raise RubricError("\n".join(f"{path}: {p}." for p in validation_problems(exc, data))) from None


def rubric_files(directory: Path) -> list[Path]:
    """Every `*.yaml` in the folder but the course file, in natural order (q3b before q10)."""
    from .course import COURSE_FILE

    found = [p for p in directory.glob("*.yaml") if p.name != COURSE_FILE and not p.name.startswith(".")]
    return sorted(found, key=lambda p: _natural_key(p.stem))


def load_rubric(directory: Path | None = None) -> Rubric:
    """All rubric files of the folder, and its course file. Every file is checked before failing,
    so one error lists the problems of all of them."""
    from .course import load_course

    directory = Path(directory) if directory else default_rubric_dir()
    if not directory.is_dir():
        raise RubricError(f"Rubric folder {directory} does not exist; pass --rubrics DIR or set {RUBRICS_ENV}.")
    files = rubric_files(directory)
    if not files:
        raise RubricError(f"No rubric files (*.yaml) in {directory}.")
    problems: list[str] = []
    loaded: list[tuple[Path, RubricFile]] = []
    for path in files:
        try:
            loaded.append((path, load_rubric_file(path)))
        except RubricError as exc:
            problems.append(str(exc))
    try:
        course = load_course(directory)
    except RubricError as exc:
        problems.append(str(exc))
    seen: dict[str, Path] = {}
    for path, rubric_file in loaded:
        for part in rubric_file.parts:
            if part.id in seen:
                problems.append(f"{path}: part {part.id} is already defined in {seen[part.id]}.")
            seen[part.id] = path
    if problems:
        raise RubricError("\n".join(problems))
    return Rubric(files=tuple(f for _, f in loaded), course=course, directory=directory)


def _natural_key(text: str) -> list[object]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]
