"""The items of a LaTeX document's outermost lists."""

from __future__ import annotations

import pytest

from hw7grade.text.latex_lists import outer_items

DOCUMENT = r"""\begin{enumerate}[label=(\alph*)]
\item First answer.
\begin{itemize}
  \item a nested point
\end{itemize}
\item Second answer.
\end{enumerate}
After the list.
\begin{itemize}
\item Third, in another list.
\end{itemize}"""


def test_outer_items_end_where_the_next_starts_or_their_list_ends():
    items = [DOCUMENT[start:end].strip() for start, end in outer_items(DOCUMENT)]
    assert items == [
        "\\item First answer.\n\\begin{itemize}\n  \\item a nested point\n\\end{itemize}",
        "\\item Second answer.",
        "\\item Third, in another list.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "no lists here",
        "\\itemize is a macro name, \\items too",
        "\\item outside any list",
        "\\end{enumerate} \\item after an unopened end",
    ],
)
def test_no_outer_items(text):
    assert outer_items(text) == []


def test_an_unclosed_list_runs_to_the_end():
    text = "\\begin{enumerate}\n\\item one\n\\item two"
    assert [text[s:e] for s, e in outer_items(text)] == ["\\item one\n", "\\item two"]
