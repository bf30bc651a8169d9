"""`hw7grade rubrics` with no subcommand: the parts listed from the listing cache, without typer
(`main` calls it for exactly `rubrics [--rubrics DIR]`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional


def print_listing(rubrics_dir: Optional[Path]) -> None:
    """Plain text from the validated-listing cache: no rich, pydantic or check imports (start-up)."""
    from ..report.terminal import echo_text
    from ..rubric.listing import read_listing

    listing = read_listing(rubrics_dir)
    rows = listing.rows
    cells = [(r.id, f"{r.points:g}", ", ".join(r.checks), r.title) for r in rows]
    header = ("part", "points", "checks", "title")
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(3)]
    echo_text(f"{listing.homework} rubric parts (from {listing.directory})")
    for cell in [header, *cells]:
        echo_text("  ".join(text.ljust(width) for text, width in zip(cell, widths)) + "  " + cell[3])
    echo_text(f"{len(rows)} parts, {sum(r.points for r in rows):g} points")


def fast_listing_args(argv: list[str]) -> tuple[bool, Optional[Path]]:
    """(True, folder) when argv is exactly `rubrics [--rubrics DIR]`: `main` then lists without
    typer (its import, and its parameter coercion, which imports pydantic for any non-flag option)."""
    if argv[:1] != ["rubrics"]:
        return False, None
    rest = argv[1:]
    if not rest:
        return True, None
    if len(rest) == 2 and rest[0] == "--rubrics" and not rest[1].startswith("-"):
        return True, Path(rest[1])
    if len(rest) == 1 and rest[0].startswith("--rubrics=") and len(rest[0]) > len("--rubrics="):
        return True, Path(rest[0].split("=", 1)[1])
    return False, None
