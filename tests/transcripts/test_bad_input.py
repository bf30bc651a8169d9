"""Every unreadable input is one TranscriptError sentence that starts with the file name."""

from pathlib import Path

import pytest

from hw7grade.errors import TranscriptError
from hw7grade.transcripts import MAX_TRANSCRIPT_BYTES, parse_transcript, read_transcript

FIXTURES = Path(__file__).parent / "fixtures"


def _error(path) -> str:
    with pytest.raises(TranscriptError) as err:
        read_transcript(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message and "Traceback" not in message
    return message


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.md", "is empty"),
        ("binary.txt", "is a binary file"),
        ("truncated.json", "truncated or invalid JSON at line 3"),
        ("unknown_schema.json", "JSON that is none of the known transcript kinds"),
    ],
)
def test_fixture_errors(name, reason):
    assert reason in _error(FIXTURES / name)


def test_whitespace_only_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n")
    assert "is empty" in _error(path)


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_TRANSCRIPT_BYTES + 1)

    def no_reading(self):
        raise AssertionError("read a file that is over the size limit")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert "larger than the 5 MB limit" in _error(path)


def test_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "big.txt"
    line = "the decoder reads its own outputs at evaluation time\n"
    path.write_text(line * (MAX_TRANSCRIPT_BYTES // len(line)))
    [conv] = read_transcript(path)
    assert conv.format == "plain"


def test_large_text_is_refused_by_parse_transcript():
    with pytest.raises(
        TranscriptError,
        match=r"^t\.txt: is 5 MB, larger than the 5 MB limit for one conversation; "
        r"if it is one chat, raise the limit with --max-file-mb 6\.$",
    ):
        parse_transcript("x" * (MAX_TRANSCRIPT_BYTES + 10), "t.txt")


def test_unknown_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("R\u00e9ponse: deux couches lin\u00e9aires".encode("latin-1"))
    assert "unknown text encoding" in _error(path)


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.md"
    path.write_bytes("**User**\n\nq?\n\n**Assistant**\n\nTwo layers.\n".encode("utf-16"))
    [conv] = read_transcript(path)
    assert conv.turns[1].text == "Two layers."


def test_missing_file(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.md")


def test_directory_is_not_a_file(tmp_path):
    assert "is not a file" in _error(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    """The read itself fails (as chmod 0 does for a non-root user); monkeypatched so it runs as root too."""
    path = tmp_path / "locked.md"
    path.write_text("answer")

    def denied(file, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(file))

    # The reader opens the file as a stream (issue 13), so the open is what fails.
    monkeypatch.setattr("hw7grade.transcripts.reading.open", denied, raising=False)
    assert _error(path) == f"{path}: cannot be read (Permission denied)."


def test_only_user_turns_has_no_answers(tmp_path):
    path = tmp_path / "question.md"
    path.write_text("## User\n\nfirst question\n\n## Assistant\n\n\n## User\n\nsecond question\n")
    assert "no assistant answers found" in _error(path)


def test_json_nested_too_deeply():
    with pytest.raises(TranscriptError, match=r"^deep\.json: "):
        parse_transcript("[" * 100_000 + "]" * 100_000, "deep.json")
