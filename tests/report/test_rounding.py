"""Scores for people carry at most two decimals (terminal, Markdown, HTML, JUnit); JSON stays exact."""

import json
import re

import pytest
from rich.console import Console

from hw7grade.report.console import render_report
from hw7grade.report.html import render_html
from hw7grade.report.json_report import report_to_dict
from hw7grade.report.junit import render_junit
from hw7grade.report.markdown import render_markdown
from hw7grade.report.numbers import num

from .factory import part, report, transcript

THIRDS = report(transcript("t/a.md", "m", part("q7a", 4 / 3, 4), part("q7b", 92.33333, 193)))
"""Total 93.666663 / 197, a part at 1.3333/4."""


@pytest.mark.parametrize(
    "value, text",
    [
        (93.6667, "93.67"),
        (4.0, "4"),
        (0.666667, "0.67"),
        (1.5, "1.5"),
        (123456.789, "123456.79"),
        (-0.001, "0"),
        (0, "0"),
    ],
)
def test_num(value, text):
    assert num(value) == text


def _long_decimals(text: str) -> list[str]:
    return re.findall(r"\d\.\d{3,}", text)


def test_terminal_rounds():
    console = Console(record=True, width=200)
    render_report(THIRDS, console, verbose=True)
    out = console.export_text()
    assert "93.67 / 197" in out and "1.33/4" in out
    assert _long_decimals(out) == []


def test_markdown_html_junit_round():
    md, page, xml = render_markdown(THIRDS), render_html(THIRDS), render_junit(THIRDS)
    assert "93.67 / 197" in md and "1.33/4" in page and 'value="93.67/197"' in xml
    assert "93.67 / 197" in page
    for text in (md, xml):
        assert _long_decimals(text) == []
    # data-* attributes are for the script (sorting, bar widths), not shown
    assert _long_decimals(re.sub(r'data-[a-z]+="[^"]*"', "", page)) == []


def test_json_keeps_exact_values():
    data = json.loads(json.dumps(report_to_dict(THIRDS)))
    assert data["summary"]["score"] == pytest.approx(4 / 3 + 92.33333)
    assert data["transcripts"][0]["parts"][0]["score"] == 4 / 3
