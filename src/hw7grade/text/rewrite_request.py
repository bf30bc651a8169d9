"""Whether a user's turn asks for the last answer again in another form: shorter, in one sentence, as
bullets, reworded. The reply to it is that answer again, so it is a new attempt at the part even when it
keeps none of what the checks look for ("even shorter, like 5-6 words" -> "Decoder gets leaked encoder
information.")."""

from __future__ import annotations

from .phrases import PhraseSet

_REWRITES = (
    "shorter",
    "more concise",
    "say that in",
    "say it in",
    "rephrase",
    "reword",
    "rewrite it",
    "rewrite that",
    "condense",
    "as bullets",
    "in bullet points",
    "tl;dr",
    "for a slide",
)
"""Asks that point back at the answer ("say that in one sentence", "even shorter"); not a new question
asked in a form ("one line difference between ridge and lasso?", "a one-line reason"), nor "put it in my
writeup"."""


def asks_for_rewrite(turn: str) -> bool:
    """Whether the turn asks for the last answer again in another form."""
    return bool(PhraseSet.build({"rewrite": _REWRITES}).keys_in(turn))
