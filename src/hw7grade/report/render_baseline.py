"""The terminal's baseline section (`grade --baseline`): each compared part, changes first, and the counts."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .baseline import BaselineComparison, PartDelta, Status
from .gates import score_text

_STATUS_ORDER: tuple[Status, ...] = ("regressed", "improved", "new", "unchanged")
_STATUS_STYLE = {"regressed": "red", "improved": "green", "new": "cyan", "unchanged": "dim"}

BASELINE_MAX_ROWS = 40
"""Above this many compared parts the terminal lists only those that changed score."""


def render_baseline(comparison: BaselineComparison, console: Console) -> None:
    table = Table(title="Against the baseline", title_justify="left")
    for column in ("change", "transcript", "part", "baseline", "now", "matched by"):
        table.add_column(column)
    ordered: list[PartDelta] = sorted(comparison.deltas, key=lambda d: _STATUS_ORDER.index(d.status))
    if len(ordered) > BASELINE_MAX_ROWS:
        ordered = comparison.regressions + comparison.improvements
    for d in ordered:
        style = _STATUS_STYLE[d.status]
        table.add_row(
            f"[{style}]{d.status}[/{style}]",
            escape(d.path),
            d.part_id,
            score_text(d.before),
            score_text(d.after),
            d.matched_by if d.before is not None else "",
        )
    if ordered:
        console.print(table)
    counts = ", ".join(f"{len(comparison.by_status(s))} {s}" for s in _STATUS_ORDER)
    extra = f"; {len(comparison.baseline_only)} baseline part(s) not in this run" if comparison.baseline_only else ""
    shown = "" if len(ordered) == len(comparison.deltas) else " (only the parts whose score changed are listed)"
    console.print(f"Baseline: {counts}{extra}{shown}", highlight=False)


__all__ = ["BASELINE_MAX_ROWS", "render_baseline"]
