"""Formulas in the terminal (`grade -v`, `math -v`): expected, found and their expanded difference
in sympy's pretty printer, Unicode, or ASCII for a stream that cannot encode it."""

from __future__ import annotations

from typing import Any

from ..checks.base import Formula

PROBE = "ᵀ⋅─∇"
"""Characters the Unicode printer uses: a stream that cannot encode them gets ASCII art."""


def formula_lines(formula: Formula, unicode: bool = True, with_certificate: bool = False) -> list[str]:
    """The lines (unindented, unescaped) that show one compared formula, its difference and the
    explanation of a miss; the explanation is computed now, within its own deadline."""
    from ..algebra.forms import show_formula

    shapes = {name: (rows, cols) for name, rows, cols in formula.shapes}
    shown = show_formula(formula.expected, formula.found, shapes, formula.kind, with_certificate=with_certificate)
    if shown is None:
        lines = [f"expected: {formula.expected}"]
        return lines + ([f"found: {formula.found}"] if formula.found is not None else [])
    minus = "−" if unicode else "-"
    sections: list[tuple[str, Any]] = [("expected", shown.expected)]
    if shown.found is not None:
        sections.append(("found", shown.found))
    elif formula.found is not None:
        sections.append(("found", formula.found))
    if shown.difference is not None:
        sections.append((f"found {minus} expected, expanded", shown.difference))
    lines = []
    for title, value in sections:
        lines.append(f"{title}:")
        lines += ["  " + line for line in pretty(value, unicode).splitlines()]
    if shown.explanation:
        explanation = shown.explanation
        lines.append(explanation if explanation.startswith("explanation:") else f"explanation: {explanation}")
    if shown.certificate:
        lines.append(f"certificate: {shown.certificate}")
    return lines if unicode else [ascii_text(line) for line in lines]


def pretty(value: Any, unicode: bool = True) -> str:
    """sympy's pretty printer for a sympy object or a `forms.Side` (`∇W₁ L = ...`)."""
    from ..algebra.forms import Side, as_equation
    from ..algebra.symbolic import sympy_module

    sp = sympy_module()
    if isinstance(value, str):
        return value  # a formula that could not be read back: its canonical text
    if not isinstance(value, Side):
        return sp.pretty(value, use_unicode=unicode, wrap_line=False)
    from sympy.printing.pretty.pretty import PrettyPrinter
    from sympy.printing.pretty.pretty_symbology import pretty_use_unicode
    from sympy.printing.pretty.stringpict import prettyForm

    if value.wrt is None:
        return sp.pretty(as_equation(value), use_unicode=unicode, wrap_line=False)
    was = pretty_use_unicode(unicode)
    try:
        head = ("∇" if unicode else "grad_") + sp.pretty(sp.Symbol(value.wrt), use_unicode=unicode) + " L = "
        body = PrettyPrinter({"use_unicode": unicode, "wrap_line": False})._print(as_equation(value))
        return prettyForm(*body.left(head)).render(wrap_line=False)
    finally:
        pretty_use_unicode(was)


_ASCII = str.maketrans(
    {"−": "-", "·": "*", "ᵀ": "^T", "⁻": "^-", "¹": "1", **{chr(0x2080 + d): f"_{d}" for d in range(10)}}
)


def ascii_text(text: str) -> str:
    """An explanation (`the term −2·W₂ᵀXXᵀ is missing`) for a stream that cannot encode it."""
    return text.translate(_ASCII)


def can_show_unicode(stream: object) -> bool:
    """Whether `stream` can encode the Unicode printer's characters (a cp1252 redirect cannot)."""
    try:
        PROBE.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
