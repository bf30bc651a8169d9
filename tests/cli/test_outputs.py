"""Report files: a bad output path is one `Error:` line and exit 2, the other reports are still
written, and a transcript is never overwritten by a report."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from hw7grade.cli import app

runner = CliRunner()

CHAT = """**User**

Question 7 (b): which five tokens go into the decoder during training?

**Assistant**

w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog.
"""


def _chat(tmp_path: Path) -> Path:
    path = tmp_path / "chat.md"
    path.write_text(CHAT, encoding="utf-8")
    return path


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def test_paths_that_cannot_be_written_are_each_named_before_grading(tmp_path):
    chat = _chat(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = runner.invoke(
        app,
        [
            "grade",
            str(chat),
            "--json",
            str(blocker / "r.json"),
            "--junit",
            str(fifo),
            "--markdown",
            str(tmp_path / "s.md"),
        ],
    )
    assert result.exit_code == 2, result.output
    assert _errors(result) == [
        f"Error: Cannot write {blocker / 'r.json'}: Not a directory.",
        f"Error: Cannot write {fifo}: it is a FIFO, not a regular file; pass a file path.",
    ]
    assert "Traceback" not in result.output


def test_a_failed_write_does_not_drop_the_other_reports(tmp_path, monkeypatch):
    import errno

    from hw7grade import atomic

    real_fsync = os.fsync

    def fsync(fd):  # the disk holding the `full/` folder is full
        if "/full/" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    chat = _chat(tmp_path)
    full = tmp_path / "full"
    result = runner.invoke(
        app,
        [
            "grade",
            str(chat),
            "--json",
            str(full / "r.json"),
            "--junit",
            str(tmp_path / "new" / "j.xml"),
            "--markdown",
            str(full / "s.md"),
            "--html",
            str(tmp_path / "r.html"),
        ],
    )
    assert result.exit_code == 2, result.output
    assert _errors(result) == [
        f"Error: Cannot write {full / 'r.json'}: no space left on the device.",
        f"Error: Cannot write {full / 's.md'}: no space left on the device.",
    ]
    assert (tmp_path / "new" / "j.xml").read_text(encoding="utf-8").startswith("<?xml")  # a missing folder is created
    assert (tmp_path / "r.html").exists()
    assert sorted(p.name for p in full.iterdir()) == []


def test_a_fifo_or_device_output_is_refused_before_grading(tmp_path):
    chat = _chat(tmp_path)
    null = tmp_path / "null.json"
    null.symlink_to("/dev/null")
    result = runner.invoke(app, ["grade", str(chat), "--json", str(null)])
    assert result.exit_code == 2
    assert _errors(result) == [f"Error: Cannot write {null}: it is a device, not a regular file; pass a file path."]
    assert "conversation(s) graded" not in result.stdout  # refused before any grading
    assert null.is_symlink()


def test_an_output_that_is_one_of_the_inputs_is_refused_and_the_transcript_kept(tmp_path):
    chat = _chat(tmp_path)
    result = runner.invoke(app, ["grade", str(tmp_path), "--markdown", str(chat)])
    assert result.exit_code == 2
    assert _errors(result) == [
        f"Error: Cannot write {chat}: it is one of the transcripts being graded; pick another file."
    ]
    assert chat.read_text(encoding="utf-8") == CHAT
    link = tmp_path / "elsewhere.json"
    link.symlink_to(chat)
    result = runner.invoke(app, ["grade", str(chat), "--json", str(link)])
    assert result.exit_code == 2
    assert chat.read_text(encoding="utf-8") == CHAT


def test_a_write_failure_outranks_a_failed_gate(tmp_path, monkeypatch):
    import errno

    from hw7grade import atomic

    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    chat = _chat(tmp_path)
    chat.write_text(CHAT.replace("see", "saw"), encoding="utf-8")  # a wrong token: under --fail-under 1
    result = runner.invoke(
        app, ["grade", str(chat), "--only", "q7", "--fail-under", "1", "--gradescope", str(tmp_path / "g.json")]
    )
    assert result.exit_code == 2
    assert "Gate: overall score" in result.stderr
    assert _errors(result) == [f"Error: Cannot write {tmp_path / 'g.json'}: no space left on the device."]
