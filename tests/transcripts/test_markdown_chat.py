import re
from pathlib import Path

import pytest

from hw7grade.conversation import HumanLabel, Turn
from hw7grade.errors import TranscriptError
from hw7grade.transcripts import parse_transcript, read_transcript
from hw7grade.transcripts.markdown_chat import find_role_lines, is_markdown_chat, parse_markdown_chat

FIXTURES = Path(__file__).parent / "fixtures"


def test_cursor_export_turns_title_and_exporter():
    [conv] = read_transcript(FIXTURES / "cursor_export.md")
    assert conv.format == "markdown"
    assert conv.title == "Decoder inputs at training time"
    assert conv.metadata == {"exported_on": "11/30/2025 at 09:02:44 PST", "exported_by": "Cursor 2.1.44"}
    assert [t.role for t in conv.turns] == ["user", "assistant", "user", "assistant"]
    assert conv.turns[0].text == "Question 7(b) in my own words: which tokens go into the decoder while training?"
    # Separators at turn edges are dropped; a rule inside the answer stays.
    assert conv.turns[1].text == (
        "**Answer:** `<sos>`, I, see, a, dog.\n\n---\n\nThe horizontal rule above belongs to the answer."
    )


def test_consecutive_blocks_of_one_role_merge():
    [conv] = read_transcript(FIXTURES / "cursor_export.md")
    assert conv.turns[3].text == (
        "The model's own outputs: `<sos>`, I, saw, a, dog.\n\n"
        "(A second Cursor block that the export split off after a tool call.)"
    )


def test_role_words_in_prose_and_code_do_not_split_turns():
    [conv] = read_transcript(FIXTURES / "prose_roles.md")
    assert [t.role for t in conv.turns] == ["user", "assistant", "user"]
    answer = conv.turns[1].text
    assert "You said that earlier" in answer
    assert "ChatGPT said: nothing different here." in answer
    assert "this bold role inside a code fence is an example" in answer
    assert conv.turns[2] == Turn("user", "Thanks.")


def test_headings_one_level_are_roles_and_deeper_headings_are_text():
    [conv] = read_transcript(FIXTURES / "headings.md")
    assert [t.role for t in conv.turns] == ["user", "assistant", "user", "assistant"]
    assert conv.turns[1].text.startswith("Two layers.\n\n### Model\n\nThe model is")
    assert conv.turns[2].text == "And the loss?"
    assert conv.title == "Notes from a chat"


def test_web_copy_said_lines():
    [conv] = read_transcript(FIXTURES / "web_copy.md")
    assert [t.role for t in conv.turns] == ["user", "assistant"]
    assert conv.turns[1].text.startswith("Weight decay (for the penalty)")


def test_web_copy_said_marks_glued_to_their_text():
    """A copy that lost line breaks: the text after the mark opens the turn; a repeated mark is one."""
    text = (
        "You said:\nYou said:hey, hw7 q7 (b): the decoder inputs in training?\n"
        "ChatGPT said:ChatGPT said:\nThought for a couple of seconds\nSure: <sos>, I, see, a, dog.\n"
        "You said:thanks\nChatGPT said:You're welcome!\n"
    )
    [conv] = parse_transcript(text, "copy.md")
    assert [t.role for t in conv.turns] == ["user", "assistant", "user", "assistant"]
    assert conv.turns[0].text == "hey, hw7 q7 (b): the decoder inputs in training?"
    assert conv.turns[1].text.endswith("Sure: <sos>, I, see, a, dog.")
    assert "said:" not in conv.turns[1].text
    assert conv.turns[3].text == "You're welcome!"


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("**User**", "user"),
        ("**user:**", "user"),
        ("**Student**", "user"),
        ("**Gemini**", "assistant"),
        ("## You", "user"),
        ("###### AI", "assistant"),
        ("## **ChatGPT**", "assistant"),
        ("Claude said:", "assistant"),
        ("You said:", "user"),
        ("**Model**", "assistant"),
        ("### DeepSeek", "assistant"),
        ("**Llama**", "assistant"),
        # the role word alone on its line, as a plain-text copy has it (a chat of them opens on the user's)
        ("User", "user"),
        ("Assistant:", "assistant"),
    ],
)
def test_role_line_forms(line, role):
    [found] = find_role_lines([line])
    assert found.role == role


@pytest.mark.parametrize(
    "line",
    [
        "The user said so.",
        "**User** wants this",
        "You said: three words",
        "## User guide",
        "#User",
        "    **Userx**",
    ],
)
def test_not_role_lines(line):
    assert find_role_lines([line]) == []


def test_one_role_only_is_not_a_chat():
    assert not is_markdown_chat("## Assistant\n\nan answer with no question\n")


def test_role_headings_of_two_levels_are_one_chat_when_no_level_has_both_roles():
    text = "### You\n\nQ8 (ii): which loss?\n\n## Gemini\n\n### (ii) MSELoss\n\n### You\n\nthanks\n"
    assert is_markdown_chat(text)
    [conv] = parse_markdown_chat(text, "chat.md")
    assert [(t.role, t.text) for t in conv.turns] == [
        ("user", "Q8 (ii): which loss?"),
        ("assistant", "### (ii) MSELoss"),
        ("user", "thanks"),
    ]


def test_one_heading_level_with_both_roles_keeps_other_levels_as_text():
    text = "## User\n\nq7?\n\n## Assistant\n\n### User\n\nquoted heading\n"
    [conv] = parse_markdown_chat(text, "chat.md")
    assert [t.role for t in conv.turns] == ["user", "assistant"]
    assert conv.turns[1].text == "### User\n\nquoted heading"


def test_front_matter_sets_model_title_and_labels():
    [conv] = read_transcript(FIXTURES / "front_matter_labels.md")
    assert conv.model == "gpt-4o"
    assert conv.title == "Labels: first and final"
    assert conv.human_labels == {
        "q7b": HumanLabel("incorrect", "correct"),
        "q7c": HumanLabel("partial", "partial"),
    }
    assert len(conv.turns) == 4


def test_bad_label_names_file_and_field():
    with pytest.raises(TranscriptError) as err:
        read_transcript(FIXTURES / "bad_label.md")
    message = str(err.value)
    assert message.startswith(str(FIXTURES / "bad_label.md") + ": bad front matter field human_labels.q7b.first")
    assert "'wrongish'" in message


def test_cursor_separator_at_top_is_not_front_matter():
    text = "---\n\n**User**\n\nmodel: is this yaml?\n\n---\n\n**Assistant**\n\nNo, it is a turn.\n"
    [conv] = parse_markdown_chat(text, "chat.md")
    assert conv.model is None
    assert conv.turns[0].text == "model: is this yaml?"
    assert conv.turns[1].text == "No, it is a turn."


def test_readme_example_parses():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("<!-- section: transcripts -->")[1].split("<!-- end: transcripts -->")[0]
    example = re.search(r"```markdown\n(.*?)```", section, re.S).group(1)
    [conv] = parse_markdown_chat(example, "README example")
    assert [t.role for t in conv.turns] == ["user", "assistant"]
    assert conv.human_labels["q7b"] == HumanLabel("incorrect", "correct")


def test_long_hostile_preamble_line_is_quick():
    hostile = "_Exported on " + " from x" * 200_000 + "\n# " + " #" * 200_000 + "\n"
    [conv] = parse_markdown_chat(hostile + "**User**\n\nq\n\n**AI**\n\na\n", "big.md")
    assert conv.title is None and conv.metadata == {}


def test_long_lines_that_start_like_role_lines_are_quick():
    lines = ["## User" + " " * 1_000_000 + "x", "**User**" + " " * 1_000_000 + "x", "You said:" + " " * 1_000_000 + "x"]
    assert find_role_lines(lines) == []
    glued = "You said:" * 1_000_000 + "x"
    [found] = find_role_lines([glued])
    assert found.role == "user" and found.tail.startswith("You said:")
