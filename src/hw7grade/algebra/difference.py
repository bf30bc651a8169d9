"""What separates two statements, from sympy's expansion: the explanation of a miss ("it has an
extra term −2·W₂ᵀW₂W₁XXᵀ") and the certificate of a match (the expanded difference is zero).

Verdicts never depend on this (the modular evaluator decides); anything sympy cannot expand in
the time left gives the plain "the two differ".

Statements and verdicts are read through the protocols below, not imported from equivalence (which
imports this module for its explanations); `forms`, which needs the comparison, is in forms.py.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Protocol

from .limits import Deadline, MathError
from .memo import Memo
from .nodes import Add, Neg, Node, Zero
from .shapes import ShapeContext
from .symbolic import (
    Word,
    bounded,
    budget,
    coefficient,
    expand,
    show,
    show_term,
    sympy_module,
    terms,
    to_sympy,
    vanishes,
)


class _Statement(Protocol):
    """What is read of equivalence.Statement."""

    @property
    def lhs(self) -> Node: ...
    @property
    def rhs(self) -> Node | None: ...
    @property
    def meaning(self) -> tuple[object, ...]: ...


class Prepared(Protocol):
    """What is read of equivalence.Prepared."""

    @property
    def statement(self) -> _Statement: ...
    @property
    def ctx(self) -> ShapeContext: ...


class MathResult(Protocol):
    """What is read of equivalence.MathResult."""

    @property
    def factor(self) -> Fraction | None: ...
    @property
    def transposed(self) -> bool: ...


EXPLAIN_TIMEOUT_S = 2.0
"""Budget for one explanation when the caller has no deadline of its own."""
UNKNOWN = "the two differ"
TIME_LIMIT = "explanation: time limit"
"""What a view says when the expansion ran out of time (the verdict, modular, stands)."""


def condition_node(p: Prepared) -> Node:
    """The statement's value: lhs, or lhs - rhs for a condition."""
    s = p.statement
    return s.lhs if s.rhs is None or isinstance(s.rhs, Zero) else Add((s.lhs, Neg(s.rhs)))


def expanded(p: Prepared) -> Any:
    return expand(to_sympy(condition_node(p), p.ctx))


def explain(ref: Prepared, cand: Prepared, as_condition: bool, deadline: Deadline | None = None) -> str:
    """One sentence naming the first term the answer lacks, has extra, or has with another coefficient.

    Memoised per pair of meanings: the same wrong formula recurs across a batch's answers."""
    key = (ref.statement.meaning, cand.statement.meaning, as_condition, tuple(sorted(ref.ctx.table.items())))
    known = _explained.get(key)
    if known is None:
        known = _explain(ref, cand, as_condition, deadline)
        if known != TIME_LIMIT:  # a time-out depends on the time left, not on the input
            _explained.put(key, known)
    return known


_explained: Memo[str] = Memo()


def _explain(ref: Prepared, cand: Prepared, as_condition: bool, deadline: Deadline | None) -> str:
    limit = budget(deadline, EXPLAIN_TIMEOUT_S)
    try:
        with bounded(limit):
            expected = terms(expanded(ref))
            got_expr = expanded(cand)
            got = terms(got_expr)
            if as_condition:  # a condition is the same up to scale and transpose
                sp = sympy_module()
                flipped = terms(sp.expand(sp.Transpose(got_expr).doit())) if got_expr.is_Matrix else got
                options = [normalise_to(expected, got), normalise_to(expected, flipped)]
                got = min(options, key=lambda g: len(set(g) ^ set(expected)))
            return first_difference(expected, got) or UNKNOWN
    except MathError as exc:
        # A `limit` from the clock, not from a size cap (MAX_TERMS): say the time ran out.
        return TIME_LIMIT if exc.status == "limit" and limit.expired else UNKNOWN
    except Exception:  # sympy failing on an expression it cannot expand is not the answer's fault
        return UNKNOWN


def certificate(ref: Prepared, cand: Prepared, result: MathResult, deadline: Deadline | None = None) -> str:
    """For a match: that answer − factor·reference (or its transpose) expands to zero, symbolically."""
    if result.factor is None:
        return ""
    try:
        with bounded(budget(deadline, EXPLAIN_TIMEOUT_S)):
            sp = sympy_module()
            got = to_sympy(condition_node(cand), cand.ctx)
            want = to_sympy(condition_node(ref), ref.ctx)
            if result.transposed and got.is_Matrix:
                got = sp.Transpose(got)
            factor = sp.Rational(result.factor.numerator, result.factor.denominator)
            zero = vanishes(expand(got - factor * want))
    except Exception:  # MathError (time, size) or sympy giving up
        return "no symbolic certificate (sympy could not expand it in time)"
    scaled = "reference" if result.factor == 1 else f"{show(factor)}·reference"
    answer = "answerᵀ" if result.transposed else "answer"
    if zero:
        return f"symbolic: {answer} − {scaled} expands to 0"
    return "symbolic: the expansion does not reduce to 0 (the modular verdict stands)"


def normalise_to(expected: dict[Word, Any], got: dict[Word, Any]) -> dict[Word, Any]:
    """Scale `got` so a term it shares with `expected` has the same coefficient (conditions are up to scale)."""
    for word in sorted(expected, key=lambda w: (len(w), w)):
        if got.get(word):
            factor = expected[word] / got[word]
            return {w: c * factor for w, c in got.items()}
    return got


def first_difference(expected: dict[Word, Any], got: dict[Word, Any]) -> str:
    sp = sympy_module()
    for word in sorted(set(expected) | set(got), key=lambda w: (len(w), w)):
        e, g = expected.get(word, 0), got.get(word, 0)
        if sp.expand(e - g) == 0:
            continue
        if g == 0:
            return f"the term {show_term(word, e)} is missing"
        if e == 0:
            return f"it has an extra term {show_term(word, g)}"
        return f"the term {show_term(word, 1)} has coefficient {_number(g)}, expected {_number(e)}"
    return ""


def _number(c: Any) -> str:
    text = coefficient(c)
    return "−1" if text == "−" else text
