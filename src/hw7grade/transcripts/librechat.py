"""LibreChat's conversation export (Export > JSON): `{conversationId, endpoint, title, exportAt,
messages: [...]}` or, with "recursive", `messagesTree` of nested `children`. A message has
`isCreatedByUser`, `sender`, `text` and, in newer versions, `content` parts (`{type: "text",
text}`, `{type: "think", think}`). Thinking parts are left out and counted."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..conversation import Conversation, Role
from .base import Item, Skipped, numbered, text_of, walk_back
from .turns import build_turns

FORMAT = "librechat"
KIND = "json"
HOW_TO_GET = "LibreChat: a conversation's ... menu > Export > JSON"
MAX_MESSAGES = 100_000


def sniff(record: object) -> bool:
    return (
        isinstance(record, dict) and "conversationId" in record and ("messages" in record or "messagesTree" in record)
    )


def _from_tree(tree: list) -> list[dict]:
    """The newest branch: the last child at every step."""
    path: list[dict] = []
    level: object = tree
    while isinstance(level, list) and level and len(path) < MAX_MESSAGES:
        node = level[-1]
        if not isinstance(node, dict):
            break
        path.append(node)
        level = node.get("children")
    return path


def _from_list(messages: list) -> list[dict]:
    """The branch ending at the last message, when messages name their parents; else as listed."""
    items = [m for m in messages if isinstance(m, dict)]
    by_id = {m.get("messageId"): m for m in items if isinstance(m.get("messageId"), str)}
    if not items or len(by_id) != len(items) or not all("parentMessageId" in m for m in items):
        return items
    parents = {k: m.get("parentMessageId") for k, m in by_id.items()}
    return [by_id[k] for k in walk_back(items[-1]["messageId"], parents, MAX_MESSAGES)]


def _body(message: dict) -> tuple[str, int]:
    content = message.get("content")
    if isinstance(content, list) and content:
        thinking = sum(isinstance(p, dict) and p.get("type") == "think" for p in content)
        return text_of(content), thinking
    return text_of(message.get("text")), 0


def read(records: Iterable[object], source: str) -> Iterator[Item]:
    for where, record in numbered(records, source):
        if not isinstance(record, dict):
            yield Skipped(where, "not a JSON object")
            continue
        tree = record.get("messagesTree")
        messages = _from_tree(tree) if isinstance(tree, list) else _from_list(record.get("messages") or [])
        pieces: list[tuple[Role, str]] = []
        thinking = 0
        models = []
        for m in messages:
            role: Role = "user" if m.get("isCreatedByUser") else "assistant"
            body, n = _body(m)
            thinking += n
            pieces.append((role, body))
            if role == "assistant" and isinstance(m.get("model"), str):
                models.append(m["model"])
        yield Conversation(
            turns=build_turns(pieces),
            source=where,
            model=models[-1] if models else None,
            title=record.get("title") if isinstance(record.get("title"), str) else None,
            format=FORMAT,
            metadata={"endpoint": record.get("endpoint"), "thinking_skipped": thinking},
        )
