"""`grade --format plain`: one tab-separated line per graded part, stable for grep, cut and awk.

Columns: path, model, part, first-attempt score, final score, maximum, final verdict. Read from
the summaries only (no transcript is read back). Tabs and line breaks in paths and model names
become spaces, so every line has exactly seven fields.
"""

from __future__ import annotations

from typing import Iterator

from ..results import Report
from .numbers import num

COLUMNS = ("path", "model", "part", "first", "final", "max", "verdict")
_FLATTEN = str.maketrans(
    {
        "\t": " ",
        "\n": " ",
        "\r": " ",
        "\x0b": " ",
        "\x0c": " ",
        "\x1c": " ",
        "\x1d": " ",
        "\x1e": " ",
        "\x85": " ",
        "\u2028": " ",
        "\u2029": " ",
    }
)


def plain_lines(report: Report) -> Iterator[str]:
    for t in report.summaries:
        if t.errors:
            continue  # unreadable inputs are reported once, on stderr
        path, model = _field(t.path), _field(t.model or "-")
        for p in t.finals:
            yield "\t".join((path, model, p.id, num(p.first_score), num(p.score), num(p.max_score), p.verdict))


def _field(text: str) -> str:
    return text.translate(_FLATTEN) or "-"
