"""`word_count`: the answer's length is within a range (q4b, q4c: about 100 words)."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from ..regexes import regex
from ..text.answers import LIST_MARKER_RE
from ..text.labels import line_label
from ..text.non_answer import remarks_on_answer
from ..text.normalize import HORIZONTAL_RULE_RE, normalize
from ..text.sentence_end import first_sentence
from .base import CheckContext, CheckResult, CheckSpec

HEADING_MAX_WORDS = 12
"""A first line longer than this is prose, not the part's heading."""

_PART_HEADING_RE = regex(
    r"^(?:part\s*)?(?:q(?:uestion)?\s*\d+\s*)?\(?[a-z]{1,4}\)|^part\b|^q(?:uestion)?\s*\d|\bwords?\)\s*:?$",
    re.I,
)
_WORD_RE = regex(r"\w")
_TABLE_RULE_RE = regex(r"^[\s|:-]+$")


QUOTED_DRAFT_MIN_WORDS = 30
"""A block quote this long is the draft the reply offers; a shorter one quotes the question or a phrase."""


def count_words(answer: str) -> int:
    """Words of the answer's prose without Markdown markup or a leading part heading: code blocks, a
    closing list of sources and citation marks ("[5]", "[^1]") are no words of it, as a word limit
    counts them. A draft set off by horizontal rules ("Here's a draft: --- ... --- Trim a sentence if
    needed") or as a block quote ("Here's a replacement: > The approach that interested me most ...
    That's about 110 words.") is counted alone."""
    answer = _prose(answer)
    blocks = HORIZONTAL_RULE_RE.split(answer)
    if len(blocks) >= 3:
        return max(_count_block(b) for b in blocks[1:-1])  # between two rules, not before or after
    quoted = max((_count_block(q) for q in _quoted_blocks(answer)), default=0)
    if quoted >= QUOTED_DRAFT_MIN_WORDS:
        return quoted
    return _count_block(_body(_from_heading(answer)))


_FENCE_RE = regex(r"^[ \t]{0,3}(?:```|~~~)")
_SOURCES_HEADING_RE = regex(
    r"^[ \t#>*_]{0,8}(?:sources|references|citations|footnotes|bibliography|further reading)[ \t*_:]{0,6}$", re.I
)
"""A heading that opens the list of sources a reply cites ("**Sources**", "### References")."""
_CITATION_RE = regex(r"\[\^?\d{1,3}(?:[,–-][ \t]?\d{1,3}){0,4}\]")
"""A citation mark: "[5]", "[1, 2]", "[^3]"."""


def _prose(answer: str) -> str:
    """The answer without its code blocks, the list of sources that closes it and citation marks; with
    its code blocks when little prose stands outside them (an answer written as code: "```python
    q4c = {"why": "..."}```" is counted whole)."""
    if "```" not in answer and "~~~" not in answer and "[" not in answer:
        return answer
    kept: list[str] = []
    code: list[str] = []
    in_code = False
    for line in answer.split("\n"):
        if _FENCE_RE.match(line):
            in_code = not in_code
            continue
        if in_code:
            code.append(line)
            continue
        if _SOURCES_HEADING_RE.match(line) and kept:
            break
        kept.append(line)
    prose = "\n".join(kept)
    if code and len(prose.split()) < QUOTED_DRAFT_MIN_WORDS:
        prose = "\n".join([*kept, *code])
    return _CITATION_RE.sub("", prose)


LEAD_IN_MAX_WORDS = 25
"""A first paragraph this short that ends on a colon introduces the answer ("Here's a draft of about
155 words:"); it is not part of it."""
_PARAGRAPH_BREAK_RE = regex(r"\n[ \t]*\n")


_LENGTH_NOTE_RE = regex(r"\b\d{2,3}[ \t]{0,2}words\b|\bword[ \t]count\b", re.I)
"""A sentence on the answer's length ("Part (b) comes out a little over 100 words")."""


def _length_note(sentence: str) -> bool:
    """Whether a sentence remarks on the answer's length, in words of its own: not a lead ("Draft (~100
    words): ...") nor a heading ("**4(c)** (~100 words)")."""
    return (
        ":" not in sentence
        and len(sentence.split()) > HEADING_MAX_WORDS
        and _LENGTH_NOTE_RE.search(sentence) is not None
    )


def _body(answer: str) -> str:
    """The answer without the paragraph that introduces it and the note after it, when it has both or
    either beside a paragraph of its own."""
    paragraphs = [p for p in _PARAGRAPH_BREAK_RE.split(answer.strip()) if p.strip()]
    if len(paragraphs) < 2:
        return answer
    first, last = 0, len(paragraphs)
    lead = paragraphs[0].strip()
    if lead.endswith(":") and len(lead.split()) <= LEAD_IN_MAX_WORDS:
        first = 1
    note = paragraphs[-1].strip()
    # "Part (b) comes out a little over 100 words, so ... I've kept (c) focused on ...": a closing
    # paragraph that opens on the answer's length is a note, however it goes on
    opening = first_sentence(note.split("\n")[0])
    if last - first >= 2 and (remarks_on_answer(note) or _length_note(opening)):
        last -= 1
    return "\n\n".join(paragraphs[first:last])


def _from_heading(answer: str) -> str:
    """The answer from its part heading (its label, or a title ending on its length: "What I learned
    (~100 words)") on, when a preamble comes before it ("You're right, ... Here is a replacement for
    (c): **(c) Most interesting approach, revised** ...")."""
    lines = answer.split("\n")
    for k, line in enumerate(lines[1:], start=1):
        bare = line.strip()
        if (
            _marked_heading(bare)
            and len(bare.split()) <= HEADING_MAX_WORDS
            and (line_label(bare) is not None or _PART_HEADING_RE.search(normalize(bare)))
        ):
            return "\n".join(lines[k:])
    return answer


def _marked_heading(line: str) -> bool:
    """Whether the stripped line is marked as a heading: a Markdown heading or a line all in bold."""
    return line.startswith("#") or (line.startswith("**") and line.endswith("**"))


def _quoted_blocks(answer: str) -> list[str]:
    """The answer's runs of block-quote lines (`> ...`), their marks removed."""
    runs: list[list[str]] = []
    inside = False
    for line in answer.split("\n"):
        quoted = line.lstrip().startswith(">")
        if quoted:
            if not inside:
                runs.append([])
            runs[-1].append(line.lstrip()[1:])
        inside = quoted
    return ["\n".join(run) for run in runs]


def _count_block(answer: str) -> int:
    raw_lines = answer.strip().split("\n")
    is_heading = _marked_heading(raw_lines[0].strip() if raw_lines else "")
    lines = normalize(answer.strip()).split("\n")
    if lines and (is_heading or _PART_HEADING_RE.search(lines[0])) and len(lines[0].split()) <= HEADING_MAX_WORDS:
        lines = lines[1:]
    words = 0
    for line in lines:
        if _TABLE_RULE_RE.match(line):
            continue
        line = LIST_MARKER_RE.sub("", line).replace("|", " ")
        words += sum(1 for tok in line.split() if _WORD_RE.search(tok))
    return words


class WordCountCheck(CheckSpec):
    shows_an_answer: ClassVar[bool] = False
    type: Literal["word_count"] = "word_count"
    min: int = Field(ge=0)
    max: int = Field(ge=1)

    @model_validator(mode="after")
    def _range(self) -> "WordCountCheck":
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self

    def run(self, ctx: CheckContext) -> CheckResult:
        n = count_words(ctx.answer)
        evidence = f"{n} words"
        if self.min <= n <= self.max:
            return self.passed(evidence)
        side = "short" if n < self.min else "long"
        return self.failed(evidence, f"too {side}: {n} words, expected {self.min}-{self.max}")
