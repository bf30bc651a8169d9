"""The Gemini Chat Exporter extension's JSON: `{id, title, url, exportedAt, messages: [{role:
"user" | "model", content}]}`."""

from __future__ import annotations

from typing import Iterable, Iterator

from .base import Item, Skipped, numbered
from .openai_chat import conversation_from_messages

FORMAT = "gemini-exporter-json"
KIND = "json"
HOW_TO_GET = "the Gemini Chat Exporter extension: Export All Chats, JSON"


def sniff(record: object) -> bool:
    return isinstance(record, dict) and "exportedAt" in record and isinstance(record.get("messages"), list)


def read(records: Iterable[object], source: str) -> Iterator[Item]:
    for where, record in numbered(records, source):
        if not isinstance(record, dict):
            yield Skipped(where, "not a JSON object")
            continue
        yield conversation_from_messages(record, where, FORMAT)
