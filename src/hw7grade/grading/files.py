"""Grading files: read each transcript, grade its conversations, keep going past bad files.

Large batches run in worker processes: each worker gets the parent's rubric (so reference
expressions are parsed once per process), reads its own files, and sends back each result
already encoded (its summary and its JSON report entry, see `report.spool`); results come back
in input order, and a serial run encodes the same way, so the reports are identical.
"""

from __future__ import annotations

import gc
import os
from dataclasses import replace
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Collection, Iterable, Iterator, Sequence

from ..conversation import scrub_surrogates
from ..errors import TranscriptError
from .score import NO_PARTS_FOUND, grade_conversation
from ..results import Note, Report, TranscriptResult
from ..report.spool import EncodedResult, ResultSpool
from ..rubric.model import Rubric

if TYPE_CHECKING:
    from ..transcripts.labels_file import Labels

ProgressCallback = Callable[[Path], None]

PARALLEL_MIN_FILES = 32
"""Below this many files a process pool costs more than it saves."""
CHUNK_FILES = 8
"""Files per task sent to a worker: fewer round trips, still even load."""
CHUNKS_IN_FLIGHT_PER_WORKER = 4
"""Chunks submitted ahead per worker: enough to keep every worker busy, few enough to stream."""


def grade_file(
    path: Path,
    rubric: Rubric,
    only: Sequence[str] | None = None,
    model_name: str | None = None,
    max_bytes: int | None = None,
) -> list[TranscriptResult | Note]:
    """`iter_grade_file` as a list."""
    return list(iter_grade_file(path, rubric, only, model_name, max_bytes))


def iter_grade_file(
    path: Path,
    rubric: Rubric,
    only: Sequence[str] | None = None,
    model_name: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[TranscriptResult | Note]:
    """Every conversation in one input, graded as it is read (an export is never held whole).
    A chat in which grading finds no HW7 part is a `skipped` note, not an error; a damaged chat
    the reader skipped is an `unreadable` note; an unreadable input (or the unreadable rest of
    one) becomes one result with an error."""
    from ..conversation import Conversation
    from ..transcripts import ReadWarning, Skipped, iter_transcript

    try:
        for item in iter_transcript(path, max_bytes):
            if isinstance(item, Skipped):
                yield Note("unreadable" if item.warn else "skipped", str(item))
            elif isinstance(item, ReadWarning):
                yield Note("warning", item.text, item.key)
            elif isinstance(item, Conversation):
                result = grade_conversation(item, rubric, only)
                if result.errors == (NO_PARTS_FOUND,):
                    yield Note("skipped", f"{result.path}: skipped: {NO_PARTS_FOUND}")
                    continue
                if result.model is None and model_name:
                    result = replace(result, model=model_name)
                front = item.metadata.get("front_matter")
                if isinstance(front, dict) and front:
                    shown = ", ".join(f"{k}: {v}" for k, v in front.items())
                    yield Note("info", f"{result.path}: front matter kept as metadata: {shown}")
                yield result
    except TranscriptError as exc:
        yield TranscriptResult(path=scrub_surrogates(str(path)), errors=(str(exc),))


def _encoded(items: Iterable[TranscriptResult | Note]) -> Iterator[EncodedResult | Note]:
    return (item if isinstance(item, Note) else EncodedResult.of(item) for item in items)


def default_jobs(n_files: int) -> int:
    if n_files < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(os.cpu_count() or 1, n_files // CHUNK_FILES))


def iter_graded(
    files: Sequence[Path],
    rubric: Rubric,
    only: Sequence[str] | None = None,
    model_name: str | None = None,
    on_file: ProgressCallback | None = None,
    jobs: int = 1,
    max_bytes: int | None = None,
) -> Iterator[EncodedResult | Note]:
    """Results (and notes) in input order; with `jobs > 1`, graded in worker processes that
    share `rubric`. Standard input (`-`) is always read here, in this process."""
    if jobs <= 1 or len(files) < 2 or any(str(p) == "-" for p in files):
        for path in files:
            yield from _encoded(iter_grade_file(path, rubric, only, model_name, max_bytes))
            if on_file:
                on_file(path)
        return
    chunks = (list(files[i : i + CHUNK_FILES]) for i in range(0, len(files), CHUNK_FILES))
    window: deque[tuple[list[Path], Future[list[EncodedResult | Note]]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rubric,)) as pool:
        # A bounded window of chunks in flight: results are handed on as they arrive, and
        # memory does not grow with a batch that the consumer reads slowly.
        for chunk in chunks:
            window.append((chunk, pool.submit(_grade_chunk, chunk, only, model_name, max_bytes)))
            if len(window) >= jobs * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from _drain_one(window, on_file)
        while window:
            yield from _drain_one(window, on_file)


def _drain_one(
    window: deque[tuple[list[Path], Future[list[EncodedResult | Note]]]], on_file: ProgressCallback | None
) -> Iterator[EncodedResult | Note]:
    chunk, future = window.popleft()
    yield from future.result()
    if on_file:
        for path in chunk:
            on_file(path)


def grade_files(
    files: Sequence[Path],
    rubric: Rubric,
    only: Sequence[str] | None = None,
    model_name: str | None = None,
    on_file: ProgressCallback | None = None,
    jobs: int = 1,
    max_bytes: int | None = None,
    labels: Labels | None = None,
) -> Report:
    """The graded files as a report whose full results wait in a spool (see `report.spool`);
    `labels` (from a `--labels` file) are added to the results they name."""
    results = iter_graded(files, rubric, only, model_name, on_file, jobs, max_bytes)
    if labels:
        results = with_labels(results, labels, {p.id for p in rubric.select(only)} if only else None)
    return ResultSpool(results).report()


def with_labels(
    results: Iterable[EncodedResult | Note], labels: Labels, parts: Collection[str] | None
) -> Iterator[EncodedResult | Note]:
    """Results with a labels file's labels on top of their own; only labelled ones are re-encoded
    (notes pass through). With `--only`, labels of parts not graded are dropped, as front-matter
    labels are."""
    from ..report.json_report import decode_entry

    for result in results:
        found = None if isinstance(result, Note) else labels.get(result.summary.path)
        if not found or isinstance(result, Note):
            yield result
            continue
        kept = {k: v for k, v in found.items() if parts is None or k in parts}
        t = decode_entry(result.entry)
        yield EncodedResult.of(replace(t, human_labels={**t.human_labels, **kept}))  # the file's label wins


_worker_rubric: Rubric | None = None


def _init_worker(rubric: Rubric) -> None:
    """Forked workers inherit the parent's validated rubric (spawned ones get it pickled): no
    second load or validation per worker."""
    global _worker_rubric
    _worker_rubric = rubric
    # What the worker starts with (modules, rubric) lives as long as it does: out of the cyclic
    # collector's sight, full collections are cheaper and do not touch pages shared with the parent.
    gc.freeze()


def _grade_chunk(
    paths: list[Path], only: Sequence[str] | None, model_name: str | None, max_bytes: int | None = None
) -> list[EncodedResult | Note]:
    assert _worker_rubric is not None, "worker started without its rubric"
    return [r for path in paths for r in _encoded(iter_grade_file(path, _worker_rubric, only, model_name, max_bytes))]
