"""Every supported format: read turn by turn with the roles right, detected by name, and the
HW7 answer inside graded right (the wrong first attempt stays the first attempt)."""

from __future__ import annotations

import json
import zipfile

import pytest

import intake_samples as f
from hw7grade.conversation import Conversation
from hw7grade.grading.score import grade_conversation
from hw7grade.rubric.model import load_rubric
from hw7grade.transcripts import READERS, detect_format, parse_items, parse_transcript, read_transcript

RUBRIC = load_rubric()
ROLES = ["user", "assistant", "user", "assistant"]

CASES = [
    ("specstory", "chat.md", f.SPECSTORY),
    ("chatgpt-copy", "copy.md", f.CHATGPT_COPY),
    ("chatgpt-copy", "copy.md", f.CHATGPT_COPY_NO_ANSWER_LINES),
    ("chatgpt-exporter", "ChatGPT-Decoder.md", f.CHATGPT_EXPORTER),
    ("gemini-exporter", "gemini.md", f.GEMINI_EXPORTER),
    ("gemini-exporter-json", "gemini.json", f.GEMINI_EXPORTER_JSON),
    ("llm-markdown", "llm.md", f.LLM_MARKDOWN),
    ("llm-json", "logs.json", f.LLM_JSON),
    ("open-webui", "chat-export.json", f.OPEN_WEBUI),
    ("librechat", "librechat.json", f.LIBRECHAT),
    ("librechat", "librechat-tree.json", f.LIBRECHAT_TREE),
    ("ai-studio", "Decoder inputs", f.AI_STUDIO),
    ("openai-messages", "messages.json", f.OPENAI_MESSAGES),
]


def _verdicts(conv: Conversation) -> list[tuple[str, str, str]]:
    return [(p.id, p.attempt, p.verdict) for p in grade_conversation(conv, RUBRIC).parts]


@pytest.mark.parametrize(("fmt", "name", "text"), CASES, ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)])
def test_format_is_read_turn_by_turn_and_graded(fmt, name, text):
    assert detect_format(text, name) == fmt
    [conv] = parse_transcript(text, name)
    assert conv.format == fmt
    assert [t.role for t in conv.turns] == ROLES
    assert conv.turns[0].text == f.Q
    assert conv.turns[1].text.startswith(f.WRONG)
    assert conv.turns[3].text.startswith(f.RIGHT)
    assert f.THOUGHT not in " ".join(t.text for t in conv.turns)
    assert _verdicts(conv) == [("q7b", "first", "incorrect"), ("q7b", "final", "correct")]


def test_specstory_keeps_the_model_and_counts_hidden_blocks():
    [conv] = parse_transcript(f.SPECSTORY, "chat.md")
    assert conv.model == "claude-4.5-sonnet"
    assert conv.title == "Decoder inputs for HW7 (2025-12-02 12:49Z)"
    assert conv.metadata["hidden_blocks_skipped"] == 1
    assert conv.turns[3].text.endswith("a role line inside a code block is text\n```")


def test_chatgpt_exporter_front_matter_is_metadata_with_a_warning_per_key():
    items = parse_items(f.CHATGPT_EXPORTER, "ChatGPT-Decoder.md")
    warnings = [i.text for i in items if not isinstance(i, Conversation)]
    assert warnings == [
        f"front matter key '{key}' (first in ChatGPT-Decoder.md) is kept as metadata, not graded."
        for key in ("source", "create_time", "update_time")
    ]
    [conv] = [i for i in items if isinstance(i, Conversation)]
    assert conv.title == "Decoder inputs"
    assert conv.metadata["front_matter"]["source"] == "https://chatgpt.com/c/6790e1b2-0000-8000-9000-000000000000"


def test_llm_logs_are_one_conversation_per_id_oldest_first():
    [conv] = parse_transcript(f.LLM_JSON, "logs.json")
    assert conv.model == "gpt-4.1-mini" and conv.title == "Decoder inputs"
    assert conv.metadata["reasoning_skipped"] == 1
    [md] = parse_transcript(f.LLM_MARKDOWN, "llm.md")
    assert md.model == "gpt-4.1-mini"
    assert "## Something the answer itself titled" in md.turns[1].text
    assert md.metadata["reasoning_skipped"] == 1


def test_open_webui_follows_the_current_branch():
    [conv] = parse_transcript(f.OPEN_WEBUI, "chat-export.json")
    assert "abandoned" not in " ".join(t.text for t in conv.turns)
    assert conv.model == "llama3.1:8b" and conv.metadata["reasoning_skipped"] == 1


def test_ai_studio_skips_and_counts_thoughts():
    [conv] = parse_transcript(f.AI_STUDIO, "Decoder inputs")
    assert conv.model == "gemini-2.5-pro"
    assert conv.metadata["thoughts_skipped"] == 2


def test_chat_completions_request_and_response_bodies():
    [request] = parse_items(f.CHAT_REQUEST, "request.json") or [None]
    assert [t.role for t in request.turns] == ["user", "assistant", "user"]
    assert request.model == "gpt-4o-mini" and request.format == "openai-chat"
    [response] = parse_transcript(f.CHAT_RESPONSE, "response.json")
    assert [t.role for t in response.turns] == ["assistant"]
    assert response.model == "gpt-4o-mini-2024-07-18"
    assert _verdicts(response) == [("q7b", "first", "correct"), ("q7b", "final", "correct")]  # found by its cues


def test_json_lines_of_request_bodies_are_one_conversation_per_line():
    convs = parse_transcript(f.CHAT_JSONL, "train.jsonl")
    assert [c.source for c in convs] == ["train.jsonl#1", "train.jsonl#2"]
    assert [t.role for t in convs[1].turns] == ROLES
    assert _verdicts(convs[1])[-1] == ("q7b", "final", "correct")


def test_json_lines_of_chatgpt_export_entries():
    entries = [f.chatgpt_export_entry("one", f.TURNS), f.chatgpt_export_entry("two", f.TURNS)]
    convs = parse_transcript("\n".join(json.dumps(e) for e in entries), "export.jsonl")
    assert [c.title for c in convs] == ["one", "two"]


def test_chatgpt_export_zip_is_read_from_its_conversations_json(tmp_path):
    path = tmp_path / "export.zip"
    entries = [f.chatgpt_export_entry("one", f.TURNS), {"title": "damaged"}, f.chatgpt_export_entry("three", f.TURNS)]
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("user.json", "{}")
        z.writestr("conversations.json", json.dumps(entries))
    convs = read_transcript(path)
    assert [(c.source, c.title) for c in convs] == [(f"{path}#1", "one"), (f"{path}#3", "three")]
    assert _verdicts(convs[0]) == [("q7b", "first", "incorrect"), ("q7b", "final", "correct")]


def test_a_zip_without_conversations_json_is_named(tmp_path):
    from hw7grade.errors import TranscriptError

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.png", b"\x89PNG")
    with pytest.raises(TranscriptError, match=r"photos\.zip: a zip without conversations\.json"):
        read_transcript(path)


def test_every_reader_has_the_registry_interface():
    for reader in READERS:
        assert reader.KIND in ("json", "text") and reader.FORMAT and reader.HOW_TO_GET
        assert callable(reader.sniff) and callable(reader.read)
    assert len({r.FORMAT for r in READERS}) == len(READERS)


def test_readme_format_table_lists_every_reader():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| Format (`format`) |") :].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines()[2:] if line.startswith("|")]
    named = [row.split("(`", 1)[1].split("`)", 1)[0] for row in rows]
    assert sorted(named) == sorted(r.FORMAT for r in READERS)
    assert all(len(row.split(" | ")) == 4 and row.split(" | ")[1].strip() for row in rows)  # a "how to get it" cell
