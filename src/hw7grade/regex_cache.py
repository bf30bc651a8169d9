"""Regular expressions compiled at import time, read back compiled from a cache file.

CPython compiles a pattern in Python code (`re._parser`, `re._compiler`): the 150-odd patterns the
modules of a one-file `grade` compile at import (ours, rich's, pydantic's) cost 50 to 70 ms of its
CPU. Only the last step, `_sre.compile`, is native and cheap; its input is data: the pattern, its
flags, the engine's code (a list of integers) and the group names.

`cached_regexes()` replaces `re.compile` while a command runs. A call made from a module's top
level (an import) with a text pattern is answered from that data when the cache has it; anything
else (a pattern built inside a function, bytes, a compiled pattern, debug flags) goes to
`re.compile` unchanged, so nothing an answer contains is ever stored. A miss compiles the pattern
as `re._compiler.compile` does and compares the result with `re.compile`'s (`Pattern.__eq__`
compares flags, pattern and code): any difference turns the cache off for the process and stores
nothing. The file is JSON (data: reading it can run no code, and `_sre.compile` checks the code it
is given), named after the interpreter's exact version and the engine's (`_sre.MAGIC`), keyed
inside on the pattern text and flags, and rewritten atomically (a private file) by the process that
opened it when it compiled something new.
"""

from __future__ import annotations

import json
import os
import re
import sys
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from .cache_dir import cache_base_dir

SCHEMA = "hw7grade.regex-cache/1"
REGEX_DIRNAME = "regex"
MAX_ENTRIES = 2000
"""More than this many patterns in the file (stale ones pile up as code changes): rewritten with
only the current process's."""
MAX_FILE_BYTES = 8 * 1024 * 1024
_UNCACHED_FLAGS = re.DEBUG | re.TEMPLATE  # TEMPLATE: deprecated, still there

Entry = tuple[int, list[int], int, dict[str, int], list[Any]]
"""(flags with the pattern's inline ones, code, groups, group index, index group), as `_sre.compile` takes them."""


def _engine() -> Any:
    """`_sre` and `re._compiler` when this interpreter has them as CPython 3.11 to 3.13 do, else None."""
    if sys.implementation.name != "cpython":
        return None
    try:
        import _sre  # type: ignore[import-not-found]
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:
        return None
    needed = ((_sre, "compile"), (_sre, "MAGIC"), (_sre, "CODESIZE"), (_compiler, "_code"), (_parser, "parse"))
    if not all(hasattr(module, name) for module, name in needed):
        return None
    return _sre, _compiler, _parser


def engine_version() -> str:
    """This interpreter's exact build and its regular-expression engine's version: the cache's key."""
    import _sre

    return f"{sys.version} {sys.hexversion:x} {_sre.MAGIC} {_sre.CODESIZE} {sys.maxunicode}"


def cache_file(version: str) -> Path:
    """The cache file of an engine version (the file says which version it holds: a clash is a miss)."""
    return cache_base_dir() / REGEX_DIRNAME / f"{zlib.crc32(version.encode()):08x}.json"


class RegexCache:
    """The patterns of one cache file, and what this process compiled that it did not have."""

    def __init__(self, path: Path, version: str, engine: Any) -> None:
        self.path = path
        self.version = version
        self._sre, self._compiler, self._parser = engine
        self.entries: dict[tuple[str, int], Entry] = _read(path, version)
        self.used: dict[tuple[str, int], Entry] = {}
        self.compiled: dict[tuple[str, int], re.Pattern[str]] = {}
        self.dirty = False
        self.broken = False
        self.hits = 0

    def compile(self, pattern: str, flags: int) -> re.Pattern[str] | None:
        """The compiled pattern, from the cache or compiled now; None to leave it to `re.compile`."""
        key = (pattern, flags)
        found = self.compiled.get(key)
        if found is not None:
            return found
        entry = self.entries.get(key)
        if entry is not None:
            try:
                found = self._sre.compile(pattern, entry[0], entry[1], entry[2], entry[3], tuple(entry[4]))
                self.hits += 1
            except Exception:  # a damaged entry: compiled afresh below, and the file rewritten
                found = None
        if found is None or entry is None:
            fresh, found = self._compile(pattern, flags)
            if fresh is None:
                return None
            entry = fresh
            self.dirty = True
        self.used[key] = entry
        self.compiled[key] = found
        return found

    def _compile(self, pattern: str, flags: int) -> tuple[Entry | None, Any]:
        """`re._compiler.compile`'s steps, keeping its input to `_sre.compile`; checked against `re.compile`."""
        if self.broken:
            return None, None
        try:
            parsed = self._parser.parse(pattern, flags)
            code = self._compiler._code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[Any] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            entry: Entry = (flags | parsed.state.flags, list(code), parsed.state.groups - 1, groupindex, indexgroup)
            found = self._sre.compile(pattern, entry[0], entry[1], entry[2], entry[3], tuple(entry[4]))
        except Exception:  # an error in the pattern (re.compile raises it) or an engine unlike ours
            return None, None
        if found != _REAL_COMPILE(pattern, flags):
            self.broken = True  # this engine compiles differently: cache nothing
            return None, None
        return entry, found

    def save(self) -> None:
        """Write the file when this process compiled what it did not have (never fails the command)."""
        if not self.dirty or self.broken:
            return
        merged = {**self.entries, **self.used} if len(self.entries) + len(self.used) <= MAX_ENTRIES else self.used
        patterns = [[pattern, flags, *entry] for (pattern, flags), entry in merged.items()]
        data = {"schema": SCHEMA, "engine": self.version, "patterns": patterns}
        try:
            from .atomic import write_text_atomic

            write_text_atomic(self.path, json.dumps(data, separators=(",", ":")), private=True)
        except Exception:  # a read-only or full cache folder: the next run compiles again
            pass


def _read(path: Path, version: str) -> dict[tuple[str, int], Entry]:
    """The file's entries; none when it is missing, too big, of another engine, or not this schema's shape."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return {}
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or (data.get("schema"), data.get("engine")) != (SCHEMA, version):
            return {}
        if not isinstance(data.get("patterns"), list):
            return {}
        entries: dict[tuple[str, int], Entry] = {}
        for item in data["patterns"]:
            pattern, flags, full_flags, code, groups, groupindex, indexgroup = item
            if not (
                type(pattern) is str
                and type(flags) is int
                and type(full_flags) is int
                and type(code) is list
                and type(groups) is int
                and type(groupindex) is dict
                and type(indexgroup) is list
            ):
                return {}
            entries[(pattern, flags)] = (full_flags, code, groups, groupindex, indexgroup)
        return entries
    except (OSError, ValueError, TypeError):  # missing, unreadable, not JSON, an entry of another shape
        return {}


_REAL_COMPILE = re.compile
_active: RegexCache | None = None


def _cached_compile(pattern: Any, flags: Any = 0) -> Any:
    """`re.compile`, answered from the cache for a text pattern compiled at a module's top level."""
    cache = _active
    if cache is not None and type(pattern) is str and sys._getframe(1).f_code.co_name == "<module>":
        number = int(flags)
        if not number & _UNCACHED_FLAGS:
            found = cache.compile(pattern, number)
            if found is not None:
                return found
    return _REAL_COMPILE(pattern, flags)


@contextmanager
def cached_regexes() -> Iterator[RegexCache | None]:
    """Import-time `re.compile` calls answered from the cache inside; the cache saved on the way out
    (by the process that entered: a forked worker leaves it alone)."""
    global _active
    engine = _engine()
    if engine is None or _active is not None or re.compile is not _REAL_COMPILE:
        yield None
        return
    version = engine_version()
    cache = RegexCache(cache_file(version), version, engine)
    owner = os.getpid()
    _active = cache
    re.compile = _cached_compile
    try:
        yield cache
    finally:
        re.compile = _REAL_COMPILE
        _active = None
        if os.getpid() == owner:
            cache.save()
