"""The `hw7grade` command's typer app. Commands are registered here, in one place.

Command modules import only typer at module level; rubrics, the algebra engine and SDKs are imported inside
the command functions so `hw7grade --help` stays instant.
"""

from __future__ import annotations

import gc

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import Hw7gradeError
from .failure import report_interrupt, report_user_error
from .params import ASK, GRADE, typer_command


class _Hw7gradeGroup(TyperGroup):
    """Catches `Hw7gradeError` once for every command: `Error: ...` on stderr, its exit code.
    Built once per run, as the root: it also gives every command its examples and plain help."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .help import patch_short_help_limit, polish

        polish(self)
        patch_short_help_limit(self)

    def parse_args(self, ctx, args):
        from .coercion import install

        install(self.get_params(ctx))  # --version, completion, --help: see `_Command`
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context):  # type: ignore[override]  # the base takes typer._click.Context (private)
        # What parsing the command imported lives as long as the process: kept out of the cyclic
        # collector's sight, the command's own collections (during an SDK's import, say) skip it.
        gc.freeze()
        gc.enable()
        try:
            return super().invoke(ctx)
        except Hw7gradeError as exc:
            ctx.exit(report_user_error(exc))
        except KeyboardInterrupt:
            ctx.exit(report_interrupt())


class _Command(TyperCommand):
    """A command whose options typer would coerce through pydantic adapters even when left unset:
    `coercion.install` answers the cases where that changes nothing."""

    def parse_args(self, ctx, args):
        from .coercion import install

        install(self.get_params(ctx))
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_Hw7gradeGroup,
    help="Ask LLMs homework questions and grade their answers against rubrics.\n\n"
    "Environment variables it reads: `hw7grade env` lists them and whether each is set.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"hw7grade {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Ask LLMs homework questions and grade their answers against rubrics.

    Environment variables it reads: `hw7grade env` lists them and whether each is set.
    """


from . import agree as _agree  # noqa: E402
from . import ask as _ask  # noqa: E402
from . import batch as _batch  # noqa: E402
from . import compare as _compare  # noqa: E402
from . import env as _env  # noqa: E402
from . import grade as _grade  # noqa: E402
from . import math as _math  # noqa: E402
from . import models as _models  # noqa: E402
from . import rubrics as _rubrics  # noqa: E402

app.command("grade", cls=_Command)(typer_command(_grade.grade, GRADE))
app.add_typer(_rubrics.app, name="rubrics")
app.command("ask", cls=_Command)(typer_command(_ask.ask, ASK))
app.command("models", cls=_Command)(_models.models)
app.command("compare", cls=_Command)(_compare.compare)
app.command("agree", cls=_Command)(_agree.agree)
app.command("math", cls=_Command, context_settings={"ignore_unknown_options": True})(_math.math)  # `-2X`: an expression
app.add_typer(_batch.app, name="batch")
app.command("env", cls=_Command)(_env.env)
