"""`iter_transcript_files`: which files a folder argument expands to, in what order."""

from pathlib import Path

from hw7grade.transcripts import iter_transcript_files


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("answer")


def test_folder_expands_recursively_sorted_and_filtered(tmp_path):
    _touch(
        tmp_path,
        "b.md",
        "a.json",
        "runs/2025/run1.json",
        "notes.TXT",
        "chat.markdown",
        "README.md",
        "sub/readme.MD",
        ".hidden.md",
        ".git/config.md",
        "slides.pdf",
        "image.png",
    )
    found = iter_transcript_files([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.json",
        "b.md",
        "chat.markdown",
        "notes.TXT",
        "runs/2025/run1.json",
    ]


def test_named_files_are_kept_in_argument_order_even_if_unusual(tmp_path):
    _touch(tmp_path, "z.md", "README.md", "dir/a.md")
    missing = tmp_path / "missing.md"
    found = iter_transcript_files([tmp_path / "z.md", tmp_path / "README.md", missing, tmp_path / "dir"])
    assert found == [tmp_path / "z.md", tmp_path / "README.md", missing, tmp_path / "dir" / "a.md"]


def test_duplicates_keep_first_position(tmp_path):
    _touch(tmp_path, "a.md", "b.md")
    found = iter_transcript_files([tmp_path / "b.md", tmp_path, str(tmp_path / "a.md")])
    assert found == [tmp_path / "b.md", tmp_path / "a.md"]
