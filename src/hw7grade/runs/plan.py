"""What a run asks: the first message of each conversation, and how many samples of each.

By default each part is its own conversation: its question's `context` (the shared setup, in the
rubric), then the part's prompt. `--whole-question` puts every asked part of a question in one
message after one copy of the context, the way students paste a homework question, and the one
reply is segmented and graded per part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, Sequence

if TYPE_CHECKING:
    from ..rubric.model import Part, Rubric

QUESTION_PREFIX = "Question {part_id}. "
"""Leads each part's prompt so the grader knows which part an unmarked answer answers."""
WHOLE_QUESTION_CLOSE = "Answer each part in order, starting each answer with its label ({labels})."
MODES = ("part", "whole-question")


class AskedPart(Protocol):
    """What a first message needs of a part: the validated rubric's parts and its cached
    listing's rows alike (`ask` plans from the listing, before the rubric's models are imported)."""

    @property
    def id(self) -> str: ...

    @property
    def prompt(self) -> str: ...

    @property
    def question(self) -> str: ...


class Contexts(Protocol):
    """Where a part's question's context comes from: a `Rubric` or a `Listing`."""

    def context_for(self, part_id: str) -> str: ...


@dataclass(frozen=True)
class Planned:
    """One conversation to have with each model: the parts it asks and its first message."""

    part_ids: tuple[str, ...]
    text: str
    sample: int = 0
    """0 .. N-1 with `--samples N`: part of the cache key, so each sample is asked afresh."""


def part_message(rubric: Contexts, part: AskedPart) -> str:
    """`Question q7b. <the question's context>\n\n<the part's prompt>`: the id leads, as it always has."""
    context = rubric.context_for(part.id)
    return QUESTION_PREFIX.format(part_id=part.id) + (f"{context}\n\n" if context else "") + part.prompt.strip()


def with_context(rubric: Rubric, part: Part) -> Part:
    """The part with its question's context before its prompt, for callers that build the message
    from `part.prompt` themselves (`ask --batch`): the same request, so the same cache key."""
    context = rubric.context_for(part.id)
    return part.model_copy(update={"prompt": f"{context}\n\n{part.prompt.strip()}"}) if context else part


def question_message(rubric: Contexts, parts: Sequence[AskedPart]) -> str:
    context = rubric.context_for(parts[0].id)
    pieces = [context] if context else []
    pieces += [QUESTION_PREFIX.format(part_id=p.id) + p.prompt.strip() for p in parts]
    if len(parts) > 1:
        pieces.append(WHOLE_QUESTION_CLOSE.format(labels=", ".join(p.id for p in parts)))
    return "\n\n".join(pieces)


def plan(
    rubric: Contexts, chosen: Sequence[AskedPart], whole_question: bool = False, samples: int = 1
) -> list[Planned]:
    """Every conversation of a run for one model, samples of the same prompt side by side."""
    if whole_question:
        by_question: dict[str, list[AskedPart]] = {}
        for part in chosen:
            by_question.setdefault(part.question, []).append(part)
        firsts = [(tuple(p.id for p in ps), question_message(rubric, ps)) for ps in by_question.values()]
    else:
        firsts = [((p.id,), part_message(rubric, p)) for p in chosen]
    return [Planned(ids, text, n) for ids, text in firsts for n in range(samples)]
