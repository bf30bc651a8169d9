"""What reaches the terminal: API keys scrubbed, control characters made visible.

File names, model names, titles, reasons and answers are untrusted: an escape sequence in one
could set the window title or clear the screen. Every console the commands print through is a
`console()`, whose text (never rich's own styling and cursor codes) goes through `visible`;
plain lines go through `echo`. Rich is imported only when a console is made.
"""

from __future__ import annotations

import codecs
import os
import sys
from functools import lru_cache
from typing import Any

from ..providers.registry import scrub


def _control_table() -> dict[int, str]:
    table = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\n\t"}  # ␛ for ESC, ␍ for CR, ...
    table[0x7F] = "\u2421"  # ␡
    table.update({c: f"\\x{c:02x}" for c in range(0x80, 0xA0)})  # C1: 0x9b is a one-byte CSI
    # Bidirectional overrides and isolates reorder what follows on the line ("Trojan source").
    table.update({c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
    return table


_CONTROL = _control_table()


def visible(text: str) -> str:
    """`text` with keys replaced by [redacted] and each control character shown as a symbol."""
    return scrub(text).translate(_CONTROL)


def echo(message: str, err: bool = False) -> None:
    """`typer.echo(visible(message))`: a line to stdout (or stderr), flushed (`echo_text`)."""
    echo_text(visible(message), err=err)


def echo_text(text: str, err: bool = False) -> None:
    """`typer.echo(text)`, written here without importing typer (0.1 s) when click's echo would
    write the text to the stream as it is: a text stream whose encoding is not ASCII, off Windows,
    and no ESC in the text (click strips ANSI codes off a terminal)."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no stream attached (pythonw): click writes nothing either
        return
    if "\x1b" in text or not _takes_text_as_is(stream):
        import typer

        typer.echo(text, err=err)
        return
    stream.write(text + "\n")
    stream.flush()


def _takes_text_as_is(stream: Any) -> bool:
    """Whether click's `echo` writes to `stream` itself (`_compat._force_correct_text_stream`): not a
    binary stream, an encoding and an error mode set, the encoding not ASCII (click would re-wrap it)."""
    if os.name == "nt":
        return False
    try:
        stream.write(b"")  # a binary stream takes it: click wraps those
        return False
    except Exception:
        pass
    encoding = getattr(stream, "encoding", None)
    if not encoding or getattr(stream, "errors", None) is None:
        return False
    try:
        return codecs.lookup(encoding).name != "ascii"
    except LookupError:
        return False


def console(stderr: bool = False, **options: Any):
    """A rich Console whose every piece of text is passed through `visible`. Emoji codes are left as
    written: a transcript's ":warning:" is its text, not an icon (and rich's code table is not loaded)."""
    options.setdefault("emoji", False)
    return _safe_console_class()(stderr=stderr, **options)


@lru_cache(maxsize=1)
def _safe_console_class():
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        def _render_buffer(self, buffer):  # the one place rich turns segments into output
            return super()._render_buffer(
                segment if segment.control else Segment(visible(segment.text), segment.style) for segment in buffer
            )

    return SafeConsole


__all__ = ["console", "echo", "echo_text", "visible"]
