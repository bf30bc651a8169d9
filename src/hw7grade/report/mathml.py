"""Formulas as MathML for the HTML report: expected, found and their expanded difference.

sympy's presentation printer writes the MathML, from objects built from the engine's tree (never
from text); Chromium renders MathML natively, so the page stays self-contained. Text that is not
mathematics (an explanation, a formula that cannot be read back) is escaped.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from ..algebra.forms import Side
    from ..checks.base import Formula

MATHML_NS = "http://www.w3.org/1998/Math/MathML"


def formula(expr: Any, display: bool = True) -> str:
    """One sympy object, or a `forms.Side` (`∇_{W₁}ℒ = …`), as a `<math>` element."""
    from ..algebra.forms import Side

    body = side_mathml(expr) if isinstance(expr, Side) else _mathml(expr)
    return f'<math xmlns="{MATHML_NS}" display="{"block" if display else "inline"}">{body}</math>'


def _mathml(expr: Any) -> str:
    from sympy.printing.mathml import mathml

    return mathml(expr, printer="presentation")


def side_mathml(side: Side) -> str:
    from ..algebra.symbolic import sympy_module

    head = ""
    if side.wrt is not None:
        wrt = _mathml(sympy_module().Symbol(side.wrt))
        head = f'<msub><mo>∇</mo>{wrt}</msub><mi mathvariant="script">L</mi><mo>=</mo>'
    return "<mrow>" + head + "<mo>=</mo>".join(_mathml(s) for s in side.sides) + "</mrow>"


def latex_html(latex: str, display: bool) -> str:
    """The LaTeX itself, escaped, in monospace (a formula that is not shown as MathML)."""
    body = escape(latex.strip(), quote=False)
    return f'<pre class="latex">{body}</pre>' if display else f'<code class="latex">{body}</code>'


def formulas_html(formulas: Sequence[Formula]) -> str:
    """`<dl class="formulas">` per formula a check compared and did not find equivalent: expected,
    found and their expanded difference as MathML, and the explanation; a side that cannot be read
    back shows as escaped LaTeX. "" when there are none (a match is highlighted in the answer)."""
    out = []
    for f in formulas:
        if f.status == "equivalent":
            continue
        known = _shown.get(f)
        if known is None:
            known, timed_out = _formula_html(f)
            if not timed_out:  # the same wrong formula recurs across a class's answers
                _shown[f] = known
        out.append(known)
    return "".join(out)


_shown: dict[Formula, str] = {}


def _formula_html(f: Formula) -> tuple[str, bool]:
    """The block, and whether its explanation ran out of time (then it is not remembered)."""
    from ..algebra.difference import TIME_LIMIT
    from ..algebra.forms import show_formula

    shapes = {name: (rows, cols) for name, rows, cols in f.shapes}
    shown = show_formula(f.expected, f.found, shapes, f.kind)
    if shown is None:
        rows = [("expected", latex_html(f.expected, True))]
        if f.found is not None:
            rows.append(("found", latex_html(f.found, True)))
    else:
        rows = [("expected", formula(shown.expected))]
        if shown.found is not None:
            rows.append(("found", formula(shown.found)))
        elif f.found is not None:
            rows.append(("found", latex_html(f.found, True)))
        if shown.difference is not None:
            rows.append(("found − expected", formula(shown.difference)))
        if shown.explanation:
            rows.append(("explanation", escape(shown.explanation.removeprefix("explanation: "))))
    if f.found is None:
        rows.append(("found", "no statement of this"))
    block = '<dl class="formulas">' + "".join(f"<dt>{t}</dt><dd>{body}</dd>" for t, body in rows) + "</dl>"
    return block, shown is not None and shown.explanation == TIME_LIMIT


CSS = """
dl.formulas { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0 .5rem;
  font-size: .9rem; }
dl.formulas dt { color: #616161; } dl.formulas dd { margin: 0; overflow-x: auto; }
dl.formulas math[display="block"] { text-align: left; margin: 0; }
"""
