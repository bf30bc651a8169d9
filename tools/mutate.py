"""A small mutation run: plant one bug at a time in a module and see whether its tests notice.

    .venv/bin/python tools/mutate.py                      # every target below
    .venv/bin/python tools/mutate.py checks/numbers.py    # targets whose path contains this
    .venv/bin/python tools/mutate.py --list               # the mutants, without running them

Not part of CI (it takes a while); see tests/README.md for what it does and its last result.

How it stays quick and leaves the source alone: one parent process imports hw7grade and pytest
once; each mutant runs in a forked child, which compiles the mutated copy of the module *in
memory*, swaps the code of the one function that changed into the live function object(s), and
runs that target's tests with `pytest.main`. No file under src/ is ever written. Only code inside
function bodies is mutated (not decorators, defaults, class or module level constants).

Operators: comparison flips (< <=, > >=, == !=, in / not in, is / is not), and <-> or, dropping a
`not`, + <-> -, * <-> /, += <-> -=, True <-> False, and a number n -> n + 1 (floats: x 2).
A mutant is *killed* when its tests fail, and *survives* when they pass. One that runs past the time
limit is reported apart (on a busy machine a surviving mutant can simply be slow); `--resume`
runs those again with a longer limit.
"""

from __future__ import annotations

import argparse
import ast
import gc
import importlib
import json
import os
import signal
import sys
import time
import types
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"

CHECKS = SRC / "hw7grade" / "checks"


def _check_tests(module: Path) -> list[str]:
    """A check's own table of cases, and the rubrics' known answers, which run every check."""
    own = REPO / "tests" / "checks" / f"test_{module.stem}.py"
    return [str(own.relative_to(REPO)) if own.exists() else "tests/checks", "tests/test_rubric_cases.py"]


TARGETS: dict[str, list[str]] = {
    "hw7grade/report/baseline.py": [
        "tests/report/test_baseline.py",
        "tests/report/test_markdown.py",
        "tests/report/test_compare.py",
        "tests/cli/test_gates.py",
    ],
    "hw7grade/providers/retry.py": ["tests/providers/test_retry.py"],
    **{f"hw7grade/checks/{p.name}": _check_tests(p) for p in sorted(CHECKS.glob("*.py")) if p.name != "__init__.py"},
}
"""Each target and the tests run against its mutants: the ones written for it, chosen to be quick (none
uses hypothesis; the CLI `ask` and report-writer tests that also cover them are left out for time)."""
PYTEST_ARGS = [
    "-x",
    "-q",
    "-p",
    "no:cacheprovider",
    "-p",
    "no:hypothesispytest",
    "--no-header",
    "-o",
    "addopts=",
    "--timeout=60",
]

_COMPARE_SWAP = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOP_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}


@dataclass(frozen=True)
class Mutant:
    target: str
    index: int
    line: int
    function: str
    description: str


def _sites(node: ast.AST) -> list[tuple[ast.AST, str]]:
    """The mutations one AST node offers, as (node, description); applied by `_apply`."""
    out: list[tuple[ast.AST, str]] = []
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in _COMPARE_SWAP:
                out.append((node, f"cmp{i}:{type(op).__name__}->{_COMPARE_SWAP[type(op)].__name__}"))
    elif isinstance(node, ast.BoolOp):
        out.append((node, f"boolop:{type(node.op).__name__}->{'Or' if isinstance(node.op, ast.And) else 'And'}"))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        out.append((node, "drop not"))
    elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BINOP_SWAP:
        out.append((node, f"binop:{type(node.op).__name__}->{_BINOP_SWAP[type(node.op)].__name__}"))
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        out.append((node, f"const:{node.value}->{not node.value}"))
    elif isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        new = node.value + 1 if isinstance(node.value, int) else (node.value * 2 if node.value else 1.0)
        out.append((node, f"const:{node.value!r}->{new!r}"))
    return out


def _apply(node: ast.AST, description: str) -> None:
    kind, _, change = description.partition(":")
    if kind.startswith("cmp"):
        i = int(kind[3:])
        node.ops[i] = _COMPARE_SWAP[type(node.ops[i])]()  # type: ignore[attr-defined]
    elif kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()  # type: ignore[attr-defined]
    elif kind == "binop":
        node.op = _BINOP_SWAP[type(node.op)]()  # type: ignore[attr-defined]
    elif kind == "const":
        value = node.value  # type: ignore[attr-defined]
        if isinstance(value, bool):
            node.value = not value  # type: ignore[attr-defined]
        elif isinstance(value, int):
            node.value = value + 1  # type: ignore[attr-defined]
        else:
            node.value = value * 2 if value else 1.0  # type: ignore[attr-defined]


class _NotDropper(ast.NodeTransformer):
    def __init__(self, target: ast.AST) -> None:
        self.target = target

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        return node.operand if node is self.target else node


def _function_nodes(tree: ast.Module) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """(qualname, node) for every def not nested in another def: the unit whose code is swapped."""
    found = []

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((prefix + stmt.name, stmt))
            elif isinstance(stmt, ast.ClassDef):
                walk(stmt.body, prefix + stmt.name + ".")

    walk(tree.body, "")
    return found


def _mutation_sites(tree: ast.Module) -> list[tuple[str, ast.AST, str]]:
    sites = []
    for qualname, fn in _function_nodes(tree):
        for stmt in fn.body:
            for node in ast.walk(stmt):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    continue
                if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                    continue  # docstrings
                for site, description in _sites(node):
                    sites.append((qualname, site, description))
    # Docstring constants and f-string pieces are strings, skipped above; ast.walk order is stable.
    return sites


def mutants(target: str) -> list[Mutant]:
    tree = ast.parse((SRC / target).read_text(encoding="utf-8"))
    return [
        Mutant(target, i, getattr(node, "lineno", 0), qualname, description)
        for i, (qualname, node, description) in enumerate(_mutation_sites(tree))
    ]


def mutated_code(mutant: Mutant) -> types.CodeType:
    """The module compiled with this one mutation, from a fresh parse of its source."""
    path = SRC / mutant.target
    tree = ast.parse(path.read_text(encoding="utf-8"))
    _, node, description = _mutation_sites(tree)[mutant.index]
    if description == "drop not":
        tree = _NotDropper(node).visit(tree)
    else:
        _apply(node, description)
    ast.fix_missing_locations(tree)
    return compile(tree, str(path), "exec", dont_inherit=True)


def _code_by_qualname(code: types.CodeType, qualname: str) -> types.CodeType | None:
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            if const.co_qualname == qualname:
                return const
            inner = _code_by_qualname(const, qualname)
            if inner is not None:
                return inner
    return None


def _swap_code(mutant: Mutant) -> int:
    """Give every live function object of the mutated def the mutated code; how many were changed."""
    new = _code_by_qualname(mutated_code(mutant), mutant.function)
    if new is None:
        return 0
    filename = str(SRC / mutant.target)
    changed = 0
    for obj in gc.get_objects():
        if (
            isinstance(obj, types.FunctionType)
            and obj.__code__.co_filename == filename
            and obj.__code__.co_qualname == mutant.function
        ):
            obj.__code__ = new
            changed += 1
    return changed


def _module_name(target: str) -> str:
    return target.removesuffix(".py").replace("/", ".")


def _run_child(mutant: Mutant | None, tests: list[str], quiet: bool) -> int:
    os.chdir(REPO)
    if quiet:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    if mutant is not None and _swap_code(mutant) == 0:
        return 99  # nothing to swap: the function is never defined at run time
    import pytest

    return int(pytest.main([*PYTEST_ARGS, *tests]))


def run(mutant: Mutant | None, tests: list[str], timeout: float, quiet: bool = True) -> tuple[str, float]:
    """('killed' | 'survived' | 'timeout' | 'not applied', seconds) for one mutant in a forked child."""
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = _run_child(mutant, tests, quiet)
        finally:
            os._exit(code)
    deadline = start + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout", time.monotonic() - start
        time.sleep(0.05)
    code = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - start
    if code == 99:
        return "not applied", elapsed
    return ("survived" if code == 0 else "killed"), elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "only",
        nargs="*",
        help="run only targets whose path contains one of these "
        "(with --resume: run these again in full, besides the time-outs)",
    )
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--jobs", type=int, default=4, help="mutants run at once (default 4)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--resume",
        type=Path,
        help="a previous --json: run again only its timed-out mutants (with --timeout-factor), keep its other results",
    )
    parser.add_argument(
        "--timeout-factor",
        type=float,
        default=3.0,
        help="a mutant may take this many times the unmutated run (default 3; at least 30 s)",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "tests"))
    named = lambda t: any(o in t for o in args.only)  # noqa: E731
    targets = {t: tests for t, tests in TARGETS.items() if args.resume or not args.only or named(t)}
    every = [m for t in targets for m in mutants(t)]
    kept: list[tuple[Mutant, str, float]] = []
    if args.resume:
        # Mutants are matched by (target, line, function, mutation); all mutants sharing a key with a
        # time-out run again, and every earlier result under that key is replaced.
        old = json.loads(args.resume.read_text(encoding="utf-8"))
        key = lambda r: (r["target"], r["line"], r["function"], r["mutation"])  # noqa: E731
        again = {key(r) for r in old if r["outcome"] == "timeout" or named(r["target"])}
        by_key = {(m.target, m.line, m.function, m.description): m for m in every}
        kept = [(by_key[key(r)], r["outcome"], 0.0) for r in old if key(r) not in again and key(r) in by_key]
        every = [m for m in every if (m.target, m.line, m.function, m.description) in again]
        targets = {t: tests for t, tests in targets.items() if any(m.target == t for m in every)}
    if args.list:
        for m in every:
            print(f"{m.target}:{m.line} {m.function}: {m.description}")
        print(f"{len(every)} mutants")
        return 0

    for target in targets:  # imported once here; every child inherits them
        importlib.import_module(_module_name(target))
    import pytest  # noqa: F401

    import hw7grade.cli  # noqa: F401

    limits: dict[str, float] = {}
    for target, tests in targets.items():
        key = " ".join(tests)
        if key in limits:
            continue
        outcome, seconds = run(None, tests, timeout=900)
        if outcome != "survived":
            print(f"the tests of {target} fail without any mutation: fix them first ({key})")
            return 2
        limits[key] = max(30.0, args.timeout_factor * seconds)
        print(f"unmutated: {key} passes in {seconds:.1f}s")

    results: list[tuple[Mutant, str, float]] = list(kept)
    running: dict[int, tuple[Mutant, float]] = {}
    queue = list(every)
    started = time.monotonic()
    # Up to --jobs children at once, each started by run() in its own forked supervisor.
    while queue or running:
        while queue and len(running) < args.jobs:
            m = queue.pop(0)
            pid = os.fork()
            if pid == 0:
                outcome, seconds = run(m, targets[m.target], limits[" ".join(targets[m.target])])
                os._exit({"killed": 0, "survived": 1, "timeout": 2, "not applied": 3}[outcome])
            running[pid] = (m, time.monotonic())
        pid, status = os.wait()
        m, t0 = running.pop(pid)
        outcome = ["killed", "survived", "timeout", "not applied"][os.waitstatus_to_exitcode(status)]
        results.append((m, outcome, time.monotonic() - t0))
        mark = "SURVIVED" if outcome == "survived" else outcome
        print(
            f"[{len(results) - len(kept)}/{len(every)}] {mark:11} {m.target}:{m.line} {m.function}: {m.description}",
            flush=True,
        )

    counts = {k: sum(1 for _, o, _ in results if o == k) for k in ("killed", "timeout", "survived", "not applied")}
    print(
        f"\n{len(results)} mutants: {counts['killed']} killed, {counts['survived']} survived, "
        f"{counts['timeout']} timed out (counted neither way; --resume runs them again), "
        f"{counts['not applied']} not applied; {time.monotonic() - started:.0f}s"
    )
    per_target: dict[str, list[int]] = {}
    for m, outcome, _ in results:
        row = per_target.setdefault(m.target, [0, 0])
        row[0] += 1
        row[1] += outcome == "survived"
    for target, (n, survived) in per_target.items():
        print(f"  {target}: {n} mutants, {survived} survived")
    survivors = sorted((m for m, o, _ in results if o == "survived"), key=lambda m: (m.target, m.line))
    if survivors:
        print("Survivors:")
        for m in survivors:
            print(f"  {m.target}:{m.line} {m.function}: {m.description}")
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "target": m.target,
                        "line": m.line,
                        "function": m.function,
                        "mutation": m.description,
                        "outcome": o,
                    }
                    for m, o, _ in results
                ],
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
