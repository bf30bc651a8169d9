"""Patterns built from cached programs behave as `re.compile`'s, and a bad cache only costs speed."""

from __future__ import annotations

import ast
import base64
import json
import os
import re
import stat
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

import hw7grade
import hw7grade.cli.grade  # noqa: F401  # the grading stack and its patterns
import hw7grade.grading.files  # noqa: F401
from hw7grade import regexes
from hw7grade.regexes import regex, regex_cache_file, save_regexes

REPO = Path(__file__).resolve().parents[1]
PACKAGE = Path(hw7grade.__file__).parent
SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((REPO / "transcripts").glob("*.md"))]
PATTERN = (r"(?P<part>Q\d+)\s*\((?P<letter>[a-z])\)|(?i:answer):", re.M)


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache folder, and `regexes` as a new process finds it."""
    monkeypatch.setenv("HW7GRADE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexes, "_programs", None)
    monkeypatch.setattr(regexes, "_used", {})
    monkeypatch.setattr(regexes, "_missed", False)
    return tmp_path


def _same(built: re.Pattern[str], pattern: str, flags: int) -> None:
    expected = re.compile(pattern, flags)
    assert (built.pattern, built.flags, built.groups, built.groupindex) == (
        expected.pattern,
        expected.flags,
        expected.groups,
        expected.groupindex,
    )
    for text in SAMPLES:
        assert [m.span() for m in built.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_every_pattern_of_hw7grade_read_back_from_the_file_matches_as_re_compile_does(tmp_path, monkeypatch):
    known = dict(regexes._used)  # every pattern of the grading stack, imported above
    assert len(known) > 200
    monkeypatch.setenv("HW7GRADE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexes, "_missed", True)
    monkeypatch.setattr(regexes, "_loader_pid", os.getpid())
    monkeypatch.setattr(regexes, "_programs", {})  # only this run's programs, none a file gave before
    save_regexes()
    read = {key: regexes._program_of(row) for key, row in regexes._read(regex_cache_file()).items()}
    assert read == known
    for (pattern, flags), program in read.items():
        _same(regexes._build(pattern, program), pattern, flags)


def test_a_miss_is_written_once_private_and_a_hit_compiles_nothing(fresh, monkeypatch):
    first = regex(*PATTERN)
    save_regexes()
    path = regex_cache_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.parent == fresh / regexes.REGEX_DIRNAME
    written = path.stat().st_mtime_ns
    monkeypatch.setattr(regexes, "_programs", None)  # as the next run
    monkeypatch.setattr(regexes, "_program", lambda *_: pytest.fail("compiled again on a hit"))
    _same(regex(*PATTERN), *PATTERN)
    save_regexes()
    assert path.stat().st_mtime_ns == written
    assert first.pattern == PATTERN[0]


REFUSED_CODE = base64.b64encode(array(regexes.CODE_WORD, [1, 2, 3]).tobytes()).decode()


def _file(rows: object, schema: str = regexes.REGEX_SCHEMA) -> bytes:
    return json.dumps({"schema": schema, "programs": rows}).encode()


DAMAGED = {
    "not JSON": b"\x80\x05K\x01.",
    "empty": b"",
    "another schema": _file([], schema="hw7grade.regex-programs/0"),
    "a row of another shape": _file([[PATTERN[0], PATTERN[1], 0]]),
    "a code that is not base64": _file([[PATTERN[0], int(PATTERN[1]), 32, "!!", 2, {"part": 1}, [None, "part"]]]),
    "code words the engine refuses": _file(
        [[PATTERN[0], int(PATTERN[1]), 32, REFUSED_CODE, 3, {"part": 1, "letter": 2}, [None, "part", "letter"]]]
    ),
    "a flag that is text": _file([[PATTERN[0], "8", 32, "AAAA", 3, {}, []]]),
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_or_foreign_file_compiles_as_usual_and_is_rewritten(fresh, content):
    path = regex_cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    _same(regex(*PATTERN), *PATTERN)
    save_regexes()
    assert path.read_bytes() != content
    assert (PATTERN[0], int(PATTERN[1])) in regexes._read(path)


def test_a_bad_pattern_fails_as_re_compile_fails(fresh):
    with pytest.raises(re.error, match="missing \\)"):
        regex("(unclosed")


def test_a_worker_process_writes_nothing(fresh, monkeypatch):
    regex(*PATTERN)
    monkeypatch.setattr(regexes, "_loader_pid", os.getpid() + 1)
    save_regexes()
    assert not regex_cache_file().exists()


def test_a_full_file_keeps_only_this_runs_programs(fresh, monkeypatch):
    regex(*PATTERN)
    save_regexes()
    monkeypatch.setattr(regexes, "MAX_PROGRAMS", 1)
    monkeypatch.setattr(regexes, "_programs", None)  # as the next run
    monkeypatch.setattr(regexes, "_used", {})
    regex(r"\bsos\b")
    save_regexes()
    assert list(regexes._read(regex_cache_file())) == [(r"\bsos\b", 0)]


def test_a_second_command_reads_the_file_and_reports_the_same(tmp_path):
    env = {**os.environ, "HW7GRADE_CACHE_DIR": str(tmp_path)}
    run = [sys.executable, "-m", "hw7grade", "grade", str(REPO / "transcripts" / "claude-cursor-q7.md")]
    first = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    [path] = (tmp_path / regexes.REGEX_DIRNAME).iterdir()
    written = path.stat().st_mtime_ns
    second = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert second.stdout == first.stdout and "q7a" in first.stdout
    assert path.stat().st_mtime_ns == written  # every pattern was a hit: nothing to write


def _module_level_re_compiles(tree: ast.AST) -> list[int]:
    found, stack = [], [(tree, False)]
    while stack:
        node, in_function = stack.pop()
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            func = getattr(child, "func", None)
            if not inside and isinstance(func, ast.Attribute) and func.attr == "compile":
                if isinstance(func.value, ast.Name) and func.value.id == "re":
                    found.append(child.lineno)
            stack.append((child, inside))
    return found


def test_hw7grades_own_patterns_go_through_the_cache():
    planted = "import re\nX = re.compile('a')\ndef f():\n    re.compile('b')\n"
    assert _module_level_re_compiles(ast.parse(planted)) == [2]
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "regexes.py" and (lines := _module_level_re_compiles(ast.parse(path.read_text("utf-8"))))
    }
    assert found == {}
