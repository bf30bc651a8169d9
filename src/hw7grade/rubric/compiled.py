"""A cache of the validated rubric, so that grading one file does not validate the rubrics again.

Validating the rubric files (PyYAML, the problem reporting, pydantic) costs more than grading a
small chat. A successful `load_rubric` is written as JSON (never a pickle: reading a cache file
must not be able to run code) to a file named like the listing cache (`listing._fingerprint`: the
rubric files' bytes and hw7grade's source files), with the Python and pydantic versions added. A
hit is read back with pydantic's JSON validation, which skips YAML and the per-file problem
collection. Any change is a miss; a miss, or a cache file that cannot be read or is not a valid
rubric, validates in full (and fails with the usual message). Only successes are cached, written
atomically as a private file. The cache folder is the user's own, like the listing's.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Callable

from .listing import _fingerprint, listing_cache_dir
from .location import default_rubric_dir
from .model import Rubric, load_rubric

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
    return listing_cache_dir().parent / COMPILED_DIRNAME / f"{key}.json"


def load_rubric_cached(directory: Path | None = None) -> Rubric:
    """`load_rubric(directory)`, from the cache when neither the rubric files nor the code changed."""
    rubric, save = load_rubric_deferred(directory)
    save()
    return rubric


def load_rubric_deferred(directory: Path | None = None) -> tuple[Rubric, Callable[[], None]]:
    """`load_rubric_cached`, and what caches a miss, to be called later (`ask` calls it once it
    has an answer, so that a failed request leaves nothing behind). The rubric is serialised now,
    before grading caches anything on it."""
    directory = Path(directory) if directory else default_rubric_dir()
    cache_file = compiled_cache_file(directory)
    if cache_file is not None:
        cached = _read(cache_file)
        if cached is not None:
            # the key holds the resolved folder; the rubric names it as it was given
            found = cached if cached.directory == directory else cached.model_copy(update={"directory": directory})
            return found, _nothing
    rubric = load_rubric(directory)
    if cache_file is None:
        return rubric, _nothing
    data = serialise(rubric)
    return rubric, lambda: _write(cache_file, data)


def serialise(rubric: Rubric) -> bytes:
    """The cache file's bytes: the schema, then the rubric's fields as JSON (what grading caches
    on checks is no field)."""
    head = json.dumps({"schema": COMPILED_SCHEMA})[:-1]
    return f'{head}, "rubric": {rubric.model_dump_json(by_alias=True)}}}'.encode("utf-8")


def _nothing() -> None:
    return None


def _read(path: Path) -> Rubric | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        found = json.loads(data)
        if not isinstance(found, dict) or found.get("schema") != COMPILED_SCHEMA:
            return None
        return Rubric.model_validate(found["rubric"])
    except Exception:  # damaged, or not a rubric: any failure is a miss  # noqa: BLE001
        return None


def _write(path: Path, data: bytes) -> None:
    from ..atomic import write_bytes_atomic
    from ..errors import Hw7gradeError

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes_atomic(path, data, private=True)
    except (Hw7gradeError, OSError):
        pass  # a read-only or full disk only costs the next run its speed


__all__ = ["load_rubric_cached", "load_rubric_deferred", "serialise"]
