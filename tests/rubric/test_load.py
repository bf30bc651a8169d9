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
        (
            "question: q7\ntitle: t\nparts:\n" + GOOD_PART.replace("points: 3\n    prompt", "pionts: 3\n    prompt"),
            r"q7.yaml: part q7b, field pionts: Extra inputs are not permitted",
        ),
        (
            "question: q7\ntitle: t\nparts:\n" + GOOD_PART.replace("type: sequence", "type: sequense"),
            r"q7.yaml: part q7b, field checks.0: Input tag 'sequense' found",
        ),
        (
            "question: q7\ntitle: t\nparts:\n" + GOOD_PART.replace("expected: [", "expectd: ["),
            r"q7.yaml: part q7b, field checks.0.expect",
        ),
        (
            "question: q7\ntitle: t\nparts:\n"
            + GOOD_PART.replace("points: 3\n        expected", "points: 2\n        expected"),
            r"q7.yaml: part q7b: check points add up to 2 but the part is worth 3",
        ),
        (
            "question: q7\ntitle: t\nparts:\n" + GOOD_PART.replace("id: q7b", "id: Q7-b"),
            r"q7.yaml: part Q7-b, field id: .*must look like q7b",
        ),
        ("question: q7\ntitle: t\nparts: [\n", r"q7.yaml: not valid YAML at line"),
        ("- just\n- a list\n", r"q7.yaml: a rubric file must be a mapping"),
        (
            "question: q7\ntitle: t\nparts:\n"
            + GOOD_PART.replace("points: 3\n        expected", "points: 3\n        requires: [nope]\n        expected"),
            r"requires unknown check\(s\): nope",
        ),
    ],
    ids=[
        "typo in part field",
        "unknown check type",
        "typo in check field",
        "points do not add up",
        "bad id",
        "bad yaml",
        "not a mapping",
        "unknown requires",
    ],
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
    with pytest.raises(RubricError, match=r"No rubric files \(\*.yaml\)"):
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


CONCEPTS_PART = """
  - id: q7a
    title: The problem
    points: 2
    prompt: What goes wrong?
    reference: exposure bias
    judge: true
    criteria:
      - name: names_problem
        check: reason
        points: 2
        description: Names a real problem.
    checks:
      - type: concepts
        name: reason
        points: 2
        concepts:
          - name: mismatch
            phrases: ["exposure bias", "train test mismatch"]
"""


def _file(part: str) -> str:
    return "question: q7\ntitle: t\nshapes:\n  X: [m, n]\nparts:\n" + part


@pytest.mark.parametrize(
    "body, message",
    [
        (
            _file(GOOD_PART.replace("points: 3\n    prompt", "points: .inf\n    prompt")),
            r"q7.yaml: part q7b, field points: Input should be a finite number\.$",
        ),
        (
            _file(
                GOOD_PART.replace("points: 3\n    prompt", "points: .inf\n    prompt").replace(
                    "points: 3\n        expected", "points: .inf\n        expected"
                )
            ),
            r"q7.yaml: part q7b, field points: Input should be a finite number\.$",
        ),
        (
            _file(GOOD_PART.replace("points: 3\n        expected", "points: .nan\n        expected")),
            r"q7.yaml: part q7b, field checks\.0\.points: Input should be greater than or equal to 0\.$",
        ),
        (
            _file(CONCEPTS_PART.replace("points: 2\n        description", "points: .inf\n        description")),
            r"q7.yaml: part q7a, field criteria\[names_problem\]\.points: inf is not a finite number\.$",
        ),
        (
            _file(CONCEPTS_PART.replace('"train test mismatch"', '"  "')),
            # main's concepts validator (text layer) refuses a phrase with no words before this part-level check runs
            r"q7.yaml: part q7a, field checks\.0\.0\.phrases: phrase '  ' has no words to match\.$",
        ),
        (
            _file(GOOD_PART.replace('"see"', '""')),
            r"q7.yaml: part q7b, field checks\[1\]\.expected\[3\]: an empty phrase",
        ),
        (
            _file(GOOD_PART.replace("points: 3\n        expected", "points: 3\n        points: 0\n        expected")),
            r"q7.yaml: part q7b, field checks\[1\]\.points: duplicate key at line 15 \(first at line 14\)\.$",
        ),
        (
            _file(GOOD_PART).replace("title: t\n", "title: t\ntitle: u\n"),
            r"q7.yaml: field title: duplicate key at line 3 \(first at line 2\)\.$",
        ),
        (
            _file(GOOD_PART).replace("X: [m, n]", "X: ['99999999', '99999999']"),
            r"q7.yaml: field shapes: X: a numeric dimension may be at most 32",
        ),
    ],
    ids=[
        "infinite part points",
        "infinite part and check points",
        "nan check points",
        "infinite criterion points",
        "blank phrase",
        "empty token",
        "duplicate check key",
        "duplicate top-level key",
        "huge declared shape",
    ],
)
def test_unsafe_values_are_load_errors_naming_file_part_and_field(tmp_path, body, message):
    _write(tmp_path, body)
    with pytest.raises(RubricError, match=message):
        load_rubric(tmp_path)


def test_the_fixture_parts_load_when_nothing_is_wrong(tmp_path):
    _write(tmp_path, _file(GOOD_PART + CONCEPTS_PART))
    assert [p.id for p in load_rubric(tmp_path).parts] == ["q7b", "q7a"]


def test_a_rubric_file_over_the_size_cap_is_refused_unread(tmp_path):
    from hw7grade.rubric.model import MAX_RUBRIC_BYTES

    _write(tmp_path, _file(GOOD_PART) + "#" * MAX_RUBRIC_BYTES + "\n")
    with pytest.raises(
        RubricError, match=r"q7.yaml: the file is 1,048,8\d\d bytes, over the 1,048,576-byte limit for a rubric\."
    ):
        load_rubric(tmp_path)


def test_every_problem_of_every_file_is_listed_with_part_field_and_hint(tmp_path):
    body = GOOD_PART.replace("points: 3\n    prompt", "pionts: 3\n    prompt").replace(
        "type: sequence", "type: sequense"
    )
    _write(tmp_path, "question: q7\ntitle: t\nparts:\n" + body)
    _write(
        tmp_path,
        "question: q9\ntitle: t\nparts:\n"
        + GOOD_PART.replace("id: q7b", "id: q9a").replace("title: Training tokens\n    ", ""),
        name="hw9.yaml",
    )
    with pytest.raises(RubricError) as caught:
        load_rubric(tmp_path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 4
    assert lines[0] == f"{tmp_path / 'hw9.yaml'}: part q9a, field title: Field required (hint: add this field)."
    assert (
        lines[1]
        == f"{tmp_path / 'q7.yaml'}: part q7b, field pionts: Extra inputs are not permitted (hint: did you mean "
        "`points`?)."
    )
    assert lines[2] == f"{tmp_path / 'q7.yaml'}: part q7b, field points: Field required (hint: add this field)."
    assert lines[3].startswith(f"{tmp_path / 'q7.yaml'}: part q7b, field checks.0: Input tag 'sequense' found")
    assert lines[3].endswith("(hint: `hw7grade rubrics schema` lists the check types).")


def test_any_yaml_name_is_a_rubric_file_and_course_yaml_is_the_course(tmp_path):
    _write(tmp_path, "question: q9\ntitle: t\nparts:\n" + GOOD_PART.replace("id: q7b", "id: q9a"), name="hw9.yaml")
    _write(tmp_path, "homework: HW9\nsystem_prompt: Be brief.\nshapes:\n  A: [p, q]\n", name="course.yaml")
    rubric = load_rubric(tmp_path)
    assert [p.id for p in rubric.parts] == ["q9a"]
    assert (rubric.course.homework, rubric.course.system_prompt) == ("HW9", "Be brief.")
    assert rubric.shapes_for("q9a") == {"A": ("p", "q")}
    assert rubric.directory == tmp_path


def test_a_folder_without_a_course_file_gets_the_bundled_one(tmp_path):
    _write(tmp_path, "question: q7\ntitle: t\nparts:\n" + GOOD_PART)
    course = load_rubric(tmp_path).course
    assert course.homework == "HW7" and course.shapes["W_1"] == ("k", "m")
    assert "Answer:" in course.system_prompt


def test_a_bad_course_file_names_its_field(tmp_path):
    _write(tmp_path, "question: q7\ntitle: t\nparts:\n" + GOOD_PART)
    _write(tmp_path, "homework: HW9\nsystem_promt: x\n", name="course.yaml")
    with pytest.raises(
        RubricError,
        match=r"course.yaml: field system_promt: Extra inputs are not permitted "
        r"\(hint: did you mean `system_prompt`\?\)",
    ):
        load_rubric(tmp_path)


def test_a_rubrics_folder_in_the_working_directory_is_used_whatever_its_file_names(tmp_path, monkeypatch):
    folder = tmp_path / "rubrics"
    folder.mkdir()
    _write(folder, "question: q9\ntitle: t\nparts:\n" + GOOD_PART.replace("id: q7b", "id: q9a"), name="hw9.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HW7GRADE_RUBRICS", raising=False)
    rubric = load_rubric()
    assert [p.id for p in rubric.parts] == ["q9a"] and rubric.directory == Path("rubrics").resolve()
