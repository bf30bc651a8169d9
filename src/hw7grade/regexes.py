"""hw7grade's own regular expressions, compiled once per machine instead of once per run.

Python compiles a pattern with Python code (`re._parser`, then `re._compiler`); hw7grade's few
hundred patterns cost about 50 ms of every process, a sixth of grading one file. `regex()` gives
what `re.compile` gives, and keeps each pattern's compiled program (the `_sre` engine's code words,
group count and group names) in one JSON file in the cache folder, named by the Python build and the
engine's version. A later run hands the engine the program and skips the parsing.

- The engine checks every program it is handed and refuses a malformed one; any failure, or a file
  that is missing, damaged or of another shape, compiles the pattern as usual. The cache can only
  make a run faster.
- Only pattern texts written in hw7grade's source go through `regex()`; patterns built from a
  rubric or from model text use `re` and its own in-process cache.
- `save_regexes()` (called once as the command ends) writes the file only when this run compiled a
  pattern the file lacked, atomically and private, like the other caches.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the engine `re` itself builds patterns with
import json
import os
import re
import sys
from array import array
from base64 import b64decode, b64encode
from pathlib import Path
from typing import Any

from .cache_folder import cache_folder

REGEX_DIRNAME = "regex"
REGEX_SCHEMA = "hw7grade.regex-programs/1"
CODE_WORD = "I"
"""The array type of the engine's code words (`_sre.CODESIZE` bytes), kept as base64 in the file."""
MAX_PROGRAMS = 4000
"""Programs kept in the file: those of this run, plus earlier ones while the total stays under this."""

Program = tuple[int, str, int, dict[str, int], list[str | None]]
"""(flags with the pattern's inline flags, code words in base64, group count, group names, names by index)"""

_programs: dict[tuple[str, int], Any] | None = None
"""The file's rows by pattern, each checked only when its pattern is asked for (`_program_of`)."""
_used: dict[tuple[str, int], Program] = {}
_missed = False
_loader_pid = 0


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the compiled program cached on disk when there is one."""
    global _missed
    flags = int(flags)
    key = (pattern, flags)
    row = _known().get(key)
    if row is not None:
        try:
            program = _program_of(row)
            compiled = _build(pattern, program)
        except Exception:  # noqa: BLE001  # not a program, or refused by the engine: compile it as usual
            pass
        else:
            _used[key] = program
            return compiled
    try:
        program = _program(pattern, flags)
    except re.error:
        raise
    except Exception:  # noqa: BLE001  # this Python's compiler is not the one expected: no cache
        return re.compile(pattern, flags)
    _used[key] = program
    _missed = True
    return _build(pattern, program)


def save_regexes() -> None:
    """Write this run's programs (and earlier ones, up to `MAX_PROGRAMS`) if one was missing."""
    global _missed
    if not _missed or os.getpid() != _loader_pid:  # nothing new, or a worker process
        return
    _missed = False
    rows = {**(_programs or {}), **{key: [*key, *program] for key, program in _used.items()}}
    if len(rows) > MAX_PROGRAMS:
        rows = {key: [*key, *program] for key, program in _used.items()}
    from .atomic import write_text_atomic
    from .errors import Hw7gradeError

    try:
        data = {"schema": REGEX_SCHEMA, "programs": list(rows.values())}
        write_text_atomic(regex_cache_file(), json.dumps(data), private=True)
    except Hw7gradeError:
        pass  # a read-only or full disk only costs the next run its speed


def regex_cache_file() -> Path:
    version = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return cache_folder() / REGEX_DIRNAME / f"{version}.json"


def _known() -> dict[tuple[str, int], Any]:
    global _programs, _loader_pid
    if _programs is None:
        _loader_pid = os.getpid()
        _programs = _read(regex_cache_file())
    return _programs


def _read(path: Path) -> dict[tuple[str, int], Any]:
    """The file's rows by (pattern, flags); {} if it is missing, damaged or of another schema."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("schema") != REGEX_SCHEMA:
            return {}
        return {(row[0], row[1]): row for row in data["programs"] if isinstance(row, list) and len(row) == 7}
    except Exception:  # noqa: BLE001  # missing or damaged: every pattern compiles as usual
        return {}


def _program_of(row: Any) -> Program:
    """A file row as a program, or ValueError if it is not one."""
    _pattern, _flags, final_flags, code, groups, names, by_index = row
    if not (
        all(type(n) is int for n in (final_flags, groups))
        and isinstance(code, str)
        and isinstance(names, dict)
        and all(isinstance(k, str) and type(v) is int for k, v in names.items())
        and isinstance(by_index, list)
        and all(name is None or isinstance(name, str) for name in by_index)
    ):
        raise ValueError("not a compiled pattern")
    return (final_flags, code, groups, names, by_index)


def _program(pattern: str, flags: int) -> Program:
    """What `re._compiler.compile` hands the engine for `pattern`."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    if array(CODE_WORD).itemsize != _sre.CODESIZE:
        raise TypeError("code words of another size")
    parsed = _parser.parse(pattern, flags)
    code = b64encode(array(CODE_WORD, _compiler._code(parsed, flags)).tobytes()).decode("ascii")
    names = dict(parsed.state.groupdict)
    by_index: list[str | None] = [None] * parsed.state.groups
    for name, index in names.items():
        by_index[index] = name
    return (flags | parsed.state.flags, code, parsed.state.groups, names, by_index)


def _build(pattern: str, program: Program) -> re.Pattern[str]:
    final_flags, code, groups, names, by_index = program
    words = array(CODE_WORD, b64decode(code, validate=True)).tolist()
    return _sre.compile(pattern, final_flags, words, groups - 1, names, tuple(by_index))
