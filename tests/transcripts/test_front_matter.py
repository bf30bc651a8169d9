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


_GOOD_KEYS = ["model", "title", "human_labels", "q7a", "q3b.ii", "y", "_x", "a-b"]
_BAD_KEYS = ["on", "Yes", "1a", "null", "a b"]
_GOOD_VALUES = [
    "correct",
    "gpt-4o",
    "Machine translation  talk",
    "a (b) c/d.e",
    "n",
    "y",
    "NaN",
    "x",
    "a b ",
    '"HW7: questions 3(b), 4 and #7"',
    '"yes"',
    '""',
    "{first: incorrect, final: correct}",
    "{ first: partial }",
    "{a.b: c-d, e: f}",
]
_BAD_VALUES = [
    "null",
    "NO",
    "x:y",
    "a #c",
    "'q'",
    "12",
    "1e3",
    ".inf",
    "2025-01-22",
    "é",
    "a\tb",
    "-x",
    "~",
    "<<",
    '"a\\nb"',
    '"a" b',
    '"é"',
    "{first: yes}",
    "{a: b, a: c}",
    "{a: {b: c}}",
    "{a b}",
    "{a: 1}",
    "{}",
    "{a: b,c: d}",
]
_YAML_KEYS = st.sampled_from(_GOOD_KEYS * 3 + _BAD_KEYS)
_YAML_VALUES = st.sampled_from(_GOOD_VALUES * 3 + _BAD_VALUES)
_INDENT = st.sampled_from(["  "] * 6 + ["", "   ", "\t"])
_COLON = st.sampled_from([": "] * 6 + [":", ":  ", "::"])
_END = st.sampled_from(["\n"] * 6 + ["\r\n", "\n\n", "  \n", "\x0c\n"])
_ENTRY = st.one_of(
    st.tuples(_YAML_KEYS, _COLON, _YAML_VALUES, _END).map(lambda e: "".join(e)),
    st.tuples(
        _YAML_KEYS,
        st.sampled_from([":\n"] * 4 + [": \n", ":\n\n", ": x\n"]),
        st.lists(st.tuples(_INDENT, _YAML_KEYS, _COLON, _YAML_VALUES, _END).map(lambda e: "".join(e)), max_size=3),
    ).map(lambda e: e[0] + e[1] + "".join(e[2])),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_ENTRY, min_size=1, max_size=4))
def test_the_plain_yaml_path_reads_what_pyyaml_reads(entries):
    """`_plain_yaml` reads the usual block without PyYAML: whatever it returns, PyYAML returns
    equal (and of the same types); anything else it leaves to PyYAML."""
    import yaml

    from hw7grade.transcripts.front_matter import _plain_yaml

    block = "".join(entries)
    plain = _plain_yaml(block)
    if plain is None:
        return
    loaded = yaml.safe_load(block)
    assert plain == loaded
    assert [type(v) for v in plain.values()] == [type(v) for v in loaded.values()]


def test_the_usual_block_takes_the_plain_yaml_path():
    from hw7grade.transcripts.front_matter import _plain_yaml

    block = (
        "model: claude-opus\ntitle: Machine translation discussion\nhuman_labels:\n  q7a: correct\n  q3b.ii: partial\n"
    )
    assert _plain_yaml(block) == {
        "model": "claude-opus",
        "title": "Machine translation discussion",
        "human_labels": {"q7a": "correct", "q3b.ii": "partial"},
    }


def test_a_quoted_title_and_first_final_labels_take_the_plain_yaml_path():
    from hw7grade.transcripts.front_matter import _plain_yaml

    block = (
        'model: gpt-4o\ntitle: "HW7: questions 3(b), 4, 7 and 8"\n'
        "human_labels:\n  q7b: {first: incorrect, final: correct}\n"
    )
    assert _plain_yaml(block) == {
        "model": "gpt-4o",
        "title": "HW7: questions 3(b), 4, 7 and 8",
        "human_labels": {"q7b": {"first": "incorrect", "final": "correct"}},
    }
