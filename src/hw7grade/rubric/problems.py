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
        if not field and message.startswith("field "):
            found, _, message = message.partition(": ")
            where.append(found)
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


MAX_RUBRIC_BYTES = 1024 * 1024
"""A rubric file is a few KiB; anything near this size is a mistake, not a rubric."""


def read_yaml_mapping(path: Path, shape: str) -> dict:
    """A YAML file's top-level mapping; `shape` says what the file should hold when it is not one."""
    import yaml

    try:
        size = path.stat().st_size
        if size > MAX_RUBRIC_BYTES:
            raise RubricError(
                f"{path}: the file is {size:,} bytes, over the {MAX_RUBRIC_BYTES:,}-byte limit for a rubric."
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(f"{path}: cannot read the file ({exc.__class__.__name__}).") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # C parser when built
    try:
        node = loader.get_single_node()
        if node is not None:
            duplicate = _duplicate_key(node)
            if duplicate:
                raise RubricError(f"{path}: {duplicate}.")
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise RubricError(f"{path}: not valid YAML{line}.") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise RubricError(f"{path}: {shape}.")
    return data


def _duplicate_key(root) -> str | None:
    """`part q7b, field checks[2].points: duplicate key at line 14 (first at line 12)`, or None.

    YAML lets the last of two equal keys win in silence, so a rubric's second `points:` would
    quietly replace the first. Each node is visited once (aliases do not multiply the walk)."""
    import yaml

    seen_nodes: set[int] = set()
    stack: list[tuple[object, str | None, tuple[str, ...]]] = [(root, None, ())]
    while stack:
        node, part, path = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
                line = key.start_mark.line + 1
                if name in first_line:
                    where = (f"part {part}, " if part else "") + "field " + ".".join((*path, name))
                    return f"{where}: duplicate key at line {line} (first at line {first_line[name]})"
                first_line[name] = line
                stack.append((value, part, (*path, name)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                item_part, item_path = part, (*path[:-1], f"{path[-1]}[{index + 1}]") if path else (str(index + 1),)
                if path == ("parts",) and isinstance(item, yaml.MappingNode):
                    ids = [
                        v.value
                        for k, v in item.value
                        if getattr(k, "value", None) == "id" and isinstance(v, yaml.ScalarNode)
                    ]
                    item_part, item_path = (ids[0] if ids else f"#{index + 1}"), ()
                stack.append((item, item_part, item_path))
    return None
