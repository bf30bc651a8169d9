"""The report files `grade` writes (`--json`, `--junit`, `--markdown`, `--html`, `--gradescope`):
checked before grading, then each written, each failure named.

The terminal sections are in `render_baseline` and `render_agreement`, the gates in `gates`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from ..errors import OutputError
from ..results import Report

if TYPE_CHECKING:
    from .baseline import BaselineComparison


@dataclass(frozen=True)
class ReportFiles:
    """Where each report goes; None for a report not asked for."""

    json: Path | None = None
    junit: Path | None = None
    markdown: Path | None = None
    html: Path | None = None
    gradescope: Path | None = None


def write_report_files(report: Report, files: ReportFiles, comparison: BaselineComparison | None) -> list[str]:
    """Every requested file is attempted; returns one message per file that could not be written.
    The Markdown and HTML reports show `comparison` when there is one."""
    failures = []
    for path, write in _writers(report, files, comparison):
        try:
            write(path)
        except OutputError as exc:
            failures.append(str(exc))
    return failures


def _writers(
    report: Report, files: ReportFiles, comparison: BaselineComparison | None
) -> Iterator[tuple[Path, Callable[[Path], None]]]:
    if files.json:
        from .json_file import write_json_report

        yield files.json, lambda path: write_json_report(report, path)
    if files.junit:
        from .junit import write_junit

        yield files.junit, lambda path: write_junit(report, path)
    if files.markdown:
        from .markdown import write_markdown

        yield files.markdown, lambda path: write_markdown(report, path, comparison)
    if files.html:
        from .html import write_html

        yield files.html, lambda path: write_html(report, path, comparison)
    if files.gradescope:
        from .gradescope import write_gradescope

        yield files.gradescope, lambda path: write_gradescope(report, path)


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


__all__ = ["ReportFiles", "check_outputs", "write_report_files"]
