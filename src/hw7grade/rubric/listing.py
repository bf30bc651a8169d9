"""A cache of the rubrics' validated listing for `hw7grade rubrics`, and what `ask` sends.

Validating the rubrics needs pydantic, PyYAML and every check module (about 0.2 s of imports);
listing the parts, or asking a model a part (its prompt, its question's context, the course's
system prompt), needs none of that once they have been validated. The cache file is named by a
hash of the rubric files' bytes and of hw7grade's own source files (size and mtime), so any edit
to a rubric or to the code that validates it is a miss, and a miss runs the full validation
(`load_rubric`), which fails with its usual message. Only a successful validation is cached.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from ..cache_folder import cache_folder
from .location import PACKAGE_DIR, default_rubric_dir
from .selection import question_of, select

if TYPE_CHECKING:
    from .model import Rubric

LISTING_SCHEMA = "hw7grade.rubric-listing/3"
LISTING_DIRNAME = "rubric-listing"


@dataclass(frozen=True)
class ListedPart:
    id: str
    title: str
    points: float
    checks: tuple[str, ...]
    prompt: str
    """What `ask` sends for the part (after its question's context)."""
    context: str
    """Its question's shared setup, on one line ("" when the question's file has none)."""

    @property
    def question(self) -> str:
        return question_of(self.id)


@dataclass(frozen=True)
class Listing:
    directory: Path
    homework: str
    """The course file's homework name, for the heading."""
    rows: list[ListedPart]
    system_prompt: str
    """The course file's system prompt, which `ask` sends unless told otherwise."""

    def select(self, prefixes: Iterable[str] | None) -> list[ListedPart]:
        """As `Rubric.select`."""
        return select(self.rows, prefixes)

    def context_for(self, part_id: str) -> str:
        """As `Rubric.context_for`."""
        return next((r.context for r in self.rows if r.id == part_id), "")


def listing_cache_dir() -> Path:
    return cache_folder() / LISTING_DIRNAME


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
    listing, _, save = read_listing_deferred(directory)
    save()
    return listing


def read_listing_deferred(directory: Path | None = None) -> tuple[Listing, Rubric | None, Callable[[], None]]:
    """`read_listing`, and on a miss the rubric it validated (None on a hit) and what caches the
    listing, to be called later (`ask` calls it once it has an answer)."""
    directory = Path(directory) if directory else default_rubric_dir()
    key = _fingerprint(directory) if directory.is_dir() else None
    cache_file = listing_cache_dir() / f"{key}.json" if key else None
    if cache_file is not None:
        cached = _read(cache_file)
        if cached is not None:
            return Listing(directory, *cached), None, _nothing
    from .model import load_rubric

    rubric = load_rubric(directory)
    rows = [
        ListedPart(p.id, p.title, p.points, tuple(c.type for c in p.checks), p.prompt, rubric.context_for(p.id))
        for p in rubric.parts
    ]
    listing = Listing(directory, rubric.course.homework, rows, rubric.course.system_prompt)
    if cache_file is None:
        return listing, rubric, _nothing
    return listing, rubric, lambda: _write(cache_file, listing)


def _nothing() -> None:
    return None


def _read(path: Path) -> tuple[str, list[ListedPart], str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != LISTING_SCHEMA:
            return None
        rows = [
            ListedPart(r["id"], r["title"], float(r["points"]), tuple(r["checks"]), str(r["prompt"]), str(r["context"]))
            for r in data["parts"]
        ]
        return str(data["homework"]), rows, str(data["system_prompt"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing or damaged: validate again


def _write(path: Path, listing: Listing) -> None:
    from ..atomic import write_text_atomic
    from ..errors import Hw7gradeError

    data = {
        "schema": LISTING_SCHEMA,
        "homework": listing.homework,
        "system_prompt": listing.system_prompt,
        "parts": [
            {
                "id": r.id,
                "title": r.title,
                "points": r.points,
                "checks": list(r.checks),
                "prompt": r.prompt,
                "context": r.context,
            }
            for r in listing.rows
        ],
    }
    try:
        write_text_atomic(path, json.dumps(data, ensure_ascii=False), private=True)
    except Hw7gradeError:
        pass  # a read-only or full disk only costs the next listing its speed
