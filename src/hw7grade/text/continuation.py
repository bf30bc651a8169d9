"""A user's request to go on with a reply that was cut off ("you got cut off, continue", "keep going"):
the reply after it is the rest of the one before, not a new answer."""

from __future__ import annotations

import re

from ..regexes import regex
from .labels import mentions

CONTINUE_MAX_CHARS = 80
"""Longest user turn read as a request to go on; a longer one asks something of its own."""

_CUT_OFF = (
    r"(?:you|it|that|the answer|your answer|the reply|your reply|the message|your message)"
    r"[ \t]{1,3}(?:got|was|were|is|has been|just)?[ \t]{0,3}(?:cut[ \t]{1,3}off|truncated|cut|stopped)"
    r"(?:[ \t]{1,3}(?:again|mid[- ]?\w{1,12}|there))?"
)
"""What says the reply stopped short: "you got cut off", "it was truncated mid-sentence"."""
_GO_ON = (
    r"(?:(?:please|pls|plz|can you|could you)[ \t,]{1,3})?"
    r"(?:continue|keep[ \t]{1,3}going|go[ \t]{1,3}on|carry[ \t]{1,3}on|resume|more|\.{3}|…"
    r"|finish(?:[ \t]{1,3}(?:it|that|the[ \t]{1,3}answer))?)"
    r"(?:[ \t]{1,3}(?:from[ \t]{1,3}where[ \t]{1,3}(?:you|u|it)[ \t]{1,3}(?:left[ \t]{1,3}off|stopped)"
    r"|please|pls|plz))?"
)
"""What asks to go on: "continue", "please finish the answer", "keep going from where you left off"."""
_CONTINUE_RE = regex(
    r"[ \t]{0,4}(?:(?:ok(?:ay)?|hm+|uh|um|hey|oops|looks like|seems like)[ \t,.!]{1,3})?"
    rf"(?:{_CUT_OFF}(?:[ \t,.!:;—–-]{{0,4}}{_GO_ON})?|{_GO_ON})"
    r"[ \t.!?]{0,4}",
    re.IGNORECASE,
)
"""A request to go on, or only the remark that the reply stopped short ("you got cut off")."""


REVISING_OPENING_CHARS = 160
"""How much of the reply after such a request is read for a revision of what came before."""
_REVISES_RE = regex(r"\b(?:wait|actually|hmm+|oops|fix|correct(?:ion|ing)?|mistake|redo|wrong|scratch)\b", re.I)
_APOLOGY_RE = regex(r"\b(?:sorry|apolog\w{0,6})\b", re.I)
_GOING_ON_RE = regex(
    r"\b(?:continu\w{0,5}|picking[ \t]{1,3}up|(?:where|from)[ \t]{1,3}(?:I|it)[ \t]{1,3}(?:left|stopped))", re.I
)
""""Sorry about that — continuing from where it stopped": an apology for the cut, then its rest."""


PREFACE_MAX_WORDS = 16
"""Longest first line of a reply's rest read as its preface ("Here's the rest of the answer:")."""
_REST_RE = regex(r"\b(?:the[ \t]{1,3}rest|remainder)\b", re.I)


def without_preface(rest: str) -> str:
    """The rest of a cut-off reply without the line that only says it is the rest ("Here's the rest of the
    answer:", "No problem, continuing part (b):"), so that what the cut reply left unfinished stays
    unfinished."""
    line, newline, after = rest.lstrip().partition("\n")
    prefaces = (
        newline
        and len(line.split()) <= PREFACE_MAX_WORDS
        and line.rstrip().endswith(":")
        and (_REST_RE.search(line) is not None or _GOING_ON_RE.search(line) is not None)
    )
    return after.lstrip("\n") if prefaces else rest


def opens_by_revising(reply: str) -> bool:
    """Whether a reply after a request to go on opens by revising what came before ("…wait, before going
    on I need to fix something"): a new answer, not the rest of the old one."""
    if _REVISES_RE.search(reply, 0, REVISING_OPENING_CHARS) is not None:
        return True
    apology = _APOLOGY_RE.search(reply, 0, REVISING_OPENING_CHARS)
    return apology is not None and _GOING_ON_RE.search(reply, 0, REVISING_OPENING_CHARS) is None


REMARKED_MAX_CHARS = 200
"""Longest user turn read as a request to go on among remarks about the cut ("network error again lol.
continue"), its quotes of where the reply stopped left out."""
_QUOTED_RE = regex(r'"[^"\n]{0,120}"|“[^”\n]{0,120}”')
"""Where the reply stopped, quoted: 'you stopped at "Then", continue pls'."""
_CLAUSE_EDGE_RE = regex(r"[.!;,—–\n]")


def asks_to_continue(user_text: str) -> bool:
    """Whether a user turn only asks the model to go on with its last reply: in so many words, or in one of
    its clauses beside remarks that ask nothing and name no part ("you cut off at "..." — network error on
    my end i think. pls continue")."""
    text = user_text.strip()
    if len(text) <= CONTINUE_MAX_CHARS and _CONTINUE_RE.fullmatch(text) is not None:
        return True
    if len(text) > REMARKED_MAX_CHARS or "?" in text:
        return False
    unquoted = _QUOTED_RE.sub(" ", text)
    clauses = _CLAUSE_EDGE_RE.split(unquoted)
    return (
        len(clauses) > 1
        and any(clause.strip() and _CONTINUE_RE.fullmatch(clause.strip()) for clause in clauses)
        and not mentions(unquoted)
    )
