"""Open WebUI's chat export (`chat-export-*.json`, Settings > Chats > Export): a list of
`{id, title, chat: {models, history: {messages: {id: {parentId, childrenIds, role, content,
model}}, currentId}, messages}}`. What the person saw is the path from `history.currentId` back
to the root. Reasoning shown as `<details type="reasoning">` is left out and counted."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..conversation import Conversation, Role
from ..text.thinking import THINKING_BLOCK, strip_blocks
from .base import Item, Skipped, numbered, text_of, walk_back
from .turns import build_turns

FORMAT = "open-webui"
KIND = "json"
HOW_TO_GET = "Open WebUI: Settings > Chats > Export chats (or a chat's ... > Download > Export chat (.json))"
ROLES: dict[str, Role] = {"user": "user", "assistant": "assistant"}
MAX_MESSAGES = 100_000
HIDDEN_BLOCKS = (
    ('<details type="reasoning"', "</details>"),
    ('<details type="tool_calls"', "</details>"),
    THINKING_BLOCK,
)


def _chat(record: object) -> dict | None:
    if not isinstance(record, dict):
        return None
    chat = record.get("chat", record)
    return (
        chat
        if isinstance(chat, dict) and (isinstance(chat.get("history"), dict) or isinstance(chat.get("messages"), list))
        else None
    )


def sniff(record: object) -> bool:
    return isinstance(record, dict) and _chat(record) is not None and ("chat" in record or "history" in record)


def _visible(chat: dict) -> list[dict]:
    history = chat.get("history")
    messages = history.get("messages") if isinstance(history, dict) else None
    if isinstance(history, dict) and isinstance(messages, dict) and messages:
        parents = {k: (v.get("parentId") if isinstance(v, dict) else None) for k, v in messages.items()}
        leaf = history.get("currentId")
        if leaf not in messages:
            leaf = next(reversed(messages))
        return [messages[k] for k in walk_back(leaf, parents, MAX_MESSAGES) if isinstance(messages[k], dict)]
    flat = chat.get("messages")
    return [m for m in flat if isinstance(m, dict)] if isinstance(flat, list) else []


def read(records: Iterable[object], source: str) -> Iterator[Item]:
    for where, record in numbered(records, source):
        chat = _chat(record)
        if chat is None or not isinstance(record, dict):
            yield Skipped(where, "no chat")
            continue
        hidden = 0
        pieces: list[tuple[Role, str]] = []
        models = []
        for m in _visible(chat):
            role = ROLES.get(str(m.get("role")))
            if role is None:
                continue
            body = text_of(m.get("content"))
            for start, end in HIDDEN_BLOCKS:
                body, count = strip_blocks(body, start, end)
                hidden += count
            pieces.append((role, body))
            if role == "assistant" and isinstance(m.get("model"), str):
                models.append(m["model"])
        title = record.get("title") or chat.get("title")
        yield Conversation(
            turns=build_turns(pieces),
            source=where,
            model=models[-1] if models else None,
            title=title if isinstance(title, str) else None,
            format=FORMAT,
            metadata={"reasoning_skipped": hidden, "models": sorted(set(models))},
        )
