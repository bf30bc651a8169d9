"""The in-memory conversation every transcript format becomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["user", "assistant"]
Label = Literal["correct", "partial", "incorrect"]


@dataclass(frozen=True)
class Turn:
    role: Role
    text: str


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
