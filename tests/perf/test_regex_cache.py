"""`regex_cache`: patterns compiled at import are answered from the cache file, equal to what
`re.compile` gives; nothing else is stored, and a damaged file is a miss, never an error."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hw7grade import regex_cache
from hw7grade.regex_cache import cache_file, cached_regexes, engine_version

REPO = Path(__file__).resolve().parents[2]
MODULE = 'import re\nWORD = re.compile(r"(?P<word>\\b\\w+\\b)\\s*[,;]?", re.I)\nDIGITS = re.compile("[0-9]+")\n'


def _import(source: str) -> dict:
    """Run `source` as a module's top level (what an import runs)."""
    namespace: dict = {}
    exec(compile(source, "<a module>", "exec"), namespace)
    return namespace


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("HW7GRADE_CACHE_DIR", str(tmp_path))


def _stored() -> list:
    return json.loads(cache_file(engine_version()).read_text())["patterns"]


def test_a_module_s_patterns_are_stored_then_read_back_equal():
    with cached_regexes() as first:
        fresh = _import(MODULE)
    assert first is not None and first.hits == 0
    assert sorted(p[0] for p in _stored()) == ["(?P<word>\\b\\w+\\b)\\s*[,;]?", "[0-9]+"]
    with cached_regexes() as second:
        cached = _import(MODULE)
    assert second is not None and second.hits == 2 and not second.dirty
    for name in ("WORD", "DIGITS"):
        assert cached[name] == fresh[name] == re.compile(fresh[name].pattern, fresh[name].flags & ~re.U)
        assert cached[name].groupindex == fresh[name].groupindex
    assert cached["WORD"].match("Hello, world").group("word") == "Hello"
    assert re.compile is regex_cache._REAL_COMPILE  # put back on the way out


def test_patterns_built_inside_functions_bytes_and_debug_flags_are_not_stored():
    source = (
        "import re\n"
        "def build(word):\n    return re.compile(re.escape(word) + 'x')\n"
        "BUILT = build('secret answer')\n"
        "RAW = re.compile(b'[a-z]+')\n"
        "PLAIN = re.compile('[a-z]+')\n"
    )
    with cached_regexes():
        namespace = _import(source)
    assert [p[0] for p in _stored()] == ["[a-z]+"]
    assert namespace["BUILT"].pattern == "secret\\ answerx" and namespace["RAW"].pattern == b"[a-z]+"


def test_a_bad_pattern_fails_as_re_compile_does():
    with cached_regexes(), pytest.raises(re.error, match="unterminated character set"):
        _import("import re\nBAD = re.compile('[a-z')\n")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: "not json",
        lambda data: json.dumps({**data, "engine": "another python"}),
        lambda data: json.dumps({**data, "patterns": [["[0-9]+", 0]]}),
        lambda data: json.dumps(
            {**data, "patterns": [[p, f, ff, [7, 7, 7], *rest] for p, f, ff, _, *rest in data["patterns"]]}
        ),
        lambda data: json.dumps(
            {**data, "patterns": [[p, f, ff, ["x"], *rest] for p, f, ff, _, *rest in data["patterns"]]}
        ),
    ],
)
def test_a_damaged_file_is_a_miss_and_is_rewritten(damage):
    with cached_regexes():
        fresh = _import(MODULE)
    path = cache_file(engine_version())
    path.write_text(damage(json.loads(path.read_text())))
    with cached_regexes() as cache:
        again = _import(MODULE)
    assert cache is not None and cache.hits == 0 and cache.dirty
    assert again["WORD"] == fresh["WORD"] and again["DIGITS"] == fresh["DIGITS"]
    assert len(_stored()) == 2  # rewritten whole


def test_every_hw7grade_module_s_patterns_equal_re_compile_s(tmp_path):
    """All of hw7grade imported twice in fresh processes: the second answers from the cache, and
    every pattern it gives equals a fresh compile of the same text and flags."""
    probe = (
        "import importlib, json, pkgutil, re, sys\n"
        "import hw7grade\n"
        "from hw7grade.regex_cache import cached_regexes\n"
        "with cached_regexes() as cache:\n"
        "    for m in pkgutil.walk_packages(hw7grade.__path__, 'hw7grade.'):\n"
        "        if m.name != 'hw7grade.__main__':\n"
        "            importlib.import_module(m.name)\n"
        "fresh = {key: re.compile(*key) for key in cache.compiled}\n"
        "bad = [k[0] for k, c in cache.compiled.items() if (c, c.groupindex) != (fresh[k], fresh[k].groupindex)]\n"
        "print(json.dumps([cache.hits, len(cache.compiled), bad]))\n"
    )
    env = {**os.environ, "HW7GRADE_CACHE_DIR": str(tmp_path)}
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=REPO, check=True
            ).stdout
        )
        for _ in range(2)
    ]
    (first_hits, first_count, first_bad), (hits, count, bad) = runs
    assert first_hits == 0 and first_count > 100 and first_bad == []
    assert hits == count == first_count and bad == []
