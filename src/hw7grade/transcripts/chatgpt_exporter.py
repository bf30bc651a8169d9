"""The ChatGPT Exporter browser extension's Markdown: front matter (`title:`, `source:` ... as the
user configured it), `# Title`, then `#### You:` / `#### ChatGPT:` turns."""

from __future__ import annotations

import re
from typing import Iterator

from ..regexes import regex
from .base import Item
from .markdown_chat import read as read_markdown

FORMAT = "chatgpt-exporter"
KIND = "text"
HOW_TO_GET = "the ChatGPT Exporter extension (pionxzh/chatgpt-exporter): Export > Markdown"
HEAD_CHARS = 4096
_SOURCE_RE = regex(r"^source:[ \t]*https://(chatgpt\.com|chat\.openai\.com)/", re.MULTILINE)
_ROLE_RE = regex(r"^#### (You|ChatGPT):[ \t]*$", re.MULTILINE)


def sniff(text: str) -> bool:
    head = text[:HEAD_CHARS]
    if text.startswith("---") and _SOURCE_RE.search(head):
        return True
    head = text[: HEAD_CHARS * 16]
    if "#### You:" not in head or "#### ChatGPT:" not in head:
        return False  # a substring scan instead of a line-anchored search at every position
    return {m.group(1) for m in _ROLE_RE.finditer(head)} == {"You", "ChatGPT"}


def read(text: str, source: str) -> Iterator[Item]:
    yield from read_markdown(text, source, fmt=FORMAT)
