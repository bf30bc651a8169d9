"""`hw7grade env`: the environment variables hw7grade reads, and whether each is set (never its value)."""

from __future__ import annotations

import os

ENV_VARS: tuple[tuple[str, str], ...] = (
    ("OPENAI_API_KEY", "key for OpenAI models (ask, --judge)"),
    ("ANTHROPIC_API_KEY", "key for Anthropic models (ask, --judge)"),
    ("OPENAI_BASE_URL", "an OpenAI-compatible server instead of api.openai.com"),
    ("ANTHROPIC_BASE_URL", "another Anthropic endpoint"),
    ("HW7GRADE_RUBRICS", "rubric folder (instead of ./rubrics or the bundled one)"),
    ("HW7GRADE_CACHE_DIR", "cache folder: answers, batch state, rubric listing"),
    ("HW7GRADE_BACKOFF_BASE_S", "first retry pause, in seconds"),
    ("HW7GRADE_RETRY_AFTER_CAP_S", "longest Retry-After honoured, in seconds"),
    ("XDG_CACHE_HOME", "user cache folder on Linux (when HW7GRADE_CACHE_DIR is unset)"),
    ("TMPDIR", "where large runs spool their results"),
    ("NO_COLOR", "no colours in the terminal report"),
    ("COLUMNS", "terminal width for the report"),
)
"""Every variable the tool reads: name -> what it changes. The one table `env` and `--help` use."""


def env() -> None:
    """List the environment variables hw7grade reads and whether each is set (values are never shown)."""
    import typer

    width = max(len(name) for name, _ in ENV_VARS)
    for name, meaning in ENV_VARS:
        state = "set" if os.environ.get(name) else "not set"
        typer.echo(f"{name.ljust(width)}  {state.ljust(7)}  {meaning}")
