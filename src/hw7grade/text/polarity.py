"""Polarity of a mention: asserted, negated, rejected as a mistake, or only asked about.

Decided on the mention's clause, from marks found once per sentence (clause boundaries, negation
cues, framing words), so judging every mention of a sentence costs a lookup each, not a rescan:
linear in the text however many mentions it holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..regexes import regex
from .normalize import ascii_fold
from .sentences import Sentence

NEGATION_WINDOW_WORDS = 5
"""How many words before a mention are searched for not/no/never/without ..."""
POST_WINDOW_CHARS = 160
"""How far after a mention its predicate is read ("... is not needed", "..., which is not in the objective")."""
POST_WRONG_MAX_CHARS = 80
SUBJECT_MAX_WORDS = 6
"""A mention this close to its clause's start is the clause's subject: its predicate's negation is its own."""
POLARITY_CACHE_SIZE = 4096

_NEG_CUE_RE = regex(
    r"\b(?:not|no|never|neither|nor|without|none|nothing|cannot|unlike|excluding|except|instead\s+of"
    r"|rather\s+than|as\s+opposed\s+to|other\s+than|in\s+place\s+of|n't"
    r"|drop|remove|omit|exclude|ditch|get\s+rid\s+of|leave\s+out)\b|n't\b",
    re.I,
)
_NEG_FALSE_RE = regex(
    r"\b(?:not\s+(?:only|just|merely|simply)|no\s+(?:longer|matter|doubt)|nothing\s+but|not\s+least)\b", re.I
)
_BAR_RE = regex(r"\|")
_CLAUSE_BOUNDARY_RE = regex(
    r"[,;:()\[\]|→⇒]|->|=>|\s[—–]\s|\b(?:but|however|although|though|whereas|while|because|since|so|which|yet|and\s+then)\b",
    re.I,
)
_HARD_BOUNDARY_RE = regex(
    r"[;:|→⇒]|->|=>|\s[—–]\s|\b(?:but|however|although|though|whereas|while|because|since|so|yet)\b", re.I
)
"""Where a subject's predicate ends ("which" and commas do not end it)."""
_AUX_NOT_RE = regex(
    r"\b(?:is|are|was|were|be|been|do|does|did|has|have|had|can|could|will|would|should|must|may|might)"
    r"(?:\s{1,3}(?:still|also|really|actually|simply|definitely|truly|all|both))?"  # "are still not needed"
    r"\s{1,3}(?:\*\*|__|\*|_)?(?:(?:not|never)\b(?!\s{1,3}(?:only|just|merely)\b)"
    # a word that says no: "Dropout, Layer Norm and Batch Norm are all unnecessary"
    r"|(?:unnecessary|unneeded|superfluous|irrelevant|redundant|excluded|omitted|left[ \t]{1,3}out)\b)"
    r"|\b(?:isn't|aren't|wasn't|weren't|doesn't|don't|didn't|won't|can't|cannot|wouldn't|shouldn't)\b",
    re.I,
)
_ODDS_RE = regex(
    r"(?:[:—–(]|-[ \t]|->)[ \t*_]{0,3}(?:~|≈|about[ \t]|around[ \t]|p[ \t]?=[ \t]?)?[ \t]{0,2}(\d{1,2}(?:\.\d)?)[ \t]?%"
)
"""The odds an answer gives an option right after it: "Dropout — 5%", "Layer Norm (~10%)", "SGD: 90%"."""
UNLIKELY_BELOW_PERCENT = 50.0
"""Odds under this say the option is not picked."""
_POST_MARK_RE = regex(
    # "Dropout — no", not "Weight Decay and SGD — no Dropout, no Layer Norm" or "... only — not Dropout": "no"
    # or "not" before a name is that name's
    r"(?:[:—–→⇒-]|->|=>)\s{0,3}(?:not\b(?![ \t]{1,3}(?:(?-i:[A-Z])|`|nn\.))|no\b(?![ \t]{1,3}(?-i:[A-Z]))|never\b"
    r"|unnecessary|unneeded|irrelevant|wrong"
    r"|incorrect|✗|❌)"
    # "Dropout (not needed)", "(no)"; not "`nn.MSELoss` (not `nn.L1Loss` ...)" or "SGD optimizer (not
    # dropout/layernorm)", which set other things against it
    r"|\(\s{0,3}(?:not|no)(?:\s{0,3}\)|\s{1,3}(?:needed|required|necessary|used|useful|helpful|included|part|in"
    r"|relevant|applicable|appropriate|correct|right|true|valid|selected|chosen|checked|ticked|wanted|need)\b)"
    r"|✗|❌|✘|⚠"  # a warning sign doubts it: "Weight Decay ✅, SGD ⚠️"
    # a comma's short verdict: "Weight decay and SGD, yes — dropout, no."
    r"|,[ \t]{0,2}no(?=[ \t]{0,2}(?:[.!;—–)]|$))"
    # with no verb: "..., with Dropout and Batch Norm not needed"
    r"|not[ \t]{1,3}(?:needed|required|necessary|included|used)\b"
    # a box the answer says to leave empty: "Leave Dropout, Layer Norm and Batch Norm unchecked", "... out."
    r"|un(?:checked|ticked|selected)\b|(?:out|off)[ \t]{0,2}(?:[.,;)!]|$)",
    re.I,
)
_POST_WRONG_RE = regex(
    rf"[^,;:]{{0,{POST_WRONG_MAX_CHARS}}}?\b(?:is|are|was|were|would\s+be)\s+(?:wrong|incorrect|a\s+(?:common\s+)?mistake"
    r"|not\s+correct|a\s+misconception"
    # dismissed rather than denied: "Word order is a secondary concern here"
    r"|(?:only\s+)?(?:a\s+)?(?:secondary|minor|side)\s+(?:concern|issue|point|problem)s?|overstated"
    r"|a\s+red\s+herring|less\s+important|(?:(?:just|only|merely)\s+)?an?\s+(?:implementation|engineering)\s+detail)\b"
    # a pointer clause right after it: "$W_2W_1 = I$, but that is wrong", "X (which is false)"
    r"|(?:\$|\\[)\]]){0,2}[ \t]{0,3}[,;:(—–-][ \t]{0,3}(?:but[ \t]{1,3})?(?:that|this|which)"
    r"(?:'s|[ \t]{1,3}(?:is|was|would[ \t]{1,3}be))[ \t]{1,3}(?:wrong|incorrect|false|not[ \t]{1,3}(?:correct|true)"
    # ... or dismissed: "... different lengths, but that is an implementation detail"
    r"|(?:(?:just|only|merely)[ \t]{1,3})?an?[ \t]{1,3}(?:implementation|engineering)[ \t]{1,3}detail"
    r"|not[ \t]{1,3}(?:a|the)[ \t]{1,3}(?:fundamental|real|main|serious)[ \t]{1,3}(?:problem|issue|flaw))\b",
    re.I,
)
_FRAME_RE = regex(
    r"\b(?:(?:common|typical|frequent|classic|usual)\s+(?:mistake|error|misconception|pitfall|gap)"
    r"|mistake\s+(?:is|would\s+be)|misconception"
    r"|(?:it\s+is|it's|would\s+be)\s+(?:wrong|incorrect|a\s+mistake)\s+to|(?:one|some|you|students?)\s+(?:might|may|could|would)"
    r"\s+(?:think|assume|say|argue|be\s+tempted)|tempting\s+to|naive(?:ly)?|mistakenly|erroneously"
    r"|(?P<admits>i\s{1,3}(?:mixed(?:\s{1,3}\w{1,12}){0,2}\s{1,3}up|mixed(?:\s{1,3}\w{1,12}){1,2}\s{1,3}in\b"
    r"|confused|conflated|misremembered|(?:incorrectly|wrongly|mistakenly)\s{1,3}(?:attributed|credited|placed))"
    r"|my\s{1,3}mistake|i\s{1,3}was\s{1,3}wrong)"
    # "my previous answer described a different (ImageNet) effort"
    r"|my\s+(?:previous|earlier|first|original|initial|last)\s+(?:answer|reply|response|draft)\s+"
    r"(?:described|was\s+(?:about|describing|based\s+on)|talked\s+about|mixed|confused|conflated|assumed|used))",
    re.I,
)
_LEAD_WRONG_RE = regex(r"\W{0,8}(?:wrong|incorrect)(?:\s+answers?)?\s*:", re.I)
_SAME_AS_BEFORE_RE = regex(
    r"\b(?:the\s+same\s+(?:goes|applies|holds|is\s+true)\s+(?:for|to)|likewise|similarly|nor|neither)\b", re.I
)
_WORD_START_RE = regex(r"\S+")
_CONDITION_RE = regex(r"\b(?:if|unless|whether|in\s{1,3}case)\b", re.I)
_CONDITION_END_RE = regex(r"[,;:]|\s[—–]\s|\bthen\b", re.I)
_AUX_RE = regex(
    r"\b(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|must|may|might|belongs?|needs?"
    r"|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|won't|can't|cannot|wouldn't|shouldn't)\b",
    re.I,
)
_PRONOUN_NOT_RE = regex(
    r"\b(?:they|these|those|both|all\s{1,3}three|all\s{1,3}of\s{1,3}them)\s{1,3}(?:\w{1,12}\s{1,3})?"
    r"(?:are|were|do|would|will|should)(?:\s{1,3}not\b|n't\b)|\bthey're\s{1,3}not\b"
    # "the sampled sequence (...) is what you'd get ... — that's not what happens in training"
    r"|[—–;:][ \t]{0,3}(?:that|this)(?:(?:'s|\s{1,3}is|\s{1,3}was)\s{1,3}not\b|\s{1,3}(?:isn't|wasn't)\b)"
    # "SGD is just the training procedure, so it doesn't need to be selected": the subject left unpicked
    r"|\bit\s{1,3}(?:does\s{1,3}not|doesn't)\s{1,3}need\s{1,3}to\s{1,3}be\s{1,3}(?:selected|ticked|checked|chosen|included)\b"
    r"|\bit(?:'s|\s{1,3}is)\s{1,3}not\s{1,3}(?:needed|required|necessary)\b",
    re.I,
)
"""A later clause's pronoun that takes back the subject list: "..., so they are not part of the objective"."""
_AND_NOT_COPULA_RE = regex(
    r"\band\s{1,3}(?:(?:is|are|was|were)\s{1,3}not\b|(?:isn't|aren't|wasn't|weren't)\b|(?:would|should)\s{1,3}not\s{1,3}be\b)",
    re.I,
)
"""A coordinated predicate that denies the subject a place: "Dropout and Batch Norm would change
the model and are not part of the objective". Only a copula: "... and does not change X" says
what the subject does, not whether it belongs."""
_BUT_IT_NOT_PLACE_RE = regex(
    r"\bbut\s{1,3}it(?:(?:['’]s|\s{1,3}is|\s{1,3}was)\s{1,3}not|\s{1,3}(?:isn['’]t|wasn['’]t))\s{1,3}"
    r"(?:one\s{1,3}of|part\s{1,3}of|among|something|in|from|used)\b",
    re.I,
)
"""A later clause that denies the subject a place: "progressive resizing is a well-known speed trick (...),
but it isn't one of the techniques David Page uses"; not "..., but it isn't expensive"."""
_NONE_SUBJECT_RE = regex(
    r"[ \t*_\"'“]{0,4}(?:(?:and|but|so|yet)[ \t]{1,3})?"
    r"(?:nothing|none|nobody|neither|no[ \t]{1,3}(?:post|part|run|result|step|one|version|entry))\b",
    re.I,
)
"""A clause whose subject says none ("nothing in the series uses ...", "no post uses ...", "none of the
runs used ..."): what its verb takes is denied, however far into the clause it stands."""
_NONE_OF_RE = regex(r"\b(?:none|neither)\s{1,3}of\s{1,3}(?:them|these|those|which)\b", re.I)
"""As in "Dropout, layer norm and batch norm change the loss, so none of them belongs here", "..., none of which
appear in the objective"."""
_FRAME_WORDS = (
    "mistake",
    "erro",
    "misconception",
    "pitfall",
    "gap",
    "wrong",
    "incorrect",
    "might",
    "may",
    "could",
    "would",
    "tempting",
    "naive",
    "mixed",
    "confused",
    "conflated",
    "misremembered",
    "attributed",
    "credited",
    "placed",
    "my previous",
    "my earlier",
    "my first",
    "my original",
    "my initial",
    "my last",
)


@dataclass(frozen=True)
class _Marks:
    boundaries: tuple[int, ...]
    """End offsets of clause boundaries."""
    hard: tuple[int, ...]
    """Start offsets of hard boundaries (where a predicate ends)."""
    cues: tuple[int, ...]
    """Start offsets of negation cues (false cues such as "not only" left out)."""
    words: tuple[int, ...]
    frames: tuple[int, ...]
    admits: tuple[tuple[int, int], ...]
    """Spans where the sentence admits a mix-up of the writer's own ("I mixed the two up", "I conflated"):
    what stands with one in its clause is about the error, before it or after ("It's a trick from fast.ai's
    ImageNet work, and I mixed the two up"), not a correction after a colon or a dash ("I was wrong about
    (a)(i): one linear layer") nor a claim before a "but" ("Weight Decay is right, but Dropout was my mistake")."""
    aux_not: tuple[int, ...]
    same_as_before: tuple[int, ...]
    aux: tuple[int, ...]
    and_not: tuple[int, ...]
    none_of: tuple[int, ...]
    pronoun_not: tuple[int, ...]
    but_it_not_place: tuple[int, ...]
    cells: tuple[int, ...]
    """Offsets of table-cell bars: a row's cells are separate statements."""
    relatives: tuple[int, ...]
    """Start offsets of relative pronouns ("whose", "which", "that", "who", "whom")."""
    conditions: tuple[tuple[int, int], ...]
    """Spans of conditions: from a word that opens one ("if", "unless", "whether") to the comma,
    colon, semicolon or dash that ends it (brackets inside do not)."""
    question: bool


@lru_cache(maxsize=POLARITY_CACHE_SIZE)
def _marks(text: str) -> _Marks:
    false = [(m.start(), m.end()) for m in _NEG_FALSE_RE.finditer(text)]
    cues = []
    for m in _NEG_CUE_RE.finditer(text):
        k = bisect_right(false, (m.start(), len(text) + 1)) - 1
        if k >= 0 and false[k][0] <= m.start() < false[k][1]:
            continue
        cues.append(m.start())
    folded = ascii_fold(text)
    framed = any(w in folded for w in _FRAME_WORDS)
    frame_matches = list(_FRAME_RE.finditer(text)) if framed else []
    return _Marks(
        boundaries=tuple(m.end() for m in _CLAUSE_BOUNDARY_RE.finditer(text)),
        hard=tuple(m.start() for m in _HARD_BOUNDARY_RE.finditer(text)),
        cues=tuple(cues),
        words=tuple(m.start() for m in _WORD_START_RE.finditer(text)),
        frames=tuple(m.start() for m in frame_matches if not m.group("admits")),
        admits=tuple((m.start(), m.end()) for m in frame_matches if m.group("admits")),
        aux_not=tuple(m.start() for m in _AUX_NOT_RE.finditer(text)),
        same_as_before=tuple(m.start() for m in _SAME_AS_BEFORE_RE.finditer(text)),
        aux=tuple(m.start() for m in _AUX_RE.finditer(text)),
        and_not=tuple(m.start() for m in _AND_NOT_COPULA_RE.finditer(text)),
        none_of=tuple(m.start() for m in _NONE_OF_RE.finditer(text)),
        pronoun_not=tuple(m.start() for m in _PRONOUN_NOT_RE.finditer(text)),
        but_it_not_place=tuple(m.start() for m in _BUT_IT_NOT_PLACE_RE.finditer(text)),
        cells=tuple(m.start() for m in _BAR_RE.finditer(text)) if "|" in text else (),
        relatives=tuple(m.start() for m in _RELATIVE_RE.finditer(text)),
        conditions=_conditions(text),
        question=text.rstrip().endswith("?"),
    )


def _any_in(points: tuple[int, ...], lo: int, hi: int) -> bool:
    i = bisect_left(points, lo)
    return i < len(points) and points[i] < hi


def negation_kind(sentence: Sentence, start: int, end: int) -> str | None:
    """Why the mention sentence.text[start:end] is not asserted, or None when it is.

    "negated": not/no/never/n't/without/rather than/instead of shortly before it in its clause;
    "X is not needed" / "X: not relevant" / "X ✗" right after it; or, when X is its clause's
    subject, a negated predicate ("Dropout would zero units, which is not in the objective").
    "rejected": its line or a header frames it as wrong, or the sentence presents it as a mistake.
    "question": the sentence is a question."""
    if sentence.rejected:
        return "rejected"
    text = sentence.text
    marks = _marks(text)
    k = bisect_right(marks.boundaries, start) - 1
    clause_start = marks.boundaries[k] if k >= 0 else 0
    w = bisect_left(marks.words, start)
    window_start = max(clause_start, marks.words[max(w - NEGATION_WINDOW_WORDS, 0)] if marks.words else 0)
    if _any_in(marks.cues, window_start, start):
        return "negated"
    if clause_start < window_start and _NONE_SUBJECT_RE.match(text, clause_start) is not None:
        return "negated"  # "nothing in the series uses a multi-GPU setup": the clause's subject says none
    after_end = min(len(text), end + POST_WINDOW_CHARS)
    h = bisect_left(marks.hard, end)
    predicate_end = min(marks.hard[h], after_end) if h < len(marks.hard) else after_end
    relative = _any_in(marks.relatives, clause_start, start)
    for at in {_skip_space(text, end), _skip_space(text, _skip_list(text, end, predicate_end))}:
        if _POST_MARK_RE.match(text, at) or (_AUX_NOT_RE.match(text, at) and not relative):
            return "negated"
        if (odds := _ODDS_RE.match(text, at)) is not None and float(odds.group(1)) < UNLIKELY_BELOW_PERCENT:
            return "negated"  # "Dropout — 5%": the odds the answer gives it say it is not picked
    if _row_crossed(text, marks, start, end):
        return "negated"
    c = bisect_left(marks.cells, end)
    statement_end = marks.cells[c] if c < len(marks.cells) else len(text)  # "| WD ✓ | ...; none of them |"
    if w - bisect_left(marks.words, clause_start) <= SUBJECT_MAX_WORDS and not _any_in(marks.aux, clause_start, start):
        # The clause's subject (no verb before it: "Sentences have different lengths, and words don't
        # align" is about the words): its own verb's negation, or a which-clause's, is about it.
        a = bisect_left(marks.aux, end)
        if (
            a < len(marks.aux)
            and marks.aux[a] < predicate_end
            and _AUX_NOT_RE.match(text, marks.aux[a])
            and _THAT_RE.search(text, end, marks.aux[a]) is None
            and not relative
            and text.rfind("(", end, marks.aux[a]) <= text.rfind(")", end, marks.aux[a])
        ):
            # Not "forces a one-to-one alignment on sentences that do not line up": a "that" clause
            # belongs to the noun before it; nor "a target word whose translation depends on a later
            # source word cannot be produced": the mention is inside the subject's relative clause;
            # nor "<sos>, I, see, a, dog (the sampled "saw" is irrelevant here)": an aside's own verb.
            return "negated"
        if _which_not(text, marks, end, predicate_end) or _any_in(marks.and_not, end, predicate_end):
            return "negated"
        if _any_in(marks.but_it_not_place, end, statement_end):
            return "negated"
        if w <= SUBJECT_MAX_WORDS and _any_in(marks.pronoun_not, end, statement_end):
            return "negated"  # the sentence's opening list, taken back by "they are not"
    if _any_in(marks.none_of, end, statement_end):
        return "negated"
    if (
        _admitted(marks, start)  # "It's a trick from fast.ai's ImageNet work, and I mixed the two up"
        or _any_in(marks.frames, 0, start)
        or _LEAD_WRONG_RE.match(text)
        or _POST_WRONG_RE.match(text, end, after_end)
    ):
        return "rejected"
    if marks.question:
        return "question"
    return None


_VERDICT_FALSE = r"(?:(?:partly|partially|mostly)[ \t]{1,3})?(?:false|wrong|incorrect)\b"
"""A verdict in words that a statement is false ("False", "**Partly false**")."""
_CROSS_CELL_RE = regex(rf"\|[ \t*_]{{0,3}}(?:[✗❌✘]|no[ \t*_.!]{{0,3}}(?:\||$)|{_VERDICT_FALSE})", re.I)
"""A cell that crosses out its row: "| ❌ (not used) |", "| No |", "| **False** — it's CIFAR-10 |"."""


_FALSE_CELL_RE = regex(rf"\|[ \t*_]{{0,3}}(?:[✗❌✘][ \t*_]{{0,3}})?{_VERDICT_FALSE}", re.I)
"""A cell that says in words that the statement in the cell before it is false."""


def _row_crossed(text: str, marks: _Marks, start: int, end: int) -> bool:
    """Whether the next cell crosses out the table cell the mention is in: the row's first cell by a
    cross or a verdict, "| Progressive resizing | ❌ (not used) |", "| Dataset is ImageNet | **False** —
    it's CIFAR-10 |" (the first cell states what the row judges); a later cell by a verdict in words
    only (a cross further on, "| w3 | see | ✗ (not "saw") |", may judge something else)."""
    c = bisect_right(marks.cells, start) - 1
    if c < 0 or c + 1 >= len(marks.cells) or marks.cells[c + 1] < end:
        return False  # not a mention inside a cell ("w3 | see" spans two)
    if c == 0:
        return _CROSS_CELL_RE.match(text, marks.cells[1]) is not None
    # "| a | Q7(a): the decoder doubles its parameters | **False** | ... |": a later cell's statement
    # by a verdict in words (a bare cross there may judge the cells before it together)
    return _FALSE_CELL_RE.match(text, marks.cells[c + 1]) is not None


def _admitted(marks: _Marks, start: int) -> bool:
    """Whether an admission of a mix-up takes back the mention at `start` (see `_Marks.admits`)."""
    return any(
        not (_any_in(marks.hard, start, a) if a > start else _any_in(marks.hard, b, start)) for a, b in marks.admits
    )


def _conditions(text: str) -> tuple[tuple[int, int], ...]:
    ends = [m.start() for m in _CONDITION_END_RE.finditer(text)]
    spans = []
    for m in _CONDITION_RE.finditer(text):
        i = bisect_left(ends, m.end())
        spans.append((m.start(), ends[i] if i < len(ends) else len(text)))
    return tuple(spans)


def in_condition(sentence: Sentence, start: int) -> bool:
    """Whether the mention at `start` is inside a condition: "if your (a) numbers mention ImageNet,
    check them again" supposes ImageNet, it does not claim it."""
    spans = _marks(sentence.text).conditions
    k = bisect_right(spans, (start, start)) - 1
    return k >= 0 and spans[k][1] > start


def _skip_space(text: str, pos: int) -> int:
    """Past spaces, and the marks that close a formula or emphasis ("$U_kU_k^T = I$ is **not** valid")."""
    n = len(text)
    while pos < n and text[pos] in " \t$*_`":
        pos += 1
    return pos


_WHICH_BEFORE_RE = regex(r"\bwhich\s{1,3}$", re.I)
_THAT_RE = regex(r"\bthat\b", re.I)
_RELATIVE_RE = regex(r"\b(?:whose|which|that|who|whom)\b", re.I)


def _which_not(text: str, marks: _Marks, end: int, limit: int) -> bool:
    """ "Dropout would zero units, which is not in the objective": a which-clause with a negated
    verb, in the subject's own predicate, says the subject is not wanted."""
    i = bisect_left(marks.aux_not, end)
    while i < len(marks.aux_not) and marks.aux_not[i] < limit:
        at = marks.aux_not[i]
        if _WHICH_BEFORE_RE.search(text, max(end, at - 12), at):
            return True
        i += 1
    return False


def inherits_previous(sentence: Sentence, start: int) -> bool:
    """ "The same goes for Layer Norm", "likewise", "nor": the mention takes the polarity of the
    sentence before it."""
    return _any_in(_marks(sentence.text).same_as_before, 0, start)


_SEPARATORS = frozenset({",", "/", "&", "and", "or"})
_LIST_TOKEN_RE = regex(r"\s*(?:[,/&]|\)|\b(?:and|or)\b|\([^()\n]{0,60}\))")
_ITEM_RE = regex(r"\s*[\w.<>%+-]{1,40}")
_STOP = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "can",
        "could",
        "will",
        "would",
        "should",
        "not",
        "no",
    }
)


_LIST_BREAKS = frozenset(
    {
        "and",
        "or",
        "with",
        "without",
        "for",
        "in",
        "to",
        "from",
        "of",
        "on",
        "at",
        "by",
        "as",
        "but",
        "so",
        "which",
        "that",
        "nothing",
        "none",
        "leave",
        "leaving",
        "other",
        "others",
        "rest",
    }
)
"""Words no item of a list a mention heads holds: "and" and "or" join the next item, the others end the
list ("Weight Decay, Layer Norm, and SGD optimizer, with Dropout and Batch Norm not needed"; "Weight Decay
+ SGD optimizer, nothing else ❌ (drop Batch Norm)": the mark is the closing words', not the list's; "tick
Weight Decay and SGD optimizer, and leave the other three unticked": the mark is the others')."""


LIST_GAP_CHARS = 48
"""Longest gap between two items of one list ("cosine annealing with warm restarts, progressive resizing")."""
LIST_GAP_WORDS = 4
"""Most words between two items of one list ("Dropout, weight noise or Batch Norm"); more is a clause
("Because languages do not share word order, the early target words depend on later source words")."""
LIST_ASIDE_CHARS = 120
"""Longest bracketed aside an item may carry before the list goes on ("Dropout (random masking is not
in the objective), Layer Norm and Batch Norm")."""
_ASIDE_RE = regex(rf"[ \t]{{0,2}}\([^()\n]{{1,{LIST_ASIDE_CHARS}}}\)")
_GAP_WORD_RE = regex(r"[A-Za-z']+")
_GAP_BREAKS = frozenset(";:.!?—–()[]")
_GAP_STOP = _STOP | frozenset(
    {
        "but",
        "while",
        "whereas",
        "instead",
        "rather",
        "yet",
        "however",
        "only",
        "just",
        "except",
        "so",
        "because",
        "since",
        "which",
        "that",
        "who",
        "then",
        "use",
        "uses",
        "using",
        "need",
        "needs",
        "needed",
        "require",
        "requires",
        "add",
        "adds",
        "keep",
        "keeps",
        "want",
        "pick",
        "choose",
    }
)


def continues_list(text: str, prev_end: int, start: int) -> bool:
    """Whether the mention at `start` is the next item of a list whose item ends at `prev_end`:
    "It does not need Dropout, Layer Norm or Batch Norm" (a separator and item words between, no
    verb, no "but", no clause break; the item before may carry a bracketed aside, "Not needed:
    Dropout (not in the objective), Layer Norm and Batch Norm"), so it shares its negation."""
    if not 0 < start - prev_end <= LIST_GAP_CHARS + LIST_ASIDE_CHARS + 2:
        return False
    aside = _ASIDE_RE.match(text, prev_end, start)
    gap = text[aside.end() if aside else prev_end : start]
    if len(gap) > LIST_GAP_CHARS:
        return False
    if any(c in _GAP_BREAKS for c in gap):
        return False
    words = [w.lower() for w in _GAP_WORD_RE.findall(gap)]
    if len(words) > LIST_GAP_WORDS or any(w in _GAP_STOP for w in words):
        return False
    return "," in gap or "/" in gap or "&" in gap or any(w in ("or", "and", "nor") for w in words)


def _skip_list(text: str, pos: int, limit: int) -> int:
    """Past a list the mention heads ("Dropout, Layer Norm or Batch Norm are not needed"), a
    parenthesis right after it, and the bracket a list in brackets closes ("leave Batch Norm (and
    Dropout, Layer Norm) out"): at most a bounded window, one step per token."""
    while pos < limit:
        m = _LIST_TOKEN_RE.match(text, pos, limit)
        if m is None:
            break
        pos = m.end()
        if m.group().strip().startswith("("):
            continue
        words = 0
        while words < 4:
            item = _ITEM_RE.match(text, pos, limit)
            if item is None or _POST_MARK_RE.match(text, _skip_space(text, pos)):
                break  # "Dropout, Layer Norm and Batch Norm unchecked": the list's mark
            word = item.group().strip().lower()
            if word in _STOP or word in _LIST_BREAKS:
                break  # a verb or a preposition ends the list; "and" and "or" join its next item
            pos = item.end()
            words += 1
    return pos
