"""`hw7grade grade [PATHS...]`: batch-grade saved chats into a terminal report and files."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

from .streams import STDOUT

if TYPE_CHECKING:
    from rich.console import Console

    from ..report.outputs import ReportFiles
    from ..results import Report
    from ..transcripts.labels_file import Labels

PROGRESS_MIN_FILES = 8
"""Show a progress bar from this many input files on (on a terminal)."""
FORMATS = ("rich", "plain")


def stdout_report(plain: bool = False, **paths: Optional[Path]) -> Optional[str]:
    """The one report option given `-` (stdout), if any; two things on stdout is a usage error."""
    from ..errors import UsageError

    claims = [f"--{name} -" for name, path in paths.items() if path == STDOUT] + (["--format plain"] if plain else [])
    if len(claims) > 1:
        raise UsageError(f"Only one output can go to stdout; {' and '.join(claims)} both ask for it.")
    return next((c for c in claims if c != "--format plain"), None)


def _show_human_report(report, human, verbose: bool, quiet: bool, output_format: str):
    """Print the report as asked; return the console for the sections after it (agreement,
    baseline), which `--quiet` silences."""
    import io

    from ..report.console import render_report, summary_line
    from .streams import report_console

    if output_format == "plain":
        from ..report.plain import plain_lines
        from ..report.terminal import echo

        for line in plain_lines(report):
            echo(line)  # control characters made visible (tabs, the separators, kept)
    if quiet or output_format == "plain":
        human.print(summary_line(report), markup=False, highlight=False, soft_wrap=True)
        return report_console(file=io.StringIO()) if quiet else human
    render_report(report, human, verbose=verbose, errors=False)
    return human


def _write_and_gate(
    report: Report,
    files: ReportFiles,
    baseline: Report | None,
    fail_under: float | None,
    known_parts: frozenset[str],
    sections: Console,
    err: Console,
) -> int:
    """Write every requested file, print the agreement and baseline sections, then apply the gates;
    returns the exit status (2 when a file could not be written, 1 when a gate failed, else 0)."""
    from ..report.agreement import agreement, has_labels
    from ..report.console import say
    from ..report.gates import exit_status, gate_failures
    from ..report.outputs import write_report_files

    comparison = None
    if baseline is not None:
        from ..report.baseline import compare_with_baseline

        comparison = compare_with_baseline(report, baseline)
    write_failures = write_report_files(report, files, comparison)
    for failure in write_failures:
        say(err, f"Error: {failure}")
    if has_labels(report):
        from ..report.render_agreement import render_agreement

        render_agreement(agreement(report), sections, known_parts, err)
    if comparison is not None:
        from ..report.render_baseline import render_baseline

        render_baseline(comparison, sections)
    failed_gates = gate_failures(report, comparison, fail_under)
    for message in failed_gates:
        say(err, f"Gate: {message}", soft_wrap=False)
    return exit_status(write_failures, failed_gates)


def grade(
    paths: Optional[List[Path]],
    only: Optional[List[str]],
    model_name: Optional[str],
    json_path: Optional[Path],
    verbose: bool,
    rubrics_dir: Optional[Path],
    junit_path: Optional[Path],
    markdown_path: Optional[Path],
    html_path: Optional[Path],
    gradescope_path: Optional[Path],
    baseline: Optional[Path],
    fail_under: Optional[float],
    jobs: Optional[int],
    judge_model: Optional[str],
    judge_concurrency: int,
    max_file_mb: float,
    time_limit: float,
    labels_path: Optional[Path],
    quiet: bool,
    output_format: str,
) -> None:
    """Grade saved chats (ChatGPT/Claude exports and their .zip, Markdown chats, exporter files, JSON, plain text).

    Exit 0 when every input was read, 2 when any could not be (each named; the rest still graded),
    else 1 when a gate (--baseline, --fail-under) fails; 3 when judge requests failed after retries.
    With a report on stdout (`--json -`) or `--format plain`, the human report goes to stderr.
    """
    import gc

    from ..collector import paused

    with paused():  # the grading modules' imports
        from ..grading.files import default_jobs, grade_files
        from ..report import terminal as _terminal
        from ..results import Report
        from ..rubric.compiled import load_rubric_cached as load_rubric
        from ..transcripts import iter_transcript_files
        from .streams import report_console

        # What they made lives as long as the process: out of the collector's sight (and the young
        # generation's count reset), or the first collections after the pause walk all of it.
        gc.freeze()

    if output_format not in FORMATS:
        from ..errors import UsageError

        raise UsageError(f"--format {output_format!r} is not one of: {', '.join(FORMATS)}.")
    to_stdout = stdout_report(
        json=json_path,
        junit=junit_path,
        markdown=markdown_path,
        html=html_path,
        gradescope=gradescope_path,
        plain=output_format == "plain",
    )
    rubric = load_rubric(rubrics_dir)
    baseline_report = None
    if baseline is not None:
        from ..report.json_file import read_json_report

        baseline_report = read_json_report(baseline)
    if only:
        rubric.select(only)  # unknown prefixes fail before any work
    err = report_console(stderr=True)  # control-character-safe, full width off a terminal
    human = err if to_stdout or output_format == "plain" else report_console()
    labels: Labels | None = None
    bad_labels: list[str] = []
    if labels_path is not None:
        from ..transcripts.labels_file import read_labels_file

        labels = read_labels_file(labels_path, bad_labels.append)  # an unreadable file fails before any work
        for problem in bad_labels:
            err.print(f"Error: {problem}", markup=False, highlight=False)
    inputs = paths or [Path("transcripts")]
    files = iter_transcript_files(inputs)
    if not files:
        from ..errors import UsageError
        from ..transcripts import TRANSCRIPT_SUFFIXES

        raise UsageError(
            f"No transcript files in {', '.join(str(p) for p in inputs)}: a folder is searched for "
            f"{', '.join(TRANSCRIPT_SUFFIXES)} files (README.md and hidden files are skipped)."
        )
    from ..report.outputs import ReportFiles, check_outputs

    real_paths = [p for p in (json_path, junit_path, markdown_path, html_path, gradescope_path) if p and p != STDOUT]
    refused = check_outputs(real_paths, files)  # a device, a folder, a transcript: before grading
    if refused:
        for problem in refused:
            _terminal.echo(f"Error: {problem}", err=True)
        raise SystemExit(2)
    judge = None
    if judge_model:
        from ..judge.run import make_judge

        judge = make_judge(judge_model, judge_concurrency)  # a missing key fails before any work
    if not quiet:
        err.print(
            f"Rubrics: {rubric.course.homework} from {rubric.directory}", markup=False, highlight=False, soft_wrap=True
        )
    workers = jobs or default_jobs(len(files))
    max_bytes = int(max_file_mb * 1024 * 1024)
    from contextlib import nullcontext

    pipeline = None
    if judge is not None:
        from ..judge.apply import JudgePipeline

        pipeline = JudgePipeline(judge, rubric)
    with pipeline if pipeline is not None else nullcontext():
        on_graded = pipeline.add_file if pipeline is not None else None  # judge requests go out as files are graded
        niceness = pipeline.worker_niceness if pipeline is not None else 0
        if len(files) >= PROGRESS_MIN_FILES and err.is_terminal and not quiet:
            from rich.progress import Progress

            with Progress(console=err, transient=True) as progress:
                task = progress.add_task("grading", total=len(files))
                advance = lambda _path: progress.advance(task)  # noqa: E731
                report = grade_files(
                    files,
                    rubric,
                    only,
                    model_name,
                    advance,
                    workers,
                    max_bytes,
                    time_limit,
                    labels,
                    on_graded,
                    niceness,
                )
        else:
            report = grade_files(
                files,
                rubric,
                only,
                model_name,
                jobs=workers,
                max_bytes=max_bytes,
                time_limit_s=time_limit,
                labels=labels,
                on_graded=on_graded,
                niceness=niceness,
            )
        if labels and labels_path is not None:
            from ..transcripts.labels_file import unmatched_warning

            warning = unmatched_warning(labels, (t.path for t in report.summaries), labels_path)
            if warning:
                err.print(f"Warning: {warning}", markup=False, highlight=False)
        if judge is not None and pipeline is not None:
            from .judging import warn_same_model

            transcripts = list(report.transcripts)
            warn_same_model(judge, (r.model for r in transcripts), err)
            report = Report(tuple(pipeline.finish(transcripts)), notes=report.notes)
    import io

    from ..report.notes import render_notes

    render_notes(report.notes, report_console(file=io.StringIO()) if quiet else human, err, verbose=verbose)
    sections = _show_human_report(report, human, verbose, quiet, output_format)

    from ..report.gates import WRITE_FAILED

    with tempfile.TemporaryDirectory(prefix="hw7grade-stdout-") if to_stdout else nullcontext(".") as tmp:
        spare = Path(tmp) / "report"
        pick = lambda path: spare if path == STDOUT else path  # noqa: E731  # '-': written here, then copied
        report_files = ReportFiles(
            json=pick(json_path),
            junit=pick(junit_path),
            markdown=pick(markdown_path),
            html=pick(html_path),
            gradescope=pick(gradescope_path),
        )
        known_parts = frozenset(p.id for p in rubric.parts)
        gate = _write_and_gate(report, report_files, baseline_report, fail_under, known_parts, sections, err)
        if to_stdout and gate != WRITE_FAILED:
            from .streams import copy_to_stdout

            copy_to_stdout(spare)
    unreadable_chats = sum(n.kind == "unreadable" for n in report.notes)
    if report.unreadable or unreadable_chats or bad_labels or gate == WRITE_FAILED:
        for t in report.unreadable:
            for error in t.errors:
                _terminal.echo(f"Error: {error}" if error.startswith(t.path) else f"Error: {t.path}: {error}", err=True)
        if unreadable_chats:
            _terminal.echo(
                f"Error: {unreadable_chats} chat(s) in exports could not be read (named above); the others were "
                "graded.",
                err=True,
            )
        raise SystemExit(2)
    if judge is not None:
        from .judging import failure_exit_code

        judge_code = failure_exit_code(judge, err)
        if judge_code:
            raise SystemExit(judge_code)
    if gate:
        raise SystemExit(gate)
