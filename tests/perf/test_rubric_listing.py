"""The cached rubric listing says what a full validation says, and never hides a broken rubric."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.errors import RubricError
from hw7grade.rubric.listing import listing_cache_dir, rubric_listing
from hw7grade.rubric.model import load_rubric


def test_listing_matches_the_validated_rubric_and_is_cached(rubrics):
    expected = [(p.id, p.title, p.points, tuple(c.type for c in p.checks)) for p in load_rubric(rubrics).parts]
    first = rubric_listing(rubrics)
    assert [(r.id, r.title, r.points, r.checks) for r in first] == expected
    assert len(list(listing_cache_dir().glob("*.json"))) == 1
    assert rubric_listing(rubrics) == first


def test_a_typo_after_a_cached_listing_fails_with_the_full_message(rubrics):
    rubric_listing(rubrics)
    q7 = rubrics / "q7.yaml"
    q7.write_text(q7.read_text(encoding="utf-8").replace("    points:", "    pionts:", 1), encoding="utf-8")
    with pytest.raises(RubricError) as full:
        load_rubric(rubrics)
    with pytest.raises(RubricError) as listed:
        rubric_listing(rubrics)
    assert str(listed.value) == str(full.value)
    assert "pionts" in str(full.value)


def test_a_damaged_cache_file_is_a_miss(rubrics):
    rows = rubric_listing(rubrics)
    for path in listing_cache_dir().glob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert rubric_listing(rubrics) == rows


def test_cli_lists_parts_and_totals(rubrics):
    result = CliRunner().invoke(app, ["rubrics", "--rubrics", str(rubrics)])
    assert result.exit_code == 0, result.output
    assert "q3b.i" in result.output and "math_equiv" in result.output
    assert result.output.strip().endswith("12 parts, 32 points")
