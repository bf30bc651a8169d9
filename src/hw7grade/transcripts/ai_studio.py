"""Google AI Studio's saved prompts (the files in Drive's "Google AI Studio" folder):
`{runSettings: {model}, systemInstruction, chunkedPrompt: {chunks: [{role: "user" | "model",
text, isThought, parts: [{text, thought}]}]}}`. Thought chunks and parts are left out and
counted, like Claude's thinking."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..conversation import Conversation, Role
from .base import Item, Skipped, numbered
from .turns import build_turns

FORMAT = "ai-studio"
KIND = "json"
HOW_TO_GET = "Google AI Studio saves each chat to Google Drive (folder Google AI Studio): download the file"
ROLES: dict[str, Role] = {"user": "user", "model": "assistant"}


def sniff(record: object) -> bool:
    return isinstance(record, dict) and isinstance(record.get("chunkedPrompt"), dict)


def _chunk_text(chunk: dict) -> tuple[str, int]:
    parts = chunk.get("parts")
    if isinstance(parts, list) and parts:
        texts = [
            p["text"] for p in parts if isinstance(p, dict) and not p.get("thought") and isinstance(p.get("text"), str)
        ]
        thoughts = sum(isinstance(p, dict) and bool(p.get("thought")) for p in parts)
        return "".join(texts), thoughts
    text = chunk.get("text")
    return (text if isinstance(text, str) else ""), 0


def read(records: Iterable[object], source: str) -> Iterator[Item]:
    for where, record in numbered(records, source):
        chunks = record.get("chunkedPrompt", {}).get("chunks") if isinstance(record, dict) else None
        if not isinstance(record, dict) or not isinstance(chunks, list):
            yield Skipped(where, "no chunkedPrompt.chunks")
            continue
        pieces: list[tuple[Role, str]] = []
        thoughts = 0
        for chunk in chunks:
            if not isinstance(chunk, dict) or str(chunk.get("role")) not in ROLES:
                continue
            if chunk.get("isThought"):
                thoughts += 1
                continue
            text, n = _chunk_text(chunk)
            thoughts += n
            pieces.append((ROLES[str(chunk["role"])], text))
        settings = record.get("runSettings")
        model = settings.get("model") if isinstance(settings, dict) else None
        yield Conversation(
            turns=build_turns(pieces),
            source=where,
            model=model.removeprefix("models/") if isinstance(model, str) else None,
            title=record.get("title") if isinstance(record.get("title"), str) else None,
            format=FORMAT,
            metadata={"thoughts_skipped": thoughts},
        )
