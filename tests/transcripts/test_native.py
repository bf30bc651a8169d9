import json
from pathlib import Path

import pytest

from hw7grade.conversation import HumanLabel
from hw7grade.errors import TranscriptError
from hw7grade.transcripts import parse_transcript, read_transcript
from hw7grade.transcripts.native import NativeTranscript, NativeTurn

FIXTURES = Path(__file__).parent / "fixtures"


def test_reads_turns_model_and_labels():
    [conv] = read_transcript(FIXTURES / "native.json")
    assert conv.format == "native"
    assert conv.model == "claude-opus-4-1"
    assert conv.title == "q7 teacher forcing"
    assert [t.role for t in conv.turns] == ["user", "assistant"]
    assert conv.turns[1].text.startswith("(b) <sos>, I, see")
    assert conv.human_labels == {
        "q7b": HumanLabel("correct", "correct"),
        "q7c": HumanLabel("partial", "correct"),
    }
    assert conv.metadata == {"provider": "anthropic", "parts": ["q7b", "q7c"]}


def test_round_trip_through_dump_json():
    original = NativeTranscript(
        model="gpt-4o",
        provider="openai",
        parts=["q8a.ii"],
        turns=[NativeTurn(role="user", text="Which loss?"), NativeTurn(role="assistant", text="nn.MSELoss")],
        human_labels={"q8a.ii": "correct"},
    )
    [conv] = parse_transcript(original.dump_json(), "run.json")
    assert conv.turns[1].text == "nn.MSELoss"
    assert conv.human_labels["q8a.ii"] == HumanLabel("correct", "correct")


def _native(**changes) -> str:
    data = json.loads((FIXTURES / "native.json").read_text())
    data.update(changes)
    return json.dumps(data)


def test_newer_schema_version_is_named():
    with pytest.raises(TranscriptError, match=r"run\.json: transcript schema 'hw7grade.transcript/2' is not supported"):
        parse_transcript(_native(schema="hw7grade.transcript/2"), "run.json")


def test_bad_turn_role_names_the_field():
    turns = [{"role": "system", "text": "x"}, {"role": "assistant", "text": "y"}]
    with pytest.raises(TranscriptError, match=r"run\.json: not a valid hw7grade transcript: field turns\[0\]\.role"):
        parse_transcript(_native(turns=turns), "run.json")


def test_bad_label_names_part_and_field():
    with pytest.raises(
        TranscriptError,
        match=r"field human_labels\.q7c\.final: .*'correct', 'partial', 'incorrect' or 'missing' \(got 'meh'\)",
    ):
        parse_transcript(_native(human_labels={"q7c": {"first": "partial", "final": "meh"}}), "run.json")


def test_label_key_must_be_a_part_id():
    with pytest.raises(TranscriptError, match=r"field human_labels\.Q7-b: part id 'Q7-b' must look like q7b"):
        parse_transcript(_native(human_labels={"Q7-b": "correct"}), "run.json")


def test_missing_turns_is_reported():
    data = json.loads(_native())
    del data["turns"]
    with pytest.raises(TranscriptError, match=r"field turns: Field required"):
        parse_transcript(json.dumps(data), "run.json")


def test_fields_the_schema_does_not_define_are_ignored_with_a_warning(tmp_path):
    from hw7grade.transcripts import ReadWarning, iter_transcript

    data = json.loads(_native(usage={"input_tokens": 240, "output_tokens": 410}))
    data["turns"][1]["tool_calls"] = []
    path = tmp_path / "run.json"
    path.write_text(json.dumps(data))
    items = list(iter_transcript(path))
    [warning] = [i for i in items if isinstance(i, ReadWarning)]
    assert warning.text == (
        f"{path}: field(s) 'usage', 'turns[].tool_calls' are not part of hw7grade.transcript/1 and were ignored."
    )
    [conv] = [i for i in items if not isinstance(i, ReadWarning)]
    assert conv.turns[1].text.startswith("(b) <sos>, I, see")


def test_a_known_field_of_the_wrong_type_is_still_an_error():
    with pytest.raises(TranscriptError, match=r"run\.json: not a valid hw7grade transcript: field parts"):
        parse_transcript(_native(parts="q7b", usage={}), "run.json")
