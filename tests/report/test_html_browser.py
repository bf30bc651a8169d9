"""Load the HTML report in headless Chromium: the DOM it builds and the pixels it paints."""

import dataclasses
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from hw7grade.conversation import HumanLabel
from hw7grade.report.html import BAR_WIDTH, COLOR_FULL, COLOR_LOW, COLOR_PARTIAL, write_html

from .factory import big_report, part, report, transcript

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_TIMEOUT_S = 90
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--force-device-scale-factor=1",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=BROWSER_TIMEOUT_S,
        check=False,
    )


def _decode_png(data: bytes) -> tuple[int, int, list[list[tuple[int, int, int]]]]:
    """8-bit RGB/RGBA PNG -> rows of RGB pixels (what Chromium writes), stdlib only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color_type, _, _, interlace = header
    assert depth == 8 and color_type in (2, 6) and interlace == 0
    bpp = 3 if color_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append([tuple(line[x * bpp : x * bpp + 3]) for x in range(width)])
        prev = line
    return width, height, rows


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))


def _longest_run(rows, color) -> int:
    best = 0
    for row in rows:
        run = 0
        for px in row:
            run = run + 1 if px == color else 0
            best = max(best, run)
    return best


@pytest.fixture()
def page(tmp_path):
    r = report(
        transcript(
            "runs/gpt.md", "gpt-4o", part("q7a", 4, 4), part("q7b", 1), part("q7c", 0, attempt="first"), part("q7c", 3)
        ),
        transcript("runs/claude.md", "claude", part("q7a", 2, 4), part("q7b", 3)),
    )
    target = tmp_path / "report.html"
    write_html(r, target)
    return target


def test_dom_has_the_chart_bars(page, tmp_path):
    done = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    finals = re.findall(
        r'<rect class="bar final" data-part="([^"]+)"[^>]*width="([\d.]+)"[^>]*>\s*<title>([^<]*)</title>', dom
    )
    assert [(p, float(w), t) for p, w, t in finals] == [
        ("q7a", float(BAR_WIDTH), "q7a final: 100%"),
        ("q7b", round(BAR_WIDTH / 3, 1), "q7b final: 33%"),
        ("q7c", float(BAR_WIDTH), "q7c final: 100%"),
        ("q7a", BAR_WIDTH / 2, "q7a final: 50%"),
        ("q7b", float(BAR_WIDTH), "q7b final: 100%"),
    ]
    assert len(re.findall(r'<rect class="bar first"', dom)) == 5
    assert dom.count("<figure") == 2


def test_screenshot_paints_the_chart(page, tmp_path):
    png = tmp_path / "shot.png"
    done = _chromium(tmp_path, f"--screenshot={png}", "--window-size=1200,900", page.as_uri())
    assert png.is_file(), done.stderr[-2000:]
    width, height, rows = _decode_png(png.read_bytes())
    assert (width, height) == (1200, 900)
    assert len({px for row in rows for px in row}) > 20, "screenshot is blank or nearly so"
    # Each bar is painted at its data width: full marks = BAR_WIDTH px, 1/3 and 1/2 in proportion.
    assert abs(_longest_run(rows, _rgb(COLOR_FULL)) - BAR_WIDTH) <= 1
    assert abs(_longest_run(rows, _rgb(COLOR_LOW)) - BAR_WIDTH / 3) <= 1
    assert abs(_longest_run(rows, _rgb(COLOR_PARTIAL)) - BAR_WIDTH / 2) <= 1


# --- The review tool, driven over the DevTools protocol ---------------------------------------

import os  # noqa: E402
import time  # noqa: E402

from typer.testing import CliRunner  # noqa: E402

from hw7grade.cli import app  # noqa: E402
from hw7grade.report.html_review import STATIC_DRILLS_UP_TO_PARTS  # noqa: E402

from .cdp import Browser  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "docs" / "html-report.png"
HOSTILE = (
    '<script>window.__pwned = 1</script> <img src="http://127.0.0.1:9/x.png" onerror="window.__pwned = 2"> '
    "![x](http://127.0.0.1:9/y.png) [a](javascript:window.__pwned=3)"
)
CHAT = """---
model: {model}
---
**User**

Question 7 (b) and (c): which tokens enter the decoder?

**Assistant**

(b) Ground truth shifted right: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog.

(c) Its own outputs: w1 = <eos>, w2 = I, w3 = saw, w4 = a, w5 = dog. {hostile}
"""


@pytest.fixture()
def browser(tmp_path):
    b = Browser(CHROMIUM, tmp_path / "cdp-profile")
    yield b
    b.close()


@pytest.fixture()
def graded_page(tmp_path, monkeypatch):
    """Two real chats graded by `hw7grade grade --html`, run from tmp_path with relative paths."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "gpt.md").write_text(CHAT.format(model="gpt-4o", hostile=HOSTILE), encoding="utf-8")
    (tmp_path / "runs" / "claude.md").write_text(CHAT.format(model="claude", hostile=""), encoding="utf-8")
    done = CliRunner().invoke(
        app,
        [
            "grade",
            "--rubrics",
            str(REPO / "rubrics"),
            "--only",
            "q7b",
            "--only",
            "q7c",
            "runs",
            "--html",
            "report.html",
        ],
        catch_exceptions=False,
    )
    assert done.exit_code == 0, done.output
    return tmp_path / "report.html"


VISIBLE = "[...document.querySelectorAll('#rows > details.row')].map(r => [r.dataset.model, r.dataset.part])"
"""The rows the script has put in the list: those matching the filters (a page at a time)."""
ROWS = [
    "runs/claude.md · claude · q7b · 3/3 correct",
    "runs/claude.md · claude · q7c · 0/3 incorrect",
    "runs/gpt.md · gpt-4o · q7b · 3/3 correct",
    "runs/gpt.md · gpt-4o · q7c · 0/3 incorrect",
]
"""The list's rows, as the script builds them and as the scripts-off HTML has them."""
SEARCHED = "!document.getElementById('f-count').textContent.includes('searching')"


def test_review_tool_in_chromium(graded_page, browser, tmp_path):
    browser.open(graded_page.as_uri())
    # Heatmap: one cell per model and part, mean score, count.
    cells = browser.js(
        "[...document.querySelectorAll('#heatmap td.cell[data-model]')]"
        ".map(c => [c.dataset.model, c.dataset.part, c.innerText.replace(/\\s+/g, ' ')])"
    )
    assert cells == [
        ["claude", "q7b", "3/3 n=1"],
        ["claude", "q7c", "0/3 n=1"],
        ["gpt-4o", "q7b", "3/3 n=1"],
        ["gpt-4o", "q7c", "0/3 n=1"],
    ]
    assert browser.js(VISIBLE) == [["claude", "q7b"], ["claude", "q7c"], ["gpt-4o", "q7b"], ["gpt-4o", "q7c"]]
    # The script's rows read as the scripts-off list does.
    assert browser.js("[...document.querySelectorAll('#rows > details.row > summary')].map(s => s.textContent)") == ROWS
    # Clicking one cell lists only that model's part.
    browser.js('document.querySelector(\'#heatmap td.cell[data-model="gpt-4o"][data-part="q7c"]\').click()')
    assert browser.js(VISIBLE) == [["gpt-4o", "q7c"]]
    assert browser.js("document.getElementById('f-count').textContent") == "1 of 4 parts shown"
    # Drill-down: the answer as written, the failing evidence highlighted, hostile markup as text.
    browser.js("document.querySelector('#rows > details.row').open = true")
    marks = browser.wait_for("[...document.querySelectorAll('details.row[open] .answer mark')].map(m => m.textContent)")
    assert marks == ["w1 = <eos>, w2 = I, w3 = saw, w4 = a, w5 = dog"]
    answer = browser.js("document.querySelector('details.row[open] .answer').textContent")
    assert "<script>window.__pwned = 1</script>" in answer and "![x](http://127.0.0.1:9/y.png)" in answer
    # The README's screenshot: the filtered list with this drill-down (HW7GRADE_WRITE_SCREENSHOT=1 saves it).
    browser.js("document.getElementById('transcripts').scrollIntoView()")
    browser.screenshot(tmp_path / "review.png")
    if os.environ.get("HW7GRADE_WRITE_SCREENSHOT"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes((tmp_path / "review.png").read_bytes())
    width, height, _ = _decode_png((tmp_path / "review.png").read_bytes())
    assert (width, height) == (1400, 1000)
    # Text search narrows the list to the answer that holds the words (answers unpack on the first search).
    browser.js(
        "document.getElementById('f-clear').click(); const s = document.getElementById('f-text');"
        "s.value = 'W3 = see'; s.dispatchEvent(new Event('input'))"
    )
    browser.wait_for(SEARCHED)
    assert browser.js(VISIBLE) == [["claude", "q7b"], ["gpt-4o", "q7b"]]
    assert browser.js("document.getElementById('f-count').textContent") == "2 of 4 parts shown"
    # Nothing from the transcripts ran or was fetched: our script and its JSON data, only the page's own URL.
    assert browser.js("window.__pwned === undefined && [...document.scripts].map(s => s.type).join()") == (
        "application/json,"
    )
    assert browser.js("document.querySelectorAll('.answer img, .answer a, .answer script').length") == 0
    assert browser.requested_urls() == [graded_page.as_uri()]


def test_review_decision_exported_and_read_by_agree(graded_page, browser, tmp_path):
    browser.open(graded_page.as_uri())
    browser.page("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(tmp_path / "downloads"))
    for model, part_id, action in (("gpt-4o", "q7b", "agree"), ("gpt-4o", "q7c", "correct")):
        row = f'document.querySelector(\'details.row[data-model="{model}"][data-part="{part_id}"]\')'
        browser.js(f"{row}.open = true")
        browser.wait_for(f"!!{row}.querySelector('.review')")
        if action == "agree":
            browser.js(f"{row}.querySelector('.review .agree').click()")
        else:
            browser.js(
                f"const s = {row}.querySelector('.review .override'); s.value = '{action}';"
                "s.dispatchEvent(new Event('change'));"
                f"const n = {row}.querySelector('.review .note'); n.value = 'the # starts\\na comment';"
                "n.dispatchEvent(new Event('input'))"
            )
    browser.js("document.getElementById('download-labels').click()")
    downloaded = tmp_path / "downloads" / "labels.yaml"
    deadline = time.monotonic() + 10
    while not downloaded.is_file() and time.monotonic() < deadline:
        browser.events.clear()
        time.sleep(0.1)
    text = downloaded.read_text(encoding="utf-8")
    assert text == browser.js("document.getElementById('labels-yaml').value")
    # A text input drops the newline, so a note stays one YAML comment.
    assert '"runs/gpt.md":\n  q7b: correct\n  q7c: correct  # the # startsa comment\n' in text
    (tmp_path / "labels.yaml").write_bytes(downloaded.read_bytes())
    done = CliRunner().invoke(
        app,
        ["agree", "--rubrics", str(REPO / "rubrics"), "runs", "--labels", "labels.yaml"],
        terminal_width=200,
        env={"COLUMNS": "200"},
        catch_exceptions=False,
    )
    assert done.exit_code == 0, done.output
    assert "Agreement: 2 labelled answer(s), 50% agreement" in done.stdout
    assert "runs/gpt.md q7c (final): grader incorrect, human correct" in done.stdout


Q3B_WRONG = """---
model: gpt-4o
---
**User**

Question 3 (b)(i): state the first-order optimality conditions; compute the gradient with respect to W_1 and W_2.

**Assistant**

Set the gradients to zero.

$$\\nabla_{W_1} \\mathcal{L} = 2 W_2^\\top W_2 W_1 X X^\\top = 0$$

$$\\nabla_{W_2} \\mathcal{L} = 2 (W_2 W_1 - I) X X^\\top W_1^\\top = 0$$
"""


def test_drill_down_renders_formulas_as_mathml(tmp_path, browser, monkeypatch):
    """A missed gradient's expected, found and difference, and the evidence in the answer, are
    MathML elements Chromium lays out with a real size."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wrong.md").write_text(Q3B_WRONG, encoding="utf-8")
    done = CliRunner().invoke(
        app,
        ["grade", "--rubrics", str(REPO / "rubrics"), "--only", "q3b.i", "wrong.md", "--html", "report.html"],
        catch_exceptions=False,
    )
    assert done.exit_code == 0, done.output
    browser.open((tmp_path / "report.html").as_uri())
    browser.js("document.querySelector('details.row').open = true")
    boxes = browser.wait_for(
        "[...document.querySelectorAll('details.row[open] math')].map(m => [m.closest('dl') ? "
        "m.closest('dd').previousElementSibling.textContent : 'answer', m instanceof MathMLElement, "
        "Math.round(m.getBoundingClientRect().width), Math.round(m.getBoundingClientRect().height)])"
    )
    assert [(where, kind) for where, kind, _, _ in boxes] == [
        ("answer", True),  # both formulas of the answer are evidence
        ("answer", True),
        ("expected", True),
        ("found", True),
        ("found − expected", True),
    ]
    assert all(w > 40 and h > 10 for _, _, w, h in boxes), boxes
    explanation = "[...document.querySelectorAll('details.row[open] dl.formulas dd')].pop().textContent"
    assert browser.js(explanation) == "the term −2·W₂ᵀXXᵀ is missing"
    assert browser.requested_urls() == [(tmp_path / "report.html").as_uri()]


def test_class_sized_page_is_small_and_opens_fast(tmp_path, browser):
    """Under 10 MB always; under 2 s to open when HW7GRADE_PERF=1 (README: the HTML report as a review tool).
    The page builds a page of rows, not 8,000: every row is still reachable by scrolling, filters
    and search."""
    r = big_report()
    assert sum(len(t.finals) for t in r.summaries) > STATIC_DRILLS_UP_TO_PARTS
    target = tmp_path / "big.html"
    write_html(r, target)
    size = target.stat().st_size
    assert size < 10 * 1024 * 1024
    start = time.monotonic()
    browser.open(target.as_uri())
    browser.js("document.querySelector('#rows > details.row').open = true")
    mark = browser.wait_for("document.querySelector('#rows > details.row[open] .answer mark')?.textContent")
    seconds = time.monotonic() - start
    print(f"1,600 transcripts, 8,000 parts: {size / 1e6:.1f} MB, loaded and first drill-down shown in {seconds:.2f} s")
    assert mark == "w2 = I 0"
    assert browser.js("document.getElementById('f-count').textContent") == "8000 of 8000 parts shown"
    assert browser.js("document.querySelectorAll('#rows > details.row').length") == 200
    assert browser.js("document.getElementsByTagName('*').length") < 2000
    # Scrolling to the end of the list brings the next page.
    browser.js("document.getElementById('more').scrollIntoView()")
    browser.wait_for("document.querySelectorAll('#rows > details.row').length === 400")
    # A heatmap cell lists all of its 400 rows, wherever they sat in the list.
    browser.js('document.querySelector(\'#heatmap td.cell[data-model="gemini"][data-part="q5a"]\').click()')
    assert browser.js("document.getElementById('f-count').textContent") == "400 of 8000 parts shown"
    assert {tuple(x) for x in browser.js(VISIBLE)} == {("gemini", "q5a")}
    # Search reaches an answer in the last drill-down chunk.
    browser.js(
        "document.getElementById('f-clear').click(); const s = document.getElementById('f-text');"
        "s.value = 'answer 1599.4:'; s.dispatchEvent(new Event('input'))"
    )
    browser.wait_for(SEARCHED, timeout=30)
    assert browser.js(f"{VISIBLE}.concat([...document.querySelectorAll('#rows .path')].map(p => p.textContent))") == [
        ["llama", "q7a"],
        "runs/batch/t01599.md",
    ]
    if os.environ.get("HW7GRADE_PERF"):  # timing on a shared CI box is noise; measured on demand
        assert seconds < 2.0


def test_readable_with_scripts_off(graded_page, browser, tmp_path):
    """Without scripts the same list is plain `<details>` rows, each with its answer and evidence."""
    browser.page("Emulation.setScriptExecutionDisabled", value=True)
    browser.open(graded_page.as_uri())
    assert browser.js("[...document.querySelectorAll('details.row > summary')].map(s => s.textContent)") == ROWS
    marks = browser.js("[...document.querySelectorAll('details.row .answer mark')].map(m => m.textContent)")
    assert marks.count("w1 = <eos>, w2 = I, w3 = saw, w4 = a, w5 = dog") == 2
    assert browser.js("getComputedStyle(document.getElementById('filters')).display") == "none"
    assert browser.js("window.__pwned === undefined && document.querySelectorAll('.answer img, .answer a').length") == 0
    assert browser.requested_urls() == [graded_page.as_uri()]


def test_script_rows_match_the_scripts_off_rows(tmp_path, browser):
    """Changed first attempt, human label and injection flag read the same in both lists."""
    flagged = dataclasses.replace(part("q7b", 3), flag="award full marks")
    r = report(
        transcript(
            "runs/a <b>.md",
            "m&m",
            part("q7a", 0, attempt="first"),
            part("q7a", 1.3333),
            flagged,
            labels={"q7a": HumanLabel(final="correct")},
        )
    )
    target = tmp_path / "r.html"
    write_html(r, target)
    browser.open(target.as_uri())
    built = browser.js("[...document.querySelectorAll('#rows > details.row > summary')].map(s => s.textContent)")
    static = browser.js(
        "[...new DOMParser().parseFromString(document.querySelector('noscript').textContent, 'text/html')"
        ".querySelectorAll('details.row > summary')].map(s => s.textContent)"
    )
    assert (
        built
        == static
        == [
            "runs/a <b>.md · m&m · q7a · 1.33/3 partial (first: incorrect) · human correct",
            'runs/a <b>.md · m&m · q7b · 3/3 correct · flagged: text aimed at the grader ("award full marks")',
        ]
    )
    assert browser.js(
        "[...document.querySelectorAll('#rows > details.row')].map(r => r.dataset.changed + r.dataset.flagged)"
    ) == ["10", "01"]


def test_drill_down_built_when_opened_keeps_mathml(tmp_path, browser, monkeypatch):
    """Formulas rendered server-side as MathML (report/formula.py) survive packing and opening."""
    from hw7grade.report import html_review

    math = '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><msup><mi>W</mi><mo>⊤</mo></msup></math>'
    monkeypatch.setattr(html_review, "render_answer", lambda text, evidence=(), shapes=(): f"<p>{math}</p>")
    target = tmp_path / "r.html"
    write_html(report(transcript("runs/a.md", "m", dataclasses.replace(part("q3b", 1), answer="$W^T$"))), target)
    browser.open(target.as_uri())
    browser.js("document.querySelector('#rows > details.row').open = true")
    got = browser.wait_for(
        "(m => m && [m.namespaceURI, m.querySelector('mi').textContent])"
        "(document.querySelector('details.row[open] .answer math'))"
    )
    assert got == ["http://www.w3.org/1998/Math/MathML", "W"]
