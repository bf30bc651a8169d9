"""Read saved chats in any supported format into `Conversation` values.

Public API: `read_transcript`, `parse_transcript`, `iter_transcript`, `iter_transcript_files`,
`detect_format`, and `READERS` (the table of formats). Every unreadable input raises
`TranscriptError` with one sentence naming the file and the reason.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from ..conversation import Conversation
from .base import Item, ReadWarning, Skipped
from .reading import MAX_TRANSCRIPT_BYTES, STDIN, answered_only, detect_format, iter_transcript, read_text

__all__ = [
    "MAX_TRANSCRIPT_BYTES",
    "READERS",
    "TRANSCRIPT_SUFFIXES",
    "ReadWarning",
    "Skipped",
    "detect_format",
    "iter_transcript",
    "iter_transcript_files",
    "parse_items",
    "parse_transcript",
    "read_transcript",
]

TRANSCRIPT_SUFFIXES = (".md", ".markdown", ".txt", ".json", ".jsonl", ".zip")
SKIPPED_NAMES = ("readme.md",)


def __getattr__(name: str) -> object:
    if name == "READERS":  # imports every reader: see `detect`
        from .detect import READERS

        return READERS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_items(text: str, source: str, max_bytes: int | None = None) -> list[Item]:
    """Everything read from transcript text: conversations, skipped chats and warnings."""
    return list(answered_only(read_text(text, source, max_bytes or MAX_TRANSCRIPT_BYTES), source))


def parse_transcript(text: str, source: str) -> list[Conversation]:
    """Parse transcript text of any format; exports give one Conversation per chat that has an answer."""
    return [c for c in parse_items(text, source) if isinstance(c, Conversation)]


def read_transcript(path: str | os.PathLike[str], max_bytes: int | None = None) -> list[Conversation]:
    """Read one file (or `-` for standard input); the size is checked before it is read whole."""
    return [c for c in iter_transcript(path, max_bytes) if isinstance(c, Conversation)]


def _hidden_or_skipped(name: str) -> bool:
    return name.startswith(".") or name.lower() in SKIPPED_NAMES


def _is_dir(path: Path) -> bool:
    """A path under a folder we may not search is not known to be a folder: reading it names the error."""
    try:
        return path.is_dir()
    except OSError:
        return False


def iter_transcript_files(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Files named directly are kept as given (missing or unreadable ones too, so reading reports
    them); folders are walked recursively for transcript suffixes, skipping hidden entries and
    README.md, each folder's files sorted by relative path. A folder that cannot be listed is kept
    as an input, so it is reported as an error rather than skipped in silence. A file reached
    through two arguments is listed once, at its first position."""
    out: list[Path] = []
    for arg in paths:
        root = Path(arg)
        if str(arg) == STDIN or not _is_dir(root):
            out.append(root)
            continue
        found: list[Path] = []
        unreadable: list[Path] = []

        def note(exc: OSError, unreadable: list[Path] = unreadable, root: Path = root) -> None:
            unreadable.append(Path(exc.filename) if exc.filename else root)

        for dirpath, dirnames, filenames in os.walk(root, onerror=note):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            found.extend(
                Path(dirpath) / f
                for f in filenames
                if not _hidden_or_skipped(f) and os.path.splitext(f)[1].lower() in TRANSCRIPT_SUFFIXES
            )
        found.extend(unreadable)
        out.extend(sorted(found, key=lambda p: p.relative_to(root).as_posix() if p != root else ""))
    if len(out) <= 1 or (len(paths) == 1 and _is_dir(Path(paths[0]))):
        return out  # one folder walk cannot list a file twice: no need to resolve every path
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p if str(p) == STDIN else p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
