"""What several commands share: the two consoles, plain-text printing and showing a graded report."""

from __future__ import annotations

from pathlib import Path


def consoles():
    """(stdout, stderr) rich consoles, full width when not a terminal (see `streams.report_console`)."""
    from .streams import report_console

    return report_console(), report_console(stderr=True)


def say(console, text: str, *, end: str = "\n", soft_wrap: bool = True) -> None:
    """`report.console.say`: text printed as it is, never read as Rich markup."""
    from ..report.console import say as plain

    plain(console, text, end=end, soft_wrap=soft_wrap)


def show_report(report, console, json_path: Path | None, verbose: bool) -> None:
    """The terminal report after a blank line, and the JSON report when `--json` asked for one."""
    from ..report.console import render_report

    console.print()
    render_report(report, console, verbose=verbose)
    if json_path:
        from ..report.json_file import write_json_report

        write_json_report(report, json_path)
