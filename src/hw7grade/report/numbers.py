"""Numbers as people read them: at most two decimals (JSON alone keeps exact values)."""

from __future__ import annotations


def num(value: float) -> str:
    """93.6667 -> "93.67", 4.0 -> "4", 0.666667 -> "0.67"; never "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def signed(value: float) -> str:
    """`num` with its sign: points a judge added (+2) or took away (-0.33)."""
    text = num(value)
    return text if text.startswith("-") else "+" + text


__all__ = ["num", "signed"]
