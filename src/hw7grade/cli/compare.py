"""`hw7grade compare A.json B.json`: two JSON reports side by side, per part and per model."""

from __future__ import annotations

from pathlib import Path

import typer


def compare(
    a_path: Path = typer.Argument(..., metavar="A.json", help="The earlier (or reference) JSON report."),
    b_path: Path = typer.Argument(..., metavar="B.json", help="The later JSON report."),
) -> None:
    """Show two reports side by side: score, verdict and change per part and per model (exit 0)."""
    from rich.markup import escape
    from rich.table import Table

    from ..report.compare import compare_reports
    from .streams import report_console
    from ..report.json_file import read_json_report
    from ..results import PartScore, PartTotal

    cmp = compare_reports(read_json_report(a_path), read_json_report(b_path))
    console = report_console()

    def score(p: PartScore | PartTotal | None) -> str:
        return "–" if p is None else f"{p.score:g}/{p.max_score:g}"

    def delta(d: float | None) -> str:
        if d is None:
            return ""
        points = round(d * 100)
        if points == 0:
            return "[dim]0[/dim]"
        style = "green" if points > 0 else "red"
        return f"[{style}]{points:+d} pts[/{style}]"

    def pct(x: float | None) -> str:
        return "–" if x is None else f"{x:.0%}"

    parts = Table(title="Per part (final attempts; change in % of the part's points)", title_justify="left")
    for column in ("transcript", "model", "part", "A score", "A verdict", "B score", "B verdict", "change"):
        parts.add_column(column)
    for r in cmp.parts:
        parts.add_row(
            escape(r.path), escape(r.model or ""), r.part_id, score(r.a), r.a.verdict if r.a else "",
            score(r.b), r.b.verdict if r.b else "", delta(r.delta),
        )
    console.print(parts)

    models = Table(title="Per model (mean score fraction)", title_justify="left")
    for column in ("model", "part", "A", "B", "change"):
        models.add_column(column)
    for m in cmp.models:
        models.add_row(escape(m.model), m.part_id, pct(m.a), pct(m.b), delta(m.delta))
    console.print(models)
