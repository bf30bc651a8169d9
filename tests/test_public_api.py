"""The package's small public API works end to end and stays lazy."""

from __future__ import annotations

import subprocess
import sys

import hw7grade


def test_public_api_grades_a_chat(tmp_path):
    chat = tmp_path / "chat.md"
    chat.write_text(
        "**User**\n\nQuestion 7 (c)?\n\n**Assistant**\n\nw1 = <sos>, w2 = I, w3 = saw, w4 = a, w5 = dog\n",
        encoding="utf-8",
    )
    rubric = hw7grade.load_rubric()
    (conversation,) = hw7grade.read_transcript(chat)
    result = hw7grade.grade_conversation(conversation, rubric)
    assert [(p.id, p.verdict) for p in result.parts] == [("q7c", "correct"), ("q7c", "correct")]
    assert hw7grade.compare_math("X X^T", "X X^\\top", {"X": ("m", "n")}).status == "equivalent"
    assert set(hw7grade.__all__) >= {"load_rubric", "read_transcript", "grade_conversation", "Hw7gradeError"}


def test_unknown_attribute_is_an_attribute_error():
    try:
        hw7grade.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_importing_the_package_loads_nothing_heavy():
    code = (
        "import sys, hw7grade; print(sorted(m for m in ('pydantic', 'yaml', 'rich', 'openai', 'anthropic') if m in "
        "sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
