"""Where hw7grade keeps its caches (rubric listing, compiled rubric, regular expressions)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_DIR_ENV = "HW7GRADE_CACHE_DIR"


def cache_base_dir() -> Path:
    """`$HW7GRADE_CACHE_DIR`, else the user cache folder (XDG on Linux, without importing
    platformdirs there: it costs more than the listing)."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env)
    if sys.platform.startswith("linux"):
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hw7grade"
    import platformdirs

    return Path(platformdirs.user_cache_dir("hw7grade"))
