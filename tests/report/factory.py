"""Small builders for Report values so each test states only what it is about."""

from __future__ import annotations

from dataclasses import replace

from hw7grade.checks.base import CheckResult
from hw7grade.conversation import HumanLabel
from hw7grade.results import PartScore, Report, TranscriptResult


def part(
    part_id: str,
    score: float,
    max_score: float = 3.0,
    *,
    attempt: str = "final",
    verdict: str | None = None,
    reason: str = "",
    evidence: str | None = None,
) -> PartScore:
    if verdict is None:
        verdict = "correct" if score >= max_score else ("partial" if score > 0 else "incorrect")
    checks = (CheckResult("main", "passed" if score > 0 else "failed", score, max_score, evidence, reason),)
    return PartScore(part_id, attempt, score, max_score, verdict, checks, reason)  # type: ignore[arg-type]


def transcript(
    path: str,
    model: str | None,
    *parts: PartScore,
    labels: dict[str, HumanLabel] | None = None,
    errors: tuple[str, ...] = (),
) -> TranscriptResult:
    return TranscriptResult(path=path, model=model, parts=tuple(parts), human_labels=labels or {}, errors=errors)


def report(*transcripts: TranscriptResult) -> Report:
    return Report(tuple(transcripts))


def big_report(transcripts: int = 1600, parts: int = 5) -> Report:
    """A class-sized batch for the HTML page: four models, five parts each, about 1 KB of answer per part."""
    words = "the decoder reads its own previous outputs at inference time while training uses ground truth "
    out = []
    for i in range(transcripts):
        model = ("gpt-4o", "claude", "gemini", "llama")[i % 4]
        ps = []
        for k in range(parts):
            answer = f"Answer {i}.{k}: " + words * 10 + f"$x_{k} = {i}$ and **bold {k}**\n- w1 = <sos>, w2 = I {i}"
            p = part(f"q{k + 3}a", (i + k) % 4, 3, evidence=f"w2 = I {i}")
            ps.append(replace(p, answer=answer))
        out.append(transcript(f"runs/batch/t{i:05d}.md", model, *ps))
    return report(*out)
