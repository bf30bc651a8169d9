"""Gradescope autograder output (`--gradescope FILE`, `results.json`), so the rubrics grade students.

One test per graded part (its final attempt): `name`, `score`, `max_score`, `output` (the reason and
the evidence), plus `status` for Gradescope's pass/fail badge. With several transcripts in one run the
test names carry the transcript path. Unreadable inputs go into the top-level `output`, where the
student sees them.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..atomic import write_text_atomic
from .explain import is_full_marks, part_lines
from .model import Report


def results_dict(report: Report) -> dict:
    readable = [t for t in report.transcripts if not t.errors]
    tests = []
    for t in readable:
        for part in t.finals:
            name = part.id if len(readable) == 1 else f"{t.path}: {part.id}"
            out = part_lines(t, part)
            tests.append(
                {
                    "name": name,
                    "number": part.id,
                    "score": part.score,
                    "max_score": part.max_score,
                    "status": "passed" if is_full_marks(part) else "failed",
                    "output": "\n".join(out),
                }
            )
    score, _ = report.totals()
    result: dict = {"score": score, "tests": tests}
    problems = [f"{t.path}: {e}" for t in report.unreadable for e in t.errors]
    if problems:
        result["output"] = "Could not read:\n" + "\n".join(problems)
    return result


def render_gradescope(report: Report) -> str:
    return json.dumps(results_dict(report), indent=2, ensure_ascii=False) + "\n"


def write_gradescope(report: Report, path: Path) -> None:
    write_text_atomic(path, render_gradescope(report))


__all__ = ["render_gradescope", "results_dict", "write_gradescope"]
