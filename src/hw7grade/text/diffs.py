"""Revisions written as a unified diff (a ```diff block): read as the text they leave, their new side."""

from __future__ import annotations

from ..regexes import regex

_DIFF_FENCE_RE = regex(r"[ \t]{0,3}```[ \t]*(?:diff|patch|udiff)[ \t]*$")
_HEADER_RE = regex(r"(?:---|\+\+\+)[ \t]|@@")
"""A file header ("--- a/answer.md", "+++ b/answer.md") or a hunk's range ("@@ -1,4 +1,4 @@")."""


def as_new_side(text: str) -> str:
    """`text` with each fenced diff written as its new side, the fence dropped: added lines ("+w3 =
    see") and context lines (" ### (c) ...") without their mark, removed lines ("-w3 = saw") and
    headers gone. An unclosed block is left as it is."""
    if "```" not in text or "diff" not in text and "patch" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _DIFF_FENCE_RE.fullmatch(lines[i]) is None:
            out.append(lines[i])
            i += 1
            continue
        close = next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith("```")), None)
        if close is None:
            out.extend(lines[i:])
            break
        for line in lines[i + 1 : close]:
            if _HEADER_RE.match(line) or line.startswith("-"):
                continue
            out.append(line[1:] if line.startswith(("+", " ")) else line)
        i = close + 1
    return "\n".join(out)
