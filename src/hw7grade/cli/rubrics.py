"""`hw7grade rubrics`: list the parts and their points; `rubrics show ID` prints one part."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import options
from .listing import print_listing

app = typer.Typer(help="List rubric parts, show one, or test the rubrics against known answers.", no_args_is_help=False)


@app.callback(invoke_without_command=True)
def list_parts(ctx: typer.Context, rubrics_dir: Optional[Path] = options.RUBRICS) -> None:
    """List every part with its title, points and check types."""
    if ctx.invoked_subcommand is not None:
        return
    print_listing(rubrics_dir)


@app.command("show")
def show(
    part_id: str = typer.Argument(..., help="A part id such as q7b."), rubrics_dir: Optional[Path] = options.RUBRICS
) -> None:
    """Print a part's prompt, reference answer and checks."""
    from rich.markup import escape

    from ..report import terminal as _terminal
    from ..rubric.model import load_rubric

    part = load_rubric(rubrics_dir).part(part_id)
    console = _terminal.console()
    console.print(f"[bold]{part.id}[/bold] — {escape(part.title)} ({part.points:g} points)")
    console.print("\n[bold]Prompt[/bold]")
    console.print(escape(part.prompt.strip()))
    console.print("\n[bold]Reference answer[/bold]")
    console.print(escape(part.reference.strip()))
    console.print("\n[bold]Checks[/bold]")
    for check in part.checks:
        points = (
            f"{check.points:g} pt" if check.counts_toward_total else f"caps the part at {getattr(check, 'cap', 0):g}"
        )
        console.print(f"- {escape(check.label)} ({check.type}, {points}): {escape(check.feedback)}")


@app.command("test")
def test_cases(
    rubrics_dir: Optional[Path] = options.RUBRICS,
    cases_dir: Optional[Path] = typer.Option(
        None, "--cases", help="Case folder (default: the rubric folder's cases/)."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every case, not only the surprises."),
) -> None:
    """Grade each rubric's known answers (rubrics/cases/*.yaml); exit 1 on any surprise or missing case."""
    from ..rubric.cases import run_rubric_tests

    raise typer.Exit(run_rubric_tests(rubrics_dir, cases_dir, verbose))


@app.command("new")
def new(
    part_id: str = typer.Argument(..., help="The new part's id, such as q9a (its question, q9, is taken from it)."),
    rubrics_dir: Optional[Path] = typer.Option(
        None, "--rubrics", help="Folder to write to (default: $HW7GRADE_RUBRICS or ./rubrics)."
    ),
) -> None:
    """Write a commented skeleton rubric for a new part, and a cases file for `rubrics test`.

    In a folder with no rubric yet, also a course.yaml (course name, system prompt, default shapes).
    """
    import os

    from ..rubric.location import RUBRICS_ENV
    from ..rubric.skeleton import write_skeleton

    directory = rubrics_dir or Path(os.environ.get(RUBRICS_ENV) or "rubrics")
    for path in write_skeleton(part_id, directory):
        typer.echo(f"Wrote {path}")
    typer.echo(
        f"Next: edit them, then `hw7grade rubrics show {part_id} --rubrics {directory}` and "
        f"`hw7grade rubrics test --rubrics {directory}`."
    )


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of a rubric file, for completion and validation in an editor."""
    import json

    from ..rubric.skeleton import rubric_schema

    typer.echo(json.dumps(rubric_schema(), indent=2, ensure_ascii=False))
