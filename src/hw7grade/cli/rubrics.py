"""`hw7grade rubrics`: list the parts and their points; `rubrics show ID` prints one part."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import options

app = typer.Typer(help="List rubric parts, show one, or test the rubrics against known answers.", no_args_is_help=False)


@app.callback(invoke_without_command=True)
def list_parts(ctx: typer.Context, rubrics_dir: Optional[Path] = options.RUBRICS) -> None:
    """List every part with its title, points and check types."""
    if ctx.invoked_subcommand is not None:
        return
    print_listing(rubrics_dir)


def print_listing(rubrics_dir: Optional[Path]) -> None:
    """Plain text from the validated-listing cache: no rich, pydantic or check imports (start-up)."""
    from ..rubric.listing import read_listing

    listing = read_listing(rubrics_dir)
    rows = listing.rows
    cells = [(r.id, f"{r.points:g}", ", ".join(r.checks), r.title) for r in rows]
    header = ("part", "points", "checks", "title")
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(3)]
    typer.echo(f"{listing.homework} rubric parts (from {listing.directory})")
    for cell in [header, *cells]:
        typer.echo("  ".join(text.ljust(width) for text, width in zip(cell, widths)) + "  " + cell[3])
    typer.echo(f"{len(rows)} parts, {sum(r.points for r in rows):g} points")


def fast_listing_args(argv: list[str]) -> tuple[bool, Optional[Path]]:
    """(True, folder) when argv is exactly `rubrics [--rubrics DIR]`: `main` then lists without
    typer's parameter coercion, which imports pydantic for any non-flag option (typer >= 0.29)."""
    if argv[:1] != ["rubrics"]:
        return False, None
    rest = argv[1:]
    if not rest:
        return True, None
    if len(rest) == 2 and rest[0] == "--rubrics" and not rest[1].startswith("-"):
        return True, Path(rest[1])
    if len(rest) == 1 and rest[0].startswith("--rubrics=") and len(rest[0]) > len("--rubrics="):
        return True, Path(rest[0].split("=", 1)[1])
    return False, None


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
