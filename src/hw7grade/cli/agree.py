"""`hw7grade agree PATHS...`: how often the grader agrees with human labels, and where it does not."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer


def agree(
    paths: List[Path] = typer.Argument(..., help="Labelled transcripts or folders, or JSON reports from `grade --json`."),
    only: Optional[List[str]] = typer.Option(None, "--only", help="Only parts with this id prefix (q7, q3b); repeatable."),
    rubrics_dir: Optional[Path] = typer.Option(None, "--rubrics", help="Rubric folder (default: ./rubrics or the bundled one)."),
) -> None:
    """Grader verdict beside each human label: confusion matrix, percent agreement, Cohen's kappa,
    and every disagreement with the grader's evidence.

    Exit 0 when every input was read, 2 when any could not be or no input carries labels.
    """
    from rich.console import Console

    from ..errors import UsageError
    from ..report.agreement import agreement, has_labels
    from ..report.model import Report
    from ..report.outputs import render_agreement

    reports, transcripts = _split_reports(paths)
    results = [t for r in reports for t in r.transcripts]
    if transcripts:
        from ..batch import iter_graded
        from ..rubric import load_rubric
        from ..transcripts import iter_transcript_files

        rubric = load_rubric(rubrics_dir)
        if only:
            rubric.select(only)
        results += list(iter_graded(iter_transcript_files(transcripts), rubric, only))
    report = Report(tuple(results))
    err = Console(stderr=True)
    for t in report.unreadable:
        for error in t.errors:
            err.print(f"Error: {error}" if error.startswith(t.path) else f"Error: {t.path}: {error}", markup=False, highlight=False)
    if not has_labels(report):
        raise UsageError(
            "No human labels in the given inputs; add `human_labels:` front matter (part id: correct|partial|incorrect) "
            "or the native JSON `human_labels` field."
        )
    render_agreement(agreement(report), Console())
    if report.unreadable:
        raise typer.Exit(2)


def _split_reports(paths: List[Path]) -> tuple[list, list[Path]]:
    """JSON reports (schema hw7grade.report/1) are read as they are; everything else is graded."""
    import json

    from ..report.json_report import SCHEMA, read_json_report

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
