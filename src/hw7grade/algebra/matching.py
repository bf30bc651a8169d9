"""Matching reference statements against everything an answer states (used by the rubric checks)."""

from __future__ import annotations

from typing import Mapping, Sequence

from .candidates import Candidate
from .equivalence import (
    MathResult,
    Prepared,
    Statement,
    compare_prepared,
    has_unknown_size,
    parse_statements,
    prepare,
    rank_key,
)
from .limits import Deadline, MathError

Entry = tuple[Candidate, Statement, Prepared | MathError]


def prepared_cache(
    statements: Sequence[tuple[Candidate, Statement]], table: Mapping[str, tuple[str, str]], deadline: Deadline
) -> list[Entry]:
    """Each answer statement evaluated once (or its error), so many references cost little more."""
    out: list[Entry] = []
    for cand, statement in statements:
        try:
            out.append((cand, statement, prepare(statement, table, deadline)))
        except MathError as exc:
            if exc.status == "limit":
                raise
            out.append((cand, statement, exc))
    return out


def prepare_reference(reference: str, table: Mapping[str, tuple[str, str]], deadline: Deadline) -> Prepared:
    """A rubric reference must be exactly one expression, gradient or condition."""
    found, errors = parse_statements(reference, table, deadline)
    if len(found) != 1:
        if errors:
            raise errors[0]
        raise MathError("unsupported", "a reference must be one expression, gradient or equation")
    return prepare(found[0], table, deadline)


def best_for_reference(
    reference: str | Prepared, cache: Sequence[Entry], table: Mapping[str, tuple[str, str]], deadline: Deadline
) -> MathResult:
    """The most favourable verdict over the answer's statements (see `rank_key`)."""
    ref = prepare_reference(reference, table, deadline) if isinstance(reference, str) else reference
    wanted = ref.statement.wrt
    best: MathResult | None = None
    for cand, statement, prepared in cache:
        deadline.check()
        if isinstance(prepared, MathError):
            result = MathResult(prepared.status, prepared.message, wrt=statement.wrt, candidate=cand.text)
        else:
            if has_unknown_size(prepared):
                prepared = prepare(statement, table, deadline, hint=ref.shape)
            found = compare_prepared(ref, prepared)
            result = MathResult(found.status, found.explanation, found.factor, found.transposed, found.wrt, cand.text)
        if best is None or rank_key(result, wanted) < rank_key(best, wanted):
            best = result
        if result.equivalent:
            break
    return best or MathResult("not_equivalent", "the answer states no formula")
