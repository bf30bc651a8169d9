"""Tokens and estimated cost per model, and `--max-cost`: no new request once the estimate of what
was spent, plus what is in flight, plus the next request would pass the limit.

A request's estimate before it is sent: its input at ~4 characters a token, and as output the mean
output of this model's answers so far (or `max_tokens` before the first one). Answers read from the
cache cost nothing and are not counted as requests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..errors import Hw7gradeError
from ..providers.base import Completion, Message, ProviderParams
from ..providers.prices import Price, PriceTable

CHARS_PER_TOKEN = 4


class BudgetExhausted(Hw7gradeError):
    """Not sent: the estimated cost would pass `--max-cost`."""

    exit_code = 0


@dataclass
class Tally:
    requests: int = 0
    cached: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    reasoning_tokens: int = 0
    cost_usd: float | None = 0.0
    """None when the price table has no price for the model."""

    def to_dict(self) -> dict[str, object]:
        return {
            "requests": self.requests,
            "cached": self.cached,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "reasoning_tokens": self.reasoning_tokens,
            "cost_usd": None if self.cost_usd is None else round(self.cost_usd, 6),
        }


class Budget:
    """Shared by the run's worker threads: what each model used, and the `--max-cost` gate."""

    def __init__(self, prices: PriceTable, max_usd: float | None = None) -> None:
        self.prices = prices
        self.max_usd = max_usd
        self.tallies: dict[str, Tally] = {}
        self.reserved = 0.0
        self.skipped = 0
        self._lock = threading.Lock()

    @property
    def spent(self) -> float:
        return sum(t.cost_usd or 0.0 for t in self.tallies.values())

    @property
    def stopped(self) -> bool:
        return self.skipped > 0

    def price(self, model: str) -> Price | None:
        return self.prices.for_model(model)

    def admit(self, model: str, messages: list[Message], params: ProviderParams) -> float:
        """Reserve this request's estimate, or raise BudgetExhausted; returns the reservation."""
        if self.max_usd is None:
            return 0.0
        price = self.price(model)
        chars = sum(len(m.content) for m in messages) + len(params.system or "")
        with self._lock:
            tally = self.tallies.get(model)
            if tally is not None and tally.requests:
                out = tally.output_tokens / tally.requests
            else:
                out = params.max_tokens + (params.thinking_budget or 0)
            estimate = price.cost(chars // CHARS_PER_TOKEN + 1, round(out)) if price else 0.0
            if self.spent + self.reserved + estimate > self.max_usd:
                self.skipped += 1
                raise BudgetExhausted(f"not sent: the estimate would pass --max-cost ${self.max_usd:g}")
            self.reserved += estimate
        return estimate

    def settle(self, model: str, reservation: float, completion: Completion | None) -> None:
        """Replace the reservation with what the answer cost (None: the request failed)."""
        with self._lock:
            self.reserved -= reservation
            if completion is None:
                return
            tally = self.tallies.setdefault(model, Tally())
            if completion.cached:
                tally.cached += 1
                return
            usage = completion.usage
            tally.requests += 1
            tally.input_tokens += usage.input_tokens or 0
            tally.output_tokens += usage.output_tokens or 0
            tally.reasoning_tokens += usage.reasoning_tokens or 0
            price = self.price(model)
            if price is None or tally.cost_usd is None:
                tally.cost_usd = None
            else:
                tally.cost_usd += price.cost(usage.input_tokens, usage.output_tokens)


def make_budget(prices_path, max_cost: float | None, specs) -> Budget:
    """The run's tally from the price table; under `--max-cost` every model needs a price."""
    from ..errors import UsageError
    from ..providers.prices import load_prices

    budget = Budget(load_prices(prices_path), max_cost)
    if max_cost is not None:
        unpriced = [s.model for s in specs if budget.price(s.model) is None]
        if unpriced:
            raise UsageError(
                f"--max-cost: the price table {budget.prices.source} has no price for "
                f"{', '.join(unpriced)}; add it (USD per million input and output tokens)."
            )
    return budget
