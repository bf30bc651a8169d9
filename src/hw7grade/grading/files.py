"""Grading files: read each transcript, grade its conversations, keep going past bad files.

Every conversation is graded under a time budget, so that a transcript over it can be stopped: a
batch too small to pay for a worker process is graded here, in this process (`budget`), a larger
one in worker processes (one per core, see `worker_pool`). Each worker gets the parent's rubric (so
reference expressions are parsed once per process), reads its own files, and sends back each
result already encoded (its summary and its JSON report entry, see `report.spool`); results come
back in input order, so the reports do not depend on the number of workers. Standard input (`-`)
is read and graded in this process.
"""

from __future__ import annotations

import gc
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Collection, Iterable, Iterator, Sequence, TypeVar

from .. import alarm
from ..conversation import Conversation, scrub_surrogates
from ..errors import TranscriptError
from ..report.spool import EncodedResult, ResultSpool
from ..results import Note, Report, TranscriptResult
from ..rubric.model import Rubric
from . import budget
from .budget import DEFAULT_TIME_LIMIT_S
from .score import NO_PARTS_FOUND, grade_conversation

if TYPE_CHECKING:
    from ..transcripts.labels_file import Labels

ProgressCallback = Callable[[Path], None]
T = TypeVar("T")
GradedCallback = Callable[[Path, list], None]
"""Called with each file and its items (`EncodedResult`s and notes) as they come in: `--judge`
sends that file's judge requests while the rest is graded."""

PARALLEL_MIN_FILES = 32
"""Below this many files worker processes cost more than they save: the batch is graded here."""
CHUNK_FILES = 8
"""A worker pays off from this many files per worker on."""


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
    A chat in which grading finds no rubric part is a `skipped` note, not an error; a damaged chat
    the reader skipped is an `unreadable` note; an unreadable input (or the unreadable rest of
    one) becomes one result with an error."""
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
    """Worker processes for a batch of `n_files`: none (0, graded in this process) below
    PARALLEL_MIN_FILES, else one per core but no more than chunks of CHUNK_FILES files."""
    if n_files < PARALLEL_MIN_FILES:
        return 0
    return max(1, min(os.cpu_count() or 1, n_files // CHUNK_FILES))


def iter_graded(
    files: Sequence[Path],
    rubric: Rubric,
    only: Sequence[str] | None = None,
    model_name: str | None = None,
    on_file: ProgressCallback | None = None,
    jobs: int = 1,
    max_bytes: int | None = None,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    on_graded: GradedCallback | None = None,
    niceness: int = 0,
) -> Iterator[EncodedResult | Note]:
    """Results (and notes) in input order, graded in `jobs` worker processes that share `rubric`
    (0: in this process) and run `niceness` steps below this process's priority; a file whose
    grading overruns `time_limit_s` (per conversation) becomes an error result. Standard input
    (`-`) is read and graded here, in this process."""
    run: list[Path] = []
    for path in [*files, None]:
        if path is not None and str(path) != "-":
            run.append(path)
            continue
        yield from _graded_files(
            run, rubric, only, model_name, on_file, jobs, max_bytes, time_limit_s, on_graded, niceness
        )
        run = []
        if path is not None:
            items = _encoded(iter_grade_file(path, rubric, only, model_name, max_bytes))
            if on_graded:  # standard input cannot be read again for the judge: it gets no items
                on_graded(path, [])
            yield from items
            if on_file:
                on_file(path)


def _graded_files(
    files: Sequence[Path],
    rubric: Rubric,
    only: Sequence[str] | None,
    model_name: str | None,
    on_file: ProgressCallback | None,
    jobs: int,
    max_bytes: int | None,
    time_limit_s: float,
    on_graded: GradedCallback | None = None,
    niceness: int = 0,
) -> Iterator[EncodedResult | Note]:
    args = (only, model_name, max_bytes)
    for path, items in _timed(files, _grade_path, rubric, args, jobs, time_limit_s, str, niceness):
        encoded = [EncodedResult.of(i) if isinstance(i, TranscriptResult) else i for i in items]  # a stopped one
        yield from encoded
        if on_graded:
            on_graded(path, encoded)
        if on_file:
            on_file(path)


def _timed(
    tasks: Sequence[T],
    work: Callable[..., Iterable],
    rubric: Rubric,
    args: tuple,
    jobs: int,
    time_limit_s: float,
    source: Callable[[T], str],
    niceness: int = 0,
) -> Iterator[tuple[T, list]]:
    """Each task with its items (`work(task, rubric, *args)`), in input order, under the time
    budget, in `jobs` workers (`niceness` below this process) or (0) here; a task stopped (or
    failed) ends with an error result naming `source(task)`. Files and `ask`'s in-memory
    conversations alike."""
    if not tasks:
        return
    if jobs == 0 and alarm.available():
        for task in tasks:
            yield task, _timed_here(task, work, (rubric, *args), time_limit_s, source)
        return
    from .worker_pool import run_timed

    warm_up(rubric)
    init = (work, (rubric, *args), niceness)
    for outcome in run_timed(tasks, _in_worker, max(1, jobs), time_limit_s, _init_worker, init):
        items = list(outcome.items)
        if outcome.failure is not None:
            items.append(stopped_result(source(outcome.task), outcome.failure))
        yield outcome.task, items


def _timed_here(
    task: T, work: Callable[..., Iterable], args: tuple, time_limit_s: float, source: Callable[[T], str]
) -> list:
    """One task's items, graded in this process as a worker would grade it."""
    items: list = []
    try:
        with budget.budget(time_limit_s) as restart:
            for item in work(task, *args):
                items.append(item)
                restart()
    except budget.Overrun:
        items.append(stopped_result(source(task), budget.overrun_message(time_limit_s)))
    except Exception as exc:  # a bug in grading: that task's error, not the batch's end
        items.append(stopped_result(source(task), budget.failure_message(exc)))
    return items


def stopped_result(path: str, failure: str) -> TranscriptResult:
    """What a transcript whose grading was stopped (or failed) reports: its path and why."""
    path = scrub_surrogates(path)
    return TranscriptResult(path=path, errors=(f"{path}: {failure}.",))


def grade_files(
    files: Sequence[Path],
    rubric: Rubric,
    only: Sequence[str] | None = None,
    model_name: str | None = None,
    on_file: ProgressCallback | None = None,
    jobs: int = 1,
    max_bytes: int | None = None,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    labels: Labels | None = None,
    on_graded: GradedCallback | None = None,
    niceness: int = 0,
) -> Report:
    """The graded files as a report whose full results wait in a spool (see `report.spool`);
    `labels` (from a `--labels` file) are added to the results they name. Workers run `niceness`
    steps below this process's priority (`--judge`: its requests come first)."""
    results = iter_graded(files, rubric, only, model_name, on_file, jobs, max_bytes, time_limit_s, on_graded, niceness)
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
    from ..transcripts.labels_file import labels_for

    for result in results:
        found = None if isinstance(result, Note) else labels_for(labels, result.summary.path)
        if not found or isinstance(result, Note):
            yield result
            continue
        kept = {k: v for k, v in found.items() if parts is None or k in parts}
        t = decode_entry(result.entry)
        yield EncodedResult.of(replace(t, human_labels={**t.human_labels, **kept}))  # the file's label wins


_worker_job: tuple[Callable[..., Iterable], tuple] | None = None
_warmed = False


def warm_up(rubric: Rubric) -> None:
    """Read and grade a chat of the rubric's own references once in this process: the lazy
    imports and compiled patterns are then inherited by every forked worker, so a worker (and
    one that replaces a stopped worker) starts warm and no time budget pays for start-up."""
    global _warmed
    if _warmed:
        return
    from ..transcripts import parse_transcript

    chat = "".join(f"**User**\n\n{p.prompt}\n\n**Assistant**\n\n{p.reference}\n\n" for p in rubric.parts)
    for conversation in parse_transcript(f"---\nmodel: warm-up\n---\n\n{chat}", "warm-up"):
        grade_conversation(conversation, rubric)
    _warmed = True


def _init_worker(work: Callable[..., Iterable], args: tuple, niceness: int = 0) -> None:
    """Forked workers inherit the parent's validated rubric (spawned ones get it pickled): no
    second load or validation per worker."""
    global _worker_job
    _worker_job = (work, args)
    if niceness:
        try:
            os.nice(niceness)
        except OSError:  # a platform without priorities: grading goes on at the parent's
            pass
    # What the worker starts with (modules, rubric) lives as long as it does: out of the cyclic
    # collector's sight, full collections are cheaper and do not touch pages shared with the parent.
    gc.freeze()


def _in_worker(task: object) -> Iterable:
    assert _worker_job is not None, "worker started without its rubric"
    work, args = _worker_job
    return work(task, *args)


def _grade_path(
    path: Path, rubric: Rubric, only: Sequence[str] | None, model_name: str | None, max_bytes: int | None
) -> Iterator[EncodedResult | Note]:
    return _encoded(iter_grade_file(path, rubric, only, model_name, max_bytes))


def grade_conversations(
    tasks: Sequence[tuple[Conversation, Sequence[str] | None]],
    rubric: Rubric,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
) -> list[TranscriptResult]:
    """Conversations already in memory (`ask`), each graded here with the same time budget as a
    file; one that overruns becomes an error result naming its source."""
    timed = _timed(tasks, _grade_one, rubric, (), 0, time_limit_s, lambda task: task[0].source)
    return [result for _, items in timed for result in items]


def _grade_one(task: tuple[Conversation, Sequence[str] | None], rubric: Rubric) -> Iterator[TranscriptResult]:
    conversation, only = task
    yield grade_conversation(conversation, rubric, only)
