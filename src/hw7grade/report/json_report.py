"""The JSON report's form, schema `hw7grade.report/1`: a report as a dict, and each transcript's entry
encoded and decoded. Writing and reading report files is `json_file.py`, through the spool."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Literal

from ..checks.base import CheckResult, Formula
from ..conversation import HumanLabel
from ..results import PartScore, Report, TranscriptResult

if TYPE_CHECKING:
    from ..judge.model import JudgeResult

SCHEMA = "hw7grade.report/1"
ENTRY_DEPTH = 2
"""A transcript's entry sits two levels deep in the report (`transcripts` list of the top object)."""
ORJSON_FLOATS = (1e-4, 1e16)
"""Between these both write a float in plain decimals, the same digits; outside, each has its own
exponent forms (`repr` writes 1e-05 and 1e+16, orjson 0.00001, and 1e16 in some versions)."""
_ORJSON_LEAVES = frozenset({str, int, bool, type(None)})


def report_to_dict(report: Report) -> dict:
    score, maximum = report.totals()
    return {
        "schema": SCHEMA,
        "summary": {"score": score, "max_score": maximum, "transcripts": len(report.transcripts)},
        **run_sections(report),
        "transcripts": [_transcript(t) for t in report.transcripts],
    }


def run_sections(report: Report) -> dict:
    """`run` (how `ask` asked) and `stats` (per model x part, with intervals): present for a report
    `ask` wrote, or when some model answered some part more than once."""
    from .samples import has_repeats, part_stats

    stats = part_stats(report)
    if report.run is None and not has_repeats(stats):
        return {}
    return {**({"run": dict(report.run)} if report.run is not None else {}), "stats": [s.to_dict() for s in stats]}


def _transcript(t: TranscriptResult) -> dict:
    out: dict = {
        "path": t.path,
        "model": t.model,
        "format": t.format,
        "title": t.title,
        "errors": list(t.errors),
        "parts": [_part(p) for p in t.parts],
    }
    if t.follow_ups:
        out["follow_ups"] = list(t.follow_ups)
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
        **({"flag": p.flag} if p.flag else {}),
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
                **({"formulas": [_formula(f) for f in c.formulas]} if c.formulas else {}),
            }
            for c in p.checks
        ],
        **(_judge(p.judge) if p.judge is not None else {}),
    }


def _formula(f: Formula) -> dict:
    return {
        "expected": f.expected,
        "found": f.found,
        "status": f.status,
        "kind": f.kind,
        "shapes": {name: [rows, cols] for name, rows, cols in f.shapes},
    }


def _read_formula(f: dict) -> Formula:
    shapes = tuple((str(name), str(dims[0]), str(dims[1])) for name, dims in (f.get("shapes") or {}).items())
    kind: Literal["matrix", "scalar"] = "scalar" if f.get("kind") == "scalar" else "matrix"
    return Formula(str(f["expected"]), f.get("found"), str(f.get("status") or ""), kind, shapes)


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
    from ..judge.model import CriterionScore, Disagreement, JudgeResult  # judged reports only

    return JudgeResult(
        model=j["model"],
        status=j["status"],
        reason=j.get("reason") or "",
        answered_by=j.get("answered_by"),
        criteria=tuple(CriterionScore(**c) for c in j.get("criteria") or ()),
        filled=tuple(j.get("filled") or ()),
        deterministic_points=p.get("deterministic_points"),
        judge_points=float(p.get("judge_points") or 0.0),
        disagreements=tuple(Disagreement(**d) for d in j.get("disagreements") or ()),
    )


def dumps_at(value: object, depth: int) -> str:
    """`json.dumps(value, indent=2)` as it reads `depth` levels deep in a bigger document."""
    return _indented(value).replace("\n", "\n" + "  " * depth)


def _indented(value: object) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, written by orjson (C) when it gives the
    same text: with an indent, `json` runs its pure-Python encoder, a tenth of a worker's time."""
    import orjson

    if _orjson_writes_alike(value):
        try:
            return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
        except orjson.JSONEncodeError:  # a lone surrogate or an integer past 64 bits: `json` writes those
            pass
    return json.dumps(value, indent=2, ensure_ascii=False)


def _orjson_writes_alike(value: object) -> bool:
    """Whether the value holds only plain JSON types (no subclasses, which `json` writes its own
    way) and zero or floats within `ORJSON_FLOATS` (no NaN, no infinity): what orjson writes as `json` does."""
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            stack.extend(item.values())
        elif kind is list or kind is tuple:
            stack.extend(item)
        elif kind is float:
            if item and not ORJSON_FLOATS[0] <= abs(item) < ORJSON_FLOATS[1]:
                return False
        elif kind not in _ORJSON_LEAVES:
            return False
    return True


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
    return transcript_from_dict(json.loads(entry))


def _number(value: object) -> float:
    """A score as written: ints stay ints, so an entry read back equals the result it came from."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, got {value!r}")
    return value


def transcript_from_dict(t: dict) -> TranscriptResult:
    labels = {
        k: HumanLabel(first=v.get("first"), final=v.get("final")) for k, v in (t.get("human_labels") or {}).items()
    }
    return TranscriptResult(
        path=t["path"],
        model=t.get("model"),
        errors=tuple(t.get("errors") or ()),
        format=t.get("format") or "",
        title=t.get("title"),
        human_labels=labels,
        follow_ups=tuple(str(k) for k in t.get("follow_ups") or ()),
        parts=tuple(
            PartScore(
                id=p["id"],
                attempt=p["attempt"],
                score=_number(p["score"]),
                max_score=_number(p["max_score"]),
                verdict=p["verdict"],
                reason=p.get("reason") or "",
                flag=p.get("flag") or "",
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
                        formulas=tuple(_read_formula(f) for f in c.get("formulas") or ()),
                    )
                    for c in p.get("checks") or ()
                ),
            )
            for p in t.get("parts") or ()
        ),
    )


__all__ = ["SCHEMA", "decode_entry", "dumps_at", "encode_entry", "list_at", "report_to_dict", "transcript_from_dict"]
