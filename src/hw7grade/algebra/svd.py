"""The answer's own SVD of the data, `X = U S V^T`: the course's route through the PCA proof.

An answer that factors X may write an optimality condition in the factors,
`W_2^T (W_2 W_1 - I) U D U^T = 0` with `D := S S^T`, or in new variables `V_1 := W_1 U`,
`V_2 := U^T W_2`: `V_2^T (V_2 V_1 - I) D = 0`. D may also be named by the eigendecomposition
the SVD gives, `X X^T = U D U^T`, rather than defined as `S S^T`. The first is the W-form
condition once X is its SVD; the second is it multiplied by U or U^T, which is invertible and so
changes nothing about being zero. Such statements are therefore compared on trials where X *is*
`U S V^T` (U and V orthogonal, S diagonal; see `pca.pca_trials(at_pca=False)`) and against the
reference multiplied by U on either side.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator, Mapping

from .equivalence import Prepared, Statement, prepare
from .limits import Deadline, MathError
from .memo import Memo
from .nodes import Add, Mul, Neg, Node, Sym, Transpose, Zero, symbol_names
from .pca import PcaRoles, pca_trials
from .shapes import table_key


def find_factors(
    statements: Iterable[Statement], data: str, table: Mapping[str, object]
) -> tuple[str, str, str] | None:
    """The names in the first `data = A B C^T` the answer states, when A, B and C are three new symbols."""
    for s in statements:
        if s.kind != "condition" or s.rhs is None:
            continue
        for lhs, rhs in ((s.lhs, s.rhs), (s.rhs, s.lhs)):
            if not (isinstance(lhs, Sym) and lhs.name == data and isinstance(rhs, Mul) and len(rhs.factors) == 3):
                continue
            a, b, c = rhs.factors
            if isinstance(a, Sym) and isinstance(b, Sym) and isinstance(c, Transpose) and isinstance(c.x, Sym):
                names = (a.name, b.name, c.x.name)
                if len(set(names)) == 3 and not set(names) & table.keys():
                    return names
    return None


def find_eigenvalues(
    statements: Iterable[Statement], data: str, factors: tuple[str, str, str], table: Mapping[str, object]
) -> str | None:
    """The name D in the first `E = U D U^T` the answer states, when E is about the data and its
    factors alone (`X X^T`, `U S S^T U^T`) and D is a new symbol: with X = U S V^T, D is S S^T."""
    u = factors[0]
    for s in statements:
        if s.kind != "condition" or s.rhs is None:
            continue
        for side, other in ((s.lhs, s.rhs), (s.rhs, s.lhs)):
            if not (isinstance(side, Mul) and len(side.factors) == 3):
                continue
            left, middle, right = side.factors
            if not (left == Sym(u) and right == Transpose(Sym(u)) and isinstance(middle, Sym)):
                continue
            about = symbol_names(other)
            if middle.name not in {*table, *factors} and about and about <= {data, *factors}:
                return middle.name
    return None


def find_eigen_relation(
    statements: Iterable[Statement], data: str, components: str, table: Mapping[str, object]
) -> tuple[str, tuple[Node, ...]] | None:
    """The name L and the factors of `E U_k` in the first `E U_k = U_k L` the answer states, when E
    is about the data alone (`X X^T`) and L is a new symbol: the eigen relation of the components,
    without an SVD of X."""
    for s in statements:
        if s.kind != "condition" or s.rhs is None:
            continue
        for side, other in ((s.lhs, s.rhs), (s.rhs, s.lhs)):
            if not (isinstance(side, Mul) and isinstance(other, Mul) and len(other.factors) == 2):
                continue
            first, named = other.factors
            if first != Sym(components) or not isinstance(named, Sym) or named.name in table:
                continue
            factors = _flat(side)
            if factors[-1] == Sym(components) and symbol_names(Mul(factors[:-1])) == {data}:
                return named.name, factors
    return None


def with_eigen_relation(node: Node, factors: tuple[Node, ...], eigenvalues: str, components: str) -> Node:
    """The node with each run of `factors` (`X X^T U_k`) in a product written `U_k L`, as an answer
    that uses the eigen relation writes it."""
    kind = type(node)
    if kind is Mul:
        flat = tuple(with_eigen_relation(f, factors, eigenvalues, components) for f in _flat(node))
        out: list[Node] = []
        i, n = 0, len(factors)
        while i < len(flat):
            if flat[i : i + n] == factors:
                out += (Sym(components), Sym(eigenvalues))
                i += n
            else:
                out.append(flat[i])
                i += 1
        return Mul(tuple(out))
    if kind is Add:
        return Add(tuple(with_eigen_relation(t, factors, eigenvalues, components) for t in node.terms))  # type: ignore[union-attr]  # type(node) is Add
    if kind is Neg:
        return Neg(with_eigen_relation(node.x, factors, eigenvalues, components))  # type: ignore[union-attr]  # type(node) is Neg
    return node


def _flat(node: Node) -> tuple[Node, ...]:
    """A product's factors, nested products opened and double transposes dropped."""
    out: list[Node] = []
    for f in node.factors if isinstance(node, Mul) else (node,):
        while isinstance(f, Transpose) and isinstance(f.x, Transpose):
            f = f.x.x
        out += _flat(f) if isinstance(f, Mul) else (f,)
    return tuple(out)


def with_factor_shapes(
    table: Mapping[str, tuple[str, str]], data: str, factors: tuple[str, str, str], eigenvalues: str | None = None
) -> dict[str, tuple[str, str]]:
    """The table plus U (m x m), S (m x n), V (n x n) and D (m x m) for data X of shape m x n."""
    m, n = table[data]
    u, s, v = factors
    return {**table, u: (m, m), s: (m, n), v: (n, n), **({eigenvalues: (m, m)} if eigenvalues else {})}


def change_of_basis(reference: Statement, u: str) -> Iterator[Statement]:
    """The reference's value as written, and multiplied by U^T on the left, U on the right, or both
    (those whose shapes do not fit are dropped when they are evaluated)."""
    if reference.rhs is not None and not isinstance(reference.rhs, Zero):
        return  # only gradients, expressions and `expression = 0` are rotated
    node: Node = reference.lhs
    left, right = Transpose(Sym(u)), Sym(u)
    for value in (node, Mul((left, node)), Mul((node, right)), Mul((left, node, right))):
        yield Statement("expression", value, None, None, reference.text)


def prepare_in_factors(
    statement: Statement, table: Mapping[str, tuple[str, str]], deadline: Deadline, roles: PcaRoles
) -> Prepared | None:
    """The statement evaluated where X is its SVD and the encoder and decoder are generic; None
    when it cannot be (its shapes do not fit). Memoised per meaning, as `pca.check_at_pca` is."""

    def compute() -> Prepared:
        return prepare(statement, table, deadline, trials=pca_trials(table, roles, at_pca=False))

    try:
        known = _in_factors.get_or_compute((statement.meaning, table_key(table), roles), compute)
    except MathError as exc:
        if exc.status == "limit":
            raise
        return None
    return known if known.statement.text == statement.text else replace(known, statement=statement)


_in_factors: Memo[Prepared] = Memo()
