"""`pca_satisfies`: the conditions the answer states hold at W_1 = U_k^T, W_2 = U_k (q3b.ii).

Every condition the answer states about the encoder/decoder is evaluated exactly at the PCA
point on random data; one that is false there means the answer "showed" something wrong, which
earns nothing. Points are in proportion to the reference conditions the answer restates (up to a
scalar or transpose) and that hold.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Literal, Mapping

from pydantic import Field

from ..regexes import regex
from .base import CheckContext, CheckResult, CheckSpec, Formula, matrix_formula

if TYPE_CHECKING:
    from ..algebra import Deadline, PcaRoles, Statement
    from ..algebra.candidates import Candidate
    from ..algebra.equivalence import Prepared
    from ..algebra.nodes import Node
    from ..algebra.pca import PcaVerdict

Table = Mapping[str, tuple[str, str]]


class PcaSatisfiesCheck(CheckSpec):
    type: Literal["pca_satisfies"] = "pca_satisfies"
    references: list[str] = Field(min_length=1)
    """The correct optimality conditions (LaTeX; gradients or equations)."""
    data: str = "X"
    components: str = "U_k"
    encoder: str = "W_1"
    decoder: str = "W_2"
    false_step_cap: float | None = None
    """When set, a stated condition that is false at the PCA point caps the whole part at this many
    points: a proof that shows something false proves nothing, whatever words it uses."""
    sufficient: list[list[str]] = Field(default_factory=list)
    """Per reference, in order, factors of its expression whose vanishing proves it (LaTeX): the
    encoder's condition holds once `W_2^T (W_2 W_1 - I) = U_k^T U_k U_k^T - U_k^T = 0` is shown."""
    carries_over: bool = False
    """In a final answer that follows another attempt ("you only did condition 1?" -> "Here's
    condition 2 as well"), a condition it does not restate keeps its verdict in the attempt before,
    when it verifies one itself."""

    def run(self, ctx: CheckContext) -> CheckResult:
        read = self._found(ctx)
        if isinstance(read, CheckResult):
            return read
        found, formulas = read
        if self.carries_over and ctx.before and any(found) and not all(found):
            # "you only did condition 1?" -> "Here's condition 2 as well": a condition this reply does
            # not restate keeps its verdict in the attempt it follows (one stated falsely fails above),
            # when the reply verifies one itself (not a cave-in that redoes the proof in other terms).
            earlier = self._found(replace(ctx, answer=ctx.before, before=""))
            if not isinstance(earlier, CheckResult):
                for i, kept in enumerate(earlier[0]):
                    if found[i] is None and kept is not None:
                        found[i], formulas[i] = kept, earlier[1][i]
        covered = [r for r in found if r is not None]
        evidence = "; ".join(covered) or None
        if len(covered) == len(found):
            message = "the stated conditions hold at W_1 = U_k^T, W_2 = U_k"
            return self.passed(evidence, message, formulas=tuple(formulas))
        missing = [ref for ref, r in zip(self.references, found) if r is None]
        message = (self.feedback + " " if self.feedback else "") + (
            f"verified {len(covered)} of {len(found)} conditions; not stated: {'; '.join(missing)}"
        )
        return self.failed(evidence, message, points=self.points * len(covered) / len(found), formulas=tuple(formulas))

    def _found(self, ctx: CheckContext) -> CheckResult | tuple[list[str | None], list[Formula]]:
        """Per reference, the answer's statement of it that holds at the PCA point (or None), with
        the formulas compared; or the result that ends the check (a false step, a limit)."""
        from ..algebra import Deadline, MathError, PcaRoles, canonical_name, normalise_table
        from ..algebra.matching import best_for_reference, prepared_cache, statements_mentioning
        from ..algebra.svd import find_eigen_relation, find_eigenvalues, find_factors, with_factor_shapes

        deadline = Deadline()
        table = normalise_table(ctx.shapes)
        roles = PcaRoles(
            canonical_name(self.data),
            canonical_name(self.components),
            canonical_name(self.encoder),
            canonical_name(self.decoder),
        )
        try:
            wrong, conditions, at_pca = _conditions(ctx, table, roles, deadline)
            if wrong is not None:
                return self.failed(*wrong, cap=self.false_step_cap)
            cache = prepared_cache(conditions, table, deadline)
            found: list[str | None] = []
            formulas = []
            for ref in self.references:
                result = best_for_reference(ref, cache, table, deadline)
                stated = result.status in ("equivalent", "scalar_multiple")
                found.append(result.candidate if stated else None)
                formulas.append(matrix_formula(result.expected, result.found if stated else None, result.status, table))
            for i, vanishing in enumerate(self.sufficient):
                for factor in vanishing if found[i] is None else ():
                    # a factor shown to vanish at the PCA point: the condition holds (the statement
                    # is among `conditions` only if it holds there)
                    shown = best_for_reference(factor, cache, table, deadline)
                    if shown.status in ("equivalent", "scalar_multiple"):
                        found[i] = shown.candidate
                        formulas[i] = matrix_formula(formulas[i].expected, shown.found, shown.status, table)
                        break
            if not all(found) and at_pca:
                # Direct substitution: the condition written with W_1 = U_k^T, W_2 = U_k put in.
                self._substitutions(found, formulas, at_pca, table, roles, deadline)
            if not all(found):
                said = statements_mentioning(ctx.answer, (roles.data,), table, deadline, ctx.earlier)
                relation = find_eigen_relation((s for _, s in said), roles.data, roles.components, table)
                if relation is not None:
                    # The eigen route: `X X^T U_k = U_k Λ_k`, then the substitution worked out with Λ_k.
                    eigen, eigen_factors = relation
                    eigen_table = {**table, eigen: (table[roles.components][1],) * 2}
                    eigen_roles = replace(roles, component_eigenvalues=eigen)
                    wrong, _, at_pca = _conditions(ctx, eigen_table, eigen_roles, deadline, {eigen})
                    if wrong is not None:
                        return self.failed(*wrong, cap=self.false_step_cap)
                    self._substitutions(found, formulas, at_pca, eigen_table, eigen_roles, deadline, eigen_factors)
            if not all(found):
                # The course's route: the conditions written in the answer's own SVD of X.
                factors = find_factors((s for _, s in said), roles.data, table)
                if factors is None and ctx.earlier:
                    # A corrected reply that works in the SVD its first reply set up ("X = U S V^T").
                    before = statements_mentioning(ctx.earlier, (roles.data,), table, deadline)
                    factors = find_factors((s for _, s in before), roles.data, table)
                if factors is not None:
                    eigenvalues = find_eigenvalues((s for _, s in said), roles.data, factors, table)
                    table = with_factor_shapes(table, roles.data, factors, eigenvalues)
                    roles = replace(roles, factors=factors, eigenvalues=eigenvalues)
                    # Statements without the factors were judged above, the same way.
                    new_names = {*factors, *([eigenvalues] if eigenvalues else [])}
                    wrong, conditions, _ = _conditions(ctx, table, roles, deadline, new_names)
                    if wrong is not None:
                        return self.failed(*wrong, cap=self.false_step_cap)
                    unmatched = [i for i, f in enumerate(found) if f is None]
                    refs = [self.references[i] for i in unmatched]
                    for i, match in zip(unmatched, _in_factors(refs, conditions, table, roles, deadline)):
                        if match is not None:
                            found[i] = match[0]
                            formulas[i] = matrix_formula(formulas[i].expected, match[1], "equivalent", table)
        except MathError as exc:
            if exc.status == "limit":
                return self.unscored("the answer's formulas took too long to check")
            return self.unscored(f"a reference cannot be checked: {exc.message}")
        return found, formulas

    def _substitutions(
        self,
        found: list[str | None],
        formulas: list[Formula],
        at_pca: list[tuple[Candidate, Statement]],
        table: Table,
        roles: PcaRoles,
        deadline: Deadline,
        eigen_factors: tuple[Node, ...] = (),
    ) -> None:
        """Fill in each reference not found yet that a statement writes with the point put in; with
        `eigen_factors`, also with the eigen relation used (`X X^T U_k` written `U_k Λ_k`)."""
        from ..algebra.matching import best_for_reference, prepared_cache

        substituted = prepared_cache(at_pca, table, deadline)
        for i, ref in enumerate(self.references):
            for uses in () if found[i] else dict.fromkeys(((), eigen_factors)):
                value = _substituted(ref, table, roles, deadline, uses)
                written = None if value is None else best_for_reference(value, substituted, table, deadline)
                if written is not None and written.status in ("equivalent", "scalar_multiple"):
                    found[i] = written.candidate
                    formulas[i] = matrix_formula(formulas[i].expected, written.found, written.status, table)
                    break


def _conditions(
    ctx: CheckContext, table: Table, roles: PcaRoles, deadline: Deadline, mentioning: set[str] | None = None
) -> tuple[tuple[str, str] | None, list[tuple[Candidate, Statement]], list[tuple[Candidate, Statement]]]:
    """(evidence and message of the first false step, or None; the stated conditions that hold; the
    sides about the components alone of the statements that hold, `U_k^T (I - U_k U_k^T) X X^T`:
    a condition with the substitution already made).

    Every statement about the encoder, decoder or components is evaluated at the PCA point
    (`U_k U_k^T = I` is a false step too). A condition is one that holds there and does not mention
    the components (once W_1 = U_k^T is put in, a statement is the verification, not the
    condition). With `mentioning`, only statements naming one of those symbols are read."""
    from ..algebra import Statement, check_at_pca
    from ..algebra.matching import statements_mentioning
    from ..algebra.nodes import symbol_names

    # Only statements about the encoder, decoder or components are judged: other snippets are not parsed.
    judged = {roles.encoder, roles.decoder, roles.components}
    statements = statements_mentioning(ctx.answer, sorted(judged), table, deadline, ctx.earlier)
    weights = [
        (c, s)
        for c, s in statements
        if s.kind != "expression" and s.mentions() & judged and (mentioning is None or s.mentions() & mentioning)
    ]
    verdicts = [(c, s, check_at_pca(s, table, deadline, roles)) for c, s in weights]
    wrong = [
        (c, s, v)
        for c, s, v in verdicts
        if v.status == "fails"
        and _asserted(ctx.answer, c)
        and not _restricted(ctx.answer, c)
        and not _example_value(s, roles)
    ]
    if wrong:
        c, s, v = wrong[0]
        return (c.text, f"the answer states {s.describe()}, which is false at the PCA solution"), [], []
    conditions = [(c, s) for c, s, v in verdicts if v.status == "holds" and roles.components not in s.mentions()]
    # `(X - W_2 W_1 X)(W_1 X)^T = (X - U_k U_k^T X)(U_k^T X)^T` addresses the W-side condition
    # even when the `= 0` comes a line later about the U_k form.
    conditions += [
        (c, Statement("expression", side, None, s.wrt, c.text))
        for c, s, v in verdicts
        if v.status == "holds" and s.rhs is not None
        for side in (s.lhs, s.rhs)
        if symbol_names(side) & {roles.encoder, roles.decoder} and roles.components not in symbol_names(side)
    ]
    # "Decoder condition (W_2W_1 - I)CW_1^T:" names the condition as the expression that vanishes.
    conditions += [
        (c, s)
        for c, s in statements
        if s.kind == "expression"
        and symbol_names(s.lhs) & {roles.encoder, roles.decoder}
        and roles.components not in symbol_names(s.lhs)
        and (mentioning is None or s.mentions() & mentioning)
        and check_at_pca(Statement("condition", s.lhs, None, s.wrt, c.text), table, deadline, roles).status == "holds"
    ]
    conditions += _sides_that_meet(verdicts, table, roles, deadline, {roles.encoder, roles.decoder})
    # A side about the components is a condition with the point put in; one that still names a
    # weight ("W₂ᵀEXᵀ = 0" with E := X − U_kU_kᵀX) has the rest put in here.
    at_pca = [
        (c, _at_point(Statement("expression", side, None, None, c.text), roles))
        for c, s, v in verdicts
        if v.status == "holds"
        for side in ((s.lhs,) if s.rhs is None else (s.lhs, s.rhs))
        if roles.components in symbol_names(side)
    ]
    # So is an equation form's two sides with the point put in, shown equal: "LHS = U_kᵀU_kU_kᵀXXᵀ =
    # U_kᵀXXᵀ = RHS" in one chain, or "Left side: U_kU_kᵀXXᵀU_k = ... = U_kΛ_k. Right side: XXᵀU_k =
    # U_kΛ_k" in two that meet; the condition from the part before is then checked, not restated.
    at_pca += [
        (c, _at_point(s, roles))
        for c, s, v in verdicts
        if v.status == "holds" and s.rhs is not None and roles.components in s.mentions()
    ]
    at_pca += _sides_that_meet(verdicts, table, roles, deadline, {roles.components})
    return None, conditions, at_pca


def _example_value(statement: Statement, roles: PcaRoles) -> bool:
    """Whether the statement gives a quantity of the data a number other than zero (`||X - PX||_F^2 = 1`):
    the value in a worked example of particular data, which no general claim at the PCA point is."""
    from ..algebra.nodes import Num, symbol_names

    sides = (statement.lhs, statement.rhs)
    return any(
        type(side) is Num and side.value != 0 and other is not None and roles.data in symbol_names(other)
        for side, other in (sides, sides[::-1])
    )


SENTENCE_WINDOW_CHARS = 400
"""How far around a formula its sentence is looked for (a line is usually shorter)."""
FRAMING_CACHE_SIZE = 64
"""Answers whose sentence framing is kept (each answer's formulas are judged together)."""
_DELIMITER_MAX = 4


def _asserted(answer: str, cand: Candidate) -> bool:
    """Whether the answer states the formula as true. A false step quoted to reject it ("the
    shortcut $W_2W_1 = I$ is wrong"), denied ("not $W_1 = U_k$") or asked ("is $W_2W_1 = I$?") is
    no step of the proof: its sentence's polarity, as a phrase's, decides."""
    from ..text.polarity import negation_kind
    from ..text.sentences import split_sentences

    at = answer.find(cand.text, cand.start, cand.start + len(cand.text) + _DELIMITER_MAX)
    if at < 0:
        return True
    if (framed := _framed_as_wrong(answer, at)) is not None:
        return not framed  # "## Common pitfalls" ... "- Assuming U_k U_k^T = I. It isn't, ..."
    end = at + len(cand.text)
    if _SUPPOSED_BEFORE_RE.search(answer, max(0, at - SUPPOSITION_LOOKBACK), at) and _WOULD_AFTER_RE.match(answer, end):
        return False  # "with U_kU_kᵀ = I it would work for any orthonormal U_k": a supposition, not a step
    lo = max(answer.rfind("\n", max(0, at - SENTENCE_WINDOW_CHARS), at) + 1, at - SENTENCE_WINDOW_CHARS, 0)
    hi = answer.find("\n", end, end + SENTENCE_WINDOW_CHARS)
    line = answer[lo : hi if hi >= 0 else min(len(answer), end + SENTENCE_WINDOW_CHARS)]
    for sentence in split_sentences(line):
        if sentence.start <= at - lo < sentence.start + len(sentence.text):
            start = at - lo - sentence.start
            return negation_kind(sentence, start, min(start + len(cand.text), len(sentence.text))) is None
    return True


SUPPOSITION_LOOKBACK = 16
"""How far before a formula the word that supposes it ("with", "if", "assuming") is looked for."""
_SUPPOSED_BEFORE_RE = regex(r"\b(?:with|if|assuming|suppose|supposing)[ \t]{1,3}\$?[ \t]{0,2}$", re.I)
_WOULD_AFTER_RE = regex(
    r"[ \t$,]{0,4}(?:then[ \t]{1,3})?(?:it|this|that|we|the[ \t]{1,3}\w{1,20})?[ \t]{0,3}would\b", re.I
)
"""A formula supposed to show what would follow: "with U_kU_kᵀ = I it would work for any U_k"."""


_RESTRICTED_RE = regex(
    r"[\s$.,]{0,6}(?:for|∀)[ \t]{0,3}(?:(?:every|all|any|each)[ \t]{1,3})?\$?[ \t]{0,2}\\?[A-Za-z]{1,8}(?:_\w)?"
    r"[ \t$]{0,3}(?:\\in\b|∈|in[ \t]{1,3}(?:the[ \t]{1,3})?(?:span|column|range|subspace|image|principal))"
    # ... or only in a case: "U_kU_kᵀ = I only holds when k = m", "... holds only if k = m"
    r"|[\s$.,]{0,6}(?:only[ \t]{1,3}(?:holds|is[ \t]{1,3}true|works|applies)|(?:holds|is[ \t]{1,3}true)[ \t]{1,3}only)"
    r"[ \t]{1,3}(?:when|if|for|in)\b"
)
"""A formula held only on a set: "$(I-P)v = 0$ for every $v \\in \\mathcal{S}$", or only in a case:
"U_kU_kᵀ = I only holds when k = m"."""


def _restricted(answer: str, cand: Candidate) -> bool:
    """Whether the formula goes on to say it holds only for the members of a set, which a check at one
    point cannot judge (`_RESTRICTED_RE`)."""
    at = answer.find(cand.text, cand.start, cand.start + len(cand.text) + _DELIMITER_MAX)
    return at >= 0 and _RESTRICTED_RE.match(answer, at + len(cand.text)) is not None


def _framed_as_wrong(answer: str, at: int) -> bool | None:
    """True when the line at `at` sits under a heading or lead that frames what follows as wrong
    ("## Common pitfalls", then "- Assuming U_k U_k^T = I. It isn't, ..."), else None (its own words
    decide). The answer's lines are read once, for all its formulas."""
    starts, framed = _framing(answer)
    return True if bisect_right(starts, at) - 1 in framed else None


@lru_cache(maxsize=FRAMING_CACHE_SIZE)
def _framing(answer: str) -> tuple[tuple[int, ...], frozenset[int]]:
    """The answer's line starts, and the lines a framing heading or lead rejects (read as sentences
    read them, line by line in plain form)."""
    from ..text.normalize import normalize
    from ..text.sentences import split_sentences

    lines = answer.split("\n")
    starts = tuple(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    plain = [normalize(line).replace("\n", " ") for line in lines]
    plain_starts = list(accumulate((len(line) + 1 for line in plain[:-1]), initial=0))
    framed = frozenset(bisect_right(plain_starts, s.start) - 1 for s in split_sentences("\n".join(plain)) if s.rejected)
    return starts, framed


def _at_point(statement: Statement, roles: PcaRoles) -> Statement:
    """The statement with W_1 = U_k^T and W_2 = U_k put in (its text unchanged)."""
    from ..algebra.definitions import Definitions, substitute_statement
    from ..algebra.nodes import Sym, Transpose

    point: Definitions = {
        roles.encoder: (Transpose(Sym(roles.components)), ""),
        roles.decoder: (Sym(roles.components), ""),
    }
    return replace(substitute_statement(statement, point), text=statement.text)


def _sides_that_meet(
    verdicts: list[tuple[Candidate, Statement, PcaVerdict]],
    table: Table,
    roles: PcaRoles,
    deadline: Deadline,
    starts: set[str],
) -> list[tuple[Candidate, Statement]]:
    """ "Left side: W₂W₁ΣW₁ᵀ = U_kU_kᵀΣU_k = U_kΛ_k", "right side: ΣW₁ᵀ = ΣU_k = U_kΛ_k": two
    chains that start from a side naming `starts` (the weights and not the components, or the
    components) and end at the same value with no weight in it state that their starts are equal,
    a condition that must itself hold at the PCA point (no step of either is false there, or the
    answer would have been stopped before)."""
    from ..algebra import Statement, check_at_pca
    from ..algebra.candidates import Candidate
    from ..algebra.nodes import symbol_names

    weights = {roles.encoder, roles.decoder}
    avoided = {roles.components} - starts

    def is_start(side: Node) -> bool:
        names = symbol_names(side)
        return bool(names & starts) and not names & avoided

    # snippet, first side naming `starts` ("LHS = W_2 W_1 ... = ..." names its start), last side
    chains: list[tuple[Candidate, Node | None, Node]] = []
    for c, s, _ in verdicts:
        if s.rhs is None:
            continue
        if chains and chains[-1][0] is c and chains[-1][2] == s.lhs:
            start = chains[-1][1]
            chains[-1] = (c, start if start is not None or not is_start(s.rhs) else s.rhs, s.rhs)
        else:
            chains.append((c, s.lhs if is_start(s.lhs) else s.rhs if is_start(s.rhs) else None, s.rhs))
    first_by_end: dict[Node, tuple[Candidate, Node]] = {}
    met: list[tuple[Candidate, Statement]] = []
    for c, start, end in chains:
        if start is None or symbol_names(end) & weights:
            continue
        other = first_by_end.setdefault(end, (c, start))
        if other[0] is c or other[1] == start:
            continue
        text = f"{other[0].text}; {c.text}"
        condition = Statement("condition", other[1], start, None, text)
        if check_at_pca(condition, table, deadline, roles).status == "holds":
            met.append((Candidate(text, other[0].start, other[0].source), condition))
    return met


def _substituted(
    reference: str, table: Table, roles: PcaRoles, deadline: Deadline, eigen_factors: tuple[Node, ...] = ()
) -> Prepared | None:
    """The reference's value with W_1 = U_k^T, W_2 = U_k put in, unsimplified: what a direct
    substitution writes before it uses U_k^T U_k = I; with `eigen_factors`, after it uses the
    answer's eigen relation instead (None if there is none to use)."""
    from ..algebra import Statement, prepare
    from ..algebra.matching import prepare_reference
    from ..algebra.nodes import Zero, symbol_names
    from ..algebra.svd import with_eigen_relation

    ref = prepare_reference(reference, table, deadline).statement  # parsed once per process
    if ref.rhs is not None and not isinstance(ref.rhs, Zero):
        return None
    value = _at_point(Statement("expression", ref.lhs), roles).lhs
    if eigen_factors:
        assert roles.component_eigenvalues is not None
        value = with_eigen_relation(value, eigen_factors, roles.component_eigenvalues, roles.components)
        if roles.component_eigenvalues not in symbol_names(value):
            return None
    return prepare(Statement("expression", value), table, deadline)


def _in_factors(
    references: list[str],
    conditions: list[tuple[Candidate, Statement]],
    table: Table,
    roles: PcaRoles,
    deadline: Deadline,
) -> list[tuple[str, str] | None]:
    """Per reference, the first condition that says it in the SVD's terms (see `algebra.svd`): its
    snippet (the evidence) and its canonical form (the formula a report shows)."""
    from ..algebra import compare_prepared, parse_statements
    from ..algebra.svd import change_of_basis, prepare_in_factors

    def evaluated(statement: Statement) -> Prepared | None:
        return prepare_in_factors(statement, table, deadline, roles)

    assert roles.factors is not None
    stated = [(c, p) for c, p in ((c, evaluated(s)) for c, s in conditions) if p is not None]
    found: list[tuple[str, str] | None] = []
    for reference in references:
        refs, _errors = parse_statements(reference, table, deadline)
        found.append(None)
        for variant in change_of_basis(refs[0], roles.factors[0]) if len(refs) == 1 else ():
            rotated = evaluated(variant)
            match = next(
                (
                    (c.text, p.statement.canonical)
                    for c, p in stated
                    if rotated is not None
                    and compare_prepared(rotated, p, explain=False).status in ("equivalent", "scalar_multiple")
                ),
                None,
            )
            if match is not None:
                found[-1] = match
                break
    return found
