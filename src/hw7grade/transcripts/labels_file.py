"""A labels file (`--labels FILE.yaml`): human labels kept beside the transcripts, not inside them.

The format (also what the HTML report's review panel downloads):

    chat.md: {q7b: correct, q7c: {first: incorrect, final: correct}}
    exports/chatgpt.json#2: {q4a: missing}

Each key is a transcript path relative to the labels file's folder (or absolute), plus `#N` (1-based) for the
Nth conversation of a file holding several; each value maps a part id to `correct`, `partial`,
`incorrect`, `missing` or `{first: L, final: L}`. Keys are turned into the source string grading
gives that conversation, so labels attach to results by plain lookup.

A bad file (unreadable, not YAML, not a mapping) is one `UsageError`; a bad entry is skipped with a
warning naming it, and the other entries are kept.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Union

from pydantic import TypeAdapter, ValidationError

from ..conversation import HumanLabel, Label
from ..errors import UsageError
from .native import LabelPair, PartId, to_human_labels
from .validation import describe_validation_error

MAX_LABELS_FILE_BYTES = 5 * 1024 * 1024
"""A term's labels are a few hundred KB; bigger files are refused before reading."""

Labels = dict[str, dict[str, HumanLabel]]
Warn = Callable[[str], None]

_ENTRY = TypeAdapter(dict[PartId, Union[Label, LabelPair]])


def source_key(labels_path: str | os.PathLike[str], key: str) -> str:
    """The source string grading gives the conversation `key` names (see `iter_transcript_files`)."""
    name, sep, number = key.partition("#")
    path = str(Path(labels_path).parent / PurePosixPath(name))
    return f"{path}#{number}" if sep else path


def read_labels_file(path: str | os.PathLike[str], warn: Warn | None = None) -> Labels:
    """source -> part id -> label; bad entries are reported through `warn` and skipped."""
    import yaml

    shown = str(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_LABELS_FILE_BYTES:
            raise UsageError(f"{shown}: the labels file is larger than {MAX_LABELS_FILE_BYTES // (1024 * 1024)} MB.")
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{shown}: no such labels file.") from None
    except IsADirectoryError:
        raise UsageError(f"{shown}: is a folder, not a labels file.") from None
    except OSError as exc:
        raise UsageError(f"{shown}: the labels file cannot be read ({exc.strerror or exc}).") from None
    except UnicodeDecodeError:
        raise UsageError(f"{shown}: the labels file is not UTF-8 text.") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise UsageError(f"{shown}: the labels file is not valid YAML{where}.") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(
            f"{shown}: a labels file maps transcript paths to {{part id: label}}; this one is not a mapping."
        )
    out: Labels = {}
    for key, value in data.items():
        problem = _check_key(key)
        if problem is None:
            try:
                parts = _ENTRY.validate_python(value if value is not None else {})
            except ValidationError as exc:
                problem = (
                    f"{describe_validation_error(exc, value)}; labels are correct, partial, incorrect, missing or "
                    "{first: ..., final: ...}"
                )
        if problem is not None:
            if warn is not None:
                warn(f"{shown}: entry {str(key)!r} skipped: {problem}.")
            continue
        out.setdefault(source_key(path, key), {}).update(to_human_labels(parts))
    return out


def _check_key(key: object) -> str | None:
    if not isinstance(key, str) or not key.strip():
        return "the key must be a transcript path"
    name, sep, number = key.partition("#")
    if sep and not (number.isdigit() and int(number) >= 1):
        return "the part after # must be a conversation number (1, 2, ...)"
    return None


UNMATCHED_SHOWN = 5


def labels_for(labels: Labels, source: str) -> dict[str, HumanLabel]:
    """The labels of the conversation `source` names. A file holding one conversation is also
    `file#1`: a labeller counting an export's chats need not know that it holds just one."""
    found = labels.get(source)
    if found is None and "#" not in source:
        found = labels.get(f"{source}#1")
    return found or {}


def unmatched_warning(labels: Labels, sources: Iterable[str], labels_path: str | os.PathLike[str]) -> str | None:
    """One sentence naming the labelled transcripts no result came from (a typo, or not graded)."""
    graded = set(sources)
    graded.update(f"{s}#1" for s in list(graded) if "#" not in s)
    missing = set(labels).difference(graded)
    if not missing:
        return None
    names = sorted(missing)
    shown = ", ".join(names[:UNMATCHED_SHOWN]) + (
        f" and {len(names) - UNMATCHED_SHOWN} more" if len(names) > UNMATCHED_SHOWN else ""
    )
    return (
        f"{labels_path}: {len(names)} labelled transcript(s) were not graded ({shown}); keys are paths "
        "relative to the labels file's folder, plus #N for the Nth chat of a file."
    )


__all__ = ["Labels", "labels_for", "read_labels_file", "source_key", "unmatched_warning"]
