"""Scalar answers: `\\frac{341}{26}`, `13.1`, `\\sqrt{2}/2`, `e^{2}`, `\\log 2`, `\\sin(\\pi/6)`, `5 min 41 s`.

Read by a small recursive descent over the engine's own tokens and built as sympy numbers (never
through `sympify`), then compared exactly by sympy within a deadline. A decimal the answer writes
matches the exact value rounded to as many decimals ("13.1" or "about 13" for 341/26).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..regexes import regex
from .lexer import Token, tokenize
from .limits import MAX_DEPTH, MAX_NODES, Deadline, MathError
from .symbolic import bounded, budget, sympy_module

MAX_SCALAR_EXPONENT = 64
"""Largest |exponent| computed in a scalar answer (10^64 is still a number people write)."""
MAX_RESULT_BITS = 20_000
"""Largest exact power computed (about 6,000 digits)."""
COMPARE_TIMEOUT_S = 2.0
_FUNCTIONS = {"sqrt", "log", "ln", "exp", "sin", "cos", "tan"}
_TIME_PART_RE = regex(r"(\d{1,6}(?:\.\d{1,6})?) ?(hours?|hrs?|h|minutes?|mins?|seconds?|secs?|s)\b", re.I)
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}


@dataclass(frozen=True)
class Scalar:
    value: Any
    """A sympy number (exact: Rational, or an expression in sqrt, log, exp, pi, trig)."""
    decimals: int | None = None
    """For a plain decimal literal, how many decimals it was written with (it may be rounded)."""


def read_scalar(text: str, deadline: Deadline | None = None) -> Scalar:
    """The value of a scalar expression or a time ("5 min 41 s" is 341); raises a MathError."""
    sp = sympy_module()
    seconds = _duration(text)
    if seconds is not None:
        return Scalar(sp.Rational(seconds.numerator, seconds.denominator))
    tokens = tokenize(text, deadline)
    plain = [t for t in tokens if t.kind != "sep"]
    if len(plain) == 1 and plain[0].kind == "num":
        return Scalar(_rational(plain[0].text), len(plain[0].text.partition(".")[2]))
    if len(plain) == 2 and plain[0].kind == "op" and plain[0].text == "-" and plain[1].kind == "num":
        return Scalar(-_rational(plain[1].text), len(plain[1].text.partition(".")[2]))
    parser = _ScalarParser(plain, deadline or Deadline())
    value = parser.expr()
    tok = parser.peek()
    if tok is not None:
        raise MathError("parse_error", f"unexpected {tok.text!r} at character {tok.pos + 1}")
    return Scalar(value)


def _duration(text: str) -> Fraction | None:
    """Seconds in "5 min 41 s", "1 h 2 min", "341 seconds"; None unless the whole text is a time."""
    parts = list(_TIME_PART_RE.finditer(text))
    if not parts or _TIME_PART_RE.sub("", text).replace("and", "").strip(" ,") != "":
        return None
    return sum((Fraction(m.group(1)) * _UNIT_SECONDS[m.group(2)[0].lower()] for m in parts), Fraction(0))


def _rational(digits: str) -> Any:
    f = Fraction(digits)
    return sympy_module().Rational(f.numerator, f.denominator)


def same_value(reference: Scalar, answer: Scalar, deadline: Deadline | None = None) -> bool:
    """Exactly equal, or equal once the reference is rounded to the answer's decimals."""
    sp = sympy_module()
    with bounded(budget(deadline, COMPARE_TIMEOUT_S)):
        a, b = reference.value, answer.value
        if a.is_Rational and b.is_Rational:
            equal = a == b
        else:
            equal = sp.simplify(a - b) == 0 or sp.nsimplify(a - b) == 0
        if equal or answer.decimals is None:
            return bool(equal)
        half_unit = sp.Rational(1, 2 * 10**answer.decimals)
        return bool(abs(sp.N(a, 30) - b) <= half_unit)


class _ScalarParser:
    def __init__(self, tokens: list[Token], deadline: Deadline) -> None:
        self.sp = sympy_module()
        self.toks = tokens
        self.i = 0
        self.depth = 0
        self.count = 0
        self.deadline = deadline

    def peek(self) -> Token | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def at(self, kind: str, text: str | None = None) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == kind and (text is None or tok.text == text)

    def take(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise MathError("parse_error", "the expression ends too early")
        self.i += 1
        self.count += 1
        if self.count > MAX_NODES:
            raise MathError("limit", f"the expression has more than {MAX_NODES} parts")
        if self.count % 64 == 0:
            self.deadline.check()
        return tok

    def expect(self, text: str) -> None:
        tok = self.take()
        if tok.kind != "op" or tok.text != text:
            raise MathError("parse_error", f"expected {text!r} at character {tok.pos + 1}")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise MathError("limit", f"the expression is nested more than {MAX_DEPTH} levels deep")

    def expr(self) -> Any:
        self.enter()
        sign = -1 if self.at("op", "-") and self.take() else 1
        if sign == 1 and self.at("op", "+"):
            self.take()
        total = sign * self.term()
        while self.at("op", "+") or self.at("op", "-"):
            negative = self.take().text == "-"
            value = self.term()
            total = total - value if negative else total + value
        self.depth -= 1
        return total

    def term(self) -> Any:
        value = self.power()
        while True:
            tok = self.peek()
            if tok is None:
                return value
            if tok.kind == "mul" or (tok.kind == "op" and tok.text == "*"):
                self.take()
                value = value * self.power()
            elif tok.kind == "op" and tok.text == "/":
                self.take()
                den = self.power()
                if den == 0:
                    raise MathError("parse_error", f"division by zero at character {tok.pos + 1}")
                value = value / den
            elif tok.kind in ("num", "frac", "unsup", "letter", "greek") or (tok.kind == "op" and tok.text in "({"):
                value = value * self.power()
            else:
                return value

    def power(self) -> Any:
        base = self.primary()
        if self.at("op", "^"):
            self.take()
            if self.at("op", "{"):
                self.take()
                exponent = self.expr()
                self.expect("}")
            else:
                exponent = self.signed_primary()
            if exponent.is_number and abs(exponent) > MAX_SCALAR_EXPONENT:
                raise MathError("limit", f"the exponent is larger than {MAX_SCALAR_EXPONENT}")
            if base.is_Rational and exponent.is_Integer:
                bits = max(int(base.p).bit_length(), int(base.q).bit_length()) * abs(int(exponent))
                if bits > MAX_RESULT_BITS:  # `((2^{64})^{64})^{64}`: refused before it is computed
                    raise MathError("limit", "the power is too large to compute")
            return self.sp.Pow(base, exponent)
        return base

    def signed_primary(self) -> Any:
        if self.at("op", "-"):
            self.take()
            return -self.primary()
        return self.primary()

    def group(self) -> Any:
        """`{...}`, `(...)` or one primary: a function's or fraction's argument."""
        if self.at("op", "{") or self.at("op", "("):
            close = "}" if self.take().text == "{" else ")"
            value = self.expr()
            self.expect(close)
            return value
        return self.power()

    def primary(self) -> Any:
        sp = self.sp
        tok = self.take()
        if tok.kind == "num":
            return _rational(tok.text)
        if tok.kind == "op" and tok.text in "({":
            value = self.expr()
            self.expect(")" if tok.text == "(" else "}")
            return value
        if tok.kind == "frac":
            num = self.group()
            den = self.group()
            if den == 0:
                raise MathError("parse_error", f"division by zero at character {tok.pos + 1}")
            return num / den
        name = self.function_name(tok)
        if name == "pi":
            return sp.pi
        if name == "e" and not self.at("op", "("):
            return sp.E
        if name == "sqrt":
            index = None
            if self.at("op", "["):
                self.take()
                index = self.expr()
                self.expect("]")
            arg = self.group()
            return sp.sqrt(arg) if index is None else sp.root(arg, index)
        if name in _FUNCTIONS:
            arg = self.group()
            function = {"log": sp.log, "ln": sp.log, "exp": sp.exp, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan}[name]
            return function(arg)
        raise MathError("unsupported", f"{tok.text} is not a number or a supported function (character {tok.pos + 1})")

    def function_name(self, tok: Token) -> str:
        """`\\sqrt` (an `unsup` command token), `\\pi`, or plain letters run together (`sqrt`, `log`, `e`)."""
        if tok.kind == "unsup" and tok.text.startswith("\\"):
            return tok.text[1:]
        if tok.kind != "letter":
            return ""
        word = tok.text
        while (nxt := self.peek()) is not None and nxt.kind == "letter" and nxt.adjacent and len(word) < 4:
            word += self.take().text
        return word


_DECIMAL_RE = regex(r"\d+(?:\.(\d+))?")


def exact_match(reference: str, span: str, value: float) -> bool:
    """For the `numbers` check: does a reading (its text and value in the canonical unit) equal
    the exact reference, or the reference rounded to the decimals the text writes?"""
    sp = sympy_module()
    digits = _DECIMAL_RE.search(span.replace(",", ""))
    decimals = len(digits.group(1) or "") if digits else None
    if value != int(value) and decimals == 0:
        decimals = None  # a converted value (minutes to seconds): compare exactly
    found = Fraction(str(value))
    try:
        return same_value(read_scalar(reference), Scalar(sp.Rational(found.numerator, found.denominator), decimals))
    except MathError:
        return False


def scalar_text(scalar: Scalar) -> str:
    """A scalar in canonical LaTeX (sympy's printer over the value our parser built; a decimal as
    written, since its decimals matter): `read_scalar` reads it back as the same Scalar."""
    if scalar.decimals is not None and scalar.value.is_Rational:
        scaled = Fraction(int(scalar.value.p), int(scalar.value.q)) * 10**scalar.decimals
        if scaled.denominator == 1:
            digits = str(abs(scaled.numerator)).rjust(scalar.decimals + 1, "0")
            whole, frac = digits[: len(digits) - scalar.decimals], digits[len(digits) - scalar.decimals :]
            return ("-" if scaled < 0 else "") + whole + ("." + frac if frac else "")
    return sympy_module().latex(scalar.value)
