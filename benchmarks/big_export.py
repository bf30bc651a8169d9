"""A whole ChatGPT data export: `hw7grade grade conversations.json` on a synthetic 200 MB file.

Run: `.venv/bin/python benchmarks/big_export.py [--mb 200] [--repeat 1] [--zip]`.
It writes a `conversations.json` of about `--mb` megabytes to a temporary folder (never kept):
ChatGPT export entries (`mapping` trees, `current_node`), one in twenty a corrected HW7 answer to
question 7(b), the rest long off-topic chats, one damaged entry (no `mapping`). With `--zip` the
file is packed into the `.zip` that ChatGPT emails. Each run is a whole `hw7grade grade FILE
--json` in a fresh process; it prints wall time and the process's peak RSS (`getrusage`).
The file is written entry by entry, so this script does not hold the export in memory either.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from runner import child_main, run_cli  # noqa: E402

HW7_EVERY = 20
FILLER_WORDS = "the model answered with a long explanation about pasta travel code gardens and history".split()
Q = "Question 7 (b): which five tokens go into the decoder during training?"
WRONG = "The decoder reads its own predictions: w1 = I, w2 = see, w3 = a, w4 = dog, w5 = <eos>."
FIX = "That is wrong, during training it is teacher forcing. Try again."
RIGHT = (
    "With teacher forcing the decoder reads the ground truth shifted right:\n"
    "w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog."
)


def _entry(n: int, rng: random.Random) -> dict:
    if n % HW7_EVERY == 0:
        turns = [("user", Q), ("assistant", WRONG), ("user", FIX), ("assistant", RIGHT)]
    else:
        turns = []
        for k in range(rng.randint(4, 12)):
            words = rng.choices(FILLER_WORDS, k=rng.randint(60, 600))
            turns.append(("user" if k % 2 == 0 else "assistant", f"chat {n} turn {k}: " + " ".join(words)))
    mapping: dict = {"root": {"id": "root", "message": None, "parent": None, "children": []}}
    parent = "root"
    for k, (role, text) in enumerate(turns):
        node = f"{n}-{k}"
        mapping[node] = {
            "id": node,
            "message": {
                "id": node,
                "author": {"role": role, "name": None, "metadata": {}},
                "create_time": 1737540000.0 + k,
                "content": {"content_type": "text", "parts": [text]},
                "status": "finished_successfully",
                "recipient": "all",
                "metadata": {"model_slug": "gpt-4o"} if role == "assistant" else {},
            },
            "parent": parent,
            "children": [],
        }
        mapping[parent]["children"].append(node)
        parent = node
    return {
        "title": f"chat {n}",
        "create_time": 1737540000.0,
        "update_time": 1737540100.0,
        "mapping": mapping,
        "current_node": parent,
        "id": f"c-{n}",
    }


def write_export(path: Path, megabytes: float, seed: int = 7) -> int:
    """Entries until the file reaches `megabytes`; returns how many (the damaged one included)."""
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    count = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write("[")
        size = 1
        while size < target:
            text = json.dumps({"title": "damaged entry", "create_time": 1.0} if count == 3 else _entry(count, rng))
            f.write(("," if count else "") + text)
            size += len(text) + 1
            count += 1
        f.write("]")
    return count


def _read_only(path: str) -> None:
    """Only read the export (no grading): what streaming costs by itself."""
    from hw7grade.conversation import Conversation
    from hw7grade.transcripts import iter_transcript

    chats = sum(isinstance(item, Conversation) for item in iter_transcript(path))
    print(
        json.dumps({"code": 0, "chats": chats, "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}),
        file=sys.stderr,
    )


def run(path: Path, out: Path, read_only: bool = False) -> dict:
    if read_only:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, "--read-child", str(path)], stderr=subprocess.PIPE, text=True, check=True
        )
        info = json.loads(proc.stderr.splitlines()[-1])
        return {
            "seconds": time.perf_counter() - start,
            "rss_mib": info["rss_kib"] / 1024,
            "code": 0,
            "graded": info["chats"],
        }
    argv = ["grade", str(path), "--json", str(out)]
    info = run_cli(__file__, argv, check=False)
    graded = len(json.loads(out.read_text())["transcripts"])
    return {"seconds": info["seconds"], "rss_mib": info["rss_main_kib"] / 1024, "code": info["code"], "graded": graded}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200.0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--zip", action="store_true", help="grade the export packed as ChatGPT's emailed .zip")
    parser.add_argument(
        "--read-only", action="store_true", help="only read the export (streaming cost without grading)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--read-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(json.loads(args.child))
        return
    if args.read_child:
        _read_only(args.read_child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "conversations.json"
        start = time.perf_counter()
        count = write_export(export, args.mb)
        size = export.stat().st_size
        print(f"wrote {count} conversations, {size / 1024 / 1024:.1f} MB, in {time.perf_counter() - start:.1f} s")
        target = export
        if args.zip:
            target = Path(tmp) / "chatgpt-export.zip"
            with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as z:
                z.write(export, "conversations.json")
            os.remove(export)
            print(f"zipped to {target.stat().st_size / 1024 / 1024:.1f} MB")
        runs = [run(target, Path(tmp) / "report.json", args.read_only) for _ in range(args.repeat)]
        times = [r["seconds"] for r in runs]
        rss = max(r["rss_mib"] for r in runs)
        if args.read_only:
            print(f"read {runs[0]['graded']} conversations with an answer (no grading)")
        else:
            print(
                f"graded {runs[0]['graded']} HW7 conversations, exit code {runs[0]['code']} (2: the damaged entry is "
                "named)"
            )
        print(
            f"time min/median/max: {min(times):.1f} / {statistics.median(times):.1f} / {max(times):.1f} s; "
            f"{size / 1024 / 1024 / statistics.median(times):.1f} MB/s"
        )
        print(f"peak RSS: {rss:.1f} MiB")


if __name__ == "__main__":
    main()
