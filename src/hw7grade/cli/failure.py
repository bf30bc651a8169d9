"""How a command that fails says so: one place for every command path, with typer or without."""

from __future__ import annotations

from ..errors import Hw7gradeError

INTERRUPTED_EXIT = 130
"""The shell's code for a command stopped by Ctrl-C (128 + SIGINT)."""


def report_user_error(exc: Hw7gradeError) -> int:
    """`Error: ...` on stderr; the exit code to leave with. Every command path, with typer or
    without, reports our one error type here."""
    from ..report.terminal import echo

    echo(f"Error: {exc}", err=True)
    return exc.exit_code


def report_interrupt() -> int:
    """What an interrupted command says, and its exit code."""
    from ..report.terminal import echo

    echo("Interrupted.", err=True)
    return INTERRUPTED_EXIT
