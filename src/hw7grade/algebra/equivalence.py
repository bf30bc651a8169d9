"""Statements (expressions, gradient claims, conditions) and deciding whether two agree.

Rules: an equation `A = B` is the condition A - B = 0, matched by any nonzero scalar multiple of
it or of its transpose. `\\nabla_{W_1}\\mathcal{L} = G` claims a value (a scalar multiple of the
right gradient is reported as `scalar_multiple`); `\\nabla_{W_1}\\mathcal{L} = G = 0` is the
condition G = 0 for W_1. A bare expression compared with a gradient reference counts as the
condition "expression = 0" (an answer listing what must vanish).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from math import isqrt
from typing import Literal, Mapping, TypeGuard

from .evaluate import Evaluator, P, Trial, flatten, make_trials
from .limits import Deadline, MathError
from .memo import Memo
from .nodes import Add, Div, Gradient, Mul, Neg, Node, Num, Sym, Zero, canonical, render, symbol_names
from .parser import Chain, parse_chains
from .shapes import Shape, ShapeContext, normalise_table, table_key

STATUSES = (
    "equivalent",
    "scalar_multiple",
    "wrong_variable",
    "not_equivalent",
    "shape_error",
    "parse_error",
    "unsupported",
    "limit",
)
ERROR_STATUSES = frozenset({"shape_error", "parse_error", "unsupported", "limit"})
_RANK = {s: i for i, s in enumerate(STATUSES)}

Kind = Literal["expression", "gradient", "condition"]


@dataclass(frozen=True)
class MathResult:
    status: str
    """One of STATUSES."""
    explanation: str = ""
    factor: Fraction | None = None
    """answer = factor x reference, when the two differ only by a scalar (or, for conditions, always)."""
    transposed: bool = False
    """The answer matched the transpose of the reference (fine for conditions)."""
    wrt: str | None = None
    """The variable the answer's gradient is taken with respect to, if it names one."""
    candidate: str = ""
    """The answer text the verdict rests on."""
    method: str = "modular"
    """What decided: `modular` (exact evaluation modulo a prime) or `symbolic` (sympy's expansion)."""
    expected: str = ""
    """The reference statement in our canonical LaTeX (`Statement.canonical`), when known."""
    found: str = ""
    """The answer's statement the verdict rests on, in our canonical LaTeX ("" when none was read)."""
    on_point: bool = True
    """The statement could state the reference: it mentions every symbol the reference's value depends
    on, or is a gradient with respect to its variable. The closest of unrelated formulas (`W_1 = U_k`
    for the gradient with respect to W_1) is feedback, not an answer."""
    identity: bool = False
    """The statement holds for all matrices ("‖A‖²_F = tr(AᵀA)"): a step of working, no condition."""

    @property
    def equivalent(self) -> bool:
        return self.status == "equivalent"

    @property
    def is_error(self) -> bool:
        return self.status in ERROR_STATUSES


@dataclass(frozen=True)
class Statement:
    kind: Kind
    lhs: Node
    rhs: Node | None = None
    """For a condition lhs = rhs; None otherwise."""
    wrt: str | None = None
    text: str = ""

    @property
    def meaning(self) -> tuple[object, ...]:
        """Everything but the text: two statements with equal meanings evaluate alike."""
        return (self.kind, self.lhs, self.rhs, self.wrt)

    def describe(self) -> str:
        prefix = f"grad_{self.wrt} L = " if self.kind == "gradient" else ""
        tail = f" = {render(self.rhs)}" if self.rhs is not None else ""
        return prefix + render(self.lhs) + tail

    @property
    def canonical(self) -> str:
        """The statement in our own LaTeX, read back by `parse_statements` as the same meaning.
        Memoised per meaning: the same statements recur across a batch's answers."""
        return _canonical.get_or_compute(self.meaning, self._canonical)

    def _canonical(self) -> str:
        head = f"{canonical(Gradient(self.wrt))} = " if self.wrt is not None else ""
        return head + canonical(self.lhs) + (f" = {canonical(self.rhs)}" if self.rhs is not None else "")

    def mentions(self) -> frozenset[str]:
        """The symbols the statement names, worked out once per statement (checks ask again and again)."""
        known: frozenset[str] | None = self.__dict__.get("_mentions")
        if known is None:
            found = symbol_names(self.lhs)
            if self.rhs is not None:
                found |= symbol_names(self.rhs)
            known = frozenset(found)
            object.__setattr__(self, "_mentions", known)  # not a field: equality and hashing ignore it
        return known


_canonical: Memo[str] = Memo()


def statements_from_chain(chain: Chain, text: str = "") -> tuple[list[Statement], list[MathError]]:
    """Turn `a = b = c = 0` into statements (see the module docstring for the rules)."""
    if chain.error is not None:
        return [], [chain.error]
    text = text or chain.text
    errors = [s for s in chain.sides if isinstance(s, MathError)]
    sides = list(chain.sides)
    out: list[Statement] = []
    if sides and isinstance(sides[0], Gradient):
        wrt = sides[0].wrt
        rest = sides[1:]
        if not rest:
            return [], errors + [MathError("unsupported", "a gradient with no value")]
        values = [s for s in rest if not isinstance(s, (MathError, Gradient, Zero))]
        if isinstance(rest[-1], Zero):
            out = [Statement("condition", v, rest[-1], wrt, text) for v in values]
        else:
            out = [Statement("gradient", v, None, wrt, text) for v in values]
        return out, errors
    if len(sides) == 1:
        side = sides[0]
        if isinstance(side, MathError):
            return [], [side]
        return [Statement("expression", side, None, None, text)], []

    def usable(s: object) -> TypeGuard[Node]:
        return not isinstance(s, (MathError, Gradient))

    for a, b in zip(sides, sides[1:]):
        if usable(a) and usable(b) and not (isinstance(a, Zero) and isinstance(b, Zero)):
            out.append(Statement("condition", a, b, None, text))
    last = sides[-1]
    if isinstance(last, Zero):
        for s in sides[:-2]:
            if usable(s) and not isinstance(s, Zero):
                out.append(Statement("condition", s, last, None, text))
    if any(isinstance(s, Gradient) for s in sides):
        errors.append(MathError("unsupported", "a gradient must be the first side of an equation"))
    return out, errors


def parse_statements(
    text: str, shapes: Mapping[str, tuple[str, str]] | None = None, deadline: Deadline | None = None
) -> tuple[list[Statement], list[MathError]]:
    """All statements in a math snippet, and the errors of the parts that could not be used.

    Memoised per text and table: the same formulas recur across the answers in a batch.
    """
    key = (text, table_key(shapes))
    known = _parsed.get(key)
    if known is None:
        table = dict(key[1])
        statements: list[Statement] = []
        errors: list[MathError] = []
        for chain in parse_chains(text, table.keys(), deadline):
            found, errs = statements_from_chain(chain, text.strip())
            statements.extend(found)
            errors.extend(errs)
        known = (tuple(statements), tuple(errors))
        if not any(e.status == "limit" for e in errors) and not (deadline is not None and deadline.expired):
            _parsed.put(key, known)
    # Fresh error objects: a caller may raise one, and a raised exception keeps its traceback.
    return list(known[0]), [MathError(e.status, e.message) for e in known[1]]


_parsed: Memo[tuple[tuple[Statement, ...], tuple[MathError, ...]]] = Memo()


@dataclass
class Prepared:
    """A statement with its shape inferred and its value (lhs - rhs for a condition) on each trial."""

    statement: Statement
    shape: Shape
    sizes: list[tuple[int, int]]
    values: list[list[int]]
    ctx: ShapeContext
    shape_problem: str | None = None
    """Set when a gradient's shape is not its variable's (reported unless it is a wrong-variable case)."""

    @property
    def kind(self) -> Kind:
        return self.statement.kind


def prepare(
    statement: Statement,
    table: Mapping[str, tuple[str, str]],
    deadline: Deadline,
    trials: list[Trial] | None = None,
    hint: Shape = None,
) -> Prepared:
    """Infer the statement's shape and evaluate it on each trial (fresh random ones by default).

    `hint` (the reference's shape) sizes what nothing else fixes, such as a lone `I`. With the
    default trials and no hint the outcome is memoised: several checks evaluate the same statement.
    """
    if trials is not None or hint is not None:
        return _prepare(statement, table, deadline, trials, hint)
    key = (statement.meaning, table_key(table))
    known = _prepared.get_or_compute(key, lambda: _prepare(statement, table, deadline, None, None))
    # The same mathematics written differently (`^T` / `^\top`): only the text differs.
    return known if known.statement.text == statement.text else replace(known, statement=statement)


_prepared: Memo[Prepared] = Memo()


def _prepare(
    statement: Statement,
    table: Mapping[str, tuple[str, str]],
    deadline: Deadline,
    trials: list[Trial] | None,
    hint: Shape,
) -> Prepared:
    ctx, shape = infer_shape(statement, table)
    node = statement.lhs
    if statement.rhs is not None:
        node = statement.lhs if isinstance(statement.rhs, Zero) else Add((statement.lhs, Neg(statement.rhs)))
    node = _unnormalised(node, frozenset(d for dims in table.values() for d in dims))
    shape_problem = None
    if statement.kind == "gradient" and statement.wrt is not None and statement.wrt in table:
        expected = table[statement.wrt]
        if shape is None or not (ctx.unify(shape[0], expected[0]) and ctx.unify(shape[1], expected[1])):
            shape_problem = (
                f"a gradient with respect to {statement.wrt} must be {ctx.show(expected)}, "
                f"but {render(statement.lhs)} is {ctx.show(shape)}"
            )
    if hint is not None and shape is not None:
        for dim, wanted in zip(shape, hint):
            if not wanted.startswith("?"):
                ctx.unify(dim, wanted)
    sizes, values = [], []
    for trial in trials if trials is not None else make_trials(table):
        value = Evaluator(ctx, trial, deadline).value_of(node)
        sizes.append((0, 0) if isinstance(value, int) else (len(value), len(value[0])))
        values.append(flatten(value))
    return Prepared(statement, ctx.resolve(shape), sizes, values, ctx, shape_problem)


def _unnormalised(node: Node, sizes: frozenset[str]) -> Node:
    """The value without a size it is divided by as a whole ("(2/n) W_2^T (W_2 W_1 - I) X X^T", "... / n"):
    the gradient of a loss averaged over the n data points, which sets the same condition and is the
    gradient of the loss as that answer writes it. Only a size of the shape table counts (n, m, k)."""

    def size(x: Node) -> bool:
        return isinstance(x, Sym) and x.name in sizes

    if isinstance(node, Neg):
        inner = _unnormalised(node.x, sizes)
        return node if inner is node.x else Neg(inner)
    if isinstance(node, Div) and size(node.den):
        return node.x
    if isinstance(node, Mul):
        # (a product in brackets is a run of the same product: "W_2^T (W_2 W_1 - I) ((1/n) X X^T)", or
        # a shorthand "Σ := (1/n) X X^T" put in)
        flat = _flat_factors(node)
        factors = tuple(
            f.x if isinstance(f, Div) and isinstance(f.x, Num) and size(f.den) else f for f in flat if not size(f)
        )
        if factors != flat and factors:
            return Mul(factors) if len(factors) > 1 else factors[0]
    return node


def _flat_factors(node: Mul) -> tuple[Node, ...]:
    """The factors of a product, with those of the products inside it in their place."""
    return tuple(g for f in node.factors for g in (_flat_factors(f) if isinstance(f, Mul) else (f,)))


def infer_shape(statement: Statement, table: Mapping[str, tuple[str, str]]) -> tuple[ShapeContext, Shape]:
    """The shape of the statement's value (lhs - rhs for a condition); raises a shape_error."""
    ctx = ShapeContext(table)
    shape = ctx.infer(statement.lhs)
    if statement.rhs is not None:
        shape = ctx.unify_shapes(shape, ctx.infer(statement.rhs), statement.lhs, statement.rhs)
    return ctx, shape


def _transposed_values(p: Prepared) -> tuple[list[tuple[int, int]], list[list[int]]]:
    sizes, values = [], []
    for (r, c), flat in zip(p.sizes, p.values):
        if r == 0:
            sizes.append((0, 0))
            values.append(flat)
        else:
            sizes.append((c, r))
            values.append([flat[i * c + j] for j in range(c) for i in range(r)])
    return sizes, values


def _multiple(a: list[list[int]], b: list[list[int]]) -> int | None:
    """c with a = c * b on every trial (c may be 0), or None."""
    if a == b:
        return 1
    c = None
    for fa, fb in zip(a, b):
        for x, y in zip(fa, fb):
            if y:
                c = x * pow(y, P - 2, P) % P
                break
        if c is not None:
            break
    if c is None:
        return 0 if all(not x for fa in a for x in fa) else None
    for fa, fb in zip(a, b):
        if any(x != c * y % P for x, y in zip(fa, fb)):
            return None
    return c


def rational(c: int) -> Fraction | None:
    """The small fraction a/b with a = b*c mod P (rational reconstruction), if there is one."""
    bound = isqrt(P // 2)
    r0, r1, t0, t1 = P, c % P, 0, 1
    while r1 > bound:
        q = r0 // r1
        r0, r1 = r1, r0 - q * r1
        t0, t1 = t1, t0 - q * t1
    if t1 == 0 or abs(t1) > bound:
        return None
    return Fraction(r1, t1)


def _is_zero(p: Prepared) -> bool:
    return all(not x for flat in p.values for x in flat)


def compare_prepared(
    ref: Prepared, cand: Prepared, explain: bool = False, deadline: Deadline | None = None
) -> MathResult:
    """Does the candidate say what the reference says? (See the module docstring.)

    A miss's explanation from sympy's expansion (`explain=True`) is for a view that shows it
    (`math`, `grade -v`, the HTML drill-down): grading leaves it empty, so it never loads sympy and
    its results do not depend on how long an expansion took.
    """
    text = cand.statement.text
    wrt = cand.statement.wrt
    as_condition = (
        ref.kind == "condition" or cand.kind == "condition" or (ref.kind == "gradient" and cand.kind == "expression")
    )
    if _is_zero(ref):
        return MathResult("unsupported", "the reference is zero for all matrices", wrt=wrt, candidate=text)
    if as_condition and _is_zero(cand):
        return MathResult(
            "not_equivalent",
            "it holds for all matrices (an identity), so it is not a condition",
            wrt=wrt,
            candidate=text,
            identity=True,
        )
    direct = _multiple(cand.values, ref.values) if cand.sizes == ref.sizes else None
    flipped = None
    t_sizes, t_values = _transposed_values(cand)
    if t_sizes == ref.sizes and (direct is None or direct == 0):
        flipped = _multiple(t_values, ref.values)
    wrong_var = ref.statement.wrt is not None and wrt is not None and wrt != ref.statement.wrt

    def matched(c: int | None) -> bool:
        return c is not None and c != 0 and (as_condition or c == 1)

    if wrong_var and (matched(direct) or matched(flipped) or direct or flipped):
        return MathResult(
            "wrong_variable",
            f"this is given as the gradient with respect to {wrt}, but it is the one with respect to "
            f"{ref.statement.wrt}",
            wrt=wrt,
            candidate=text,
        )
    if cand.shape_problem and cand.kind == "gradient" and flipped == 1 and ref.kind == "gradient":
        # "∂L/∂W₁ = 2 X Xᵀ (W₂W₁ − I)ᵀ W₂ (m × k)": the gradient in numerator layout, the
        # transpose of the denominator-layout one; the same condition, the other convention
        return MathResult(
            "equivalent", "the same gradient in numerator layout (transposed)", Fraction(1), True, wrt, text
        )
    if cand.shape_problem:
        return MathResult("shape_error", cand.shape_problem, wrt=wrt, candidate=text)
    if as_condition:
        for c, transposed in ((direct, False), (flipped, True)):
            if c:
                return MathResult(
                    "equivalent",
                    "the same condition" + (" (transposed)" if transposed else ""),
                    rational(c),
                    transposed,
                    wrt,
                    text,
                )
        return MathResult(
            "not_equivalent", _explain(ref, cand, True, deadline) if explain else "", wrt=wrt, candidate=text
        )
    if direct == 1:
        return MathResult("equivalent", "the same expression", Fraction(1), False, wrt, text)
    if direct:
        factor = rational(direct)
        if factor is not None:
            return MathResult(
                "scalar_multiple", f"it is {factor} times the expected expression", factor, False, wrt, text
            )
    if flipped == 1:
        return MathResult(
            "not_equivalent", "it is the transpose of the expected expression", Fraction(1), True, wrt, text
        )
    if cand.sizes != ref.sizes and t_sizes != ref.sizes:
        return MathResult(
            "not_equivalent",
            f"it has shape {cand.ctx.show(cand.shape)}, expected {ref.ctx.show(ref.shape)}",
            wrt=wrt,
            candidate=text,
        )
    return MathResult(
        "not_equivalent", _explain(ref, cand, False, deadline) if explain else "", wrt=wrt, candidate=text
    )


def _explain(ref: Prepared, cand: Prepared, as_condition: bool, deadline: Deadline | None) -> str:
    from .difference import explain  # imports sympy: only a reported miss needs it

    return explain(ref, cand, as_condition, deadline)


def has_unknown_size(p: Prepared) -> bool:
    return p.shape is not None and any(d.startswith("?") for d in p.shape)


def rank_key(result: MathResult, wanted_wrt: str | None, on_point: bool = True) -> tuple[int, int, int, int]:
    """Sort key for "best" verdicts: matches first (equivalent, scalar multiple, wrong variable);
    then the closest miss, preferring a statement about the same gradient, then one on point (see
    `MathResult.on_point`), so the message names the relevant error."""
    rank = _RANK[result.status]
    same = 0 if wanted_wrt is not None and result.wrt == wanted_wrt else 1
    return (min(rank, _RANK["not_equivalent"]), same, 0 if on_point else 1, rank)


def compare(
    reference: str,
    candidate: str,
    shapes: Mapping[str, tuple[str, str]] | None = None,
    deadline: Deadline | None = None,
) -> MathResult:
    """Compare one reference statement with everything a candidate snippet states; never raises."""
    deadline = deadline or Deadline()
    table = normalise_table(shapes)
    try:
        refs, ref_errors = parse_statements(reference, table, deadline)
    except MathError as exc:
        return MathResult(exc.status, f"reference: {exc.message}")
    if len(refs) != 1:
        if ref_errors:
            return MathResult(ref_errors[0].status, f"reference: {ref_errors[0].message}")
        return MathResult("unsupported", "the reference must be one expression, gradient or equation")
    try:
        ref = prepare(refs[0], table, deadline)
    except MathError as exc:
        return MathResult(exc.status, f"reference: {exc.message}")
    return best_match(ref, candidate, table, deadline, explain=True)


def best_match(
    ref: Prepared, candidate: str, table: Mapping[str, tuple[str, str]], deadline: Deadline, explain: bool = False
) -> MathResult:
    """The best verdict over the candidate's statements (`rank_key`), with both formulas in
    canonical form; `explain` adds sympy's explanation of a miss (see `compare_prepared`)."""
    try:
        cands, errors = parse_statements(candidate, table, deadline)
    except MathError as exc:
        return MathResult(exc.status, exc.message, candidate=candidate.strip())
    best: MathResult | None = None
    for statement in cands:
        try:
            found = prepare(statement, table, deadline, hint=ref.shape)
            result = compare_prepared(ref, found, explain, deadline)
        except MathError as exc:
            if exc.status == "limit":
                return MathResult("limit", exc.message, candidate=statement.text)
            result = MathResult(exc.status, exc.message, wrt=statement.wrt, candidate=statement.text)
        result = replace(result, expected=ref.statement.canonical, found=statement.canonical)
        if best is None or rank_key(result, ref.statement.wrt) < rank_key(best, ref.statement.wrt):
            best = result
        if best.equivalent:
            break
    if best is None or (best.is_error and errors and _RANK[errors[0].status] < _RANK[best.status]):
        if errors:
            return MathResult(errors[0].status, errors[0].message, candidate=candidate.strip())
        return MathResult("parse_error", "no expression found", candidate=candidate.strip())
    return best
