"""Pausing Python's cyclic garbage collector around work that makes long-lived objects and no garbage."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside (imports: thousands of objects that live as long as the process, and
    young-generation collections walking them for nothing), back to its earlier state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
