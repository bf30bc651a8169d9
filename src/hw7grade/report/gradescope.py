"""Gradescope autograder output (`--gradescope FILE`, `results.json`), so the rubrics grade students.

One test per graded part (its final attempt): `name`, `score`, `max_score`, `output` (the reason and
the evidence), plus `status` for Gradescope's pass/fail badge. With several transcripts in one run the
test names carry the transcript path. Unreadable inputs go into the top-level `output`, where the
student sees them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..atomic import write_chunks_atomic
from .explain import is_full_marks, part_lines
from .model import Report

_TEST_INDENT = " " * 4
"""A test sits two levels deep: in the `tests` list of the top object."""


def iter_gradescope(report: Report) -> Iterator[str]:
    """results.json piece by piece (the text `json.dumps(..., indent=2)` would give), a test at a time."""
    several = sum(not t.errors for t in report.summaries) > 1
    score, _ = report.totals()
    yield "{\n  \"score\": " + json.dumps(score) + ',\n  "tests": ['
    separator = "\n" + _TEST_INDENT
    for t in report.transcripts:
        if t.errors:
            continue
        for part in t.finals:
            test = {
                "name": f"{t.path}: {part.id}" if several else part.id,
                "number": part.id,
                "score": part.score,
                "max_score": part.max_score,
                "status": "passed" if is_full_marks(part) else "failed",
                "output": "\n".join(part_lines(t, part)),
            }
            yield separator + json.dumps(test, indent=2, ensure_ascii=False).replace("\n", "\n" + _TEST_INDENT)
            separator = ",\n" + _TEST_INDENT
    yield "]" if separator.startswith("\n") else "\n  ]"
    problems = [f"{t.path}: {e}" for t in report.unreadable for e in t.errors]
    if problems:
        yield ',\n  "output": ' + json.dumps("Could not read:\n" + "\n".join(problems), ensure_ascii=False)
    yield "\n}\n"


def render_gradescope(report: Report) -> str:
    return "".join(iter_gradescope(report))


def write_gradescope(report: Report, path: Path) -> None:
    write_chunks_atomic(path, iter_gradescope(report))


__all__ = ["iter_gradescope", "render_gradescope", "write_gradescope"]
