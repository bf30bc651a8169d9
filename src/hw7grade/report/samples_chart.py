"""One SVG chart for the HTML report: per-part share correct with 95% Wilson error bars, one bar per
model. A function of the stats alone, kept apart from the page layout (`html.py`)."""

from __future__ import annotations

from html import escape

from .samples import PartStats, pct

LABEL_W, PLOT_W, BAR_H, GAP, PAD = 80, 320, 12, 8, 24
PALETTE = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#9d755d", "#e45756")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def accuracy_chart(stats: list[PartStats]) -> str:
    """`<svg>`: for each part, each model's share correct as a bar and its interval as a whisker."""
    parts = list(dict.fromkeys(s.part_id for s in stats))
    models = list(dict.fromkeys(s.model for s in stats))
    by_key = {(s.part_id, s.model): s for s in stats}
    group_h = len(models) * BAR_H + GAP
    height = PAD * 2 + len(parts) * group_h
    width = LABEL_W + PLOT_W + 60
    out = [
        f'<svg class="accuracy" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'xmlns="http://www.w3.org/2000/svg" aria-label="Share correct by part, with 95% intervals">'
    ]
    for i, part in enumerate(parts):
        top = PAD + i * group_h
        out.append(f'<text x="0" y="{top + BAR_H}">{_e(part)}</text>')
        for j, model in enumerate(models):
            s = by_key.get((part, model))
            if s is None:
                continue
            y = top + j * BAR_H
            low, high = s.correct_ci
            x = lambda v: LABEL_W + v * PLOT_W  # noqa: E731 - a scale, read once per bar
            colour = PALETTE[j % len(PALETTE)]
            out.append(
                f'<rect class="share-bar" data-model="{_e(model)}" data-part="{_e(part)}" '
                f'data-share="{s.share_correct:.4f}" '
                f'x="{LABEL_W}" y="{y + 1}" width="{s.share_correct * PLOT_W:.1f}" height="{BAR_H - 2}" '
                f'fill="{colour}">'
                f"<title>{_e(model)} {_e(part)}: {s.correct}/{s.n} correct, 95% CI "
                f"{pct(low)}–{pct(high)}</title></rect>"
            )
            mid = y + BAR_H / 2
            out.append(
                f'<path class="error-bar" data-low="{low:.4f}" data-high="{high:.4f}" stroke="#222" fill="none" '
                f'd="M{x(low):.1f},{mid - 3:.1f}v6M{x(low):.1f},{mid:.1f}'
                f'H{x(high):.1f}M{x(high):.1f},{mid - 3:.1f}v6"/>'
            )
    legend_y = height - 6
    for j, model in enumerate(models):
        out.append(
            f'<text x="{LABEL_W + j * 110}" y="{legend_y}" fill="{PALETTE[j % len(PALETTE)]}">■ {_e(model)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def html_stats_section(report) -> str:
    """The HTML report's section for repeated samples: the chart and the figures ("" when not wanted)."""
    from .samples import has_follow_ups, part_stats
    from .samples_text import SELF_HEADERS, STATS_HEADERS, self_row, stats_row, wanted

    stats = part_stats(report)
    if not wanted(report, stats):
        return ""

    def table(headers, rows) -> str:
        head = "".join(f"<th>{_e(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    parts = [
        '<section id="samples"><h2>Per model and part (95% intervals)</h2>',
        accuracy_chart(stats),
        table(STATS_HEADERS, [stats_row(s) for s in stats]),
    ]
    if has_follow_ups(stats):
        parts += [
            "<h3>Self-correction (first vs final attempt)</h3>",
            table(SELF_HEADERS, [self_row(s) for s in stats]),
        ]
    return "".join(parts) + "</section>"
