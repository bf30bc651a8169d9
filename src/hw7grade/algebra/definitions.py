"""The answer's own shorthand: "let Σ = XXᵀ", "where A := W₂W₁", "denote D = ΣΣᵀ", "... =: P".

A definition is an equation `NAME = expression` whose NAME has no shape in the table, in a snippet
that writes `:=` or follows a cue word (let, where, denote, define, with, set), or, with no cue,
whose expression uses a matrix of the table ("changing variables to V_1 = W_1 U"). Later statements
are read with the definition substituted, and their text quotes it, so the evidence shows it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal, Mapping

from ..regexes import regex
from .candidates import Candidate, find_candidates, snippet_statements
from .equivalence import Statement
from .limits import MAX_NODES, Deadline, MathError
from .memo import Memo
from .nodes import Add, Div, Mul, Neg, Node, Num, Power, Sym, Trace, Transpose, Zero, symbol_names
from .shapes import table_key
from .symbolic import count_nodes

CUE_WINDOW = 40
"""Characters before a snippet searched for a cue word."""
_CUE_RE = regex(r"\b(?:let|where|denote|define|defining|with|set|write|writing)\b[^.\n]{0,16}$", re.I)
_NAME_EQUALS_RE = regex(
    r"[ \t]*(?:\\(?:mathbf|mathrm|boldsymbol|bm)\{[^{}]{1,12}\}|\\[A-Za-z]{2,12}|[^\W\d_])"
    r"(?:_\{?\w{1,4}\}?|[₀-₉ₖ]{1,3}|\d{1,2})?[ \t]*:?="
)
"""A snippet that opens with a name and `=` (`V_1 = W_1 U`, `\\Sigma = XX^\\top`, `P := ...`)."""
_JOIN_RE = regex(
    r"[\s$\\()]*(?:\([ \t]?\w{1,3}[ \t]?[x×][ \t]?\w{1,3}[ \t]?\)[ \t]{0,3})?(?:,|;|and|,\s*and)[\s$\\()]*$"
)
"""Between two definitions of one sentence: `V_1 = W_1 U and V_2 = U^T W_2`, also after a shape note
(`V1 = W1 U (k x m) and V2 = ...`)."""
_JOIN_MAX = 24
"""Characters between two snippets joined by `and`, delimiters included."""
_DELIMITER_MAX = 4
"""Characters of an opening delimiter (`$$`, `\\[`) before a snippet's text in the answer."""
MAX_DEFINITIONS = 8
EARLIER_MEMO_SIZE = 64
"""Replies whose definitions are kept (a reply's parts are graded one after another)."""
MAX_PASSES = 3
"""Definitions may use earlier ones (D = ΣΣᵀ with Σ = XXᵀ): substituted this many times at most."""

Definitions = dict[str, tuple[Node, str]]
"""Name -> (its value, the snippet that defines it)."""


def find_definitions(
    answer: str,
    table: Mapping[str, tuple[str, str]],
    deadline: Deadline,
    earlier: str = "",
) -> Definitions:
    """The answer's definitions, then those of the text before it (`earlier`, the latest reply
    first) for names it leaves undefined or defines less firmly (plain < after a cue word < `:=`):
    after "let A := W₂W₁", a later "so A = U_kU_kᵀ" is what A equals at the point and "let Σ = UΛUᵀ
    be its eigendecomposition" factors Σ; neither is a new name. A corrected reply's own "Define
    V_1 = W_1 U" stands over the first reply's "Define V_1 = W_1 V". Each text is read once per
    table: every q3b check of an answer asks."""
    key = (answer, table_key(table))
    own = _own.get(key)
    if own is None:
        own = _definitions_in(answer, find_candidates(answer), table, deadline)
        if not deadline.expired:  # cut short: not the answer's definitions, only some of them
            _own.put(key, own)
    found, own_kinds, introduced = dict(own[0]), own[1], own[2]
    if earlier:
        key = (earlier, table_key(table))
        before = _earlier.get(key)
        if before is None:  # once per reply: every check of every part of it asks
            before = _definitions_in(earlier, find_candidates(earlier), table, deadline)
            _earlier.put(key, before)
        for name, value in before[0].items():
            if name in introduced:
                continue  # "Use the SVD X = U S V^T": S is the answer's factor, whatever "S = X X^T" said before
            if name in found and _RANK[before[1][name]] > _RANK[own_kinds[name]]:
                found[name] = value
            elif len(found) < MAX_DEFINITIONS:
                found.setdefault(name, value)
    return found


Kind = Literal["explicit", "cued", "plain"]
"""How a name was defined: with `:=`, after a cue word ("let", "where" ...), or neither."""
Found = tuple[Definitions, dict[str, Kind], frozenset[str]]
"""Definitions, how each name was defined, and the names a factorisation introduces (`X = U S V^T`)."""
_RANK: dict[Kind, int] = {"plain": 0, "cued": 1, "explicit": 2}

_own: Memo[Found] = Memo(EARLIER_MEMO_SIZE)
_earlier: Memo[Found] = Memo(EARLIER_MEMO_SIZE)


def _definitions_in(
    answer: str, cands: list[Candidate], table: Mapping[str, tuple[str, str]], deadline: Deadline
) -> Found:
    found: Definitions = {}
    kinds: dict[str, Kind] = {}
    introduced: set[str] = set()
    defined_end = -1
    """Where the last snippet read as a definition ends: `Define A = ... and B = ...` defines both."""
    for cand in cands:
        joined = 0 <= cand.start - defined_end <= _JOIN_MAX and _JOIN_RE.match(answer[defined_end : cand.start])
        explicit = ":=" in cand.text or "=:" in cand.text
        cued = bool(joined or explicit or _CUE_RE.search(answer[max(0, cand.start - CUE_WINDOW) : cand.start]))
        if not cued and not _NAME_EQUALS_RE.match(cand.text):
            continue  # only a snippet that opens with `NAME =` can define without a cue word
        try:
            statements, _errors = snippet_statements(cand, table, deadline)
        except MathError:
            break
        defined = False
        if "=:" in cand.text:
            # `W₂W₁ = U_kU_kᵀ =: P`: the name after `=:` is the side before it.
            statements = [
                Statement("condition", s.rhs, s.lhs, s.wrt, s.text) if isinstance(s.rhs, Sym) else s
                for s in statements
                if s.rhs is not None
            ]
        for k, s in enumerate(statements):
            if s.kind == "condition" and isinstance(s.lhs, Sym) and s.lhs.name in table and isinstance(s.rhs, Mul):
                introduced.update(symbol_names(s.rhs) - table.keys())
            if (
                s.kind == "condition"
                and isinstance(s.lhs, Sym)
                and s.lhs.name not in table
                and s.rhs is not None
                and not isinstance(s.rhs, Zero)
                and not _number(s.rhs)  # "the example is this with Λ_k = 18": a value, not shorthand
                and s.lhs.name not in symbol_names(s.rhs)
                and (cued or symbol_names(s.rhs) & table.keys())
                and len(found) < MAX_DEFINITIONS
            ):
                if s.lhs.name not in found:
                    kinds[s.lhs.name] = "explicit" if explicit else "cued" if cued else "plain"
                found.setdefault(s.lhs.name, (_in_known_names(s.rhs, statements[k + 1 :], table, found), cand.text))
                defined = True
        if cued or defined:
            at = answer.find(cand.text, cand.start, cand.start + len(cand.text) + _DELIMITER_MAX)
            defined_end = (at if at >= 0 else cand.start) + len(cand.text)
    return found, kinds, frozenset(introduced)


def _number(node: Node) -> bool:
    return isinstance(node, Num) or (isinstance(node, (Neg, Div)) and not symbol_names(node))


def _in_known_names(
    value: Node, rest: list[Statement], table: Mapping[str, tuple[str, str]], found: Definitions
) -> Node:
    """A definition's value, or the first later side of its chain in names the table or the answer's
    definitions know, when the value uses a name neither does: "E := X − PX = (I − U_kU_kᵀ)X", where
    P was never defined, defines E as (I − U_kU_kᵀ)X."""
    known = table.keys() | found.keys()
    if symbol_names(value) <= known:
        return value
    side = value
    for s in rest:
        if s.rhs is None or s.lhs != side:
            break
        side = s.rhs
        if symbol_names(side) <= known:
            return side
    return value


def substitute_all(statements: list[Statement], defs: Definitions) -> list[Statement]:
    return [substitute_statement(s, defs) for s in statements] if defs else statements


WITH_DEFINITIONS = " (with "
"""What joins a statement's text to the definitions substituted into it: "A = B (with A := W₂W₁)"."""


def substitute_statement(s: Statement, defs: Definitions) -> Statement:
    used = s.mentions() & defs.keys()
    if not used or (isinstance(s.lhs, Sym) and s.lhs.name in defs and s.rhs is defs[s.lhs.name][0]):
        return s
    lhs, rhs = s.lhs, s.rhs
    for _ in range(MAX_PASSES):
        lhs = _substitute(lhs, defs)
        rhs = None if rhs is None else _substitute(rhs, defs)
    if count_nodes(lhs) + (count_nodes(rhs) if rhs is not None else 0) > MAX_NODES:
        return s
    quoted = "; ".join(dict.fromkeys(defs[name][1] for name in sorted(used)))
    return replace(s, lhs=lhs, rhs=rhs, text=f"{s.text}{WITH_DEFINITIONS}{quoted})")


def _substitute(node: Node, defs: Definitions) -> Node:
    if isinstance(node, Sym):
        return defs[node.name][0] if node.name in defs else node
    if isinstance(node, Add):
        return Add(tuple(_substitute(t, defs) for t in node.terms))
    if isinstance(node, Mul):
        return Mul(tuple(_substitute(f, defs) for f in node.factors))
    if isinstance(node, Div):
        return Div(_substitute(node.x, defs), _substitute(node.den, defs))
    if isinstance(node, (Neg, Transpose, Trace)):
        return type(node)(_substitute(node.x, defs))
    if isinstance(node, Power):
        return Power(_substitute(node.x, defs), node.n)
    return node
