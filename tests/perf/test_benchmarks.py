"""The benchmark scripts still run and print what benchmarks/README.md quotes (tiny sizes here:
the figures themselves come from full runs, not from tests)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _run(script: str, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_grade_batch_compares_parallel_with_serial_and_fits_the_scaling():
    out = _run("grade_batch.py", "--count", "6", "--repeat", "1", "--jobs", "2", "--scaling", "3,6")
    assert "JSON reports identical (parallel == serial, every run, byte for byte): True" in out
    assert "peak RSS main" in out and "least-squares fit" in out


def test_profile_batch_lists_shares_of_the_time():
    out = _run("profile_batch.py", "--count", "3", "--top", "5")
    lines = out.splitlines()
    assert lines[0].startswith("3 transcripts in") and lines[1].split()[:2] == ["own", "%"]
    assert len(lines) == 2 + 5 and all(line.strip()[0].isdigit() for line in lines[2:])


def test_big_export_streams_a_whole_export_and_names_the_damaged_chat():
    out = _run("big_export.py", "--mb", "0.5")
    assert "exit code 2 (2: the damaged entry is named)" in out and "peak RSS:" in out
    assert "MB/s" in _run("big_export.py", "--mb", "0.5", "--zip", "--read-only")


@pytest.mark.parametrize(
    "script, args, expected",
    [
        ("startup.py", ("--repeat", "1"), "hw7grade --help"),
        ("math_equiv.py", ("--repeat", "3"), "per math check over these answers"),
        (
            "judge_throughput.py",
            ("--count", "3", "--repeat", "1", "--concurrency", "4", "--latency", "0.01", "--jobs", "1"),
            "x ideal (median)",
        ),
        ("ask_latency.py", ("--repeat", "1"), "first token, hw7grade / bare SDK"),
        (
            "stalled_batch.py",
            ("--count", "4", "--repeat", "1", "--time-limit", "5", "--jobs", "1"),
            "cost of the stall",
        ),
    ],
)
def test_other_benchmarks_print_their_figures(script, args, expected):
    assert expected in _run(script, *args)


@pytest.mark.skipif(
    shutil.which("chromium") is None and shutil.which("chromium-browser") is None, reason="chromium is not installed"
)
def test_html_report_opens_the_page_and_prints_min_median_max():
    out = _run("html_report.py", "--count", "4", "--repeat", "1")
    assert "page: " in out and "MB" in out
    for label in ("load", "painted", "drill-down", "search"):
        assert f"{label}: min " in out
