"""Where the human report goes and how it looks on streams that are not a UTF-8 terminal.

- A stream that cannot encode the report's marks (a Windows `cp1252` redirect) gets ASCII ones
  (`guard_encoding`, installed once by `main`); rich then draws ASCII boxes by itself.
- Output that is not a terminal (CI logs, files) is not squeezed into 80 columns.
- `-` as a report path means stdout (`copy_to_stdout`); the human report then goes to stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any

STDOUT = Path("-")
LOG_WIDTH = 240
"""Width of the report when stdout is not a terminal and COLUMNS is unset: wide enough that model
names and reasons are not cut; CI log viewers scroll."""

ASCII_MARKS = str.maketrans(
    {
        "✓": "+",
        "✗": "x",
        "●": "*",
        "→": "->",
        "≠": "!=",
        "—": "-",
        "–": "-",
        "…": "...",
        "κ": "kappa",
        "─": "-",
        "│": "|",
        "┃": "|",
        "━": "=",
        "┏": "+",
        "┓": "+",
        "┗": "+",
        "┛": "+",
        "┡": "+",
        "┩": "+",
        "┌": "+",
        "┐": "+",
        "└": "+",
        "┘": "+",
        "├": "+",
        "┤": "+",
        "┬": "+",
        "┴": "+",
        "┼": "+",
        "╇": "+",
        "╈": "+",
        "┳": "+",
        "┻": "+",
        "╋": "+",
        "•": "*",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
    }
)
_PROBE = "✓✗→…─"


class AsciiFallback:
    """A text stream wrapper: marks it cannot encode become ASCII; any other such character `?`."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(text.translate(ASCII_MARKS))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # encoding, isatty, flush, fileno, buffer...
        return getattr(self._stream, name)


def can_encode(stream: Any, text: str = _PROBE) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def guard_encoding() -> None:
    """Wrap stdout and stderr when they cannot encode the report's marks (never crash on one)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, AsciiFallback) or can_encode(stream):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
        setattr(sys, name, AsciiFallback(stream))


def report_console(stderr: bool = False, file: IO[str] | None = None):
    """A rich console for the human report: control characters shown as symbols and keys scrubbed
    (`terminal.console`), full width when the stream is not a terminal."""
    from ..report import terminal

    console = terminal.console(stderr=stderr, file=file)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console = terminal.console(stderr=stderr, file=file, width=LOG_WIDTH)
    return console


def copy_to_stdout(path: Path) -> None:
    """Stream a finished report file to stdout (bytes as written: UTF-8, whatever the console's encoding)."""
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    with open(path, "rb") as src:
        if out is None:  # a text-only stream (tests): decode
            sys.stdout.write(src.read().decode("utf-8"))
        else:
            import shutil  # imported here: it brings bz2 and lzma, 10 ms of every start-up

            shutil.copyfileobj(src, out)
            out.flush()
