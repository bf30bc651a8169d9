"""Load the HTML report in headless Chromium: the DOM it builds and the pixels it paints."""

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from hw7grade.report.html import BAR_WIDTH, COLOR_FULL, COLOR_LOW, COLOR_PARTIAL, write_html

from .factory import part, report, transcript

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_TIMEOUT_S = 90
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--force-device-scale-factor=1", "--hide-scrollbars", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=BROWSER_TIMEOUT_S, check=False,
    )


def _decode_png(data: bytes) -> tuple[int, int, list[list[tuple[int, int, int]]]]:
    """8-bit RGB/RGBA PNG -> rows of RGB pixels (what Chromium writes), stdlib only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
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
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
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
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return width, height, rows


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color[i:i + 2], 16) for i in (1, 3, 5))


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
        transcript("runs/gpt.md", "gpt-4o", part("q7a", 4, 4), part("q7b", 1), part("q7c", 0, attempt="first"),
                   part("q7c", 3)),
        transcript("runs/claude.md", "claude", part("q7a", 2, 4), part("q7b", 3)),
    )
    target = tmp_path / "report.html"
    write_html(r, target)
    return target


def test_dom_has_the_chart_bars(page, tmp_path):
    done = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    finals = re.findall(r'<rect class="bar final" data-part="([^"]+)"[^>]*width="([\d.]+)"[^>]*>\s*<title>([^<]*)</title>',
                        dom)
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
