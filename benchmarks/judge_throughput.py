"""`grade --judge` against a loopback judge with a fixed latency: how close to the ideal at each concurrency.

Run: `.venv/bin/python benchmarks/judge_throughput.py [--count 80] [--latency 0.3]
[--concurrency 1,4,16,64] [--repeat 3]`.
The judge is the test suite's loopback server (`tests/providers/fake_server.py`, real HTTP spoken
through the real Anthropic SDK), answering every judge request after `--latency` seconds. For each
concurrency it times `hw7grade grade DIR --judge claude --judge-concurrency C` on `count`
synthetic transcripts (`corpus.py`; every run has a fresh response cache, so every distinct
answer is a request), alternated with the same run without `--judge`.

- ideal judge time: ceil(requests / C) x latency, the judge's own floor;
- ideal run: the longer of grading alone and the ideal judge time (what a run that overlaps
  judging with grading perfectly would take);
- ratio: a judged run's time over the ideal run (1.0 is perfect overlap);
- SDK floor: the time `import anthropic` takes in a fresh process, plus the ideal judge time. No
  request can leave before the SDK is imported, so no run can beat it; the second ratio is over it.
No real key is used: the server accepts the placeholder key this script sets.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from runner import CHILD_FLAG, child_main, load_average, machine, run_cli, spread  # noqa: E402

from corpus import make_corpus  # noqa: E402

PLACEHOLDER_KEY = "bench-placeholder-not-a-key"
JUDGE = "claude"


def _respond(latency: float):
    from judge.fake_judge import scores
    from providers.fake_server import ToolReply

    def respond(body: dict):
        return ToolReply(scores(body, {}), delay_s=latency)

    return respond


SDK_IMPORT_RUNS = 3


def _sdk_import_seconds() -> float:
    """The fastest of a few `import anthropic` in a fresh interpreter (what the judge waits for first)."""
    import subprocess

    code = "import time; t = time.perf_counter(); import anthropic; print(time.perf_counter() - t)"
    return min(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(SDK_IMPORT_RUNS)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=80, help="transcripts graded and judged")
    parser.add_argument("--latency", type=float, default=0.3, help="seconds the judge takes per request")
    parser.add_argument("--concurrency", default="1,4,16,64", help="--judge-concurrency values")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (min/median/max)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="grading worker processes")
    parser.add_argument(CHILD_FLAG, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(json.loads(args.child))
        return

    from providers.fake_server import ANTHROPIC_PATH, FakeServer

    levels = [int(x) for x in args.concurrency.split(",") if x.strip()]
    print(f"machine: {machine()}; {load_average()}")
    with tempfile.TemporaryDirectory(prefix="hw7grade-judge-bench-") as tmp, FakeServer() as server:
        root = Path(tmp)
        make_corpus(root / "files", args.count)
        server.respond_with(ANTHROPIC_PATH, _respond(args.latency))
        base_env = {
            **os.environ,
            "ANTHROPIC_API_KEY": PLACEHOLDER_KEY,
            "ANTHROPIC_BASE_URL": server.anthropic_base_url,
            "HW7GRADE_RUBRICS": str(REPO / "rubrics"),
        }
        grade = ["grade", str(root / "files"), "--jobs", str(args.jobs), "--quiet"]
        plain: list[float] = []
        judged: dict[int, list[float]] = {c: [] for c in levels}
        requests: dict[int, int] = {}
        for i in range(args.repeat):  # alternated: the machine's drift weighs on every level alike
            env = {**base_env, "HW7GRADE_CACHE_DIR": str(root / f"cache-plain-{i}")}
            plain.append(run_cli(__file__, [*grade, "--json", str(root / "plain.json")], env)["seconds"])
            for c in levels:
                env = {**base_env, "HW7GRADE_CACHE_DIR": str(root / f"cache-{c}-{i}")}  # no cached replies
                before = server.count(ANTHROPIC_PATH)
                argv = [*grade, "--judge", JUDGE, "--judge-concurrency", str(c), "--json", str(root / f"j{c}.json")]
                judged[c].append(run_cli(__file__, argv, env)["seconds"])
                requests[c] = server.count(ANTHROPIC_PATH) - before
        grading = statistics.median(plain)
        sdk_import = _sdk_import_seconds()
        print(
            f"{args.count} transcripts, --jobs {args.jobs}, judge latency {args.latency:g} s, {args.repeat} runs each"
        )
        print(f"grading alone:        {spread(plain)}")
        for c in levels:
            ideal_judge = math.ceil(requests[c] / c) * args.latency
            ideal = max(grading, ideal_judge)
            med = statistics.median(judged[c])
            print(
                f"--judge-concurrency {c:3d}: {requests[c]} requests, {spread(judged[c])}; ideal judge "
                f"{ideal_judge:.2f} s, ideal run {ideal:.2f} s -> {med / ideal:.2f}x ideal (median); "
                f"SDK floor {sdk_import + ideal_judge:.2f} s -> {med / (sdk_import + ideal_judge):.2f}x"
            )
        print(f"import anthropic in a fresh process: {sdk_import:.2f} s (fastest of {SDK_IMPORT_RUNS})")
        print(f"max requests in flight at the server: {server.max_in_flight}; {load_average()}")


if __name__ == "__main__":
    main()
