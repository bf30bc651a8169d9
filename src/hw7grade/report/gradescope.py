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
from ..results import Report
from .explain import is_full_marks, part_lines
from .json_report import dumps_at, list_at

TEST_DEPTH = 2
"""A test sits two levels deep: in the `tests` list of the top object."""


def iter_gradescope(report: Report) -> Iterator[str]:
    """results.json piece by piece (the text `json.dumps(..., indent=2)` would give), a test at a time."""
    score, _ = report.totals()
    yield '{\n  "score": ' + json.dumps(score) + ',\n  "tests": '
    yield from list_at(_tests(report), TEST_DEPTH - 1)
    problems = [f"{t.path}: {e}" for t in report.unreadable for e in t.errors]
    if problems:
        yield ',\n  "output": ' + json.dumps("Could not read:\n" + "\n".join(problems), ensure_ascii=False)
    yield "\n}\n"


def _tests(report: Report) -> Iterator[str]:
    several = sum(not t.errors for t in report.summaries) > 1
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
            yield dumps_at(test, TEST_DEPTH)


def render_gradescope(report: Report) -> str:
    return "".join(iter_gradescope(report))


def write_gradescope(report: Report, path: Path) -> None:
    write_chunks_atomic(path, iter_gradescope(report))


__all__ = ["iter_gradescope", "render_gradescope", "write_gradescope"]
