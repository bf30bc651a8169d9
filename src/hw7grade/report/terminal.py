"""What reaches the terminal: API keys scrubbed, control characters made visible.

File names, model names, titles, reasons and answers are untrusted: an escape sequence in one
could set the window title or clear the screen. Every console the commands print through is a
`console()`, whose text (never rich's own styling and cursor codes) goes through `visible`;
plain lines go through `echo`. Rich is imported only when a console is made.
"""

from __future__ import annotations

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
    import typer

    typer.echo(visible(message), err=err)


def console(stderr: bool = False, **options: Any):
    """A rich Console whose every piece of text is passed through `visible`."""
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


__all__ = ["console", "echo", "visible"]
