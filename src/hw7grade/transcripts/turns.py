"""Assemble turns the same way for every format."""

from __future__ import annotations

from typing import Iterable

from ..conversation import Role, Turn

TURN_JOINER = "\n\n"


def build_turns(pieces: Iterable[tuple[Role, str]]) -> tuple[Turn, ...]:
    """Drop empty pieces and merge consecutive pieces of one role: tools split one answer into several messages."""
    turns: list[Turn] = []
    for role, text in pieces:
        text = text.strip()
        if not text:
            continue
        if turns and turns[-1].role == role:
            turns[-1] = Turn(role, turns[-1].text + TURN_JOINER + text)
        else:
            turns.append(Turn(role, text))
    return tuple(turns)


def has_answer(turns: Iterable[Turn]) -> bool:
    return any(t.role == "assistant" and t.text.strip() for t in turns)
