"""Typer's option coercion without pydantic where typer's own would change nothing.

Typer (0.29) coerces every parameter of a command through a pydantic `TypeAdapter`, built on the
parameter's first use, options left unset included; building them imports pydantic's plugin
machinery (`importlib.metadata`) and costs more than grading a small chat. `install(command)`
gives each parameter a coercion that answers the cases where typer's would hand the value back
unchanged (an unset option, a default already of its type and within its bounds, a plain path),
and hands every other value to typer's own coercion, so its messages and errors stay typer's.
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

_SIMPLE = (str, int, float)


def install(params: Any) -> None:
    """Give the parameters the coercion below (those typer has not coerced yet)."""
    for param in params:
        if getattr(param, "_runtime_param", False) is None and hasattr(param, "type_descriptor"):
            param._runtime_param = _Coercion(param)


class _Coercion:
    """One parameter's coercion (typer's `RuntimeParam` interface): the cheap cases here, the rest typer's."""

    def __init__(self, param: Any) -> None:
        self._descriptor = param.type_descriptor
        self._info = self._descriptor.parameter_info
        self._annotation = self._descriptor.annotation
        self._typer: Any = None
        self._path = _plain_path(self._annotation, self._info, self._descriptor.file_annotation)
        self._strings = typing.get_origin(self._annotation) is list and typing.get_args(self._annotation) == (str,)

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        if self._path is not None and _all_str(value, multi):
            return self._paths(value, param, ctx) if multi else self._one_path(value, param, ctx)
        if multi and self._strings and self._info.parser is None and _all_str(value, multi):
            return list(value)
        if not multi and self._unchanged(value):
            return value
        return self._typers().coerce(value, param=param, ctx=ctx)

    def _unchanged(self, value: Any) -> bool:
        """A default of exactly the annotated type, within its bounds: typer's adapter returns it as it is."""
        if self._annotation not in _SIMPLE or type(value) is not self._annotation or self._info.parser is not None:
            return False
        if self._annotation is str:
            return True
        low, high = self._info.min, self._info.max
        return not self._info.clamp and (low is None or value >= low) and (high is None or value <= high)

    def _one_path(self, value: str, param: Any, ctx: Any) -> Any:
        from typer._param_types import coerce_cli_path

        # A `Path` already: typer's checks and result, without its pydantic `Path` validation (`Path(str)`).
        return coerce_cli_path(Path(value), self._info, path_type=Path, param=param, ctx=ctx)

    def _paths(self, values: Any, param: Any, ctx: Any) -> list:
        items = values if isinstance(values, (list, tuple)) else [values]
        return [self._one_path(v, param, ctx) for v in items]

    def _typers(self) -> Any:
        if self._typer is None:
            from typer._coercion import build_runtime_param

            self._typer = build_runtime_param(self._descriptor)
        return self._typer


def _plain_path(annotation: Any, info: Any, file_annotation: Any) -> type | None:
    """`Path` when the parameter is a `Path` (or a list of them) with no custom parser or path type."""
    if file_annotation is not None or info.parser is not None or info.path_type is not None:
        return None
    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0] if len(typing.get_args(annotation)) == 1 else None
    return Path if annotation is Path else None


def _all_str(value: Any, multi: bool) -> bool:
    if multi:
        return isinstance(value, (list, tuple)) and all(type(v) is str for v in value)
    return type(value) is str
