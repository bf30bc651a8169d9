"""ChatGPT's page copied as Markdown: `You said:` / `ChatGPT said:` lines, bare or as headings
of any level (`##### You said:`, `###### ChatGPT said:`, `### You said:`). Some copies have no
`ChatGPT said:` lines at all: then a user turn is the first paragraph after `You said:` and the
rest, up to the next `You said:`, is the answer."""

from __future__ import annotations

import re
from typing import Iterator

from ..conversation import Conversation, Role
from ..regexes import regex
from .base import Item
from .front_matter import split_front_matter
from .markdown_chat import find_role_lines, turn_text
from .turns import build_turns

FORMAT = "chatgpt-copy"
KIND = "text"
HOW_TO_GET = "select the ChatGPT page (or use its copy button) and paste into a .md file"
HEAD_CHARS = 65536
_USER_SAID_RE = regex(r"^ {0,3}(?:#{1,6}[ \t]+)?You said:[ \t]*$", re.MULTILINE)


def sniff(text: str) -> bool:
    head = text[:HEAD_CHARS]
    return "You said:" in head and _USER_SAID_RE.search(head) is not None


def _split_first_paragraph(lines: list[str]) -> tuple[list[str], list[str]]:
    start = next((k for k, ln in enumerate(lines) if ln.strip()), len(lines))
    end = next((k for k in range(start, len(lines)) if not lines[k].strip()), len(lines))
    return lines[:end], lines[end:]


def read(text: str, source: str) -> Iterator[Item]:
    front, body = split_front_matter(text, source)
    if front is not None:
        yield from front.warnings
    lines = body.splitlines()
    said = [rl for rl in find_role_lines(lines) if rl.style == "said"]
    bounds = [rl.index for rl in said] + [len(lines)]
    has_answers = any(rl.role == "assistant" for rl in said)
    pieces: list[tuple[Role, str]] = []
    for n, rl in enumerate(said):
        chunk = rl.turn_lines(lines, bounds[n + 1])
        if rl.role == "user" and not has_answers:
            question, answer = _split_first_paragraph(chunk)
            pieces += [("user", turn_text(question)), ("assistant", turn_text(answer))]
        else:
            pieces.append((rl.role, turn_text(chunk)))
    yield Conversation(
        turns=build_turns(pieces),
        source=source,
        model=front.model if front else None,
        title=front.title if front else None,
        format=FORMAT,
        human_labels=front.labels() if front else {},
        metadata={"front_matter": dict(front.metadata)} if front and front.metadata else {},
    )
