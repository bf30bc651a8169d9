"""`hw7grade ask` time to first token vs a bare SDK script streaming the same request, paired.

Run: `.venv/bin/python benchmarks/ask_latency.py [--repeat 10] [--provider openai|anthropic]`.
Both talk to the test suite's loopback server (`tests/providers/fake_server.py`: the real HTTP
wire format, spoken through the real SDK), which streams its answer as soon as a request arrives.
Time to first token is measured from starting the process to the server receiving the request
(the same monotonic clock; the first chunk follows at once on loopback), so it is what each
program does before asking: interpreter start, imports, rubric, provider set-up. Runs alternate
(bare, hw7grade, bare, ...) and each hw7grade run has a fresh response cache, so every run sends
its request. Also printed: each process's whole wall and CPU time. No real key is used.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from runner import load_average, machine, spread  # noqa: E402

PLACEHOLDER_KEY = "bench-placeholder-not-a-key"
ANSWER = "Teacher forcing feeds the reference shifted right.\n\nAnswer: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog"
MODELS = {"openai": ("gpt4o", "gpt-4o"), "anthropic": ("claude", "claude-sonnet-5-5")}
WAIT_S = 120.0

BARE = {
    "openai": """
import os, sys, openai
client = openai.OpenAI(api_key=os.environ["OPENAI_API_KEY"], base_url=os.environ["OPENAI_BASE_URL"], max_retries=0)
stream = client.chat.completions.create(model=sys.argv[1], messages=[{"role": "user", "content": sys.argv[2]}],
                                        max_tokens=2048, stream=True)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        sys.stdout.write(chunk.choices[0].delta.content)
""",
    "anthropic": """
import os, sys, anthropic
client = anthropic.Anthropic(
    api_key=os.environ["ANTHROPIC_API_KEY"], base_url=os.environ["ANTHROPIC_BASE_URL"], max_retries=0
)
messages = [{"role": "user", "content": sys.argv[2]}]
with client.messages.stream(model=sys.argv[1], max_tokens=2048, messages=messages) as stream:
    for text in stream.text_stream:
        sys.stdout.write(text)
""",
}


def timed(argv: list[str], env: dict[str, str], server, path: str) -> dict:
    """Start the process; time to the server's first request from it, then to its end."""
    seen = len(server.requests)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate(timeout=WAIT_S)
    end = time.monotonic()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    arrivals = [t for (p, t) in server.arrivals[seen:] if p == path]
    if proc.returncode != 0 or not arrivals:
        raise SystemExit(f"{argv[:3]} failed ({proc.returncode}):\n{err[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"first": arrivals[0] - start, "total": end - start, "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="paired runs (min/median/max)")
    parser.add_argument("--provider", choices=sorted(MODELS), default="openai")
    args = parser.parse_args()

    from providers.fake_server import ANTHROPIC_PATH, OPENAI_PATH, FakeServer, Reply

    alias, model = MODELS[args.provider]
    path = OPENAI_PATH if args.provider == "openai" else ANTHROPIC_PATH
    hw7grade = str(Path(sys.executable).parent / "hw7grade")
    print(f"machine: {machine()}; {load_average()}")
    with tempfile.TemporaryDirectory(prefix="hw7grade-ask-bench-") as tmp, FakeServer() as server:
        server.arrivals = []
        record = server.record

        def stamped(seen) -> None:  # the arrival time of every request, on the shared monotonic clock
            server.arrivals.append((seen.path, time.monotonic()))
            record(seen)

        server.record = stamped
        server._httpd.handle_error = lambda request, address: None  # a client closing its idle connection at exit
        server.respond_with(path, lambda body: Reply(ANSWER))
        env = {
            **os.environ,
            "OPENAI_API_KEY": PLACEHOLDER_KEY,
            "ANTHROPIC_API_KEY": PLACEHOLDER_KEY,
            "OPENAI_BASE_URL": server.openai_base_url,
            "ANTHROPIC_BASE_URL": server.anthropic_base_url,
            "HW7GRADE_RUBRICS": str(REPO / "rubrics"),
            "HW7GRADE_CACHE_DIR": str(Path(tmp) / "cache"),
        }
        runs: dict[str, list[dict]] = {"bare SDK": [], "hw7grade ask": []}
        for i in range(args.repeat):
            runs["bare SDK"].append(
                timed(
                    [sys.executable, "-c", BARE[args.provider], model, "Question q7b. " + "x" * 200], env, server, path
                )
            )
            argv = [hw7grade, "ask", "q7b", "--model", alias, "--save-dir", str(Path(tmp) / f"runs{i}"), "--no-cache"]
            runs["hw7grade ask"].append(timed(argv, env, server, path))
        print(f"{args.provider} streaming, {args.repeat} paired runs, alternated")
        for name, rs in runs.items():
            print(f"{name:13s} first token: {spread([r['first'] for r in rs], 'ms', 1000, 0)}")
            print(f"{'':13s} whole run:   {spread([r['total'] for r in rs], 'ms', 1000, 0)}")
            print(f"{'':13s} CPU:         {spread([r['cpu'] for r in rs], 'ms', 1000, 0)}")
        ratios = [h["first"] / b["first"] for b, h in zip(runs["bare SDK"], runs["hw7grade ask"])]
        medians = statistics.median(r["first"] for r in runs["hw7grade ask"]) / statistics.median(
            r["first"] for r in runs["bare SDK"]
        )
        print(f"first token, hw7grade / bare SDK: paired {spread(ratios, 'x', 1, 2)}; ratio of medians {medians:.2f}x")
        print(load_average())


if __name__ == "__main__":
    main()
