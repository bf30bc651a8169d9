import codecs

import pytest

from hw7grade.errors import TranscriptError
from hw7grade.transcripts.detect import decode_transcript
from hw7grade.transcripts.reading import detect_format

NATIVE = '{"schema": "hw7grade.transcript/1", "turns": []}'
CHATGPT = '[{"title": "t", "mapping": {}}]'
CLAUDE = '[{"name": "n", "chat_messages": []}]'


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (NATIVE, "run.txt", "native"),
        (CHATGPT, "conversations.txt", "chatgpt-export"),
        (CLAUDE, "export.md", "claude-export"),
        ('{"title": "t", "mapping": {}}', "one.json", "chatgpt-export"),
        ("**User**\n\nq\n\n**Cursor**\n\na\n", "chat.txt", "markdown"),
        ("You said:\nq\nChatGPT said:\na\n", "copy.json.txt", "chatgpt-copy"),
        ("Just an answer.\n", "notes.md", "plain"),
        ("[1] A footnote-first answer, not JSON.\n", "answer.txt", "plain"),
        ("{note} braces in prose\n", "answer.txt", "plain"),
        ("## Assistant\n\nonly an answer\n", "a.md", "plain"),
    ],
)
def test_detect_format_by_content(text, source, expected):
    assert detect_format(text, source) == expected


def test_json_suffix_requires_json():
    with pytest.raises(TranscriptError, match=r"x\.json: truncated or invalid JSON at line 1"):
        detect_format("**User**\n\nhi\n", "x.json")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("héllo".encode("utf-8"), "héllo"),
        (codecs.BOM_UTF8 + "héllo".encode("utf-8"), "héllo"),
        ("héllo".encode("utf-16"), "héllo"),
        (codecs.BOM_UTF16_BE + "héllo".encode("utf-16-be"), "héllo"),
    ],
)
def test_decodes_utf8_and_utf16_with_bom(data, text):
    assert decode_transcript(data, "f.txt") == text


def test_utf16_without_bom_is_binary():
    with pytest.raises(TranscriptError, match=r"f\.txt: is a binary file"):
        decode_transcript("hello".encode("utf-16-le"), "f.txt")


def test_latin1_is_unknown_encoding():
    with pytest.raises(TranscriptError, match=r"f\.txt: unknown text encoding"):
        decode_transcript("caf\u00e9 cr\u00e8me".encode("latin-1"), "f.txt")
