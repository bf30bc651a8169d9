"""Tab- and comma-separated blocks (the TSV or CSV a user asked for) read as the Markdown tables they
are, so that a table's part columns and labelled rows are found as in any other table."""

from __future__ import annotations

import csv

from .labels import label_of_key

MIN_ROWS = 2
"""A header and one row at least."""
MAX_COLUMNS = 12


def as_markdown_tables(text: str) -> str:
    """`text` with every delimited block as a pipe table: a fenced block whose rows all split into the
    same number of tab-separated cells (or comma-separated, in a ```csv block), its fence lines
    dropped, and a run of such tab-separated lines outside any fence. A body row's first cell that is
    a bare part key ("b") is written as a label ("(b)")."""
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
