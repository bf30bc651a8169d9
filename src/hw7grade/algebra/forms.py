"""Expected, found and their expanded difference as sympy objects, for people to read (`math -v`,
MathML reports); the verdict itself comes from the modular comparison."""

from __future__ import annotations

from typing import Any, Mapping

from .difference import EXPLAIN_TIMEOUT_S, certificate, condition_node
from .equivalence import compare_prepared, parse_statements, prepare, rank_key
from .limits import Deadline, MathError
from .shapes import normalise_table
from .symbolic import bounded, budget, expand, to_sympy


def forms(
    reference: str,
    candidate: str,
    shapes: Mapping[str, tuple[str, str]] | None = None,
    deadline: Deadline | None = None,
) -> tuple[Any, Any, Any, str] | None:
    """(expected, found, found − expected, certificate) for people to read (`math -v`, MathML): the
    first three sympy objects, the last the certificate of a match ("" otherwise); None when either
    side cannot be read. The found statement is the candidate's best match."""
    deadline = deadline or Deadline()
    table = normalise_table(shapes)
    try:
        refs, _ = parse_statements(reference, table, deadline)
        cands, _ = parse_statements(candidate, table, deadline)
        if len(refs) != 1 or not cands:
            return None
        ref = prepare(refs[0], table, deadline)
        best = None
        for statement in cands:
            try:
                p = prepare(statement, table, deadline, hint=ref.shape)
            except MathError:
                continue
            key = rank_key(compare_prepared(ref, p, explain=False), ref.statement.wrt)
            if best is None or key < best[0]:
                best = (key, p)
        if best is None:
            return None
        found = best[1]
        verdict = compare_prepared(ref, found, explain=False)
        proof = (
            certificate(ref, found, verdict, deadline) if verdict.status in ("equivalent", "scalar_multiple") else ""
        )
        with bounded(budget(deadline, EXPLAIN_TIMEOUT_S)):
            want = to_sympy(condition_node(ref), ref.ctx)
            got = to_sympy(condition_node(found), found.ctx)
            difference = (
                expand(got - want)
                if got.is_Matrix == want.is_Matrix and getattr(got, "shape", None) == getattr(want, "shape", None)
                else None
            )
            return want, got, difference, proof
    except Exception:  # a side sympy cannot build or expand in time: no forms, the verdict stands
        return None
