"""One line of text, cut with an ellipsis: evidence, reasons and server messages in reports."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """`text` on one line (each run of whitespace one space), cut to `limit` characters with `…`."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
