"""How fast the HTML review page of a class-sized batch opens in headless Chromium, and its size.

Run: `.venv/bin/python benchmarks/html_report.py [--count 1600] [--repeat 5] [--page FILE]`.
It writes `--count` distinct transcripts (`corpus.py`) to a temporary folder, grades them with
`hw7grade grade runs --html report.html` (relative paths, as a course would), then opens the page
`--repeat` times, each in a fresh Chromium (new profile, so nothing is cached), over the DevTools
pipe the browser tests use (`tests/report/cdp.py`). `--page FILE` measures an existing page
instead. Printed per run and as min/median/max:

- load: navigation start to the end of the load event (Navigation Timing);
- painted: wall time from `Page.navigate` until a frame after the load event has been painted
  (the page is on screen and its script has run);
- drill-down: wall time until the first row, opened by the script, shows its answer;
- search: from typing a word into the search box until every answer has been searched (the
  answers are unpacked on the first search, not on load);
- main-thread time by kind (`Performance.getMetrics`): where the time goes.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "report"))

from cdp import Browser  # noqa: E402

from corpus import make_corpus  # noqa: E402

PAINTED = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"
"""Resolves once a frame has been produced after this call: the page is laid out and painted."""
OPEN_FIRST = "document.querySelector('details.row').open = true"
FIRST_SHOWN = "!!document.querySelector('details.row[open] .attempt')"
SEARCH = "const s = document.getElementById('f-text'); s.value = 'decoder'; s.dispatchEvent(new Event('input'))"
SEARCHED = "!document.getElementById('f-count').textContent.includes('searching')"
METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")


def build_page(folder: Path, count: int) -> Path:
    make_corpus(folder / "runs", count)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "hw7grade", "grade", "runs", "--html", "report.html"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    page = folder / "report.html"
    if not page.is_file():
        raise SystemExit(f"hw7grade grade failed ({done.returncode}):\n{done.stderr[-2000:]}")
    print(f"graded {count} transcripts in {time.perf_counter() - start:.1f} s")
    return page


def open_once(chromium: str, page: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="hw7grade-chromium-") as profile:
        browser = Browser(chromium, Path(profile))
        try:
            browser.page("Performance.enable")
            start = time.perf_counter()
            browser.open(page.as_uri())
            browser.js(PAINTED)
            painted = time.perf_counter() - start
            browser.js(OPEN_FIRST)
            browser.wait_for(FIRST_SHOWN, timeout=30)
            drill = time.perf_counter() - start
            metrics = {m["name"]: m["value"] for m in browser.page("Performance.getMetrics")["metrics"]}
            nodes = browser.js("document.getElementsByTagName('*').length")
            typed = time.perf_counter()
            browser.js(SEARCH)
            browser.wait_for(SEARCHED, timeout=60)
            search = time.perf_counter() - typed
            load = browser.js("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000
        finally:
            browser.close()
    return {"load": load, "painted": painted, "drill-down": drill, "search": search, "elements": nodes} | {
        name: metrics.get(name, 0.0) for name in METRICS
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1600, help="transcripts to grade into the page")
    parser.add_argument("--repeat", type=int, default=5, help="fresh Chromium runs (min/median/max)")
    parser.add_argument("--page", type=Path, help="measure this page instead of building one")
    parser.add_argument("--save", type=Path, help="keep a copy of the built page here (for --page later)")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="hw7grade-bench-") as tmp:
        page = args.page.resolve() if args.page else build_page(Path(tmp), args.count)
        if args.save:
            shutil.copyfile(page, args.save)
        size = page.stat().st_size
        print(f"page: {size / 1e6:.2f} MB ({size} bytes)")
        runs = []
        for i in range(args.repeat):
            run = open_once(chromium, page)
            runs.append(run)
            print(
                f"run {i + 1}: load {run['load']:.2f} s, painted {run['painted']:.2f} s, "
                f"drill-down {run['drill-down']:.2f} s, {run['elements']:.0f} elements, search {run['search']:.2f} s; "
                "main thread until the drill-down: "
                + ", ".join(f"{name.removesuffix('Duration').lower()} {run[name]:.2f} s" for name in METRICS)
            )
    for key in ("load", "painted", "drill-down", "search", *METRICS):
        values = sorted(r[key] for r in runs)
        label = key.removesuffix("Duration").lower()
        print(f"{label:>12}: min {values[0]:.2f} s  median {statistics.median(values):.2f} s  max {values[-1]:.2f} s")


if __name__ == "__main__":
    main()
