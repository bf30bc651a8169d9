"""Read saved chats in any supported format into `Conversation` values.

Public API: `read_transcript`, `parse_transcript`, `iter_transcript_files`, `detect_format`.
Every unreadable input raises `TranscriptError` with one sentence naming the file and the reason.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from ..conversation import Conversation, scrub_surrogates
from ..errors import TranscriptError
from .chatgpt_export import read_chatgpt_export
from .claude_export import read_claude_export
from .detect import CHATGPT_EXPORT, CLAUDE_EXPORT, MARKDOWN, NATIVE, decode_transcript, detect, detect_format
from .markdown_chat import parse_markdown_chat
from .native import read_native
from .plain_text import parse_plain_text
from .turns import has_answer

__all__ = [
    "MAX_TRANSCRIPT_BYTES",
    "TRANSCRIPT_SUFFIXES",
    "detect_format",
    "iter_transcript_files",
    "parse_transcript",
    "read_transcript",
]

MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024
"""A chat export of one homework is well under this; bigger files are refused before reading."""
TRANSCRIPT_SUFFIXES = (".md", ".markdown", ".txt", ".json")
SKIPPED_NAMES = ("readme.md",)
_MB = 1024 * 1024


def _too_large(source: str, size: int) -> TranscriptError:
    return TranscriptError(
        f"{source}: is {size / _MB:.1f} MB, larger than the {MAX_TRANSCRIPT_BYTES / _MB:g} MB limit "
        "for one transcript; split the export."
    )


def parse_transcript(text: str, source: str) -> list[Conversation]:
    """Parse transcript text of any format; exports give one Conversation per chat that has an answer."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_TRANSCRIPT_BYTES:
        raise _too_large(source, size)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise TranscriptError(f"{source}: is empty.")
    if "\x00" in text:
        raise TranscriptError(f"{source}: is a binary file, not a text or JSON transcript.")
    found = detect(text, source)
    if found.format == NATIVE:
        conversations = [read_native(found.data, source)]
    elif found.format == CHATGPT_EXPORT:
        conversations = read_chatgpt_export(found.data, source)  # type: ignore[arg-type]  # detect() checked the shape
    elif found.format == CLAUDE_EXPORT:
        conversations = read_claude_export(found.data, source)  # type: ignore[arg-type]  # detect() checked the shape
    elif found.format == MARKDOWN:
        conversations = parse_markdown_chat(text, source)
    else:
        conversations = parse_plain_text(text, source)
    answered = [c for c in conversations if has_answer(c.turns)]
    if not answered:
        raise TranscriptError(f"{source}: no assistant answers found; is this the right file?")
    return answered


def read_transcript(path: str | os.PathLike[str]) -> list[Conversation]:
    """Read one file; the size is checked before any byte is read."""
    source = scrub_surrogates(str(path))
    try:
        size = os.stat(path).st_size
        if not Path(path).is_file():
            raise TranscriptError(f"{source}: is not a file.")
        if size > MAX_TRANSCRIPT_BYTES:
            raise _too_large(source, size)
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise TranscriptError(f"{source}: no such file.") from None
    except OSError as exc:
        raise TranscriptError(f"{source}: cannot be read ({exc.strerror or exc}).") from None
    return parse_transcript(decode_transcript(data, source), source)


def _hidden_or_skipped(name: str) -> bool:
    return name.startswith(".") or name.lower() in SKIPPED_NAMES


def iter_transcript_files(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Files named directly are kept as given (missing ones too, so reading reports them);
    folders are walked recursively for transcript suffixes, skipping hidden entries and README.md,
    each folder's files sorted by relative path. A file reached through two arguments is listed once,
    at its first position."""
    out: list[Path] = []
    for arg in paths:
        root = Path(arg)
        if not root.is_dir():
            out.append(root)
            continue
        found: list[Path] = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            found.extend(
                Path(dirpath) / f
                for f in filenames
                if not _hidden_or_skipped(f) and os.path.splitext(f)[1].lower() in TRANSCRIPT_SUFFIXES
            )
        out.extend(sorted(found, key=lambda p: p.relative_to(root).as_posix()))
    if len(out) <= 1 or (len(paths) == 1 and Path(paths[0]).is_dir()):
        return out  # one folder walk cannot list a file twice: no need to resolve every path
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
