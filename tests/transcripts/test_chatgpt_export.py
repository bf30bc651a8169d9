import json
from pathlib import Path

import pytest

from hw7grade.conversation import Turn
from hw7grade.errors import TranscriptError
from hw7grade.transcripts import parse_transcript, read_transcript

FIXTURES = Path(__file__).parent / "fixtures"


def _branch_data() -> list:
    return json.loads((FIXTURES / "chatgpt_branch.json").read_text())


def test_follows_current_node_branch_and_skips_system_tool_code_empty():
    [conv] = read_transcript(FIXTURES / "chatgpt_branch.json")
    assert conv.format == "chatgpt-export"
    assert conv.title == "Teacher forcing question"
    assert conv.turns == (
        Turn("user", "Edited wording: which tokens feed the decoder while training?"),
        Turn("assistant", "With teacher forcing the decoder reads <sos> followed by the reference words."),
    )
    assert conv.model == "gpt-4o-2024-08-06"
    assert conv.metadata["models"] == ["gpt-4o", "gpt-4o-2024-08-06"]


def test_current_node_on_other_branch_picks_that_branch():
    data = _branch_data()
    data[0]["current_node"] = "a1"
    [conv] = parse_transcript(json.dumps(data), "export.json")
    assert [t.text for t in conv.turns] == [
        "First wording of my question about decoder inputs.",
        "Answer on the abandoned branch.",
    ]


def test_hidden_context_messages_are_left_out():
    # Real exports carry custom instructions and model context as messages flagged hidden.
    data = _branch_data()
    mapping = data[0]["mapping"]
    hidden = {"is_visually_hidden_from_conversation": True}
    mapping["ctx"] = {
        "parent": "sys",
        "children": ["u2"],
        "message": {
            "author": {"role": "user"},
            "metadata": hidden,
            "content": {"content_type": "text", "parts": ["Custom instructions: answer in French."]},
        },
    }
    mapping["note"] = {
        "parent": "u2",
        "children": ["code"],
        "message": {
            "author": {"role": "assistant"},
            "metadata": {**hidden, "model_slug": "gpt-4o-mini"},
            "content": {"content_type": "text", "parts": ["Hidden model context."]},
        },
    }
    mapping["u2"]["parent"] = "ctx"
    mapping["code"]["parent"] = "note"
    [conv] = parse_transcript(json.dumps(data), "export.json")
    assert conv.turns == (
        Turn("user", "Edited wording: which tokens feed the decoder while training?"),
        Turn("assistant", "With teacher forcing the decoder reads <sos> followed by the reference words."),
    )
    assert conv.metadata["models"] == ["gpt-4o", "gpt-4o-2024-08-06"]


def test_without_current_node_the_newest_branch_is_used():
    data = _branch_data()
    del data[0]["current_node"]
    [conv] = parse_transcript(json.dumps(data), "export.json")
    assert conv.turns[0].text.startswith("Edited wording")


def test_many_conversations_each_with_its_source():
    convs = read_transcript(FIXTURES / "chatgpt_two.json")
    src = str(FIXTURES / "chatgpt_two.json")
    assert [c.source for c in convs] == [f"{src}#1", f"{src}#2"]
    assert [c.title for c in convs] == ["Loss choice", "Layer count"]
    assert [c.model for c in convs] == ["gpt-4o", "o1"]
    assert convs[1].turns[1].text == "Two: one to encode, one to decode."


def test_conversation_without_answer_is_left_out_of_a_multi_export():
    data = json.loads((FIXTURES / "chatgpt_two.json").read_text())
    data[0]["current_node"] = "a"  # stops at the user's question
    convs = parse_transcript(json.dumps(data), "export.json")
    assert [c.source for c in convs] == ["export.json#2"]


def test_export_with_no_answers_at_all_is_an_error():
    data = _branch_data()
    data[0]["current_node"] = "u2"
    with pytest.raises(TranscriptError, match=r"export\.json: no assistant answers found"):
        parse_transcript(json.dumps(data), "export.json")


def test_cycle_in_parents_is_reported():
    data = _branch_data()
    data[0]["mapping"]["root"]["parent"] = "a2"
    with pytest.raises(TranscriptError, match=r"export\.json: the message tree has a cycle"):
        parse_transcript(json.dumps(data), "export.json")


def test_dangling_parent_is_reported():
    data = _branch_data()
    data[0]["mapping"]["a2"]["parent"] = "gone"
    with pytest.raises(TranscriptError, match=r"node 'gone' is referenced but missing"):
        parse_transcript(json.dumps(data), "export.json")


def test_malformed_entry_names_conversation_and_field():
    data = _branch_data()
    del data[0]["mapping"]["u2"]["message"]["author"]
    with pytest.raises(
        TranscriptError,
        match=r"export\.json: not a valid ChatGPT export entry: field mapping\.u2\.message\.author: Field required",
    ):
        parse_transcript(json.dumps(data), "export.json")
