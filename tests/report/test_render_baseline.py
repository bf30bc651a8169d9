"""The terminal's baseline section: one row per compared part, changes first, then the counts."""

from __future__ import annotations

import io

from rich.console import Console

from hw7grade.report.baseline import compare_with_baseline
from hw7grade.report.render_baseline import BASELINE_MAX_ROWS, render_baseline

from .factory import part, report, transcript


def _render(now, before) -> str:
    out = io.StringIO()
    render_baseline(compare_with_baseline(now, before), Console(file=out, width=200))
    return out.getvalue()


def test_changes_come_first_and_the_counts_follow():
    before = report(transcript("a.md", "m", part("q7a", 2, 2), part("q7b", 1, 2)))
    now = report(transcript("a.md", "m", part("q7a", 2, 2), part("q7b", 0, 2), part("q7c", 1, 1)))
    text = _render(now, before)
    rows = [line for line in text.splitlines() if line.startswith("│")]
    assert [row.split("│")[1].strip() for row in rows] == ["regressed", "new", "unchanged"]
    assert "│ 1/2 " in rows[0] and "│ 0/2 " in rows[0] and "│ – " in rows[1]
    assert "Baseline: 1 regressed, 0 improved, 1 new, 1 unchanged" in text


def test_above_the_limit_only_changed_parts_are_listed():
    many = [part(f"q{i}a", 1, 1) for i in range(BASELINE_MAX_ROWS + 1)]
    worse = [part("q0a", 0, 1), *many[1:]]
    text = _render(report(transcript("a.md", "m", *worse)), report(transcript("a.md", "m", *many)))
    assert len([line for line in text.splitlines() if line.startswith("│")]) == 1
    assert "(only the parts whose score changed are listed)" in text
