"""Batch grading end to end: `hw7grade grade DIR` in worker processes vs serial, and how it scales.

Run: `.venv/bin/python benchmarks/grade_batch.py [--count 400] [--repeat 3] [--scaling 100,400,1600,6400]`.
It writes distinct synthetic transcripts (see `corpus.py`: all four questions, q3b math, no two
answers alike) to a temporary folder, then times whole `hw7grade grade` runs in fresh processes
(interpreter start, rubric load, grading, terminal report, JSON report), so every run starts with
cold caches. Each run reports wall time, CPU time (main process plus workers, `getrusage`) and
peak RSS of the main process and the largest worker. The serial run (`--jobs 1`) is the simplest
alternative; its JSON report must equal the parallel one byte for byte. Runs being compared
alternate (parallel/serial, and the scaling sizes round-robin), so a virtual machine's drifting
speed does not favour one of them. The scaling runs fit `fixed + per-transcript x files` by least
squares over the sizes, for wall and CPU time, for `--jobs 1` and `--jobs N`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from runner import CHILD_FLAG, child_main, least_squares, load_average, machine, run_cli, spread  # noqa: E402

from corpus import make_corpus  # noqa: E402

__all__ = ["machine"]  # stalled_batch.py imported it from here


def run_grade(folder: Path, jobs: int, json_out: Path) -> dict:
    return run_cli(__file__, ["grade", str(folder), "--jobs", str(jobs), "--json", str(json_out)])


def summarise(runs: list[dict], count: int) -> str:
    med = statistics.median(r["seconds"] for r in runs)
    rss_main = max(r["rss_main_kib"] for r in runs) / 1024
    rss_worker = max(r["rss_worker_kib"] for r in runs) / 1024
    return (
        f"{count:5d} files: wall {spread([r['seconds'] for r in runs])}; CPU {spread([r['cpu_s'] for r in runs])}"
        f"  -> {count / med:6.1f} transcripts/s (median wall)"
        f"  peak RSS main {rss_main:5.1f} MiB, largest worker {rss_worker:5.1f} MiB"
    )


def _fit(label: str, runs: dict[int, list[dict]], key: str) -> tuple[float, float]:
    medians = {n: statistics.median(r[key] for r in rs) for n, rs in runs.items()}
    fixed, per_file = least_squares(sorted(medians.items()))
    print(f"  {label}: least-squares fit {fixed:.2f} s fixed + {per_file * 1000:.2f} ms per transcript")
    for n, measured in sorted(medians.items()):
        predicted = fixed + per_file * n
        print(f"    {n:5d}: measured {measured:.2f} s, fit {predicted:.2f} s ({measured / predicted - 1:+.1%})")
    return fixed, per_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400, help="files for the parallel-vs-serial comparison")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (min/median/max)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: every core)")
    parser.add_argument("--scaling", default="100,400,1600,6400", help="file counts for the scaling fit ('' to skip)")
    parser.add_argument(CHILD_FLAG, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import json

        child_main(json.loads(args.child))
        return

    sizes = [int(x) for x in args.scaling.split(",") if x.strip()]
    print(f"machine: {machine()}; {load_average()}")
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
        print(f"speed-up: {speedup:.2f}x with {args.jobs} workers (wall, median); {load_average()}")
        reference = (root / "ser0.json").read_bytes()
        same = all(
            (root / f"{k}{i}.json").read_bytes() == reference for k in ("par", "ser") for i in range(args.repeat)
        )
        print(f"JSON reports identical (parallel == serial, every run, byte for byte): {same}")
        if not same:
            raise SystemExit("parallel and serial reports differ")

        if sizes:
            job_counts = sorted({1, args.jobs})
            print(
                f"\n== scaling over {sizes} files, --jobs {' and '.join(map(str, job_counts))}, {args.repeat} runs each"
            )
            runs: dict[int, dict[int, list[dict]]] = {j: {n: [] for n in sizes} for j in job_counts}
            for i in range(args.repeat):  # round-robin over sizes and job counts, for the same reason
                for n in sizes:
                    for j in job_counts:
                        runs[j][n].append(run_grade(folders[n], j, root / f"scale{n}-{j}-{i}.json"))
            for j in job_counts:
                print(f"--jobs {j}:")
                for n in sizes:
                    print("  " + summarise(runs[j][n], n))
                if len(sizes) > 1:
                    _fit("wall", runs[j], "seconds")
                    _fit("CPU (main + workers)", runs[j], "cpu_s")
            if args.jobs > 1:
                for n in sizes:
                    ratio = statistics.median(r["seconds"] for r in runs[args.jobs][n]) / statistics.median(
                        r["seconds"] for r in runs[1][n]
                    )
                    print(f"  {n:5d} files: --jobs {args.jobs} takes {ratio:.2f}x the wall time of --jobs 1 (medians)")
            print(load_average())


if __name__ == "__main__":
    main()
