"""The user's cache folder for what hw7grade keeps between runs (rubric listing, validated rubric,
compiled patterns): `$HW7GRADE_CACHE_DIR`, else the platform's user cache folder.

Found without importing platformdirs on Linux (XDG), where it would cost more than the lookups it
speeds up."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_DIR_ENV = "HW7GRADE_CACHE_DIR"


def cache_folder() -> Path:
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env)
    if sys.platform.startswith("linux"):
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hw7grade"
    import platformdirs

    return Path(platformdirs.user_cache_dir("hw7grade"))
