"""Plain text with no role lines: one assistant answer with no prompt (e.g. pasted from a PDF)."""

from __future__ import annotations

from ..conversation import Conversation
from .front_matter import split_front_matter
from .turns import build_turns

FORMAT = "plain"


def parse_plain_text(text: str, source: str) -> list[Conversation]:
    front, body = split_front_matter(text, source)
    return [
        Conversation(
            turns=build_turns([("assistant", body)]),
            source=source,
            model=front.model if front else None,
            title=front.title if front else None,
            format=FORMAT,
            human_labels=front.labels() if front else {},
        )
    ]
