"""Worker processes with a time budget per task: a task that overruns costs its worker, not the batch.

A regex (or any pure-Python loop) cannot be interrupted from its own thread, so the work runs in
worker processes, with one worker as well as with many. The parent sends one task at a time to
each worker and waits for its messages; a worker that sends nothing within the budget is killed
and a fresh one takes its place. The budget restarts at each item a task sends (one per
conversation), so a file holding many chats is not judged by its size. Results come back in
input order.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from .budget import DEFAULT_TIME_LIMIT_S, failure_message, overrun_message

T = TypeVar("T")
R = TypeVar("R")

TASKS_AHEAD_PER_WORKER = 16
"""Tasks handed out beyond the oldest unfinished one, per worker: results held back waiting for
their turn stay few, whatever the batch size."""
_READY, _ITEM, _DONE, _RAISED = "ready", "item", "done", "raised"


@dataclass
class Outcome(Generic[T, R]):
    """A task's items, and why it stopped early (`failure`), or None when it finished."""

    task: T
    items: list[R] = field(default_factory=list)
    failure: str | None = None


@dataclass
class _Worker:
    process: Any
    conn: Connection
    index: int | None = None
    deadline: float = 0.0
    ready: bool = False
    """The worker has run its initializer: a task's budget does not pay for the start-up."""


def run_timed(
    tasks: Sequence[T],
    work: Callable[[T], Iterable[R]],
    jobs: int = 1,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    initializer: Callable[..., None] | None = None,
    initargs: tuple = (),
) -> Iterator[Outcome[T, R]]:
    """One `Outcome` per task, in input order. `work` runs in a worker process (a module-level
    function); it yields items the parent receives as they come."""
    if not tasks:
        return
    context = multiprocessing.get_context()
    workers: list[_Worker] = []

    def start() -> _Worker:
        parent_end, child_end = context.Pipe()
        process = context.Process(target=_serve, args=(child_end, work, initializer, initargs), daemon=True)
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    outcomes: dict[int, Outcome[T, R]] = {}
    finished: set[int] = set()
    next_task = 0
    next_out = 0
    window = max(1, jobs) * TASKS_AHEAD_PER_WORKER

    def hand_out() -> None:
        nonlocal next_task
        for worker in workers:
            if worker.ready and worker.index is None and next_task < len(tasks) and next_task < next_out + window:
                outcomes[next_task] = Outcome(tasks[next_task])
                worker.conn.send((next_task, tasks[next_task]))
                worker.index, worker.deadline = next_task, time.monotonic() + time_limit_s
                next_task += 1

    try:
        workers = [start() for _ in range(max(1, min(jobs, len(tasks))))]
        while next_out < len(tasks):
            hand_out()
            busy = [w for w in workers if w.index is not None]
            starting = [w for w in workers if not w.ready]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic()) if busy else None
            ready = wait([w.conn for w in busy + starting] + [w.process.sentinel for w in busy + starting], timeout)
            for i, worker in enumerate(workers):
                if not worker.ready:
                    if worker.conn in ready or worker.process.sentinel in ready:
                        _start_up(worker)
                    continue
                if worker.index is None:
                    continue
                failure = None
                if worker.conn in ready:
                    failure = _receive(worker, outcomes, finished, time_limit_s)
                elif worker.process.sentinel in ready:
                    failure = _died(worker)
                elif time.monotonic() >= worker.deadline:
                    failure = overrun_message(time_limit_s)
                if failure is not None:
                    outcomes[worker.index].failure = failure
                    finished.add(worker.index)
                    _stop(worker)
                    workers[i] = start()
            hand_out()  # before the results are passed on: a worker need not wait while the caller handles them
            while next_out in finished:
                finished.discard(next_out)
                yield outcomes.pop(next_out)
                next_out += 1
    finally:
        for worker in workers:
            _stop(worker, gently=worker.index is None)


def _receive(worker: _Worker, outcomes: dict, finished: set[int], time_limit_s: float) -> str | None:
    """Read what a worker sent; a failure message when it is lost, else None."""
    try:
        while worker.conn.poll():
            kind, index, payload = worker.conn.recv()
            if kind == _ITEM:
                outcomes[index].items.append(payload)
                worker.deadline = time.monotonic() + time_limit_s
            elif kind == _DONE:
                finished.add(index)
                worker.index = None
                return None
            else:
                finished.add(index)
                worker.index = None
                outcomes[index].failure = payload
                return None
    except (EOFError, OSError):
        return _died(worker)
    return None


def _start_up(worker: _Worker) -> None:
    try:
        kind, _, _ = worker.conn.recv()
    except (EOFError, OSError):
        kind = None
    if kind != _READY:
        worker.process.join(timeout=1.0)
        raise RuntimeError(f"a grading worker failed to start (exit code {worker.process.exitcode})")
    worker.ready = True


def _died(worker: _Worker) -> str:
    worker.process.join(timeout=1.0)
    return f"the grading process stopped unexpectedly (exit code {worker.process.exitcode})"


def _stop(worker: _Worker, gently: bool = False) -> None:
    if gently:
        try:
            worker.conn.send(None)
            worker.process.join(timeout=1.0)
        except (OSError, ValueError):
            pass
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()
    worker.conn.close()


def _serve(conn: Connection, work: Callable, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    """A worker's loop: tasks in, items out. Ctrl-C is the parent's to handle (it stops workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
    conn.send((_READY, None, None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, task = message
        try:
            for item in work(task):
                conn.send((_ITEM, index, item))
        except Exception as exc:  # a bug in grading: that task's error, not the batch's end
            conn.send((_RAISED, index, failure_message(exc)))
            continue
        conn.send((_DONE, index, None))


__all__ = ["DEFAULT_TIME_LIMIT_S", "Outcome", "run_timed"]
