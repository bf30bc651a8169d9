"""Formulas as MathML for the HTML report: expected, found and their expanded difference.

sympy's presentation printer writes the MathML, from objects built from the engine's tree (never
from text); Chromium renders MathML natively, so the page stays self-contained. A function of its
own so the page layout (report/html.py) only has to call it where a math check is shown.
"""

from __future__ import annotations

import html
from typing import Mapping

MATHML_NS = "http://www.w3.org/1998/Math/MathML"


def formula(expr: object) -> str:
    """One sympy expression as a block `<math>` element."""
    from sympy.printing.mathml import mathml

    return f'<math xmlns="{MATHML_NS}" display="block">{mathml(expr, printer="presentation")}</math>'


def formulas_html(reference: str, candidate: str, shapes: Mapping[str, tuple[str, str]] | None = None) -> str:
    """`<dl class="formulas">` with the expected and found formulas (and their difference when they
    differ) as MathML, or "" when a side cannot be read (the report then shows the text alone)."""
    from ..algebra.forms import forms
    from ..algebra.symbolic import vanishes

    found = forms(reference, candidate, shapes)
    if found is None:
        return ""
    want, got, difference, proof = found
    rows = [("expected", formula(want)), ("found", formula(got))]
    if difference is not None and not proof and not vanishes(difference):
        rows.append(("found − expected", formula(difference)))
    if proof:
        rows.append(("certificate", html.escape(proof)))
    return '<dl class="formulas">' + "".join(f"<dt>{t}</dt><dd>{body}</dd>" for t, body in rows) + "</dl>"
