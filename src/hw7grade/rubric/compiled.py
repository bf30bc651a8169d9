"""A cache of the validated rubric, so that grading one file does not validate the rubrics again.

Validating the rubric files (PyYAML, the problem reporting, pydantic) costs more than grading a
small chat. A successful `load_rubric` is written as JSON (never a pickle: reading a cache file
must not be able to run code) to a file named like the listing cache (`listing._fingerprint`: the
rubric files' bytes and hw7grade's source files), with the Python and pydantic versions added. A
hit is rebuilt from the models' annotations (`_construct`) without pydantic validation: what a
validated rubric dumped needs no second validation, and building pydantic's validators for the
rubric's two dozen models would cost more than grading a small chat. Any change is a miss; a
miss, or a cache file that cannot be read or does not have the rubric's shape, validates in full
(and fails with the usual message). Only successes are cached, written atomically as a private
file. The cache folder is the user's own, like the listing's.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Annotated, Any, Callable, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..cache_folder import cache_folder
from .listing import _fingerprint, read_listing_deferred
from .location import default_rubric_dir

if TYPE_CHECKING:
    from .model import Rubric

COMPILED_SCHEMA = "hw7grade.rubric-compiled/1"
COMPILED_DIRNAME = "rubric-compiled"


def compiled_cache_file(directory: Path) -> Path | None:
    """Where the rubric of `directory` is cached, or None when its files cannot be read."""
    import pydantic

    fingerprint = _fingerprint(directory) if directory.is_dir() else None
    if fingerprint is None:
        return None
    versions = f"{COMPILED_SCHEMA}\0{fingerprint}\0{sys.version}\0{pydantic.VERSION}"
    key = hashlib.sha256(versions.encode()).hexdigest()
    return cache_folder() / COMPILED_DIRNAME / f"{key}.json"


def load_rubric_cached(directory: Path | None = None) -> Rubric:
    """`load_rubric(directory)`, from the cache when neither the rubric files nor the code changed."""
    rubric, save = load_rubric_deferred(directory)
    save()
    return rubric


def load_rubric_deferred(
    directory: Path | None = None, validated: Rubric | None = None
) -> tuple[Rubric, Callable[[], None]]:
    """`load_rubric_cached`, and what caches a miss, to be called later (`ask` calls it once it
    has an answer, so that a failed request leaves nothing behind); `validated` is the folder's
    rubric if the caller validated it already. The rubric is serialised now, before grading
    caches anything on it."""
    directory = Path(directory) if directory else default_rubric_dir()
    cache_file = compiled_cache_file(directory)
    if cache_file is not None:
        cached = _read(cache_file)
        if cached is not None:
            # the key holds the resolved folder; the rubric names it as it was given
            found = cached if cached.directory == directory else cached.model_copy(update={"directory": directory})
            return found, _nothing
    if validated is None:
        from .model import load_rubric

        validated = load_rubric(directory)
    rubric = validated
    if cache_file is None:
        return rubric, _nothing
    data = serialise(rubric)
    return rubric, lambda: _write(cache_file, data)


class StagedRubric:
    """A rubric folder read as late as each step of `ask` needs it: `listing` at once (part ids,
    prompts, the system prompt; no pydantic models or check modules, so the request goes out
    before they are imported), the validated rubric at the first `rubric()` (to grade with), and
    `save()` caches what missed once there is an answer (a failed request leaves nothing behind)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory else default_rubric_dir()
        self.listing, self._validated, save_listing = read_listing_deferred(self.directory)
        self._saves = [save_listing]
        self._rubric: Rubric | None = None

    def rubric(self) -> Rubric:
        if self._rubric is None:
            self._rubric, save = load_rubric_deferred(self.directory, self._validated)
            self._saves.append(save)
        return self._rubric

    def save(self) -> None:
        for save in self._saves:
            save()


def serialise(rubric: Rubric) -> bytes:
    """The cache file's bytes: the schema, then the rubric's fields as JSON (what grading caches
    on checks is no field)."""
    head = json.dumps({"schema": COMPILED_SCHEMA})[:-1]
    return f'{head}, "rubric": {rubric.model_dump_json(by_alias=True)}}}'.encode("utf-8")


def _nothing() -> None:
    return None


def _read(path: Path) -> Rubric | None:
    from .model import Rubric

    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        found = json.loads(data)
        if not isinstance(found, dict) or found.get("schema") != COMPILED_SCHEMA:
            return None
        rubric = _construct(Rubric, found["rubric"])
    except Exception:  # damaged, or not a rubric: any failure is a miss  # noqa: BLE001
        return None
    return rubric if isinstance(rubric, Rubric) else None


def _construct(model: type[BaseModel], data: object) -> BaseModel:
    """`model.model_validate(data)` for data a validated `model` dumped: each field rebuilt by its
    annotation, no validator run again. Anything the annotations do not allow raises."""
    fields = model.model_fields
    if not isinstance(data, dict) or not data.keys() <= fields.keys():
        raise ValueError(f"not a {model.__name__}")
    if any(f.is_required() and name not in data for name, f in fields.items()):
        raise ValueError(f"a {model.__name__} without a required field")
    return model.model_construct(**{name: _value(fields[name].annotation, item) for name, item in data.items()})


def _value(annotation: Any, data: Any) -> Any:
    """`data` (parsed JSON) as a value of `annotation`: the types the rubric's models use."""
    origin, args = get_origin(annotation), get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _construct(annotation, data)
    if origin is Annotated:  # the checks' union, told apart by their `type`
        tag = next((m.discriminator for m in args[1:] if getattr(m, "discriminator", None)), None)
        if tag is None:
            return _value(args[0], data)
        members = {m.model_fields[tag].default: m for m in get_args(args[0])}
        return _construct(members[data[tag]], data)
    if origin in (Union, UnionType):
        if data is None and NoneType in args:
            return None
        for member in args:
            try:
                return _value(member, data)
            except (TypeError, ValueError):
                continue
        raise ValueError(f"{data!r} is none of {annotation}")
    if origin is Literal:
        if data not in args:
            raise ValueError(f"{data!r} is not one of {args}")
        return data
    if origin in (list, tuple) and isinstance(data, list):
        if origin is list:
            return [_value(args[0], item) for item in data]
        if args[1:] == (Ellipsis,):
            return tuple(_value(args[0], item) for item in data)
        if len(args) == len(data):
            return tuple(_value(a, item) for a, item in zip(args, data))
    if origin is dict and isinstance(data, dict):
        return {_value(args[0], k): _value(args[1], v) for k, v in data.items()}
    if annotation is float and type(data) in (int, float):
        return float(data)
    if annotation is Path and isinstance(data, str):
        return Path(data)
    if annotation in (str, int, bool) and type(data) is annotation:
        return data
    raise TypeError(f"{data!r} is not a {annotation}")


def _write(path: Path, data: bytes) -> None:
    from ..atomic import write_bytes_atomic
    from ..errors import Hw7gradeError

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes_atomic(path, data, private=True)
    except (Hw7gradeError, OSError):
        pass  # a read-only or full disk only costs the next run its speed


__all__ = ["StagedRubric", "load_rubric_cached", "load_rubric_deferred", "serialise"]
