"""The `hw7grade` command. Commands are registered here, in one place.

Command modules import only typer at module level; rubrics, the algebra engine and SDKs are imported inside
the command functions so `hw7grade --help` stays instant.
"""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from ..errors import Hw7gradeError


class _Hw7gradeGroup(TyperGroup):
    """Catches `Hw7gradeError` once for every command: `Error: ...` on stderr, its exit code."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]  # same call, errors caught
        try:
            return super().invoke(ctx)
        except Hw7gradeError as exc:
            typer.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            typer.echo("Interrupted.", err=True)
            ctx.exit(130)


app = typer.Typer(
    cls=_Hw7gradeGroup,
    help="Ask LLMs homework questions and grade their answers against rubrics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

from . import grade as _grade  # noqa: E402
from . import rubrics as _rubrics  # noqa: E402
from . import ask as _ask  # noqa: E402
from . import models as _models  # noqa: E402
from . import compare as _compare  # noqa: E402
from . import agree as _agree  # noqa: E402
from . import math as _math  # noqa: E402
from . import batch as _batch  # noqa: E402

app.command("grade")(_grade.grade)
app.add_typer(_rubrics.app, name="rubrics")
app.command("ask")(_ask.ask)
app.command("models")(_models.models)
app.command("compare")(_compare.compare)
app.command("agree")(_agree.agree)
app.command("math")(_math.math)
app.add_typer(_batch.app, name="batch")


def main() -> None:
    fast, rubrics_dir = _rubrics.fast_listing_args(sys.argv[1:])
    if fast:  # `hw7grade rubrics` is a start-up benchmark: skip typer's argument coercion
        try:
            _rubrics.print_listing(rubrics_dir)
        except Hw7gradeError as exc:
            typer.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        return
    app(prog_name="hw7grade")


if __name__ == "__main__":  # pragma: no cover
    main()
