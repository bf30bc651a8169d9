from html.parser import HTMLParser

import pytest

from hw7grade.conversation import HumanLabel
from hw7grade.report.baseline import compare_with_baseline
from hw7grade.report.html import BAR_WIDTH, render_html
from hw7grade.report.html_review import SCRIPT, SCRIPT_HASH

from .factory import part, report, transcript

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


def test_self_contained_and_escaped():
    html = render_html(sample_report())
    # One script, the page's own, allowed by its hash in the CSP; no other may run.
    assert html.count("<script") == 1 and f"<script>{SCRIPT}</script>" in html
    assert f"script-src '{SCRIPT_HASH}'" in html and "unsafe-inline'; script" not in html.replace(
        "style-src 'unsafe-inline'; script", ""
    )
    assert "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    for tag, attrs in _tags(html):
        assert tag not in {"link", "img", "iframe"}
        assert tag != "script" or attrs == {}
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
    rows = [a["data-part"] for tag, a in _tags(html) if tag == "details"]
    assert rows == ["q7a", "q7b", "q7c", "q7a", "q7b", "q7a"]
    assert '0/3 <span class="v-incorrect">incorrect</span>' in html  # gpt q7b first attempt


@pytest.mark.parametrize("with_labels", [False, True])
def test_human_label_column_only_when_labelled(with_labels):
    labels = {"q7a": HumanLabel(final="partial")} if with_labels else None
    html = render_html(report(transcript("a.md", "m", part("q7a", 4, 4), labels=labels)))
    assert ("Human label: <b" in html) is with_labels
    assert (" · human <b>partial</b>" in html) is with_labels
