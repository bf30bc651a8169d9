"""Claude's data export (`conversations.json`): a list of conversations with flat `chat_messages`."""

from __future__ import annotations

from typing import Iterable, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..conversation import Conversation, Role
from .base import Item, ReadWarning, bad_entry, numbered
from .turns import build_turns

FORMAT = "claude-export"
KIND = "json"
HOW_TO_GET = "Settings > Privacy > Export data; the emailed .zip (or its conversations.json)"
SENDER_ROLES: dict[str, Role] = {"human": "user", "assistant": "assistant"}
THINKING_TYPES = ("thinking", "redacted_thinking")


class _Lenient(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="ignore")


class Block(_Lenient):
    type: str
    text: str | None = None


class ChatMessage(_Lenient):
    sender: Literal["human", "assistant"]
    text: str = ""
    content: list[Block] = Field(default_factory=list)

    def body(self) -> str:
        """The `content` text blocks when there are any (newer exports); else the flat `text`."""
        blocks = [b.text for b in self.content if b.type == "text" and b.text]
        return "\n\n".join(blocks) if blocks else self.text


class ClaudeConversation(_Lenient):
    uuid: str | None = None
    name: str | None = None
    created_at: str | None = None
    model: str | None = None
    chat_messages: list[ChatMessage]


def sniff(record: object) -> bool:
    return isinstance(record, dict) and "chat_messages" in record


def read(records: Iterable[object], source: str) -> Iterator[Item]:
    """One Conversation per exported chat; a damaged chat is skipped, a `null` message dropped."""
    for where, item in numbered(records, source):
        dropped = 0
        if isinstance(item, dict) and isinstance(item.get("chat_messages"), list):
            messages = item["chat_messages"]
            kept = [m for m in messages if m is not None]
            dropped = len(messages) - len(kept)
            item = {**item, "chat_messages": kept}
        try:
            conv = ClaudeConversation.model_validate(item)
        except ValidationError as exc:
            yield bad_entry(where, source, "Claude export entry", exc, item)
            continue
        if dropped:
            yield ReadWarning(f"{where}: {dropped} empty (null) message(s) left out of the chat.")
        thinking = sum(b.type in THINKING_TYPES for m in conv.chat_messages for b in m.content)
        yield Conversation(
            turns=build_turns((SENDER_ROLES[m.sender], m.body()) for m in conv.chat_messages),
            source=where,
            model=conv.model,
            title=conv.name or None,
            format=FORMAT,
            metadata={"uuid": conv.uuid, "created_at": conv.created_at, "thinking_blocks_skipped": thinking},
        )
