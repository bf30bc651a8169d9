"""Reading one input (a file, a ChatGPT/Claude export `.zip`, or standard input) into items.

Text files are read whole, up to the per-conversation cap. JSON is read as a stream of values,
one conversation at a time, so a 500 MB `conversations.json` costs about one chat's memory; the
cap then applies to each value. A file that holds several chats yields `Skipped` for a damaged
one and goes on.
"""

from __future__ import annotations

import io
import json
import os
import sys
from itertools import chain
from pathlib import Path
from typing import Iterator, TextIO

from ..conversation import Conversation, scrub_surrogates
from ..errors import TranscriptError
from ..report.json_stream import ValueTooLarge, iter_values
from .base import Item, Skipped
from .detect import decode_transcript, json_reader, looks_like_json, text_encoding, text_reader
from .turns import has_answer

MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024
"""Default cap for one conversation (a text file, or one chat of an export): `--max-file-mb`."""
STDIN = "-"
STDIN_SOURCE = "<stdin>"
ZIP_MAGIC = b"PK\x03\x04"
EXPORT_MEMBER = "conversations.json"
HEAD_BYTES = 256
_MB = 1024 * 1024


def _mb(n: int) -> str:
    return f"{n / _MB:.3g}"


def _too_large(source: str, size: int, cap: int) -> TranscriptError:
    return TranscriptError(
        f"{source}: is {_mb(size)} MB, larger than the {_mb(cap)} MB limit for one conversation; "
        f"if it is one chat, raise the limit with --max-file-mb {int(size / _MB) + 1}."
    )


def _values(stream: TextIO, source: str, cap: int) -> Iterator[object]:
    """The stream's JSON values, with every way of failing turned into one sentence."""
    count = 0
    try:
        for value in iter_values(stream, max_value_chars=cap):
            count += 1
            yield value
    except ValueTooLarge:
        where = f"{source}#{count + 1}" if count else source
        raise TranscriptError(
            f"{where}: one conversation is larger than the {_mb(cap)} MB limit; raise it with --max-file-mb."
        ) from None
    except json.JSONDecodeError as exc:
        after = f" after {count} conversation(s)" if count else ""
        raise TranscriptError(
            f"{source}: truncated or invalid JSON{after} at line {exc.lineno} ({exc.msg}); re-export or fix the file."
        ) from None
    except UnicodeDecodeError:
        raise TranscriptError(f"{source}: is not valid UTF-8 JSON; re-save it as UTF-8.") from None
    except RecursionError:
        raise TranscriptError(f"{source}: JSON nested too deeply to be a transcript.") from None
    except ValueError:  # int() refuses more than 4,300 digits
        raise TranscriptError(
            f"{source}: holds a number too long to read (over 4,300 digits); this is not a chat export."
        ) from None


def read_json(stream: TextIO, source: str, cap: int) -> Iterator[Item]:
    values = _values(stream, source, cap)
    first = next(values, None)
    if first is None:
        raise TranscriptError(f"{source}: the JSON holds no conversations.")
    yield from json_reader(first, source).read(chain([first], values), source)


def first_json_value(text: str, source: str) -> object:
    first = next(_values(io.StringIO(text), source, len(text) + 1), None)
    if first is None:
        raise TranscriptError(f"{source}: the JSON holds no conversations.")
    return first


def detect_format(text: str, source: str = "<text>") -> str:
    """The format name a text would be read as (JSON is parsed as far as its first value)."""
    text = text.removeprefix("\ufeff")
    if looks_like_json(text[:64], source):
        return json_reader(first_json_value(text, source), source).FORMAT
    return text_reader(text).FORMAT


def read_text(text: str, source: str, cap: int = MAX_TRANSCRIPT_BYTES) -> Iterator[Item]:
    """Decoded text of any format."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > cap and not looks_like_json(text[:HEAD_BYTES], source):
        raise _too_large(source, size, cap)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise TranscriptError(f"{source}: is empty.")
    if "\x00" in text:
        raise TranscriptError(f"{source}: is a binary file, not a text or JSON transcript.")
    if looks_like_json(text[:HEAD_BYTES], source):
        yield from read_json(io.StringIO(text), source, cap)
    else:
        yield from text_reader(text).read(text, source)


def _read_zip(path: str | os.PathLike[str], source: str, cap: int) -> Iterator[Item]:
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        if not source.lower().endswith(".zip"):
            raise TranscriptError(f"{source}: is a binary file, not a text or JSON transcript.") from None
        raise TranscriptError(f"{source}: is a damaged zip file ({exc}); download the export again.") from None
    with archive:
        members = [i for i in archive.infolist() if i.filename.rsplit("/", 1)[-1] == EXPORT_MEMBER and not i.is_dir()]
        if not members:
            raise TranscriptError(f"{source}: a zip without {EXPORT_MEMBER}; unzip it and grade the chat files inside.")
        member = min(members, key=lambda i: i.filename.count("/"))
        try:
            with archive.open(member) as raw:
                stream = io.TextIOWrapper(raw, encoding="utf-8-sig")
                yield from read_json(stream, source, cap)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise TranscriptError(f"{source}: {member.filename} in the zip cannot be read ({exc}).") from None


def _read_stdin(cap: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read(cap + 1)
    if len(data) > cap:
        raise TranscriptError(
            f"{STDIN_SOURCE}: is larger than the {_mb(cap)} MB limit for one conversation; raise it with --max-file-mb."
        )
    yield from read_text(decode_transcript(data, STDIN_SOURCE), STDIN_SOURCE, cap)


def _read_path(path: str | os.PathLike[str], source: str, cap: int) -> Iterator[Item]:
    try:
        if Path(path).is_dir():
            os.listdir(path)  # an unreadable folder fails here with its reason
            raise TranscriptError(f"{source}: is not a file.")
        size = os.stat(path).st_size
        if not Path(path).is_file():
            raise TranscriptError(f"{source}: is not a file.")
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
            if head.startswith(ZIP_MAGIC):
                f.close()
                yield from _read_zip(path, source, cap)
                return
            encoding = text_encoding(head)
            head_text = head.decode(encoding, errors="ignore").removeprefix("\ufeff")
            if size > cap and not looks_like_json(head_text, source):
                raise _too_large(source, size, cap)
            if size <= cap:
                f.seek(0)
                text = decode_transcript(f.read(), source)
                f.close()
                yield from read_text(text, source, cap)
                return
            f.seek(0)
            stream = io.TextIOWrapper(f, encoding="utf-8-sig" if encoding == "utf-8" else encoding)
            yield from read_json(stream, source, cap)
    except FileNotFoundError:
        raise TranscriptError(f"{source}: no such file.") from None
    except OSError as exc:
        raise TranscriptError(f"{source}: cannot be read ({exc.strerror or exc}).") from None


def iter_transcript(path: str | os.PathLike[str], max_bytes: int | None = None) -> Iterator[Item]:
    """Every conversation of one input with an answer, plus what was skipped and why; raises
    `TranscriptError` (after the items read so far) when the input or its remainder cannot be read,
    or when no conversation in it has an answer."""
    cap = max_bytes or MAX_TRANSCRIPT_BYTES
    source = STDIN_SOURCE if str(path) == STDIN else scrub_surrogates(str(path))
    items = _read_stdin(cap) if str(path) == STDIN else _read_path(path, source, cap)
    yield from answered_only(items, source)


def answered_only(items: Iterator[Item], source: str) -> Iterator[Item]:
    answered = 0
    for item in items:
        if isinstance(item, Conversation):
            if has_answer(item.turns):
                answered += 1
                yield item
            elif item.source != source:
                yield Skipped(item.source, "no assistant answer", warn=False)
            continue
        yield item
    if not answered:
        raise TranscriptError(f"{source}: no assistant answers found; is this the right file?")
