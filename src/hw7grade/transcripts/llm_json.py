"""`llm logs --json`: a list of logged responses (`prompt`, `response`, `model`,
`conversation_id`, `datetime_utc`, `reasoning` ...); the responses of one conversation id,
oldest first, are one conversation. Reasoning is left out and counted."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..conversation import Conversation, Role
from .base import Item, Skipped
from .turns import build_turns

FORMAT = "llm-json"
KIND = "json"
HOW_TO_GET = "`llm logs --json -n 0 > logs.json`"
REQUIRED = ("prompt", "response", "conversation_id")


def sniff(record: object) -> bool:
    return isinstance(record, dict) and all(k in record for k in REQUIRED)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def read(records: Iterable[object], source: str) -> Iterator[Item]:
    groups: dict[object, list[dict]] = {}
    bad = 0
    for record in records:
        if not isinstance(record, dict) or not sniff(record):
            bad += 1
            continue
        key = record.get("conversation_id")
        groups.setdefault(key if isinstance(key, str) else id(record), []).append(record)
    if bad:
        yield Skipped(
            source, f"{bad} log entr{'y' if bad == 1 else 'ies'} without prompt, response and conversation_id"
        )
    for n, rows in enumerate(groups.values(), start=1):
        rows.sort(key=lambda r: (str(r.get("datetime_utc") or ""), str(r.get("id") or "")))
        pieces: list[tuple[Role, str]] = []
        for row in rows:
            pieces += [("user", _text(row.get("prompt"))), ("assistant", _text(row.get("response")))]
        last = rows[-1]
        model = last.get("resolved_model") or last.get("model") or last.get("conversation_model")
        yield Conversation(
            turns=build_turns(pieces),
            source=f"{source}#{n}" if len(groups) > 1 else source,
            model=model if isinstance(model, str) else None,
            title=last.get("conversation_name") if isinstance(last.get("conversation_name"), str) else None,
            format=FORMAT,
            metadata={
                "conversation_id": last.get("conversation_id"),
                "reasoning_skipped": sum(bool(r.get("reasoning")) for r in rows),
            },
        )
