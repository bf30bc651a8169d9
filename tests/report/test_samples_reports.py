"""Repeated samples in every report: JSON `stats`, Markdown tables, the HTML chart with error bars,
and `compare` with intervals and the paired test."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.report.html import render_html
from hw7grade.report.json_file import read_json_report, write_json_report
from hw7grade.report.json_report import report_to_dict
from hw7grade.report.markdown import render_markdown
from hw7grade.report.samples import part_stats

from .factory import part, report, transcript


def samples(model: str, part_id: str, scores: list[float]):
    return [transcript(f"{model}-{part_id}-{i}.json", model, part(part_id, s)) for i, s in enumerate(scores)]


def two_models():
    return report(
        *samples("gpt-4o", "q7b", [3, 3, 0, 3, 3]),
        *samples("claude", "q7b", [3, 3, 3, 3, 3]),
        *samples("gpt-4o", "q7c", [0, 0, 3, 0, 0]),
        *samples("claude", "q7c", [3, 0, 3, 3, 0]),
    )


def test_single_samples_of_saved_chats_get_no_stats_section():
    one = report(transcript("a.json", "gpt-4o", part("q7b", 3)))
    assert "stats" not in report_to_dict(one) and "run" not in report_to_dict(one)
    assert "Per model and part" not in render_markdown(one)
    assert 'id="samples"' not in render_html(one)


def test_json_stats_round_trip_and_markdown_rows(tmp_path):
    r = replace(two_models(), run={"mode": "part", "samples": 5})
    path = tmp_path / "r.json"
    write_json_report(r, path)
    data = json.loads(path.read_text())
    assert data["run"] == {"mode": "part", "samples": 5}
    gpt = next(s for s in data["stats"] if (s["model"], s["part"]) == ("gpt-4o", "q7b"))
    assert (gpt["n"], gpt["correct"], gpt["share_correct_ci"]) == (5, 4, [0.3755, 0.9638])
    assert gpt["pass_at_k"] == {"1": 0.8, "2": 1.0, "5": 1.0}
    assert read_json_report(path).run == {"mode": "part", "samples": 5}
    md = render_markdown(r)
    assert "| gpt-4o | q7b | 5 | 80% [40%, 100%] | 4/5 [38%, 96%] | @2 100%, @5 100% | 4 correct, 1 incorrect |" in md


def test_html_chart_has_a_bar_and_a_wilson_error_bar_per_model_and_part():
    html = render_html(two_models())
    bars = re.findall(r'class="share-bar" data-model="([^"]+)" data-part="([^"]+)" data-share="([0-9.]+)"', html)
    assert bars == [
        ("gpt-4o", "q7b", "0.8000"),
        ("claude", "q7b", "1.0000"),
        ("gpt-4o", "q7c", "0.2000"),
        ("claude", "q7c", "0.6000"),
    ]
    whiskers = re.findall(r'class="error-bar" data-low="([0-9.]+)" data-high="([0-9.]+)"', html)
    assert whiskers[0] == ("0.3755", "0.9638") and whiskers[1] == ("0.5655", "1.0000")


def test_html_escapes_model_names_in_the_chart():
    evil = report(*samples("<script>x</script>", "q7b", [3, 0]))
    html = render_html(evil)
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_self_correction_counts_from_first_and_final_attempts():
    nudged = transcript("a", "m", part("q7b", 0, attempt="first"), part("q7b", 3))
    pushed = replace(transcript("b", "m", part("q7b", 3, attempt="first"), part("q7b", 0)), follow_ups=("push_back",))
    broken = replace(transcript("c", "m", part("q7b", 3, attempt="first"), part("q7b", 0)), follow_ups=("nudge",))
    [s] = part_stats(report(nudged, pushed, broken))
    assert (s.first_correct, s.correct, s.fixed, s.broke, s.caved) == (2, 1, 1, 1, 1)


def test_compare_shows_differences_with_intervals_and_a_paired_test(tmp_path):
    a = report(
        *samples("gpt-4o", "q7a", [3, 0, 0, 0]),
        *samples("gpt-4o", "q7b", [3, 3, 0, 3]),
        *samples("gpt-4o", "q7c", [0, 0, 0, 3]),
    )
    b = report(
        *samples("claude", "q7a", [3, 3, 3, 0]),
        *samples("claude", "q7b", [3, 3, 3, 3]),
        *samples("claude", "q7c", [3, 0, 3, 3]),
    )
    write_json_report(a, tmp_path / "a.json")
    write_json_report(b, tmp_path / "b.json")
    result = CliRunner().invoke(
        app,
        ["compare", str(tmp_path / "a.json"), str(tmp_path / "b.json")],
        env={"COLUMNS": "200"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    row = [
        c.strip()
        for c in next(line for line in result.output.splitlines() if "│ q7a " in line and "+50 pts" in line).split("│")
    ]
    assert row[1:7] == ["q7a", "4", "25%", "4", "75%", "+50 pts"]
    # all three parts improved by 50, 25, 50 points: 1 of 8 sign patterns each way -> p = 0.25
    assert "Paired over 3 part(s) asked in both: mean difference +42 pts" in result.output
    assert "sign-flip permutation test p = 0.25" in result.output


def test_stats_are_computed_once_per_report_and_anew_for_another(monkeypatch):
    from hw7grade.report import samples as samples_module

    calls = []
    real = samples_module._part_stats
    monkeypatch.setattr(samples_module, "_part_stats", lambda r: calls.append(r) or real(r))
    first = two_models()
    stats = part_stats(first)
    stats.pop()  # a caller's list is its own
    assert part_stats(first) == real(first) and len(calls) == 1
    other = report(*samples("gpt-4o", "q7b", [0, 0]))
    assert [(s.model, s.n, s.mean) for s in part_stats(other)] == [("gpt-4o", 2, 0.0)] and len(calls) == 2
