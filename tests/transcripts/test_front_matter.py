import pytest

from hw7grade.errors import TranscriptError
from hw7grade.transcripts.front_matter import split_front_matter


def test_no_front_matter_leaves_text_alone():
    text = "# Title\n\n---\n\n**User**\n"
    assert split_front_matter(text, "a.md") == (None, text)


def test_front_matter_is_split_off():
    front, body = split_front_matter("---\nmodel: gpt-4o\n---\nbody\n", "a.md")
    assert front is not None and front.model == "gpt-4o"
    assert body == "body\n"


def test_unclosed_fence_is_not_front_matter():
    text = "---\nmodel: gpt-4o\nno closing fence\n"
    assert split_front_matter(text, "a.md") == (None, text)


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("model: gpt-4o\nhuman_labels:\n  q7b: great\n", r"field human_labels\.q7b: .* \(got 'great'\)"),
        ("model: gpt-4o\nhuman_labels:\n  seven: correct\n", r"part id 'seven' must look like q7b"),
        ("model: gpt-4o\nhuman_labels: [q7b]\n", r"field human_labels: Input should be a valid dictionary"),
        ("title: a: b: c\n", r"a\.md: the YAML front matter is invalid at line 2"),
    ],
)
def test_bad_front_matter_names_file_and_field(block, expected):
    with pytest.raises(TranscriptError, match=expected):
        split_front_matter(f"---\n{block}---\n\n## User\n", "a.md")
