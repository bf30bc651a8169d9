"""One self-contained HTML page (`--html FILE`): a review tool for course staff.

A heatmap of models x parts, bar charts, a filterable list of every graded part with its answer,
evidence, checks and first vs final attempt, and review decisions saved as a labels file (see
`html_review`). Everything is inline (CSS, SVG, one script allowed by its hash), nothing is
fetched, and every piece of model or file text is escaped: the page is safe to open from a CI
artifact. Each model gets a bar chart of its mean score
fraction per part, final attempt (solid) over first attempt (thin grey), so a reader sees at a
glance where a model is weak and where follow-ups helped.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Iterator

from ..atomic import write_chunks_atomic
from ..results import PartScore, PartTotal, Report
from .agreement import LABELS, agreement, has_labels
from .baseline import BaselineComparison, fraction, score_fraction
from .compare import UNKNOWN_MODEL
from .explain import evidence_lines
from .html_review import CSS as REVIEW_CSS
from .html_review import DECISIONS_PANEL, SCRIPT, SCRIPT_HASH, STATIC_DRILLS_UP_TO_PARTS, ReviewList, filters, heatmap
from .mathml import CSS as MATHML_CSS
from .numbers import num

CHART_WIDTH = 640
LABEL_WIDTH = 80
BAR_WIDTH = 460
"""Pixels for a score fraction of 1.0."""
ROW_HEIGHT = 30
FINAL_BAR_HEIGHT = 14
FIRST_BAR_HEIGHT = 5
CHART_PADDING = 10

COLOR_FULL = "#2e7d32"
COLOR_PARTIAL = "#f9a825"
COLOR_LOW = "#c62828"
COLOR_FIRST = "#90a4ae"
COLOR_TRACK = "#eceff1"
LOW_FRACTION = 0.5
"""Final bars below this fraction are drawn red, between it and full marks amber."""

_CSS = f"""
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1rem 2rem; color: #212121; \
max-width: none; }}
h1 {{ margin-bottom: .2rem; }}
.summary {{ font-size: 1.1rem; color: #424242; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 1.5rem; }}
figure.chart {{ margin: 0; border: 1px solid #cfd8dc; border-radius: 6px; padding: .5rem; }}
figcaption {{ font-weight: 600; margin-bottom: .3rem; }}
svg text {{ font-size: 12px; fill: #37474f; }}
table {{ border-collapse: collapse; margin: .5rem 0 1.5rem; width: 100%; }}
th, td {{ border: 1px solid #cfd8dc; padding: .3rem .5rem; vertical-align: top; text-align: left; }}
th {{ background: #eceff1; }}
td.num {{ white-space: nowrap; }}
.v-correct {{ color: {COLOR_FULL}; font-weight: 600; }}
.v-partial {{ color: #b26a00; font-weight: 600; }}
.v-incorrect, .v-missing {{ color: {COLOR_LOW}; font-weight: 600; }}
.v-unscored {{ color: #00838f; font-weight: 600; }}
ul.evidence {{ margin: 0; padding-left: 1.1rem; font-size: .9rem; }}
.legend span {{ display: inline-block; margin-right: 1rem; }}
.swatch {{ display: inline-block; width: .9rem; height: .9rem; vertical-align: middle; margin-right: .3rem; }}
.error {{ color: {COLOR_LOW}; }}
"""


_CSP = f"default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _bar_color(value: float) -> str:
    if value >= 1.0 - 1e-9:
        return COLOR_FULL
    return COLOR_PARTIAL if value >= LOW_FRACTION else COLOR_LOW


def model_fractions(report: Report) -> dict[str, dict[str, tuple[float, float]]]:
    """model -> part id -> (mean first-attempt fraction, mean final fraction) over its transcripts.

    A part answered once has the same first and final attempt. Read from the summaries alone.
    """
    acc: dict[str, dict[str, list[tuple[float, float]]]] = {}
    for t in report.summaries:
        for final in t.finals:
            first = score_fraction(final.first_score, final.max_score)
            acc.setdefault(t.model or UNKNOWN_MODEL, {}).setdefault(final.id, []).append((first, fraction(final)))
    return {
        model: {
            part: (sum(a for a, _ in vals) / len(vals), sum(b for _, b in vals) / len(vals))
            for part, vals in parts.items()
        }
        for model, parts in acc.items()
    }


def render_chart(model: str, parts: dict[str, tuple[float, float]]) -> str:
    height = CHART_PADDING + ROW_HEIGHT * len(parts)
    out = [
        f'<svg class="chart" role="img" width="{CHART_WIDTH}" height="{height}" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'aria-label="Score by part for {_e(model)}">'
    ]
    for i, (part_id, (first, final)) in enumerate(parts.items()):
        y = CHART_PADDING + i * ROW_HEIGHT
        out.append(f'<text x="0" y="{y + FINAL_BAR_HEIGHT - 2}">{_e(part_id)}</text>')
        out.append(
            f'<rect class="track" x="{LABEL_WIDTH}" y="{y}" width="{BAR_WIDTH}" '
            f'height="{FINAL_BAR_HEIGHT}" fill="{COLOR_TRACK}"/>'
        )
        out.append(
            f'<rect class="bar final" data-part="{_e(part_id)}" data-attempt="final" data-fraction="{final:.4f}" '
            f'x="{LABEL_WIDTH}" y="{y}" width="{final * BAR_WIDTH:.1f}" height="{FINAL_BAR_HEIGHT}" '
            f'fill="{_bar_color(final)}"><title>{_e(part_id)} final: {_pct(final)}</title></rect>'
        )
        out.append(
            f'<rect class="bar first" data-part="{_e(part_id)}" data-attempt="first" data-fraction="{first:.4f}" '
            f'x="{LABEL_WIDTH}" y="{y + FINAL_BAR_HEIGHT + 2}" width="{first * BAR_WIDTH:.1f}" '
            f'height="{FIRST_BAR_HEIGHT}" fill="{COLOR_FIRST}"><title>{_e(part_id)} first: {_pct(first)}</title></rect>'
        )
        label = _pct(final) if abs(first - final) < 1e-9 else f"{_pct(final)} (first {_pct(first)})"
        out.append(f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{y + FINAL_BAR_HEIGHT - 2}">{_e(label)}</text>')
    out.append("</svg>")
    return "".join(out)


def _score_cell(part: PartScore | PartTotal | None) -> str:
    if part is None:
        return "–"
    return f'{num(part.score)}/{num(part.max_score)} <span class="v-{_e(part.verdict)}">{_e(part.verdict)}</span>'


def _evidence(part: PartScore) -> str:
    lines = evidence_lines(part)
    return '<ul class="evidence">' + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>"


def _baseline_section(cmp: BaselineComparison) -> str:
    changed = cmp.regressions + cmp.improvements
    counts = (
        f"{len(cmp.regressions)} regressed, {len(cmp.improvements)} improved, "
        f"{len(cmp.by_status('unchanged'))} unchanged, {len(cmp.by_status('new'))} new"
    )
    rows = "".join(
        f'<tr class="{d.status}"><td>{_e(d.status)}</td><td>{_e(d.path)}</td><td>{_e(d.part_id)}</td>'
        f"<td>{_score_cell(d.before)}</td><td>{_score_cell(d.after)}</td></tr>"
        for d in changed
    )
    table = (
        "<table><thead><tr><th>Change</th><th>Transcript</th><th>Part</th><th>Baseline</th><th>Now</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        if changed
        else ""
    )
    return f'<section id="baseline"><h2>Against the baseline</h2><p>{counts}.</p>{table}</section>'


def _agreement_section(report: Report) -> str:
    a = agreement(report)
    percent = _pct(a.percent) if a.percent is not None else "n/a"
    kappa = f"{a.kappa:.2f}" if a.kappa is not None else "undefined"
    matrix = a.matrix
    head = "".join(f"<th>human {_e(h)}</th>" for h in LABELS)
    body = "".join(
        f"<tr><th>grader {_e(g)}</th>" + "".join(f"<td>{matrix[g][h]}</td>" for h in LABELS) + "</tr>" for g in LABELS
    )
    dis = "".join(
        f"<tr><td>{_e(p.path)}</td><td>{_e(p.part_id)}</td><td>{_e(p.attempt)}</td>"
        f'<td class="v-{_e(p.grader)}">{_e(p.grader)}{" (no answer found)" if p.grader_missing else ""}</td><td '
        f'class="v-{_e(p.human)}">{_e(p.human)}</td>'
        f'<td><ul class="evidence">{"".join(f"<li>{_e(x)}</li>" for x in evidence_lines(p.part))}</ul></td></tr>'
        for p in a.disagreements
    )
    return (
        '<section id="agreement"><h2>Agreement with human labels</h2>'
        f"<p>{a.n} labelled answers: {percent} agreement, Cohen's kappa {kappa}"
        f"{f'; {len(a.unscored)} left out because the grader could not score them' if a.unscored else ''}.</p>"
        f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>"
        + (
            "<h3>Disagreements</h3><table><thead><tr><th>Transcript</th><th>Part</th><th>Attempt</th>"
            f"<th>Grader</th><th>Human</th><th>Grader's evidence</th></tr></thead><tbody>{dis}</tbody></table>"
            if dis
            else ""
        )
        + "</section>"
    )


def render_html(report: Report, baseline: BaselineComparison | None = None, title: str = "hw7grade report") -> str:
    return "".join(iter_html(report, baseline, title))


def iter_html(
    report: Report, baseline: BaselineComparison | None = None, title: str = "hw7grade report"
) -> Iterator[str]:
    """The page piece by piece: one piece per transcript, read back from the report one at a time."""
    score, maximum = report.totals()
    total = f"{num(score)} / {num(maximum)}" + (f" ({_pct(score / maximum)})" if maximum > 0 else "")
    charts = "".join(
        f'<figure class="chart" data-model="{_e(model)}"><figcaption>{_e(model)}</figcaption>'
        f"{render_chart(model, parts)}</figure>"
        for model, parts in model_fractions(report).items()
    )
    legend = (
        '<p class="legend">'
        f'<span><i class="swatch" style="background:{COLOR_FULL}"></i>final, full marks</span>'
        f'<span><i class="swatch" style="background:{COLOR_PARTIAL}"></i>final, at least half</span>'
        f'<span><i class="swatch" style="background:{COLOR_LOW}"></i>final, under half</span>'
        f'<span><i class="swatch" style="background:{COLOR_FIRST}"></i>first attempt</span></p>'
    )
    yield (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        # Nothing on the page may load from anywhere: it is a CI artifact holding model output.
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}{REVIEW_CSS}{MATHML_CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1>"
        f'<p class="summary">Total {total} over {len(report.summaries)} transcript(s), final attempts.</p>'
        + heatmap(report)
        + f'<section id="charts"><h2>Score by part</h2>{legend}<div class="charts">{charts}</div></section>'
    )
    from .samples_chart import html_stats_section

    yield html_stats_section(report)
    if baseline is not None:
        yield _baseline_section(baseline)
    if has_labels(report):
        yield _agreement_section(report)
    yield DECISIONS_PANEL
    parts = sum(len(t.finals) for t in report.summaries)
    review = ReviewList(static_drills=parts <= STATIC_DRILLS_UP_TO_PARTS)
    yield (
        f'<section id="transcripts"><h2>Parts</h2>{filters(report)}<div id="rows"></div>'
        '<p><button type="button" id="more" hidden></button></p><noscript>'
        + (
            ""
            if review.static_drills
            else '<p class="muted">With scripts on, each row opens on its answer and checks.</p>'
        )
    )
    for t in report.transcripts:
        yield review.add(t)
    yield "</noscript>" + "".join(review.errors) + "</section>" + review.data_block()
    yield f"<script>{SCRIPT}</script></body></html>\n"


def write_html(report: Report, path: Path, baseline: BaselineComparison | None = None) -> None:
    write_chunks_atomic(path, iter_html(report, baseline))


__all__ = ["iter_html", "model_fractions", "render_chart", "render_html", "write_html"]
