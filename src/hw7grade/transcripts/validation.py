"""Turn a pydantic ValidationError into one readable clause naming the field that is wrong."""

from __future__ import annotations

from typing import Any, Mapping

from pydantic import ValidationError

MAX_SHOWN_INPUT_CHARS = 60


def _field_path(error: Mapping[str, Any], data: object) -> str:
    """Keep only the loc steps that exist in the input: union tags like `LabelPair` are pydantic's, not the user's."""
    loc = error["loc"]
    steps: list[str] = []
    node = data
    for i, step in enumerate(loc):
        if isinstance(node, dict) and step in node:
            node = node[step]
            steps.append(str(step))
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
            steps.append(f"[{step}]")
        elif error["type"] == "missing" and i == len(loc) - 1:
            steps.append(str(step))
    return ".".join(steps).replace(".[", "[") or "(top level)"


def describe_validation_error(exc: ValidationError, data: object) -> str:
    """The deepest error wins: for `{first: bad}` that is `first`, not the union's other member."""
    errors = exc.errors()
    best = max(errors, key=lambda e: len(_field_path(e, data).split(".")))
    path = _field_path(best, data)
    message = best["msg"].removeprefix("Value error, ")
    shown = repr(best.get("input"))
    if best["type"] == "missing" or len(shown) > MAX_SHOWN_INPUT_CHARS:
        return f"field {path}: {message}"
    return f"field {path}: {message} (got {shown})"
