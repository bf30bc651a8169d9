"""sympy, built from our tree: explanations, certificates, the cross-check with the modular
evaluator, the deadline, and that model text never reaches sympy's parsers."""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hw7grade.algebra import Deadline, MathError, Statement, compare, normalise_table, prepare
from hw7grade.algebra.difference import certificate, explain
from hw7grade.algebra.equivalence import compare_prepared, parse_statements
from hw7grade.algebra.nodes import Add, Mul, Neg, Node, Num, Sym, Transpose
from hw7grade.algebra.symbolic import bounded, expand, show, sympy_module, to_sympy, vanishes
from hw7grade.rubric.course import default_course

REPO = Path(__file__).resolve().parents[2]
G1 = r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top"
TABLE = normalise_table(default_course().shapes)


def _prepared(text: str):
    statements, errors = parse_statements(text, TABLE)
    assert not errors and len(statements) == 1
    return prepare(statements[0], TABLE, Deadline())


def test_wrong_gradient_is_explained_by_its_expanded_difference():
    result = compare(G1, r"\nabla_{W_1} L = 2 W_2^T W_2 W_1 X X^T", TABLE)
    assert result.status == "not_equivalent" and result.method == "modular"
    assert result.explanation == "the term −2·W₂ᵀXXᵀ is missing"


def test_extra_term_is_named_with_its_coefficient():
    result = compare(r"W_2^T X X^T", r"W_2^T X X^T - 2 W_2^T W_2 W_1 X X^T", TABLE)
    assert result.explanation == "it has an extra term −2·W₂ᵀW₂W₁XXᵀ"


def test_condition_difference_is_up_to_scale_and_transpose():
    # Transposed, with a 3 where the reference's ratio asks for a 1: scaled to match the
    # reference on its shortest term (W₂ᵀXXᵀ), the other term is off.
    result = compare(G1, r"X X^T W_1^T W_2^T W_2 = 3 X X^T W_2", TABLE)
    assert result.status == "not_equivalent"
    assert result.explanation == "the term W₂ᵀW₂W₁XXᵀ has coefficient 2/3, expected 2"


def test_certificate_of_a_match_is_a_zero_expansion():
    ref, cand = _prepared(G1), _prepared(r"W_2^T W_2 W_1 X X^T = W_2^T X X^T")
    result = compare_prepared(ref, cand)
    assert result.equivalent and result.factor == Fraction(1, 2)
    assert certificate(ref, cand, result) == "symbolic: answer − 1/2·reference expands to 0"


def test_converter_builds_matrix_symbols_with_shapes():
    sp = sympy_module()
    p = _prepared(r"\operatorname{tr}((W_2 W_1 - I)^T) + 2")
    expr = to_sympy(p.statement.lhs, p.ctx)
    m = sp.Symbol("m", integer=True, positive=True)
    k = sp.Symbol("k", integer=True, positive=True)
    W1, W2 = sp.MatrixSymbol("W_1", k, m), sp.MatrixSymbol("W_2", m, k)
    # tr(Aᵀ) = tr(A) and tr(AB) = tr(BA): traces are brought to one representative.
    assert expand(expr) == expand(sp.Trace(W2 * W1) - m + 2) == expand(sp.Trace(W1 * W2) - m + 2)
    assert str(expand(expr)) == "-m + Trace(W_1*W_2) + 2"
    assert show(expand(to_sympy(_prepared("(W_2 W_1 X)^T").statement.lhs, p.ctx))) == "XᵀW₁ᵀW₂ᵀ"


def test_a_sympy_computation_past_the_deadline_is_a_limit():
    sp = sympy_module()
    x, y = sp.symbols("x y")
    start = time.monotonic()
    with pytest.raises(MathError) as caught:
        with bounded(Deadline(0.2)):
            # About 6 s uninterrupted (more would hang CI if the timer were ever lost again).
            sp.factor(sp.expand((x + y + 1) ** 24 - (x - y) ** 24))
    assert caught.value.status == "limit"
    assert time.monotonic() - start < 2.0


def test_an_explanation_past_the_deadline_says_so():
    from hw7grade.algebra.memo import clear_memos

    clear_memos()  # an explanation found earlier is remembered
    ref, cand = _prepared(G1), _prepared(r"\nabla_{W_1} L = 2 W_2^T W_2 W_1 X X^T")
    assert explain(ref, cand, False, Deadline(-1)) == "explanation: time limit"
    assert explain(ref, cand, False) == "the term −2·W₂ᵀXXᵀ is missing"  # the time-out was not remembered


# -- model text never reaches a sympy parser --------------------------------------------------


def _forbid_text_parsing(monkeypatch):
    sp = sympy_module()
    import importlib

    import sympy.parsing.sympy_parser as sympy_parser

    sympify_module = importlib.import_module("sympy.core.sympify")

    def refuse(*args, **kwargs):
        raise AssertionError(f"a sympy parser was called on {args[:1]!r}")

    real = sympify_module.sympify

    def strict(a, *args, **kwargs):
        if isinstance(a, str):
            refuse(a)
        return real(a, *args, **kwargs)

    monkeypatch.setattr(sympy_parser, "parse_expr", refuse)
    monkeypatch.setattr(sp, "parse_expr", refuse)
    monkeypatch.setattr(sp, "sympify", strict)
    monkeypatch.setattr(sympify_module, "sympify", strict)

    class StrictS:
        def __call__(self, a, *args, **kwargs):
            return strict(a, *args, **kwargs)

        def __getattr__(self, name):
            return getattr(sp.core.singleton.S, name)

    monkeypatch.setattr(sp, "S", StrictS())
    import sympy.parsing.latex as latex

    monkeypatch.setattr(latex, "parse_latex", refuse)


def test_grading_and_showing_every_fixture_never_parses_text_with_sympy(monkeypatch):
    from hw7grade.algebra import symbolic
    from hw7grade.algebra.memo import clear_memos
    from hw7grade.grading.files import grade_file
    from hw7grade.report.mathml import formulas_html
    from hw7grade.report.pretty import formula_lines
    from hw7grade.rubric.cases import grade_case, load_cases
    from hw7grade.rubric.model import load_rubric

    _forbid_text_parsing(monkeypatch)
    clear_memos()
    converted: list[Node] = []
    real = symbolic.to_sympy
    monkeypatch.setattr(symbolic, "to_sympy", lambda node, ctx: converted.append(node) or real(node, ctx))
    import hw7grade.algebra.difference as difference
    import hw7grade.algebra.forms as forms

    monkeypatch.setattr(difference, "to_sympy", symbolic.to_sympy)
    monkeypatch.setattr(forms, "to_sympy", symbolic.to_sympy)
    rubric = load_rubric(REPO / "rubrics")
    graded = [
        grade_file(path, rubric) for path in sorted((REPO / "transcripts").glob("*.md")) if path.name != "README.md"
    ]
    cases = load_cases(REPO / "rubrics" / "cases", rubric)
    scores = [grade_case(rubric, c.case) for c in cases]
    assert len(graded) == 5 and len(scores) == len(cases) > 20
    assert not converted  # grading itself builds nothing in sympy
    # The views (the HTML drill-down, grade -v) build every compared formula, and its difference.
    parts = [p for p in scores if p is not None] + [p for ts in graded for t in ts for p in t.parts]
    formulas = [f for p in parts for c in p.checks for f in c.formulas]
    misses = [f for f in formulas if f.found is not None and f.status != "equivalent"]
    assert len(formulas) > 20 and misses
    for f in formulas:
        formula_lines(f)
    page = formulas_html(misses)
    assert page.count("<dt>expected</dt><dd><math") == len(misses) and page.count("<dt>explanation</dt>") >= 1
    assert converted, "no formula was shown through sympy, so the test would prove nothing"


# -- the cross-check: modular evaluation and sympy's expansion agree -------------------------

LETTERS = {"X": ("m", "n"), "W_1": ("k", "m"), "W_2": ("m", "k"), "U_k": ("m", "k")}
DIMS = ("k", "m", "n")


def _leaf(r: str, c: str, pick: int) -> Node:
    direct = [Sym(n) for n, s in LETTERS.items() if s == (r, c)]
    direct += [Transpose(Sym(n)) for n, s in LETTERS.items() if s == (c, r)]
    if direct:
        return direct[pick % len(direct)]
    for d in DIMS:  # a product of two letters through a middle dimension
        a, b = _leaf_or_none(r, d), _leaf_or_none(d, c)
        if a is not None and b is not None:
            return Mul((a, b))
    raise AssertionError((r, c))  # pragma: no cover


def _leaf_or_none(r: str, c: str) -> Node | None:
    for n, s in LETTERS.items():
        if s == (r, c):
            return Sym(n)
        if s == (c, r):
            return Transpose(Sym(n))
    return None


@st.composite
def expressions(draw, r: str, c: str, depth: int = 3) -> Node:
    kind = draw(st.sampled_from(["leaf", "add", "mul", "transpose", "scale"] if depth else ["leaf"]))
    if kind == "leaf":
        return _leaf(r, c, draw(st.integers(0, 3)))
    if kind == "add":
        return Add((draw(expressions(r, c, depth - 1)), draw(expressions(r, c, depth - 1))))
    if kind == "mul":
        d = draw(st.sampled_from(DIMS))
        return Mul((draw(expressions(r, d, depth - 1)), draw(expressions(d, c, depth - 1))))
    if kind == "transpose":
        return Transpose(draw(expressions(c, r, depth - 1)))
    return Mul((Num(Fraction(draw(st.sampled_from([-2, -1, 2, 3])))), draw(expressions(r, c, depth - 1))))


def rewrite(node: Node, choice: int) -> Node:
    """An equal tree written differently: transposes pushed in, products distributed, sums reordered."""
    if isinstance(node, Transpose) and isinstance(node.x, Mul):
        return Mul(tuple(Transpose(rewrite(f, choice)) for f in reversed(node.x.factors)))
    if isinstance(node, Transpose) and isinstance(node.x, Add):
        return Add(tuple(Transpose(rewrite(t, choice)) for t in node.x.terms))
    if isinstance(node, Transpose) and isinstance(node.x, Transpose):
        return rewrite(node.x.x, choice)
    if isinstance(node, Mul) and len(node.factors) == 2 and isinstance(node.factors[1], Add):
        a, s = node.factors
        return Add(tuple(Mul((rewrite(a, choice), rewrite(t, choice))) for t in s.terms))
    if isinstance(node, Add):
        terms = tuple(rewrite(t, choice) for t in node.terms)
        return Add(terms[::-1] if choice % 2 else terms)
    if isinstance(node, Mul):
        return Mul(tuple(rewrite(f, choice // 2) for f in node.factors))
    if isinstance(node, Transpose):
        return Transpose(rewrite(node.x, choice))
    return node


def _decide(a: Node, b: Node) -> tuple[bool, bool]:
    """(modular says equal, sympy's expanded difference is zero)."""
    pa = prepare(Statement("expression", a), TABLE, Deadline(10), hint=None)
    pb = prepare(Statement("expression", b), TABLE, Deadline(10), hint=None)
    modular = pa.sizes == pb.sizes and pa.values == pb.values
    difference = expand(to_sympy(a, pa.ctx) - to_sympy(b, pb.ctx))
    return modular, vanishes(difference)


@st.composite
def pairs(draw):
    r, c = draw(st.sampled_from(DIMS)), draw(st.sampled_from(DIMS))
    a = draw(expressions(r, c))
    how = draw(st.sampled_from(["rewrite", "mutate", "other"]))
    if how == "rewrite":
        b = rewrite(a, draw(st.integers(0, 7)))
    elif how == "mutate":
        b = Add((rewrite(a, draw(st.integers(0, 7))), Neg(_leaf(r, c, draw(st.integers(0, 3))))))
    else:
        b = draw(expressions(r, c))
    return a, b


@settings(max_examples=120, deadline=None)
@given(pairs())
def test_modular_and_symbolic_agree_on_every_pair(pair):
    modular, symbolic = _decide(*pair)
    assert modular == symbolic, pair


def test_cross_check_sees_both_outcomes():
    a = Mul((Sym("W_2"), Sym("W_1")))
    assert _decide(Transpose(a), rewrite(Transpose(a), 0)) == (True, True)
    assert _decide(a, Transpose(a)) == (False, False)
    # sympy writes A(A + A) as 2·A·A but AA + AA as 2·A²: the words must still agree (found by the property).
    square = Mul((Transpose(Sym("W_1")), Sym("W_1")))
    assert _decide(Mul((square, Add((square, square)))), Add((Mul((square, square)), Mul((square, square))))) == (
        True,
        True,
    )
    # (A + B)² stays a power in sympy's expansion: it is multiplied out (found by the property).
    other = Mul((Transpose(Sym("X")), Transpose(Sym("W_1")), Sym("W_1"), Sym("X")))
    xtx = Mul((Transpose(Sym("X")), Sym("X")))
    both = Add((Mul((xtx, xtx)), other))
    assert _decide(
        Mul((both, both)),
        Add(
            (
                Mul((xtx, xtx, xtx, xtx)),
                Mul((xtx, xtx, other)),
                Mul((other, xtx, xtx)),
                Mul((other, other)),
            )
        ),
    ) == (True, True)
    # A fifth power of a product is written out, not refused as a power too large to expand.
    assert _decide(Mul((xtx,) * 5), Mul((Mul((xtx, xtx)), Mul((xtx, xtx, xtx))))) == (True, True)

    # ... and (A + A)(A + A) as (2A)², whose scalar must come out of the power.
    double = Add((square, square))
    assert _decide(Mul((Num(Fraction(-2)), Mul((double, double)))), Mul((Num(Fraction(-8)), square, square))) == (
        True,
        True,
    )


def test_a_huge_power_is_a_limit_not_a_computation():
    sp = sympy_module()
    x = sp.MatrixSymbol("X", 3, 3)
    with pytest.raises(MathError) as caught:
        expand(sp.MatPow(x.T * x, 10**6))
    assert caught.value.status == "limit"
