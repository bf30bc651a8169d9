"""Answers as HTML: escaped, a small Markdown subset, evidence in <mark>, formulas in monospace."""

import time

from hw7grade.report.formula import render_formula
from hw7grade.report.safe_markdown import find_spans, render_answer


def test_everything_is_escaped_and_nothing_links_or_loads():
    html = render_answer("<script>x()</script> <img src=a onerror=b> ![i](http://e/x.png) [l](javascript:y)")
    assert html == (
        "<p>&lt;script&gt;x()&lt;/script&gt; &lt;img src=a onerror=b&gt; ![i](http://e/x.png) [l](javascript:y)</p>"
    )


def test_markdown_subset_and_formulas():
    html = render_answer("# Title\n**bold** and `c<d`\n- one\n- $x^2$\n$$\n\\frac{a}{b}\n$$\n```\n<raw>\n```")
    assert html.split("\n") == [
        "<h4>Title</h4>",
        "<p><strong>bold</strong> and <code>c&lt;d</code></p>",
        "<ul>",
        "<li>one</li>",
        '<li><code class="latex">x^2</code></li>',
        "</ul>",
        '<pre class="latex">\\frac{a}{b}</pre>',
        "<pre><code>&lt;raw&gt;</code></pre>",
    ]
    assert render_formula("a<b", True) == '<pre class="latex">a&lt;b</pre>'


def test_evidence_is_highlighted_across_lines():
    html = render_answer("first w1 = <eos>\nw2 = I end", ["W1 = <EOS>\nw2 = I", "x"])
    assert html == "<p>first <mark>w1 = &lt;eos&gt;</mark></p>\n<p><mark>w2 = I</mark> end</p>"
    assert find_spans("abcabc", ["bca", "cab", "zz"]) == [(1, 5)]


def test_private_use_marks_in_the_answer_cannot_open_a_mark():
    assert "<mark>" not in render_answer("a \ue000b\ue001 c")


def _best_of_3(text: str) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        render_answer(text, ["``", "$$"])
        times.append(time.perf_counter() - start)
    return min(times)


def test_linear_time_on_hostile_text():
    # Four times the text must cost about four times as much (quadratic would be sixteen).
    for unit in ("`", "$", "**", "- ", "$$\n", "`a"):
        small, big = _best_of_3(unit * 5_000), _best_of_3(unit * 20_000)
        assert big < 8 * small + 0.02, (unit, small, big)
