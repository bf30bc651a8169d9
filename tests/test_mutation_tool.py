"""tools/mutate.py still lists its mutants and builds them without touching the source (the run
itself is not part of the suite: see tests/README.md)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO / "tools" / "mutate.py"


def _tool():
    if "mutate_tool" not in sys.modules:
        spec = importlib.util.spec_from_file_location("mutate_tool", TOOL)
        module = importlib.util.module_from_spec(spec)
        sys.modules["mutate_tool"] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["mutate_tool"]


def test_list_names_each_mutant_and_the_count():
    proc = subprocess.run(
        [sys.executable, str(TOOL), "--list", "report/baseline.py"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = proc.stdout.splitlines()
    fraction = [l for l in lines if l.startswith("hw7grade/report/baseline.py:") and " score_fraction: " in l]
    assert sorted(l.rsplit(": ", 1)[1] for l in fraction) == [
        "binop:Div->Mult",
        "cmp0:Gt->GtE",
        "const:0->1",
        "const:0.0->1.0",
    ]
    assert lines[-1] == f"{len(lines) - 1} mutants"


def test_a_mutant_behaves_as_described_and_no_file_is_written(monkeypatch):
    import types

    from hw7grade.report.baseline import score_fraction

    tool = _tool()
    target = "hw7grade/report/baseline.py"
    source = (REPO / "src" / target).read_bytes()
    [flip] = [m for m in tool.mutants(target) if m.function == "score_fraction" and m.description == "cmp0:Gt->GtE"]
    module = types.ModuleType("hw7grade.report.baseline_mutant")
    module.__package__ = "hw7grade.report"
    monkeypatch.setitem(sys.modules, module.__name__, module)
    exec(tool.mutated_code(flip), module.__dict__)  # our own module's source, mutated
    assert score_fraction(1, 0) == 0.0
    with pytest.raises(ZeroDivisionError):
        module.score_fraction(1, 0)  # `maximum >= 0` divides by a zero maximum
    assert (REPO / "src" / target).read_bytes() == source
