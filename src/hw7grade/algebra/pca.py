"""Does a stated condition hold at the PCA solution W_1 = U_k^T, W_2 = U_k? Decided exactly.

Each trial builds X = U S V^T over the field of `evaluate.P`, with U and V products of Householder
reflections (orthogonal: U^T U = I holds exactly in the field) and S diagonal with distinct
entries, so X X^T = U (S S^T) U^T and U_k (the first k columns of U) holds eigenvectors of X X^T.
A condition that holds for every such instance is zero at the PCA point; a wrong one is caught
with overwhelming probability (Schwartz-Zippel, as for `evaluate`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal, Mapping

from ..regexes import regex
from .equivalence import Statement, prepare
from .evaluate import P, Trial, Value, matmul, transpose
from .limits import Deadline, MathError
from .memo import Memo
from .nodes import Sym, Transpose, symbol_names
from .shapes import table_key

PCA_DIMS: tuple[tuple[int, int, int], ...] = ((2, 4, 5), (3, 5, 4))
"""(k, m, n) per trial: k < m, and both m < n and m > n are covered."""
HOUSEHOLDER_STEPS = 3
"""Reflections multiplied into each random orthogonal matrix."""

Verdict = Literal["holds", "fails", "identity", "skipped"]


@dataclass(frozen=True)
class PcaRoles:
    """Which symbols play data, principal components, encoder and decoder (canonical names)."""

    data: str = "X"
    components: str = "U_k"
    encoder: str = "W_1"
    decoder: str = "W_2"
    factors: tuple[str, str, str] | None = None
    """The names the answer gives the SVD X = U S V^T (see `svd`), bound to the same U, S, V."""
    eigenvalues: str | None = None
    """The name of D in the answer's `X X^T = U D U^T` (see `svd`), bound to S S^T."""
    component_eigenvalues: str | None = None
    """The name of Λ_k in the answer's `X X^T U_k = U_k Λ_k` (see `svd`), bound to the top k x k block
    of S S^T: the eigenvalues of the components."""

    @property
    def names(self) -> frozenset[str]:
        named = (
            *(self.factors or ()),
            *((self.eigenvalues,) if self.eigenvalues else ()),
            *((self.component_eigenvalues,) if self.component_eigenvalues else ()),
        )
        return frozenset({self.data, self.components, self.encoder, self.decoder, *named})


@dataclass(frozen=True)
class PcaVerdict:
    status: Verdict
    message: str = ""


def _orthogonal(n: int, rng: random.Random) -> list[list[int]]:
    q = [[1 if i == j else 0 for j in range(n)] for i in range(n)]
    for _ in range(HOUSEHOLDER_STEPS):
        while True:
            v = [rng.randrange(P) for _ in range(n)]
            norm = sum(x * x for x in v) % P
            if norm:
                break
        c = 2 * pow(norm, P - 2, P) % P
        h = [[((1 if i == j else 0) - c * v[i] * v[j]) % P for j in range(n)] for i in range(n)]
        q = matmul(q, h)
    return q


def pca_trials(table: Mapping[str, tuple[str, str]], roles: PcaRoles = PcaRoles(), at_pca: bool = True) -> list[Trial]:
    """Trials whose bindings put the role symbols at the PCA point; with `at_pca=False`, only the
    data and its SVD are bound and the encoder and decoder stay generic (random).

    The matrices are built once per table and roles; each call gets fresh `Trial`s because a trial
    records the sizes it hands to unknown dimensions.
    """
    key = (table_key(table), roles, at_pca)
    built = _pca_points.get(key)
    if built is None:
        built = [(t.index, dict(t.dims), t.bindings) for t in _build_pca_trials(table, roles, at_pca)]
        _pca_points.put(key, built)
    return [Trial(index, dict(dims), bindings) for index, dims, bindings in built]


_pca_points: Memo[list[tuple[int, dict[str, int], Mapping[str, Value]]]] = Memo()


def _build_pca_trials(table: Mapping[str, tuple[str, str]], roles: PcaRoles, at_pca: bool) -> list[Trial]:
    for name in (roles.data, roles.components):
        if name not in table:
            raise MathError("unsupported", f"the shape table has no {name}")
    m_name, n_name = table[roles.data]
    k_name = table[roles.components][1]
    trials = []
    for index, (k, m, n) in enumerate(PCA_DIMS):
        rng = random.Random(f"pca/{index}")
        u = _orthogonal(m, rng)
        v = _orthogonal(n, rng)
        sigma = rng.sample(range(1, 10 * (m + n)), min(m, n))
        s = [[sigma[i] if i == j else 0 for j in range(n)] for i in range(m)]
        x = matmul(matmul(u, s), transpose(v))
        u_k = [row[:k] for row in u]
        u_k_t = transpose(u_k)
        bindings: dict[str, Value] = {roles.data: x, roles.components: u_k}
        if at_pca:
            bindings |= {roles.encoder: u_k_t, roles.decoder: u_k}
        if roles.factors:
            bindings |= dict(zip(roles.factors, (u, s, v)))
        if roles.eigenvalues:
            bindings[roles.eigenvalues] = matmul(s, transpose(s))
        if roles.component_eigenvalues:
            bindings[roles.component_eigenvalues] = [row[:k] for row in matmul(s, transpose(s))[:k]]
        trials.append(Trial(index, {k_name: k, m_name: m, n_name: n}, bindings))
    return trials


def check_at_pca(
    statement: Statement,
    table: Mapping[str, tuple[str, str]],
    deadline: Deadline,
    roles: PcaRoles = PcaRoles(),
) -> PcaVerdict:
    """holds / fails at the PCA point; identity if it holds for all matrices; skipped if not applicable.

    Memoised per statement (its text aside): the verdict is a fixed function of it (the trials are seeded).
    """
    key = (statement.meaning, table_key(table), roles)
    known = _verdicts.get(key)
    if known is None:
        known = _check_at_pca(statement, table, deadline, roles)
        _verdicts.put(key, known)
    return known


_verdicts: Memo[PcaVerdict] = Memo()


def _check_at_pca(
    statement: Statement, table: Mapping[str, tuple[str, str]], deadline: Deadline, roles: PcaRoles
) -> PcaVerdict:
    if statement.kind == "expression":
        return PcaVerdict("skipped", "not a condition")
    matrices = {n for n in statement.mentions() if n in table}
    others = matrices - roles.names
    if others:
        return PcaVerdict("skipped", f"mentions {', '.join(sorted(others))}")
    indexed = sorted(n for n in statement.mentions() if n not in table and _INDEXED_RE.fullmatch(n))
    if indexed:
        # "U_k^T u_i = 0 for every i > k": one of a family, true or not by the index it ranges over
        return PcaVerdict("skipped", f"mentions {', '.join(indexed)}, one of an indexed family")
    try:
        generic = prepare(statement, table, deadline)
        if all(not x for flat in generic.values for x in flat):
            return PcaVerdict("identity", "holds for all matrices")
        at_pca = prepare(statement, table, deadline, pca_trials(table, roles))
    except MathError as exc:
        if exc.status == "limit":
            raise
        if exc.status == "shape_error" and _substitutes(statement, roles):
            # `W_1 = U_k`: a substitution of the wrong shape cannot be the PCA solution's.
            return PcaVerdict("fails", exc.message)
        return PcaVerdict("skipped", exc.message)
    if all(not x for flat in at_pca.values for x in flat):
        return PcaVerdict("holds")
    return PcaVerdict("fails", f"{statement.describe()} is false at W_1 = U_k^T, W_2 = U_k")


_INDEXED_RE = regex(r"[a-z]_\{?[ijlpqrst]\}?")
"""A lower-case symbol with a running index (`u_i`, `v_j`, `e_{j}`): a vector of a family, which the
shape table cannot give and a statement about it holds only for the indices it names."""


def _substitutes(statement: Statement, roles: PcaRoles) -> bool:
    """Whether the statement sets the encoder or decoder (or its transpose) to an expression in the
    components alone: `W_1 = U_k`, `W_2^T = U_k`."""
    if statement.kind != "condition" or statement.rhs is None:
        return False
    for side, other in ((statement.lhs, statement.rhs), (statement.rhs, statement.lhs)):
        bare = side.x if isinstance(side, Transpose) else side
        if isinstance(bare, Sym) and bare.name in (roles.encoder, roles.decoder):
            if symbol_names(other) == {roles.components}:
                return True
    return False
