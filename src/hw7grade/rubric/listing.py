"""A cache of the rubrics' validated listing for `hw7grade rubrics`.

Validating the rubrics needs pydantic, PyYAML and every check module (about 0.2 s of imports);
listing the parts needs none of that once they have been validated. The cache file is named by a
hash of the rubric files' bytes and of hw7grade's own source files (size and mtime), so any edit
to a rubric or to the code that validates it is a miss, and a miss runs the full validation
(`load_rubric`), which fails with its usual message. Only a successful validation is cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .location import PACKAGE_DIR, default_rubric_dir

CACHE_DIR_ENV = "HW7GRADE_CACHE_DIR"
LISTING_SCHEMA = "hw7grade.rubric-listing/2"
LISTING_DIRNAME = "rubric-listing"


@dataclass(frozen=True)
class ListedPart:
    id: str
    title: str
    points: float
    checks: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    directory: Path
    homework: str
    """The course file's homework name, for the heading."""
    rows: list[ListedPart]


def listing_cache_dir() -> Path:
    """`$HW7GRADE_CACHE_DIR/rubric-listing`, else the user cache folder (XDG on Linux, without
    importing platformdirs there: it costs more than the listing)."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env) / LISTING_DIRNAME
    if sys.platform.startswith("linux"):
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hw7grade"
    else:
        import platformdirs

        base = Path(platformdirs.user_cache_dir("hw7grade"))
    return base / LISTING_DIRNAME


def _fingerprint(directory: Path) -> str | None:
    """Hash of the rubric files and of the code that validates them; None if unreadable."""
    digest = hashlib.sha256(LISTING_SCHEMA.encode())
    try:
        digest.update(str(directory.resolve()).encode())
        for path in sorted(directory.glob("*.yaml")):  # the rubric files and the course file
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        for root, _dirs, files in sorted(os.walk(PACKAGE_DIR)):
            for name in sorted(f for f in files if f.endswith(".py")):
                stat = os.stat(os.path.join(root, name))
                digest.update(f"{root}/{name}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    except OSError:
        return None
    return digest.hexdigest()


def rubric_listing(directory: Path | None = None) -> list[ListedPart]:
    """Every part (id, title, points, check types), from the cache when the files are unchanged."""
    return read_listing(directory).rows


def read_listing(directory: Path | None = None) -> Listing:
    """The parts, the homework name and the folder they came from (cached like `rubric_listing`)."""
    directory = Path(directory) if directory else default_rubric_dir()
    key = _fingerprint(directory) if directory.is_dir() else None
    cache_file = listing_cache_dir() / f"{key}.json" if key else None
    if cache_file is not None:
        cached = _read(cache_file)
        if cached is not None:
            return Listing(directory, *cached)
    from .model import load_rubric

    rubric = load_rubric(directory)
    rows = [ListedPart(p.id, p.title, p.points, tuple(c.type for c in p.checks)) for p in rubric.parts]
    if cache_file is not None:
        _write(cache_file, rubric.course.homework, rows)
    return Listing(directory, rubric.course.homework, rows)


def _read(path: Path) -> tuple[str, list[ListedPart]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != LISTING_SCHEMA:
            return None
        rows = [ListedPart(r["id"], r["title"], float(r["points"]), tuple(r["checks"])) for r in data["parts"]]
        return str(data["homework"]), rows
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing or damaged: validate again


def _write(path: Path, homework: str, rows: list[ListedPart]) -> None:
    from ..atomic import write_text_atomic
    from ..errors import Hw7gradeError

    data = {
        "schema": LISTING_SCHEMA,
        "homework": homework,
        "parts": [{"id": r.id, "title": r.title, "points": r.points, "checks": list(r.checks)} for r in rows],
    }
    try:
        write_text_atomic(path, json.dumps(data, ensure_ascii=False), private=True)
    except Hw7gradeError:
        pass  # a read-only or full disk only costs the next listing its speed
