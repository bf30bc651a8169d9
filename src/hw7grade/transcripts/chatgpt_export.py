"""ChatGPT's data export (`conversations.json`): a list of conversations, each a tree of messages.

Editing a message branches the tree; what the person saw is the path from `current_node` back to
the root, so other branches are ignored.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..conversation import Conversation, Role
from ..errors import TranscriptError
from .turns import build_turns
from .validation import describe_validation_error

FORMAT = "chatgpt-export"
TEXT_CONTENT_TYPES = ("text", "multimodal_text")
"""Content types whose string parts are the message; code, tool output and images are skipped."""
KEPT_ROLES: tuple[Role, ...] = ("user", "assistant")


class _Lenient(BaseModel):
    """Exports carry many fields we do not need and OpenAI adds more over time."""

    model_config = ConfigDict(extra="ignore")


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


def _leaf(conv: ChatGPTConversation) -> str | None:
    """`current_node`, or for exports without it the end of the newest branch (last child each step)."""
    if conv.current_node is not None:
        return conv.current_node
    node_id = next((nid for nid, node in conv.mapping.items() if node.parent is None), None)
    while node_id is not None and conv.mapping[node_id].children:
        node_id = next((c for c in reversed(conv.mapping[node_id].children) if c in conv.mapping), None)
    return node_id


def _visible_path(conv: ChatGPTConversation, where: str) -> list[Message]:
    path: list[Message] = []
    seen: set[str] = set()
    node_id = _leaf(conv)
    while node_id is not None:
        if node_id in seen:
            raise TranscriptError(f"{where}: the message tree has a cycle at node {node_id!r}; re-export the chat.")
        node = conv.mapping.get(node_id)
        if node is None:
            raise TranscriptError(
                f"{where}: node {node_id!r} is referenced but missing from mapping; re-export the chat."
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
        # (mypy ignore below) roles filtered to KEPT_ROLES.
        turns=build_turns((m.author.role, _text(m)) for m in messages),  # type: ignore[misc]
        source=source,
        model=models[-1] if models else None,
        title=conv.title,
        format=FORMAT,
        metadata={"create_time": conv.create_time, "models": sorted(set(models))},
    )


def read_chatgpt_export(data: list[object], source: str) -> list[Conversation]:
    """One Conversation per exported chat; `source#N` (1-based) when the file holds several."""
    out: list[Conversation] = []
    for n, item in enumerate(data, start=1):
        where = f"{source}#{n}" if len(data) > 1 else source
        try:
            conv = ChatGPTConversation.model_validate(item)
        except ValidationError as exc:
            raise TranscriptError(
                f"{source}: conversation {n} is not a valid ChatGPT export entry: "
                f"{describe_validation_error(exc, item)}."
            ) from None
        out.append(_to_conversation(conv, where))
    return out
