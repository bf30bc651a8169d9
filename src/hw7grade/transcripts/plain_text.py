"""Plain text with no role lines: one assistant answer with no prompt (e.g. pasted from a PDF).

Falling back to this silently would grade a whole chat as one answer (a corrected first attempt
would count as the final one), so lines that look like role labels are named in a warning.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..conversation import Conversation
from ..regexes import regex
from .base import Item, ReadWarning
from .front_matter import split_front_matter
from .turns import build_turns

FORMAT = "plain"
KIND = "text"
HOW_TO_GET = "any answer pasted into a .txt or .md file (graded as one answer)"
LABEL_WORDS = frozenset(
    "you user human me student assistant chatgpt gpt claude gemini bard copilot model ai bot llama mistral deepseek "
    "grok".split()
)
MAX_LABEL_LINE_CHARS = 60
MIN_LABEL_LINES = 2
MAX_NAMED_LINES = 5
_WORD_RE = regex(r"[A-Za-z][\w.-]{0,40}")
_EDGE_CHARS = " \t#*_>:-|[]()"


def label_lines(lines: list[str]) -> list[int]:
    """1-based numbers of short lines that read like a role label: `You:`, `**Claude**`,
    `### GPT-4o said:`, `Student -`, ..."""
    found = []
    for n, line in enumerate(lines, start=1):
        if len(line) > MAX_LABEL_LINE_CHARS:
            continue
        core = line.strip(_EDGE_CHARS)
        core = core.lstrip("".join(c for c in core[:3] if not c.isalnum()))  # an emoji before the name
        words = core.lower().split()
        if not words or len(words) > 4:
            continue
        said = words[-1].rstrip(":") == "said"
        m = _WORD_RE.fullmatch(words[0].rstrip(":"))
        if m is None:
            continue
        head = re.split(r"[-.]", m.group(0))[0]
        labelled = line.rstrip().endswith(":") or line.strip().startswith(("**", "#", "_**")) or said
        if (head in LABEL_WORDS and labelled and (len(words) == 1 or said)) or (said and len(words) <= 3):
            found.append(n)
    return found


def sniff(text: str) -> bool:
    return True


def read(text: str, source: str) -> Iterator[Item]:
    front, body = split_front_matter(text, source)
    if front is not None:
        yield from front.warnings
    offset = text.count("\n", 0, len(text) - len(body))  # line numbers of the file, front matter included
    labels = [n + offset for n in label_lines(body.splitlines())]
    if len(labels) >= MIN_LABEL_LINES:
        shown = ", ".join(str(n) for n in labels[:MAX_NAMED_LINES]) + (", ..." if len(labels) > MAX_NAMED_LINES else "")
        yield ReadWarning(
            f"{source}: read as plain text (one answer), but lines {shown} look like role labels; "
            "if this is a chat, write them as **User** / **Assistant** lines so each attempt is graded."
        )
    yield Conversation(
        turns=build_turns([("assistant", body)]),
        source=source,
        model=front.model if front else None,
        title=front.title if front else None,
        format=FORMAT,
        human_labels=front.labels() if front else {},
        metadata={"front_matter": dict(front.metadata)} if front and front.metadata else {},
    )


def parse_plain_text(text: str, source: str) -> list[Conversation]:
    return [c for c in read(text, source) if isinstance(c, Conversation)]
