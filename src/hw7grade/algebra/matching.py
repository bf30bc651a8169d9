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
from .memo import Memo
from .shapes import table_key

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
    """A rubric reference must be exactly one expression, gradient or condition.

    Parsed and evaluated once per process (rubric references are the same for every answer).
    """
    key = (reference, table_key(table))
    known = _references.get(key)
    if isinstance(known, MathError):
        raise MathError(known.status, known.message)
    if known is not None:
        return known
    try:
        found, errors = parse_statements(reference, table, deadline)
        if len(found) != 1:
            if errors:
                raise errors[0]
            raise MathError("unsupported", "a reference must be one expression, gradient or equation")
        prepared = prepare(found[0], table, deadline)
    except MathError as exc:
        if exc.status != "limit":
            _references.put(key, exc)
        raise
    _references.put(key, prepared)
    return prepared


_references: Memo[Prepared | MathError] = Memo()


def best_for_reference(
    reference: str | Prepared, cache: Sequence[Entry], table: Mapping[str, tuple[str, str]], deadline: Deadline
) -> MathResult:
    """The most favourable verdict over the answer's statements (see `rank_key`)."""
    ref = prepare_reference(reference, table, deadline) if isinstance(reference, str) else reference
    wanted = ref.statement.wrt
    best: MathResult | None = None
    best_prepared: Prepared | None = None
    for cand, statement, prepared in cache:
        deadline.check()
        if isinstance(prepared, MathError):
            result = MathResult(prepared.status, prepared.message, wrt=statement.wrt, candidate=cand.text)
            checked = None
        else:
            if has_unknown_size(prepared):
                prepared = prepare(statement, table, deadline, hint=ref.shape)
            checked = prepared
            result = _as_candidate(compare_prepared(ref, prepared, explain=False), cand.text)
        if best is None or rank_key(result, wanted) < rank_key(best, wanted):
            best, best_prepared = result, checked
        if result.equivalent:
            break
    if best is not None and best_prepared is not None and best.status == "not_equivalent":
        # Only the reported miss needs its explanation (ranking never looks at it).
        best = _as_candidate(compare_prepared(ref, best_prepared), best.candidate)
    return best or MathResult("not_equivalent", "the answer states no formula")


def _as_candidate(found: MathResult, text: str) -> MathResult:
    return MathResult(found.status, found.explanation, found.factor, found.transposed, found.wrt, text)
