"""Where a batch's time goes: cProfile of grading synthetic transcripts in one process.

Run: `.venv/bin/python benchmarks/profile_batch.py [--count 400] [--top 25] [--sort tottime]`.
It writes `count` distinct transcripts (`corpus.py`), grades a few to warm the per-process caches
(as a worker's first chunk does), then profiles grading and encoding the rest exactly as a worker
does (`grade_file` + `EncodedResult.of`), and prints the functions with the most time of their
own, each with its share of the total: no single function should stand out. Times under cProfile
are inflated, so read the shares, not the seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus  # noqa: E402

WARM_FILES = 10
"""Graded before profiling: a worker pays its first-use costs (regex compilation, reference
formulas) once, not per transcript."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400, help="transcripts to profile")
    parser.add_argument("--top", type=int, default=25, help="functions to list")
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"), help="pstats sort key")
    args = parser.parse_args()

    from hw7grade.grading.files import grade_file
    from hw7grade.report.spool import EncodedResult
    from hw7grade.rubric.model import load_rubric

    rubric = load_rubric()
    with tempfile.TemporaryDirectory(prefix="hw7grade-profile-") as tmp:
        files = make_corpus(Path(tmp), args.count + WARM_FILES)
        for path in files[:WARM_FILES]:
            grade_file(path, rubric)
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        for path in files[WARM_FILES:]:
            for result in grade_file(path, rubric):
                EncodedResult.of(result)
        profile.disable()
        seconds = time.perf_counter() - start
    stats = pstats.Stats(profile, stream=io.StringIO())
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"{args.count} transcripts in {seconds:.2f} s under cProfile ({seconds / args.count * 1000:.1f} ms each)")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2 if args.sort == "tottime" else 3], reverse=True)  # type: ignore[attr-defined]
    print(f"{'own %':>6} {'cum %':>6} {'calls':>8}  function")
    for (filename, line, name), (_cc, calls, own, cumulative, _callers) in rows[: args.top]:
        where = f"{Path(filename).name}:{line}" if filename != "~" else "(built-in)"
        print(f"{own / total:6.1%} {cumulative / total:6.1%} {calls:8d}  {name} ({where})")


if __name__ == "__main__":
    main()
