"""A Markdown summary (`--markdown FILE`) short enough for a pull-request comment.

Totals, one row per transcript, a part x model table, and, when given, the judge's second opinion,
the baseline comparison and the agreement with human labels. Details stay in the HTML/JSON reports.
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_text_atomic
from ..regexes import regex
from ..results import Report
from ..shorten import shorten
from ..text.injection import FLAG_PREFIX
from .agreement import agreement, has_labels
from .baseline import BaselineComparison, PartDelta, fraction
from .compare import UNKNOWN_MODEL
from .explain import judge_note
from .numbers import num

MAX_REASON_CHARS = 160
"""Reasons longer than this are cut in table cells; the HTML report has them whole."""


VERDICTS = ("correct", "partial", "incorrect", "missing", "unscored")


_ZWSP = "\u200b"
_INERT = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",  # no HTML: images, <details open>, comments
        "|": "\\|",  # no new table cell
        "[": "\\[",
        "]": "\\]",
        "`": "\\`",
        "\\": "\\\\",  # no link, image or code span
        "@": "@" + _ZWSP,  # no @user / @org/team mention
    }
)
_AUTOLINK = regex(r"(?i)(https?|ftp):(?=//)|(www)(?=\.)")
"""GitHub links bare URLs and www. names; a zero-width space after the scheme or www stops it."""


def _cut(text: str) -> str:
    return shorten(text, MAX_REASON_CHARS)


def _cell(text: str) -> str:
    """Untrusted text (model names, reasons, quotes, errors) as an inert table cell: shown as
    written, but no HTML, link, image, mention or extra column."""
    return _AUTOLINK.sub(lambda m: m.group(0) + _ZWSP, _cut(text).translate(_INERT))


def _code(text: str) -> str:
    """A path as a code span: nothing inside renders, only `|` (table) and backticks need care."""
    return "`" + _cut(text).replace("`", "'").replace("|", "\\|") + "`"


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def render_markdown(report: Report, baseline: BaselineComparison | None = None) -> str:
    score, maximum = report.totals()
    overall = f" ({_pct(score / maximum)})" if maximum > 0 else ""
    lines = [f"## hw7grade: {num(score)} / {num(maximum)}{overall}", ""]

    rows = []
    for t in report.summaries:
        if t.errors:
            rows.append([_code(t.path), _cell(t.model or ""), "unreadable", "", "", "", "", ""])
            continue
        s = sum(p.score for p in t.finals)
        m = sum(p.max_score for p in t.finals)
        counts = [sum(1 for p in t.finals if p.verdict == v) for v in VERDICTS]
        rows.append([_code(t.path), _cell(t.model or ""), f"{num(s)}/{num(m)}"] + [str(c) for c in counts])
    lines += _table(["Transcript", "Model", "Score", *(v.capitalize() for v in VERDICTS)], rows)

    lines += ["", *_part_by_model(report)]
    from .samples_text import markdown_stats

    stats = markdown_stats(report, _table, _cell)
    if stats:
        lines += ["", *stats]

    judged = []
    if any(t.judged for t in report.summaries):
        judged = [(t, p) for t in report.transcripts for p in t.finals if p.judge is not None]
    if judged:
        lines += [
            "",
            "### Judge (second opinion)",
            "",
            *_table(
                ["Transcript", "Part", "Score", "Judge"],
                [
                    [_code(t.path), p.id, f"{num(p.score)}/{num(p.max_score)}", _cell(judge_note(p) or "")]
                    for t, p in judged
                ],
            ),
        ]
    if baseline is not None:
        lines += ["", *_baseline_section(baseline)]
    if has_labels(report):
        lines += ["", *_agreement_section(report)]
    flagged = [(t, p) for t in report.summaries for p in t.finals if p.reason.startswith(FLAG_PREFIX)]
    if flagged:
        lines += [
            "",
            "### Text aimed at the grader",
            "",
            *_table(
                ["Transcript", "Part", "Score", "Flag"],
                [[_code(t.path), p.id, f"{num(p.score)}/{num(p.max_score)}", _cell(p.reason)] for t, p in flagged],
            ),
        ]
    unreadable = report.unreadable
    if unreadable:
        lines += ["", "### Unreadable inputs", ""]
        lines += [f"- {_code(t.path)}: {_cell('; '.join(t.errors))}" for t in unreadable]
    return "\n".join(lines) + "\n"


def _part_by_model(report: Report) -> list[str]:
    cells: dict[tuple[str, str], list[float]] = {}
    for t in report.summaries:
        for p in t.finals:
            cells.setdefault((p.id, t.model or UNKNOWN_MODEL), []).append(fraction(p))
    if not cells:
        return []
    parts = list(dict.fromkeys(k[0] for k in cells))
    models = list(dict.fromkeys(k[1] for k in cells))
    rows = [
        [part] + [(_pct(sum(v) / len(v)) if (v := cells.get((part, m))) else "–") for m in models] for part in parts
    ]
    return [
        "<details><summary>Score by part (final attempts)</summary>",
        "",
        *_table(["Part", *(_cell(m) for m in models)], rows),
        "",
        "</details>",
    ]


def _delta_row(d: PartDelta) -> list[str]:
    before = f"{num(d.before.score)}/{num(d.before.max_score)}" if d.before else "–"
    arrow = "🔻" if d.status == "regressed" else "🔺"
    after = f"{num(d.after.score)}/{num(d.after.max_score)}"
    return [f"{arrow} {_code(d.path)}", d.part_id, before, after, _cell(d.after.reason)]


def _baseline_section(cmp: BaselineComparison) -> list[str]:
    regressed, improved = cmp.regressions, cmp.improvements
    unchanged, new = cmp.by_status("unchanged"), cmp.by_status("new")
    head = "### Against the baseline"
    summary = (
        f"**{len(regressed)} regressed**, {len(improved)} improved, {len(unchanged)} unchanged"
        f"{f', {len(new)} new' if new else ''}."
    )
    lines = [head, "", summary]
    changed = regressed + improved
    if changed:
        lines += [
            "",
            *_table(
                ["Transcript", "Part", "Baseline", "Now", "Reason"],
                [_delta_row(d) for d in changed],
            ),
        ]
    return lines


def _agreement_section(report: Report) -> list[str]:
    a = agreement(report)
    percent = _pct(a.percent) if a.percent is not None else "n/a"
    kappa = f"{a.kappa:.2f}" if a.kappa is not None else "undefined"
    lines = [
        "### Agreement with human labels",
        "",
        f"{a.n} labelled answers: {percent} agreement, Cohen's kappa {kappa}, "
        f"{len(a.disagreements)} disagreement(s)"
        f"{f', {len(a.unscored)} left out (grader could not score them)' if a.unscored else ''}.",
    ]
    if a.disagreements:
        lines += [
            "",
            *_table(
                ["Transcript", "Part", "Attempt", "Grader", "Human"],
                [
                    [
                        _code(p.path),
                        p.part_id,
                        p.attempt,
                        p.grader + (" (no answer found)" if p.grader_missing else ""),
                        p.human,
                    ]
                    for p in a.disagreements
                ],
            ),
        ]
    return lines


def write_markdown(report: Report, path: Path, baseline: BaselineComparison | None = None) -> None:
    write_text_atomic(path, render_markdown(report, baseline))


__all__ = ["render_markdown", "write_markdown"]
