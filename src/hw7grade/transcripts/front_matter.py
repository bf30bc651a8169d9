"""Optional YAML front matter on text transcripts: model, title and a person's labels per part.

Only a `---` block on the very first line whose first entry is a known key counts, so a Cursor
export's `---` turn separators are never mistaken for it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..conversation import HumanLabel, Label
from ..errors import TranscriptError
from .native import LabelPair, PartId, to_human_labels
from .validation import describe_validation_error

FENCE_RE = re.compile(r"^---[ \t]*$")
END_RE = re.compile(r"^(---|\.\.\.)[ \t]*$")
KNOWN_KEY_RE = re.compile(r"^(model|title|human_labels)[ \t]*:")
FRONT_MATTER_CACHE_SIZE = 64
FRONT_MATTER_CACHE_MAX_CHARS = 4096
"""Longer blocks are parsed every time, so the cache stays small."""


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str | None = None
    title: str | None = None
    human_labels: dict[PartId, Union[Label, LabelPair]] = Field(default_factory=dict)

    def labels(self) -> dict[str, HumanLabel]:
        return to_human_labels(self.human_labels)


def _load_yaml(block: str) -> object:
    """Parsed once per distinct short block: a batch's transcripts mostly share their front
    matter. Callers only read the result."""
    if len(block) > FRONT_MATTER_CACHE_MAX_CHARS:
        return yaml.safe_load(block)
    return _load_short_yaml(block)


@lru_cache(maxsize=FRONT_MATTER_CACHE_SIZE)
def _load_short_yaml(block: str) -> object:
    return yaml.safe_load(block)


def split_front_matter(text: str, source: str) -> tuple[FrontMatter | None, str]:
    """Return the validated front matter (None when there is none) and the text after it."""
    lines = text.splitlines(keepends=True)
    if not lines or not FENCE_RE.match(lines[0].rstrip("\r\n")):
        return None, text
    end = next((i for i in range(1, len(lines)) if END_RE.match(lines[i].rstrip("\r\n"))), None)
    if end is None:
        return None, text
    block = "".join(lines[1:end])
    first_entry = next((ln for ln in block.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    if not KNOWN_KEY_RE.match(first_entry):
        return None, text
    try:
        data = _load_yaml(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise TranscriptError(
            f"{source}: the YAML front matter is invalid{where}; fix its syntax (quote values containing ':')."
        ) from None
    if not isinstance(data, dict):
        raise TranscriptError(f"{source}: the YAML front matter must be a mapping of model, title and human_labels.")
    try:
        front = FrontMatter.model_validate(data)
    except ValidationError as exc:
        raise TranscriptError(
            f"{source}: bad front matter {describe_validation_error(exc, data)}; "
            "labels are correct, partial, incorrect or {first: ..., final: ...}."
        ) from None
    return front, "".join(lines[end + 1 :])
