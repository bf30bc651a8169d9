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
    from ..report.json_file import read_json_report
    from ..report.numbers import num
    from ..results import PartScore, PartTotal
    from .streams import report_console

    a_report, b_report = read_json_report(a_path), read_json_report(b_path)
    cmp = compare_reports(a_report, b_report)
    console = report_console()  # control-character-safe (terminal.console), full width off a terminal

    def score(p: PartScore | PartTotal | None) -> str:
        return "–" if p is None else f"{num(p.score)}/{num(p.max_score)}"

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
            escape(r.path),
            escape(r.model or ""),
            r.part_id,
            score(r.a),
            r.a.verdict if r.a else "",
            score(r.b),
            r.b.verdict if r.b else "",
            delta(r.delta),
        )
    console.print(parts)

    models = Table(title="Per model (mean score fraction)", title_justify="left")
    for column in ("model", "part", "A", "B", "change"):
        models.add_column(column)
    for m in cmp.models:
        models.add_row(escape(m.model), m.part_id, pct(m.a), pct(m.b), delta(m.delta))
    console.print(models)

    _differences(a_report, b_report, console)


def _differences(a_report, b_report, console) -> None:
    """B minus A per part with 95% intervals, and the paired test over the parts both asked."""
    from rich.markup import escape
    from rich.table import Table

    from ..report.samples_compare import compare_samples

    rows, test = compare_samples(a_report, b_report)

    def pts(x: float | None) -> str:
        return "–" if x is None else f"{x * 100:+.0f} pts"

    def ci(c) -> str:
        return "–" if c is None else f"[{c[0] * 100:+.0f}, {c[1] * 100:+.0f}]"

    table = Table(title="Difference B − A (mean score, final attempts; 95% bootstrap intervals)", title_justify="left")
    for column in ("part", "A n", "A mean", "B n", "B mean", "B − A", "95% CI"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            escape(r.key),
            str(len(r.a)),
            "–" if r.a_mean is None else f"{r.a_mean:.0%}",
            str(len(r.b)),
            "–" if r.b_mean is None else f"{r.b_mean:.0%}",
            pts(r.difference),
            ci(r.ci),
        )
    console.print(table)
    if test.pairs:
        p = "–" if test.p_value is None else f"{test.p_value:.3g}"
        console.print(
            f"Paired over {test.pairs} part(s) asked in both: mean difference {pts(test.mean_difference)} "
            f"{ci(test.ci)}; sign-flip permutation test p = {p}",
            highlight=False,
        )
    else:
        console.print("No part was asked in both runs: no paired test.", highlight=False)
