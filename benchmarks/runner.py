"""Shared by the benchmarks: `hw7grade` in a fresh child process, timed, with its CPU and memory.

A benchmark script re-runs itself as the child (`python SCRIPT --child JSON_ARGV`): the child calls
`child_main`, which runs the CLI in-process and prints one JSON line on stderr (exit code, peak RSS
and CPU seconds of itself and of its worker processes, from `getrusage`); `run_cli` starts it,
times it and returns that line with `seconds` added. CPU time is what to compare on a shared
machine: wall time includes waiting for other jobs' processes.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Sequence

CHILD_FLAG = "--child"
ERROR_TAIL_CHARS = 2000


def child_main(argv: list[str]) -> None:
    """Run `hw7grade ARGV` here, then print what it cost as one JSON line on stderr."""
    from hw7grade.cli import app

    try:
        returned = app(argv, prog_name="hw7grade", standalone_mode=False)  # click returns the exit code
        code = returned if isinstance(returned, int) else 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    info = {
        "code": code,
        "rss_main_kib": own.ru_maxrss,
        "rss_worker_kib": workers.ru_maxrss,
        "cpu_main_s": own.ru_utime + own.ru_stime,
        "cpu_workers_s": workers.ru_utime + workers.ru_stime,
    }
    print(json.dumps(info), file=sys.stderr)


def run_cli(script: str, argv: list[str], env: dict[str, str] | None = None, check: bool = True) -> dict:
    """`hw7grade ARGV` through `script`'s child mode: its JSON line plus `seconds` (wall) and
    `cpu_s` (main process and workers), and the `Error:` lines it printed."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, script, CHILD_FLAG, json.dumps(argv)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        env=env,
    )
    seconds = time.perf_counter() - start
    lines = [line for line in proc.stderr.splitlines() if line.startswith("{")]
    if not lines or (check and proc.returncode != 0):
        raise SystemExit(
            f"hw7grade {' '.join(argv[:1])} failed ({proc.returncode}):\n{proc.stderr[-ERROR_TAIL_CHARS:]}"
        )
    info = json.loads(lines[-1])
    info["seconds"] = seconds
    info["cpu_s"] = info.get("cpu_main_s", 0.0) + info.get("cpu_workers_s", 0.0)
    info["errors"] = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
    return info


def spread(values: Sequence[float], unit: str = "s", scale: float = 1.0, digits: int = 2) -> str:
    """`min A  median B  max C` of `values` (times `scale`), in `unit`."""
    ordered = sorted(v * scale for v in values)
    med = statistics.median(ordered)
    return f"min {ordered[0]:.{digits}f} {unit}  median {med:.{digits}f} {unit}  max {ordered[-1]:.{digits}f} {unit}"


def least_squares(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """(intercept, slope) of the least-squares line through `points` (x, y)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx if sxx else 0.0
    return mean_y - slope * mean_x, slope


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
