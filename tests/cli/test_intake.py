"""`hw7grade grade` on real-world intake: whole exports, zips, stdin, unreadable folders and
files, skipped chats, warnings and the per-conversation size flag."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from typer.testing import CliRunner

import intake_samples as f
from hw7grade.cli import app

runner = CliRunner()
PASTA = [("user", "What's a good pasta recipe?"), ("assistant", "Try cacio e pepe.")]


def _grade(*args: str, **kwargs):
    return runner.invoke(app, ["grade", *args], catch_exceptions=False, **kwargs)


def _export(tmp_path: Path) -> Path:
    entries = [
        f.chatgpt_export_entry("hw7", f.TURNS),
        f.chatgpt_export_entry("pasta", PASTA),
        {"title": "corrupted", "create_time": 1.0},
    ]
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def test_export_grades_each_chat_skips_the_rest_and_names_the_damaged_one(tmp_path):
    path = _export(tmp_path)
    out = tmp_path / "report.json"
    result = _grade(str(path), "--json", str(out))
    assert result.exit_code == 2
    assert f"Warning: {path}#3: skipped: no mapping" in result.stderr
    assert "1 chat(s) in exports could not be read" in result.stderr
    assert "no rubric part" not in result.stderr
    report = json.loads(out.read_text())
    assert [(t["path"], t["format"]) for t in report["transcripts"]] == [(f"{path}#1", "chatgpt-export")]
    assert "1 chat(s) with nothing to grade skipped (-v lists them)." in result.stdout


def test_verbose_lists_skipped_chats_and_the_format(tmp_path):
    path = _export(tmp_path)
    result = _grade(str(path), "-v")
    flat = " ".join(result.stdout.split())
    assert f"{path}#2: skipped: no rubric part found" in flat
    assert "[format: chatgpt-export]" in flat


def test_only_off_topic_chats_exit_0(tmp_path):
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps([f.chatgpt_export_entry("pasta", PASTA)] * 2), encoding="utf-8")
    result = _grade(str(path))
    assert result.exit_code == 0
    assert "2 chat(s) with nothing to grade skipped" in result.stdout


def test_zip_export_is_graded(tmp_path):
    path = tmp_path / "chatgpt-export.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("conversations.json", json.dumps([f.chatgpt_export_entry("hw7", f.TURNS)]))
        z.writestr("chat.html", "<html></html>")
    out = tmp_path / "r.json"
    result = _grade(str(path), "--json", str(out))
    assert result.exit_code == 0, result.stderr
    [t] = json.loads(out.read_text())["transcripts"]
    assert [(p["id"], p["verdict"]) for p in t["parts"] if p["attempt"] == "final"] == [("q7b", "correct")]


def test_stdin_is_one_transcript():
    result = _grade("-", "-v", input=f.SPECSTORY)
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "<stdin>" in flat and "[format: specstory]" in flat


def test_front_matter_keys_warn_once_per_run(tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(f.CHATGPT_EXPORTER, encoding="utf-8")
    result = _grade(str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("front matter key 'source'") == 1
    assert "front matter kept as metadata" not in result.stdout
    verbose = " ".join(_grade(str(tmp_path), "-v").stdout.split())
    assert (
        f"{tmp_path / 'a.md'}: front matter kept as metadata: source: "
        "https://chatgpt.com/c/6790e1b2-0000-8000-9000-000000000000, create_time: 2025-01-22T12:00:00+00:00" in verbose
    )


def test_a_large_text_file_names_the_flag_and_the_flag_lifts_it(tmp_path):
    path = tmp_path / "big.md"
    path.write_text(f.CHATGPT_COPY + "\n" + "padding line\n" * 1000, encoding="utf-8")
    small = _grade(str(path), "--max-file-mb", "0.01")
    assert small.exit_code == 2
    assert (
        "larger than the 0.01 MB limit for one conversation; if it is one chat, raise the limit with --max-file-mb 1."
        in " ".join(small.stderr.split())
    )
    assert _grade(str(path), "--max-file-mb", "1").exit_code == 0


def test_a_big_export_is_streamed_past_the_per_conversation_cap(tmp_path):
    path = tmp_path / "conversations.json"
    entries = [f.chatgpt_export_entry(f"chat {n}", f.TURNS) for n in range(40)]
    path.write_text(json.dumps(entries), encoding="utf-8")
    assert path.stat().st_size > 0.05 * 1024 * 1024
    out = tmp_path / "r.json"
    result = _grade(str(path), "--max-file-mb", "0.05", "--json", str(out))
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(out.read_text())["transcripts"]) == 40


def test_unreadable_folder_is_a_named_error_and_the_rest_is_graded(tmp_path, monkeypatch):
    locked = tmp_path / "runs" / "locked"
    locked.mkdir(parents=True)
    (locked / "hidden.md").write_text("x", encoding="utf-8")
    (tmp_path / "runs" / "good.md").write_text(f.CHATGPT_COPY, encoding="utf-8")
    real_scandir, real_listdir = os.scandir, os.listdir

    def deny(path, real):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", lambda p=".": deny(p, real_scandir))
    monkeypatch.setattr(os, "listdir", lambda p=".": deny(p, real_listdir))
    result = _grade(str(tmp_path / "runs"))
    assert result.exit_code == 2
    assert f"Error: {locked}: cannot be read (Permission denied)." in result.stderr
    assert "1 conversation(s) graded" in result.stdout


def test_unreadable_file_on_the_command_line_is_a_named_error(tmp_path, monkeypatch):
    good, locked = tmp_path / "good.md", tmp_path / "locked.md"
    good.write_text(f.CHATGPT_COPY, encoding="utf-8")
    locked.write_text(f.CHATGPT_COPY, encoding="utf-8")
    real_open = open
    real_is_dir = Path.is_dir

    def guarded_open(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def guarded_is_dir(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr("builtins.open", guarded_open)
    monkeypatch.setattr(Path, "is_dir", guarded_is_dir)
    result = _grade(str(locked), str(good))
    assert result.exit_code == 2
    assert f"Error: {locked}: cannot be read (Permission denied)." in result.stderr
    assert "1 conversation(s) graded" in result.stdout
