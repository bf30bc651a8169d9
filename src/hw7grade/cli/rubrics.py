"""`hw7grade rubrics`: list the parts and their points; `rubrics show ID` prints one part."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="List rubric parts, show one, or test the rubrics against known answers.", no_args_is_help=False)

_RUBRICS = typer.Option(None, "--rubrics", help="Rubric folder (default: ./rubrics or the bundled one).")


@app.callback(invoke_without_command=True)
def list_parts(ctx: typer.Context, rubrics_dir: Optional[Path] = _RUBRICS) -> None:
    """List every part with its title, points and check types."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.console import Console
    from rich.table import Table

    from ..rubric import load_rubric

    rubric = load_rubric(rubrics_dir)
    table = Table(title="HW7 rubric parts", title_justify="left")
    for column in ("part", "title", "points", "checks"):
        table.add_column(column)
    for part in rubric.parts:
        table.add_row(part.id, part.title, f"{part.points:g}", ", ".join(c.type for c in part.checks))
    console = Console()
    console.print(table)
    console.print(f"{len(rubric.parts)} parts, {sum(p.points for p in rubric.parts):g} points")


@app.command("show")
def show(part_id: str = typer.Argument(..., help="A part id such as q7b."), rubrics_dir: Optional[Path] = _RUBRICS) -> None:
    """Print a part's prompt, reference answer and checks."""
    from rich.console import Console
    from rich.markup import escape

    from ..rubric import load_rubric

    part = load_rubric(rubrics_dir).part(part_id)
    console = Console()
    console.print(f"[bold]{part.id}[/bold] — {escape(part.title)} ({part.points:g} points)")
    console.print("\n[bold]Prompt[/bold]")
    console.print(escape(part.prompt.strip()))
    console.print("\n[bold]Reference answer[/bold]")
    console.print(escape(part.reference.strip()))
    console.print("\n[bold]Checks[/bold]")
    for check in part.checks:
        points = f"{check.points:g} pt" if check.counts_toward_total else f"caps the part at {getattr(check, 'cap', 0):g}"
        console.print(f"- {escape(check.label)} ({check.type}, {points}): {escape(check.feedback)}")


@app.command("test")
def test_cases(
    rubrics_dir: Optional[Path] = _RUBRICS,
    cases_dir: Optional[Path] = typer.Option(None, "--cases", help="Case folder (default: the rubric folder's cases/)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every case, not only the surprises."),
) -> None:
    """Grade each rubric's known answers (rubrics/cases/*.yaml); exit 1 on any surprise or missing case."""
    from ..rubric_cases import run_rubric_tests

    raise typer.Exit(run_rubric_tests(rubrics_dir, cases_dir, verbose))
