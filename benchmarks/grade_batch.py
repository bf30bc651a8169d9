"""Batch grading end to end: `hw7grade grade DIR` in worker processes vs serial, and how it scales.

Run: `.venv/bin/python benchmarks/grade_batch.py [--count 400] [--repeat 3] [--scaling 100,400,1600]`.
It writes distinct synthetic transcripts (see `corpus.py`: all four questions, q3b math, no two
answers alike) to a temporary folder, then times whole `hw7grade grade` runs in fresh processes
(interpreter start, rubric load, grading, terminal report, JSON report), so every run starts with
cold caches. Each run also reports peak RSS: the main process's and the largest worker's
(`getrusage`, no psutil). The serial run (`--jobs 1`) is the simplest alternative; its JSON
report must equal the parallel one. Runs being compared alternate (parallel/serial, and the
scaling sizes round-robin), so a virtual machine's drifting speed does not favour one of them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus  # noqa: E402


def _child(argv: list[str]) -> None:
    """Run the CLI in this process and print peak RSS (KiB) of this process and of its workers."""
    from hw7grade.cli import app

    code = 0
    try:
        app(argv, prog_name="hw7grade", standalone_mode=False)
    except SystemExit as exc:  # pragma: no cover - typer exits on gates
        code = int(exc.code or 0)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"code": code, "rss_main_kib": own, "rss_worker_kib": workers}), file=sys.stderr)


def run_grade(folder: Path, jobs: int, json_out: Path) -> dict:
    argv = ["grade", str(folder), "--jobs", str(jobs), "--json", str(json_out)]
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(argv)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    lines = [line for line in proc.stderr.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"hw7grade grade failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    stats = json.loads(lines[-1])
    return {"seconds": seconds, **stats}


def summarise(runs: list[dict], count: int) -> str:
    times = sorted(r["seconds"] for r in runs)
    med = statistics.median(times)
    rss_main = max(r["rss_main_kib"] for r in runs) / 1024
    rss_worker = max(r["rss_worker_kib"] for r in runs) / 1024
    return (
        f"{count:5d} files: min {times[0]:6.2f} s  median {med:6.2f} s  max {times[-1]:6.2f} s"
        f"  -> {count / med:6.1f} transcripts/s (median)"
        f"  peak RSS main {rss_main:5.1f} MiB, largest worker {rss_worker:5.1f} MiB"
    )


def _reports_equal(a: Path, b: Path) -> bool:
    return json.loads(a.read_text(encoding="utf-8")) == json.loads(b.read_text(encoding="utf-8"))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400, help="files for the parallel-vs-serial comparison")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (min/median/max)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: every core)")
    parser.add_argument("--scaling", default="100,400,1600", help="file counts for the scaling runs ('' to skip)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(json.loads(args.child))
        return

    sizes = [int(x) for x in args.scaling.split(",") if x.strip()]
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="hw7grade-bench-") as tmp:
        root = Path(tmp)
        biggest = max([args.count, *sizes])
        start = time.perf_counter()
        all_files = make_corpus(root / "all", biggest)
        print(f"corpus: {biggest} distinct transcripts written in {time.perf_counter() - start:.1f} s")
        folders = {}
        for n in sorted({args.count, *sizes}):
            folder = root / f"n{n}"
            folder.mkdir()
            for f in all_files[:n]:
                (folder / f.name).symlink_to(f)
            folders[n] = folder

        print(
            f"\n== {args.count} transcripts: parallel (--jobs {args.jobs}) vs serial (--jobs 1), {args.repeat} runs "
            "each"
        )
        parallel, serial = [], []
        for i in range(args.repeat):  # alternated, so the machine's drift weighs on both alike
            parallel.append(run_grade(folders[args.count], args.jobs, root / f"par{i}.json"))
            serial.append(run_grade(folders[args.count], 1, root / f"ser{i}.json"))
        print(f"parallel: {summarise(parallel, args.count)}")
        print(f"serial:   {summarise(serial, args.count)}")
        speedup = statistics.median(r["seconds"] for r in serial) / statistics.median(r["seconds"] for r in parallel)
        print(f"speed-up: {speedup:.2f}x with {args.jobs} workers")
        same = all(
            _reports_equal(root / "ser0.json", root / f"{k}{i}.json")
            for k in ("par", "ser")
            for i in range(args.repeat)
        )
        print(f"JSON reports identical (parallel == serial, every run): {same}")
        if not same:
            raise SystemExit("parallel and serial reports differ")

        if sizes:
            print(f"\n== scaling, --jobs {args.jobs}, {args.repeat} runs each")
            runs: dict[int, list[dict]] = {n: [] for n in sizes}
            for i in range(args.repeat):  # round-robin over the sizes, for the same reason
                for n in sizes:
                    runs[n].append(run_grade(folders[n], args.jobs, root / f"scale{n}-{i}.json"))
            medians = {n: statistics.median(r["seconds"] for r in runs[n]) for n in sizes}
            for n in sizes:
                print(summarise(runs[n], n))
            lo, hi = min(sizes), max(sizes)
            if hi > lo:
                per_file = (medians[hi] - medians[lo]) / (hi - lo)
                fixed = medians[lo] - per_file * lo
                print(
                    f"linear fit through {lo} and {hi}: {fixed:.2f} s fixed + {per_file * 1000:.2f} ms per transcript"
                )
                for n in sizes:
                    predicted = fixed + per_file * n
                    print(
                        f"  {n:5d}: measured {medians[n]:.2f} s, linear prediction {predicted:.2f} s "
                        f"({medians[n] / predicted - 1:+.1%})"
                    )


if __name__ == "__main__":
    main()
