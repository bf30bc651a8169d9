"""The Gemini Chat Exporter extension (danielheyman/gemini-export-chrome-extension): Markdown
with `## 👤 User` / `## 🤖 Gemini` turns between `---` rules. (Its JSON, `messages` of role
`user` / `model`, is read by `openai_chat`.)"""

from __future__ import annotations

import re
from typing import Iterator

from ..regexes import regex
from .base import Item
from .markdown_chat import read as read_markdown

FORMAT = "gemini-exporter"
KIND = "text"
HOW_TO_GET = "the Gemini Chat Exporter extension: Export All Chats (Markdown or JSON)"
HEAD_CHARS = 65536
_ROLE_RE = regex("^## (?:\U0001f464 User|\U0001f916 Gemini)[ \t]*$", re.MULTILINE)


def sniff(text: str) -> bool:
    head = text[:HEAD_CHARS]
    if "## \U0001f464 User" not in head or "## \U0001f916 Gemini" not in head:
        return False  # a substring scan instead of a line-anchored search at every position
    return len({m.group(0).strip() for m in _ROLE_RE.finditer(head)}) == 2


def read(text: str, source: str) -> Iterator[Item]:
    yield from read_markdown(text, source, fmt=FORMAT)
