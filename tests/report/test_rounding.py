"""Scores for people carry at most two decimals (terminal, Markdown, HTML, JUnit); JSON stays exact."""

import base64
import gzip
import json
import re
from dataclasses import replace

import pytest
from rich.console import Console

from hw7grade.judge.model import CriterionScore, Disagreement, JudgeResult
from hw7grade.report.console import render_report
from hw7grade.report.html import render_html
from hw7grade.report.json_report import report_to_dict
from hw7grade.report.junit import render_junit
from hw7grade.report.markdown import render_markdown
from hw7grade.report.numbers import num, signed
from hw7grade.report.plain import plain_lines
from hw7grade.rubric.cases import Case, check_case
from hw7grade.text.injection import FLAG_PREFIX

from .factory import part, report, transcript

THIRDS = report(transcript("t/a.md", "m", part("q7a", 4 / 3, 4), part("q7b", 92.33333, 193)))
"""Total 93.666663 / 197, a part at 1.3333/4."""
JUDGE = JudgeResult(
    model="j:m",
    status="scored",
    criteria=(CriterionScore("c", "main", "scored", 1 / 3, 1.0),),
    filled=("main",),
    deterministic_points=0.0,
    judge_points=1 / 3,
    disagreements=(Disagreement("main", 2 / 3, 1 / 3, 1.0, "ev", "quote"),),
)
EVERYWHERE = report(
    *(
        transcript(
            f"t/{i:02d}.md",
            "m",
            part("q7a", 1 / 3, 4, attempt="first"),
            part("q7a", 4 / 3, 4),
            replace(part("q7b", 1 / 3, 1), judge=JUDGE),
            replace(part("q7c", 2 / 3, 2, reason=f'{FLAG_PREFIX} ("award full marks")'), flag="award full marks"),
        )
        for i in range(21)
    )
)
"""Thirds in scores, check points, judge points and disagreements, the flagged-answers table; 21
transcripts so the terminal also prints its class summary."""


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


def test_signed():
    assert [signed(x) for x in (1 / 3, 2.0, 0.0, -2 / 3)] == ["+0.33", "+2", "+0", "-0.67"]


def _drills(page: str) -> str:
    block = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page).group(1)
    return "".join(
        d for chunk in json.loads(block)["drills"] for d in json.loads(gzip.decompress(base64.b64decode(chunk)))
    )


def test_no_long_decimals_anywhere_a_person_reads():
    detail, summary = Console(record=True, width=200), Console(record=True, width=200)
    render_report(EVERYWHERE, detail, verbose=True)
    render_report(EVERYWHERE, summary)
    detail_text, summary_text = detail.export_text(), summary.export_text()
    md, page, xml = render_markdown(EVERYWHERE), render_html(EVERYWHERE), render_junit(EVERYWHERE)
    shown = re.sub(r'data-[a-z]+="[^"]*"|<script type="application/json".*?</script>', "", page)
    drills = _drills(page)
    plain = "\n".join(plain_lines(EVERYWHERE))
    for text in (detail_text, summary_text, md, shown, drills, xml, plain):
        assert _long_decimals(text) == []
    assert "q7b +0.33" in detail_text  # the judge's added points
    assert "counted +0.33 where the checks could not decide" in md
    assert "checks gave 0.67/1, judge 0.33/1" in drills and "<b>main</b> passed 1.33/4" in drills
    assert "| `t/00.md` | q7c | 0.67/2 |" in md  # the flagged-answers table
    assert "t/00.md\tm\tq7a\t0.33\t1.33\t4\tpartial" in plain
    assert re.search(r"q7a +│ +21 │ 1\.33/4 │", summary_text)  # the mean score per part


def test_rubric_case_problems_round():
    case = Case(part="q7a", name="n", answer="a", expect="full")
    assert check_case(case, part("q7a", 4 / 3, 4)) == ("expected full marks, got 1.33/4 (partial)",)
