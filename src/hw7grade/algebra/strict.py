"""Whole-input reading for `hw7grade math`, where the text is exactly one expression.

Grading reads answers leniently: prose around a formula, and statements that do not parse, are
skipped while the rest is compared. On the command line there is no prose to skip, so anything
the lenient reading would drop is an error instead.
"""

from __future__ import annotations

from typing import Mapping

from .equivalence import parse_statements
from .lexer import tokenize
from .limits import Deadline, MathError


def whole_input_problem(text: str, shapes: Mapping[str, tuple[str, str]], deadline: Deadline) -> MathError | None:
    """Why `text` is not exactly one expression, gradient or equation; None when it is."""
    try:
        return _problem(text, shapes, deadline)
    except MathError as exc:  # limits: too long, too deep
        return exc


def _problem(text: str, shapes: Mapping[str, tuple[str, str]], deadline: Deadline) -> MathError | None:
    tokens = tokenize(text, deadline)
    depth = 0
    for i, tok in enumerate(tokens):
        if tok.kind == "op" and tok.text in "([{":
            depth += 1
        elif tok.kind == "op" and tok.text in ")]}":
            depth = max(depth - 1, 0)
        trailing = i == len(tokens) - 1 and tok.text in (".", ",", ";")
        splits = tok.kind in ("sep", "row") or (tok.kind == "op" and tok.text in (",", ";"))
        if splits and depth == 0 and not trailing:
            shown = "text in \\text{...}" if tok.text == "hwsep" else repr(tok.text)
            return MathError(
                "parse_error", f"{shown} at character {tok.pos + 1} is not part of an expression; give one expression"
            )
    statements, errors = parse_statements(text, shapes, deadline)
    if errors:
        return errors[0]
    if len(statements) != 1:
        return MathError("parse_error", "give exactly one expression, gradient or equation")
    return None
