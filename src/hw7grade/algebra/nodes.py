"""The syntax tree: small frozen dataclasses, plus a compact renderer for messages."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Union


@dataclass(frozen=True, slots=True)
class Num:
    value: Fraction


@dataclass(frozen=True, slots=True)
class Sym:
    """A matrix (shape from the table) or, for lower-case and Greek names, a scalar."""

    name: str


@dataclass(frozen=True, slots=True)
class Ident:
    """`I` or `I_k`; `uid` keeps two unsized identities apart (each gets its size from context)."""

    size: str | None
    uid: int


@dataclass(frozen=True, slots=True)
class Zero:
    """A literal 0 standing for a zero matrix of whatever shape its equation needs."""

    uid: int


@dataclass(frozen=True, slots=True)
class Add:
    terms: tuple["Node", ...]


@dataclass(frozen=True, slots=True)
class Neg:
    x: "Node"


@dataclass(frozen=True, slots=True)
class Mul:
    factors: tuple["Node", ...]


@dataclass(frozen=True, slots=True)
class Div:
    """x divided by a scalar."""

    x: "Node"
    den: "Node"


@dataclass(frozen=True, slots=True)
class Transpose:
    x: "Node"


@dataclass(frozen=True, slots=True)
class Power:
    """x^n for a small integer n (n = -1 is the inverse)."""

    x: "Node"
    n: int


@dataclass(frozen=True, slots=True)
class Trace:
    x: "Node"


@dataclass(frozen=True, slots=True)
class Gradient:
    """`\\nabla_{W_1}\\mathcal{L}`, `\\partial L/\\partial W_1`, `dL/dW_1`: only valid as a whole side."""

    wrt: str


Node = Union[Num, Sym, Ident, Zero, Add, Neg, Mul, Div, Transpose, Power, Trace, Gradient]
_ONE_CHILD = (Neg, Transpose, Power, Trace)


def symbol_names(node: Node) -> set[str]:
    """The names of the `Sym`s in a tree (the other leaves name none)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        kind = type(n)
        if kind is Sym:
            found.add(n.name)  # type: ignore[union-attr]  # type(n) is Sym (exact type test: faster than isinstance)
        elif kind is Add:
            stack.extend(n.terms)  # type: ignore[union-attr]  # type(n) is Add
        elif kind is Mul:
            stack.extend(n.factors)  # type: ignore[union-attr]  # type(n) is Mul
        elif kind is Div:
            stack += (n.x, n.den)  # type: ignore[union-attr]  # type(n) is Div
        elif kind in _ONE_CHILD:
            stack.append(n.x)  # type: ignore[union-attr]  # a one-child node type
    return found


RENDER_MAX_CHARS = 60


def render(node: Node) -> str:
    """Plain-text form for messages (`W_2^T (W_2 W_1 - I) X X^T`), shortened if long."""
    text = _render(node)
    return text if len(text) <= RENDER_MAX_CHARS else text[: RENDER_MAX_CHARS - 3] + "..."


def _atomic(node: Node) -> bool:
    return isinstance(node, (Num, Sym, Ident, Zero, Trace, Gradient)) and not (
        isinstance(node, Num) and (node.value < 0 or node.value.denominator != 1)
    )


def _wrap(node: Node) -> str:
    text = _render(node)
    return text if _atomic(node) or isinstance(node, (Transpose, Power)) else f"({text})"


def _render(node: Node) -> str:
    if isinstance(node, Num):
        return str(node.value)
    if isinstance(node, Sym):
        return node.name
    if isinstance(node, Ident):
        return f"I_{node.size}" if node.size else "I"
    if isinstance(node, Zero):
        return "0"
    if isinstance(node, Add):
        out = _render(node.terms[0])
        for term in node.terms[1:]:
            out += f" - {_render(term.x)}" if isinstance(term, Neg) else f" + {_render(term)}"
        return out
    if isinstance(node, Neg):
        return f"-{_wrap(node.x)}"
    if isinstance(node, Mul):
        return " ".join(_wrap(f) for f in node.factors)
    if isinstance(node, Div):
        return f"{_wrap(node.x)}/{_wrap(node.den)}"
    if isinstance(node, Transpose):
        inner = _render(node.x) if _atomic(node.x) else f"({_render(node.x)})"
        return f"{inner}^T"
    if isinstance(node, Power):
        inner = _render(node.x) if _atomic(node.x) else f"({_render(node.x)})"
        return f"{inner}^{{{node.n}}}"
    if isinstance(node, Trace):
        return f"tr({_render(node.x)})"
    return f"grad_{node.wrt} L"


def canonical(node: Node) -> str:
    """The whole tree in our own LaTeX (`2 W_2^\\top (W_2 W_1 - I) X X^\\top`): never shortened, and
    read back by our parser as the same tree (up to the uids of `I` and `0`). Results carry formulas
    in this form, so a report can show or explain them later without the answer."""
    if isinstance(node, Num):
        v = node.value
        body = str(abs(v.numerator)) if v.denominator == 1 else f"\\frac{{{abs(v.numerator)}}}{{{v.denominator}}}"
        return "-" + body if v < 0 else body
    if isinstance(node, Sym):
        return _canonical_name(node.name)
    if isinstance(node, Ident):
        return _canonical_name(f"I_{node.size}") if node.size else "I"
    if isinstance(node, Zero):
        return "0"
    if isinstance(node, Add):
        out = canonical(node.terms[0])
        for term in node.terms[1:]:
            if isinstance(term, Neg):
                out += f" - {_canonical_negated(term.x)}"
            else:
                text = canonical(term)
                out += f" + \\left({text}\\right)" if text.startswith("-") else f" + {text}"
        return out
    if isinstance(node, Neg):
        return f"-{_canonical_negated(node.x)}"
    if isinstance(node, Mul):
        return " ".join(_canonical_wrapped(f) for f in node.factors)
    if isinstance(node, Div):
        return f"\\frac{{{canonical(node.x)}}}{{{canonical(node.den)}}}"
    if isinstance(node, Transpose):
        return f"{_canonical_base(node.x)}^\\top"
    if isinstance(node, Power):
        return f"{_canonical_base(node.x)}^{{{node.n}}}"
    if isinstance(node, Trace):
        return f"\\operatorname{{tr}}\\left({canonical(node.x)}\\right)"
    return f"\\nabla_{{{_canonical_name(node.wrt)}}} \\mathcal{{L}}"


@lru_cache(maxsize=1024)
def _canonical_name(name: str) -> str:
    from .lexer import GREEK

    base, _, sub = name.partition("_")
    text = "\\" + base if base in GREEK else base
    if not sub:
        return text
    return f"{text}_{sub}" if len(sub) == 1 else f"{text}_{{{sub}}}"


def _canonical_base(node: Node) -> str:
    """A transposed or powered operand: bare when it is a name, else in brackets."""
    return canonical(node) if isinstance(node, (Sym, Ident)) else f"\\left({canonical(node)}\\right)"


def _canonical_negated(node: Node) -> str:
    """What follows a minus sign: a product needs no brackets, a sum or a signed value does."""
    if isinstance(node, Mul) and not _signed(node.factors[0]):
        return canonical(node)
    return _canonical_wrapped(node)


def _signed(node: Node) -> bool:
    return isinstance(node, Neg) or (isinstance(node, Num) and node.value < 0)


def _canonical_wrapped(node: Node) -> str:
    """A factor or a negated term: in brackets when it is a sum, a product, or a signed number."""
    if isinstance(node, (Add, Mul, Neg)) or (isinstance(node, Num) and node.value < 0):
        return f"\\left({canonical(node)}\\right)"
    return canonical(node)
