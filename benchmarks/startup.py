"""Start-up cost: `python -c "import typer"` vs `hw7grade --help`, `hw7grade rubrics` and a first `grade`.

Run: `.venv/bin/python benchmarks/startup.py [--repeat 15]`. Each command runs in a fresh process
(wall time and CPU time, user + system, min/median/max); ratios are to `import typer`, the floor
any typer CLI pays. The `rubrics` listing is timed with a cold cache (first run after a rubric
edit: full validation) and warm (every later run), each with its own `HW7GRADE_CACHE_DIR`.
`grade` grades one bundled chat that answers all four questions (q3b math included) and one that
answers question 7 with human labels (the agreement tables too). Prints figures only; asserts
nothing. Byte code is written once and reused (`PYTHONDONTWRITEBYTECODE` is dropped for the
children), as on a user's machine. `--base DIR` runs every command a second time, alternated, with
`DIR/src` first on `PYTHONPATH` (another commit's code: `git archive COMMIT | tar -x -C DIR`).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ONE_FILE = REPO / "transcripts" / "chatgpt-4o-hw7.md"
LABELLED_FILE = REPO / "transcripts" / "claude-cursor-q7.md"


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per command (default 15)")
    parser.add_argument("--base", type=Path, help="a checkout of the code to compare with (its src/ is imported)")
    args = parser.parse_args()
    hw7grade = str(BIN / "hw7grade")
    with tempfile.TemporaryDirectory(prefix="hw7grade-startup-") as tmp:
        warm_cache = Path(tmp) / "warm"
        env = {**os.environ, "HW7GRADE_CACHE_DIR": str(warm_cache)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cold_dirs = [Path(tmp) / f"cold{i}" for i in range(args.repeat)]
        commands: list[tuple[str, list[str], Callable[[int], dict[str, str]]]] = [
            ('python -c "import typer"', [sys.executable, "-c", "import typer"], lambda i: env),
            ("hw7grade --help", [hw7grade, "--help"], lambda i: env),
            ("hw7grade rubrics (warm cache)", [hw7grade, "rubrics"], lambda i: env),
            (
                "hw7grade rubrics (cold cache)",
                [hw7grade, "rubrics"],
                lambda i: {**env, "HW7GRADE_CACHE_DIR": str(cold_dirs[i])},
            ),
            (
                f"hw7grade grade {ONE_FILE.relative_to(REPO)}",
                [hw7grade, "grade", str(ONE_FILE), "--rubrics", str(REPO / "rubrics")],
                lambda i: env,
            ),
            (
                f"hw7grade grade {LABELLED_FILE.relative_to(REPO)}",
                [hw7grade, "grade", str(LABELLED_FILE), "--rubrics", str(REPO / "rubrics")],
                lambda i: env,
            ),
        ]
        if args.base is not None:  # each command's twin on the base code, right after it
            base_src = str(args.base.resolve() / "src")
            # ... with the base's own rubrics: a rubric field it does not know yet would fail it early
            base_rubrics = str(args.base.resolve() / "rubrics")
            commands = [
                twin
                for name, argv, env_for in commands
                for twin in (
                    (name, argv, env_for),
                    (
                        f"  base: {name}",
                        [base_rubrics if a == str(REPO / "rubrics") else a for a in argv],
                        _with_path(env_for, base_src, base_rubrics),
                    ),
                )
            ]
        for _, argv, env_for in commands:  # byte code written, the warm cache filled
            subprocess.run(argv, env=env_for(0), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for cold in (cold_dirs[0], Path(f"{cold_dirs[0]}-base")):
            shutil.rmtree(cold, ignore_errors=True)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in commands}
        for i in range(args.repeat):  # interleaved, so drifting machine load hits every command alike
            for name, argv, env_for in commands:
                results[name].append(timed(argv, env_for(i)))
        shutil.rmtree(warm_cache, ignore_errors=True)
    base = statistics.median(wall for wall, _ in results[commands[0][0]])
    print(f"{args.repeat} runs each; wall and CPU (user + system) time per process, start to exit")
    for name, runs in results.items():
        walls = [wall for wall, _ in runs]
        cpus = [cpu for _, cpu in runs]
        med = statistics.median(walls)
        print(f"{name:52s} wall {spread(walls)}  CPU {spread(cpus)}  ({med / base:.2f}x import typer, wall)")


def _with_path(env_for: Callable[[int], dict[str, str]], src: str, rubrics: str) -> Callable[[int], dict[str, str]]:
    """The base's twin of a command's environment: its code, its rubrics, and caches of its own (cold
    stays cold)."""

    def env(i: int) -> dict[str, str]:
        mine = env_for(i)
        cache = mine["HW7GRADE_CACHE_DIR"] + "-base"
        return {**mine, "PYTHONPATH": src, "HW7GRADE_RUBRICS": rubrics, "HW7GRADE_CACHE_DIR": cache}

    return env


def spread(values: list[float]) -> str:
    return (
        f"min {min(values) * 1000:5.0f}  median {statistics.median(values) * 1000:5.0f}  "
        f"max {max(values) * 1000:5.0f} ms"
    )


if __name__ == "__main__":
    main()
