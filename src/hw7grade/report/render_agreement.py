"""The terminal's agreement sections: the grader beside the human labels (`grade`, `agree`), and the
judge's calibration against them (`agree --judge`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .agreement import LABELS, Agreement
from .explain import evidence_lines

if TYPE_CHECKING:
    from ..judge.calibration import Calibration

AGREEMENT_MAX_ROWS = 40
"""Above this many labelled answers (or disagreements, or parts) the terminal lists this many, the
disagreements and unscored ones first; the report files keep every one."""
UNKNOWN_SHOWN = 10


def render_agreement(
    a: Agreement, console: Console, known_parts: frozenset[str] | None = None, err: Console | None = None
) -> None:
    """Per part: grader beside human; then the confusion matrix, the statistics, the disagreements."""
    if known_parts is not None:
        unknown = [p for p in a.pairs if p.part_id not in known_parts]
        if unknown:
            ids = list(dict.fromkeys(p.part_id for p in unknown))
            more = f" and {len(ids) - UNKNOWN_SHOWN} more" if len(ids) > UNKNOWN_SHOWN else ""
            files = len({p.path for p in unknown})
            (err or console).print(
                f"Warning: {len(unknown)} human label(s) in {files} transcript(s) name parts the rubric lacks "
                f"({', '.join(ids[:UNKNOWN_SHOWN])}{more}); they are left out of the agreement.",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            a = Agreement(tuple(p for p in a.pairs if p.part_id in known_parts))
    table = Table(title="Grader vs human labels", title_justify="left")
    for column in ("transcript", "part", "attempt", "grader", "human", ""):
        table.add_column(column)
    rows = list(a.pairs)
    if len(rows) > AGREEMENT_MAX_ROWS:
        rows = sorted(rows, key=lambda p: p.scored and p.agrees)[:AGREEMENT_MAX_ROWS]  # stable: input order kept
    for p in rows:
        mark = "[cyan]?[/cyan]" if not p.scored else ("[green]✓[/green]" if p.agrees else "[red]✗[/red]")
        grader = p.grader + (" (no answer found)" if p.grader_missing else "")
        table.add_row(escape(p.path), p.part_id, p.attempt, grader, p.human, mark)
    console.print(table)
    if len(rows) < len(a.pairs):
        console.print(
            f"(the first {len(rows)} of {len(a.pairs)} labelled answers, disagreements first; the report "
            "files list all)",
            highlight=False,
        )

    matrix = Table(title="Confusion matrix (rows: grader, columns: human)", title_justify="left")
    matrix.add_column("")
    for h in LABELS:
        matrix.add_column(f"human {h}", justify="right")
    for g in LABELS:
        matrix.add_row(f"grader {g}", *(str(a.matrix[g][h]) for h in LABELS))
    console.print(matrix)

    percent = f"{a.percent:.0%}" if a.percent is not None else "n/a"
    kappa = f"{a.kappa:.2f}" if a.kappa is not None else "undefined"
    console.print(f"Agreement: {a.n} labelled answer(s), {percent} agreement, Cohen's kappa {kappa}", highlight=False)
    per_part = [f"{pid} {sub.percent:.0%} ({sub.n})" for pid, sub in a.by_part().items() if sub.percent is not None]
    if per_part:
        more = f", and {len(per_part) - AGREEMENT_MAX_ROWS} more part(s)" if len(per_part) > AGREEMENT_MAX_ROWS else ""
        console.print("Per part: " + ", ".join(per_part[:AGREEMENT_MAX_ROWS]) + more, highlight=False)
    if a.unscored:
        console.print(f"{len(a.unscored)} labelled answer(s) left out: the grader could not score them.")
    if a.disagreements:
        console.print(
            f"[bold]Disagreements ({len(a.disagreements)})[/bold] — the grader's evidence, to decide who is right:"
        )
        for p in a.disagreements[:AGREEMENT_MAX_ROWS]:
            console.print(
                f"- {escape(p.path)} {p.part_id} ({p.attempt}): grader {p.grader}, human {p.human}", highlight=False
            )
            for line in evidence_lines(p.part):
                console.print(f"    {escape(line)}", highlight=False)
        if len(a.disagreements) > AGREEMENT_MAX_ROWS:
            console.print(
                f"... and {len(a.disagreements) - AGREEMENT_MAX_ROWS} more disagreement(s) in the report files.",
                highlight=False,
            )


def _stats(a: Agreement) -> str:
    if a.n == 0:
        return "n/a (0)"
    kappa = f"{a.kappa:.2f}" if a.kappa is not None else "undef."
    return f"{a.percent:.0%} κ {kappa} ({a.n})"


def render_calibration(c: Calibration, judge_model: str, console: Console) -> None:
    """The judge beside the checks on the parts it may score, per part and overall (`agree --judge`)."""
    table = Table(title=f"Judge calibration: {judge_model} on the parts it may score", title_justify="left")
    for column in ("part", "checks alone", "judge alone", "checks + judge"):
        table.add_column(column, justify="left" if column == "part" else "right")
    for pid in c.part_ids:
        table.add_row(pid, *(_stats(a.for_part(pid)) for a in (c.checks, c.judge, c.combined)))
    table.add_row("all", *(_stats(a) for a in (c.checks, c.judge, c.combined)), style="bold")
    console.print(table)
    console.print(
        "Cells: agreement with the human labels, Cohen's kappa, (labelled answers compared).", highlight=False
    )
    matrix = Table(title="Judge alone: confusion matrix (rows: judge, columns: human)", title_justify="left")
    matrix.add_column("")
    for h in LABELS:
        matrix.add_column(f"human {h}", justify="right")
    for g in LABELS:
        matrix.add_row(f"judge {g}", *(str(c.judge.matrix[g][h]) for h in LABELS))
    console.print(matrix)
    if c.judge.unscored:
        console.print(
            f"{len(c.judge.unscored)} labelled answer(s) the judge could not score are left out of its column."
        )
    if c.disagreements:
        console.print(
            f"[bold]Judge vs checks ({len(c.disagreements)})[/bold] — the checks decided with evidence and stand:"
        )
        for path, part, d in c.disagreements:
            console.print(f"- {escape(path)} {part.id} ({part.attempt}): {escape(d.summary)}", highlight=False)
            if d.deterministic_evidence:
                console.print(f'    checks found: "{escape(d.deterministic_evidence)}"', highlight=False)
            if d.judge_evidence:
                console.print(f'    judge quotes: "{escape(d.judge_evidence)}"', highlight=False)


__all__ = ["AGREEMENT_MAX_ROWS", "render_agreement", "render_calibration"]
