"""Table-driven check tests: `test_<type>.py` functions taking a `case` fixture are run once per
entry of `cases/<type>.yaml`.

A case file has `specs:` (named rubric specs of that type) and `cases:`, each with `id`, `spec`
(a name from `specs` or an inline mapping), `answer`, optional `question` and `before` (the attempt
a final answer follows), and `expect`
(`status`, optional `points`, `evidence` substring, `message` substring, `cap`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from hw7grade.checks import CHECK_TYPES, CheckContext, CheckResult, CheckSpec

CASES_DIR = Path(__file__).parent / "cases"
SPEC_BY_TYPE = {cls.model_fields["type"].default: cls for cls in CHECK_TYPES}


@dataclass(frozen=True)
class Case:
    id: str
    spec: CheckSpec
    context: CheckContext
    expect: dict[str, Any]

    def verify(self, result: CheckResult) -> None:
        e = self.expect
        got = f"got {result.status} {result.points} evidence={result.evidence!r} message={result.message!r}"
        assert result.status == e["status"], got
        if "points" in e:
            assert result.points == pytest.approx(e["points"]), got
        if "evidence" in e:
            if e["evidence"] is None:
                assert result.evidence is None, got
            else:
                assert result.evidence is not None and e["evidence"].casefold() in result.evidence.casefold(), got
        if "message" in e:
            assert e["message"].casefold() in result.message.casefold(), got
        if "cap" in e:
            assert result.cap == e["cap"], got


def load_cases(check_type: str) -> list[Case]:
    data = yaml.safe_load((CASES_DIR / f"{check_type}.yaml").read_text(encoding="utf-8"))
    cls = SPEC_BY_TYPE[check_type]
    specs = {name: cls.model_validate({"type": check_type, **fields}) for name, fields in data["specs"].items()}
    cases = []
    for raw in data["cases"]:
        ref = raw["spec"]
        spec = specs[ref] if isinstance(ref, str) else cls.model_validate({"type": check_type, **ref})
        ctx = CheckContext(answer=raw["answer"], question=raw.get("question", ""), before=raw.get("before", ""))
        cases.append(Case(raw["id"], spec, ctx, raw["expect"]))
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), f"duplicate case ids in {check_type}.yaml"
    return cases


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "case" not in metafunc.fixturenames:
        return
    check_type = metafunc.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    if not (CASES_DIR / f"{check_type}.yaml").exists():
        return
    cases = load_cases(check_type)
    metafunc.parametrize("case", cases, ids=[c.id for c in cases])
