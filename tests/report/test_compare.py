import pytest

from hw7grade.report.compare import TOTAL, compare_reports

from .factory import part, report, transcript


def test_side_by_side_parts_and_models():
    a = report(
        transcript("a.md", "gpt-4o", part("q7a", 4, 4), part("q7b", 0)),
        transcript("b.md", "gpt-4o", part("q7a", 2, 4), part("q7b", 3)),
        transcript("gone.md", "claude", part("q7c", 3)),
    )
    b = report(
        transcript("a.md", "gpt-4o", part("q7a", 4, 4), part("q7b", 3)),
        transcript("b.md", "gpt-4o", part("q7a", 0, 4), part("q7b", 3)),
    )
    cmp = compare_reports(a, b)
    rows = {(r.path, r.part_id): r for r in cmp.parts}
    assert rows[("a.md", "q7b")].delta == pytest.approx(1.0)
    assert rows[("b.md", "q7a")].delta == pytest.approx(-0.5)
    assert rows[("gone.md", "q7c")].b is None and rows[("gone.md", "q7c")].delta is None
    models = {(m.model, m.part_id): m for m in cmp.models}
    assert models[("gpt-4o", "q7a")].a == pytest.approx(0.75)
    assert models[("gpt-4o", "q7a")].b == pytest.approx(0.5)
    assert models[("gpt-4o", "q7b")].delta == pytest.approx(0.5)
    # Totals are points-weighted: A 9/14, B 10/14.
    assert models[("gpt-4o", TOTAL)].a == pytest.approx(9 / 14)
    assert models[("gpt-4o", TOTAL)].b == pytest.approx(10 / 14)
    assert models[("claude", "q7c")].b is None and models[("claude", TOTAL)].b is None
