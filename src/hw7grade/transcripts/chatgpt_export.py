"""ChatGPT's data export (`conversations.json`): a list of conversations, each a tree of messages.

Editing a message branches the tree; what the person saw is the path from `current_node` back to
the root, so other branches are ignored.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..conversation import Conversation, Role
from ..errors import TranscriptError
from .base import Item, Skipped, bad_entry, numbered
from .turns import build_turns

FORMAT = "chatgpt-export"
KIND = "json"
HOW_TO_GET = "Settings > Data controls > Export data; the emailed .zip (or its conversations.json)"
TEXT_CONTENT_TYPES = ("text", "multimodal_text")
"""Content types whose string parts are the message; code, tool output and images are skipped."""
KEPT_ROLES: dict[str, Role] = {"user": "user", "assistant": "assistant"}


class _Lenient(BaseModel):
    """Exports carry many fields we do not need and OpenAI adds more over time."""

    model_config = ConfigDict(defer_build=True, extra="ignore")


class Author(_Lenient):
    role: str


class Content(_Lenient):
    content_type: str
    parts: list[object] = Field(default_factory=list)


class Message(_Lenient):
    author: Author
    content: Content | None = None
    recipient: str = "all"
    metadata: dict[str, object] = Field(default_factory=dict)


class Node(_Lenient):
    message: Message | None = None
    parent: str | None = None
    children: list[str] = Field(default_factory=list)


class ChatGPTConversation(_Lenient):
    title: str | None = None
    create_time: float | None = None
    current_node: str | None = None
    mapping: dict[str, Node]


def _leaf(conv: ChatGPTConversation, where: str) -> str | None:
    """`current_node`, or for exports without it the end of the newest branch (last child each
    step); `children` that lead back to a node already passed are a damaged tree, not a path."""
    if conv.current_node is not None:
        return conv.current_node
    node_id = next((nid for nid, node in conv.mapping.items() if node.parent is None), None)
    seen: set[str] = set()
    while node_id is not None and conv.mapping[node_id].children:
        seen.add(node_id)
        node_id = next((c for c in reversed(conv.mapping[node_id].children) if c in conv.mapping), None)
        if node_id in seen:
            raise TranscriptError(
                f"{where}: the message tree has a cycle at node {node_id[:40]!r}; re-export the chat."
            )
    return node_id


def _visible_path(conv: ChatGPTConversation, where: str) -> list[Message]:
    path: list[Message] = []
    seen: set[str] = set()
    node_id = _leaf(conv, where)
    while node_id is not None:
        if node_id in seen:
            raise TranscriptError(
                f"{where}: the message tree has a cycle at node {node_id[:40]!r}; re-export the chat."
            )
        node = conv.mapping.get(node_id)
        if node is None:
            raise TranscriptError(
                f"{where}: node {node_id[:40]!r} is referenced but missing from mapping; re-export the chat."
            )
        seen.add(node_id)
        if node.message is not None:
            path.append(node.message)
        node_id = node.parent
    return path[::-1]


def _text(message: Message) -> str:
    if message.content is None or message.content.content_type not in TEXT_CONTENT_TYPES:
        return ""
    return "\n".join(p for p in message.content.parts if isinstance(p, str))


def _to_conversation(conv: ChatGPTConversation, source: str) -> Conversation:
    messages = [
        m
        for m in _visible_path(conv, source)
        if m.author.role in KEPT_ROLES
        and m.recipient == "all"
        and not m.metadata.get("is_visually_hidden_from_conversation")
    ]
    models = [slug for m in messages if isinstance(slug := m.metadata.get("model_slug"), str)]
    return Conversation(
        turns=build_turns((KEPT_ROLES[m.author.role], _text(m)) for m in messages),
        source=source,
        model=models[-1] if models else None,
        title=conv.title,
        format=FORMAT,
        metadata={"create_time": conv.create_time, "models": sorted(set(models))},
    )


def sniff(record: object) -> bool:
    return isinstance(record, dict) and "mapping" in record


def read(records: Iterable[object], source: str) -> Iterator[Item]:
    """One Conversation per exported chat; a damaged chat is skipped with its reason."""
    for where, item in numbered(records, source):
        try:
            conv = ChatGPTConversation.model_validate(item)
            yield _to_conversation(conv, where)
        except ValidationError as exc:
            yield bad_entry(where, source, "ChatGPT export entry", exc, item)
        except TranscriptError as exc:
            if where == source:
                raise
            yield Skipped(where, str(exc).removeprefix(f"{where}: "))
