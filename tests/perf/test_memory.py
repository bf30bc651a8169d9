"""The main process of a batch keeps a small summary per transcript, not its results.

Full results (every check's message and evidence, about 50 KiB of objects per HW7 transcript)
wait in the spool's temporary file; what stays in memory per transcript is its summary and an
offset. Measured with tracemalloc on real graded results, once the spool has moved to disk.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from hw7grade.grading.files import grade_file
from hw7grade.report import spool as spool_module
from hw7grade.report.json_report import decode_entry, encode_entry
from hw7grade.report.spool import EncodedResult, ResultSpool
from hw7grade.results import TranscriptSummary
from hw7grade.rubric.model import load_rubric

REPO = Path(__file__).resolve().parents[2]
SUMMARY_BUDGET_BYTES = 6 * 1024
"""What the main process may keep per transcript (a summary of 12 parts, with their one-line
reasons, is about 5 KiB)."""


@pytest.fixture(scope="module")
def entries() -> list[str]:
    return _entries()


def _entries() -> list[str]:
    rubric = load_rubric()
    results = grade_file(REPO / "transcripts" / "chatgpt-4o-hw7.md", rubric)  # all four questions
    return [encode_entry(r) for r in results]


def _retained_per_transcript(count: int, entries: list[str], keep) -> float:
    """Bytes retained per transcript as a batch grows from `count` to `3 * count` fresh results
    going into `keep`: what each one adds, without the fixed costs of first use (bounded caches,
    models built once) that a single run would spread over its transcripts."""
    _retained(count, entries, keep)  # first use
    return (_retained(3 * count, entries, keep) - _retained(count, entries, keep)) / (2 * count)


def _retained(count: int, entries: list[str], keep) -> int:
    """Bytes still allocated after `count` fresh results went into `keep`."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = keep()
    for i in range(count):
        result = decode_entry(entries[i % len(entries)])  # a fresh object graph, as a worker's would be
        kept.add(EncodedResult(TranscriptSummary.of(result), encode_entry(result)))
    del result  # the loop's last result is no part of what is kept
    retained = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return retained


class _KeepEverything:
    """What the main process did before the spool: hold every result."""

    def __init__(self) -> None:
        self.results: list = []

    def add(self, encoded: EncodedResult) -> None:
        self.results.append(decode_entry(encoded.entry))


def test_a_spooled_batch_keeps_a_summary_per_transcript_not_its_results():
    """Measured in a fresh interpreter (this file run as a script): what other tests left in the
    process's caches must not count as what each transcript keeps."""
    measured = subprocess.run([sys.executable, __file__], capture_output=True, text=True, check=True, timeout=600)
    spooled, held = map(float, measured.stdout.split())
    assert spooled < SUMMARY_BUDGET_BYTES
    assert held > 5 * spooled  # the measure can tell the two apart


def test_spool_memory_is_bounded_before_it_moves_to_disk(monkeypatch, entries):
    monkeypatch.setattr(spool_module, "SPOOL_MEMORY_BYTES", 64 * 1024)
    spool = ResultSpool(EncodedResult(TranscriptSummary.of(decode_entry(e)), e) for e in entries * 20)
    assert spool._file._rolled
    assert len(list(spool)) == len(entries) * 20


if __name__ == "__main__":
    spool_module.SPOOL_MEMORY_BYTES = 1  # on disk from the first entry
    found = _entries()
    print(_retained_per_transcript(150, found, ResultSpool), _retained_per_transcript(150, found, _KeepEverything))
