"""How a reply stands to the answer before it: conceding the user a point (the mark of a model
changing its answer), or taking back something the answer claimed."""

from __future__ import annotations

import re

from ..regexes import regex
from .phrases import PhraseSet

OPENING_MAX_CHARS = 240
"""A concession comes first; "you're right that ..." deep inside an explanation is an aside."""

_INTENSIFIERS = ("absolutely", "totally", "completely", "entirely", "quite", "exactly", "100%")
_CONCESSIONS = (
    "you're right",
    "you are right",
    "you're correct",
    "you are correct",
    # "You're absolutely right, I mixed up the order."
    *(
        f"{you} {very} {right}"
        for you in ("you're", "you are")
        for very in _INTENSIFIERS
        for right in ("right", "correct")
    ),
    "fair point",
    "good point",
    "valid point",
    "has a point",
    "have a point",
    "good catch",
    "I stand corrected",
    "my mistake",
    "my apologies",
    "I apologi*",
    "I was wrong",
    "I overstated",
    # someone the user quotes: "Your TA is right", "your friend is correct"
    "your ... is right",
    "your ... is correct",
    "I made a mistake",
    "I made an error",
    "on reflection",
    "on second thought",
    # a second look before a changed answer: "thinking about it more carefully, ...", "on closer inspection"
    "thinking about it more carefully",
    "on closer inspection",
    "looking at it again",
    # siding with someone the user quotes: "I think your study group has the stronger argument"
    "has the stronger argument",
    "have the stronger argument",
    "has the better argument",
    "have the better argument",
    "let me correct",
    "let me reconsider",
    "I agree",
    "fair enough",
    "that's fair",
    "that's a reasonable",
    "that makes sense",
)


def concedes(reply: str) -> bool:
    """Whether the reply's opening concedes or corrects itself ("Fair point: ...", "You're right, ...")."""
    return bool(PhraseSet.build({"concession": _CONCESSIONS}).keys_in(reply[:OPENING_MAX_CHARS]))


_TAKES_BACK_RE = regex(
    r"≠|\\neq?\b|(?<!would )(?<!could )(?<!might )\bfails?\b"  # "it would fail for other U_k" supposes
    r"|\b(?:not|doesn't|does[ \t]{1,3}not|don't|do[ \t]{1,3}not)[\s*_]{1,6}(?:satisfied|zero|hold|vanish)",
    re.I,
)


_JUSTIFICATIONS = ("shortcut", "argument", "reasoning", "justification", "symmetry", "the same way", "same argument")
"""What a reply may retract while keeping the result it argued for: "the 'by symmetry' shortcut doesn't
hold" takes back a reason, not a condition."""


def takes_back(reply: str) -> bool:
    """Whether a reply says something the answer claimed does not hold ("the second condition is
    **not** satisfied", "... ≠ 0"): it replaces the answer before it, it does not complete it. A
    clause that says so of a justification ("that shortcut doesn't hold") keeps the results."""
    from .sentences import split_clauses, split_sentences

    if _TAKES_BACK_RE.search(reply) is None:
        return False
    reasons = PhraseSet.build({"reason": _JUSTIFICATIONS})
    clauses = (c for s in split_sentences(reply) for c in split_clauses(s.text))
    return any(_TAKES_BACK_RE.search(c) is not None and not reasons.keys_in(c) for c in clauses)
