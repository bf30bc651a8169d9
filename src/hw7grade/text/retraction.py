"""What an answer takes back as it goes ("w₃ = saw. Actually, wait — that's not right for training.
With teacher forcing ..."): a model correcting itself mid-reply stands by what follows, not by what it
withdrew, so the withdrawn text is not graded."""

from __future__ import annotations

import re

from ..regexes import regex
from .labels import line_label

_RETRACTS_RE = regex(
    r"(?<![a-z])(?:(?:actually|hmm+|oh|oops)[ \t]{0,2}[,.!]?[ \t]{0,3}(?:[—–-][ \t]{0,3})?(?:wait|hold[ \t]on)\b"
    r"|wait[ \t]{0,2}[,.!]?[ \t]{0,3}(?:[—–-][ \t]{0,3})?"
    r"(?:no\b|actually\b|that(?:'s|’s|[ \t]is)[ \t](?:not|wrong|incorrect)\b)"
    r"|actually[ \t]{0,2}[,.!—–-][ \t]{0,3}no[ \t]{0,2}[,.!—–:-]"
    r"|scratch[ \t]that\b|correction[ \t]{0,2}:|on[ \t](?:second[ \t]thought|reflection)\b"
    r"|i[ \t]misspoke\b"
    r"|(?:actually[ \t]{0,2}[,.!]?[ \t]{0,3})?(?:let[ \t]me|i[ \t](?:need|have|should)[ \t]to|i[ \t]must)"
    r"[ \t]correct[ \t]myself\b"
    r"|that(?:'s|’s|[ \t]is)[ \t](?:not[ \t](?:right|correct)|wrong|incorrect)\b)",
    re.I,
)
"""A sentence that opens by taking back what came before it: "Actually, wait —", "Hmm, wait: let me
double-check", "Wait, no", "Wait, actually the shapes are reversed", "Actually, no —",
"Correction:", "On reflection, ...", "Scratch that.", "That's not right for
training.", "Actually, let me correct myself"; not "Wait, let me write it out", a pause. It starts after no
letter (a retraction is read at a line's start, past emphasis, or after a sentence's end), which spares the
engine trying every alternative inside words."""
_LINE_LEAD_RE = regex(r"[ \t]{0,6}(?:>[ \t]{0,2})?(?:\*\*|__|\*|_)?")
"""What may stand before a retraction at a line's start: indentation, a quote mark, emphasis."""
_ANSWER_LINE_RE = regex(r"[ \t]{0,3}(?:\*\*|__)?(?:final[ \t]{1,3})?answer\b", re.I)
"""A line that states the answer ("**Answer: 1 linear layer.**", "Final answer: ...")."""
_HEADING_RE = regex(r"[ \t]{0,3}#{1,6}[ \t]")
"""A Markdown heading's opening."""
_SENTENCE_END_CHARS = ".!?…"
LEAD_GAP_MAX_CHARS = 8
"""Spaces and emphasis marks read back from a retraction to the sentence end before it."""


def without_retracted(text: str) -> str:
    """The text less what it takes back: before a line that opens with a retraction, the block above
    it (with a blank line between; and an answer line alone above that block, which the block explains)
    or the line above (with none); before a retraction inside a line, the sentence before it. A
    retraction that opens the text takes back nothing in it (a follow-up's "On reflection, your TA is
    right" concedes an earlier reply)."""
    if _RETRACTS_RE.search(text) is None:
        return text  # most answers take nothing back: one scan says so
    lines = text.split("\n")
    gone: set[int] = set()  # line indexes withdrawn whole
    cuts: dict[int, list[tuple[int, int]]] = {}  # line index -> spans withdrawn in it
    block_start = 0  # first line of the block line i is in
    last_block = range(0)  # the block before it
    answer_line_before: int | None = None  # an answer line alone in the block before the last one
    for i, line in enumerate(lines):
        if not line.strip():
            if block_start < i:
                alone = last_block if len(last_block) == 1 else range(0)
                answer_line_before = alone.start if alone and _ANSWER_LINE_RE.match(lines[alone.start]) else None
                last_block = range(block_start, i)
            block_start = i + 1
            continue
        lead = _LINE_LEAD_RE.match(line)
        at = lead.end() if lead is not None else 0
        if _RETRACTS_RE.match(line, at) is not None:
            withdrawn = range(i - 1, i) if block_start < i else last_block
            if len(withdrawn) == 1 and _heads(lines[withdrawn.start]):
                withdrawn = range(0)  # "**2. Q8(b) — corrected**" heads what follows; it claims nothing
            gone.update(withdrawn)
            if withdrawn and block_start == i and answer_line_before is not None:
                gone.add(answer_line_before)  # "**Answer: 1 linear layer.**", then why: both withdrawn
            last_block = range(0)  # each block is withdrawn once
        after = 0  # where the sentence before the next retraction in the line may start
        for m in _RETRACTS_RE.finditer(line, at + 1):
            k = m.start()
            while k > after and m.start() - k < LEAD_GAP_MAX_CHARS and line[k - 1] in " \t*_":
                k -= 1
            if k == m.start() or k <= after or line[k - 1] not in _SENTENCE_END_CHARS:
                continue
            begin = k - 1  # the sentence before: back to the end of the one before it
            while begin > after and not (
                begin >= 2 and line[begin - 1] in " \t" and line[begin - 2] in _SENTENCE_END_CHARS
            ):
                begin -= 1
            cuts.setdefault(i, []).append((begin, m.start()))
            after = m.start()
    if not gone and not cuts:
        return text
    return "\n".join(_cut(line, cuts.get(i, [])) for i, line in enumerate(lines) if i not in gone)


def _heads(line: str) -> bool:
    """Whether a line is a heading: Markdown, or a part's label in bold ("**(b) Training**"; not an
    answer in bold, "**Answer: 1 layer**")."""
    if _HEADING_RE.match(line) is not None:
        return True
    label = line_label(line)
    return label is not None and line.strip().startswith(("**", "__"))


def _cut(line: str, spans: list[tuple[int, int]]) -> str:
    """The line less the spans (in order, apart)."""
    kept, at = [], 0
    for start, end in spans:
        kept.append(line[at:start])
        at = end
    kept.append(line[at:])
    return "".join(kept)
