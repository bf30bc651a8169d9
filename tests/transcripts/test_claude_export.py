import json
from pathlib import Path

import pytest

from hw7grade.errors import TranscriptError
from hw7grade.transcripts import parse_transcript, read_transcript

FIXTURES = Path(__file__).parent / "fixtures"


def test_prefers_text_blocks_and_skips_other_blocks():
    first, _ = read_transcript(FIXTURES / "claude_export.json")
    assert first.format == "claude-export"
    assert first.title == "Orthonormal decoder columns"
    assert [t.role for t in first.turns] == ["user", "assistant"]
    assert first.turns[1].text == (
        "Yes: balancing the two penalties favours singular values near one.\n\n"
        "So the columns of W_2 end up close to orthonormal."
    )
    assert first.source.endswith("claude_export.json#1")


def test_falls_back_to_flat_text():
    _, second = read_transcript(FIXTURES / "claude_export.json")
    assert second.turns[0].text == "Which optimiser settings give the l2 penalty?"
    assert second.turns[1].text == "SGD with weight decay set to lambda."
    assert second.title is None
    assert second.metadata["created_at"] == "2024-05-01T08:00:00Z"


def test_single_conversation_has_plain_source():
    data = json.loads((FIXTURES / "claude_export.json").read_text())[:1]
    [conv] = parse_transcript(json.dumps(data), "claude.json")
    assert conv.source == "claude.json"


def test_unknown_sender_names_the_field():
    data = json.loads((FIXTURES / "claude_export.json").read_text())
    data[1]["chat_messages"][0]["sender"] = "system"
    with pytest.raises(TranscriptError, match=r"claude\.json: conversation 2 is not a valid Claude export entry: field chat_messages\[0\]\.sender"):
        parse_transcript(json.dumps(data), "claude.json")
