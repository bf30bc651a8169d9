"""What `grade` does once the report is built: extra report files, terminal sections, CI gates.

Kept out of the command so the command stays a thin shell: `emit_outputs` writes every requested
file, prints the baseline table and the agreement section, and returns the gate's exit status
(1 when a part regressed or the score is under `--fail-under`, else 0; 2 when a file could not be
written: each is attempted and each failure named). Unreadable inputs (exit 2) are the caller's to
report; they outrank the gates.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import OutputError
from ..results import PartScore, PartTotal, Report
from .agreement import LABELS, Agreement, agreement, has_labels
from .baseline import SCORE_EPSILON, BaselineComparison, PartDelta, Status, compare_with_baseline
from .console import say
from .explain import evidence_lines
from .numbers import num

GATE_FAILED = 1
STATUS_ORDER: tuple[Status, ...] = ("regressed", "improved", "new", "unchanged")
WRITE_FAILED = 2
"""A report file could not be written: like an unreadable input, it outranks the gates."""
_STATUS_STYLE = {"regressed": "red", "improved": "green", "new": "cyan", "unchanged": "dim"}


@dataclass(frozen=True)
class OutputOptions:
    json: Path | None = None
    junit: Path | None = None
    markdown: Path | None = None
    html: Path | None = None
    gradescope: Path | None = None
    baseline: Report | None = None
    """Read before grading starts, so a bad --baseline fails fast."""
    fail_under: float | None = None
    known_parts: frozenset[str] | None = None
    """The rubric's part ids: human labels for other parts are warned about and left out of the
    terminal's agreement section (the files keep everything)."""


def emit_outputs(report: Report, options: OutputOptions, console: Console, err: Console) -> int:
    comparison = None
    if options.baseline is not None:
        comparison = compare_with_baseline(report, options.baseline)
    failures = _write_files(report, options, comparison)
    for failure in failures:
        err.print(f"Error: {failure}", markup=False, highlight=False, soft_wrap=True)
    if has_labels(report):
        render_agreement(agreement(report), console, options.known_parts, err)
    status = 0
    if comparison is not None:
        render_baseline(comparison, console)
        if comparison.regressions:
            names = ", ".join(
                f"{d.path} {d.part_id} ({_score(d.before)} -> {_score(d.after)})" for d in comparison.regressions
            )
            say(
                err,
                f"Gate: {len(comparison.regressions)} part(s) regressed against the baseline: {names}",
                soft_wrap=False,
            )
            status = GATE_FAILED
    if options.fail_under is not None:
        message = fail_under_message(report, options.fail_under)
        if message:
            say(err, f"Gate: {message}", soft_wrap=False)
            status = GATE_FAILED
    return WRITE_FAILED if failures else status


def fail_under_message(report: Report, threshold: float) -> str | None:
    """Why the overall score fails `--fail-under`, or None when it passes. A sum of partial
    credits (0.7 + 0.1 is 0.7999999999999999) that misses the threshold only by float noise passes."""
    score, maximum = report.totals()
    if maximum <= 0:
        return f"no part was graded, so the score cannot reach --fail-under {num(threshold)}"
    if score / maximum < threshold - SCORE_EPSILON:
        return (
            f"overall score {num(score)}/{num(maximum)} ({score / maximum:.1%}) is below --fail-under {num(threshold)}"
        )
    return None


def _write_files(report: Report, options: OutputOptions, comparison: BaselineComparison | None) -> list[str]:
    """Every requested file is attempted; returns one message per file that could not be written."""
    failures = []
    for path, write in _writers(report, options, comparison):
        try:
            write(path)
        except OutputError as exc:
            failures.append(str(exc))
    return failures


def _writers(report: Report, options: OutputOptions, comparison: BaselineComparison | None):
    if options.json:
        from .json_file import write_json_report

        yield options.json, lambda path: write_json_report(report, path)
    if options.junit:
        from .junit import write_junit

        yield options.junit, lambda path: write_junit(report, path)
    if options.markdown:
        from .markdown import write_markdown

        yield options.markdown, lambda path: write_markdown(report, path, comparison)
    if options.html:
        from .html import write_html

        yield options.html, lambda path: write_html(report, path, comparison)
    if options.gradescope:
        from .gradescope import write_gradescope

        yield options.gradescope, lambda path: write_gradescope(report, path)


def output_paths(options: OutputOptions) -> list[Path]:
    return [p for p in (options.json, options.junit, options.markdown, options.html, options.gradescope) if p]


def check_outputs(paths: Sequence[Path], inputs: Sequence[Path]) -> list[str]:
    """Before any grading: why each output that cannot be written (a device, FIFO or folder, a
    path under a file, one of the inputs) would fail; empty when all can be tried."""
    from ..atomic import check_output_path

    input_ids = {_file_id(p) for p in inputs} - {None}
    problems = []
    for path in paths:
        try:
            target = check_output_path(path)
        except OutputError as exc:
            problems.append(str(exc))
            continue
        if _file_id(target) in input_ids:
            problems.append(f"Cannot write {path}: it is one of the transcripts being graded; pick another file.")
    return problems


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _score(part: PartScore | PartTotal | None) -> str:
    return "–" if part is None else f"{num(part.score)}/{num(part.max_score)}"


BASELINE_MAX_ROWS = 40
"""Above this many compared parts the terminal lists only those that changed score."""


def render_baseline(comparison: BaselineComparison, console: Console) -> None:
    table = Table(title="Against the baseline", title_justify="left")
    for column in ("change", "transcript", "part", "baseline", "now", "matched by"):
        table.add_column(column)
    ordered: list[PartDelta] = sorted(comparison.deltas, key=lambda d: STATUS_ORDER.index(d.status))
    if len(ordered) > BASELINE_MAX_ROWS:
        ordered = comparison.regressions + comparison.improvements
    for d in ordered:
        style = _STATUS_STYLE[d.status]
        table.add_row(
            f"[{style}]{d.status}[/{style}]",
            escape(d.path),
            d.part_id,
            _score(d.before),
            _score(d.after),
            d.matched_by if d.before is not None else "",
        )
    if ordered:
        console.print(table)
    counts = ", ".join(f"{len(comparison.by_status(s))} {s}" for s in STATUS_ORDER)
    extra = f"; {len(comparison.baseline_only)} baseline part(s) not in this run" if comparison.baseline_only else ""
    shown = "" if len(ordered) == len(comparison.deltas) else " (only the parts whose score changed are listed)"
    console.print(f"Baseline: {counts}{extra}{shown}", highlight=False)


AGREEMENT_MAX_ROWS = 40
"""Above this many labelled answers (or disagreements, or parts) the terminal lists this many, the
disagreements and unscored ones first; the report files keep every one."""
UNKNOWN_SHOWN = 10


def render_agreement(
    a: Agreement, console: Console, known_parts: frozenset[str] | None = None, err: Console | None = None
) -> None:
    """Per part: grader beside human; then the confusion matrix, the statistics, the disagreements."""
    if known_parts is not None:
        unknown = [p for p in a.pairs if p.part_id not in known_parts]
        if unknown:
            ids = list(dict.fromkeys(p.part_id for p in unknown))
            more = f" and {len(ids) - UNKNOWN_SHOWN} more" if len(ids) > UNKNOWN_SHOWN else ""
            files = len({p.path for p in unknown})
            (err or console).print(
                f"Warning: {len(unknown)} human label(s) in {files} transcript(s) name parts the rubric lacks "
                f"({', '.join(ids[:UNKNOWN_SHOWN])}{more}); they are left out of the agreement.",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            a = Agreement(tuple(p for p in a.pairs if p.part_id in known_parts))
    table = Table(title="Grader vs human labels", title_justify="left")
    for column in ("transcript", "part", "attempt", "grader", "human", ""):
        table.add_column(column)
    rows = list(a.pairs)
    if len(rows) > AGREEMENT_MAX_ROWS:
        rows = sorted(rows, key=lambda p: p.scored and p.agrees)[:AGREEMENT_MAX_ROWS]  # stable: input order kept
    for p in rows:
        mark = "[cyan]?[/cyan]" if not p.scored else ("[green]✓[/green]" if p.agrees else "[red]✗[/red]")
        grader = p.grader + (" (no answer found)" if p.grader_missing else "")
        table.add_row(escape(p.path), p.part_id, p.attempt, grader, p.human, mark)
    console.print(table)
    if len(rows) < len(a.pairs):
        console.print(
            f"(the first {len(rows)} of {len(a.pairs)} labelled answers, disagreements first; the report "
            "files list all)",
            highlight=False,
        )

    matrix = Table(title="Confusion matrix (rows: grader, columns: human)", title_justify="left")
    matrix.add_column("")
    for h in LABELS:
        matrix.add_column(f"human {h}", justify="right")
    for g in LABELS:
        matrix.add_row(f"grader {g}", *(str(a.matrix[g][h]) for h in LABELS))
    console.print(matrix)

    percent = f"{a.percent:.0%}" if a.percent is not None else "n/a"
    kappa = f"{a.kappa:.2f}" if a.kappa is not None else "undefined"
    console.print(f"Agreement: {a.n} labelled answer(s), {percent} agreement, Cohen's kappa {kappa}", highlight=False)
    per_part = [f"{pid} {sub.percent:.0%} ({sub.n})" for pid, sub in a.by_part().items() if sub.percent is not None]
    if per_part:
        more = f", and {len(per_part) - AGREEMENT_MAX_ROWS} more part(s)" if len(per_part) > AGREEMENT_MAX_ROWS else ""
        console.print("Per part: " + ", ".join(per_part[:AGREEMENT_MAX_ROWS]) + more, highlight=False)
    if a.unscored:
        console.print(f"{len(a.unscored)} labelled answer(s) left out: the grader could not score them.")
    if a.disagreements:
        console.print(
            f"[bold]Disagreements ({len(a.disagreements)})[/bold] — the grader's evidence, to decide who is right:"
        )
        for p in a.disagreements[:AGREEMENT_MAX_ROWS]:
            console.print(
                f"- {escape(p.path)} {p.part_id} ({p.attempt}): grader {p.grader}, human {p.human}", highlight=False
            )
            for line in evidence_lines(p.part):
                console.print(f"    {escape(line)}", highlight=False)
        if len(a.disagreements) > AGREEMENT_MAX_ROWS:
            console.print(
                f"... and {len(a.disagreements) - AGREEMENT_MAX_ROWS} more disagreement(s) in the report files.",
                highlight=False,
            )


def _stats(a: Agreement) -> str:
    if a.n == 0:
        return "n/a (0)"
    kappa = f"{a.kappa:.2f}" if a.kappa is not None else "undef."
    return f"{a.percent:.0%} κ {kappa} ({a.n})"


def render_calibration(c, judge_model: str, console: Console) -> None:
    """The judge beside the checks on the parts it may score, per part and overall (`agree --judge`)."""
    table = Table(title=f"Judge calibration: {judge_model} on the parts it may score", title_justify="left")
    for column in ("part", "checks alone", "judge alone", "checks + judge"):
        table.add_column(column, justify="left" if column == "part" else "right")
    for pid in c.part_ids:
        table.add_row(pid, *(_stats(a.for_part(pid)) for a in (c.checks, c.judge, c.combined)))
    table.add_row("all", *(_stats(a) for a in (c.checks, c.judge, c.combined)), style="bold")
    console.print(table)
    console.print(
        "Cells: agreement with the human labels, Cohen's kappa, (labelled answers compared).", highlight=False
    )
    matrix = Table(title="Judge alone: confusion matrix (rows: judge, columns: human)", title_justify="left")
    matrix.add_column("")
    for h in LABELS:
        matrix.add_column(f"human {h}", justify="right")
    for g in LABELS:
        matrix.add_row(f"judge {g}", *(str(c.judge.matrix[g][h]) for h in LABELS))
    console.print(matrix)
    if c.judge.unscored:
        console.print(
            f"{len(c.judge.unscored)} labelled answer(s) the judge could not score are left out of its column."
        )
    if c.disagreements:
        console.print(
            f"[bold]Judge vs checks ({len(c.disagreements)})[/bold] — the checks decided with evidence and stand:"
        )
        for path, part, d in c.disagreements:
            console.print(f"- {escape(path)} {part.id} ({part.attempt}): {escape(d.summary)}", highlight=False)
            if d.deterministic_evidence:
                console.print(f'    checks found: "{escape(d.deterministic_evidence)}"', highlight=False)
            if d.judge_evidence:
                console.print(f'    judge quotes: "{escape(d.judge_evidence)}"', highlight=False)


__all__ = [
    "AGREEMENT_MAX_ROWS",
    "OutputOptions",
    "check_outputs",
    "emit_outputs",
    "output_paths",
    "fail_under_message",
    "render_agreement",
    "render_baseline",
    "render_calibration",
]
