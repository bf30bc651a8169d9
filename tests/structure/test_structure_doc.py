"""docs/structure.md stays true: its "after" tree is the package's modules, and the imports that
point up its layers are exactly the ones it lists."""

from __future__ import annotations

import re
from pathlib import Path

from .test_import_graph import PACKAGE, import_graph

DOC = Path(__file__).resolve().parents[2] / "docs" / "structure.md"


def _block(name: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"<!-- {name} -->")
    return text[start : text.index("<!-- end ", start)]


def _unit(module: str) -> str:
    """The layer a module belongs to: its subpackage, a top-level module's own name, `hw7grade`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "hw7grade"


def documented_tree(block: str) -> set[str]:
    """Module paths (`report/gates`, `errors`) from the tree's lines; a line without `pkg/` continues
    the package above it."""
    found: set[str] = set()
    package = ""
    for line in block.strip("`\n").splitlines():
        if not line.startswith("  "):
            continue
        words = line.split()
        if words[0].endswith("/"):
            package, words = words[0], words[1:]
        elif not line.startswith("   "):
            package = ""
        found.update(package + w for w in words)
    return found


def actual_tree() -> set[str]:
    return {
        str(p.relative_to(PACKAGE).with_suffix(""))
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" and "__pycache__" not in p.parts
    }


def upward_imports(rows: list[str]) -> set[str]:
    rank = {unit: i for i, row in enumerate(reversed(rows)) for unit in row.split()}
    return {f"{m} -> {t}" for m, targets in import_graph().items() for t in targets if rank[_unit(t)] > rank[_unit(m)]}


def test_the_tree_parser_reads_packages_and_continuation_lines():
    block = "```\nsrc/hw7grade/\n  errors results\n  report/  gates html\n                outputs\n```"
    assert documented_tree(block) == {"errors", "results", "report/gates", "report/html", "report/outputs"}


def test_the_after_tree_lists_every_module():
    documented, actual = documented_tree(_block("tree: after")), actual_tree()
    assert {"missing from docs/structure.md": sorted(actual - documented), "gone": sorted(documented - actual)} == {
        "missing from docs/structure.md": [],
        "gone": [],
    }


def test_every_layer_is_a_package_or_top_level_module():
    rows = [line for line in _block("layers").splitlines() if line and not line.startswith(("<!--", "```"))]
    assert {_unit(m) for m in import_graph()} == {unit for row in rows for unit in row.split()}


def test_the_imports_up_the_layers_are_the_listed_ones():
    rows = [line for line in _block("layers").splitlines() if line and not line.startswith(("<!--", "```"))]
    listed = set(re.findall(r"^- `([\w.]+ -> [\w.]+)`", _block("exceptions"), re.M))
    assert len(listed) == 12  # the doc says twelve
    assert sorted(upward_imports(rows)) == sorted(listed)
