"""The JSON report (`--json FILE`), schema `hw7grade.report/1`, and reading it back (baselines)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Iterator

from ..atomic import write_chunks_atomic
from ..checks.base import CheckResult
from ..conversation import HumanLabel
from ..errors import Hw7gradeError
from ..judge.model import CriterionScore, Disagreement, JudgeResult
from .model import PartScore, Report, TranscriptResult, TranscriptSummary

SCHEMA = "hw7grade.report/1"
ENTRY_DEPTH = 2
"""A transcript's entry sits two levels deep in the report (`transcripts` list of the top object)."""


def report_to_dict(report: Report) -> dict:
    score, maximum = report.totals()
    return {
        "schema": SCHEMA,
        "summary": {"score": score, "max_score": maximum, "transcripts": len(report.transcripts)},
        "transcripts": [_transcript(t) for t in report.transcripts],
    }


def _transcript(t: TranscriptResult) -> dict:
    out: dict = {
        "path": t.path,
        "model": t.model,
        "format": t.format,
        "title": t.title,
        "errors": list(t.errors),
        "parts": [_part(p) for p in t.parts],
    }
    if t.human_labels:
        out["human_labels"] = {k: {"first": v.first, "final": v.final} for k, v in t.human_labels.items()}
    return out


def _part(p: PartScore) -> dict:
    return {
        "id": p.id,
        "attempt": p.attempt,
        "score": p.score,
        "max_score": p.max_score,
        "verdict": p.verdict,
        "complete": p.complete,
        "reason": p.reason,
        "turn": p.turn,
        "answer": p.answer,
        "checks": [
            {
                "name": c.name,
                "status": c.status,
                "points": c.points,
                "max_points": c.max_points,
                "evidence": c.evidence,
                "message": c.message,
                **({"cap": c.cap} if c.cap is not None else {}),
            }
            for c in p.checks
        ],
        **(_judge(p.judge) if p.judge is not None else {}),
    }


def _judge(j: JudgeResult) -> dict:
    """Judge keys, present only when a judge was asked: `score` = `deterministic_points` + `judge_points`."""
    return {
        "deterministic_points": j.deterministic_points,
        "judge_points": j.judge_points,
        "judge": {
            "model": j.model,
            "answered_by": j.answered_by,
            "status": j.status,
            "points": j.points,
            "max_points": j.max_points,
            "reason": j.reason,
            "filled": list(j.filled),
            "criteria": [asdict(c) for c in j.criteria],
            "disagreements": [asdict(d) for d in j.disagreements],
        },
    }


def _read_judge(p: dict) -> JudgeResult | None:
    j = p.get("judge")
    if not j:
        return None
    return JudgeResult(
        model=j["model"], status=j["status"], reason=j.get("reason") or "", answered_by=j.get("answered_by"),
        criteria=tuple(CriterionScore(**c) for c in j.get("criteria") or ()),
        filled=tuple(j.get("filled") or ()),
        deterministic_points=p.get("deterministic_points"),
        judge_points=float(p.get("judge_points") or 0.0),
        disagreements=tuple(Disagreement(**d) for d in j.get("disagreements") or ()),
    )


def dumps_at(value: object, depth: int) -> str:
    """`json.dumps(value, indent=2)` as it reads `depth` levels deep in a bigger document."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)


def list_at(items: Iterable[str], depth: int) -> Iterator[str]:
    """A list `depth` levels deep, piece by piece, from items already encoded one level deeper:
    the text `json.dumps(..., indent=2)` gives for the whole list there."""
    inner = "\n" + "  " * (depth + 1)
    separator = inner
    yield "["
    for item in items:
        yield separator + item
        separator = "," + inner
    yield "]" if separator == inner else "\n" + "  " * depth + "]"


def encode_entry(t: TranscriptResult) -> str:
    """A transcript's entry exactly as it appears in the report file, indentation included.

    Workers encode their results once; the report is then written by joining entries, and the
    other writers read them back with `decode_entry`.
    """
    return dumps_at(_transcript(t), ENTRY_DEPTH)


def decode_entry(entry: str) -> TranscriptResult:
    return _read_transcript(json.loads(entry))


def iter_json_report(report: Report) -> Iterator[str]:
    """The report file piece by piece: the same text as `json.dumps(report_to_dict(report), indent=2)`."""
    from .spool import ResultSpool

    score, maximum = report.totals()
    head = {"schema": SCHEMA, "summary": {"score": score, "max_score": maximum, "transcripts": len(report.summaries)}}
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
    from .spool import EncodedResult, ResultSpool

    spool = ResultSpool()

    def keep(entry: str, data: object) -> None:
        spool.add(EncodedResult(TranscriptSummary.of(_read_transcript(data)), entry))  # type: ignore[arg-type]

    not_a_report = Hw7gradeError(f"{path}: not an hw7grade report (expected \"schema\": \"{SCHEMA}\").")
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
        raise Hw7gradeError(f"{path}: malformed report (no \"transcripts\" list).")
    return spool.report()


def _number(value: object) -> float:
    """A score as written: ints stay ints, so an entry read back equals the result it came from."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, got {value!r}")
    return value


def _read_transcript(t: dict) -> TranscriptResult:
    labels = {k: HumanLabel(first=v.get("first"), final=v.get("final")) for k, v in (t.get("human_labels") or {}).items()}
    return TranscriptResult(
        path=t["path"],
        model=t.get("model"),
        errors=tuple(t.get("errors") or ()),
        format=t.get("format") or "",
        title=t.get("title"),
        human_labels=labels,
        parts=tuple(
            PartScore(
                id=p["id"],
                attempt=p["attempt"],
                score=_number(p["score"]),
                max_score=_number(p["max_score"]),
                verdict=p["verdict"],
                reason=p.get("reason") or "",
                turn=p.get("turn"),
                answer=p.get("answer"),
                judge=_read_judge(p),
                checks=tuple(
                    CheckResult(
                        name=c["name"],
                        status=c["status"],
                        points=_number(c["points"]),
                        max_points=_number(c["max_points"]),
                        evidence=c.get("evidence"),
                        message=c.get("message") or "",
                        cap=c.get("cap"),
                    )
                    for c in p.get("checks") or ()
                ),
            )
            for p in t.get("parts") or ()
        ),
    )


__all__ = ["SCHEMA", "decode_entry", "dumps_at", "encode_entry", "iter_json_report", "list_at", "read_json_report",
           "report_to_dict", "write_json_report"]
