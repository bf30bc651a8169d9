import json
from pathlib import Path

import pytest

from hw7grade.conversation import Conversation
from hw7grade.errors import TranscriptError
from hw7grade.transcripts import ReadWarning, Skipped, parse_items, parse_transcript, read_transcript

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


def test_unknown_sender_skips_that_chat_and_names_the_field():
    data = json.loads((FIXTURES / "claude_export.json").read_text())
    data[1]["chat_messages"][0]["sender"] = "system"
    items = parse_items(json.dumps(data), "claude.json")
    assert [str(i) for i in items if isinstance(i, Skipped)] == [
        "claude.json#2: skipped: field chat_messages[0].sender: Input should be 'human' or 'assistant' (got 'system')"
    ]
    assert [c.source for c in items if isinstance(c, Conversation)] == ["claude.json#1"]


def test_unknown_sender_in_a_one_chat_file_names_the_field():
    data = json.loads((FIXTURES / "claude_export.json").read_text())[1:]
    data[0]["chat_messages"][0]["sender"] = "system"
    with pytest.raises(
        TranscriptError, match=r"^claude\.json: not a valid Claude export entry: field chat_messages\[0\]\.sender"
    ):
        parse_transcript(json.dumps(data), "claude.json")


def test_null_message_is_dropped_with_a_warning_and_the_chat_kept():
    data = json.loads((FIXTURES / "claude_export.json").read_text())
    data[0]["chat_messages"].insert(1, None)
    items = parse_items(json.dumps(data), "claude.json")
    assert [i.text for i in items if isinstance(i, ReadWarning)] == [
        "claude.json#1: 1 empty (null) message(s) left out of the chat."
    ]
    first = next(i for i in items if isinstance(i, Conversation))
    assert [t.role for t in first.turns] == ["user", "assistant"]
