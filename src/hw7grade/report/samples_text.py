"""The per model x part figures (`samples.py`) as terminal tables and Markdown sections."""

from __future__ import annotations

from ..results import Report
from .samples import PartStats, ci_text, has_follow_ups, has_repeats, part_stats, pct

STATS_HEADERS = ("model", "part", "n", "mean score [95% CI]", "correct [95% Wilson]", "pass@k", "verdicts")
SELF_HEADERS = ("model", "part", "n", "first", "final", "correct first", "correct final", "fixed", "broke", "caved")


def wanted(report: Report, stats: list[PartStats]) -> bool:
    """Shown for a run `ask` made, or when some model answered some part more than once."""
    return report.run is not None or has_repeats(stats)


def stats_row(s: PartStats) -> list[str]:
    pass_k = ", ".join(f"@{k} {pct(v)}" for k, v in s.pass_at.items() if k > 1) or "–"
    return [
        s.model,
        s.part_id,
        str(s.n),
        f"{pct(s.mean)} {ci_text(s.mean_ci)}",
        f"{s.correct}/{s.n} {ci_text(s.correct_ci)}",
        pass_k,
        s.spread(),
    ]


def self_row(s: PartStats) -> list[str]:
    return [
        s.model,
        s.part_id,
        str(s.n),
        pct(s.first_mean),
        pct(s.mean),
        f"{s.first_correct}/{s.n}",
        f"{s.correct}/{s.n}",
        f"{s.fixed}/{s.first_short}",
        f"{s.broke}/{s.n}",
        f"{s.caved}/{s.first_correct}",
    ]


def render_stats(report: Report, console) -> None:
    """Terminal: the samples table, and the self-correction table when follow-ups changed scores."""
    from rich.markup import escape
    from rich.table import Table

    stats = part_stats(report)
    if not wanted(report, stats):
        return
    table = Table(*STATS_HEADERS, title="Per model and part (final attempts; 95% intervals)", title_justify="left")
    for s in stats:
        table.add_row(*(escape(c) for c in stats_row(s)))
    console.print(table)
    if has_follow_ups(stats):
        self_table = Table(*SELF_HEADERS, title="Self-correction (first vs final attempt)", title_justify="left")
        for s in stats:
            self_table.add_row(*(escape(c) for c in self_row(s)))
        console.print(self_table)


def _untrusted_model(row: list[str], cell) -> list[str]:
    """Only the model name comes from outside (a transcript or a server): it goes through `cell`
    (inert Markdown); the other columns are our own numbers, intervals and `@k` labels, shown as written."""
    return [cell(row[0]), *row[1:]]


def markdown_stats(report: Report, table, cell) -> list[str]:
    """Markdown: the same tables; `table` and `cell` are markdown.py's (escaping included)."""
    stats = part_stats(report)
    if not wanted(report, stats):
        return []
    lines = [
        "### Per model and part (final attempts; 95% intervals)",
        "",
        *table(list(STATS_HEADERS), [_untrusted_model(stats_row(s), cell) for s in stats]),
    ]
    if has_follow_ups(stats):
        lines += [
            "",
            "### Self-correction (first vs final attempt)",
            "",
            *table(list(SELF_HEADERS), [_untrusted_model(self_row(s), cell) for s in stats]),
        ]
    return lines
