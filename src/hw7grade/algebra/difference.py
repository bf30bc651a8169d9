"""What separates two statements, from sympy's expansion: the explanation of a miss ("it has an
extra term −2·W₂ᵀW₂W₁XXᵀ") and the certificate of a match (the expanded difference is zero).

Verdicts never depend on this (the modular evaluator decides); anything sympy cannot expand in
the time left gives the plain "the two differ".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .limits import Deadline, MathError
from .memo import Memo
from .nodes import Add, Neg, Node, Zero
from .symbolic import Word, bounded, budget, coefficient, expand, vanishes, show, show_term, sympy_module, terms, to_sympy

if TYPE_CHECKING:
    from .equivalence import MathResult, Prepared

EXPLAIN_TIMEOUT_S = 2.0
"""Budget for one explanation when the caller has no deadline of its own."""
UNKNOWN = "the two differ"


def condition_node(p: "Prepared") -> Node:
    """The statement's value: lhs, or lhs - rhs for a condition."""
    s = p.statement
    return s.lhs if s.rhs is None or isinstance(s.rhs, Zero) else Add((s.lhs, Neg(s.rhs)))


def expanded(p: "Prepared") -> Any:
    return expand(to_sympy(condition_node(p), p.ctx))


def explain(ref: "Prepared", cand: "Prepared", as_condition: bool, deadline: Deadline | None = None) -> str:
    """One sentence naming the first term the answer lacks, has extra, or has with another coefficient.

    Memoised per pair of meanings: the same wrong formula recurs across a batch's answers."""
    key = (ref.statement.meaning, cand.statement.meaning, as_condition, tuple(sorted(ref.ctx.table.items())))
    known = _explained.get(key)
    if known is None:
        known = _explain(ref, cand, as_condition, deadline)
        if known != UNKNOWN:  # a time-out depends on the time left, not on the input
            _explained.put(key, known)
    return known


_explained: Memo[str] = Memo()


def _explain(ref: "Prepared", cand: "Prepared", as_condition: bool, deadline: Deadline | None) -> str:
    try:
        with bounded(budget(deadline, EXPLAIN_TIMEOUT_S)):
            expected = terms(expanded(ref))
            got_expr = expanded(cand)
            got = terms(got_expr)
            if as_condition:  # a condition is the same up to scale and transpose
                sp = sympy_module()
                flipped = terms(sp.expand(sp.Transpose(got_expr).doit())) if got_expr.is_Matrix else got
                options = [normalise_to(expected, got), normalise_to(expected, flipped)]
                got = min(options, key=lambda g: len(set(g) ^ set(expected)))
            return first_difference(expected, got) or UNKNOWN
    except MathError:
        return UNKNOWN
    except Exception:  # sympy failing on an expression it cannot expand is not the answer's fault
        return UNKNOWN


def certificate(ref: "Prepared", cand: "Prepared", result: "MathResult", deadline: Deadline | None = None) -> str:
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


def forms(reference: str, candidate: str, shapes=None, deadline: Deadline | None = None):  # type: ignore[no-untyped-def]
    """(expected, found, found − expected, certificate) for people to read (`math -v`, MathML): the
    first three sympy objects, the last the certificate of a match ("" otherwise); None when either
    side cannot be read. The found statement is the candidate's best match."""
    from .equivalence import compare_prepared, parse_statements, prepare, rank_key
    from .shapes import normalise_table

    deadline = deadline or Deadline()
    table = normalise_table(shapes)
    try:
        refs, _ = parse_statements(reference, table, deadline)
        cands, _ = parse_statements(candidate, table, deadline)
        if len(refs) != 1 or not cands:
            return None
        ref = prepare(refs[0], table, deadline)
        best = None
        for statement in cands:
            try:
                p = prepare(statement, table, deadline, hint=ref.shape)
            except MathError:
                continue
            key = rank_key(compare_prepared(ref, p, explain=False), ref.statement.wrt)
            if best is None or key < best[0]:
                best = (key, p)
        if best is None:
            return None
        found = best[1]
        verdict = compare_prepared(ref, found, explain=False)
        proof = certificate(ref, found, verdict, deadline) if verdict.status in ("equivalent", "scalar_multiple") else ""
        with bounded(budget(deadline, EXPLAIN_TIMEOUT_S)):
            want = to_sympy(condition_node(ref), ref.ctx)
            got = to_sympy(condition_node(found), found.ctx)
            difference = expand(got - want) if got.is_Matrix == want.is_Matrix and getattr(got, "shape", None) == getattr(want, "shape", None) else None
            return want, got, difference, proof
    except Exception:  # a side sympy cannot build or expand in time: no forms, the verdict stands
        return None
