"""Batch grading: worker processes give exactly the serial report, in input order."""

from __future__ import annotations

from pathlib import Path

import pytest

from hw7grade.grading.files import PARALLEL_MIN_FILES, default_jobs, grade_files
from hw7grade.report.json_report import report_to_dict
from hw7grade.rubric.model import load_rubric

REPO = Path(__file__).resolve().parents[1]


def _corpus(tmp_path: Path, copies: int) -> list[Path]:
    sources = sorted((REPO / "transcripts").glob("*.md"))
    sources = [s for s in sources if s.name.lower() != "readme.md"]
    files = []
    for i in range(copies):
        src = sources[i % len(sources)]
        target = tmp_path / f"{i:03d}-{src.name}"
        # Vary the text so no two files are identical (a trailing remark changes nothing graded).
        target.write_text(src.read_text(encoding="utf-8") + f"\n\nThanks! (copy {i})\n", encoding="utf-8")
        files.append(target)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    files.insert(len(files) // 2, tmp_path / "broken.json")
    return files


def test_parallel_report_is_identical_to_serial(tmp_path):
    files = _corpus(tmp_path, 24)
    rubric = load_rubric()
    serial = report_to_dict(grade_files(files, rubric, jobs=1))
    parallel = report_to_dict(grade_files(files, rubric, jobs=2))
    assert parallel == serial
    assert [Path(t["path"]).name for t in serial["transcripts"]] == [f.name for f in files]  # input order
    assert any(t["errors"] for t in serial["transcripts"])


def test_progress_callback_sees_every_file(tmp_path):
    files = _corpus(tmp_path, 10)
    seen: list[Path] = []
    grade_files(files, load_rubric(), on_file=seen.append, jobs=2)
    assert seen == files


def test_small_batches_stay_in_process(monkeypatch):
    monkeypatch.setattr("hw7grade.grading.files.os.cpu_count", lambda: 8)
    assert default_jobs(PARALLEL_MIN_FILES - 1) == 0
    assert default_jobs(1) == 0


@pytest.mark.parametrize(
    "cores, n_files, jobs",
    [
        (8, 32, 4),  # no more workers than chunks of 8 files
        (8, 64, 8),  # one per core
        (8, 10_000, 8),
        (2, 32, 2),
        (None, 10_000, 1),  # cpu_count() unknown
    ],
)
def test_large_batches_use_one_worker_per_core(monkeypatch, cores, n_files, jobs):
    monkeypatch.setattr("hw7grade.grading.files.os.cpu_count", lambda: cores)
    assert default_jobs(n_files) == jobs


def test_rubric_survives_pickling_for_spawned_workers(tmp_path):
    # On platforms whose workers are spawned, not forked, the rubric reaches them pickled.
    import pickle

    files = _corpus(tmp_path, 3)
    rubric = load_rubric()
    copy = pickle.loads(pickle.dumps(rubric))
    assert report_to_dict(grade_files(files, copy)) == report_to_dict(grade_files(files, rubric))
