"""Claude's data export (`conversations.json`): a list of conversations with flat `chat_messages`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..conversation import Conversation
from ..errors import TranscriptError
from .turns import build_turns
from .validation import describe_validation_error

FORMAT = "claude-export"
SENDER_ROLES = {"human": "user", "assistant": "assistant"}


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


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


def read_claude_export(data: list[object], source: str) -> list[Conversation]:
    """One Conversation per exported chat; `source#N` (1-based) when the file holds several."""
    out: list[Conversation] = []
    for n, item in enumerate(data, start=1):
        try:
            conv = ClaudeConversation.model_validate(item)
        except ValidationError as exc:
            raise TranscriptError(
                f"{source}: conversation {n} is not a valid Claude export entry: "
                f"{describe_validation_error(exc, item)}."
            ) from None
        out.append(
            Conversation(
                # (mypy ignore below) SENDER_ROLES maps to Role values.
                turns=build_turns((SENDER_ROLES[m.sender], m.body()) for m in conv.chat_messages),  # type: ignore[misc]
                source=f"{source}#{n}" if len(data) > 1 else source,
                model=conv.model,
                title=conv.name or None,
                format=FORMAT,
                metadata={"uuid": conv.uuid, "created_at": conv.created_at},
            )
        )
    return out
