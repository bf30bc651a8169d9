"""How a formula from an answer is shown in the HTML report: the one place to swap in MathML.

Today: the LaTeX source, escaped, in a monospace block. The sympy issue (16) replaces
`render_formula` with a MathML rendering; callers pass the raw LaTeX and need not change.
"""

from __future__ import annotations

from html import escape


def render_formula(latex: str, display: bool) -> str:
    """HTML for one formula; `display` for a block (`$$...$$`, `\\[...\\]`), else inline."""
    body = escape(latex.strip(), quote=False)
    return f'<pre class="latex">{body}</pre>' if display else f'<code class="latex">{body}</code>'


__all__ = ["render_formula"]
