"""Options several commands take, declared once (same flag, same help everywhere)."""

from __future__ import annotations

import typer

RUBRICS = typer.Option(None, "--rubrics", help="Rubric folder (default: ./rubrics or the bundled one).")
JSON = typer.Option(None, "--json", help="Write the JSON report (schema hw7grade.report/1) here.")
JSON_OR_STDOUT = typer.Option(
    None, "--json", help="Write the JSON report (schema hw7grade.report/1) here; - for stdout."
)
VERBOSE = typer.Option(False, "--verbose", "-v", help="Show every check with its evidence.")
STATE_DIR = typer.Option(None, "--state-dir", help="Folder of batch state files (default: <cache dir>/batches).")
