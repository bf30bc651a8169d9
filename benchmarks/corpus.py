"""Synthetic HW7 transcripts for the benchmarks: distinct texts, all four questions, q3b math.

Each transcript is one of the bundled chats (`transcripts/*.md`: one answers questions 3(b), 4, 7
and 8, the others one question each, two of them q3b) with its answers varied so that no two files,
and no two answers to the same part, have the same text:

- filler paragraphs with a unique note are inserted between paragraphs all through the chat, and
  every prose line that ends a sentence gets a short unique tag (`(ref kbtdzq)`, consonants only,
  so it spells no rubric phrase or number);
- the notation of the mathematics is varied per occurrence (`^\\top` / `^T` / `^{\\top}`,
  `\\mathbf{X}` / `X`), so the formula text differs even where the mathematics is the same;
- for a share of files a right answer is swapped for a wrong one, so grades differ too;
- the bundled chats' hand labels are dropped (see `_drop_labels`).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FILLER_RATE = 0.35
"""Chance of a filler paragraph at each paragraph break."""
TAG_MIN_CHARS = 20
"""Prose lines longer than this that end a sentence get a unique tag."""
TAG_LETTERS = "bcdfghjkmnpqrstvwxz"
TAG_LENGTH = 6
SWAP_RATE = 0.3
"""Chance that each known right answer is swapped for a wrong one."""
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
    ("(W_1 \\mathbf{X})^\\top", "\\mathbf{X}^\\top"),
    ("-2 X X^\\top W_1^\\top + 2 W_2 W_1", "-2 X X^\\top W_1^\\top + W_2 W_1"),
]
"""Right answer -> wrong answer (every occurrence), each applied to a share of the files."""
NOTATION = [
    (re.compile(r"\^\\top(?![A-Za-z])|\^T(?![A-Za-z])"), ["^\\top", "^T", "^{\\top}", "^{T}"]),
    (re.compile(r"\\mathbf\{X\}"), ["\\mathbf{X}", "X", "\\boldsymbol{X}"]),
]
"""Spellings of the same mathematics, chosen at random per occurrence (inside `$...$` only)."""
_MATH_RE = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.DOTALL)


def sources() -> list[str]:
    files = sorted(p for p in (REPO / "transcripts").glob("*.md") if p.name.lower() != "readme.md")
    return [p.read_text(encoding="utf-8") for p in files]


def _vary_math(text: str, rng: random.Random) -> str:
    def one(match: re.Match[str]) -> str:
        math = match.group(0)
        for pattern, spellings in NOTATION:
            math = pattern.sub(lambda _m: rng.choice(spellings), math)  # noqa: B023 (used before the loop moves on)
        return math

    return _MATH_RE.sub(one, text)


def _add_fillers(text: str, rng: random.Random, tag: str) -> str:
    head, sep, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
    lines = body.split("\n")
    out: list[str] = []
    fenced = in_display = False
    for line in lines:
        out.append(line)
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if line.count("$$") % 2:
            in_display = not in_display
        plain = not fenced and not in_display
        if (
            plain
            and len(line) > TAG_MIN_CHARS
            and line.rstrip().endswith(".")
            and "$" not in line
            and not line.lstrip().startswith("|")
        ):
            out[-1] = line.rstrip() + f" (ref {''.join(rng.choice(TAG_LETTERS) for _ in range(TAG_LENGTH))})"
        if not line.strip() and plain and rng.random() < FILLER_RATE:
            out += [f"{rng.choice(FILLERS)} (note {tag}-{rng.randrange(10**6)})", ""]
    return head + sep + "\n".join(out)


def _drop_labels(text: str) -> str:
    """Remove `human_labels:` from the front matter: a course's batch has no hand grades (with them
    `grade` also prints the grader-vs-human agreement section, which is not what is measured here)."""
    return re.sub(r"^human_labels:\n(?:[ \t]+.*\n)*", "", text, count=1, flags=re.M)


def make_text(source: str, index: int, rng: random.Random, swap_rate: float = SWAP_RATE) -> str:
    text = _drop_labels(source)
    for old, new in SWAPS:
        if old in text and rng.random() < swap_rate:
            text = text.replace(old, new)
    return _add_fillers(_vary_math(text, rng), rng, str(index))


def make_corpus(folder: Path, count: int, seed: int = 7, swap_rate: float = SWAP_RATE) -> list[Path]:
    """`count` distinct transcripts in `folder` (the same seed gives the same files)."""
    rng = random.Random(seed)
    texts = sources()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"t{i:05d}.md"
        path.write_text(make_text(texts[i % len(texts)], i, rng, swap_rate), encoding="utf-8")
        paths.append(path)
    return paths
