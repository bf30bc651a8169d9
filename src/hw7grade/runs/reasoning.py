"""`--reasoning-effort` and `--thinking-budget`, mapped per model: OpenAI reasoning models get
`reasoning_effort` (and `max_completion_tokens`, no temperature), Anthropic ones a thinking budget
(temperature 1); models the alias table does not list as reasoning models are asked as before."""

from __future__ import annotations

from dataclasses import replace

from ..errors import UsageError
from ..providers.base import ProviderParams
from ..providers.models import ModelSpec, is_reasoning

EFFORTS = ("low", "medium", "high")
EFFORT_BUDGET = {"low": 1024, "medium": 4096, "high": 16384}
"""Anthropic thinking tokens for an effort, when no `--thinking-budget` is given."""


def params_for(spec: ModelSpec, base: ProviderParams, effort: str | None, budget: int | None) -> ProviderParams:
    if not is_reasoning(spec):
        return base
    if spec.provider == "openai":
        _default_temperature(spec, base, "takes only the default temperature")
        return replace(base, temperature=None, reasoning=True, reasoning_effort=effort)
    thinking = budget or (EFFORT_BUDGET[effort] if effort else None)
    if thinking is None:
        return base
    _default_temperature(spec, base, "thinks only at temperature 1")
    return replace(base, temperature=None, reasoning=True, thinking_budget=thinking)


def _default_temperature(spec: ModelSpec, base: ProviderParams, why: str) -> None:
    if base.temperature is not None and base.temperature != 1:
        raise UsageError(
            f"--temperature {base.temperature:g}: {spec.model} is a reasoning model and {why}; "
            f"drop --temperature for it."
        )


def ignored(specs: list[ModelSpec], effort: str | None, budget: int | None) -> list[str]:
    """Warnings for reasoning options no asked model takes (so they are not silently dropped)."""
    notes = []
    if effort and not any(is_reasoning(s) for s in specs):
        notes.append(
            "--reasoning-effort is ignored: none of the models is a reasoning model (aliases.toml [reasoning])."
        )
    if budget and not any(is_reasoning(s) and s.provider == "anthropic" for s in specs):
        notes.append("--thinking-budget is ignored: it is for Anthropic reasoning models, and none is asked.")
    return notes
