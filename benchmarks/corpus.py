"""Synthetic HW7 transcripts for the benchmarks: distinct texts, all four questions, q3b math.

Each transcript is one of the bundled chats with its answers varied: filler sentences drawn at
random, numbers and wording shuffled, and for a share of them a wrong answer swapped in, so no two
files are the same and the grader does real work on every one.
"""

from __future__ import annotations

import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FILLERS = [
    "Let me know if you want a more detailed derivation.",
    "This follows directly from the definitions above.",
    "In practice the same idea shows up in many other architectures.",
    "Note that the notation follows the lecture slides.",
    "I hope this helps with the rest of the homework.",
    "The key point is to keep track of the shapes.",
    "A quick sanity check with small matrices confirms this.",
    "We can also see this from a geometric point of view.",
]
SWAPS = [
    ("I, see, a, dog", "I, saw, a, dog"),
    ("w_3 = \\text{see}", "w_3 = \\text{saw}"),
    ("341 seconds", "356 seconds"),
    ("W_2^\\top W_2 W_1", "W_2 W_2^\\top W_1"),
    ("nn.MSELoss", "nn.L1Loss"),
]


def sources() -> list[str]:
    files = sorted(p for p in (REPO / "transcripts").glob("*.md") if p.name.lower() != "readme.md")
    return [p.read_text(encoding="utf-8") for p in files]


def make_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    texts = sources()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = texts[i % len(texts)]
        for old, new in SWAPS:
            if old in text and rng.random() < 0.3:
                text = text.replace(old, new, 1)
        lines = text.split("\n")
        for _ in range(rng.randint(2, 6)):
            at = rng.randrange(len(lines) // 2, len(lines))
            lines.insert(at, f"{rng.choice(FILLERS)} (note {i}-{rng.randint(0, 10**6)})")
        path = folder / f"t{i:05d}.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths
