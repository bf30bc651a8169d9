"""Exact evaluation of a syntax tree on random integer matrices modulo the prime 2^61 - 1.

Why this decides equivalence: two different non-commutative polynomial (or rational) expressions
of degree d differ at a uniformly random point of the field with probability >= 1 - d/p
(Schwartz-Zippel), so with p = 2^61 - 1 and several trials a wrong "equal" verdict is
astronomically unlikely, while "equal" inputs always agree exactly (no float tolerance).
Each trial gives every dimension name a different size, so an identity that only holds for one
size (tr(I) = m when k happens to equal m) is caught. Instances are deterministic (seeded).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction
from operator import mul
from typing import Mapping, overload

from .limits import MAX_DECLARED_DIM, Deadline, MathError
from .nodes import Add, Div, Ident, Mul, Neg, Node, Num, Power, Sym, Trace, Transpose, Zero
from .shapes import ShapeContext

P = (1 << 61) - 1
"""The field's prime: large enough that random agreement is negligible, products fit easily."""
TRIAL_DIMS: tuple[tuple[int, ...], ...] = ((3, 4, 5, 6, 7, 8, 9, 10), (2, 3, 6, 4, 5, 7, 8, 9))
"""Sizes handed to dimension names (sorted, then unknowns) in each trial; pairwise distinct.
For HW7 (k, m, n) both trials have k < m < n, so products such as W_2^T W_2 and X X^T are
invertible, as they are for real data."""
MAX_DIM_NAMES = 8
SYMBOL_CACHE_MAX = 512

Value = int | list[list[int]]

_symbol_cache: dict[tuple[int, str, int, int], Value] = {}


def random_value(trial: int, name: str, rows: int, cols: int) -> Value:
    key = (trial, name, rows, cols)
    cached = _symbol_cache.get(key)
    if cached is None:
        if len(_symbol_cache) >= SYMBOL_CACHE_MAX:
            _symbol_cache.clear()
        rng = random.Random(f"{trial}/{name}/{rows}x{cols}")
        if rows == 0:
            cached = rng.randrange(1, P)
        else:
            cached = [[rng.randrange(P) for _ in range(cols)] for _ in range(rows)]
        _symbol_cache[key] = cached
    return cached


@dataclass
class Trial:
    """One random instance: concrete sizes for every dimension and fixed matrices for symbols."""

    index: int
    dims: dict[str, int]
    bindings: Mapping[str, Value] = field(default_factory=dict)
    """Symbol values that override the random ones (the PCA point)."""

    def size(self, dim: str) -> int:
        if dim.isdigit():
            return declared_size(dim)
        if dim not in self.dims:
            used = set(self.dims.values())
            choices = [d for d in TRIAL_DIMS[self.index % len(TRIAL_DIMS)] if d not in used]
            if not choices:
                raise MathError("limit", f"more than {MAX_DIM_NAMES} different dimensions")
            self.dims[dim] = choices[0]
        return self.dims[dim]


def declared_size(dim: str) -> int:
    """A number given as a dimension, within `MAX_DECLARED_DIM` (checked before any allocation)."""
    if dim.isascii() and len(dim) <= 3 and int(dim) <= MAX_DECLARED_DIM:
        return int(dim)
    shown = dim if len(dim) <= 12 else dim[:12] + "..."
    raise MathError("limit", f"a declared dimension of {shown} is over the limit of {MAX_DECLARED_DIM}")


def make_trials(table: Mapping[str, tuple[str, str]]) -> list[Trial]:
    """Fresh trials (they record sizes given to unknown dimensions, so never share them)."""
    names = sorted({d for shape in table.values() for d in shape if not d.isdigit()})
    if len(names) > MAX_DIM_NAMES:
        raise MathError("limit", f"more than {MAX_DIM_NAMES} different dimension names")
    return [Trial(t, dict(zip(names, TRIAL_DIMS[t]))) for t in range(len(TRIAL_DIMS))]


class Evaluator:
    """Evaluates trees whose shapes were inferred in `ctx`, on one trial."""

    def __init__(self, ctx: ShapeContext, trial: Trial, deadline: Deadline) -> None:
        self.ctx = ctx
        self.trial = trial
        self.deadline = deadline
        # Unknown sizes (an `I` with nothing to fix it) still get pairwise-distinct sizes.
        for root in sorted({ctx.find(d) for d in list(ctx.ident.values())}):
            trial.size(root)

    def dim(self, d: str) -> int:
        return self.trial.size(self.ctx.find(d))

    def value_of(self, node: Node) -> Value:
        self.deadline.check()
        if isinstance(node, Num):
            return _num(node.value)
        if isinstance(node, Sym):
            return self._symbol(node.name)
        if isinstance(node, Ident):
            n = self.dim(self.ctx.ident[node.uid])
            return identity(n)
        if isinstance(node, Zero):
            shape = self.ctx.zero.get(node.uid)
            if shape is None:
                return 0
            return [[0] * self.dim(shape[1]) for _ in range(self.dim(shape[0]))]
        if isinstance(node, Add):
            total = self.value_of(node.terms[0])
            for term in node.terms[1:]:
                total = add(total, self.value_of(term))
            return total
        if isinstance(node, Neg):
            return scale(P - 1, self.value_of(node.x))
        if isinstance(node, Mul):
            return self._product(node)
        if isinstance(node, Div):
            den = self.value_of(node.den)
            assert isinstance(den, int)
            if den == 0:
                raise MathError("unsupported", "division by a scalar that is zero")
            return scale(pow(den, P - 2, P), self.value_of(node.x))
        if isinstance(node, Transpose):
            return transpose(self.value_of(node.x))
        if isinstance(node, Power):
            return power(self.value_of(node.x), node.n, self.deadline)
        if isinstance(node, Trace):
            value = self.value_of(node.x)
            return value if isinstance(value, int) else sum(value[i][i] for i in range(len(value))) % P
        raise MathError("unsupported", f"cannot evaluate {type(node).__name__}")

    def _symbol(self, name: str) -> Value:
        bound = self.trial.bindings.get(name)
        if bound is not None:
            return bound
        shape = self.ctx.table.get(name)
        if shape is None:
            if name in self.trial.dims:
                return self.trial.dims[name]
            return random_value(self.trial.index, name, 0, 0)
        return random_value(self.trial.index, name, self.dim(shape[0]), self.dim(shape[1]))

    def _product(self, node: Mul) -> Value:
        coefficient = 1
        matrices: list[list[list[int]]] = []
        for factor in node.factors:
            value = self.value_of(factor)
            if isinstance(value, int):
                coefficient = coefficient * value % P
            else:
                matrices.append(value)
        if not matrices:
            return coefficient
        result = chain_product(matrices, self.deadline)
        return result if coefficient == 1 else scale(coefficient, result)


def _num(value: Fraction) -> int:
    return value.numerator % P * pow(value.denominator % P, P - 2, P) % P


def identity(n: int) -> list[list[int]]:
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def add(a: Value, b: Value) -> Value:
    if isinstance(a, int) and isinstance(b, int):
        return (a + b) % P
    if isinstance(a, int) or isinstance(b, int):
        raise MathError("shape_error", "cannot add a scalar and a matrix")
    return [[(x + y) % P for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def scale(c: int, a: Value) -> Value:
    if isinstance(a, int):
        return c * a % P
    return [[c * x % P for x in row] for row in a]


@overload
def transpose(a: int) -> int: ...
@overload
def transpose(a: list[list[int]]) -> list[list[int]]: ...
def transpose(a: Value) -> Value:
    return a if isinstance(a, int) else [list(col) for col in zip(*a)]


def matmul(a: list[list[int]], b: list[list[int]]) -> list[list[int]]:
    cols = list(zip(*b))
    return [[sum(map(mul, row, col)) % P for col in cols] for row in a]


def chain_product(mats: list[list[list[int]]], deadline: Deadline) -> list[list[int]]:
    result = mats[0]
    for m in mats[1:]:
        deadline.check()
        result = matmul(result, m)
    return result


def inverse(a: Value) -> Value:
    if isinstance(a, int):
        if a == 0:
            raise MathError("unsupported", "the inverse of a zero scalar")
        return pow(a, P - 2, P)
    n = len(a)
    m = [list(row) + identity(n)[i] for i, row in enumerate(a)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col]), None)
        if pivot is None:
            raise MathError("unsupported", "the matrix to invert is singular (rank-deficient) at these sizes")
        m[col], m[pivot] = m[pivot], m[col]
        inv = pow(m[col][col], P - 2, P)
        m[col] = [x * inv % P for x in m[col]]
        for r in range(n):
            if r != col and m[r][col]:
                f = m[r][col]
                m[r] = [(x - f * y) % P for x, y in zip(m[r], m[col])]
    return [row[n:] for row in m]


def power(a: Value, n: int, deadline: Deadline) -> Value:
    if n < 0:
        return power(inverse(a), -n, deadline)
    if isinstance(a, int):
        return pow(a, n, P)
    result = identity(len(a))
    for _ in range(n):
        deadline.check()
        result = matmul(result, a)
    return result


def flatten(value: Value) -> list[int]:
    return [value] if isinstance(value, int) else [x for row in value for x in row]
