"""Start-up paths stay light: `--help` and `rubrics` import no sympy, numpy, SDK (or, for a
cached `rubrics` listing, pydantic, YAML or rich). Checked through `sys.modules`, not timings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = ["sympy", "numpy", "openai", "anthropic"]
LISTING_HEAVY = HEAVY + ["pydantic", "yaml", "rich"]

PROBE = """
import json, sys
sys.argv = ["hw7grade", *json.loads(sys.argv[1])]
from hw7grade.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in json.loads(sys.argv_heavy))))
"""


def _loaded(args: list[str], heavy: list[str], cache_dir: Path) -> list[str]:
    code = PROBE.replace("json.loads(sys.argv_heavy)", repr(heavy))
    env = {**os.environ, "HW7GRADE_CACHE_DIR": str(cache_dir)}
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps(args)], capture_output=True, text=True, env=env, cwd=REPO, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_help_imports_nothing_heavy(tmp_path):
    assert _loaded(["--help"], LISTING_HEAVY, tmp_path) == []


@pytest.mark.parametrize("args", [["rubrics"], ["rubrics", "--rubrics", str(REPO / "rubrics")]])
def test_cached_rubric_listing_imports_nothing_heavy(tmp_path, args):
    cold = _loaded(args, LISTING_HEAVY, tmp_path)
    assert "pydantic" in cold  # the first listing validates the rubrics
    assert not set(HEAVY) & {m.split(".")[0] for m in cold}
    assert _loaded(args, LISTING_HEAVY + ["typer"], tmp_path) == []  # later ones read the cached listing


FORK_PROBE = """
import json, os, sys
forks = []
real_fork = os.fork
os.fork = lambda: forks.append(1) or real_fork()
sys.argv = ["hw7grade", *json.loads(sys.argv[1])]
from hw7grade.cli import main
try:
    main()
except SystemExit:
    pass
mine = sorted(m for m in sys.modules if m.startswith(("multiprocessing", "hw7grade")))
print(json.dumps({"forks": len(forks), "modules": mine}))
"""


def _forks_and_modules(args: list[str], cache_dir: Path) -> dict:
    env = {**os.environ, "HW7GRADE_CACHE_DIR": str(cache_dir)}
    out = subprocess.run(
        [sys.executable, "-c", FORK_PROBE, json.dumps(args)], capture_output=True, text=True, env=env, cwd=REPO
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_grading_one_file_starts_no_worker_process(tmp_path):
    found = _forks_and_modules(["grade", "transcripts/claude-cursor-q7.md"], tmp_path)
    assert found["forks"] == 0
    assert "hw7grade.grading.worker_pool" not in found["modules"]
    assert not [m for m in found["modules"] if m.startswith("multiprocessing")]
    assert "hw7grade.grading.score" in found["modules"]  # it was graded, here
    assert "hw7grade.algebra.equivalence" not in found["modules"]  # no matrix algebra in a q7 chat
    assert "hw7grade.judge.model" not in found["modules"]  # nor a judge
    assert "hw7grade.report.samples" not in found["modules"]  # nor a part graded twice to tabulate


def test_a_class_sized_batch_still_grades_in_workers(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    text = (REPO / "transcripts" / "claude-cursor-q7.md").read_text(encoding="utf-8")
    for i in range(32):
        (folder / f"{i:02d}.md").write_text(text + f"\n\nThanks ({i})\n", encoding="utf-8")
    found = _forks_and_modules(["grade", str(folder), "--quiet"], tmp_path / "cache")
    assert found["forks"] >= 1
    assert "hw7grade.grading.worker_pool" in found["modules"]


def test_grading_one_file_imports_no_typer(tmp_path):
    """`grade FILE` is parsed from `cli.params` (typer: 0.13 s of start-up); `--help` still needs typer."""
    assert _loaded(["grade", "transcripts/claude-cursor-q7.md"], ["typer"], tmp_path) == []
    assert _loaded(["grade", "--help"], ["typer"], tmp_path) != []
