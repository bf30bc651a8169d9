"""`hw7grade env`: the environment variables hw7grade reads, and whether each is set (never its value)."""

from __future__ import annotations

import os

TOOL_ENV_VARS: tuple[tuple[str, str], ...] = (
    ("HW7GRADE_RUBRICS", "rubric folder (instead of ./rubrics or the bundled one)"),
    ("HW7GRADE_CACHE_DIR", "cache folder: answers, batch state, rubric listing, validated rubric, compiled patterns"),
    ("HW7GRADE_PRICES", "price table for cost estimates (instead of the bundled prices.toml)"),
    ("HW7GRADE_BACKOFF_BASE_S", "first retry pause, in seconds"),
    ("HW7GRADE_RETRY_AFTER_CAP_S", "longest Retry-After honoured, in seconds"),
    ("XDG_CACHE_HOME", "user cache folder on Linux (when HW7GRADE_CACHE_DIR is unset)"),
    ("TMPDIR", "where large runs spool their results"),
    ("NO_COLOR", "no colours in the terminal report"),
    ("COLUMNS", "report width (on a terminal: its width; otherwise wide)"),
)
"""The variables the tool itself reads; the providers' come from their table (providers/registry.py)."""


def env_vars() -> list[tuple[str, str]]:
    """Every variable hw7grade reads: (name, what it changes)."""
    from ..providers.registry import PROVIDERS

    rows = []
    for info in PROVIDERS.values():
        rows.append((info.key_env, f"API key for {info.label} ({info.name}:MODEL)"))
        rows.append((info.base_url_env, f"another server for {info.name}:MODEL"))
    return rows + list(TOOL_ENV_VARS)


def env() -> None:
    """List the environment variables hw7grade reads and whether each is set (values are never shown)."""
    import typer

    rows = env_vars()
    width = max(len(name) for name, _ in rows)
    for name, meaning in rows:
        state = "set" if os.environ.get(name) else "not set"
        typer.echo(f"{name.ljust(width)}  {state.ljust(7)}  {meaning}")
