"""Report files are replaced whole or not at all, and are always valid UTF-8."""

from __future__ import annotations

import os
import stat

import pytest

from hw7grade import atomic
from hw7grade.atomic import write_chunks_atomic, write_text_atomic


def test_write_replaces_the_file_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "out" / "report.json"
    write_text_atomic(target, "old")
    write_chunks_atomic(target, ["n", "e", "w"])
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_a_writer_that_fails_half_way_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "report.xml"
    write_text_atomic(target, "the previous report")

    def chunks():
        yield "<testsuites>"
        raise RuntimeError("the writer crashed")

    with pytest.raises(RuntimeError):
        write_chunks_atomic(target, chunks())
    assert target.read_text(encoding="utf-8") == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xml"]


@pytest.mark.parametrize("write", [write_text_atomic, lambda path, text: write_chunks_atomic(path, [text])])
def test_lone_surrogates_are_written_as_replacement_characters(tmp_path, write):
    target = tmp_path / "r.md"
    write(target, "file bad\udcffname.md, quote \ud83d end")
    assert target.read_bytes().decode("utf-8") == "file bad\ufffdname.md, quote \ufffd end"


def test_a_symlinked_report_is_written_through_to_its_target_and_stays_a_link(tmp_path):
    real = tmp_path / "real" / "report.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_fifo_folder_or_device_is_refused_and_left_as_it_was(tmp_path, kind):
    from hw7grade.errors import OutputError

    target = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target.symlink_to("/dev/null")  # a regression replaces only this link, never the device
    with pytest.raises(OutputError, match=f"it is a {'FIFO' if kind == 'fifo' else kind}, not a regular file"):
        write_text_atomic(target, "report")
    assert {"fifo": stat.S_ISFIFO, "folder": stat.S_ISDIR, "device": stat.S_ISCHR}[kind](os.stat(target).st_mode)


def test_new_reports_follow_the_umask_and_private_files_stay_private(tmp_path):
    report = write_text_atomic(tmp_path / "report.json", "{}")
    assert stat.S_IMODE(report.stat().st_mode) == 0o666 & ~atomic._UMASK
    state = write_text_atomic(tmp_path / "state" / "batch.json", "{}", private=True)
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert stat.S_IMODE(state.parent.stat().st_mode) == 0o700


def test_an_existing_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_long_name_that_fits_is_written_and_one_too_long_is_one_error(tmp_path):
    from hw7grade.errors import OutputError

    fits = tmp_path / ("r" * 250 + ".json")  # 255 bytes: the old temp name (name + 14) did not fit
    write_text_atomic(fits, "{}")
    assert fits.read_text(encoding="utf-8") == "{}"
    with pytest.raises(OutputError, match=r"^Cannot write .*: the file name is too long\.$"):
        write_text_atomic(tmp_path / ("r" * 300 + ".json"), "{}")


def test_a_full_disk_is_one_error_and_leaves_no_temp_file(tmp_path, monkeypatch):
    import errno

    from hw7grade.errors import OutputError

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OutputError, match=r"report\.json: no space left on the device\.$"):
        write_text_atomic(tmp_path / "report.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_a_reader_sees_the_old_file_until_the_new_one_is_complete(tmp_path):
    target = tmp_path / "summary.md"
    write_text_atomic(target, "old summary")
    seen = []

    def chunks():
        yield "new "
        seen.append(target.read_text(encoding="utf-8"))  # a reader in the middle of the write
        yield "summary"

    write_chunks_atomic(target, chunks())
    assert seen == ["old summary"]
    assert target.read_text(encoding="utf-8") == "new summary"


def test_a_failed_rename_keeps_the_old_file_and_removes_the_temp_file(tmp_path, monkeypatch):
    import hw7grade.atomic
    import hw7grade.errors

    target = tmp_path / "report.json"
    write_text_atomic(target, "old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(hw7grade.atomic.os, "replace", refuse)
    # Every write failure is one OutputError naming the file (issue 12), never a bare OSError.
    with pytest.raises(hw7grade.errors.OutputError, match=r"report\.json: Permission denied\.$"):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
