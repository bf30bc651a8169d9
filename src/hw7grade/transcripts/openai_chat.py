"""Chat Completions bodies: a request (`{"model", "messages": [{"role", "content"}]}`), a
response (`{"object": "chat.completion", "choices": [{"message"}]}`), the same as JSON Lines
(fine-tuning files), and the Gemini Chat Exporter's JSON (`messages` with role `model`).

System, developer and tool messages are not the student's or the model's answer and are left out.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..conversation import Conversation, Role
from .base import Item, Skipped, numbered, text_of
from .turns import build_turns

FORMAT = "openai-chat"
KIND = "json"
HOW_TO_GET = "a Chat Completions request or response body (or JSON Lines of them), as logged by your own code"
ROLES: dict[str, Role] = {
    "user": "user",
    "human": "user",
    "assistant": "assistant",
    "model": "assistant",
    "ai": "assistant",
}
IGNORED_ROLES = ("system", "developer", "tool", "function")


def sniff(record: object) -> bool:
    return isinstance(record, dict) and (
        isinstance(record.get("messages"), list) or isinstance(record.get("choices"), list)
    )


def _pieces(messages: list[object]) -> Iterator[tuple[Role, str]]:
    for m in messages:
        if isinstance(m, dict) and isinstance(m.get("role"), str) and m["role"].lower() in ROLES:
            yield ROLES[m["role"].lower()], text_of(m.get("content"))


def conversation_from_messages(record: dict, where: str, fmt: str) -> Conversation | Skipped:
    messages = list(record.get("messages") or [])
    for choice in record.get("choices") or []:
        if isinstance(choice, dict) and isinstance(choice.get("message"), dict):
            messages.append({"role": "assistant", **choice["message"]})
            break  # the first choice is the answer shown; `n > 1` alternatives are not a conversation
    if not messages:
        return Skipped(where, "no messages")
    unknown = sorted(
        {str(m.get("role"))[:20] for m in messages if isinstance(m, dict)} - set(ROLES) - set(IGNORED_ROLES)
    )
    model = record.get("model")
    return Conversation(
        turns=build_turns(_pieces(messages)),
        source=where,
        model=model if isinstance(model, str) else None,
        title=record.get("title") if isinstance(record.get("title"), str) else None,
        format=fmt,
        metadata={"unknown_roles": unknown} if unknown else {},
    )


def read(records: Iterable[object], source: str) -> Iterator[Item]:
    for where, record in numbered(records, source):
        if not isinstance(record, dict):
            yield Skipped(where, "not a JSON object")
            continue
        yield conversation_from_messages(record, where, FORMAT)
