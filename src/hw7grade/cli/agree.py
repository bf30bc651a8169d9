"""`hw7grade agree PATHS...`: how often the grader agrees with human labels, and where it does not."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from . import options
from .shared import consoles, say

if TYPE_CHECKING:
    from ..transcripts.labels_file import Labels


def agree(
    paths: List[Path] = typer.Argument(
        ..., help="Labelled transcripts or folders, or JSON reports from `grade --json`."
    ),
    only: Optional[List[str]] = typer.Option(
        None, "--only", help="Only parts with this id prefix (q7, q3b); repeatable."
    ),
    rubrics_dir: Optional[Path] = options.RUBRICS,
    judge_model: Optional[str] = typer.Option(
        None, "--judge", help="Also judge the transcripts with this model and show its agreement beside the checks'."
    ),
    judge_concurrency: int = typer.Option(4, "--judge-concurrency", min=1, help="Judge requests in flight at once."),
    labels_path: Optional[Path] = typer.Option(
        None,
        "--labels",
        help="A labels YAML file (e.g. downloaded from the HTML report); its labels win over the transcripts' own.",
    ),
) -> None:
    """Grader verdict beside each human label: confusion matrix, percent agreement, Cohen's kappa,
    and every disagreement with the grader's evidence.

    Exit 0 when every input was read, 2 when any could not be or no input carries labels, 3 when
    judge requests failed after retries.
    """
    from ..errors import UsageError
    from ..report.agreement import agreement, has_labels
    from ..report.render_agreement import render_agreement
    from ..results import Report

    console, err = consoles()
    labels: Labels | None = None
    bad_labels: list[str] = []
    if labels_path is not None:
        from ..transcripts.labels_file import read_labels_file

        labels = read_labels_file(labels_path, bad_labels.append)
        for problem in bad_labels:
            say(err, f"Error: {problem}", soft_wrap=False)
    reports, transcripts = _split_reports(paths)
    results = [t for r in reports for t in r.transcripts]
    if labels:
        from dataclasses import replace

        results = [
            replace(t, human_labels={**t.human_labels, **labels[t.path]}) if t.path in labels else t for t in results
        ]
    judge = None
    if judge_model:
        from ..judge.run import make_judge

        judge = make_judge(judge_model, judge_concurrency)  # a missing key fails before any work
    files: list[Path] = []
    rubric = None
    if transcripts:
        from ..grading.files import grade_files
        from ..rubric.model import load_rubric
        from ..transcripts import iter_transcript_files

        rubric = load_rubric(rubrics_dir)
        if only:
            rubric.select(only)
        files = iter_transcript_files(transcripts)
        results += grade_files(files, rubric, only, labels=labels).transcripts
    report = Report(tuple(results))
    if labels and labels_path is not None:
        from ..transcripts.labels_file import unmatched_warning

        warning = unmatched_warning(labels, (t.path for t in report.summaries), labels_path)
        if warning:
            say(err, f"Warning: {warning}", soft_wrap=False)
    for t in report.unreadable:
        for error in t.errors:
            say(err, f"Error: {error}" if error.startswith(t.path) else f"Error: {t.path}: {error}", soft_wrap=False)
    if not has_labels(report):
        raise UsageError(
            "No human labels in the given inputs; add `human_labels:` front matter (part id: "
            "correct|partial|incorrect|missing) "
            "or the native JSON `human_labels` field, or pass a `--labels` file."
        )
    known = frozenset(p.id for p in rubric.parts) if rubric is not None else None
    render_agreement(agreement(report), console, known, err)
    if judge is not None:
        from .judging import calibrate_and_render

        judge_code = calibrate_and_render(judge, report, files, rubrics_dir, console, err)
        if judge_code and not report.unreadable:
            raise typer.Exit(judge_code)
    if report.unreadable or bad_labels:
        raise typer.Exit(2)


def _split_reports(paths: List[Path]) -> tuple[list, list[Path]]:
    """JSON reports (schema hw7grade.report/1) are read as they are; everything else is graded."""
    import json

    from ..report.json_file import read_json_report
    from ..report.json_report import SCHEMA

    reports, others = [], []
    for path in paths:
        if path.is_file() and path.suffix.lower() == ".json":
            try:
                is_report = json.loads(path.read_text(encoding="utf-8")).get("schema") == SCHEMA
            except (OSError, UnicodeDecodeError, ValueError, AttributeError):
                is_report = False
            if is_report:
                reports.append(read_json_report(path))
                continue
        others.append(path)
    return reports, others
