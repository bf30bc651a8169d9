"""The import graph of hw7grade's own modules has no cycle: dependencies point one way.

Every `import` and `from ... import` counts, including those inside functions (a lazy import is
still a dependency). Importing a submodule is an edge to that submodule, not to its package."""

from __future__ import annotations

import ast
from pathlib import Path

import hw7grade

PACKAGE = Path(hw7grade.__file__).resolve().parent


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["hw7grade", *path.relative_to(PACKAGE).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _imports(module: str, path: Path, is_package: bool, known: set[str]) -> set[str]:
    return {t for t in _all_imports(module, path, is_package, known) if t in known and t != module}


def _all_imports(module: str, path: Path, is_package: bool, known: set[str]) -> set[str]:
    """Every module `module` imports, its own package's and others (rich, typer, ...)."""
    here = module.split(".") if is_package else module.split(".")[:-1]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - (node.level - 1)] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                targets.add(sub if sub in known else target)
    return targets


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, pkg, set(modules)) for name, (path, pkg) in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_cycle_finder_finds_a_planted_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_graph_sees_lazy_and_relative_imports():
    graph = import_graph()
    assert "hw7grade.results" in graph["hw7grade.grading.score"]
    assert "hw7grade.rubric.model" in graph["hw7grade.rubric.listing"]  # imported inside a function


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def _importers(graph: dict[str, set[str]], prefix: str) -> set[str]:
    return {m for m, targets in graph.items() if any(t == prefix or t.startswith(prefix + ".") for t in targets)}


def test_only_the_command_line_imports_cli_and_only_commands_import_runs():
    graph = import_graph()
    assert _importers(graph, "hw7grade.cli") - {m for m in graph if m.startswith("hw7grade.cli")} == {
        "hw7grade.__main__"
    }
    assert {
        m for m in _importers(graph, "hw7grade.runs") if not m.startswith(("hw7grade.cli", "hw7grade.runs"))
    } == set()


def test_commands_hold_no_caching_retrying_or_scoring():
    graph = import_graph()
    below = {
        "hw7grade.providers.cache",
        "hw7grade.providers.asker",
        "hw7grade.providers.batch_base",
        "hw7grade.providers.retry",
        "hw7grade.grading.score",
    }
    commands = {m: graph[m] & below for m in graph if m.startswith("hw7grade.cli")}
    assert {m: t for m, t in commands.items() if t} == {}


def test_reports_do_not_reach_back_into_grading_or_runs():
    graph = import_graph()
    reports = [m for m in graph if m.startswith("hw7grade.report") or m == "hw7grade.results"]
    assert {
        m: sorted(t for t in graph[m] if t.startswith(("hw7grade.grading", "hw7grade.runs", "hw7grade.cli")))
        for m in reports
        if any(t.startswith(("hw7grade.grading", "hw7grade.runs", "hw7grade.cli")) for t in graph[m])
    } == {}


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


TERMINAL = ("rich", "typer", "hw7grade.cli", "hw7grade.report.console", "hw7grade.report.terminal")


def _prints(module: str) -> bool:
    return any(module == t or module.startswith(t + ".") for t in TERMINAL) or ".render_" in module


def test_the_gates_decide_without_printing():
    """report.gates takes values and returns values: nothing it reaches imports rich or a console."""
    modules = _modules()
    reached = _reachable(import_graph(), "hw7grade.report.gates")
    assert "hw7grade.report.baseline" in reached  # the walk follows the gates' own imports
    printing = {m: sorted(t for t in _all_imports(m, *modules[m], set(modules)) if _prints(t)) for m in reached}
    assert {m: t for m, t in printing.items() if t} == {}
    assert not [m for m in reached if _prints(m)]
