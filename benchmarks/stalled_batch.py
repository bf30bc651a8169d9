"""One stalled transcript among 400: what does it cost the batch? At most the time limit.

Run: `.venv/bin/python benchmarks/stalled_batch.py [--count 400] [--repeat 3] [--time-limit 10] [--jobs 1,2]`.

It writes the synthetic corpus (`corpus.py`), then times whole `hw7grade grade DIR` runs in fresh
processes, alternating a clean batch with the same batch where one transcript (in the middle)
stalls for 60 s. The stall is simulated here, not in the product: the child process wraps
`hw7grade.grading.files.grade_conversation` so that an answer holding `STALL_MARKER` sleeps 60 s (the
wrap is installed for the clean runs too, so both pay the same). Forked workers inherit the wrap.
The cost of the stall is the median stalled run minus the median clean run, per `--jobs`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from runner import child_main, machine, run_cli  # noqa: E402

from corpus import make_corpus  # noqa: E402

STALL_MARKER = "BENCHMARK-STALL-60S"
STALL_S = 60.0


def _child(argv: list[str]) -> None:
    """Run the CLI in this process with the stall wrapped around grading."""
    from hw7grade.grading import files as batch

    real = batch.grade_conversation

    def grade_conversation(conversation, rubric, only=None):
        if any(STALL_MARKER in turn.text for turn in conversation.turns):
            time.sleep(STALL_S)
        return real(conversation, rubric, only)

    batch.grade_conversation = grade_conversation
    child_main(argv)


def run_grade(folder: Path, jobs: int, time_limit: float, json_out: Path) -> dict:
    argv = ["grade", str(folder), "--jobs", str(jobs), "--time-limit", str(time_limit), "--json", str(json_out)]
    return run_cli(__file__, argv, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--jobs", default="1,2", help="worker counts to measure, comma-separated")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(json.loads(args.child))
        return

    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="hw7grade-stall-") as tmp:
        root = Path(tmp)
        clean = make_corpus(root / "clean", args.count)
        stalled_dir = root / "stalled"
        stalled_dir.mkdir()
        victim = clean[len(clean) // 2]
        for f in clean:
            text = f.read_text(encoding="utf-8")
            if f == victim:
                text = text.rstrip("\n") + f"\n\n{STALL_MARKER}\n"  # joins the last answer
            (stalled_dir / f.name).write_text(text, encoding="utf-8")
        print(f"{args.count} transcripts; {victim.name} stalls for {STALL_S:g} s; --time-limit {args.time_limit:g}")
        for jobs in [int(j) for j in args.jobs.split(",") if j.strip()]:
            runs: dict[str, list[dict]] = {"clean": [], "stalled": []}
            for i in range(args.repeat):  # alternated: the machine's drift weighs on both alike
                runs["clean"].append(run_grade(root / "clean", jobs, args.time_limit, root / f"c{jobs}-{i}.json"))
                runs["stalled"].append(run_grade(stalled_dir, jobs, args.time_limit, root / f"s{jobs}-{i}.json"))
            med = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
            codes = {k: sorted({r["code"] for r in v}) for k, v in runs.items()}
            print(f"\n== --jobs {jobs}, {args.repeat} runs each")
            for k, v in runs.items():
                times = sorted(r["seconds"] for r in v)
                print(f"{k:8s} min {times[0]:6.2f} s  median {med[k]:6.2f} s  max {times[-1]:6.2f} s  exit {codes[k]}")
            print(f"errors in a stalled run: {runs['stalled'][0]['errors']}")
            cost = med["stalled"] - med["clean"]
            print(
                f"cost of the stall: {cost:.2f} s (time limit {args.time_limit:g} s, stall {STALL_S:g} s): "
                f"{'within' if cost <= args.time_limit else 'OVER'} the time limit"
            )
            if codes["stalled"] != [2] or codes["clean"] != [0]:
                raise SystemExit("expected exit 0 for the clean batch and 2 for the stalled one")


if __name__ == "__main__":
    main()
