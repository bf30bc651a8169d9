"""Hand-written recursive descent over the token stream: text -> equation chains of syntax trees.

Nothing here evaluates model text; every step counts nodes and depth against the limits and
checks the deadline.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from operator import itemgetter
from typing import Iterable

from ..regexes import regex
from .lexer import Token, normalise, tokenize
from .limits import MAX_DEPTH, MAX_EXPONENT, MAX_NODES, Deadline, MathError
from .nodes import Add, Div, Gradient, Ident, Mul, Neg, Node, Num, Power, Sym, Trace, Transpose, Zero

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = frozenset(_OPEN.values())
_KIND = itemgetter(0)
_TEXT = itemgetter(1)
"""A token's kind and text (`Token` is a named tuple)."""
_LOSS_LETTERS = {"L", "J", "E"}
_NAME_RE = regex(r"^\s*\\?([A-Za-z]+)\s*(?:_\s*\{\s*(\w+)\s*\}|_\s*(\w)|(\d+))?\s*$")


@dataclass(frozen=True)
class Chain:
    """One statement: sides separated by `=` (a single side is a bare expression).

    A side that could not be parsed is kept as its `MathError` so the other sides still count.
    `error` is set when the whole statement is unusable (e.g. it uses `\\approx` or `\\in`).
    """

    sides: tuple[Node | MathError, ...]
    text: str
    error: MathError | None = None


def canonical_name(text: str) -> str:
    """`W_{1}`, `W1`, `\\mathbf{W}_1` -> `W_1`; `X` -> `X`; anything else is returned stripped."""
    text = normalise(text)
    match = _NAME_RE.match(text)
    if not match:
        return text.strip()
    base, sub = match.group(1), match.group(2) or match.group(3) or match.group(4)
    return f"{base}_{sub}" if sub else base


def parse_chains(text: str, known: Iterable[str] = (), deadline: Deadline | None = None) -> list[Chain]:
    """Split a math snippet into statements (at `,` `;` `\\quad` `\\\\` `\\text{...}`) and parse each."""
    deadline = deadline or Deadline()
    tokens = tokenize(text, deadline)
    known_set = frozenset(known)
    uids = itertools.count()
    chains = []
    pieces = [
        piece
        for statement in _split(tokens, {"sep", "row"}, {";"})
        for piece in _unpacked(_split(statement, set(), {","}))
    ]
    for segment in pieces:
        # Each test first over all tokens at C speed; most snippets have no `&` and no relation.
        if "&" in map(_TEXT, segment):
            segment = [t for t in segment if not (t.kind == "op" and t.text == "&")]
        if not segment:
            continue
        if "rel" in map(_KIND, segment):
            segment = _before_membership(segment)
        seg_text = " ".join(map(_TEXT, segment))
        if "rel" in map(_KIND, segment) and any(t.kind == "rel" for t in _top_level(segment)):
            rel = next(t for t in _top_level(segment) if t.kind == "rel")
            chains.append(Chain((), seg_text, MathError("unsupported", f"the relation {rel.text} is not an equation")))
            continue
        sides: list[Node | MathError] = []
        for side in _split(segment, set(), {"="}):
            if not side:
                sides.append(MathError("parse_error", f"an equation side is empty in {seg_text!r}"))
                continue
            try:
                sides.append(_Parser(side, known_set, deadline, uids).side())
            except MathError as exc:
                if exc.status == "limit":
                    raise
                sides.append(exc)
        chains.append(Chain(tuple(sides), seg_text))
    return chains


def _unpacked(pieces: list[list[Token]]) -> list[list[Token]]:
    """Comma-separated pieces, with Python's tuple assignment paired up: `W1, W2 = Uk.T, Uk` states
    W1 = Uk.T and W2 = Uk (as many names before the one `=` as values after it)."""
    with_eq = [i for i, piece in enumerate(pieces) if any(t.kind == "op" and t.text == "=" for t in _top_level(piece))]
    if len(with_eq) != 1 or len(pieces) < 2:
        return pieces
    j = with_eq[0]
    names, values = pieces[:j], pieces[j + 1 :]
    sides = _split(pieces[j], set(), {"="})
    if len(sides) != 2 or len(names) != len(values) or not all(names) or not all(values):
        return pieces
    equals = next(t for t in _top_level(pieces[j]) if t.kind == "op" and t.text == "=")
    lefts, rights = [*names, sides[0]], [sides[1], *values]
    return [[*left, equals, *right] for left, right in zip(lefts, rights)]


def _before_membership(tokens: list[Token]) -> list[Token]:
    """An equation up to a top-level `\\in` that annotates it with a set or a shape:
    "V_1 = W_1 U \\in R^{k×m}" states V_1 = W_1 U (a bare "x \\in S" stays a relation)."""
    depth = 0
    for i, tok in enumerate(tokens):
        if tok.kind == "op" and tok.text in _OPEN:
            depth += 1
        elif tok.kind == "op" and tok.text in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and tok.kind == "rel":
            if tok.text == "in" and any(t.kind == "op" and t.text == "=" for t in tokens[:i]):
                return tokens[:i]
            return tokens
    return tokens


def _top_level(tokens: list[Token]) -> Iterable[Token]:
    depth = 0
    for tok in tokens:
        if tok.kind == "op" and tok.text in _OPEN:
            depth += 1
        elif tok.kind == "op" and tok.text in (")", "]", "}"):
            depth -= 1
        elif depth == 0:
            yield tok


def _split(tokens: list[Token], kinds: set[str], ops: set[str]) -> list[list[Token]]:
    """The tokens cut at top-level tokens of one of `kinds` (dropped inside brackets) or one of the
    `ops` operators; with `=` among the ops, empty parts are kept (an empty equation side)."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for tok in tokens:
        kind = tok[0]  # `tok.kind`: indexing is cheaper than the named field, at every token
        if kind == "op":  # never one of `kinds` (sep, row)
            text = tok[1]
            if text in _OPEN:
                depth += 1
            elif text in _CLOSE:
                depth = max(depth - 1, 0)
            if depth == 0 and text in ops:
                parts.append([])
            else:
                parts[-1].append(tok)
        elif kind in kinds:
            if depth == 0:
                parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p] if not ops or "=" not in ops else parts


class _Parser:
    def __init__(self, tokens: list[Token], known: frozenset[str], deadline: Deadline, uids: itertools.count) -> None:
        self.toks = list(tokens)
        self.i = 0
        self.depth = 0
        self.count = 0
        self.known = known
        self.deadline = deadline
        self.uids = uids
        self.in_norm = 0
        """Open `\\|` norms: inside one, a `\\|` closes it rather than starting a factor."""

    # -- helpers ---------------------------------------------------------------------------------
    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def at_op(self, text: str, k: int = 0) -> bool:
        j = self.i + k  # `peek` inlined: the parser asks this at almost every token
        if j >= len(self.toks):
            return False
        tok = self.toks[j]
        return tok.kind == "op" and tok.text == text

    def take(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise MathError("parse_error", "the expression ends too early")
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        tok = self.peek()
        if tok is None or tok.kind != "op" or tok.text != text:
            raise MathError("parse_error", f"expected {text!r} {self.where(tok)}")
        self.i += 1

    def where(self, tok: Token | None) -> str:
        return "at the end" if tok is None else f"before {tok.text!r} at character {tok.pos + 1}"

    def make(self, node: Node) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise MathError("limit", f"the expression has more than {MAX_NODES} parts")
        if self.count % 64 == 0:
            self.deadline.check()
        return node

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise MathError("limit", f"the expression is nested more than {MAX_DEPTH} levels deep")

    # -- grammar ---------------------------------------------------------------------------------
    def side(self) -> Node:
        grad = self.gradient()
        if grad is not None:
            if self.peek() is not None:
                raise MathError("unsupported", "a gradient of an expression (not of the loss) is not supported")
            return grad
        node = self.expr()
        tok = self.peek()
        if tok is not None:
            raise MathError("parse_error", f"unexpected {tok.text!r} at character {tok.pos + 1}")
        if isinstance(node, Num) and node.value == 0:
            return self.make(Zero(next(self.uids)))
        return node

    def expr(self) -> Node:
        self.enter()
        terms: list[Node] = []
        negate = False
        if self.at_op("+") or self.at_op("-"):
            negate = self.take().text == "-"
        while True:
            term = self.term()
            if not (isinstance(term, Num) and term.value == 0):
                terms.append(self.make(Neg(term)) if negate else term)
            if self.at_op("+") or self.at_op("-"):
                negate = self.take().text == "-"
                continue
            break
        self.depth -= 1
        if not terms:
            return self.make(Num(Fraction(0)))
        return terms[0] if len(terms) == 1 else self.make(Add(tuple(terms)))

    def term(self) -> Node:
        factors = [self.factor()]
        while True:
            tok = self.peek()
            if tok is None:
                break
            if tok.kind == "mul" or (tok.kind == "op" and tok.text == "*"):
                self.i += 1
                factors.append(self.factor())
            elif tok.kind == "op" and tok.text == "/":
                self.i += 1
                den = self.factor()
                num = factors[0] if len(factors) == 1 else self.make(Mul(tuple(factors)))
                factors = [self.make(Div(num, den))]
            elif self.starts_factor(tok) or (tok.kind == "norm" and not self.in_norm):
                factors.append(self.factor())
            else:
                break
        return factors[0] if len(factors) == 1 else self.make(Mul(tuple(factors)))

    @staticmethod
    def starts_factor(tok: Token) -> bool:
        if tok.kind in ("num", "letter", "greek", "frac", "trace", "nabla", "partial", "loss", "unsup"):
            return True
        return tok.kind == "op" and tok.text in _OPEN

    def factor(self) -> Node:
        if self._is_d() and self.gradient() is not None:
            # `W2^T * dL/dA`: a chain rule through another matrix, not a product with d, L and A
            raise MathError("unsupported", "a gradient inside an expression is not supported")
        base = self.primary()
        while self.at_op("^"):
            self.i += 1
            base = self.superscript(base)
        return base

    def primary(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            return self.make(Num(Fraction(tok.text)))
        if tok.kind in ("letter", "greek"):
            return self.symbol(tok)
        if tok.kind == "op" and tok.text in _OPEN:
            self.enter()
            inner = self.expr()
            self.expect(_OPEN[tok.text])
            self.depth -= 1
            return inner
        if tok.kind == "frac":
            num = self.frac_arg()
            den = self.frac_arg()
            if isinstance(num, Num) and isinstance(den, Num):
                if den.value == 0:
                    raise MathError("parse_error", f"division by zero at character {tok.pos + 1}")
                return self.make(Num(num.value / den.value))
            return self.make(Div(num, den))
        if tok.kind == "norm":
            return self.frobenius_squared(tok)
        if tok.kind == "trace":
            nxt = self.peek()
            arg = self.primary() if nxt is not None and nxt.kind == "op" and nxt.text in _OPEN else self.factor()
            return self.make(Trace(arg))
        if tok.kind in ("nabla", "partial", "loss"):
            raise MathError("unsupported", "a gradient can only stand alone on one side of an equation")
        if tok.kind == "unsup":
            raise MathError("unsupported", f"{tok.text} is not supported (character {tok.pos + 1})")
        raise MathError("parse_error", f"unexpected {tok.text!r} at character {tok.pos + 1}")

    def frobenius_squared(self, tok: Token) -> Node:
        """`\\|A\\|_F^2` is tr(AᵀA); any other norm is not a polynomial, so not supported."""
        self.enter()
        self.in_norm += 1
        inner = self.expr()
        self.in_norm -= 1
        self.depth -= 1
        close = self.take()
        if close.kind != "norm":
            raise MathError("parse_error", f"the norm opened at character {tok.pos + 1} is not closed")
        subscript = ""
        if self.at_op("_"):
            self.i += 1
            subscript = self.subscript()
        squared = self.at_op("^") and self._squared()
        if subscript != "F" or not squared:
            raise MathError(
                "unsupported", f"only the squared Frobenius norm \\|...\\|_F^2 is supported (character {tok.pos + 1})"
            )
        return self.make(Trace(self.make(Mul((self.make(Transpose(inner)), inner)))))

    def _squared(self) -> bool:
        """Consume `^2` or `^{2}` after a norm."""
        texts = [t.text for t in self.toks[self.i + 1 : self.i + 4]]
        if texts[:1] == ["2"]:
            self.i += 2
            return True
        if texts[:3] == ["{", "2", "}"]:
            self.i += 4
            return True
        return False

    def frac_arg(self) -> Node:
        if self.at_op("{"):
            self.i += 1
            self.enter()
            inner = self.expr()
            self.expect("}")
            self.depth -= 1
            return inner
        tok = self.take()
        if tok.kind == "num" and len(tok.text) >= 1:
            # `\frac12`: each argument is one character.
            if len(tok.text) > 1:
                self.i -= 1
                self.toks[self.i] = Token("num", tok.text[1:], tok.pos + 1)
            return self.make(Num(Fraction(tok.text[0])))
        if tok.kind in ("letter", "greek"):
            return self.symbol(tok)
        raise MathError("parse_error", f"\\frac needs braced arguments (character {tok.pos + 1})")

    def name_after(self, tok: Token) -> tuple[str, str | None]:
        base = tok.text
        sub = None
        if self.at_op("_"):
            self.i += 1
            sub = self.subscript()
        else:
            nxt = self.peek()
            if (
                nxt is not None
                and nxt.kind == "num"
                and nxt.adjacent
                and nxt.text.isdigit()
                and (f"{base}_{nxt.text}" in self.known or (len(base) == 1 and base.isupper() and len(nxt.text) == 1))
            ):
                # `W1`, and a capital's one digit written on: `V1 = U_k^T U` names V_1, not V times 1.
                self.i += 1
                sub = nxt.text
            elif (
                nxt is not None
                and nxt.kind == "letter"
                and nxt.adjacent
                and len(nxt.text) == 1
                and nxt.text.islower()
                and f"{base}_{nxt.text}" in self.known
            ):
                # `Uk^T` in plain text is U_k^T when the table knows U_k (not U times k).
                self.i += 1
                sub = nxt.text
        return (f"{base}_{sub}" if sub else base), sub

    def symbol(self, tok: Token) -> Node:
        name, sub = self.name_after(tok)
        if tok.text == "I" and name not in self.known:
            return self.make(Ident(sub, next(self.uids)))
        return self.make(Sym(name))

    def subscript(self) -> str:
        tok = self.take()
        if tok.kind in ("letter", "num", "greek"):
            return tok.text
        if not (tok.kind == "op" and tok.text == "{"):
            raise MathError("parse_error", f"unexpected subscript {tok.text!r} at character {tok.pos + 1}")
        parts: list[Token] = []
        while not self.at_op("}"):
            parts.append(self.take())
        self.i += 1
        kinds = [t.kind for t in parts]
        if parts and all(k in ("letter", "num") for k in kinds) and len(parts) <= 3:
            return "".join(t.text for t in parts)
        # `I_{k \times k}`: a square identity's size.
        if len(parts) == 3 and kinds[1] == "mul" and parts[0].text == parts[2].text:
            return parts[0].text
        raise MathError("unsupported", f"the subscript {' '.join(t.text for t in parts)!r} is not supported")

    def superscript(self, base: Node) -> Node:
        if self.at_op("{"):
            self.i += 1
            inner: list[Token] = []
            depth = 1
            while True:
                tok = self.take()
                if tok.kind == "op" and tok.text == "{":
                    depth += 1
                elif tok.kind == "op" and tok.text == "}":
                    depth -= 1
                    if depth == 0:
                        break
                inner.append(tok)
        else:
            tok = self.take()
            inner = [tok]
            if tok.kind == "op" and tok.text == "-":
                inner.append(self.take())
            elif tok.kind == "num" and len(tok.text) > 1:
                # `X^23` is X^2 times 3 in LaTeX.
                self.i -= 1
                self.toks[self.i] = Token("num", tok.text[1:], tok.pos + 1)
                inner = [Token("num", tok.text[0], tok.pos)]
        return self.apply_superscript(base, inner)

    def apply_superscript(self, base: Node, inner: list[Token]) -> Node:
        def is_t(tok: Token) -> bool:
            return tok.kind == "top" or (tok.kind == "letter" and tok.text in "Tt")

        sign = 1
        body = inner
        if body and body[0].kind == "op" and body[0].text == "-":
            sign, body = -1, body[1:]
        if len(body) == 1 and is_t(body[0]):
            node = self.make(Transpose(base))
            return self.make(Power(node, -1)) if sign < 0 else node
        if len(body) == 1 and body[0].kind == "num" and body[0].text.isdigit():
            n = sign * int(body[0].text)
            if abs(n) > MAX_EXPONENT:
                raise MathError("limit", f"the exponent {n} is larger than {MAX_EXPONENT}")
            return base if n == 1 else self.make(Power(base, n))
        text = " ".join(t.text for t in inner)
        if any(t.kind == "op" and t.text == "^" for t in inner):
            raise MathError("limit", f"nested exponents ({text}) are not computed")
        raise MathError(
            "unsupported", f"the superscript {{{text}}} is not supported (only transposes and small integer powers)"
        )

    # -- gradients -------------------------------------------------------------------------------
    def gradient(self) -> Gradient | None:
        start = self.i
        try:
            wrt = self._gradient_form()
        except MathError:
            wrt = None
        if wrt is None:
            self.i = start
            return None
        return Gradient(wrt)

    def _is_d(self, k: int = 0) -> bool:
        tok = self.peek(k)
        return tok is not None and (tok.kind == "partial" or (tok.kind == "letter" and tok.text == "d"))

    def _loss(self) -> bool:
        tok = self.peek()
        if tok is not None and (
            tok.kind == "loss" or (tok.kind == "letter" and tok.text in _LOSS_LETTERS and tok.text not in self.known)
        ):
            self.i += 1
            self._skip_args()
            return True
        return False

    def _skip_args(self) -> None:
        # `\mathcal{L}(W_1, W_2; X)`: the argument list adds nothing.
        if not self.at_op("("):
            return
        depth = 0
        while self.peek() is not None:
            tok = self.take()
            if tok.kind == "op" and tok.text == "(":
                depth += 1
            elif tok.kind == "op" and tok.text == ")":
                depth -= 1
                if depth == 0:
                    return

    def _wrt(self) -> str:
        tok = self.take()
        if tok.kind == "op" and tok.text == "{":
            inner = self._wrt()
            self.expect("}")
            return inner
        if tok.kind not in ("letter", "greek"):
            raise MathError("parse_error", "not a variable")
        return self.name_after(tok)[0]

    def _gradient_form(self) -> str | None:
        tok = self.peek()
        if tok is None:
            return None
        if tok.kind == "nabla":
            self.i += 1
            nxt = self.peek()
            if not (nxt is not None and nxt.kind in ("letter", "greek")):
                self.expect("_")  # `∇_{W_1} L`; in plain text also `∇W₁ L`, the variable written on
            wrt = self._wrt()
            if not self._loss():
                return None
            return wrt
        if tok.kind == "frac":
            self.i += 1
            self.expect("{")
            if not self._is_d():
                return None
            self.i += 1
            loss_inside = self._loss()
            self.expect("}")
            self.expect("{")
            if not self._is_d():
                return None
            self.i += 1
            wrt = self._wrt()
            self.expect("}")
            if not loss_inside and not self._loss():
                return None
            return wrt
        if self._is_d():
            self.i += 1
            if not self._loss():
                return None
            self.expect("/")
            if not self._is_d():
                return None
            self.i += 1
            return self._wrt()
        return None
