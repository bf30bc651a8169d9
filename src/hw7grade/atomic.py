"""Atomic file writes: a crash leaves either the old file or the new one, never half of one."""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path
from typing import Iterable


_UTF8 = ("utf-8", "hw7grade.replacement-char")
"""Text files are valid UTF-8 whatever they quote: a lone surrogate is written as U+FFFD."""
codecs.register_error(_UTF8[1], lambda error: ("\ufffd".encode("utf-8"), error.end))  # type: ignore[attr-defined]  # encode errors carry .end; typeshed says UnicodeError


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write `text` to `path` through a temp file in the same folder and `os.replace`."""
    return write_bytes_atomic(path, text.encode(*_UTF8))


def write_chunks_atomic(path: str | os.PathLike[str], chunks: Iterable[str]) -> Path:
    """Like `write_text_atomic`, for a report written piece by piece: never whole in memory."""
    return write_bytes_atomic(path, (chunk.encode(*_UTF8) for chunk in chunks))


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes | Iterable[bytes]) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for piece in data:
                    handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target
