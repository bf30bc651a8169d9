"""Steps claimed without being shown: "the second condition follows by symmetry", "(C2) is verified
analogously", "both conditions hold trivially". A proof that works one case out and waves the
other through has not checked it; a sentence that goes on to show the step (an equation) has.

A waved step is one sentence with a claim word and an asserted waving word (not "this is not
obtained by symmetry", not a quoted word) that no equation shows: none after a borrowing word
("by symmetry"), none at all beside an asserting one ("clearly"). One automaton scan of the
analysed answer finds every word; each sentence is searched for its last equation once.
"""

from __future__ import annotations

from ..regexes import regex
from .analysis import Analysed
from .phrases import PhraseSet
from .polarity import negation_kind
from .sentences import Sentence

BORROWED = (
    "by symmetry",
    "by the symmetric",
    "symmetric argument",
    "symmetric structure",
    "symmetry of the problem",
    "analogous*",
    "similarly",
    "the same way",
    "the same manner",
    "the same fashion",
    "by the same",  # "by the same orthonormality argument", "by the same token"
    "same argument",
    "same reasoning",
    "same reason",  # "it vanishes for the same reason: ..."
    "same logic",
    "same computation",
    "same block",
    "same structure",
    "same form",
    "same pattern",
    "likewise",
    "transpose-mirror",
    "mirror image",
)
"""Words that borrow an argument made elsewhere: "by symmetry", "in the same way". An equation
after them in the sentence shows the step ("similarly, (U_k U_k^T - I) U_k D_k = 0"); one before
only states what is claimed ("(C2): ... = 0 follows by symmetry")."""
ASSERTED = ("trivially", "obviously", "clearly")
"""Words that assert without an argument: shown only when the sentence holds an equation at all
("U_k^T U_k = I, so this is clearly zero")."""
CLAIMS = (
    "hold",
    "holds",
    "satisf*",
    "vanish*",
    "zero",
    "follow",
    "follows",
    "true",
    "goes through",
    "verified",
    "met",
    "works out",
)
"""Words that claim the step: "holds", "is satisfied", "vanishes", "follows"."""
FAMILY = ("for any", "with any", "for every", "for all")
"""Words that carry the argument over to a family of other points ("the same computation goes through for
any W1 = QU_k^T, W2 = U_kQ^T"): a remark beyond the step asked, not the step waved through."""
EQUATION_MARKS = ("=", "≡")
QUOTES = "\"'`"


def waved_steps(a: Analysed) -> list[Sentence]:
    """The sentences of the answer that claim a step on a waving word alone, in text order."""
    claims: set[int] = set()
    last_equation: dict[int, int] = {}  # per sentence, found once: no rescan per waving word
    waves: dict[int, Sentence] = {}
    families: set[int] = set()
    words = PhraseSet.build({"borrowed": BORROWED, "asserted": ASSERTED, "claim": CLAIMS, "family": FAMILY})
    for hit in words.find(a.text, a.starts):  # (the set is built once, cached)
        s = a.sentence_at(hit.start)
        if s is None:
            continue
        start, end = hit.start - s.start, hit.end - s.start
        if hit.key in ("claim", "family"):
            (claims if hit.key == "claim" else families).add(s.start)
            continue
        if s.start not in last_equation:
            last_equation[s.start] = _last_equation(s.text)
        shown_after = 0 if hit.key == "asserted" else end
        if (
            last_equation[s.start] < shown_after
            and not _quoted(s.text, start, end)
            and negation_kind(s, start, end) is None  # not "this is not obtained by symmetry"
        ):
            waves.setdefault(s.start, s)
    return [s for at, s in waves.items() if at in claims and at not in families]


def _last_equation(text: str) -> int:
    """Where the sentence's last equation mark outside brackets is (-1 if none): "(since V_2 = V_1^T,
    it is just the transpose of the first)" gives a reason, it does not show the step. LaTeX's
    `\\(` and `\\)` delimit math, not brackets. One pass over the sentence."""
    depth = 0
    last = -1
    for i, ch in enumerate(text):
        if ch in "()" and i > 0 and text[i - 1] == "\\":
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif ch in EQUATION_MARKS and depth == 0 and _ASSIGNED_RE.search(text, max(0, i - ASSIGNED_REACH), i) is None:
            last = i
    return last


ASSIGNED_REACH = 24
_ASSIGNED_RE = regex(
    r"(?:^|[,;:$(]|\b[a-z]{2,}[ \t])[ \t]{0,2}(?:\\mathbf\{)?[A-Za-z](?:_?\{?[0-9a-z]{1,3}\}?)?\}?"
    r"(?:\^\{?(?:T|\\top)\}?|ᵀ)?\$?[ \t]{0,2}$"
)
"""A single symbol alone before an equation mark, after a word or a comma, so that it gives the symbol a
value ("at W1 = U_k^T, W2 = U_k", "with $V_2 = V_1^T$"): a value, not a step worked out ("U_k D_k = 0"
is a product's)."""


def _quoted(text: str, start: int, end: int) -> bool:
    """A word in quotes is mentioned, not used ("by symmetry" is a common shortcut)."""
    return (start > 0 and text[start - 1] in QUOTES) or (end < len(text) and text[end] in QUOTES)
