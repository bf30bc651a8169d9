"""JUnit XML (`--junit FILE`) so CI systems show each graded part as a test.

One `<testsuite>` per transcript, one `<testcase>` per graded part (its final attempt) named with the
part id; a part short of full marks gets a `<failure>` whose message is the reason. An unreadable
transcript is a suite with one `<error>` case, so it shows up red instead of vanishing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..atomic import write_text_atomic
from .agreement import distinct_first, evidence_lines
from .model import PartScore, Report, TranscriptResult

FULL_MARKS_EPSILON = 1e-9

# Characters XML 1.0 cannot carry at all; model output may contain them.
_XML_INVALID = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def is_full_marks(part: PartScore) -> bool:
    return part.score >= part.max_score - FULL_MARKS_EPSILON


def judge_note(part: PartScore) -> str | None:
    """The judge's second opinion in one line (`--judge`), shared by the text-like reports."""
    j = part.judge
    if j is None:
        return None
    if j.status == "unscored":
        return f"judge ({j.model}): unscored — {j.reason}"
    note = f"judge ({j.model}): {j.points:g}/{j.max_points:g}" + (" (partly scored)" if j.status == "partial" else "")
    if j.filled:
        note += f", counted {j.judge_points:+g} where the checks could not decide"
    if j.disagreements:
        note += "; disagrees on " + "; ".join(d.summary for d in j.disagreements)
    return note


def render_junit(report: Report) -> str:
    root = ET.Element("testsuites", name="hw7grade")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for t in report.transcripts:
        suite = _suite(t)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(t: TranscriptResult) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(t.path))
    classname = _clean(t.model or t.path)
    if t.errors:
        case = ET.SubElement(suite, "testcase", classname=classname, name="read")
        error = ET.SubElement(case, "error", message=_clean(t.errors[0]), type="unreadable")
        error.text = _clean("\n".join(t.errors))
        suite.set("tests", "1")
        suite.set("failures", "0")
        suite.set("errors", "1")
        return suite
    props = ET.SubElement(suite, "properties")
    if t.model:
        ET.SubElement(props, "property", name="model", value=_clean(t.model))
    score = sum(p.score for p in t.finals)
    maximum = sum(p.max_score for p in t.finals)
    ET.SubElement(props, "property", name="score", value=f"{score:g}/{maximum:g}")
    failures = 0
    for part in t.finals:
        case = ET.SubElement(suite, "testcase", classname=classname, name=part.id, time="0")
        first = distinct_first(t, part.id)
        out = [f"score {part.score:g}/{part.max_score:g} ({part.verdict})"]
        if first is not None:
            out.append(f"first attempt: {first.score:g}/{first.max_score:g} ({first.verdict})")
        out += evidence_lines(part)
        note = judge_note(part)
        if note:
            out.append(note)
        if not is_full_marks(part):
            failures += 1
            failure = ET.SubElement(
                case,
                "failure",
                message=_clean(part.reason or f"{part.verdict}: {part.score:g}/{part.max_score:g}"),
                type=part.verdict,
            )
            failure.text = _clean("\n".join(out))
        else:
            ET.SubElement(case, "system-out").text = _clean("\n".join(out))
    suite.set("tests", str(len(t.finals)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    return suite


def write_junit(report: Report, path: Path) -> None:
    write_text_atomic(path, render_junit(report))


__all__ = ["is_full_marks", "judge_note", "render_junit", "write_junit"]
