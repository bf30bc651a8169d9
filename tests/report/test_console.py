"""The terminal report: per-part tables for a few conversations, a summary for a class."""

from __future__ import annotations

from rich.console import Console

from hw7grade.report.console import DETAIL_MAX_TRANSCRIPTS, render_report

from .factory import part, report, transcript


def _render(r, verbose=False) -> str:
    console = Console(record=True, width=200)
    with console.capture() as capture:
        render_report(r, console, verbose=verbose)
    return capture.get()


def test_few_conversations_get_a_table_each():
    r = report(
        transcript("a.md", "gpt-4o", part("q7b", 3), part("q7c", 0)), transcript("b.md", "claude", part("q7b", 3))
    )
    out = _render(r)
    assert "a.md — gpt-4o" in out and "b.md — claude" in out
    assert "Conversations (final attempts)" not in out
    assert "2 conversation(s) graded: 6 / 9 points (67%)" in out


def test_a_class_sized_batch_gets_a_summary():
    many = [
        transcript(f"s{i:02d}.md", "gpt-4o" if i % 3 else "claude", part("q7b", 3 if i % 2 else 0), part("q7c", 3))
        for i in range(DETAIL_MAX_TRANSCRIPTS + 1)
    ]
    out = _render(report(*many, transcript("bad.json", None, errors=("bad.json: not valid JSON.",))))
    assert "Models (final attempts)" in out and "Parts (final attempts)" in out
    assert "s01.md — gpt-4o" not in out  # no per-transcript tables
    row = next(line for line in out.splitlines() if "q7b" in line)
    # 21 answers: 10 full marks (odd i), 11 zero -> mean 10*3/21 = 1.43
    assert "21" in row and "1.43/3" in row
    claude = next(line for line in out.splitlines() if "claude" in line and "│" in line)
    # i = 0, 3, ..., 18: 7 conversations; odd ones (3, 9, 15) got q7b right -> 7*3 + 3*3 = 30 of 42
    assert " 7 " in claude and "30/42" in claude
    lowest = out[out.index("Lowest-scoring") :]
    assert "Lowest-scoring conversations (10 of 21)" in lowest and "s00.md (claude): 3/6" in lowest
    assert "s01.md" not in lowest  # 6/6 is not among the lowest
    assert "bad.json: not valid JSON." in out
    verbose = _render(report(*many), verbose=True)
    assert "s01.md — gpt-4o" in verbose
