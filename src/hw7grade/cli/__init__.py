"""The `hw7grade` command: `main`, and the typer app (`cli.typer_app`), imported when a command line needs it.

`hw7grade grade FILES...` and `hw7grade ask PARTS --model M` with plain options are parsed from
the declarations in `cli.params` without importing typer (about 0.13 s of a one-file grade, and
0.1 s of `ask`'s time to first token); every other command line, help and every bad value
included, goes to typer.
"""

from __future__ import annotations

import gc
import sys
from typing import Any, Callable

from ..errors import Hw7gradeError
from .failure import report_interrupt, report_user_error


def __getattr__(name: str) -> Any:
    if name == "app":  # `from hw7grade.cli import app`: the typer app, built on first use
        from .typer_app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    gc.disable()  # start-up imports make long-lived objects, no garbage; the command turns it back on
    from .streams import guard_encoding

    guard_encoding()  # a cp1252 redirect gets ASCII marks, not a UnicodeEncodeError
    try:
        _run()
    except BrokenPipeError:  # `hw7grade ... | head`: the reader left; say nothing more
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
    finally:
        regexes = sys.modules.get("hw7grade.regexes")  # a run that compiled no pattern has none to keep
        if regexes is not None:
            regexes.save_regexes()  # once per machine and code version: the next run skips compiling them
        gc.freeze()  # the exit frees it all: the interpreter's last collection need not walk it (~60 ms)


def _run() -> None:
    args = sys.argv[1:]
    if args[:1] in (["grade"], ["ask"]):
        from .params import ASK, GRADE, parse_args

        kwargs = parse_args(GRADE if args[0] == "grade" else ASK, args[1:])
        if kwargs is not None:
            _without_typer(args[0], kwargs)
            return
    from .listing import fast_listing_args, print_listing

    fast, rubrics_dir = fast_listing_args(args)
    if fast:  # `hw7grade rubrics` is a start-up benchmark: no typer
        try:
            print_listing(rubrics_dir)
        except Hw7gradeError as exc:
            sys.exit(report_user_error(exc))
        return
    from .typer_app import app

    app(prog_name="hw7grade")


def _without_typer(name: str, kwargs: dict[str, Any]) -> None:
    """Run `grade` or `ask` as typer's command would (`typer_app._Hw7gradeGroup.invoke`, typer's
    `_main`): the same messages and exit codes for our errors, an interrupt, end of input and a
    closed pipe."""
    import errno

    command: Callable[..., None]
    if name == "grade":
        from .grade import grade as command
    else:
        from .ask import ask as command

    gc.freeze()  # as `_Hw7gradeGroup.invoke`: what the imports made stays out of the collector's sight
    gc.enable()
    try:
        command(**kwargs)
    except Hw7gradeError as exc:
        sys.exit(report_user_error(exc))
    except KeyboardInterrupt:
        sys.exit(report_interrupt())
    except EOFError:
        import typer

        typer.echo(file=sys.stderr)
        typer.echo("Aborted!", err=True)
        sys.exit(1)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        from typer._click.utils import PacifyFlushWrapper

        sys.stdout = PacifyFlushWrapper(sys.stdout)
        sys.stderr = PacifyFlushWrapper(sys.stderr)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
