"""Rubric self-tests: the shipped known answers grade as expected, and the case loader is strict."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.errors import RubricError
from hw7grade.results import PartScore
from hw7grade.rubric.cases import Case, check_case, coverage_gaps, grade_case, load_cases
from hw7grade.rubric.model import load_rubric

REPO = Path(__file__).resolve().parents[1]
RUBRICS = REPO / "rubrics"
CASES = RUBRICS / "cases"
SHIPPED = [
    pytest.param(path, i, id=f"{path.stem}:{case['part']}:{case['name']}")
    for path in sorted(CASES.glob("*.yaml"))
    for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"])
]


@pytest.fixture(scope="module")
def rubric():
    return load_rubric(RUBRICS)


@pytest.fixture(scope="module")
def shipped(rubric):
    return load_cases(CASES, rubric)


@pytest.mark.parametrize("path, index", SHIPPED)
def test_shipped_case(shipped, rubric, path, index):
    loaded = [c for c in shipped if c.file == path][index]
    score = grade_case(rubric, loaded.case)
    assert check_case(loaded.case, score) == (), score


def test_every_part_has_a_full_and_a_not_full_case(rubric, shipped):
    assert coverage_gaps(rubric, shipped) == []


def _score(points: float, verdict: str = "partial") -> PartScore:
    return PartScore("q7b", "final", points, 3.0, verdict)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "fields, score, problems",
    [
        ({"expect": "full"}, _score(3, "correct"), 0),
        ({"expect": "full"}, _score(2.5), 1),
        ({"expect": "not_full"}, _score(3, "correct"), 1),
        ({"expect": "not_full", "min_score": 1}, _score(0.5), 1),
        ({"expect": "not_full", "max_score": 0}, _score(0, "incorrect"), 0),
        ({"verdict": "partial"}, _score(0, "incorrect"), 1),
        ({"expect": "not_full"}, None, 1),  # no answer found is a surprise: the case tested nothing
    ],
)
def test_check_case(fields, score, problems):
    case = Case(part="q7b", name="x", answer="a", **fields)
    assert len(check_case(case, score)) == problems


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "q7.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "text, message",
    [
        ("cases:\n  - {part: q7b, name: x, answer: y, expect: full, typo: 1}\n", "case #1, field typo: Extra inputs"),
        ("cases:\n  - {part: q7b, name: x, answer: y}\n", "case #1: Value error, a case needs at least one of expect"),
        ("cases:\n  - {part: q9z, name: x, answer: y, expect: full}\n", "unknown part 'q9z'"),
        ("cases: [\n", "not valid YAML"),
        ("cases: []\n", "cases"),
    ],
)
def test_loader_rejects_bad_files(tmp_path, rubric, text, message):
    with pytest.raises(RubricError) as err:
        load_cases(_write(tmp_path / "cases", text), rubric)
    assert "q7.yaml" in str(err.value) and message in str(err.value)


def test_cli_exit_codes(tmp_path):
    good = "cases:\n" + "".join(
        f"  - {{part: {p}, name: {n}, expect: {e}, answer: 'w1 = <sos>, w2 = I, w3 = {w}, w4 = a, w5 = dog'}}\n"
        for p, n, e, w in [("q7b", "right", "full", "see"), ("q7b", "wrong", "not_full", "saw")]
    )
    runner = CliRunner()
    args = ["rubrics", "test", "--rubrics", str(RUBRICS), "--cases"]
    result = runner.invoke(app, [*args, str(_write(tmp_path / "good", good))])
    # Parts without cases are coverage gaps, so a partial case folder fails the run...
    assert result.exit_code == 1 and "q7c has no case that must earn full marks" in result.stdout
    assert "2/2 case(s) as expected" in result.stdout
    surprise = good.replace("name: wrong, expect: not_full", "name: wrong, expect: full")
    result = runner.invoke(app, [*args, str(_write(tmp_path / "bad", surprise))])
    assert result.exit_code == 1 and "q7b 'wrong': expected full marks, got 0/3" in " ".join(result.stdout.split())
    result = runner.invoke(app, [*args, str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "does not exist" in result.stderr
