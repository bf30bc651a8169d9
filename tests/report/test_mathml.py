"""MathML formulas for the HTML report: what sympy's printer writes, and that Chromium lays it out."""

import shutil
import subprocess

import pytest

from hw7grade.report.mathml import formulas_html
from hw7grade.rubric.course import default_course

HW7_SHAPES = dict(default_course().shapes)
"""The bundled course file's shapes (X, W_1, W_2, U_k)."""

G1 = r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top"
WRONG = r"\nabla_{W_1} L = 2 W_2^T W_2 W_1 X X^T"


def test_a_wrong_gradient_shows_expected_found_and_difference():
    page = formulas_html(G1, WRONG, HW7_SHAPES)
    assert [page.count(t) for t in ("<dt>expected</dt>", "<dt>found</dt>", "<dt>found − expected</dt>")] == [1, 1, 1]
    assert page.count('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">') == 3
    assert "<msub><mi>W</mi><mi>2</mi></msub>" in page


def test_a_match_shows_its_certificate_instead_of_a_difference():
    page = formulas_html(G1, r"W_2^T W_2 W_1 X X^T = W_2^T X X^T", HW7_SHAPES)
    assert "found − expected" not in page
    assert "<dd>symbolic: answer − 1/2·reference expands to 0</dd>" in page


def test_unreadable_text_gives_no_block():
    assert formulas_html(G1, "__import__('os')", HW7_SHAPES) == ""


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
        f"<!doctype html><meta charset=utf-8><body>{formulas_html(G1, WRONG, HW7_SHAPES)}{script}</body>",
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
