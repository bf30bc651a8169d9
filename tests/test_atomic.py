"""Report files are replaced whole or not at all, and are always valid UTF-8."""

from __future__ import annotations

import pytest

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

    target = tmp_path / "report.json"
    write_text_atomic(target, "old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(hw7grade.atomic.os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
