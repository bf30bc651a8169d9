"""Graded results parked on disk until the report writers read them back, one at a time.

The main process of a class-sized batch keeps a summary per transcript (a few KiB) in
memory; each result's full JSON entry, with every check's message and evidence (about ten times
that as objects), waits in a temporary file. The JSON report is written by joining the entries
the workers already encoded.
"""

from __future__ import annotations

import tempfile
from array import array
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..errors import Hw7gradeError
from ..results import Note, Report, TranscriptResult, TranscriptSummary
from .json_report import decode_entry, encode_entry

SPOOL_MEMORY_BYTES = 4 * 1024 * 1024
"""Entries stay in memory up to this many bytes, then move to an anonymous temporary file."""
_ENCODING = ("utf-8", "surrogatepass")
"""Model output may hold lone surrogates (JSON exports can escape them); they round-trip."""


@dataclass(frozen=True)
class EncodedResult:
    """What a worker sends back for one transcript: its summary and its JSON report entry."""

    summary: TranscriptSummary
    entry: str

    @classmethod
    def of(cls, t: TranscriptResult) -> EncodedResult:
        return cls(TranscriptSummary.of(t), encode_entry(t))


class ResultSpool:
    """Results in input order; iterating (re-entrant) or indexing reads and decodes them one at a
    time."""

    def __init__(self, results: Iterable[EncodedResult | Note] = ()) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY_BYTES)
        self._offsets = array("Q", [0])
        self.summaries: list[TranscriptSummary] = []
        self.notes: list[Note] = []
        for result in results:
            self.add(result)

    def add(self, result: EncodedResult | Note) -> None:
        if isinstance(result, Note):
            self.notes.append(result)
            return
        data = result.entry.encode(*_ENCODING)
        try:
            self._file.seek(self._offsets[-1])
            self._file.write(data)
        except OSError as exc:  # the move to disk failed: a missing, read-only or full temp folder
            raise Hw7gradeError(
                f"Cannot keep graded results in the temporary folder {tempfile.gettempdir()} "
                f"({exc.strerror or exc}); set TMPDIR to a writable folder with free space."
            ) from None
        self._offsets.append(self._offsets[-1] + len(data))
        self.summaries.append(result.summary)

    def __len__(self) -> int:
        return len(self.summaries)

    def entry(self, index: int) -> str:
        start, end = self._offsets[index], self._offsets[index + 1]
        self._file.seek(start)
        return self._file.read(end - start).decode(*_ENCODING)

    def entries(self) -> Iterator[str]:
        return map(self.entry, range(len(self.summaries)))

    def __getitem__(self, index: int) -> TranscriptResult:
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return decode_entry(self.entry(index % len(self)))

    def __iter__(self) -> Iterator[TranscriptResult]:
        return map(decode_entry, self.entries())

    def report(self) -> Report:
        return Report(transcripts=self, summaries=tuple(self.summaries), notes=tuple(self.notes))


__all__ = ["EncodedResult", "ResultSpool", "SPOOL_MEMORY_BYTES"]
