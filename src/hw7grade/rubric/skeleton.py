"""`hw7grade rubrics new PART`: a commented rubric file and a cases file to start a new part from.

The skeleton is valid as written (it loads, and `hw7grade rubrics test` passes on it), so a rubric
author changes a working rubric instead of debugging an empty one.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .course import COURSE_FILE
from .selection import PART_ID_RE, question_of

RUBRIC_TEMPLATE = """\
# Rubric for {question}, written by `hw7grade rubrics new {part}`. Edit every field; the comments say
# what each one is for. Check it with `hw7grade rubrics` and `hw7grade rubrics test`.
# Field reference: `hw7grade rubrics schema` (see the README for editor completion).
question: {question}
title: "TODO: the question's title"
points_note: "TODO: where the points come from"
# shapes:                # matrix symbol: [rows, cols], for math_equiv checks (course.yaml gives defaults)
#   A: [m, n]
parts:
  - id: {part}
    title: "TODO: what this part asks, in a few words"
    points: 2
    prompt: >
      TODO: the question as `hw7grade ask` sends it to a model, in your own words.
    reference: >
      TODO: the reference answer (shown by `rubrics show`, given to judges).
    cues: ["TODO cue phrase"]   # phrases that identify this part in text with no part markers
    checks:
      # Each check earns its points when it passes; the points add up to the part's points.
      - type: concepts
        name: key_idea
        points: 2
        feedback: "TODO: what a correct answer would have said"
        concepts:
          - name: the key idea
            phrases: ["todo key phrase", "todo other wording"]   # any one matches; * is a wildcard
"""

CASES_TEMPLATE = """\
# Known answers for {part}, for `hw7grade rubrics test`: each part needs one answer that must
# earn full marks and one that must not. Replace both with real answers.
cases:
  - part: {part}
    name: states the key idea
    expect: full
    answer: >
      TODO: a correct answer. It mentions the todo key phrase.
  - part: {part}
    name: misses the key idea
    expect: not_full
    answer: >
      TODO: an answer that should lose points.
"""


COURSE_TEMPLATE = """\
# The course file: what is course-specific but not a question. Without it, the bundled (HW7) one is used.
course: "TODO: course name"
homework: "Homework"          # used in headings ("Homework rubric parts")
title: ""
system_prompt: >-             # what `hw7grade ask` sends unless --system is given
  You are answering one part of a homework. Show your reasoning briefly, then give the final
  answer on its own line starting with 'Answer:'.
shapes: {}                    # matrix symbol: [rows, cols], defaults for math_equiv and `hw7grade math`
"""


def write_skeleton(part_id: str, directory: Path) -> list[Path]:
    """Write `<dir>/<part>.yaml` and `<dir>/cases/<part>.yaml` (and `course.yaml` in a new folder);
    refuse to overwrite anything."""
    from ..atomic import write_text_atomic

    if not PART_ID_RE.match(part_id):
        raise UsageError(f"Part id {part_id!r} must look like q9a or q3b.ii.")
    question = question_of(part_id)
    rubric_path = directory / f"{part_id}.yaml"
    cases_path = directory / "cases" / f"{part_id}.yaml"
    for path in (rubric_path, cases_path):
        if path.exists():
            raise UsageError(f"{path} already exists; choose another part id or edit that file.")
    written = []
    if not directory.is_dir() or not any(directory.glob("*.yaml")):
        written.append(write_text_atomic(directory / COURSE_FILE, COURSE_TEMPLATE))
    written.append(write_text_atomic(rubric_path, RUBRIC_TEMPLATE.format(question=question, part=part_id)))
    written.append(write_text_atomic(cases_path, CASES_TEMPLATE.format(part=part_id)))
    return written


def rubric_schema() -> dict:
    """JSON Schema of a rubric file, from the pydantic models (for editors' YAML completion)."""
    from .model import RubricFile

    schema = RubricFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hw7grade rubric file"
    return schema
