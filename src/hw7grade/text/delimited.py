"""Tab- and comma-separated blocks (the TSV or CSV a user asked for) and LaTeX tabulars read as the
Markdown tables they are, so that a table's part columns and labelled rows are found as in any other
table."""

from __future__ import annotations

import csv

from ..regexes import regex
from .labels import label_of_key

MIN_ROWS = 2
"""A header and one row at least."""
MAX_COLUMNS = 12


def as_markdown_tables(text: str) -> str:
    """`text` with every delimited block as a pipe table: a fenced block whose rows all split into the
    same number of tab-separated cells (or comma-separated, in a ```csv block), its fence lines
    dropped, and a run of such tab-separated lines outside any fence. A body row's first cell that is
    a bare part key ("b") is written as a label ("(b)")."""
    if "\\begin{tabular" in text:
        text = _latex_tables(text)
    if "\t" not in text and "csv" not in text and "CSV" not in text:
        return text  # (most replies: no tab, no csv block)
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped.startswith("```"):
            close = next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith("```")), None)
            if close is None:
                out.extend(lines[i:])
                break
            body = lines[i + 1 : close]
            sep = "," if stripped[3:].strip().lower() == "csv" else "\t"
            rows = _rows(body, sep)
            out.extend(_table(rows) if rows else lines[i : close + 1])
            i = close + 1
            continue
        end = i
        while end < len(lines) and "\t" in lines[end].strip() and not lines[end].strip().startswith("```"):
            end += 1
        if end == i:
            out.append(lines[i])
            i += 1
            continue
        rows = _rows(lines[i:end], "\t")  # the run is read once, a table or not
        out.extend(_table(rows) if rows else lines[i:end])
        i = end
    return "\n".join(out)


def _rows(lines: list[str], sep: str) -> list[list[str]] | None:
    """The block's rows when every non-blank line splits into the same number (2 or more) of cells."""
    filled = [line.strip() for line in lines if line.strip()]
    if len(filled) < MIN_ROWS or any(sep not in line for line in filled):
        return None
    rows = [[cell.strip() for cell in row] for row in csv.reader(filled, delimiter=sep)]
    width = len(rows[0])
    if not 2 <= width <= MAX_COLUMNS or any(len(row) != width for row in rows):
        return None
    return rows


def _table(rows: list[list[str]]) -> list[str]:
    def cell(text: str, first: bool) -> str:
        label = label_of_key(text) if first else None
        text = text.replace("|", "/")
        return f"({text})" if label is not None and label.q is None and text.islower() else text

    lines = [
        "| " + " | ".join(cell(c, k == 0 and n > 0) for k, c in enumerate(row)) + " |" for n, row in enumerate(rows)
    ]
    return [lines[0], "|" + "---|" * len(rows[0]), *lines[1:]]


_TABULAR_BEGIN_RE = regex(r"\\begin\{tabular\*?\}(?:\{[^{}\n]{0,40}\})?")
_TABULAR_END = "\\end{tabular"
_CELL_SEP_RE = regex(r"(?<!\\)&")
_RULE_RE = regex(r"\\(?:hline|toprule|midrule|bottomrule|cline\{[^{}\n]{0,10}\})")


def _latex_tables(text: str) -> str:
    """Each `\\begin{tabular}{...}` ... `\\end{tabular}` whose rows ("(b) Training & <sos> & I & see
    & a & dog \\\\") split into the same number of cells written as a pipe table, its rules dropped."""
    lines = text.split("\n")
    # the next line that ends a tabular, from each line: found in one pass from the end, so that many
    # unclosed tabulars are not each a scan to the text's end
    next_end: list[int | None] = [None] * (len(lines) + 1)
    for j in range(len(lines) - 1, -1, -1):
        next_end[j] = j if _TABULAR_END in lines[j] else next_end[j + 1]
    out: list[str] = []
    i = 0
    while i < len(lines):
        begin = _TABULAR_BEGIN_RE.search(lines[i])
        end = next_end[i] if begin else None
        if begin is None or end is None:
            out.append(lines[i])
            i += 1
            continue
        body = " ".join([lines[i][begin.end() :], *lines[i + 1 : end], lines[end].split(_TABULAR_END, 1)[0]])
        rows = [_CELL_SEP_RE.split(_RULE_RE.sub("", row)) for row in body.split("\\\\")]
        rows = [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]
        if len(rows) >= MIN_ROWS and 2 <= len(rows[0]) <= MAX_COLUMNS and all(len(r) == len(rows[0]) for r in rows):
            out.extend(_table(rows))
        else:
            out.extend(lines[i : end + 1])
        i = end + 1
    return "\n".join(out)
