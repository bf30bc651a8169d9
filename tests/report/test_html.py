import json
import re
from html.parser import HTMLParser

import pytest

from hw7grade.conversation import HumanLabel
from hw7grade.report.baseline import compare_with_baseline
from hw7grade.report.html import BAR_WIDTH, render_html
from hw7grade.report.html_review import SCRIPT, SCRIPT_HASH, STATIC_DRILLS_UP_TO_PARTS

from .factory import big_report, part, report, transcript

HOSTILE = '<script>alert("x")</script><img src="http://evil.example/x.png">'


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    p = _Collect()
    p.feed(html)
    return p.tags


def sample_report():
    return report(
        transcript(
            "runs/gpt.md",
            "gpt-4o",
            part("q7a", 4, 4),
            part("q7b", 0, attempt="first"),
            part("q7b", 1),
            part("q7c", 3, reason=HOSTILE, evidence=HOSTILE),
        ),
        transcript("runs/gpt2.md", "gpt-4o", part("q7a", 2, 4), part("q7b", 3)),
        transcript(
            "runs/claude.md",
            "claude",
            part("q7a", 0, 4, verdict="missing"),
            labels={"q7a": HumanLabel(final="correct")},
        ),
        transcript("runs/bad.json", None, errors=("runs/bad.json: not valid JSON.",)),
    )


def test_bars_per_model_and_part_with_first_and_final():
    html = render_html(sample_report())
    bars = [a for tag, a in _tags(html) if tag == "rect" and "bar" in a.get("class", "").split()]
    got = {(a["data-part"], a["data-attempt"], float(a["width"])) for a in bars}
    # gpt-4o q7a: mean of 4/4 and 2/4; q7b final: mean of 1/3 and 3/3, first: mean of 0 and 3/3.
    expected = {
        ("q7a", "final", 0.75),
        ("q7a", "first", 0.75),
        ("q7b", "final", 2 / 3),
        ("q7b", "first", 0.5),
        ("q7c", "final", 1.0),
        ("q7c", "first", 1.0),
        ("q7a", "final", 0.0),
        ("q7a", "first", 0.0),
    }
    assert got == {(p, a, round(f * BAR_WIDTH, 1)) for p, a, f in expected}
    charts = [a["data-model"] for tag, a in _tags(html) if tag == "figure"]
    assert charts == ["gpt-4o", "claude"]


def _data(html: str) -> dict:
    """The JSON data block the page's script builds the list from."""
    return json.loads(re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html).group(1))


def _static(html: str) -> str:
    """The list a reader with scripts off sees."""
    return html.split("<noscript>", 1)[1].split("</noscript>", 1)[0]


def test_self_contained_and_escaped():
    html = render_html(sample_report())
    # One script, the page's own, allowed by its hash in the CSP; no other may run. The other
    # script element is JSON data (a type browsers never run) with no "<" that could close it.
    assert html.count("<script") == 2 and f"<script>{SCRIPT}</script>" in html
    evil = render_html(report(transcript(f"runs/{HOSTILE}.md", HOSTILE, part("q7a", 1, reason=HOSTILE))))
    block = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', evil, re.S).group(1)
    assert not set("<>&") & set(block) and "\\u003cscript\\u003ealert" in block
    assert _data(evil)["transcripts"] == [[f"runs/{HOSTILE}.md", HOSTILE]]
    assert "<script>" not in "".join(_drills(evil))
    assert f"script-src '{SCRIPT_HASH}'" in html and "unsafe-inline'; script" not in html.replace(
        "style-src 'unsafe-inline'; script", ""
    )
    assert "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    for tag, attrs in _tags(html):
        assert tag not in {"link", "img", "iframe"}
        assert tag != "script" or attrs in ({}, {"type": "application/json", "id": "review-data"})
        assert not ({"src", "href"} & attrs.keys()), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    # The only URL in markup is the SVG namespace, which is a name, not a fetch.
    urls = {v for _, attrs in _tags(html) for v in attrs.values() if v and "://" in v}
    assert urls == {"http://www.w3.org/2000/svg"}
    assert "default-src 'none'" in html


def test_sections_tables_agreement_baseline():
    r = sample_report()
    old = report(transcript("runs/gpt.md", "gpt-4o", part("q7a", 4, 4), part("q7b", 3)))
    html = render_html(r, compare_with_baseline(r, old))
    assert 'id="baseline"' in html and "1 regressed" in html
    assert 'id="agreement"' in html and "0% agreement" in html
    assert "the grader found no answer to this part" in html
    assert "Unreadable: runs/bad.json: not valid JSON." in html
    data = _data(html)
    assert data["transcripts"] == [["runs/gpt.md", "gpt-4o"], ["runs/gpt2.md", "gpt-4o"], ["runs/claude.md", "claude"]]
    assert [(r[0], r[1], r[3], r[4], r[2]) for r in data["rows"]] == [
        (0, "q7a", "4", "4", "correct"),
        (0, "q7b", "1", "3", "partial"),
        (0, "q7c", "3", "3", "correct"),
        (1, "q7a", "2", "4", "partial"),
        (1, "q7b", "3", "3", "correct"),
        (2, "q7a", "0", "4", "missing"),
    ]
    # gpt q7b changed from its first attempt: flag bit 2 and "first: incorrect"; claude q7a disagrees (bit 1).
    assert [(r[6], r[9], r[10]) for r in data["rows"]] == [
        ("", 0, 0),
        ("incorrect", 2, 1),
        ("", 0, 0),
        ("", 0, 0),
        ("", 0, 0),
        ("", 1, 0),
    ]
    # With scripts off: the same rows, each opening on its drill-downs (first beside final).
    static = [(tag, a) for tag, a in _tags(_static(html)) if tag in ("details", "div")]
    assert [a.get("class") for tag, a in static].count("row") == 6
    assert '0/3 <span class="v-incorrect">incorrect</span>' in _static(html)  # gpt q7b first attempt
    assert '0/3 <span class="v-incorrect">incorrect</span>' in "".join(_drills(html))


@pytest.mark.parametrize("with_labels", [False, True])
def test_human_label_column_only_when_labelled(with_labels):
    labels = {"q7a": HumanLabel(final="partial")} if with_labels else None
    html = render_html(report(transcript("a.md", "m", part("q7a", 4, 4), labels=labels)))
    assert ("Human label: <b" in html) is with_labels
    assert (" · human <b>partial</b>" in html) is with_labels


def _drills(html: str) -> list[str]:
    """The drill-downs packed in the data block (gzip chunks), unpacked."""
    import base64
    import gzip

    return [d for chunk in _data(html)["drills"] for d in json.loads(gzip.decompress(base64.b64decode(chunk)))]


def test_drill_downs_are_packed_in_order_one_per_row():
    html = render_html(big_report(transcripts=60))
    data, drills = _data(html), _drills(html)
    assert len(data["rows"]) == len(drills) == 300 and len(data["drills"]) == 3  # chunks of 128
    assert [data["transcripts"][r[0]][0] for r in data["rows"]][299] == "runs/batch/t00059.md"
    assert 'data-source="runs/batch/t00059.md" data-part="q7a"' in drills[299]


def test_big_page_lists_every_row_with_scripts_off():
    """Above the size where drill-downs fit twice, the scripts-off list keeps every row (summaries only)."""
    big = big_report(transcripts=400)
    assert sum(len(t.finals) for t in big.summaries) > STATIC_DRILLS_UP_TO_PARTS
    static = _static(render_html(big))
    assert static.count('<p class="row">') == 2000 and "<details" not in static
    assert '<p class="row"><span class="path">runs/batch/t00399.md</span> · llama · <b>q7a</b> · 3/3 ' in static
    assert len(_drills(render_html(big))) == 2000
