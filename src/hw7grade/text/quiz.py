"""Quiz chats: the user asks to be quizzed, the model asks each part and then grades the user's reply.

The model's question ("**(a)(i)** How many linear layers does the network need? (0, 1, 2 or 3)") is
no answer of the model's, and its options are no choice; the answer is what the model says after
the user's reply ("(i) — Incorrect. The answer is **2** ..."). A question is told from a grading by
the verdict a grading gives, so that a reply that grades or answers anything is never dropped.
"""

from __future__ import annotations

from .analysis import analyse
from .phrases import PhraseSet

QUIZ_PROMPT_MAX_WORDS = 160
"""Longest text read as the model asking a part: a question with its setup, options and a hint."""
VERDICT_LEAD_WORDS = 20
"""Words at the start of a piece in which a grading gives its verdict (after a heading such as
"### Q1: **C) 2** ✅ Correct" or "**(iii) — Partially correct.**")."""

_QUIZ_ASKED = (
    "quiz me",
    "quiz us",
    "quiz myself",
    "test me",
    "test us",
    "drill me",
    "ask me the questions",
    "ask me questions",
    "ask me one",
    "ask me each",
    "ask me a question",
    "ask me some questions",
    "give me a quiz",
    "give me a practice quiz",
    "practice quiz",
    "mock ... quiz",
    "mock ... exam",
    "oral exam",
    "viva",
    "play the examiner",
    "act as the examiner",
    "act as an examiner",
    "practice exam",
    "practice test",
    "practice questions",
    "practice problems",
    "grade me",
    "with guiding questions",
    "socratic*",
    "let me figure",
    "want to figure it out",
    "figure it out myself",
)
"""A user's request to be asked the questions rather than told the answers, or to be led to them by
questions ("walk me through it with questions first, I want to figure it out")."""

_ORDERS = frozenset(
    ("show", "prove", "name", "give", "explain", "argue", "list", "state", "derive", "write", "describe", "identify")
    + ("select", "choose", "pick", "compute", "find", "justify")
)
"""The verbs an exam question opens on when it is an order rather than a question."""

_OPENING_VERDICTS = frozenset(("exactly", "precisely", "yes", "yep", "yeah"))
"""Words that grade only when a piece opens on them ("Exactly — two layers"; not "exactly as written")."""

_VERDICT = (
    "correct",
    "incorrect",
    "partial*",
    "right",
    "wrong",
    "not quite",
    "almost",
    "close",
    "spot on",
    "nice",
    "good",
    "great",
    "well done",
    "nailed",
    "miss",
    "answer",
    "corrected",
    "yes",
    "model answer",
    "full answer",
    "full credit",
    "full marks",
    "marks",
    "credit",
    "score",
    "✅",
    "❌",
    "🟡",
    "✔",
    "✓",
    "✗",
    "✘",
)
"""Words of a grading: a piece that opens with any of them grades (or answers), it does not ask."""


def asks_for_quiz(user_text: str) -> bool:
    """Whether the user's turn asks the model to quiz them ("can you quiz me on question 7?")."""
    return bool(PhraseSet.build({"quiz": _QUIZ_ASKED}).keys_in(user_text))


def only_asks(text: str, opening: bool = False) -> bool:
    """Whether a piece of a quiz reply only asks its part: short, asking something, and not opening
    on a grading ("Exactly — **2 linear layers** ...", "❌ Not quite."; a question may say "exactly"
    later). In the reply that opens the quiz there is nothing to grade yet: words of a grading are its
    rules ("I mark each answer ✅ full / 🟡 partial / ❌ miss"), and its question may be an order
    ("Name one problem with this design.")."""
    words = text.split()
    if len(words) > QUIZ_PROMPT_MAX_WORDS:
        return False
    if opening:
        return True
    lead = " ".join(text.partition("?")[0].split()[:VERDICT_LEAD_WORDS])  # a verdict comes before any question
    if _first_word(text) in _OPENING_VERDICTS:
        return False  # "Exactly — **2 linear layers**"; "... optimise the objective exactly as written?" asks
    return ("?" in text or _gives_an_order(text)) and not PhraseSet.build({"verdict": _VERDICT}).keys_in(lead)


def _first_word(text: str) -> str:
    word = next((w for w in text.split() if any(c.isalpha() for c in w)), "")
    return word.strip("*_`.,:;!—–-").casefold()


def _gives_an_order(text: str) -> bool:
    """Whether a sentence of the text opens on an exam's order ("Show that the principal components
    satisfy the conditions from (i).", "👉 Name one problem with this design.")."""
    for sentence in analyse(text).sentences:
        first = next((w for w in sentence.text.split() if any(c.isalpha() for c in w)), "")
        if first.strip("*_`").casefold() in _ORDERS:
            return True
    return False


def ends_on_question(text: str) -> bool:
    """Whether the text's last line asks something ("... what can h_1 possibly contain?"): in a chat
    where the user asked to be quizzed or guided, the model waits for the user's answer."""
    last = text.rstrip().rpartition("\n")[2]
    return last.rstrip("*_) \t").endswith("?")
