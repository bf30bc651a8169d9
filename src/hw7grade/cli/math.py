"""`hw7grade math A B`: is B equivalent to A? For rubric authors and for checking one answer."""

from __future__ import annotations

from typing import List, Optional

import typer

EXIT_EQUIVALENT = 0
EXIT_DIFFERENT = 1
EXIT_ERROR = 2

_SHAPE = typer.Option(
    None,
    "--shape",
    metavar="NAME=ROWS,COLS",
    help="A matrix's shape, e.g. --shape X=m,n (repeatable). Default: HW7's X, W_1, W_2, U_k.",
)


def math(
    reference: str = typer.Argument(..., help="The reference: expression, gradient or equation (LaTeX or plain)."),
    candidate: str = typer.Argument(..., help="The answer to compare with it."),
    shape: Optional[List[str]] = _SHAPE,
) -> None:
    """Compare two matrix expressions exactly. Exit 0 equivalent, 1 not (also a scalar multiple), 2 error."""
    from ..algebra import HW7_SHAPES, compare
    from ..errors import UsageError
    from ..terminal import echo

    shapes = dict(HW7_SHAPES)
    for item in shape or []:
        name, _, dims = item.partition("=")
        parts = [p.strip() for p in dims.split(",")]
        if not name.strip() or len(parts) != 2 or not all(parts):
            raise UsageError(f"--shape {item!r} must look like NAME=ROWS,COLS (e.g. X=m,n).")
        shapes[name.strip()] = (parts[0], parts[1])
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
    if result.status == "equivalent":
        raise typer.Exit(EXIT_EQUIVALENT)
    raise typer.Exit(EXIT_ERROR if result.is_error else EXIT_DIFFERENT)
