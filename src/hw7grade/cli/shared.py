"""What several commands share: the two consoles, plain-text printing and showing a graded report."""

from __future__ import annotations

from pathlib import Path


def consoles():
    """(stdout, stderr) rich consoles that show control characters as symbols and scrub keys (see
    `terminal`), full width when not a terminal (see `streams.report_console`)."""
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


def show_graded_sessions(
    sessions: list,
    rubric,
    console,
    json_path: Path | None,
    verbose: bool,
    judge=None,
    time_limit_s: float | None = None,
    *,
    run=None,
    markdown_path: Path | None = None,
    html_path: Path | None = None,
) -> bool:
    """Grade saved conversations (each in a worker with the time budget), print and write the
    reports (`run`: how an evaluation run asked them); True when every answer could be graded (the
    others are named, with how to grade them)."""
    from dataclasses import replace

    from ..report import terminal
    from ..runs.asking import grade_sessions

    report = grade_sessions(sessions, rubric, judge, time_limit_s)
    if run is not None:
        report = replace(report, run=run)
    show_report(report, console, json_path, verbose)
    if markdown_path:
        from ..report.markdown import write_markdown

        write_markdown(report, markdown_path)
    if html_path:
        from ..report.html import write_html

        write_html(report, html_path)
    for t in report.unreadable:
        for error in t.errors:
            terminal.echo(f"Error: {error} The transcript is saved; grade it with `hw7grade grade {t.path}`.", err=True)
    return not report.unreadable
