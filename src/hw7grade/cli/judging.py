"""What the `--judge MODEL` option does in `grade`, `ask` and `agree`: open the judge before any
work (a missing key fails fast), judge the graded results, and end with exit 3 when judge
requests still failed after retries (those answers are reported as unscored by the judge)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from rich.console import Console

from ..judge.apply import judge_files, same_model_warnings
from ..judge.run import Judge
from ..report.console import say
from ..results import TranscriptResult


def warn_same_model(judge: Judge, tested: Iterable[str | None], err: Console) -> None:
    for warning in same_model_warnings(judge, tested):
        say(err, warning)


def judge_graded_files(
    judge: Judge, results: Sequence[TranscriptResult], files: Iterable[Path], rubric, err: Console
) -> list[TranscriptResult]:
    warn_same_model(judge, (r.model for r in results), err)
    return judge_files(results, files, rubric, judge)


def failure_exit_code(judge: Judge | None, err: Console) -> int:
    """0, or the exit code of the worst judge failure after printing how many answers it cost."""
    if judge is None or not judge.failures:
        return 0
    first = judge.failures[0]
    say(
        err,
        f"Error: {len(judge.failures)} judge request(s) failed after retries; those answers are unscored "
        f"by the judge. First: {first}",
    )
    return max(f.exit_code for f in judge.failures)


def calibrate_and_render(
    judge: Judge, report, files: Sequence[Path], rubric_dir: Path | None, console: Console, err: Console
) -> int:
    """`agree --judge`: judge the transcripts (JSON reports carry no answer text and are compared
    as they are), print the calibration table; returns the judge's failure exit code."""
    from ..judge.calibration import calibrate
    from ..report.render_agreement import render_calibration
    from ..results import Report
    from ..rubric.model import load_rubric

    rubric = load_rubric(rubric_dir)
    judged = Report(tuple(judge_graded_files(judge, report.transcripts, files, rubric, err)))
    calibration = calibrate(report, judged, [p.id for p in rubric.parts if p.judge])
    render_calibration(calibration, judge.name, console)
    return failure_exit_code(judge, err)
