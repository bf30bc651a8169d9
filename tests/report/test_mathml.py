"""MathML formulas for the HTML report: what sympy's printer writes, and that Chromium lays it out."""

import shutil
import subprocess

import pytest

from hw7grade.algebra import compare
from hw7grade.checks.base import Formula, matrix_formula
from hw7grade.report.formula import MARK_CLOSE, MARK_OPEN, render_formula
from hw7grade.report.mathml import formulas_html

G1 = r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top"
WRONG = r"\nabla_{W_1} L = 2 W_2^T W_2 W_1 X X^T"
SHAPES = {"X": ("m", "n"), "W_1": ("k", "m"), "W_2": ("m", "k")}


def _formula(reference: str, answer: str) -> Formula:
    """The formula a math check records: both sides in canonical form, from the comparison."""
    result = compare(reference, answer, SHAPES)
    return matrix_formula(result.expected, result.found, result.status, SHAPES)


def test_a_wrong_gradient_shows_expected_found_difference_and_explanation():
    page = formulas_html([_formula(G1, WRONG)])
    titles = ("<dt>expected</dt>", "<dt>found</dt>", "<dt>found − expected</dt>", "<dt>explanation</dt>")
    assert [page.count(t) for t in titles] == [1, 1, 1, 1]
    assert page.count('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">') == 3
    assert "<msub><mi>W</mi><mi>2</mi></msub>" in page
    assert "<dd>the term −2·W₂ᵀXXᵀ is missing</dd>" in page


def test_a_match_carries_no_block():
    # The matching formula is highlighted (as MathML) in the answer itself.
    assert formulas_html([_formula(G1, r"W_2^T W_2 W_1 X X^T = W_2^T X X^T")]) == ""


def test_a_formula_that_cannot_be_read_back_is_escaped_text():
    page = formulas_html([Formula("<script>alert(1)</script>", "X X^T", "not_equivalent")])
    assert '<dt>expected</dt><dd><pre class="latex">&lt;script&gt;alert(1)&lt;/script&gt;</pre></dd>' in page
    assert "<script>" not in page and "<math" not in page


def test_evidence_in_an_answer_becomes_mathml_other_latex_stays_text():
    shapes = tuple((name, rows, cols) for name, (rows, cols) in SHAPES.items())
    marked = render_formula(f"{MARK_OPEN}W_2^T W_2 W_1 X X^T = W_2^T X X^T{MARK_CLOSE}", True, shapes)
    # Without the part's shapes no course is assumed: the formula stays LaTeX.
    alone = render_formula(f"{MARK_OPEN}W_2^T W_2 W_1 X X^T = W_2^T X X^T{MARK_CLOSE}", True)
    assert alone.startswith('<pre class="latex">') and "<math" not in alone
    assert marked.startswith(MARK_OPEN + '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">')
    assert render_formula("W_2^T W_2 W_1 X X^T = W_2^T X X^T", True).startswith('<pre class="latex">')
    # Evidence our parser does not read stays escaped LaTeX, highlight and all.
    assert render_formula(f"{MARK_OPEN}\\frac{{<b>}}{{2}}{MARK_CLOSE}", False) == (
        f'<code class="latex">{MARK_OPEN}\\frac{{&lt;b&gt;}}{{2}}{MARK_CLOSE}</code>'
    )


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_chromium_lays_the_mathml_out(tmp_path):
    page = tmp_path / "math.html"
    script = (
        "<script>const m=[...document.querySelectorAll('math')];"
        "document.title=m.map(e=>Math.round(e.getBoundingClientRect().width)+'x'+"
        "Math.round(e.getBoundingClientRect().height)+':'+(e instanceof MathMLElement)).join(',');</script>"
    )
    page.write_text(
        f"<!doctype html><meta charset=utf-8><body>{formulas_html([_formula(G1, WRONG)])}{script}</body>",
        encoding="utf-8",
    )
    profile = tmp_path / "profile"
    out = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    ).stdout
    title = out.split("<title>", 1)[1].split("</title>", 1)[0]
    boxes = [b.split(":") for b in title.split(",")]
    assert len(boxes) == 3 and all(kind == "true" for _, kind in boxes)  # parsed as MathML elements
    sizes = [tuple(map(int, size.split("x"))) for size, _ in boxes]
    assert all(w > 40 and h > 10 for w, h in sizes), sizes  # laid out with a real size
