"""Formulas as data (issue 16): math checks record what they compared in our canonical LaTeX, the
JSON report carries it, grading never loads sympy, reports are byte-identical run to run, and the
views (grade -v, math -v) explain a miss when they show it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hw7grade.algebra import normalise_table, parse_statements
from hw7grade.algebra.nodes import Add, Div, Ident, Mul, Neg, Node, Num, Power, Sym, Trace, Transpose, canonical
from hw7grade.checks.base import CheckContext, Formula
from hw7grade.checks.math_equiv import MathEquivCheck
from hw7grade.checks.scalar_equiv import ScalarEquivCheck
from hw7grade.cli import app
from hw7grade.report.pretty import formula_lines
from hw7grade.rubric.course import default_course

REPO = Path(__file__).resolve().parents[1]
TABLE = normalise_table(default_course().shapes)
G1 = r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top"
WRONG_ANSWER = r"The gradient is $$\nabla_{W_1} L = 2 \mathbf{W}_2^T \mathbf{W}_2 \mathbf{W}_1 \mathbf{X}\mathbf{X}^T$$"


# -- canonical rendering reads back as the same tree ----------------------------------------


def _without_uids(node: object) -> object:
    """A tree compared without the uids the parser numbers `I` and `0` with."""
    if isinstance(node, Ident):
        return ("I", node.size)
    if isinstance(node, tuple):
        return tuple(_without_uids(n) for n in node)
    if hasattr(node, "__dataclass_fields__"):
        return (type(node).__name__, *(_without_uids(getattr(node, f)) for f in node.__dataclass_fields__))
    return node


LEAVES = [Sym("X"), Sym("W_1"), Sym("W_2"), Sym("U_k"), Sym("lambda"), Sym("Sigma"), Ident("k", 0), Ident(None, 1)]


@st.composite
def trees(draw, depth: int = 3) -> Node:
    kind = draw(st.sampled_from(["leaf", "num", "add", "neg", "mul", "div", "t", "pow", "tr"] if depth else ["leaf"]))
    sub = lambda: draw(trees(depth - 1))  # noqa: E731
    if kind == "leaf":
        return draw(st.sampled_from(LEAVES))
    if kind == "num":
        return Num(Fraction(draw(st.integers(-5, 5)), draw(st.integers(1, 4))))
    if kind == "add":
        return Add((sub(), *(Neg(sub()) if draw(st.booleans()) else sub() for _ in range(draw(st.integers(1, 2))))))
    if kind == "neg":
        return Neg(sub())
    if kind == "mul":
        return Mul((sub(), sub()))
    if kind == "div":
        return Div(sub(), Num(Fraction(draw(st.integers(2, 5)))))
    if kind == "t":
        return Transpose(sub())
    if kind == "pow":
        return Power(sub(), draw(st.sampled_from([-1, 2, 3])))
    return Trace(sub())


@settings(max_examples=150, deadline=None)
@given(trees())
def test_canonical_text_reads_back_as_the_same_tree(tree):
    statements, errors = parse_statements(canonical(tree), TABLE)
    # A tree the parser itself would never build (a sum directly in a sum, a product in a
    # product, a negated number) reads back flattened: compare one parse with the next.
    assert not errors and len(statements) == 1, canonical(tree)
    again, _ = parse_statements(canonical(statements[0].lhs), TABLE)
    assert _without_uids(again[0].lhs) == _without_uids(statements[0].lhs)


@pytest.mark.parametrize(
    "text",
    [
        G1,
        r"\nabla_{W_2} L = -2(X - W_2W_1X)(W_1X)^T = 0",
        r"W_2^T W_2 W_1 X X^\top = W_2^\top X X^\top",
        r"\frac{1}{2}\operatorname{tr}(X^T X) + \lambda \|W_1\|_F^2",
        r"(W_2^T W_2)^{-1} W_2^T X - \frac{X}{3}",
    ],
)
def test_a_statement_reads_back_from_its_canonical_text(text):
    (statement,), _ = parse_statements(text, TABLE)
    (back,), errors = parse_statements(statement.canonical, TABLE)
    assert not errors
    assert (back.kind, back.wrt, _without_uids(back.lhs), _without_uids(back.rhs)) == (
        statement.kind,
        statement.wrt,
        _without_uids(statement.lhs),
        _without_uids(statement.rhs),
    )


# -- checks record formulas, grading never explains -----------------------------------------


def test_math_equiv_records_both_formulas_and_no_sympy_explanation():
    check = MathEquivCheck(references=[G1], points=2)
    result = check.run(CheckContext(WRONG_ANSWER, shapes=TABLE))
    assert result.status == "failed"
    assert result.formulas == (
        Formula(
            r"\nabla_{W_1} \mathcal{L} = 2 W_2^\top \left(W_2 W_1 - I\right) X X^\top",
            r"\nabla_{W_1} \mathcal{L} = 2 W_2^\top W_2 W_1 X X^\top",
            "not_equivalent",
            "matrix",
            (("W_1", "k", "m"), ("W_2", "m", "k"), ("X", "m", "n")),
        ),
    )
    snippet = r"\nabla_{W_1} L = 2 \mathbf{W}_2^T \mathbf{W}_2 \mathbf{W}_1 \mathbf{X}\mathbf{X}^T"
    assert result.message == f"closest: not equivalent in {snippet!r}"  # no "the term ... is missing" yet


def test_scalar_equiv_records_the_value_it_matched():
    check = ScalarEquivCheck(reference=r"\frac{341}{26}", points=1)
    assert check.run(CheckContext("A speed-up of about 13.1x.")).formulas == (
        Formula(r"\frac{341}{26}", "13.1", "equivalent", "scalar"),
    )
    assert check.run(CheckContext("A speed-up of 12x.")).formulas == (
        Formula(r"\frac{341}{26}", None, "not_equivalent", "scalar"),
    )


def test_the_view_explains_a_miss_and_says_when_time_ran_out(monkeypatch):
    formula = MathEquivCheck(references=[G1], points=2).run(CheckContext(WRONG_ANSWER, shapes=TABLE)).formulas[0]
    lines = formula_lines(formula)
    assert lines[0] == "expected:" and "found − expected, expanded:" in lines
    assert lines[-1] == "explanation: the term −2·W₂ᵀXXᵀ is missing"
    assert formula_lines(formula, unicode=False)[-1] == "explanation: the term -2*W_2^TXX^T is missing"

    # An expansion that outlives the explanation's deadline is stopped, and the view says so.
    import hw7grade.algebra.difference as difference
    import hw7grade.algebra.forms as forms
    from hw7grade.algebra.memo import clear_memos

    clear_memos()
    monkeypatch.setattr(difference, "expanded", lambda p: time.sleep(5))
    monkeypatch.setattr(forms, "EXPLAIN_TIMEOUT_S", 0.3)
    monkeypatch.setattr(difference, "EXPLAIN_TIMEOUT_S", 0.3)
    started = time.monotonic()
    lines = formula_lines(formula)
    assert lines[-1] == "explanation: time limit" and "found − expected, expanded:" not in lines
    assert time.monotonic() - started < 3


def test_json_report_carries_formulas_and_reads_them_back(tmp_path):
    from hw7grade.report.json_report import decode_entry, encode_entry

    out = tmp_path / "r.json"
    done = CliRunner().invoke(app, ["grade", str(REPO / "transcripts"), "--only", "q3b", "--json", str(out), "-q"])
    assert done.exit_code == 0, done.output
    report = json.loads(out.read_text(encoding="utf-8"))
    checks = [c for t in report["transcripts"] for p in t["parts"] for c in p["checks"]]
    formulas = [f for c in checks for f in c.get("formulas", ())]
    per_check = {"gradient_w1": 1, "gradient_w2": 1, "conditions_hold": 2}  # one per reference
    assert len(formulas) == sum(per_check.get(c["name"], 0) for c in checks) > 10
    assert {f["kind"] for f in formulas} == {"matrix"} and all(f["expected"].startswith("\\nabla_") for f in formulas)
    assert formulas[0]["shapes"] == {"W_1": ["k", "m"], "W_2": ["m", "k"], "X": ["m", "n"]}
    from hw7grade.report.json_report import transcript_from_dict

    first = transcript_from_dict(report["transcripts"][0])
    assert decode_entry(encode_entry(first)) == first
    assert first.parts[0].checks[0].formulas[0].shapes == (("W_1", "k", "m"), ("W_2", "m", "k"), ("X", "m", "n"))


# -- grading never loads sympy; reports are deterministic -----------------------------------

NO_SYMPY = """
import sys
from pathlib import Path
from hw7grade.grading.files import grade_files
from hw7grade.rubric.cases import grade_case, load_cases
from hw7grade.rubric.model import load_rubric
from hw7grade.report.json_report import report_to_dict
repo = Path(sys.argv[1])
rubric = load_rubric(repo / "rubrics")
files = sorted(p for p in (repo / "transcripts").glob("*") if p.name != "README.md")
report = grade_files(files, rubric, jobs=1)
cases = load_cases(repo / "rubrics" / "cases", rubric)
scores = [grade_case(rubric, c.case) for c in cases]
formulas = sum(len(c.formulas) for t in report.transcripts for p in t.parts for c in p.checks)
print(len(files), len(scores), formulas, "sympy" in sys.modules)
"""


def test_grading_every_bundled_transcript_and_case_never_imports_sympy():
    out = subprocess.run(
        [sys.executable, "-c", NO_SYMPY, str(REPO)], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout.split()
    files, cases, formulas, loaded = out
    assert int(files) >= 5 and int(cases) > 20 and int(formulas) > 10
    assert loaded == "False"


def _reports(tmp_path: Path, name: str, jobs: str) -> list[bytes]:
    folder = tmp_path / name
    done = CliRunner().invoke(
        app,
        [
            "grade",
            str(REPO / "transcripts"),
            "-j",
            jobs,
            "--json",
            str(folder / "r.json"),
            "--junit",
            str(folder / "r.xml"),
            "--markdown",
            str(folder / "r.md"),
            "-q",
        ],
        env={k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")},
    )
    assert done.exit_code == 0, done.output
    return [(folder / f).read_bytes() for f in ("r.json", "r.xml", "r.md")]


def test_json_junit_and_markdown_are_byte_identical_run_to_run_and_parallel_to_serial(tmp_path):
    from hw7grade.algebra.memo import clear_memos

    serial = _reports(tmp_path, "a", "1")
    clear_memos()
    again = _reports(tmp_path, "b", "1")
    parallel = _reports(tmp_path, "c", "2")
    assert serial == again == parallel
    assert b'"formulas"' in serial[0]


# -- grade -v: pretty formulas, ASCII on a stream that cannot encode them ---------------------

WRONG_CHAT = """---
model: gpt-4o
---
**User**

Question 3 (b)(i): state the first-order optimality conditions of the linear autoencoder loss;
compute the gradient with respect to W_1 and W_2.

**Assistant**

The first-order conditions: set the gradients to zero.

$$\\nabla_{W_1} \\mathcal{L} = 2 W_2^\\top W_2 W_1 X X^\\top = 0$$

$$\\nabla_{W_2} \\mathcal{L} = 2 (W_2 W_1 - I) X X^\\top W_1^\\top = 0$$
"""


@pytest.mark.parametrize(
    "encoding, expected",
    [
        (
            "utf-8",
            [
                "        found − expected, expanded:",
                "              T    T",
                "          2⋅W₂ ⋅X⋅X",
                "        explanation: the term −2·W₂ᵀXXᵀ is missing",
            ],
        ),
        (
            "cp1252",
            [
                "        found - expected, expanded:",
                "               T    T",
                "          2*W_2 *X*X",
                "        explanation: the term -2*W_2^TXX^T is missing",
            ],
        ),
    ],
)
def test_grade_verbose_shows_the_formulas_and_explains_the_miss(tmp_path, encoding, expected):
    chat = tmp_path / "wrong.md"
    chat.write_text(WRONG_CHAT, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "200"}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "hw7grade",
            "grade",
            str(chat),
            "--only",
            "q3b.i",
            "-v",
            "--rubrics",
            str(REPO / "rubrics"),
        ],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    lines = [line.rstrip() for line in out.stdout.decode(encoding).splitlines()]
    at = lines.index(expected[0])
    assert lines[at : at + 4] == expected
    assert lines.count("        expected:") == 2  # both checks show their formulas
