"""Reading rubric-folder YAML and saying what is wrong with it: every problem, with a hint.

Shared by the rubric files and the course file; imports neither's models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import RubricError

_HINTS = {
    "extra_forbidden": "not a field here; check its spelling (`hw7grade rubrics schema` lists the fields)",
    "missing": "add this field",
    "union_tag_invalid": "`hw7grade rubrics schema` lists the check types",
    "union_tag_not_found": "give the check a `type`",
}


def describe_errors(error: ValidationError, data: object, tags: set[str], field_names: list[str]) -> list[str]:
    """Every problem pydantic found, in file order, each as `part ID, field F: message (hint)`.
    `tags`: union discriminator values (dropped from paths); `field_names`: for `did you mean`."""
    problems = []
    for item in error.errors():
        loc = list(item["loc"])
        where = []
        if len(loc) >= 2 and loc[0] == "parts" and isinstance(loc[1], int):
            where.append(f"part {_part_id(data, loc[1])}")
            loc = loc[2:]
        # pydantic puts the discriminator value into the path of a union member; drop it.
        field = ".".join(str(x) for x in loc if not (isinstance(x, str) and x in tags))
        if field:
            where.append(f"field {field}")
        message = item["msg"].removeprefix("Value error, ")
        hint = _hint(item, loc, field_names)
        problems.append(f"{', '.join(where) or 'top level'}: {message}" + (f" (hint: {hint})" if hint else ""))
    # A typo shows up twice (an unknown field and a missing one): the typo first.
    return sorted(problems, key=lambda p: "Extra inputs" not in p)


def _part_id(data: object, index: int) -> str:
    if isinstance(data, dict) and isinstance(data.get("parts"), list) and index < len(data["parts"]):
        item = data["parts"][index]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return item["id"]
    return f"#{index + 1}"


def _hint(item: Any, loc: list, field_names: list[str]) -> str:
    hint = _HINTS.get(item["type"], "")
    if item["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
        import difflib

        close = difflib.get_close_matches(loc[-1], field_names, n=1)
        if close:
            hint = f"did you mean `{close[0]}`?"
    return hint


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
