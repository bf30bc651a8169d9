"""The cached validated rubric is the rubric a full validation gives, and never hides a broken one."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from hw7grade.errors import RubricError
from hw7grade.rubric import compiled, model
from hw7grade.rubric.compiled import compiled_cache_file, load_rubric_cached
from hw7grade.rubric.model import load_rubric

REPO = Path(__file__).resolve().parents[2]


def test_the_cached_rubric_equals_a_fresh_validation_and_is_read_back(rubrics, monkeypatch):
    first = load_rubric_cached(rubrics)
    assert first == load_rubric(rubrics)
    cache_file = compiled_cache_file(rubrics)
    assert cache_file is not None and cache_file.is_file()
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o600
    monkeypatch.setattr(model, "load_rubric", lambda _d: pytest.fail("validated again on a hit"))
    monkeypatch.setattr(model.Rubric, "model_validate", lambda _d: pytest.fail("pydantic validation on a hit"))
    again = load_rubric_cached(rubrics)
    assert again == first and again.directory == rubrics


@pytest.mark.parametrize("folder", [REPO / "rubrics", REPO / "examples" / "another-course" / "rubrics"])
def test_a_hit_rebuilds_exactly_the_validated_rubric(folder):
    import json

    validated = load_rubric(folder)
    dumped = json.loads(compiled.serialise(validated))["rubric"]
    rebuilt = compiled._construct(model.Rubric, dumped)
    assert rebuilt == validated
    assert compiled.serialise(rebuilt) == compiled.serialise(validated)
    revalidated = model.Rubric.model_validate(dumped)  # what a hit gave before: the same fields set
    for mine, theirs in zip(rebuilt.parts, revalidated.parts):
        assert [type(c) for c in mine.checks] == [type(c) for c in theirs.checks]
        assert mine.model_fields_set == theirs.model_fields_set
        assert [c.model_fields_set for c in mine.checks] == [c.model_fields_set for c in theirs.checks]


def test_a_rubric_edit_is_a_miss_and_a_typo_fails_with_the_full_message(rubrics):
    load_rubric_cached(rubrics)
    q7 = rubrics / "q7.yaml"
    q7.write_text(q7.read_text(encoding="utf-8").replace("    points:", "    pionts:", 1), encoding="utf-8")
    with pytest.raises(RubricError) as full:
        load_rubric(rubrics)
    with pytest.raises(RubricError) as cached:
        load_rubric_cached(rubrics)
    assert str(cached.value) == str(full.value) and "pionts" in str(full.value)


def test_a_changed_title_is_seen_at_once(rubrics):
    load_rubric_cached(rubrics)
    q7 = rubrics / "q7.yaml"
    text = q7.read_text(encoding="utf-8")
    title = load_rubric(rubrics).select(["q7"])[0].title
    q7.write_text(text.replace(title, title + " (edited)", 1), encoding="utf-8")
    assert load_rubric_cached(rubrics).select(["q7"])[0].title == title + " (edited)"


WRONG_SHAPE = b'{"schema": "%s", "rubric": {"files": [{"question": 7, "title": "t", "parts": []}]}}' % (
    compiled.COMPILED_SCHEMA.encode()
)


@pytest.mark.parametrize("content", [b"not json", b'{"files": []}', b"\x80\x05K\x01.", b"", WRONG_SHAPE])
def test_a_damaged_or_foreign_cache_file_is_a_miss(rubrics, content):
    expected = load_rubric_cached(rubrics)
    cache_file = compiled_cache_file(rubrics)
    assert cache_file is not None
    cache_file.write_bytes(content)
    assert load_rubric_cached(rubrics) == expected
    assert cache_file.read_bytes() != content  # rewritten from the fresh validation


def test_the_same_folder_by_another_name_is_named_as_given(rubrics, monkeypatch):
    load_rubric_cached(rubrics)
    monkeypatch.chdir(rubrics.parent)
    assert load_rubric_cached(Path("rubrics")).directory == Path("rubrics")


def test_a_deferred_miss_is_cached_only_when_asked_and_as_validated(rubrics, monkeypatch):
    from hw7grade.grading import files
    from hw7grade.grading.files import warm_up
    from hw7grade.rubric.compiled import load_rubric_deferred

    monkeypatch.setattr(files, "_warmed", False)
    rubric, save = load_rubric_deferred(rubrics)
    cache_file = compiled_cache_file(rubrics)
    assert cache_file is not None and not cache_file.exists()
    warm_up(rubric)  # grading caches derived data on some checks: not what gets cached
    assert compiled.serialise(rubric) == compiled.serialise(load_rubric(rubrics))  # no field holds it
    save()
    assert cache_file.read_bytes() == compiled.serialise(load_rubric(rubrics))
    again, save_again = load_rubric_deferred(rubrics)
    assert again == load_rubric(rubrics)
