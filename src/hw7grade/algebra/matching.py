"""Matching reference statements against everything an answer states (used by the rubric checks)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Iterable, Iterator, Mapping, Sequence

from ..regexes import regex
from .candidates import Candidate, Source, find_candidates, snippet_statements
from .definitions import WITH_DEFINITIONS, find_definitions, substitute_all
from .equivalence import (
    MathResult,
    Prepared,
    Statement,
    compare_prepared,
    has_unknown_size,
    infer_shape,
    parse_statements,
    prepare,
    rank_key,
)
from .evaluate import TRIAL_DIMS, make_trials, random_value
from .lexer import UNICODE_SPELLINGS
from .limits import Deadline, MathError
from .memo import Memo
from .nodes import Sym
from .shapes import Shape, table_key

Entry = tuple[Candidate, Statement, Prepared | MathError]


def prepared_cache(
    statements: Sequence[tuple[Candidate, Statement]], table: Mapping[str, tuple[str, str]], deadline: Deadline
) -> list[Entry]:
    """Each answer statement evaluated once (or its error), so many references cost little more."""
    return [_entry(cand, statement, table, deadline) for cand, statement in statements]


def _entry(cand: Candidate, statement: Statement, table: Mapping[str, tuple[str, str]], deadline: Deadline) -> Entry:
    """The statement evaluated, or why it cannot be; a `limit` error is raised (it ends the check)."""
    try:
        return (cand, statement, prepare(statement, table, deadline))
    except MathError as exc:
        if exc.status == "limit":
            raise
        return (cand, statement, exc)


class AnswerReading:
    """An answer's statements, parsed and evaluated only as far as a check reads them.

    Iterating gives the same entries, in the same order, as `prepared_cache(answer_statements(...))`;
    but `best_for_reference` stops at the first equivalent statement and first looks only at
    snippets that can hold one (see `needed_symbols`), so an answer that states the reference is
    rarely read in full (parsing every snippet was most of a check's cost). `check_rest` then
    raises what the eager reading would have raised in the part never read.
    """

    def __init__(
        self, answer: str, table: Mapping[str, tuple[str, str]], deadline: Deadline, earlier: str = ""
    ) -> None:
        self._cands = find_candidates(answer)
        self._defs = find_definitions(answer, table, deadline, earlier)
        self._statements: dict[int, list[Statement]] = {}
        """Per snippet index, once parsed."""
        self._entries: dict[tuple[int, int], Entry] = {}
        """Per (snippet, statement) index, once evaluated."""
        self._table = table
        self._deadline = deadline
        self._spare_sizes = min(map(len, TRIAL_DIMS)) - len(
            {d for shape in table.values() for d in shape if not d.isdigit()}
        )

    def _statements_of(self, i: int) -> list[Statement]:
        found = self._statements.get(i)
        if found is None:
            found, _errors = self._snippet_statements(self._cands[i])
            found = substitute_all(found, self._defs)
            self._statements[i] = found
        return found

    def _entry_of(self, i: int, j: int) -> Entry:
        entry = self._entries.get((i, j))
        if entry is None:
            entry = _entry(self._cands[i], self._statements[i][j], self._table, self._deadline)
            self._entries[(i, j)] = entry
        return entry

    def __bool__(self) -> bool:
        """Whether the answer states anything that could be read."""
        return any(self._statements_of(i) for i in range(len(self._cands)))

    def __iter__(self) -> Iterator[Entry]:
        return self.entries()

    def entries(
        self,
        symbols: frozenset[str] = frozenset(),
        wrt: str | None = None,
        shape: Shape = None,
        gradients_only: bool = False,
        source: Source | None = None,
    ) -> Iterator[Entry]:
        """The entries in reading order; when given, only of statements that mention every one of
        `symbols`, are not a gradient with respect to another variable than `wrt`, and can have
        `shape` or its transpose; with `gradients_only`, only of snippets that can name a gradient;
        with `source`, only of snippets found there (the others are not even parsed)."""
        for i, cand in enumerate(self._cands):
            if source is not None and cand.source != source:
                continue
            if not all(_may_mention(cand.text, n) for n in symbols) and not any(
                _may_mention(cand.text, d) for d in self._defs
            ):
                continue  # cannot mention every symbol, even through a definition: not even parsed
            if gradients_only and not _may_name_gradient(cand.text):
                continue
            for j, statement in enumerate(self._statements_of(i)):
                if wrt is not None and statement.wrt is not None and statement.wrt != wrt:
                    continue
                if symbols and not symbols <= statement.mentions():
                    continue
                if shape is not None and (i, j) not in self._entries and _other_shape(statement, shape, self._table):
                    continue
                yield self._entry_of(i, j)

    def check_rest(self) -> None:
        """Raise the `limit` error that evaluating the statements never read would raise.

        Apart from the deadline, evaluation runs out of limits only when a statement needs more
        distinct sizes than a trial has; every unknown size comes from an `I` (one) or a zero
        matrix (two), so a snippet with few of those characters cannot, and is not read.
        """
        for i, cand in enumerate(self._cands):
            if not self._may_run_out_of_sizes(cand.text):
                continue
            for j in range(len(self._statements_of(i))):
                self._entry_of(i, j)

    def _snippet_statements(self, cand: Candidate) -> tuple[list[Statement], list[MathError]]:
        try:
            return snippet_statements(cand, self._table, self._deadline)
        except MathError:
            self._deadline.check()  # it raised because time ran out: report that as the `limit` it is
            raise

    def _may_run_out_of_sizes(self, text: str) -> bool:
        unknown = text.count("I") + 2 * (text.count("0") + text.count("₀"))
        return unknown > self._spare_sizes


def statements_mentioning(
    answer: str,
    names: Iterable[str],
    table: Mapping[str, tuple[str, str]],
    deadline: Deadline,
    earlier: str = "",
) -> list[tuple[Candidate, Statement]]:
    """What `answer_statements` gives, less statements of snippets that cannot mention any of
    `names` (see `_spellings`), which are not parsed; so every statement mentioning one is there."""
    names = list(names)
    statements: list[tuple[Candidate, Statement]] = []
    cands = find_candidates(answer)
    defs = find_definitions(answer, table, deadline, earlier)
    for cand in cands:
        if not any(_may_mention(cand.text, n) for n in [*names, *defs]):
            continue
        try:
            found, _errors = snippet_statements(cand, table, deadline)
        except MathError:
            break  # out of time, as `answer_statements` does
        statements.extend((cand, s) for s in substitute_all(found, defs))
    return statements


def _other_shape(statement: Statement, shape: tuple[str, str], table: Mapping[str, tuple[str, str]]) -> bool:
    """Whether the statement's value can have neither `shape` nor its transpose on any trial.

    Only decided when both shapes are named dimensions, which every trial sizes differently
    (see `make_trials`); a statement whose shape cannot be inferred is left to `prepare`.
    """
    try:
        ctx, found = infer_shape(statement, table)
    except MathError:
        return False
    if found is None:
        return True
    rows, cols = ctx.find(found[0]), ctx.find(found[1])
    if not (_named(rows) and _named(cols)):
        return False
    return (rows, cols) != shape and (cols, rows) != shape


def _may_name_gradient(text: str) -> bool:
    """Whether a snippet can hold a gradient's left-hand side (`∇_{W_1} L`, `\\frac{\\partial L}{\\partial
    W_1}`, `dL/dW_1`): the parser's gradient forms all need one of these."""
    return "∇" in text or "nabla" in text or "∂" in text or "partial" in text or ("/" in text and "d" in text)


def _named(dim: str) -> bool:
    return not dim.startswith("?") and not dim.isdigit()


def _may_mention(text: str, name: str) -> bool:
    """Whether the snippet can name the symbol: every character of a simple name (`W_1`) in some
    spelling, or a Greek name (`Sigma`) as a command or its letter; anything else may be there."""
    spelling = _spellings(name)
    if spelling:
        return all(any(s in text for s in char_options) for char_options in spelling)
    base = name.split("_", 1)[0]
    return base in text or any(old in text for old, new in UNICODE_SPELLINGS if new.strip() == "\\" + base)


@lru_cache(maxsize=256)
def _spellings(name: str) -> tuple[tuple[str, ...], ...]:
    """For each character of a symbol's name (`W_1`: `W`, `1`), the texts one of which a snippet
    mentioning it must hold: the character itself or a Unicode form the lexer rewrites into it
    (`₁`). A name the parser builds only from its letters and subscript has these characters."""
    if not _SIMPLE_NAME_RE.match(name):
        return ()
    return tuple((ch, *(old for old, new in UNICODE_SPELLINGS if ch in new)) for ch in name.replace("_", ""))


_SIMPLE_NAME_RE = regex(r"^[A-Za-z](?:_[A-Za-z0-9])?$")


def needed_symbols(ref: Prepared, table: Mapping[str, tuple[str, str]], deadline: Deadline) -> frozenset[str]:
    """The reference's matrix symbols its value depends on (it changes when the symbol's random
    value does). A statement that does not mention one of them has a value independent of it, so
    it can equal a multiple of the reference's only by the chance the whole engine rests on
    (Schwartz-Zippel: below 2^-50 per trial), and is not equivalent."""
    key = (ref.statement.meaning, table_key(table))
    known = _needed.get(key)
    if known is None:
        found = set()
        for name in ref.statement.mentions() & table.keys():
            trials = make_trials(table)
            for trial in trials:
                rows, cols = (trial.size(d) for d in table[name])
                trial.bindings = {name: random_value(trial.index + len(TRIAL_DIMS), name, rows, cols)}
            try:
                if prepare(ref.statement, table, deadline, trials=trials).values != ref.values:
                    found.add(name)
            except MathError as exc:  # not needed, as far as this can tell: no statement is skipped for it
                if exc.status == "limit":
                    raise
        known = frozenset(found)
        _needed.put(key, known)
    return known


_needed: Memo[frozenset[str]] = Memo()


def prepare_reference(reference: str, table: Mapping[str, tuple[str, str]], deadline: Deadline) -> Prepared:
    """A rubric reference must be exactly one expression, gradient or condition.

    Parsed and evaluated once per process (rubric references are the same for every answer).
    """

    def read() -> Prepared:
        found, errors = parse_statements(reference, table, deadline)
        if len(found) != 1:
            if errors:
                raise errors[0]
            raise MathError("unsupported", "a reference must be one expression, gradient or equation")
        prepared = prepare(found[0], table, deadline)
        needed_symbols(prepared, table, deadline)  # per reference, so once per process too
        return prepared

    return _references.get_or_compute((reference, table_key(table)), read)


_references: Memo[Prepared] = Memo()


def best_for_reference(
    reference: str | Prepared, cache: Iterable[Entry], table: Mapping[str, tuple[str, str]], deadline: Deadline
) -> MathResult:
    """The most favourable verdict over the answer's statements (see `rank_key`)."""
    ref = prepare_reference(reference, table, deadline) if isinstance(reference, str) else reference
    needed = needed_symbols(ref, table, deadline)
    if isinstance(cache, AnswerReading):
        # The first equivalent statement is the verdict, and only statements mentioning the
        # symbols the reference needs can be one (nor can a gradient with respect to another
        # variable: see `compare_prepared`); the full scan runs only when none is.
        shape = ref.shape if ref.shape is not None and all(_named(d) for d in ref.shape) else None
        found = _scan(ref, cache.entries(needed, ref.statement.wrt, shape), table, deadline, needed)
        if not found.equivalent:
            return _scan(ref, cache, table, deadline, needed)
        restatements: Iterable[Entry] = cache.entries(needed, ref.statement.wrt, gradients_only=True)
    else:
        cache = list(cache)
        found = _scan(ref, cache, table, deadline, needed)
        if not found.equivalent:
            return found
        restatements = (e for e in cache if needed <= e[1].mentions())
    return _restated(ref, found, restatements, table, deadline)


def _restated(
    ref: Prepared, found: MathResult, entries: Iterable[Entry], table: Mapping[str, tuple[str, str]], deadline: Deadline
) -> MathResult:
    """The verdict on the answer's last statement of the reference's gradient when that one is wrong:
    "∇_{W1} L = -2 W2ᵀ R Xᵀ ... collecting terms, ∇_{W1} L = 2 W2ᵀ(W2W1 - I)XᵀX" ends on its answer,
    and the right form before it was working; so does a chain's last side ("∇_{W1} L = -2 W2ᵀ R Xᵀ
    = 2 W2ᵀ(W2W1 - I)XᵀX"). Only for a gradient named as one (`∇_{W1} L = ...`), in the variables
    (not evaluated at a point: `∇_{W1} L = 2 U_kᵀ·0·XXᵀ = 0`)."""
    wanted = ref.statement.wrt
    if wanted is None:
        return found
    last: Entry | None = None
    for entry in entries:
        if entry[1].wrt == wanted:
            last = entry
    if last is None or last[1].canonical == found.found:
        return found
    cand, statement, prepared = last
    if isinstance(prepared, MathError):
        result = MathResult(prepared.status, prepared.message, wrt=wanted)
    else:
        if has_unknown_size(prepared):
            prepared = prepare(statement, table, deadline, hint=ref.shape)
        result = compare_prepared(ref, prepared)
    if result.status not in _WRONG:
        return found
    return replace(
        result, candidate=_quoted(cand, statement), expected=ref.statement.canonical, found=statement.canonical
    )


_WRONG = frozenset({"not_equivalent", "scalar_multiple", "shape_error"})
"""Verdicts that say a readable statement is wrong (not that it could not be read)."""


def _scan(
    ref: Prepared,
    cache: Iterable[Entry],
    table: Mapping[str, tuple[str, str]],
    deadline: Deadline,
    needed: frozenset[str],
) -> MathResult:
    """The best verdict with both formulas in canonical form, and whether its statement is on point
    (mentions `needed`, or is a gradient with respect to the reference's); no explanation (a view adds it)."""
    wanted = ref.statement.wrt
    best: MathResult | None = None
    best_statement: Statement | None = None
    best_key: tuple[int, int, int, int] | None = None
    best_on_point = False
    for cand, statement, prepared in cache:
        deadline.check()
        if isinstance(prepared, MathError):
            result = MathResult(prepared.status, prepared.message, wrt=statement.wrt, candidate=cand.text)
        else:
            if has_unknown_size(prepared):
                prepared = prepare(statement, table, deadline, hint=ref.shape)
            result = replace(compare_prepared(ref, prepared), candidate=_quoted(cand, statement))
        on_point = (
            not _defines(statement, table)
            and not result.identity  # "use ‖A‖²_F = tr(AᵀA)": a step of working, no condition stated
            and (needed <= statement.mentions() or (wanted is not None and statement.wrt == wanted))
        )
        key = rank_key(result, wanted, on_point)
        if best_key is None or key < best_key:
            best, best_statement, best_key, best_on_point = result, statement, key, on_point
        if result.equivalent:
            break
    found = best_statement.canonical if best_statement is not None else ""
    return replace(
        best or MathResult("not_equivalent", "the answer states no formula"),
        expected=ref.statement.canonical,
        found=found,
        on_point=best_on_point,
    )


def _defines(statement: Statement, table: Mapping[str, tuple[str, str]]) -> bool:
    """Whether the statement names a new symbol ("E = (I - W_2W_1)X", the residual): a definition, which
    states no condition, whatever it mentions."""
    lhs = statement.lhs
    return statement.wrt is None and statement.rhs is not None and isinstance(lhs, Sym) and lhs.name not in table


def _quoted(cand: Candidate, statement: Statement) -> str:
    """The snippet, plus the answer's definitions it was read with (see `definitions`)."""
    at = statement.text.find(WITH_DEFINITIONS)
    return cand.text if at < 0 else cand.text + statement.text[at:]
