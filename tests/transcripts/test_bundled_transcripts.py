"""The transcripts shipped in `transcripts/` parse into the chats they were converted from."""

from pathlib import Path

import pytest

from hw7grade.conversation import HumanLabel
from hw7grade.transcripts import iter_transcript_files, read_transcript

BUNDLED = Path(__file__).resolve().parents[2] / "transcripts"
C, I = "correct", "incorrect"
OK = HumanLabel(C, C)

EXPECTED = {
    "chatgpt-4o-hw7.md": {
        "format": "chatgpt-copy",
        "model": "gpt-4o",
        "turns": 16,
        "labels": {
            "q3b.i": OK,
            "q3b.ii": OK,
            "q4a": OK,
            "q4b": OK,
            "q4c": OK,
            "q7a": OK,
            "q7b": HumanLabel(I, C),
            "q7c": OK,
            "q8a.i": OK,
            "q8a.ii": OK,
            "q8a.iii": OK,
            "q8b": OK,
        },
    },
    "claude-cursor-q3b.md": {"model": "claude-opus", "turns": 6, "labels": {"q3b.i": OK, "q3b.ii": OK}},
    "claude-cursor-q4.md": {"model": "claude-opus", "turns": 2, "labels": {"q4a": OK, "q4b": OK, "q4c": OK}},
    "claude-cursor-q7.md": {"model": "claude-opus", "turns": 2, "labels": {"q7a": OK, "q7b": OK, "q7c": OK}},
    "claude-cursor-q8.md": {
        "model": "claude-opus",
        "turns": 2,
        "labels": {"q8a.i": OK, "q8a.ii": OK, "q8a.iii": OK, "q8b": OK},
    },
}

STUDENT_REMARKS = (
    "Correct Answer",
    "Exact correct answer",
    "Decent reflection",
    "The answer for b is incorrect",
    "explaining the same phenomenon",
    "Derivation of the derivative",
    "Part 2 is also correct",
    "one-shot answers",
    "It provided",
    "12/2/25, 3:46 AM",
    "hw7_claude_logs",
    "📄 👍",
)


def test_every_bundled_file_is_expected():
    assert sorted(p.name for p in iter_transcript_files([BUNDLED]) if "runs" not in p.parts) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_transcript(name):
    want = EXPECTED[name]
    [conv] = read_transcript(BUNDLED / name)
    assert conv.format == want.get("format", "markdown")
    assert conv.model == want["model"]
    assert conv.title
    assert len(conv.turns) == want["turns"]
    assert [t.role for t in conv.turns] == ["user", "assistant"] * (want["turns"] // 2)
    assert conv.human_labels == want["labels"]
    for turn in conv.turns:
        for remark in STUDENT_REMARKS:
            assert remark not in turn.text, f"{name}: student remark {remark!r} left in a {turn.role} turn"


def test_cursor_exports_keep_exporter_metadata():
    [conv] = read_transcript(BUNDLED / "claude-cursor-q7.md")
    assert conv.metadata["exported_by"] == "Cursor 2.1.46"
    assert "`<sos>`, I, see, a, dog" in conv.turns[1].text


def test_chatgpt_7b_correction_exchange_is_in_order():
    [conv] = read_transcript(BUNDLED / "chatgpt-4o-hw7.md")
    answers = [t.text for t in conv.turns if t.role == "assistant"]
    order = [
        next(i for i, a in enumerate(answers) if marker in a)
        for marker in (
            "(b) Decoder Tokens During Training",
            "No — the solution shown",
            "I see a dog <eos>",
            "(c) Decoder Tokens During Evaluation",
        )
    ]
    assert order == sorted(order) and len(set(order)) == 4
