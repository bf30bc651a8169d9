"""sympy objects built from the engine's own syntax tree, never from text.

The modular evaluator decides equivalence; sympy adds what a computer-algebra system is good at:
the expanded difference of two expressions (to explain a miss, or as a certificate that it is
zero) and printers for people (Unicode, MathML). sympy is imported here only, on first use, so
`--help` and answers that need no explanation never load it. Nothing here calls `sympify`,
`parse_expr`, `parse_latex` or `S(str)`: every sympy object is built from numbers, names and
tree nodes (`tests/algebra/test_symbolic.py` makes those functions raise while grading).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from fractions import Fraction
from functools import reduce
from typing import Any, Iterator

from ..alarm import alarm, available
from .limits import Deadline, MathError
from .nodes import Add, Div, Gradient, Ident, Mul, Neg, Node, Num, Power, Sym, Trace, Transpose, Zero
from .shapes import ShapeContext, is_scalar_name

MAX_SYMBOLIC_NODES = 300
"""Largest tree handed to sympy; bigger ones are not expanded (a limit, not a computation)."""
MAX_SYMBOLIC_POWER = 4
"""Largest power of a sum that is expanded."""
MAX_WRITTEN_POWER = 16
"""Largest power of a product (or a single matrix) that is written out letter by letter."""
MAX_EXPANDED_PRODUCTS = 256
"""Most products a power of a sum is multiplied out into."""
MAX_TERMS = 64
"""Most terms of an expansion that an explanation lists."""

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def sympy_module() -> Any:
    """sympy, imported on first use (about a second: only where it is needed)."""
    import sympy

    return sympy


def budget(deadline: Deadline | None, default_s: float) -> Deadline:
    """The time sympy may take: the caller's deadline (or `default_s`), not counting sympy's
    one-off import, which is a per-process cost rather than this answer's."""
    start = time.monotonic()
    sympy_module()
    imported_in = time.monotonic() - start
    if deadline is None:
        return Deadline(default_s)
    deadline.extend(imported_in)
    return Deadline(min(deadline.remaining, default_s))


class _TimeUp(BaseException):
    """Raised by the alarm inside sympy; a BaseException so sympy's own `except Exception` cannot swallow it."""


@contextmanager
def bounded(deadline: Deadline | None) -> Iterator[None]:
    """Run sympy until the deadline: sympy cannot check a deadline from inside, so in the main
    thread (a CLI run or a batch worker) a timer signal interrupts it (`hw7grade.alarm`) and the
    block raises a `limit` MathError. Elsewhere only the size caps (MAX_SYMBOLIC_NODES) bound it."""
    if deadline is not None:
        deadline.check()
    remaining = deadline.remaining if deadline is not None else None
    if remaining is None or not available():
        yield
        return
    try:
        with alarm(remaining, _TimeUp):
            yield
    except _TimeUp:
        raise MathError("limit", "gave up: the symbolic comparison ran out of time") from None


def count_nodes(node: Node) -> int:
    total, stack = 0, [node]
    while stack:
        n = stack.pop()
        total += 1
        if isinstance(n, Add):
            stack.extend(n.terms)
        elif isinstance(n, Mul):
            stack.extend(n.factors)
        elif isinstance(n, Div):
            stack += (n.x, n.den)
        elif isinstance(n, (Neg, Transpose, Power, Trace)):
            stack.append(n.x)
    return total


class Converter:
    """Our tree -> sympy: `MatrixSymbol` with the inferred shapes, `Transpose`, `Identity`,
    `ZeroMatrix`, `Trace`, `Inverse`/`MatPow`, and commuting scalars."""

    def __init__(self, ctx: ShapeContext) -> None:
        self.sp = sympy_module()
        self.ctx = ctx
        self._dims: dict[str, Any] = {}

    def dim(self, name: str) -> Any:
        root = self.ctx.find(name)
        if root.isdigit():
            return self.sp.Integer(int(root))
        known = self._dims.get(root)
        if known is None:
            label = "d" + root[1:] if root.startswith("?") else root
            known = self._dims[root] = self.sp.Symbol(label, integer=True, positive=True)
        return known

    def convert(self, node: Node) -> Any:
        sp = self.sp
        if isinstance(node, Num):
            return sp.Rational(node.value.numerator, node.value.denominator)
        if isinstance(node, Sym):
            shape = self.ctx.table.get(node.name)
            if shape is None:
                if not is_scalar_name(node.name):
                    raise MathError("unsupported", f"unknown matrix symbol {node.name}")
                return sp.Symbol(node.name)
            return sp.MatrixSymbol(node.name, self.dim(shape[0]), self.dim(shape[1]))
        if isinstance(node, Ident):
            size = self.ctx.ident.get(node.uid) or node.size
            return sp.Identity(self.dim(size)) if size else sp.Integer(1)
        if isinstance(node, Zero):
            shape = self.ctx.zero.get(node.uid)
            return sp.Integer(0) if shape is None else sp.ZeroMatrix(self.dim(shape[0]), self.dim(shape[1]))
        if isinstance(node, Add):
            return reduce(lambda a, b: a + b, (self.convert(t) for t in node.terms))
        if isinstance(node, Neg):
            return -self.convert(node.x)
        if isinstance(node, Mul):
            return reduce(lambda a, b: a * b, (self.convert(f) for f in node.factors))
        if isinstance(node, Div):
            return self.convert(node.x) * sp.Pow(self.convert(node.den), -1)
        if isinstance(node, Transpose):
            inner = self.convert(node.x)
            return sp.Transpose(inner) if inner.is_Matrix else inner
        if isinstance(node, Power):
            inner = self.convert(node.x)
            if not inner.is_Matrix:
                return sp.Pow(inner, node.n)
            if node.n == -1:
                return sp.Inverse(inner)
            return sp.MatPow(inner, node.n)
        if isinstance(node, Trace):
            inner = self.convert(node.x)
            return sp.Trace(inner) if inner.is_Matrix else inner
        if isinstance(node, Gradient):
            raise MathError("unsupported", "a gradient has no symbolic value")
        raise MathError("unsupported", f"cannot convert {type(node).__name__}")  # pragma: no cover


def to_sympy(node: Node, ctx: ShapeContext) -> Any:
    """The sympy expression for a tree whose shapes were inferred in `ctx`."""
    if count_nodes(node) > MAX_SYMBOLIC_NODES:
        raise MathError("limit", f"the expression has more than {MAX_SYMBOLIC_NODES} parts for symbolic expansion")
    return Converter(ctx).convert(node)


def expand(expr: Any) -> Any:
    """Canonical expanded form: transposes pushed onto symbols, products multiplied out."""
    sp = sympy_module()
    for power in expr.atoms(sp.MatPow, sp.Pow):
        base, exponent = power.args
        limit = MAX_SYMBOLIC_POWER if isinstance(base, (sp.MatAdd, sp.Add)) else MAX_WRITTEN_POWER
        if exponent.is_Integer and abs(int(exponent)) > limit:
            raise MathError("limit", f"the power {exponent} is too large to expand")
    out = sp.expand(expr.doit())
    if out.has(sp.MatPow):
        out = sp.expand(out.replace(_is_power_of_sum, _multiplied_out))
    if out.has(sp.Trace):
        out = sp.expand(out.replace(lambda e: isinstance(e, sp.Trace), _canonical_trace))
    return out


def _is_power_of_sum(e: Any) -> bool:
    sp = sympy_module()
    return isinstance(e, sp.MatPow) and isinstance(e.args[0], sp.MatAdd) and e.args[1].is_Integer and e.args[1] > 1


def _multiplied_out(power: Any) -> Any:
    """(A + B)² as AA + AB + BA + BB: sympy's `expand` folds a product of equal sums back into a
    power and leaves it, so (A + B)² and AA + AB + BA + BB would compare as different words."""
    sp = sympy_module()
    base, exponent = power.args
    summands = [sp.expand(t) for t in base.args]
    products: list[list[Any]] = [[]]
    for _ in range(int(exponent)):
        products = [p + [t] for p in products for t in summands]
        if len(products) > MAX_EXPANDED_PRODUCTS:
            raise MathError("limit", f"the power of a sum has more than {MAX_EXPANDED_PRODUCTS} products")
    return sp.MatAdd(*(sp.MatMul(*p).doit() for p in products)).doit()


def _canonical_trace(trace: Any) -> Any:
    """tr(AB) = tr(BA) = tr(BᵀAᵀ): one representative (the first by text) of the rotations of
    the product and of its transpose, so equal traces expand alike."""
    sp = sympy_module()
    coeff, body = trace.arg.as_coeff_mmul()
    options = []
    for product in (body, sp.Transpose(body).doit()):
        factors = list(product.args) if isinstance(product, sp.MatMul) else [product]
        options += [factors[i:] + factors[:i] for i in range(len(factors))]
    best = min(options, key=lambda fs: "*".join(map(str, fs)))
    return coeff * sp.Trace(sp.MatMul(*best).doit() if len(best) > 1 else best[0])


def is_zero(expr: Any) -> bool:
    sp = sympy_module()
    return expr == 0 or isinstance(expr, sp.ZeroMatrix) or getattr(expr, "is_ZeroMatrix", False) is True


Word = tuple[str, ...]


def terms(expr: Any) -> dict[Word, Any]:
    """An expanded expression as {matrix word: scalar coefficient} (the empty word is a scalar term)."""
    sp = sympy_module()
    parts = expr.args if isinstance(expr, (sp.MatAdd, sp.Add)) else (expr,)
    if len(parts) > MAX_TERMS:
        raise MathError("limit", f"the expansion has more than {MAX_TERMS} terms")
    out: dict[Word, Any] = {}
    for part in parts:
        if is_zero(part):
            continue
        if part.is_Matrix:
            coeff, body = part.as_coeff_mmul()
            factors = body.args if isinstance(body, sp.MatMul) else (body,)
            scalars = [f for f in factors if not f.is_Matrix]
            coeff = reduce(lambda a, b: a * b, scalars, coeff)
            letters: list[str] = []
            for f in factors:
                if f.is_Matrix:
                    c, ls = _letters(f)
                    coeff, letters = coeff * c, letters + ls
            word = tuple(letters)
        else:
            coeff, rest = part.as_coeff_Mul()
            word = ("",) if rest == 1 else (show(rest),)
            word = () if word == ("",) else ("·" + word[0],)
        out[word] = out.get(word, 0) + coeff
    return {w: c for w, c in out.items() if c != 0}


def _letters(factor: Any) -> tuple[Any, list[str]]:
    """A factor as (scalar, letters of a word): sympy writes A·A as A² (and 2AB·2AB as (2AB)²), so
    positive powers are written out, or AB·AB and (AB)² would be different words."""
    sp = sympy_module()
    base, exponent = factor.args if isinstance(factor, sp.MatPow) else (factor, None)
    if exponent is None or not exponent.is_Integer or exponent < 1:
        return 1, [show(factor)]
    coeff, body = base.as_coeff_mmul() if isinstance(base, sp.MatMul) else (1, base)
    inner = body.args if isinstance(body, sp.MatMul) else (body,)
    scalar: Any = coeff
    letters: list[str] = []
    for f in inner:
        if not f.is_Matrix:
            scalar = scalar * f
            continue
        c, ls = _letters(f)
        scalar, letters = scalar * c, letters + ls
    n = int(exponent)
    return scalar**n, letters * n


def vanishes(expr: Any) -> bool:
    """Whether an expanded expression is zero once its terms are collected as words."""
    return is_zero(expr) or not terms(expr)


def show(expr: Any) -> str:
    """Compact one-line Unicode (W₂ᵀW₂W₁XXᵀ, (W₂ᵀW₂)⁻¹, tr(XXᵀ)) for messages."""
    sp = sympy_module()
    if isinstance(expr, sp.MatrixSymbol):
        base, _, sub = expr.name.partition("_")
        return base + (sub.translate(SUBSCRIPTS) if sub.isdigit() else ("_" + sub if sub else ""))
    if isinstance(expr, sp.Identity):
        return "I"
    if isinstance(expr, sp.ZeroMatrix):
        return "0"
    if isinstance(expr, sp.Transpose):
        return _atom(expr.arg) + "ᵀ"
    if isinstance(expr, sp.Inverse):
        return _atom(expr.arg) + "⁻¹"
    if isinstance(expr, sp.MatPow):
        return _atom(expr.args[0]) + str(expr.args[1]).translate(SUPERSCRIPTS)
    if isinstance(expr, sp.Trace):
        return f"tr({show(expr.arg)})"
    if isinstance(expr, sp.MatMul):
        coeff, body = expr.as_coeff_mmul()
        factors = body.args if isinstance(body, sp.MatMul) else (body,)
        text = "".join(_atom(f) for f in factors)
        return text if coeff == 1 else f"{coefficient(coeff)}·{text}"
    if isinstance(expr, (sp.MatAdd, sp.Add)):
        out = ""
        for i, part in enumerate(expr.args):
            text = show(part)
            if i and text.startswith("−"):
                out += " − " + text[1:]
            else:
                out += (" + " if i else "") + text
        return out
    if isinstance(expr, sp.Symbol):
        base, _, sub = expr.name.partition("_")
        return base + (sub.translate(SUBSCRIPTS) if sub.isdigit() else ("_" + sub if sub else ""))
    if isinstance(expr, sp.Mul):
        return "·".join(_atom(a) for a in expr.args).replace("-1·", "−")
    return str(expr).replace("-", "−").replace("**", "^").replace("*", "·")


def _atom(expr: Any) -> str:
    sp = sympy_module()
    text = show(expr)
    return f"({text})" if isinstance(expr, (sp.MatAdd, sp.Add, sp.MatMul)) else text


def coefficient(c: Any) -> str:
    """`2`, `−2`, `1/2`, `−λ` (a Unicode minus: the text is for people)."""
    sp = sympy_module()
    if c == -1:
        return "−"
    if isinstance(c, sp.Rational):
        return str(c).replace("-", "−")
    return show(c)


def show_term(word: Word, c: Any) -> str:
    body = "".join(word) or "1"
    if word and word[0].startswith("·"):
        body = body[1:]
    if c == 1:
        return body
    text = coefficient(c)
    return text + body if text == "−" else f"{text}·{body}"


def as_fraction(c: Any) -> Fraction | None:
    sp = sympy_module()
    return Fraction(int(c.p), int(c.q)) if isinstance(c, sp.Rational) else None
