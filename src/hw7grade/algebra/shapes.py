"""Shape inference with symbolic dimensions (m, n, k): a product that does not fit is a result.

`I` and `0` get their size from context by unification; lower-case and Greek names are scalars;
`tr(...)` is a scalar. The table of matrix shapes comes from the course file (`shapes:`), never from
here: a symbol it does not name is unknown, not guessed.
"""

from __future__ import annotations

from typing import Hashable, Mapping

from .lexer import GREEK
from .limits import MathError
from .memo import Memo
from .nodes import Add, Div, Gradient, Ident, Mul, Neg, Node, Num, Power, Sym, Trace, Transpose, Zero, render
from .parser import canonical_name

Shape = tuple[str, str] | None
"""(rows, cols) dimension names, or None for a scalar."""

_SCALAR_GREEK = frozenset(name for name in GREEK if name.islower())
"""Lower-case Greek letters name scalars (lambda, sigma); capitals may be matrices (Sigma)."""


def normalise_table(shapes: Mapping[str, tuple[str, str]] | None) -> dict[str, tuple[str, str]]:
    """Canonical symbol names (`W1`, `W_{1}`, `\\mathbf{W}_1` -> `W_1`) and string dimensions."""
    return dict(table_key(shapes))


TableKey = tuple[tuple[str, tuple[str, str]], ...]


def table_key(shapes: Mapping[str, tuple[str, str]] | None) -> TableKey:
    """The normalised table as a hashable value (memo keys); memoised, as every parse asks for it."""
    table = shapes or {}
    try:
        key: Hashable | None = tuple(table.items())
        known = _tables.get(key)
    except TypeError:  # unhashable dimension values (lists): just normalise
        key, known = None, None
    if known is None:
        known = tuple((canonical_name(k), (str(v[0]).strip(), str(v[1]).strip())) for k, v in table.items())
        if key is not None:
            _tables.put(key, known)
    return known


_tables: Memo[TableKey] = Memo()


def is_scalar_name(name: str) -> bool:
    base = name.split("_", 1)[0]
    return base in _SCALAR_GREEK or (len(base) == 1 and base.islower())


class ShapeContext:
    """Union-find over dimension names; names starting with `?` are unknowns still to be fixed."""

    def __init__(self, table: Mapping[str, tuple[str, str]]) -> None:
        self.table = table
        self.parent: dict[str, str] = {}
        self.fresh_count = 0
        self.ident: dict[int, str] = {}
        self.zero: dict[int, tuple[str, str] | None] = {}

    def fresh(self) -> str:
        self.fresh_count += 1
        return f"?{self.fresh_count}"

    def find(self, dim: str) -> str:
        root = dim
        while root in self.parent:
            root = self.parent[root]
        while dim != root:
            nxt = self.parent[dim]
            self.parent[dim] = root
            dim = nxt
        return root

    def unify(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if ra.startswith("?"):
            self.parent[ra] = rb
            return True
        if rb.startswith("?"):
            self.parent[rb] = ra
            return True
        return False

    def show(self, shape: Shape) -> str:
        if shape is None:
            return "scalar"
        r, c = (self.find(d) for d in shape)
        return f"{'?' if r.startswith('?') else r}×{'?' if c.startswith('?') else c}"

    def resolve(self, shape: Shape) -> Shape:
        return None if shape is None else (self.find(shape[0]), self.find(shape[1]))

    # -- inference -------------------------------------------------------------------------------
    def infer(self, node: Node) -> Shape:
        if isinstance(node, Num):
            return None
        if isinstance(node, Sym):
            if node.name in self.table:
                return self.table[node.name]
            if is_scalar_name(node.name):
                return None
            raise MathError(
                "unsupported",
                f"unknown matrix symbol {node.name}; give its shape (e.g. --shape {node.name}=ROWS,COLS)",
            )
        if isinstance(node, Ident):
            size = node.size or self.fresh()
            self.ident[node.uid] = size
            return (size, size)
        if isinstance(node, Zero):
            shape = (self.fresh(), self.fresh())
            self.zero[node.uid] = shape
            return shape
        if isinstance(node, Add):
            return self._add(node)
        if isinstance(node, Neg):
            return self.infer(node.x)
        if isinstance(node, Mul):
            return self._mul(node)
        if isinstance(node, Div):
            if self.infer(node.den) is not None:
                raise MathError("unsupported", f"division by the matrix {render(node.den)} is not supported")
            return self.infer(node.x)
        if isinstance(node, Transpose):
            inner = self.infer(node.x)
            return None if inner is None else (inner[1], inner[0])
        if isinstance(node, Power):
            inner = self.infer(node.x)
            if inner is not None and not self.unify(inner[0], inner[1]):
                what = "inverse" if node.n < 0 else "power"
                raise MathError(
                    "shape_error", f"the {what} of {render(node.x)} needs a square matrix, but it is {self.show(inner)}"
                )
            return inner
        if isinstance(node, Trace):
            inner = self.infer(node.x)
            if inner is not None and not self.unify(inner[0], inner[1]):
                raise MathError(
                    "shape_error", f"the trace of {render(node.x)} needs a square matrix, but it is {self.show(inner)}"
                )
            return None
        if isinstance(node, Gradient):
            raise MathError("unsupported", "a gradient can only stand alone on one side of an equation")
        raise MathError("unsupported", f"cannot handle {type(node).__name__}")  # pragma: no cover

    def _add(self, node: Add) -> Shape:
        shapes = [self.infer(t) for t in node.terms]
        first = next((i for i, s in enumerate(shapes) if s is not None), None)
        if first is None:
            return None
        if any(s is None for s in shapes):
            scalar = node.terms[shapes.index(None)]
            raise MathError(
                "shape_error",
                f"cannot add the scalar {render(scalar)} to the {self.show(shapes[first])} matrix "
                f"{render(node.terms[first])}",
            )
        base = shapes[first]
        assert base is not None
        for term, shape in zip(node.terms, shapes):
            assert shape is not None
            if not (self.unify(base[0], shape[0]) and self.unify(base[1], shape[1])):
                raise MathError(
                    "shape_error",
                    f"cannot add {render(node.terms[first])} ({self.show(base)}) and {render(term)} "
                    f"({self.show(shape)})",
                )
        return base

    def _mul(self, node: Mul) -> Shape:
        current: Shape = None
        for i, factor in enumerate(node.factors):
            shape = self.infer(factor)
            if shape is None:
                continue
            if current is None:
                current = shape
                continue
            if not self.unify(current[1], shape[0]):
                left = render(Mul(node.factors[:i])) if i > 1 else render(node.factors[0])
                raise MathError(
                    "shape_error",
                    f"cannot multiply {left} ({self.show(current)}) by {render(factor)} ({self.show(shape)}): "
                    f"inner dimensions {self.find(current[1])} and {self.find(shape[0])} differ",
                )
            current = (current[0], shape[1])
        return current

    def unify_shapes(self, a: Shape, b: Shape, a_node: Node, b_node: Node) -> Shape:
        """Both sides of an equation must have one shape; a bare 0 takes the other side's."""
        if isinstance(b_node, Zero) and a is None:
            self.zero[b_node.uid] = None
            return None
        if isinstance(a_node, Zero) and b is None:
            self.zero[a_node.uid] = None
            return None
        if a is None and b is None:
            return None
        if a is None or b is None or not (self.unify(a[0], b[0]) and self.unify(a[1], b[1])):
            raise MathError(
                "shape_error",
                f"the sides {render(a_node)} ({self.show(a)}) and {render(b_node)} ({self.show(b)}) have different "
                "shapes",
            )
        return a
