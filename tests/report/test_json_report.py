"""Reading a JSON report back (baselines, `compare`, `agree`): entry by entry, with the same
values `json.loads` would give, and one clear error for anything that is not a report."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hw7grade.errors import Hw7gradeError
from hw7grade.grading.files import grade_file
from hw7grade.report.json_file import read_json_report, write_json_report
from hw7grade.report.json_report import dumps_at, report_to_dict
from hw7grade.report.json_stream import scan_object
from hw7grade.report.spool import ResultSpool
from hw7grade.results import Report, TranscriptSummary
from hw7grade.rubric.model import load_rubric

from .test_judge_in_reports import judged_report

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def results():
    rubric = load_rubric()
    seeds = sorted(p for p in (REPO / "transcripts").glob("*.md") if p.name.lower() != "readme.md")
    return [r for path in seeds for r in grade_file(path, rubric)] + list(judged_report().transcripts)


def test_a_written_report_reads_back_whole_into_a_spool(tmp_path, results):
    path = tmp_path / "report.json"
    write_json_report(Report(tuple(results)), path)
    back = read_json_report(path)
    assert isinstance(back.transcripts, ResultSpool)
    assert list(back.transcripts) == results
    assert back.summaries == tuple(TranscriptSummary.of(r) for r in results)
    assert back.transcripts[-1] == results[-1] and back.transcripts[0] == results[0]


def test_member_order_and_layout_do_not_matter(tmp_path, results):
    data = report_to_dict(Report(tuple(results[:2])))
    reordered = {"transcripts": data["transcripts"], "summary": data["summary"], "schema": data["schema"]}
    path = tmp_path / "compact.json"
    path.write_text(json.dumps(reordered, separators=(",", ":")), encoding="utf-8")
    assert list(read_json_report(path).transcripts) == results[:2]


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"schema": "hw7grade.report/1", "transcripts": [', "cannot read JSON report (JSONDecodeError)"),
        ('{"schema": "hw7grade.report/1", "transcripts": []} trailing', "cannot read JSON report (JSONDecodeError)"),
        (
            '{"schema": "hw7grade.report/1", "transcripts": [{"path": "a"},]}',
            "cannot read JSON report (JSONDecodeError)",
        ),
        ('[{"title": "a ChatGPT export"}]', 'not an hw7grade report (expected "schema": "hw7grade.report/1")'),
        ('{"transcripts": []}', 'not an hw7grade report (expected "schema": "hw7grade.report/1")'),
        ('{"schema": "hw7grade.report/1"}', 'malformed report (no "transcripts" list)'),
        ('{"schema": "hw7grade.report/1", "transcripts": [{"model": "m"}]}', "malformed report (KeyError: 'path')"),
        (
            '{"schema": "hw7grade.report/1", "transcripts": [3]}',
            "malformed report (TypeError: a transcript is int, not an object)",
        ),
        (
            '{"schema": "hw7grade.report/1", "transcripts": [{"path": "a", "parts": [{"id": "q7b", "attempt": "final", '
            '"score": "3", "max_score": 3, "verdict": "correct"}]}]}',
            "malformed report (ValueError: expected a number, got '3')",
        ),
    ],
)
def test_anything_else_is_one_clear_error_naming_the_file(tmp_path, text, message):
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Hw7gradeError) as info:
        read_json_report(path)
    assert str(info.value) == f"{path}: {message}."


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    members=st.dictionaries(st.text(max_size=6).filter(lambda k: k != "transcripts"), _json, max_size=4),
    items=st.one_of(st.none(), st.lists(_json, max_size=4)),
    indent=st.sampled_from([None, 0, 2]),
    chunk=st.integers(min_value=1, max_value=64),
)
def test_the_entry_by_entry_reader_agrees_with_json_loads(members, items, indent, chunk):
    """Whatever the chunk size, even a character at a time: every value cut at a chunk's end is
    read on, and the items come out with their exact text."""
    document = dict(members)
    if items is not None:
        document["transcripts"] = items
    text = json.dumps(document, indent=indent)
    seen: list[tuple[str, object]] = []
    found = scan_object(io.StringIO(text), "transcripts", lambda entry, value: seen.append((entry, value)), chunk)
    assert [value for _, value in seen] == (items or [])
    assert [json.loads(entry) for entry, _ in seen] == (items or [])
    assert {k: v for k, v in found.items() if k != "transcripts"} == members
    assert ("transcripts" in found) == (items is not None)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1} {"b": 2}',
        '{"a": [1, 2}',
        '{"a" 1}',
        "{1: 2}",
        '{"transcripts": [1 2]}',
        '{"a": 12',
        '{"a": tru}',
        "",
        "  ",
    ],
)
@pytest.mark.parametrize("chunk", [1, 3, 1 << 20])
def test_what_json_loads_refuses_the_reader_refuses(text, chunk):
    with pytest.raises(ValueError):
        json.loads(text)
    with pytest.raises(ValueError):
        scan_object(io.StringIO(text), "transcripts", lambda entry, value: None, chunk)


def test_a_report_written_as_one_line_is_read_across_chunk_boundaries(tmp_path, monkeypatch, results):
    from hw7grade.report import json_stream

    monkeypatch.setattr(json_stream, "READ_CHUNK_CHARS", 257)
    monkeypatch.setattr(json_stream.scan_object, "__defaults__", (257,))
    path = tmp_path / "one-line.json"
    path.write_text(json.dumps(report_to_dict(Report(tuple(results))), ensure_ascii=False), encoding="utf-8")
    assert list(read_json_report(path).transcripts) == results


def test_parts_carry_the_answer_text_they_were_graded_on(tmp_path):
    chat = tmp_path / "chat.md"
    chat.write_text(
        "**User**\n\nQuestion 7 (b): which tokens enter the decoder?\n\n**Assistant**\n\n"
        "(b) Ground truth shifted right: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog.\n",
        encoding="utf-8",
    )
    [result] = grade_file(chat, load_rubric(), ["q7b"])
    path = tmp_path / "r.json"
    write_json_report(Report((result,)), path)
    parts = json.loads(path.read_text(encoding="utf-8"))["transcripts"][0]["parts"]
    assert [(p["attempt"], "w1 = <sos>" in p["answer"]) for p in parts] == [("first", True), ("final", True)]
    assert list(read_json_report(path).transcripts)[0].parts[1].answer == parts[1]["answer"]


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(exclude_categories=())),  # lone surrogates too
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES, st.integers(min_value=0, max_value=3))
def test_entries_are_written_as_json_dumps_writes_them(value, depth):
    """orjson writes what it writes alike; floats in exponent form, NaN, lone surrogates and huge
    integers go to `json`, so the bytes are always those of `json.dumps(..., indent=2)`."""
    expected = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)
    assert dumps_at(value, depth) == expected


@pytest.mark.parametrize("number", [0.0, -0.0, 1e-4, 9.5e-5, 1e-5, 2.5e-7, 1e15 + 0.5, 1e16, 3e20, 7334.0, 0.1 + 0.2])
def test_floats_at_the_edges_of_orjson_are_written_as_repr(number):
    assert dumps_at({"score": number, "points": [number]}, 2) == json.dumps(
        {"score": number, "points": [number]}, indent=2
    ).replace("\n", "\n    ")
