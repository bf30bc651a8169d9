"""Expansion into non-commutative monomials, only to explain a difference ("missing term 2 W_2^T X X^T").

Verdicts never depend on this; it gives up (returns None) on traces, inverses, scalar symbols and
anything large.
"""

from __future__ import annotations

from fractions import Fraction

from .nodes import Add, Div, Ident, Mul, Neg, Node, Num, Power, Sym, Transpose, Zero
from .shapes import is_scalar_name

MAX_TERMS = 64

Word = tuple[str, ...]
Poly = dict[Word, Fraction]


class _GiveUp(Exception):
    pass


def expand(node: Node) -> Poly | None:
    try:
        return {w: c for w, c in _expand(node).items() if c}
    except _GiveUp:
        return None


def transpose_poly(poly: Poly) -> Poly:
    return {tuple(_flip(s) for s in reversed(w)): c for w, c in poly.items()}


def _flip(symbol: str) -> str:
    return symbol[:-2] if symbol.endswith("^T") else symbol + "^T"


def _expand(node: Node) -> Poly:
    if isinstance(node, Num):
        return {(): node.value}
    if isinstance(node, Sym):
        if is_scalar_name(node.name):
            raise _GiveUp
        return {(node.name,): Fraction(1)}
    if isinstance(node, Ident):
        return {(): Fraction(1)}
    if isinstance(node, Zero):
        return {}
    if isinstance(node, Add):
        total: Poly = {}
        for term in node.terms:
            for w, c in _expand(term).items():
                total[w] = total.get(w, Fraction(0)) + c
        return _bounded(total)
    if isinstance(node, Neg):
        return {w: -c for w, c in _expand(node.x).items()}
    if isinstance(node, Mul):
        result: Poly = {(): Fraction(1)}
        for factor in node.factors:
            result = _times(result, _expand(factor))
        return result
    if isinstance(node, Div) and isinstance(node.den, Num) and node.den.value:
        return {w: c / node.den.value for w, c in _expand(node.x).items()}
    if isinstance(node, Transpose):
        return transpose_poly(_expand(node.x))
    if isinstance(node, Power) and 0 <= node.n <= 4:
        base = _expand(node.x)
        result = {(): Fraction(1)}
        for _ in range(node.n):
            result = _times(result, base)
        return result
    raise _GiveUp


def _times(a: Poly, b: Poly) -> Poly:
    out: Poly = {}
    for wa, ca in a.items():
        for wb, cb in b.items():
            w = wa + wb
            out[w] = out.get(w, Fraction(0)) + ca * cb
    return _bounded(out)


def _bounded(poly: Poly) -> Poly:
    if len(poly) > MAX_TERMS:
        raise _GiveUp
    return poly


def show_term(word: Word, coefficient: Fraction) -> str:
    body = " ".join(word) or "I"
    if coefficient == 1:
        return body
    if coefficient == -1:
        return f"-{body}"
    return f"{coefficient} {body}"


def first_difference(expected: Poly, got: Poly) -> str:
    """One sentence naming the first term the answer lacks, or has extra, or has a different coefficient."""
    for word in sorted(set(expected) | set(got), key=lambda w: (len(w), w)):
        e, g = expected.get(word, Fraction(0)), got.get(word, Fraction(0))
        if e == g:
            continue
        if g == 0:
            return f"the term {show_term(word, e)} is missing"
        if e == 0:
            return f"it has an extra term {show_term(word, g)}"
        return f"the term {' '.join(word) or 'I'} has coefficient {g}, expected {e}"
    return ""


def normalise_to(expected: Poly, got: Poly) -> Poly:
    """Scale `got` so a term it shares with `expected` has the same coefficient (conditions are up to scale)."""
    for word in sorted(expected, key=lambda w: (len(w), w)):
        if word in got and got[word]:
            factor = expected[word] / got[word]
            return {w: c * factor for w, c in got.items()}
    return got
