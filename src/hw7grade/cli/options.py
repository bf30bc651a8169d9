"""Options several commands take, declared once (same flag, same help everywhere): `cli.params`
holds them as data, these are their typer forms."""

from __future__ import annotations

from . import params

RUBRICS = params.RUBRICS.typer()
JSON = params.JSON.typer()
JSON_OR_STDOUT = params.JSON_OR_STDOUT.typer()
VERBOSE = params.VERBOSE.typer()
STATE_DIR = params.STATE_DIR.typer()
