"""Grading files: read each transcript, grade its conversations, keep going past bad files."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, Sequence

from .errors import TranscriptError
from .grading import grade_conversation
from .report.model import Report, TranscriptResult
from .rubric import Rubric

ProgressCallback = Callable[[Path], None]


def grade_file(path: Path, rubric: Rubric, only: Sequence[str] | None = None, model_name: str | None = None) -> list[TranscriptResult]:
    """Every conversation in one file, graded; an unreadable file becomes one result with an error."""
    from .transcripts import read_transcript

    try:
        conversations = read_transcript(path)
    except TranscriptError as exc:
        return [TranscriptResult(path=str(path), errors=(str(exc),))]
    results = []
    for conversation in conversations:
        result = grade_conversation(conversation, rubric, only)
        if result.model is None and model_name:
            result = TranscriptResult(**{**result.__dict__, "model": model_name})
        results.append(result)
    return results


def iter_graded(
    files: Sequence[Path],
    rubric: Rubric,
    only: Sequence[str] | None = None,
    model_name: str | None = None,
    on_file: ProgressCallback | None = None,
) -> Iterator[TranscriptResult]:
    for path in files:
        yield from grade_file(path, rubric, only, model_name)
        if on_file:
            on_file(path)


def grade_files(
    files: Sequence[Path],
    rubric: Rubric,
    only: Sequence[str] | None = None,
    model_name: str | None = None,
    on_file: ProgressCallback | None = None,
) -> Report:
    return Report(transcripts=tuple(iter_graded(files, rubric, only, model_name, on_file)))
