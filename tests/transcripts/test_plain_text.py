from pathlib import Path

from hw7grade.conversation import HumanLabel, Turn
from hw7grade.transcripts import parse_transcript, read_transcript

FIXTURES = Path(__file__).parent / "fixtures"


def test_plain_text_is_one_assistant_answer():
    [conv] = read_transcript(FIXTURES / "plain_answer.txt")
    assert conv.format == "plain"
    assert conv.turns == (Turn("assistant", (FIXTURES / "plain_answer.txt").read_text().strip()),)
    assert conv.model is None and conv.human_labels == {}


def test_plain_text_may_carry_front_matter():
    text = "---\nmodel: claude-opus\nhuman_labels:\n  q8b: partial\n---\nYes, roughly orthonormal columns.\n"
    [conv] = parse_transcript(text, "answer.md")
    assert conv.format == "plain"
    assert conv.model == "claude-opus"
    assert conv.human_labels == {"q8b": HumanLabel("partial", "partial")}
    assert conv.turns == (Turn("assistant", "Yes, roughly orthonormal columns."),)
