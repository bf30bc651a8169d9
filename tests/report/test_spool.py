"""The result spool: entries round-trip exactly, and every writer gives the same text from a
spooled report as from the same results held in memory."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from hw7grade.checks.base import CheckResult
from hw7grade.conversation import HumanLabel
from hw7grade.grading.files import grade_file, grade_files
from hw7grade.report import spool as spool_module
from hw7grade.report.console import render_report
from hw7grade.report.gradescope import render_gradescope
from hw7grade.report.html import render_html
from hw7grade.report.json_file import iter_json_report
from hw7grade.report.json_report import decode_entry, encode_entry, report_to_dict
from hw7grade.report.junit import render_junit
from hw7grade.report.markdown import render_markdown
from hw7grade.report.spool import EncodedResult, ResultSpool
from hw7grade.results import Report, TranscriptSummary
from hw7grade.rubric.model import load_rubric

from .factory import part, transcript
from .test_judge_in_reports import judged_report

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted(p for p in (REPO / "transcripts").glob("*.md") if p.name.lower() != "readme.md")


@pytest.fixture(scope="module")
def seed_results():
    rubric = load_rubric()
    return [r for path in SEEDS for r in grade_file(path, rubric)]


def _odd_results():
    """What real grading rarely produces at once: judge results, caps, labels, errors, odd text."""
    capped = replace(
        part("q4a", 1, 2), checks=(CheckResult("hallucination", "failed", 0.0, 0.0, "ResNet-50", "made up", cap=1.0),)
    )
    return [
        *judged_report().transcripts,
        transcript(
            'odd/ünïcode "quoted".md',
            None,
            capped,
            part("q4a", 0, 2, attempt="first", evidence="a\tb\n\\c ✓"),
            labels={"q4a": HumanLabel(first="incorrect", final=None)},
        ),
        transcript("broken.json", None, errors=("broken.json: not JSON (line 1).",)),
    ]


def test_entries_round_trip_exactly(seed_results):
    for result in [*seed_results, *_odd_results()]:
        assert decode_entry(encode_entry(result)) == result


def test_a_lone_surrogate_in_a_judge_quote_survives_the_spool():
    """Turn text is scrubbed on the way in, but a judge's quote is model output parsed late."""
    quoted = transcript("j.md", "m", part("q7a", 1, 3, evidence="quote \udc80 end"))
    assert list(ResultSpool([EncodedResult.of(quoted)])) == [quoted]


def test_spool_keeps_order_and_summaries_and_reads_back_in_any_interleaving(seed_results):
    results = [*seed_results, *_odd_results()]
    spool = ResultSpool(map(EncodedResult.of, results))
    assert len(spool) == len(results)
    assert spool.summaries == [TranscriptSummary.of(r) for r in results]
    assert list(spool) == results
    assert [(a, b) for a, b in zip(spool, spool)] == [(r, r) for r in results]  # two readers at once


def test_spool_moves_to_disk_past_its_memory_limit(monkeypatch, seed_results):
    monkeypatch.setattr(spool_module, "SPOOL_MEMORY_BYTES", 1000)
    spool = ResultSpool(map(EncodedResult.of, seed_results))
    assert spool._file._rolled  # a real temporary file now
    assert list(spool) == seed_results


def _in_memory_and_spooled(results):
    return Report(tuple(results)), ResultSpool(map(EncodedResult.of, results)).report()


def _console_text(report: Report, verbose: bool) -> str:
    console = Console(record=True, width=120, file=open("/dev/null", "w"))
    render_report(report, console, verbose=verbose)
    return console.export_text()


WRITERS = {
    "json": lambda r: "".join(iter_json_report(r)),
    "junit": render_junit,
    "markdown": render_markdown,
    "html": render_html,
    "gradescope": render_gradescope,
    "console": lambda r: _console_text(r, verbose=False),
    "console verbose": lambda r: _console_text(r, verbose=True),
}


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_gives_the_same_text_from_a_spool(writer, seed_results):
    memory, spooled = _in_memory_and_spooled([*seed_results, *_odd_results()])
    assert WRITERS[writer](spooled) == WRITERS[writer](memory)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_json_report_is_the_indented_dump_of_the_whole_report(count, seed_results):
    memory, spooled = _in_memory_and_spooled(seed_results[:count])
    expected = json.dumps(report_to_dict(memory), indent=2, ensure_ascii=False) + "\n"
    assert "".join(iter_json_report(spooled)) == expected
    assert "".join(iter_json_report(memory)) == expected


@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_gradescope_and_junit_are_well_formed_for_any_count(count, seed_results):
    import xml.etree.ElementTree as ET

    _, spooled = _in_memory_and_spooled(seed_results[:count])
    text = render_gradescope(spooled)
    results = json.loads(text)
    assert text == json.dumps(results, indent=2, ensure_ascii=False) + "\n"  # the layout json.dumps gives
    assert len(results["tests"]) == sum(len(t.finals) for t in spooled.summaries)
    root = ET.fromstring(render_junit(spooled))
    assert len(root) == count and int(root.get("tests")) == len(results["tests"])


def test_class_sized_summary_view_reads_only_summaries(monkeypatch, seed_results):
    """Above the detail limit the terminal report never decodes a full result."""
    _, spooled = _in_memory_and_spooled(seed_results * 5)
    monkeypatch.setattr(spool_module, "decode_entry", lambda entry: pytest.fail("decoded a result"))
    text = _console_text(spooled, verbose=False)
    assert f"{len(spooled.summaries)} conversation(s) graded" in text


def test_grade_files_returns_a_spooled_report(tmp_path):
    files = SEEDS[:2]
    report = grade_files(files, load_rubric())
    assert isinstance(report.transcripts, ResultSpool)
    assert [t.path for t in report.transcripts] == [str(f) for f in files]


def test_an_unusable_temporary_folder_is_one_clear_error(monkeypatch, tmp_path, seed_results):
    import tempfile

    from hw7grade.errors import Hw7gradeError

    missing = tmp_path / "gone"
    monkeypatch.setattr(tempfile, "tempdir", str(missing))
    monkeypatch.setattr(spool_module, "SPOOL_MEMORY_BYTES", 1)
    with pytest.raises(Hw7gradeError, match=r"^Cannot keep graded results in the temporary folder .*gone .*set TMPDIR"):
        ResultSpool(map(EncodedResult.of, seed_results))
