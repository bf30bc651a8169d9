"""Table-driven: compare(reference, candidate) on the cases in compare_cases.yaml."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from hw7grade.algebra import compare
from hw7grade.rubric.course import default_course

CASES = yaml.safe_load((Path(__file__).parent / "compare_cases.yaml").read_text(encoding="utf-8"))["cases"]
REFERENCES = {
    "G1": r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top",
    "G2": r"\nabla_{W_2}\mathcal{L} = 2 (W_2 W_1 - I) X X^\top W_1^\top",
}
HW7_SHAPES = dict(default_course().shapes)
"""Cases without their own `shapes` use the bundled course file's (X, W_1, W_2, U_k)."""


def test_table_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c['cand'][:40]}" for i, c in enumerate(CASES)])
def test_compare_case(case):
    shapes = {k: tuple(v) for k, v in case["shapes"].items()} if "shapes" in case else HW7_SHAPES
    result = compare(REFERENCES.get(case["ref"], case["ref"]), case["cand"], shapes)
    assert result.status == case["status"], result
    if "factor" in case:
        assert result.factor == Fraction(case["factor"])
    if "transposed" in case:
        assert result.transposed is case["transposed"]
    if "wrt" in case:
        assert result.wrt == case["wrt"]
    if "explain" in case:
        assert case["explain"] in result.explanation, result.explanation
