"""`--labels FILE.yaml`: keys are paths relative to the file's folder (+ `#N`), values part labels."""

from pathlib import Path

import pytest

from hw7grade.conversation import HumanLabel
from hw7grade.errors import UsageError
from hw7grade.transcripts import iter_transcript_files
from hw7grade.transcripts.labels_file import labels_for, read_labels_file, source_key, unmatched_warning


def test_keys_become_the_sources_grading_names(tmp_path):
    runs = tmp_path / "runs"
    (runs / "sub").mkdir(parents=True)
    (runs / "sub" / "chat.md").write_text("x", encoding="utf-8")
    labels = runs / "labels.yaml"
    labels.write_text(
        "sub/chat.md: {q7b: correct, q7c: {first: incorrect, final: correct}}\nexport.json#2: {q4a: missing}\n",
        encoding="utf-8",
    )
    got = read_labels_file(labels)
    # The same string iter_transcript_files yields for the folder given on the command line.
    assert str(iter_transcript_files([runs])[0]) in got
    assert got == {
        str(runs / "sub" / "chat.md"): {
            "q7b": HumanLabel(first="correct", final="correct"),
            "q7c": HumanLabel(first="incorrect", final="correct"),
        },
        f"{runs / 'export.json'}#2": {"q4a": HumanLabel(first="missing", final="missing")},
    }


def test_relative_labels_path_keeps_relative_sources():
    assert source_key("labels.yaml", "chat.md") == "chat.md"
    assert source_key(Path("corpus") / "labels.yaml", "a/b.json#3") == str(Path("corpus") / "a" / "b.json") + "#3"
    assert source_key(Path("corpus") / "labels.yaml", "/srv/runs/c.md") == "/srv/runs/c.md"


def test_bad_entries_are_named_and_skipped(tmp_path):
    labels = tmp_path / "labels.yaml"
    labels.write_text(
        "good.md: {q7b: partial}\nbad.md: {q7b: meh}\nworse.md#x: {q7b: correct}\nnopart.md: {seven: correct}\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    got = read_labels_file(labels, warnings.append)
    assert list(got) == [str(tmp_path / "good.md")]
    assert len(warnings) == 3
    assert warnings[0].startswith(f"{labels}: entry 'bad.md' skipped: field q7b: ")
    assert "(got 'meh')" in warnings[0] and "missing" in warnings[0]
    assert "conversation number" in warnings[1]
    assert "part id 'seven'" in warnings[2]


@pytest.mark.parametrize(
    "text, message",
    [
        ("- a\n- b\n", "this one is not a mapping"),
        ("a: [b\n", "not valid YAML at line 2"),
    ],
)
def test_unreadable_file_is_one_usage_error(tmp_path, text, message):
    labels = tmp_path / "labels.yaml"
    labels.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        read_labels_file(labels)
    with pytest.raises(UsageError, match="no such labels file"):
        read_labels_file(tmp_path / "gone.yaml")


def test_empty_file_has_no_labels(tmp_path):
    (tmp_path / "labels.yaml").write_text("# nothing reviewed yet\n", encoding="utf-8")
    assert read_labels_file(tmp_path / "labels.yaml") == {}


def test_unmatched_warning_names_the_keys():
    labels = {"a.md": {}, "b.md": {}}
    assert unmatched_warning(labels, ["a.md", "b.md"], "l.yaml") is None
    assert unmatched_warning(labels, ["a.md"], "l.yaml").startswith(
        "l.yaml: 1 labelled transcript(s) were not graded (b.md)"
    )


def test_the_first_chat_of_a_file_holding_one_is_the_file():
    one = {"q7a": HumanLabel("correct", "correct")}
    labels = {"export.json#1": one, "multi.json#2": one}
    assert labels_for(labels, "export.json") == one  # the export held one chat, so its source has no #1
    assert labels_for(labels, "multi.json") == {}  # #2 is not the file
    assert labels_for(labels, "multi.json#1") == {}
    assert unmatched_warning(labels, ["export.json", "multi.json#2"], "l.yaml") is None
    assert "(multi.json#2)" in unmatched_warning(labels, ["export.json", "multi.json#1"], "l.yaml")
