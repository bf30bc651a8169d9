"""The price table (`prices.toml`, or the user's copy in $HW7GRADE_PRICES / `--prices`): USD per
million input and output tokens, and the cost of a request's usage."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

PRICES_FILE = Path(__file__).with_name("prices.toml")
PRICES_ENV = "HW7GRADE_PRICES"
PER = 1_000_000


@dataclass(frozen=True)
class Price:
    input: float
    output: float
    """USD per million tokens."""

    def cost(self, input_tokens: int | None, output_tokens: int | None) -> float:
        return ((input_tokens or 0) * self.input + (output_tokens or 0) * self.output) / PER


class PriceTable:
    def __init__(self, prices: dict[str, Price], source: Path) -> None:
        self.prices = prices
        self.source = source

    def for_model(self, model: str) -> Price | None:
        """The model's price, or its longest listed prefix's (dated ids), or None."""
        if model in self.prices:
            return self.prices[model]
        matches = [m for m in self.prices if model.startswith(m + "-")]
        return self.prices[max(matches, key=len)] if matches else None


def load_prices(path: Path | None = None) -> PriceTable:
    """`path`, else $HW7GRADE_PRICES, else the bundled table; a bad file is one sentence naming it."""
    env = os.environ.get(PRICES_ENV)
    source = Path(path) if path else Path(env) if env else PRICES_FILE
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"Cannot read the price table {source} ({exc.__class__.__name__}).") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{source}: not valid TOML ({exc}).") from None
    table = data.get("prices")
    if not isinstance(table, dict):
        raise UsageError(
            f"{source}: a price table needs a [prices] section of model = {{ input = USD, output = USD }}."
        )
    prices = {}
    for model, entry in table.items():
        values = entry if isinstance(entry, dict) else {}
        if set(values) != {"input", "output"} or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in values.values()
        ):
            raise UsageError(
                f"{source}: price of {model!r} must be {{ input = USD, output = USD }} per million tokens, "
                f"both numbers >= 0."
            )
        prices[model] = Price(float(values["input"]), float(values["output"]))
    return PriceTable(prices, source)
