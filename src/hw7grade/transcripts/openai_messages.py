"""A bare OpenAI-style message list, `[{"role": "user", "content": "..."}, ...]` (or one message
per line of JSON Lines): the whole file is one conversation."""

from __future__ import annotations

from typing import Iterable, Iterator

from .base import Item
from .openai_chat import conversation_from_messages

FORMAT = "openai-messages"
KIND = "json"
HOW_TO_GET = "a `messages` list saved from your own API code"


def sniff(record: object) -> bool:
    return isinstance(record, dict) and isinstance(record.get("role"), str) and "content" in record


def read(records: Iterable[object], source: str) -> Iterator[Item]:
    yield conversation_from_messages({"messages": list(records)}, source, FORMAT)
