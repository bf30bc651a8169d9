"""Rubric loading: the bundled rubrics are valid, and every mistake names the file, part and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hw7grade.errors import RubricError
from hw7grade.rubric.model import load_rubric

ANSWER_KEY_PARTS = ["q3b.i", "q3b.ii", "q4a", "q4b", "q4c", "q7a", "q7b", "q7c", "q8a.i", "q8a.ii", "q8a.iii", "q8b"]

GOOD_PART = """
  - id: q7b
    title: Training tokens
    points: 3
    prompt: Which tokens?
    reference: <sos>, I, see, a, dog
    checks:
      - type: sequence
        points: 3
        expected: ["<sos>", "I", "see", "a", "dog"]
"""


def _write(tmp_path: Path, body: str, name: str = "q7.yaml") -> Path:
    (tmp_path / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path


def test_bundled_rubrics_cover_every_part_of_the_answer_key():
    rubric = load_rubric()
    assert [p.id for p in rubric.parts] == ANSWER_KEY_PARTS
    q7 = {p.id: p.points for p in rubric.parts if p.id.startswith("q7")}
    assert q7 == {"q7a": 4, "q7b": 3, "q7c": 3}  # the homework's own points


def test_select_by_prefix():
    rubric = load_rubric()
    assert [p.id for p in rubric.select(["q8a"])] == ["q8a.i", "q8a.ii", "q8a.iii"]
    assert [p.id for p in rubric.select(["q3b", "q7c"])] == ["q3b.i", "q3b.ii", "q7c"]
    assert [p.id for p in rubric.select(["q8a.i"])] == ["q8a.i"]
    assert [p.id for p in rubric.select(["q7"])] == ["q7a", "q7b", "q7c"]
    assert len(rubric.select(["all"])) == len(rubric.parts)
    with pytest.raises(RubricError, match="No rubric part matches 'q9'"):
        rubric.select(["q9"])


@pytest.mark.parametrize(
    "body, message",
    [
        ("question: q7\ntitle: t\nparts:\n" + GOOD_PART.replace("points: 3\n    prompt", "pionts: 3\n    prompt"),
         r"q7.yaml: part q7b, field pionts: Extra inputs are not permitted"),
        ("question: q7\ntitle: t\nparts:\n" + GOOD_PART.replace("type: sequence", "type: sequense"),
         r"q7.yaml: part q7b, field checks.0: Input tag 'sequense' found"),
        ("question: q7\ntitle: t\nparts:\n" + GOOD_PART.replace("expected: [", "expectd: ["),
         r"q7.yaml: part q7b, field checks.0.expect"),
        ("question: q7\ntitle: t\nparts:\n" + GOOD_PART.replace("points: 3\n        expected", "points: 2\n        expected"),
         r"q7.yaml: part q7b: check points add up to 2 but the part is worth 3"),
        ("question: q7\ntitle: t\nparts:\n" + GOOD_PART.replace("id: q7b", "id: Q7-b"),
         r"q7.yaml: part Q7-b, field id: .*must look like q7b"),
        ("question: q7\ntitle: t\nparts: [\n", r"q7.yaml: not valid YAML at line"),
        ("- just\n- a list\n", r"q7.yaml: a rubric file must be a mapping"),
        ("question: q7\ntitle: t\nparts:\n" + GOOD_PART.replace("points: 3\n        expected", "points: 3\n        requires: [nope]\n        expected"),
         r"requires unknown check\(s\): nope"),
    ],
    ids=["typo in part field", "unknown check type", "typo in check field", "points do not add up", "bad id", "bad yaml", "not a mapping", "unknown requires"],
)
def test_mistakes_name_file_part_and_field(tmp_path, body, message):
    _write(tmp_path, body)
    with pytest.raises(RubricError, match=message):
        load_rubric(tmp_path)


def test_duplicate_part_across_files(tmp_path):
    _write(tmp_path, "question: q7\ntitle: t\nparts:\n" + GOOD_PART)
    _write(tmp_path, "question: q7x\ntitle: t\nparts:\n" + GOOD_PART, name="q7x.yaml")
    with pytest.raises(RubricError, match="part q7b is already defined"):
        load_rubric(tmp_path)


def test_missing_folder_and_empty_folder(tmp_path):
    with pytest.raises(RubricError, match="does not exist"):
        load_rubric(tmp_path / "nope")
    with pytest.raises(RubricError, match=r"No rubric files \(q\*.yaml\)"):
        load_rubric(tmp_path)


def test_prompts_are_our_own_words_not_the_homework_text():
    # The homework is the course's copyright: rubric prompts paraphrase it. A few distinctive
    # phrases of the original must not appear.
    originals = [
        "State one problem with this proposed design change",
        "What five tokens will be passed into the decoder during training",
        "Comment on what you have learnt",
        "Write out the first order optimality conditions that the minima of Eq. 2 would satisfy",
    ]
    text = " ".join(p.prompt for p in load_rubric().parts).lower()
    for phrase in originals:
        assert phrase.lower() not in text
