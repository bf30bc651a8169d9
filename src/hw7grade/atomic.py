"""Atomic file writes: a crash leaves either the old file or the new one, never half of one.

A path that is a symlink is written through to its target (the link stays); a device, FIFO or
folder is refused, never replaced by a plain file. Every failure is one `OutputError` naming the
path. New files get the usual 0666 & ~umask (0644); `private=True` (caches, batch state) gives
0600 files in 0700 folders.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import OutputError

_UTF8 = ("utf-8", "hw7grade.replacement-char")
"""Text files are valid UTF-8 whatever they quote: a lone surrogate is written as U+FFFD."""
codecs.register_error(_UTF8[1], lambda error: ("\ufffd".encode("utf-8"), error.end))  # type: ignore[attr-defined]  # encode errors carry .end; typeshed says UnicodeError


def _read_umask() -> int:
    """Read once at import (single-threaded then): setting it back and forth later could race with
    threads that create files."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
_TEMP_NAME_CHARS = 40
"""The temp file repeats at most this much of the name, so a long but valid name still fits."""
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def write_text_atomic(path: str | os.PathLike[str], text: str, private: bool = False) -> Path:
    """Write `text` to `path` through a temp file in the same folder and `os.replace`."""
    return write_bytes_atomic(path, text.encode(*_UTF8), private)


def write_chunks_atomic(path: str | os.PathLike[str], chunks: Iterable[str], private: bool = False) -> Path:
    """Like `write_text_atomic`, for a report written piece by piece: never whole in memory."""
    return write_bytes_atomic(path, (chunk.encode(*_UTF8) for chunk in chunks), private)


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """Where a write to `path` lands (a symlink's target), or `OutputError` if that is not a
    regular file. Cheap: commands call it before any work, so a bad `--json` fails fast."""
    shown = os.fsdecode(path)
    try:
        target = Path(os.path.realpath(path))
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise OutputError(_failure(shown, exc)) from None
    for test, kind in _KINDS:
        if test(mode):
            raise OutputError(f"Cannot write {shown}: it is {kind}, not a regular file; pass a file path.")
    return target


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes | Iterable[bytes], private: bool = False) -> Path:
    """Returns `path` as given; raises `OutputError` (never a bare OSError) when it cannot be written."""
    target = check_output_path(path)
    shown = os.fsdecode(path)
    tmp = None
    try:
        if private:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)  # an existing file keeps its permissions
        except FileNotFoundError:
            mode = 0o600 if private else 0o666 & ~_UMASK
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:_TEMP_NAME_CHARS]}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for piece in data:
                    handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputError(_failure(shown, exc)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return Path(path)


def _failure(shown: str, exc: OSError) -> str:
    reason = exc.strerror or exc.__class__.__name__
    if exc.errno == errno.ENAMETOOLONG:
        reason = "the file name is too long"
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "no space left on the device"
    elif exc.errno == errno.EROFS:
        reason = "the file system is read-only"
    return f"Cannot write {shown}: {reason}."


__all__ = ["check_output_path", "write_bytes_atomic", "write_chunks_atomic", "write_text_atomic"]
