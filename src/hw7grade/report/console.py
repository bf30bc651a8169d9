"""The terminal report (rich): one table of parts per transcript, checks and evidence on --verbose."""

from __future__ import annotations

from typing import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..checks.base import Formula
from ..conversation import HumanLabel
from ..results import PartScore, PartTotal, Report, TranscriptResult, TranscriptSummary
from ..shorten import shorten
from .numbers import num, signed

EVIDENCE_CHARS = 90
"""Evidence is cut to this many characters in the terminal; the JSON report keeps it whole."""

_VERDICT_STYLE = {
    "correct": "green",
    "partial": "yellow",
    "incorrect": "red",
    "missing": "magenta",
    "unscored": "cyan",
}


DETAIL_MAX_TRANSCRIPTS = 20
"""Above this many conversations the terminal gets one summary row each (use --verbose for all
the per-part tables); the JSON, JUnit, Markdown and HTML reports always hold every part."""


def say(console: Console, text: str, *, end: str = "\n", soft_wrap: bool = True) -> None:
    """Print text as it is: no Rich markup or highlighting (it may hold model, file or server text)."""
    console.print(text, end=end, markup=False, highlight=False, soft_wrap=soft_wrap)


def render_report(report: Report, console: Console, verbose: bool = False, errors: bool = True) -> None:
    """The per-transcript tables (or the class summary), then `summary_line`. `errors=False` leaves
    unreadable inputs out, for a caller that reports each one on stderr itself."""
    if verbose or len(report.summaries) <= DETAIL_MAX_TRANSCRIPTS:
        for transcript in report.transcripts:
            if errors or not transcript.errors:
                _render_transcript(transcript, console, verbose)
    else:
        _render_summary(report, console, errors)
    if _may_have_stats(report):
        from .samples_text import render_stats

        render_stats(report, console)
    console.print(summary_line(report), highlight=False)


def _may_have_stats(report: Report) -> bool:
    """False when `render_stats` would show nothing (no run of `ask`, no part graded twice), told
    without computing the statistics or importing their modules (a one-file report)."""
    ids = [p.id for t in report.summaries for p in t.finals]
    return report.run is not None or len(set(ids)) < len(ids)


def summary_line(report: Report) -> str:
    """`N conversation(s) graded: S / M points (P%) on final attempts[; K input(s) could not be graded]`."""
    score, maximum = report.totals()
    graded = sum(not t.errors for t in report.summaries)
    line = f"{graded} conversation(s) graded"
    if maximum:
        line += f": {num(score)} / {num(maximum)} points ({score / maximum:.0%}) on final attempts"
    if report.unreadable:
        line += f"; {len(report.unreadable)} input(s) could not be graded"
    return line


SUMMARY_LOWEST = 10
"""How many of the lowest-scoring conversations the summary names."""
_VERDICTS = ("correct", "partial", "incorrect", "missing")


def _render_summary(report: Report, console: Console, errors: bool = True) -> None:
    """What a class-sized batch needs at a glance: per model, per part, and who scored lowest
    (from the summaries alone: full results are not read back)."""
    graded = [t for t in report.summaries if not t.errors]
    by_model: dict[str, list[TranscriptSummary]] = {}
    by_part: dict[str, list[PartTotal]] = {}
    for t in graded:
        by_model.setdefault(t.model or "(unknown model)", []).append(t)
        for p in t.finals:
            by_part.setdefault(p.id, []).append(p)
    models = _counts_table("Models (final attempts)", "model", "conversations")
    for model, transcripts in by_model.items():
        finals = [p for t in transcripts for p in t.finals]
        models.add_row(escape(model), str(len(transcripts)), _fraction(finals), *_verdict_counts(finals))
    console.print(models)
    parts = _counts_table("Parts (final attempts)", "part", "answered")
    for part_id, scores in by_part.items():
        mean = f"{num(sum(p.score for p in scores) / len(scores))}/{num(scores[0].max_score)}"
        parts.add_row(part_id, str(len(scores)), mean, *_verdict_counts(scores))
    console.print(parts)
    lowest = sorted(graded, key=lambda t: (_ratio(t.finals), t.path))[:SUMMARY_LOWEST]
    if lowest:
        console.print(f"Lowest-scoring conversations ({len(lowest)} of {len(graded)}):")
        for t in lowest:
            console.print(f"  {escape(t.path)} ({escape(t.model or '?')}): {_fraction(t.finals)}", highlight=False)
    for t in report.unreadable if errors else ():
        console.print(f"[red]✗[/red] {escape(t.path)}: {escape('; '.join(t.errors))}")
    console.print("(a table per conversation: --verbose; every part is in --json/--html/--junit)")


def _counts_table(title: str, key: str, count: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(key)
    for column in (count, "score", *_VERDICTS):
        table.add_column(column, justify="right")
    return table


def _verdict_counts(parts: list[PartTotal]) -> list[str]:
    return [str(sum(p.verdict == v for p in parts)) for v in _VERDICTS]


def _ratio(parts: Sequence[PartTotal]) -> float:
    maximum = sum(p.max_score for p in parts)
    return sum(p.score for p in parts) / maximum if maximum else 0.0


def _fraction(parts: Sequence[PartTotal]) -> str:
    return f"{num(sum(p.score for p in parts))}/{num(sum(p.max_score for p in parts))}"


def _render_transcript(t: TranscriptResult, console: Console, verbose: bool) -> None:
    title = f"{t.path}" + (f" — {t.model}" if t.model else "") + (f" ({t.title})" if t.title else "")
    if verbose and t.format:
        title += f" [format: {t.format}]"
    if t.errors:
        for error in t.errors:
            console.print(f"[red]✗[/red] {escape(title)}: {escape(error)}")
        return
    has_labels = bool(t.human_labels)
    # The title on a line of its own: a table title wraps at the table's width, cutting long paths
    # and model names in two.
    console.print(f"[italic]{escape(title)}[/italic]", soft_wrap=True, highlight=False)
    table = Table(show_lines=False, expand=False)
    table.add_column("part")
    table.add_column("first", justify="right")
    table.add_column("final", justify="right")
    table.add_column("verdict")
    judged = [p for p in t.parts if p.judge is not None]
    if judged:
        table.add_column("judge", justify="right")
    if has_labels:
        table.add_column("human")
    table.add_column("reason", overflow="fold")
    for part_id in dict.fromkeys(p.id for p in t.parts):
        first, final = t.attempt(part_id, "first"), t.attempt(part_id, "final")
        # Reports read back from JSON may hold one attempt only.
        first, final = first or final, final or first
        assert first is not None and final is not None
        row = [
            part_id,
            _points(first),
            _points(final),
            _verdict(first, final),
        ]
        if judged:
            row.append(_judge_cell(final))
        if has_labels:
            row.append(_human(t.human_labels.get(part_id), first, final))
        row.append(escape(final.reason))
        table.add_row(*row)
    console.print(table)
    if judged:
        _render_judge_notes(t, console)
    if verbose:
        for part in t.parts:
            first = t.attempt(part.id, "first")
            if part.attempt == "final" and first is not None and first.turn == part.turn:
                continue  # answered once: the first attempt's checks are the same
            _render_checks(part, console)


def _render_checks(part: PartScore, console: Console) -> None:
    console.print(f"  [bold]{part.id}[/bold] ({part.attempt} attempt, turn {part.turn})")
    for c in part.checks:
        mark = {"passed": "[green]✓[/green]", "failed": "[red]✗[/red]", "unscored": "[cyan]?[/cyan]"}[c.status]
        cap = f", caps the part at {num(c.cap)}" if c.cap is not None else ""
        console.print(f"    {mark} {escape(c.name)}: {num(c.points)}/{num(c.max_points)}{cap}  {escape(c.message)}")
        if c.evidence:
            console.print(f"        evidence: [dim]{escape(_clip(c.evidence))}[/dim]")
        if c.formulas:
            _render_formulas(c.formulas, console)
    if part.judge is not None:
        console.print(
            f"    judge {escape(part.judge.model)}: {part.judge.status}"
            + (f" ({escape(part.judge.reason)})" if part.judge.reason else "")
        )
        for s in part.judge.criteria:
            mark = "[green]●[/green]" if s.status == "scored" else "[cyan]?[/cyan]"
            console.print(
                f"      {mark} {escape(s.name)} ({escape(s.check)}): {num(s.points)}/{num(s.max_points)}  "
                f"{escape(s.reason)}"
            )
            if s.evidence:
                console.print(f"          quote: [dim]{escape(_clip(s.evidence))}[/dim]")


def _render_formulas(formulas: Sequence[Formula], console: Console) -> None:
    """Expected, found and the difference in sympy's pretty printer (ASCII when the stream cannot
    encode it), with the explanation of a miss, computed now (see `algebra.forms`)."""
    from .pretty import can_show_unicode, formula_lines

    unicode = can_show_unicode(console.file)
    for formula in formulas:
        for line in formula_lines(formula, unicode):
            say(console, "        " + line, soft_wrap=True)


def _judge_cell(part: PartScore) -> str:
    j = part.judge
    if j is None:
        return ""
    if j.status == "unscored":
        return "[cyan]unscored[/cyan]"
    text = f"{num(j.points)}/{num(j.max_points)}" + (" (partly)" if j.status == "partial" else "")
    return text + (" [bold]counted[/bold]" if j.filled else "")


def _render_judge_notes(t: TranscriptResult, console: Console) -> None:
    """Who judged, what its points did to the score, and where it disagrees with a decided check."""
    finals = [p for p in t.finals if p.judge is not None]
    models = ", ".join(dict.fromkeys(p.judge.model for p in finals if p.judge))
    counted = [f"{p.id} {signed(p.judge.judge_points)}" for p in finals if p.judge and p.judge.filled]
    line = f"Judge {models}: " + (
        f"points counted where checks could not decide: {', '.join(counted)}"
        if counted
        else "second opinion only; every judged check decided on its own"
    )
    console.print(escape(line), highlight=False)
    for p in t.parts:
        j = p.judge
        if j is None:
            continue
        first = t.attempt(p.id, "first")
        if p.attempt == "final" and first is not None and first.turn == p.turn:
            continue  # answered once: listed with the first attempt
        if j.status == "unscored":
            console.print(f"  {p.id} ({p.attempt}): judge unscored — {escape(j.reason)}", highlight=False)
        for d in j.disagreements:
            quote = f' — judge quotes "{escape(_clip(d.judge_evidence))}"' if d.judge_evidence else ""
            console.print(
                f"  [yellow]disagreement[/yellow] {p.id} ({p.attempt}) {escape(d.summary)}{quote}", highlight=False
            )


def _points(p: PartScore) -> str:
    return f"{num(p.score)}/{num(p.max_score)}"


def _verdict(first: PartScore, final: PartScore) -> str:
    style = _VERDICT_STYLE.get(final.verdict, "")
    text = final.verdict if first.verdict == final.verdict else f"{first.verdict} → {final.verdict}"
    if not final.complete and final.verdict != "unscored":
        text += " (incomplete)"
    return f"[{style}]{text}[/{style}]"


def _human(label: HumanLabel | None, first: PartScore, final: PartScore) -> str:
    if label is None or (label.first is None and label.final is None):
        return ""
    parts = []
    for mine, theirs in ((first, label.first), (final, label.final)):
        if theirs is None:
            continue
        agrees = mine.verdict == theirs or mine.verdict == "unscored"
        parts.append(theirs if agrees else f"[bold red]{theirs} ≠[/bold red]")
    if label.first == label.final and len(parts) == 2 and parts[0] == parts[1]:
        parts = parts[:1]
    return " → ".join(parts)


def _clip(text: str) -> str:
    return shorten(text, EVIDENCE_CHARS)
