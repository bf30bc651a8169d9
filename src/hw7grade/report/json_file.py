"""The JSON report file (`--json FILE`), written piece by piece and read back (baselines) through
the spool; the entries' encoding is `json_report.py`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from ..atomic import write_chunks_atomic
from ..errors import Hw7gradeError
from ..results import Report, TranscriptSummary
from .json_report import ENTRY_DEPTH, SCHEMA, encode_entry, list_at, run_sections, transcript_from_dict
from .spool import EncodedResult, ResultSpool


def iter_json_report(report: Report) -> Iterator[str]:
    """The report file piece by piece: the same text as `json.dumps(report_to_dict(report), indent=2)`."""
    score, maximum = report.totals()
    head = {
        "schema": SCHEMA,
        "summary": {"score": score, "max_score": maximum, "transcripts": len(report.summaries)},
        **run_sections(report),
    }
    yield json.dumps(head, indent=2, ensure_ascii=False).removesuffix("\n}") + ',\n  "transcripts": '
    spool = report.transcripts if isinstance(report.transcripts, ResultSpool) else None
    yield from list_at(spool.entries() if spool is not None else map(encode_entry, report.transcripts), ENTRY_DEPTH - 1)
    yield "\n}\n"


def write_json_report(report: Report, path: Path) -> None:
    write_chunks_atomic(path, iter_json_report(report))


def read_json_report(path: Path) -> Report:
    """Read a report written by `write_json_report` (baselines, `compare`, `agree`).

    The file is read a chunk at a time and its transcripts decoded one at a time into a spool, so
    a class-sized baseline costs its summaries in memory, not its text or every check of every part.
    """
    from .json_stream import NotAnObject, scan_object

    spool = ResultSpool()

    def keep(entry: str, data: object) -> None:
        if not isinstance(data, dict):
            raise TypeError(f"a transcript is {type(data).__name__}, not an object")
        spool.add(EncodedResult(TranscriptSummary.of(transcript_from_dict(data)), entry))

    not_a_report = Hw7gradeError(f'{path}: not an hw7grade report (expected "schema": "{SCHEMA}").')
    try:
        with open(path, encoding="utf-8") as stream:
            members = scan_object(stream, "transcripts", keep)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Hw7gradeError(f"{path}: cannot read JSON report ({exc.__class__.__name__}).") from None
    except NotAnObject:
        raise not_a_report from None
    except (KeyError, TypeError, ValueError) as exc:
        raise Hw7gradeError(f"{path}: malformed report ({exc.__class__.__name__}: {exc}).") from None
    if members.get("schema") != SCHEMA:
        raise not_a_report
    if "transcripts" not in members:
        raise Hw7gradeError(f'{path}: malformed report (no "transcripts" list).')
    run = members.get("run")
    return replace(spool.report(), run=run) if isinstance(run, dict) else spool.report()
