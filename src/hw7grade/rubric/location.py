"""Where the rubric files are. Imports nothing heavy: `hw7grade rubrics` reads a cached listing
without loading pydantic or the checks."""

from __future__ import annotations

import os
from pathlib import Path

RUBRICS_ENV = "HW7GRADE_RUBRICS"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
"""The installed hw7grade package (holds `_rubrics` when installed from a wheel)."""


def default_rubric_dir() -> Path:
    """`$HW7GRADE_RUBRICS`, else `./rubrics`, else the repository's, else the installed copy."""
    env = os.environ.get(RUBRICS_ENV)
    if env:
        return Path(env)
    here = Path.cwd() / "rubrics"
    if here.is_dir() and any(here.glob("*.yaml")):
        return here
    source_tree = PACKAGE_DIR.parents[1] / "rubrics"
    if source_tree.is_dir():
        return source_tree
    return PACKAGE_DIR / "_rubrics"
