"""The in-memory conversation every transcript format becomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .regexes import regex

Role = Literal["user", "assistant"]
Label = Literal["correct", "partial", "incorrect", "missing"]
"""`missing`: the part was asked but never answered."""

_LONE_SURROGATE = regex("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> str:
    """Lone surrogates (a JSON export's broken `\\ud83d` escape, an undecodable file name) become
    U+FFFD: no report, terminal or UTF-8 file can carry them."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


@dataclass(frozen=True)
class Turn:
    role: Role
    text: str

    def __post_init__(self) -> None:
        clean = scrub_surrogates(self.text)
        if clean is not self.text:
            object.__setattr__(self, "text", clean)


@dataclass(frozen=True)
class HumanLabel:
    """A person's verdict on one part; `first`/`final` differ when the model was corrected."""

    first: Label | None = None
    final: Label | None = None


@dataclass(frozen=True)
class Conversation:
    turns: tuple[Turn, ...]
    source: str = ""
    """Where it came from: a file path, plus `#N` when one file holds several conversations."""
    model: str | None = None
    title: str | None = None
    format: str = ""
    human_labels: dict[str, HumanLabel] = field(default_factory=dict)
    metadata: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("source", "model", "title"):
            value = getattr(self, name)
            if value is not None and (clean := scrub_surrogates(value)) is not value:
                object.__setattr__(self, name, clean)
