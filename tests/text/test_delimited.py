"""Delimited blocks (TSV, CSV) read as Markdown tables."""

from __future__ import annotations

import pytest

from hw7grade.text.delimited import as_markdown_tables

FENCE = "```"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a fenced TSV: the fence goes, a rule follows the header
        (
            f"{FENCE}tsv\nslot\ttraining\tevaluation\nw1\t<sos>\t<sos>\n{FENCE}\nafter",
            "| slot | training | evaluation |\n|---|---|---|\n| w1 | <sos> | <sos> |\nafter",
        ),
        # a fenced CSV whose rows are keyed by part: a bare key becomes a label
        (
            f"{FENCE}csv\npart,w1,w2\nb,<s>,I\nc,<s>,I\n{FENCE}",
            "| part | w1 | w2 |\n|---|---|---|\n| (b) | <s> | I |\n| (c) | <s> | I |",
        ),
        # tab-separated lines outside a fence
        ("intro\nslot\ttraining\nw1\t<sos>\nend", "intro\n| slot | training |\n|---|---|\n| w1 | <sos> |\nend"),
        # not delimited: code, a single tabbed line, rows of different widths, commas outside a csv fence
        (f"{FENCE}python\nx = 1\n\ty = 2\n{FENCE}", f"{FENCE}python\nx = 1\n\ty = 2\n{FENCE}"),
        ("one\ttab\nthen prose", "one\ttab\nthen prose"),
        (f"{FENCE}\na\tb\nc\td\te\n{FENCE}", f"{FENCE}\na\tb\nc\td\te\n{FENCE}"),
        (f"{FENCE}\nb,<s>,I\nc,<s>,I\n{FENCE}", f"{FENCE}\nb,<s>,I\nc,<s>,I\n{FENCE}"),
        # an unclosed fence is left as it is
        (f"{FENCE}tsv\na\tb\nc\td", f"{FENCE}tsv\na\tb\nc\td"),
        ("no delimiters at all", "no delimiters at all"),
        # a LaTeX tabular: its rules go, its rows split at unescaped ampersands
        (
            "\\begin{tabular}{lcc}\n\\hline\n & $w_1$ & $w_3$ \\\\\n(b) Training & <sos> & see \\\\\n"
            "(c) Eval & <sos> & saw \\\\\n\\hline\n\\end{tabular}",
            "|  | $w_1$ | $w_3$ |\n|---|---|---|\n| (b) Training | <sos> | see |\n| (c) Eval | <sos> | saw |",
        ),
        # rows of different widths stay as written
        (
            "\\begin{tabular}{ll}\na & b \\\\\nc \\\\\n\\end{tabular}",
            "\\begin{tabular}{ll}\na & b \\\\\nc \\\\\n\\end{tabular}",
        ),
    ],
)
def test_as_markdown_tables(text, expected):
    assert as_markdown_tables(text) == expected


def test_a_pipe_inside_a_cell_cannot_open_a_column():
    assert as_markdown_tables("x\ty|z\nw1\t<sos>") == "| x | y/z |\n|---|---|\n| w1 | <sos> |"
