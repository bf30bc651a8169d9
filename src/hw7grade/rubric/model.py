"""Rubric files (`rubrics/*.yaml`): pydantic models and loading.

Loading is the only I/O here; everything downstream takes `Rubric` values. A typo in a rubric
fails at load time with the file, the part and the field named.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..checks import AnyCheck
from ..judge.criteria import Criterion, criteria_problem
from ..errors import RubricError
from .course import Course, default_course
from .location import RUBRICS_ENV, default_rubric_dir

PART_ID_RE = re.compile(r"^q\d+[a-z]?(\.[ivx]+)?$")


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    points: float = Field(gt=0)
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

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not PART_ID_RE.match(value):
            raise ValueError(f"part id {value!r} must look like q7b or q3b.ii")
        return value

    @model_validator(mode="after")
    def _checks_add_up(self) -> "Part":
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
        return re.match(r"q\d+", self.id).group(0)  # type: ignore[union-attr]


class RubricFile(BaseModel):
    """One question's file, e.g. `rubrics/q7.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str
    title: str
    points_note: str = ""
    """Where the points come from (the homework, or the project's choice and why)."""
    shapes: dict[str, tuple[str, str]] = Field(default_factory=dict)
    """Matrix symbol -> (rows, cols) dimension names, for the algebra checks."""
    parts: list[Part] = Field(min_length=1)


class Rubric(BaseModel):
    """All questions' parts, in order, with shapes per part's question."""

    model_config = ConfigDict(frozen=True)

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

    def shapes_for(self, part_id: str) -> dict[str, tuple[str, str]]:
        """The course's shapes, with the part's file's own on top."""
        for f in self.files:
            if any(p.id == part_id for p in f.parts):
                return {**self.course.shapes, **f.shapes}
        return dict(self.course.shapes)

    def select(self, prefixes: Iterable[str] | None) -> list[Part]:
        """Parts whose id starts with any prefix (`q7`, `q3b`, `q8a.ii`); `all`/None = every part."""
        wanted = [p.strip().lower() for p in (prefixes or []) if p.strip()]
        if not wanted or "all" in wanted:
            return self.parts
        chosen = [p for p in self.parts if any(_has_prefix(p.id, w) for w in wanted)]
        for w in wanted:
            if not any(_has_prefix(p.id, w) for p in self.parts):
                ids = ", ".join(p.id for p in self.parts)
                raise RubricError(f"No rubric part matches {w!r}; known parts: {ids}.")
        return chosen


def _has_prefix(part_id: str, prefix: str) -> bool:
    """q7 selects q7a, q8a selects q8a.i; but q8 is not q80 and q8a.i is not q8a.ii."""
    if part_id == prefix:
        return True
    if not part_id.startswith(prefix):
        return False
    following = part_id[len(prefix)]
    return following == "." or (prefix[-1].isdigit() and following.isalpha())


_HINTS = {
    "extra_forbidden": "not a field here; check its spelling (`hw7grade rubrics schema` lists the fields)",
    "missing": "add this field",
    "union_tag_invalid": "`hw7grade rubrics schema` lists the check types",
    "union_tag_not_found": "give the check a `type`",
}


def validation_problems(error: ValidationError, data: object) -> list[str]:
    """Every problem pydantic found, in file order, each as `part ID, field F: message (hint)`."""
    problems = []
    for item in error.errors():
        loc = list(item["loc"])
        where = []
        if len(loc) >= 2 and loc[0] == "parts" and isinstance(loc[1], int):
            where.append(f"part {_part_id(data, loc[1])}")
            loc = loc[2:]
        # pydantic puts the discriminator value into the path of a union member; drop it.
        field = ".".join(str(x) for x in loc if not (isinstance(x, str) and x in _CHECK_TAGS))
        if field:
            where.append(f"field {field}")
        message = item["msg"].removeprefix("Value error, ")
        hint = _hint(item, loc)
        problems.append(f"{', '.join(where) or 'top level'}: {message}" + (f" (hint: {hint})" if hint else ""))
    # A typo shows up twice (an unknown field and a missing one): the typo first.
    return sorted(problems, key=lambda p: "Extra inputs" not in p)


def _part_id(data: object, index: int) -> str:
    if isinstance(data, dict) and isinstance(data.get("parts"), list) and index < len(data["parts"]):
        item = data["parts"][index]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return item["id"]
    return f"#{index + 1}"


def _hint(item: dict, loc: list) -> str:
    hint = _HINTS.get(item["type"], "")
    if item["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
        import difflib

        close = difflib.get_close_matches(loc[-1], _FIELD_NAMES, n=1)
        if close:
            hint = f"did you mean `{close[0]}`?"
    return hint


def _check_tags() -> set[str]:
    from ..checks import CHECK_TYPES

    return {c.model_fields["type"].default for c in CHECK_TYPES}


def _field_names() -> list[str]:
    from ..checks import CHECK_TYPES

    models = [RubricFile, Part, Criterion, Course, *CHECK_TYPES]
    return sorted({name for m in models for name in m.model_fields})


_CHECK_TAGS = _check_tags()
_FIELD_NAMES = _field_names()


def read_yaml_mapping(path: Path, shape: str) -> dict:
    """A YAML file's top-level mapping; `shape` says what the file should hold when it is not one."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(f"{path}: cannot read the file ({exc.__class__.__name__}).") from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # C parser when built
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise RubricError(f"{path}: not valid YAML{line}.") from None
    if not isinstance(data, dict):
        raise RubricError(f"{path}: {shape}.")
    return data


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
