"""The course file (`course.yaml` beside the rubrics): what is course-specific but not a question.

Course and homework names for headings, the system prompt `ask` sends, and the matrix shapes the
algebra checks and `hw7grade math` assume. A rubric folder without one gets the bundled file
(HW7's), so no command has a homework's wording written into it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

COURSE_FILE = "course.yaml"
BUNDLED_COURSE = Path(__file__).with_name("hw7_course.yaml")


class Course(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    course: str = ""
    homework: str = Field(min_length=1)
    """Short name used in headings, e.g. `HW7` (`HW7 rubric parts`)."""
    title: str = ""
    system_prompt: str = ""
    """What `ask` sends as the system prompt unless `--system` is given."""
    shapes: dict[str, tuple[str, str]] = Field(default_factory=dict)
    """Matrix symbol -> (rows, cols); a rubric file's own `shapes` add to and override these."""


def course_path(directory: Path) -> Path:
    """The folder's course file, or the bundled one when the folder has none."""
    own = directory / COURSE_FILE
    return own if own.is_file() else BUNDLED_COURSE


def load_course(directory: Path) -> Course:
    return load_course_file(course_path(directory))


def load_course_file(path: Path) -> Course:
    from pydantic import ValidationError

    from ..errors import RubricError
    from .problems import describe_errors, read_yaml_mapping

    data = read_yaml_mapping(
        path,
        "a course file must be a mapping with `homework` (and optionally `course`, `title`, `system_prompt`, `shapes`)",
    )
    try:
        return Course.model_validate(data)
    except ValidationError as exc:
        raise RubricError(
            "\n".join(f"{path}: {p}." for p in describe_errors(exc, data, set(), sorted(Course.model_fields)))
        ) from None


def default_course() -> Course:
    return load_course_file(BUNDLED_COURSE)
