"""The options that shape an evaluation run beyond one request: how parts are grouped, how many
samples, the follow-up script, reasoning settings and the cost limit; and what the report records."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..providers.base import ProviderParams
from ..providers.models import ModelSpec
from .follow_up import FollowUpPolicy
from .reasoning import params_for


@dataclass(frozen=True)
class RunOptions:
    whole_question: bool = False
    samples: int = 1
    follow_up: FollowUpPolicy = field(default_factory=FollowUpPolicy)
    reasoning_effort: str | None = None
    thinking_budget: int | None = None
    max_cost: float | None = None

    @property
    def mode(self) -> str:
        return "whole-question" if self.whole_question else "part"

    def params_for(self, spec: ModelSpec, params: ProviderParams) -> ProviderParams:
        return params_for(spec, params, self.reasoning_effort, self.thinking_budget)

    def settings(self) -> dict[str, object]:
        """Recorded in each transcript's parameters (only what differs from a plain ask)."""
        out: dict[str, object] = {}
        if self.whole_question:
            out["mode"] = self.mode
        if self.samples > 1:
            out["samples"] = self.samples
        return out

    def describe(self, budget=None) -> dict[str, object]:
        """The report's `run` section."""
        run: dict[str, object] = {"mode": self.mode, "samples": self.samples}
        if self.follow_up.active:
            run["follow_up"] = self.follow_up.describe()
        if self.reasoning_effort or self.thinking_budget:
            run["reasoning"] = {"effort": self.reasoning_effort, "thinking_budget": self.thinking_budget}
        if budget is not None:
            run["usage"] = {model: t.to_dict() for model, t in budget.tallies.items()}
            run["cost_usd"] = round(budget.spent, 6)
            run["prices"] = str(budget.prices.source)
            if self.max_cost is not None:
                run["max_cost_usd"] = self.max_cost
                run["stopped_by_max_cost"] = budget.stopped
        return run


def run_options(
    whole_question: bool,
    samples: int,
    follow_ups: list[str],
    from_rubric: bool,
    push_back: str | None,
    max_turns: int | None,
    effort: str | None,
    thinking_budget: int | None,
    max_cost: float | None,
) -> RunOptions:
    """`ask`'s options as one value; a contradiction is one sentence naming the options."""
    from ..errors import UsageError
    from .follow_up import DEFAULT_MAX_TURNS
    from .reasoning import EFFORTS

    if follow_ups and from_rubric:
        raise UsageError(
            "--follow-up and --follow-up-from-rubric both say what to send after a short answer; pick one."
        )
    if effort is not None and effort not in EFFORTS:
        raise UsageError(f"--reasoning-effort {effort!r}: use one of {', '.join(EFFORTS)}.")
    texts = [t for t in follow_ups if t.strip()]
    if len(texts) != len(follow_ups) or (push_back is not None and not push_back.strip()):
        raise UsageError("--follow-up and --push-back need some text to send.")
    scripted = bool(texts or from_rubric or push_back)
    if max_turns is not None and max_turns > 1 and not scripted:
        raise UsageError("--max-turns needs --follow-up, --follow-up-from-rubric or --push-back (what to send).")
    turns = max_turns if max_turns is not None else (DEFAULT_MAX_TURNS if scripted else 1)
    policy = FollowUpPolicy(tuple(texts), from_rubric, push_back, turns)
    return RunOptions(whole_question, samples, policy, effort, thinking_budget, max_cost)
