"""Warnings and skipped chats on the terminal: warnings on stderr (one per key per run),
skipped chats listed with --verbose and counted otherwise."""

from __future__ import annotations

from typing import Sequence

from rich.console import Console
from rich.markup import escape

from ..results import Note


def unique_warnings(notes: Sequence[Note]) -> list[str]:
    """Warnings and unreadable chats in input order, each warning key once."""
    seen: set[str] = set()
    out = []
    for note in notes:
        if note.kind in ("skipped", "info"):
            continue
        key = note.key or note.text
        if key not in seen:
            seen.add(key)
            out.append(note.text)
    return out


def render_notes(notes: Sequence[Note], console: Console, err: Console, verbose: bool = False) -> None:
    for text in unique_warnings(notes):
        err.print(f"Warning: {escape(text)}", highlight=False, soft_wrap=True)
    skipped = [n.text for n in notes if n.kind == "skipped"]
    if verbose:
        for note in notes:
            if note.kind in ("skipped", "info"):
                console.print(f"[dim]-[/dim] {escape(note.text)}", highlight=False, soft_wrap=True)
    elif skipped:
        console.print(f"{len(skipped)} chat(s) with nothing to grade skipped (-v lists them).", highlight=False)
