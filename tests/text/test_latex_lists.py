"""The items of a LaTeX document's outermost lists."""

from __future__ import annotations

import pytest

from hw7grade.text.latex_lists import outer_items, with_item_labels

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


@pytest.mark.parametrize(
    ("text", "labelled"),
    [
        (
            "\\begin{enumerate}[label=(\\roman*)]\n  \\item Two layers.\n  \\item MSE.\n\\end{enumerate}",
            "\\begin{enumerate}[label=(\\roman*)]\n  \\item[(i)] Two layers.\n  \\item[(ii)] MSE.\n\\end{enumerate}",
        ),
        (  # the style's wrappers print no characters; a nested list has its own style and count
            "\\begin{enumerate}[label=\\textbf{(\\alph*)}]\n\\item Q8a\n\\begin{enumerate}[label=(\\roman*)]\n"
            "\\item x\n\\end{enumerate}\n\\item Q8b\n\\end{enumerate}",
            "\\begin{enumerate}[label=\\textbf{(\\alph*)}]\n\\item[(a)] Q8a\n\\begin{enumerate}[label=(\\roman*)]\n"
            "\\item[(i)] x\n\\end{enumerate}\n\\item[(b)] Q8b\n\\end{enumerate}",
        ),
        (  # an item's own label stands, and counts
            "\\begin{enumerate}[label=\\alph*)]\n\\item[(x)] one\n\\item two\n\\end{enumerate}",
            "\\begin{enumerate}[label=\\alph*)]\n\\item[(x)] one\n\\item[b)] two\n\\end{enumerate}",
        ),
        (  # a list of named slots prints each slot before its item
            "\\begin{enumerate}[label=$w_{\\arabic*}$ =, leftmargin=3em]\n\\item \\texttt{<sos>}\n"
            "\\item I\n\\end{enumerate}",
            "\\begin{enumerate}[label=$w_{\\arabic*}$ =, leftmargin=3em]\n\\item $w_1$=  \\texttt{<sos>}\n"
            "\\item $w_2$=  I\n\\end{enumerate}",
        ),
        # numbers, bullets and lists with no style keep their items
        ("\\begin{enumerate}\n\\item one\n\\end{enumerate}", None),
        ("\\begin{enumerate}[label=\\arabic*.]\n\\item one\n\\end{enumerate}", None),
        ("\\begin{itemize}[label=(\\alph*)]\n\\item one\n\\end{itemize}", None),
    ],
)
def test_items_of_a_list_styled_in_letters_or_numerals_get_the_labels_it_prints(text, labelled):
    assert with_item_labels(text) == (text if labelled is None else labelled)
