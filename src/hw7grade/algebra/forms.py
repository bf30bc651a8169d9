"""A compared formula made ready for people (`math -v`, `grade -v`, the HTML drill-down): both sides
as sympy objects for the printers, their expanded difference, and the explanation of a miss.

Built when a view shows it, from the canonical texts a check recorded (`checks.base.Formula`), read
by our own parser: grading never needs sympy for it, and a slow expansion changes only what a view
says ("explanation: time limit"), never a verdict or a report file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping

from .difference import EXPLAIN_TIMEOUT_S, TIME_LIMIT, certificate, condition_node
from .equivalence import Prepared, compare_prepared, parse_statements, prepare
from .limits import Deadline, MathError
from .shapes import normalise_table
from .symbolic import bounded, budget, expand, sympy_module, to_sympy, vanishes


@dataclass(frozen=True)
class Side:
    """One statement as sympy objects: `∇_{wrt} L =` (when a gradient) then the sides joined by `=`."""

    wrt: str | None
    sides: tuple[Any, ...]


@dataclass(frozen=True)
class Shown:
    expected: Side
    found: Side | None
    """None when there is no found statement, or it cannot be read back (the view shows its text)."""
    difference: Any | None
    """found − expected (each as lhs − rhs), expanded; None when they match or cannot be subtracted."""
    explanation: str
    """Why they differ (sympy's expansion, or the modular verdict's reason); "" for a match;
    `TIME_LIMIT` when the expansion ran out of time."""
    certificate: str = ""


def show_formula(
    expected: str,
    found: str | None,
    shapes: Mapping[str, tuple[str, str]],
    kind: Literal["matrix", "scalar"] = "matrix",
    deadline: Deadline | None = None,
    with_certificate: bool = False,
) -> Shown | None:
    """The formula pair for a view, within `deadline` (default EXPLAIN_TIMEOUT_S); None when a side
    cannot be read back or converted (the view then shows the text)."""
    deadline = deadline or Deadline(EXPLAIN_TIMEOUT_S)
    if kind == "scalar":
        return _show_scalars(expected, found, deadline)
    table = normalise_table(shapes)
    try:
        ref = _read(expected, table, deadline, None)
        with bounded(budget(deadline, EXPLAIN_TIMEOUT_S)):
            want = _side(ref)
    except Exception:  # MathError, or sympy unable to build it: the view shows the text
        return None
    try:
        cand = _read(found, table, deadline, ref.shape) if found is not None else None
        with bounded(budget(deadline, EXPLAIN_TIMEOUT_S)):
            got = _side(cand) if cand is not None else None
    except Exception:  # a found statement that does not fit its shapes: the view shows its text
        cand = got = None
    if cand is None or got is None:
        return Shown(want, None, None, "")
    verdict = compare_prepared(ref, cand, explain=True, deadline=deadline)
    explanation = verdict.explanation if verdict.status not in ("equivalent", "scalar_multiple") else ""
    difference = None
    if verdict.status != "equivalent" and explanation != TIME_LIMIT:
        limit = budget(deadline, EXPLAIN_TIMEOUT_S)
        try:
            with bounded(limit):
                a, b = to_sympy(condition_node(cand), cand.ctx), to_sympy(condition_node(ref), ref.ctx)
                if a.is_Matrix == b.is_Matrix and getattr(a, "shape", None) == getattr(b, "shape", None):
                    difference = expand(a - b)
                    difference = None if vanishes(difference) else difference
        except MathError as exc:
            explanation = TIME_LIMIT if exc.status == "limit" and limit.expired else explanation
        except Exception:  # sympy giving up: no difference shown, the verdict stands
            pass
    proof = ""
    if with_certificate and verdict.status in ("equivalent", "scalar_multiple"):
        proof = certificate(ref, cand, verdict, deadline)
    return Shown(want, got, difference, explanation, proof)


def _read(text: str, table: Mapping[str, tuple[str, str]], deadline: Deadline, hint: Any) -> Prepared:
    statements, errors = parse_statements(text, table, deadline)
    if len(statements) != 1 or errors:
        raise MathError("parse_error", "not one statement")
    return prepare(statements[0], table, deadline, hint=hint)


def _side(p: Prepared) -> Side:
    s = p.statement
    parts = (s.lhs,) if s.rhs is None else (s.lhs, s.rhs)
    return Side(s.wrt, tuple(to_sympy(n, p.ctx) for n in parts))


def _show_scalars(expected: str, found: str | None, deadline: Deadline) -> Shown | None:
    from .scalars import read_scalar

    try:
        want = _number(read_scalar(expected, deadline))
        got = _number(read_scalar(found, deadline)) if found is not None else None
    except MathError:
        return None
    return Shown(Side(None, (want,)), Side(None, (got,)) if got is not None else None, None, "")


def _number(scalar: Any) -> Any:
    """A decimal as written (13.1, not 131/10); any other value exact."""
    if scalar.decimals is None or not scalar.value.is_Rational:
        return scalar.value
    whole = len(str(abs(int(scalar.value))))
    return sympy_module().Float(scalar.value, whole + scalar.decimals)


def as_equation(side: Side) -> Any:
    """The sides as one sympy object (an unevaluated `Eq` for two), for a printer."""
    sp = sympy_module()
    if len(side.sides) == 1:
        return side.sides[0]
    return sp.Eq(side.sides[0], side.sides[1], evaluate=False)
