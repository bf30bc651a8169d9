"""Shared fixtures of the performance tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def rubrics(tmp_path, monkeypatch):
    """A copy of the bundled rubric folder, with caches in a temporary folder (edits stay local)."""
    monkeypatch.setenv("HW7GRADE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "rubrics"
    shutil.copytree(REPO / "rubrics", folder)
    return folder
