"""How a formula from an answer is shown in the HTML report: MathML (sympy's printer, through
`mathml.py`) for evidence our parser reads, else its LaTeX escaped in a monospace block.

Only text our parser reads as mathematics becomes MathML, built from its tree (never by sympy
parsing text); anything else stays escaped text. Memoised: the same formulas recur across answers.
"""

from __future__ import annotations

from functools import lru_cache

from .mathml import MATHML_NS, latex_html, side_mathml

MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
"""Evidence highlights inside answer text (see `safe_markdown`): they become `<mark>` at the end."""
RENDER_TIMEOUT_S = 0.5
"""Time for one formula's MathML; past it the LaTeX is shown."""
MAX_FORMULA_CHARS = 2_000

Shapes = tuple[tuple[str, str, str], ...]
"""(name, rows, cols) of the matrices a part's math checks read (`Formula.shapes`)."""


def render_formula(latex: str, display: bool, shapes: Shapes = ()) -> str:
    """HTML for one formula of an answer; `display` for a block (`$$...$$`, `\\[...\\]`), else inline.

    Evidence (a formula wholly inside one highlight) becomes MathML when our parser reads it; other
    formulas stay LaTeX, which keeps a class-sized page quick to write and small. A formula naming a
    matrix `shapes` does not give stays LaTeX too (no course's shapes are assumed)."""
    plain = latex.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    stripped = latex.strip()
    evidence = len(plain) + 2 == len(latex) and stripped.startswith(MARK_OPEN) and stripped.endswith(MARK_CLOSE)
    if evidence:
        found = _as_mathml(plain.strip(), display, shapes)
        if found:
            return MARK_OPEN + found + MARK_CLOSE
    return latex_html(latex, display)


@lru_cache(maxsize=4096)
def _as_mathml(latex: str, display: bool, shapes: Shapes) -> str:
    """The formula's statements as MathML, or "" when our parser does not read all of it."""
    if not latex or len(latex) > MAX_FORMULA_CHARS:
        return ""
    from ..algebra import Deadline, normalise_table, parse_statements
    from ..algebra.equivalence import infer_shape
    from ..algebra.forms import Side
    from ..algebra.symbolic import bounded, budget, to_sympy

    table = normalise_table({name: (rows, cols) for name, rows, cols in shapes})
    deadline = Deadline(RENDER_TIMEOUT_S)
    try:
        statements, errors = parse_statements(latex, table, deadline)
        if not statements or errors:
            return ""
        rows = []
        with bounded(budget(deadline, RENDER_TIMEOUT_S)):
            for s in statements:
                ctx, _ = infer_shape(s, table)
                sides = (s.lhs,) if s.rhs is None else (s.lhs, s.rhs)
                rows.append(side_mathml(Side(s.wrt, tuple(to_sympy(n, ctx) for n in sides))))
    except Exception:  # not read, a shape error, or sympy giving up: the LaTeX is shown
        return ""
    body = rows[0] if len(rows) == 1 else "<mtable>" + "".join(f"<mtr><mtd>{r}</mtd></mtr>" for r in rows) + "</mtable>"
    return f'<math xmlns="{MATHML_NS}" display="{"block" if display else "inline"}">{body}</math>'


__all__ = ["MARK_CLOSE", "MARK_OPEN", "latex_html", "render_formula"]
