"""`hw7grade math A B`: is B equivalent to A? For rubric authors and for checking one answer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

if TYPE_CHECKING:
    from ..algebra import MathResult

EXIT_EQUIVALENT = 0
EXIT_DIFFERENT = 1
EXIT_ERROR = 2

_SHAPE = typer.Option(
    None,
    "--shape",
    metavar="NAME=ROWS,COLS",
    help="A matrix's shape, e.g. --shape X=m,n (repeatable); added to the course file's `shapes`.",
)


def math(
    reference: str = typer.Argument(..., help="The reference: expression, gradient or equation (LaTeX or plain)."),
    candidate: str = typer.Argument(..., help="The answer to compare with it."),
    shape: Optional[List[str]] = _SHAPE,
    scalar: bool = typer.Option(
        False, "--scalar", help="Compare two scalars exactly (fractions, roots, powers, \\log, \\exp, trig, times)."
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Also print both formulas and their difference (Unicode, via sympy)."
    ),
    rubrics_dir: Optional[Path] = typer.Option(
        None, "--rubrics", help="Rubric folder whose course.yaml gives the default shapes."
    ),
) -> None:
    """Compare two matrix expressions exactly. Exit 0 equivalent, 1 not (also a scalar multiple), 2 error.

    Each argument must be exactly one expression, gradient or equation: any other text is a parse
    error (exit 2). An expression may start with `-` (`hw7grade math '2X' '-2X'`).
    """
    from ..algebra import Deadline, compare
    from ..algebra.strict import whole_input_problem
    from ..errors import UsageError
    from ..report.terminal import echo
    from ..rubric.course import load_course
    from ..rubric.location import default_rubric_dir

    if scalar:
        raise typer.Exit(_scalar(reference, candidate))

    shapes = dict(load_course(rubrics_dir or default_rubric_dir()).shapes)
    for item in shape or []:
        name, _, dims = item.partition("=")
        parts = [p.strip() for p in dims.split(",")]
        if not name.strip() or len(parts) != 2 or not all(parts):
            raise UsageError(f"--shape {item!r} must look like NAME=ROWS,COLS (e.g. X=m,n).")
        shapes[name.strip()] = (parts[0], parts[1])
    for role, text in (("reference", reference), ("answer", candidate)):
        problem = whole_input_problem(text, shapes, Deadline())
        if problem is not None:
            typer.echo(problem.status.replace("_", " "))
            echo(f"  {role}: {problem.message}")
            raise typer.Exit(EXIT_ERROR)
    result = compare(reference, candidate, shapes)
    typer.echo(result.status.replace("_", " "))
    details = []
    if result.explanation:
        details.append(result.explanation)
    if result.factor is not None and result.status in ("scalar_multiple", "equivalent") and result.factor != 1:
        details.append(f"factor: answer = {result.factor} x reference")
    if result.wrt:
        details.append(f"gradient with respect to {result.wrt}")
    for line in details:
        echo(f"  {line}")
    if verbose:
        _pretty(result, shapes)
    if result.status == "equivalent":
        raise typer.Exit(EXIT_EQUIVALENT)
    raise typer.Exit(EXIT_ERROR if result.is_error else EXIT_DIFFERENT)


def _pretty(result: MathResult, shapes: dict) -> None:
    """Expected, found and their expanded difference in sympy's pretty printer, the certificate of a
    match, and which method decided."""
    import sys

    from ..checks.base import matrix_formula
    from ..report.pretty import can_show_unicode, formula_lines
    from ..report.terminal import echo

    if not result.expected:
        typer.echo("  (no symbolic form)")
        return
    formula = matrix_formula(result.expected, result.found, result.status, shapes)
    lines = formula_lines(formula, can_show_unicode(sys.stdout), with_certificate=True)
    for line in lines:
        if not line.startswith("explanation:"):  # the verdict's lines above already explain it
            echo(f"  {line}")
    echo(f"  decided by: {result.method}")


def _scalar(reference: str, candidate: str) -> int:
    from ..algebra import MathError
    from ..algebra.scalars import read_scalar, same_value

    try:
        want, got = read_scalar(reference), read_scalar(candidate)
        equal = same_value(want, got)
    except MathError as exc:
        typer.echo(exc.status.replace("_", " "))
        typer.echo(f"  {exc.message}")
        return EXIT_ERROR
    typer.echo("equivalent" if equal else "not equivalent")
    if equal and got.decimals is not None and want.value != got.value:
        typer.echo(f"  {candidate} is the value rounded to {got.decimals} decimal{'s' if got.decimals != 1 else ''}")
    typer.echo("  decided by: symbolic")
    return EXIT_EQUIVALENT if equal else EXIT_DIFFERENT
