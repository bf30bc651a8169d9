import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.sampled_from(["correct", "partial", "incorrect", "missing", "great", "", "Correct", "q7b", "gpt-4o"]),
)
_KEYS = st.sampled_from(["q7a", "q3b.ii", "q8", "seven", "", "Q7b", "first", "final", "other"])
_VALUES = st.recursive(_SCALARS, lambda inner: st.dictionaries(_KEYS, inner, max_size=3) | st.lists(inner, max_size=2))
_FRONT = st.dictionaries(st.sampled_from(["model", "title", "human_labels"]), _VALUES, max_size=3)


@settings(max_examples=400, deadline=None)
@given(_FRONT)
def test_the_plain_front_matter_path_builds_what_validation_builds(known):
    """`_plain` skips pydantic's validator for the usual block: whatever it builds, validation
    builds equal (fields set included), and it builds nothing validation would refuse."""
    from pydantic import ValidationError

    from hw7grade.transcripts.front_matter import FrontMatter, _plain

    plain = _plain(known)
    try:
        validated = FrontMatter.model_validate(known)
    except ValidationError:
        assert plain is None
        return
    if plain is not None:
        assert plain == validated and plain.model_fields_set == validated.model_fields_set
        for label, expected in zip(plain.human_labels.values(), validated.human_labels.values()):
            assert type(label) is type(expected)
            if not isinstance(label, str):
                assert label == expected and label.model_fields_set == expected.model_fields_set


def test_the_usual_front_matter_takes_the_plain_path():
    from hw7grade.transcripts.front_matter import _plain

    usual = {"model": "claude-opus", "title": "Q7", "human_labels": {"q7a": "correct", "q7b": {"first": "partial"}}}
    assert _plain(usual) is not None
