"""Find which rubric parts a conversation asks, and where each answer to them starts and ends.

Pure: a `Conversation` and the rubric's part ids in, `PartAnswers` out. The user's turns are
read into the parts they ask (labels such as `Q7(b)`, `Problem 8, part (a)(iii)`, a whole
question, or, with no label, the parts whose cues the turn holds); a turn that names nothing is a
follow-up on the parts just discussed. Each assistant turn is cut at the part labels it starts
lines with (headings, bold leads, list markers, table cells), and text before any label belongs to
the part its turn asked. Only asked parts are returned: a part the answer volunteers, or one of
another homework, is not. Every assistant turn that answers a part is one attempt at it; an
attempt in reply to a follow-up is `explicit=False`, and grading keeps it only if it answers the
part; so is a later reply that only the user's message labels (see `score.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping, Sequence

from ..conversation import Conversation
from ..text.concession import concedes
from ..text.labels import LABEL_LINE_CANDIDATE, ROMANS, Label, line_label, mentions, numbered_title, opens_with_lead
from ..text.non_answer import standing_spans
from ..text.phrases import PhraseSet

COURSE_HOMEWORK = "7"
"""A label naming another homework ("HW6 Question 3") is not this rubric's."""

_FOREIGN = "foreign"
"""Context of a question that is not in the rubric: its relative labels name nothing here."""


@dataclass(frozen=True)
class AttemptText:
    """The text of one attempt at a part, and the assistant turn it came from."""

    turn: int
    """Index of the assistant turn in `Conversation.turns`."""
    text: str
    explicit: bool = True
    """False when the turn answered a follow-up that named no part ("are you sure?")."""
    follow_up: bool = False
    """The turn replied to a user message that named no part ("thanks!", "are you sure?")."""
    labelled: bool = True
    """The reply itself puts the text under the part's label (a heading, a bold lead, a table
    column); False when only the user's message named the part ("ok, (b) and (c) match mine")."""


@dataclass(frozen=True)
class PartAnswers:
    part_id: str
    attempts: tuple[AttemptText, ...]
    question: str = ""
    """The user's message that asked for it, so checks can ignore text copied from it."""
    weak: bool = False
    """Asked only through cues (a pasted question with no label, "what about evaluation time?"):
    grading reports the part only if some reply answers it, so a side question is no ask."""

    @property
    def first(self) -> AttemptText | None:
        return self.attempts[0] if self.attempts else None

    @property
    def final(self) -> AttemptText | None:
        return self.attempts[-1] if self.attempts else None


@dataclass(frozen=True)
class _Context:
    q: str | None = None
    """Question number, or `_FOREIGN`."""
    letter: str | None = None


@dataclass
class _PartIndex:
    ids: tuple[str, ...]
    cues: PhraseSet | None = None
    questions: frozenset[str] = field(default_factory=frozenset)
    question_cues: PhraseSet | None = None
    """Names of whole questions, keyed by question number ("4": "How to Train Your ResNet")."""
    _resolved: dict[tuple[str | None, str | None, str | None, str | None, str | None], list[str]] = field(
        default_factory=dict
    )

    @classmethod
    def build(
        cls,
        ids: Sequence[str],
        cues: dict[str, Sequence[str]] | None,
        question_cues: dict[str, Sequence[str]] | None = None,
    ) -> "_PartIndex":
        qs = frozenset(m.group(1) for i in ids if (m := re.match(r"q(\d+)", i)))
        phrases = {f"{pid}{_CUE_KEY}{c}": (c,) for pid, cs in (cues or {}).items() for c in cs}
        named = {
            f"{m.group(1)}{_CUE_KEY}{c}": (c,)
            for q, cs in (question_cues or {}).items()
            if (m := re.match(r"q(\d+)", q))
            for c in cs
        }
        return cls(
            tuple(ids), PhraseSet.build(phrases) if phrases else None, qs, PhraseSet.build(named) if named else None
        )

    def question_named(self, text: str) -> str | None:
        """The one question whose whole-question cues the text holds ("the How to Train Your ResNet
        reading question" -> "4"), if exactly one."""
        if self.question_cues is None:
            return None
        found = {key.split(_CUE_KEY, 1)[0] for key in self.question_cues.keys_in(text)}
        return next(iter(found)) if len(found) == 1 else None

    def is_foreign(self, label: Label) -> bool:
        return (label.homework is not None and label.homework != COURSE_HOMEWORK) or (
            label.q is not None and label.q not in self.questions
        )

    def resolve(self, label: Label, context: _Context) -> list[str]:
        """Part ids the label names: one for a full id, several for a group (`q8a`, `q7`)."""
        key = (label.q, label.letter, label.roman, context.q, context.letter)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve(label, context)
        return found

    def _resolve(self, label: Label, context: _Context) -> list[str]:
        q = label.q or context.q
        if q is None or q == _FOREIGN:
            return []
        letter = label.letter
        if label.q is None and letter is None and label.roman and context.letter:
            # "(ii)" under the question's part being discussed, if that part has numerals
            found = self._resolve(Label(label.q, context.letter, label.roman), context)
            if found:
                return found
        roman = label.roman
        if letter and letter in ROMANS and not self._has_letter(q, letter):
            letter, roman = None, letter
        prefix = f"q{q}"
        if letter:
            if roman:
                exact = f"{prefix}{letter}.{roman}"
                return [exact] if exact in self.ids else []
            return [i for i in self.ids if i == prefix + letter or i.startswith(f"{prefix}{letter}.")]
        if roman:
            # "q3 (ii)": the question's one lettered part with romans (q3b, q8a).
            hits = [i for i in self.ids if i.startswith(prefix) and i.endswith(f".{roman}")]
            return hits if len(hits) == 1 else []
        return [i for i in self.ids if i == prefix or (i.startswith(prefix) and not i[len(prefix)].isdigit())]

    def _has_letter(self, q: str, x: str) -> bool:
        """`(i)` is a roman numeral unless the question really has a part lettered i (or v, x)."""
        return any(i == f"q{q}{x}" or i.startswith(f"q{q}{x}.") for i in self.ids)

    def cue_counts(self, text: str) -> Counter[str]:
        """How many different cues of each part the text holds (asserted or not: a cue is a topic,
        not a claim)."""
        if self.cues is None:
            return Counter()
        return Counter(key.split(_CUE_KEY, 1)[0] for key in self.cues.keys_in(text))

    def by_cues(self, text: str, within: Iterable[str] | None = None) -> list[str]:
        """Parts whose cues the text holds."""
        keep = set(within) if within is not None else None
        counts = self.cue_counts(text)
        return [i for i in self.ids if counts[i] and (keep is None or i in keep)]


@dataclass
class _UserTurn:
    named: list[str]
    """Parts the turn asks by label, or by cues when it has no label."""
    by_label: bool
    context: _Context
    foreign_only: bool = False
    firm_cues: tuple[str, ...] = ()
    """Parts named by `FIRM_CUES` or more different cues: the question pasted in other words."""
    set_aside: frozenset[str] = frozenset()
    """Parts the user has done or leaves out ("I've done (a)", "I'll write (c) myself")."""
    questioned: tuple[str, ...] = ()
    """Parts whose answer the turn points into without asking them anew ("hm, in (i) you have XᵀX"):
    what a follow-up that names no part is about."""
    numbering: tuple[tuple[str, str], ...] = ()
    """The turn's own numbered items and the part each asks ("1. how many linear layers" -> q8a.i): a
    reply's "**1. ...**" heads that part's answer."""
    whole: tuple[str, ...] = ()
    """Parts asked only as part of a whole question ("seq2seq translation q (hw7 #7)"): firm only if the
    reply answers one of them, else the turn set the scene for the parts asked after it."""


_POINTING_WORDS = r"from|in|of|see|using|per|like|than|with|as|explains|explained|my|your|our"
_SETTING_ASIDE_WORDS = (
    r"have|had|did|done|finished|solved|(?:fine|good|ok|okay|set|sorted)[ \t]{1,3}(?:on|with)"
    r"|skip|skipping|except|excluding|without|not|besides|ignore"
    r"|no[ \t]{1,3}need|(?:don't|do[ \t]{1,3}not)[ \t]{1,3}need|not[ \t]{1,3}(?:doing|asking(?:[ \t]{1,3}about)?)"
)
_BEFORE_LABEL = r"[ \t]{1,3}(?:for[ \t]{1,3})?(?:part[ \t]{1,3})?#?$"
_POINTING_BEFORE = re.compile(rf"\b(?:{_POINTING_WORDS}){_BEFORE_LABEL}", re.I)
"""A label after these words on its line points at a part ("the conditions from (i)", "that explains
q8", "my (b) mentions it") instead of asking it; not one that names its homework and part, which
cites where a question comes from ("quick one from HW7 Q4(a): ...")."""
_IN_BEFORE = re.compile(rf"\bin(?:[ \t]{{1,3}}your)?{_BEFORE_LABEL}", re.I)
"""...of which "in" points into the part's answer: "in (i) you have XᵀX", "in your part b"."""
_ALL_OF_BEFORE = re.compile(
    rf"\b(?:all|each|both|every[ \t]{{1,3}}part|(?:the[ \t]{{1,3}})?(?:rest|parts))[ \t]{{1,3}}of{_BEFORE_LABEL}", re.I
)
"""...but "all of question 7", "each of (a) to (c)", "the rest of Q8" ask it."""
_SETTING_ASIDE_BEFORE = re.compile(rf"\b(?:{_SETTING_ASIDE_WORDS}){_BEFORE_LABEL}", re.I)
"""A label after these words is done or left out ("I already did (a)", "I'm fine on (a)(i)", "skip
(b)", "everything except (c)", "no need for part b", "not doing (b) with AI"), for the whole chat: a
later turn must name it to ask it; its cue words alone do not."""
ALREADY_LOOKBACK = 120
_ALREADY = re.compile(r"\balready\b", re.I)


SAME_SENTENCE_MAX_CHARS = 80


def _same_sentence(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is short and crosses no sentence end."""
    return end - start <= SAME_SENTENCE_MAX_CHARS and not any(c in text[start:end] for c in ".?!\n")


def _already_before(text: str, at: int) -> bool:
    """...as does one in a sentence that says the user already has it: "I already have the first-order
    conditions (hw7 3b part i)" (the sentence's text before the label, at most `ALREADY_LOOKBACK` long)."""
    lo = max(0, at - ALREADY_LOOKBACK)
    start = max(text.rfind(c, lo, at) for c in ".?!\n") + 1
    return _ALREADY.search(text, max(lo, start), at) is not None


_FOR_MYSELF = "myself|on my own|by myself"
"""Words by which a user keeps a part for themself."""
_OWN_WORK_AFTER = re.compile(
    rf"(?:,[^,\n]{{1,40}},|(?:[ \t]{{1,3}}[a-z]{{1,20}}){{1,2}}(?=[ \t]{{1,3}}(?:{_FOR_MYSELF})))?"
    rf"[ \t]{{0,3}}(?:later|{_FOR_MYSELF}|another[ \t]{{1,3}}(?:day|time)|tomorrow"
    r"|next[ \t]{1,3}time|separately(?=[ \t]{0,2}(?:[.!,]|$))"
    r"|in[ \t]{1,3}(?:a[ \t]{1,3})?(?:separate|another|different|new)[ \t]{1,3}(?:chat|conversation|thread|session)"
    r"|with[ \t]{1,3}(?:my|our)[ \t]{1,3}(?:study[ \t]{1,3})?(?:group|team|partner|friends?|classmates?))\b",
    re.I | re.M,
)
"""...as does one the user keeps for later or for themself: "I'll do (a) later on my own", "I'll come
back for (b) another day", "I'll do part (a), the baseline numbers, myself", "I'll write the (b)
reflection myself" (a word or two before "myself"), "I'll do (a) and (b) separately." (not "7 a)
separately: ...", which heads a second question), "I'll ask about part c in a separate chat", "I'll
do part a with my study group"."""
_ALREADY_AFTER = re.compile(
    r"[ \t,]{0,3}(?:(?:which|that)[ \t]{1,3})?(?:I(?:'ve|[ \t]{1,3}have)?|is|was|are)?[ \t]{0,3}already\b"
    r"|(?P<done>[ \t,]{0,3}(?:(?:is|was|are|'s)[ \t]{1,3})?(?:already[ \t]{1,3})?"
    r"(?:done|finished|completed?|written|sorted)\b)"
    r"|[ \t,]{0,3}I(?:'m|[ \t]{1,3}am)[ \t]{1,3}(?:confident|fine|good|ok|okay)[ \t]{1,3}(?:about|on|with)\b",
    re.I,
)
"""...and one the user says they already have, right after it: "(b) I've already written", "(a), which I
have already done", "(c) is already done", "Part (a) is done already", "I've got (a) done already", "(c)
I'm confident about"."""
_INTEND = (
    r"(?:'ll|[ \t]{1,3}will|[ \t]{1,3}want[ \t]{1,3}to|[ \t]{1,3}plan[ \t]{1,3}to|[ \t]{1,3}prefer[ \t]{1,3}to"
    r"|(?:'d|[ \t]{1,3}would)[ \t]{1,3}(?:like|rather)[ \t]{1,3}to|(?:'m|[ \t]{1,3}am)[ \t]{1,3}going[ \t]{1,3}to)"
)
"""What follows "I" in saying what the user will do: "I'll", "I want to", "I'd rather", "I'm going to"."""
_KEEPS_THAT_ONE_RE = re.compile(
    rf"\bI{_INTEND}[ \t]{{1,3}}(?:do|write|rewrite|redo|finish|try|handle|answer|work[ \t]{{1,3}}out)[ \t]{{1,3}}"
    r"(?:that|this|it)(?:[ \t]{1,3}one)?[ \t]{1,3}(?:myself|on[ \t]{1,3}my[ \t]{1,3}own|by[ \t]{1,3}myself|later"
    r"|tomorrow|another[ \t]{1,3}(?:day|time)|next[ \t]{1,3}time)\b",
    re.I,
)
"""...and the label a sentence opens on when it ends by keeping "that one" ("(b) is the training-time
version of (c), I'll do that one myself")."""
_SENTENCE_END_CHAR_RE = re.compile(r"[.?!\n]")
_TRIED_BEFORE = re.compile(
    r"\b(?:tried|attempted|had[ \t]{1,3}a[ \t]{1,3}go[ \t]{1,3}at|took[ \t]{1,3}a[ \t]{1,3}stab[ \t]{1,3}at)"
    r"[ \t]{1,3}(?:part[ \t]{1,3})?$",
    re.I,
)
"""...but not one the user tried themself, which they bring to be checked: "I tried 7(b) myself: ... is
that right?"."""
_HOMEWORK_RE = re.compile(r"\b(?:hw|homework|assignment)[ \t#]{0,2}(\d{1,2})\b", re.I)
"""A homework named by its number alone ("a HW5 thing"), with or without a question."""
_ASK_WITH_BEFORE = re.compile(
    r"\b(?:help|assist|start|begin|starting|beginning)(?:\s{1,3}(?:me|us|off))?\s{1,3}with\s{1,3}(?:part\s{1,3})?$",
    re.I,
)
"""...except "help me with (b)" and "start with (c)", which ask it."""
_CHECKS_MINE_BEFORE = re.compile(
    r"\b(?:check|look[ \t]{1,3}(?:at|over)|review|grade|verify|go[ \t]{1,3}over|fix|improve|proofread)"
    r"[ \t]{1,3}my[ \t]{1,3}(?:part[ \t]{1,3})?$",
    re.I,
)
"""...and "could you double check my (i)?", which brings the user's own answer to be checked."""
_ONLY_AFTER = re.compile(r"[ \t]{0,3}only[ \t]{0,2}(?:[,.:;!?)—–-]|please\b|\n|$)", re.I)
_ONLY_BEFORE = re.compile(
    r"\b(?:only|just)[ \t]{1,3}(?:(?:need|want|do|ask|asking)[ \t]{1,3}(?:for[ \t]{1,3})?)?(?:parts?[ \t]{1,3})?$", re.I
)
"""Labels the turn restricts itself to: "parts (b) and (c) only:", "just (ii), please", "I only need
(c)", "I ONLY need part (b)"; the turn
asks those and no other part it mentions ("I'll do (a) later", "the gradients from part i")."""
_LABEL_JOIN = re.compile(r"[ \t]{0,3}(?:,[ \t]{0,3}and|,|&|and|or)[ \t]{0,3}", re.I)
_OWNER_BETWEEN = re.compile(r"\s{0,3}(?:,\s{0,2})?(?:under|of|in|for|from)\s{1,3}$", re.I)
"""Between a relative label and the question it belongs to: "(i) under Q3b", "part (c) of Q7"."""
REFERENCE_LOOKBACK = 24
FIRM_CUES = 2
"""A turn holding this many different cues of one part asks it, even when no reply shows an
answer a check can find (a wrong answer to a part graded on concepts)."""
_CUE_KEY = "\0"
"""Joins a part id and one of its cues in the cue automaton's keys."""
_SIDE_QUESTION_RE = re.compile(
    r"\b(?:side[ \t-]question|just curious|out of curiosity|off[ \t-]topic|unrelated"
    r"|not[ \t]{1,3}(?:(?:for|about|related[ \t]{1,3}to|part[ \t]{1,3}of)[ \t]{1,3})?(?:the[ \t]{1,3}|my[ \t]{1,3})?"
    r"(?:hw|homework|assignment))\b",
    re.I,
)
"""A user turn that says it asks beside the homework."""
_DEFINING_RE = re.compile(
    r"\b(?:what(?:'s|[ \t]{1,3}is|[ \t]{1,3}are)[ \t]{1,3}the[ \t]{1,3}difference[ \t]{1,3}between"
    r"|what[ \t]{1,3}does[ \t]{1,3}[^?\n]{1,40}[ \t]mean\b)",
    re.I,
)
"""A question about what words mean ("what's the difference between layer norm and batch norm?"): in
a part's cue words it asks no part, as a side question does."""
_RANGE_BETWEEN = re.compile(r"\s{0,3}(?:to|through|thru|-|–|—)\s{0,3}", re.I)
_LIST_BETWEEN = re.compile(r"[ \t]{0,3}(?:,[ \t]{0,3})?(?:and|&|or|/)?[ \t]{0,3}", re.I)
"""Between two labels of one list: "7b and 7c", "(a), (b)", "(b) & (c)", "7b/c"."""


_DIGIT_RE = re.compile(r"\d")
RESTATED_WITHIN = 60
"""Characters between a relative label and the absolute one that restates it on its line."""


def _restates(relative: Label, absolute: Label, text: str) -> bool:
    """Whether the absolute label names the relative one's part again, close after it on its line:
    "Part (c): for the ResNet blog question (4c)", "## Part (c) — Q4(c), most interesting approach"."""
    return (
        (relative.letter, relative.roman) == (absolute.letter, absolute.roman)
        and relative.letter is not None
        and absolute.start - relative.end <= RESTATED_WITHIN
        and "\n" not in text[relative.end : absolute.start]
    )


def _range(first: Label, last: Label, context: _Context, index: _PartIndex) -> list[str]:
    """The parts from one relative label to another: (a) to (c), (i)-(iii)."""
    if first.letter and last.letter and first.roman is None and last.roman is None:
        letters = "abcdefgh"
        a, b = letters.find(first.letter), letters.find(last.letter)
        keys = [Label(None, x) for x in letters[a : b + 1]] if 0 <= a <= b else []
    elif first.roman and last.roman and first.roman in ROMANS and last.roman in ROMANS:
        a, b = ROMANS.index(first.roman), ROMANS.index(last.roman)
        keys = [Label(None, first.letter, r) for r in ROMANS[a : b + 1]]
    else:
        return []
    return [p for key in keys for p in index.resolve(key, context)]


def _only_marked(text: str, labels: list[Label]) -> set[int]:
    """Indices of the labels in an "only" group: "(b) and (c) only", "only (b), (c)"."""
    marked: set[int] = set()
    for i, label in enumerate(labels):
        if _ONLY_AFTER.match(text, label.end):
            j = i
            while j not in marked:
                marked.add(j)
                if j == 0 or not _LABEL_JOIN.fullmatch(text, labels[j - 1].end, labels[j].start):
                    break
                j -= 1
        if _ONLY_BEFORE.search(text, max(0, label.start - REFERENCE_LOOKBACK), label.start):
            j = i
            while True:
                marked.add(j)
                if j + 1 == len(labels) or not _LABEL_JOIN.fullmatch(text, labels[j].end, labels[j + 1].start):
                    break
                j += 1
    return marked


_LETTER_TURN_RE = re.compile(r"[ \t\n]{0,3}((?-i:[a-h]))[?.!]?[ \t\n]{0,3}")
"""A turn that is one lowercase letter ("b", "c?"): the next part, asked."""


def _read_user_turn(text: str, context: _Context, index: _PartIndex) -> _UserTurn:
    labels = mentions(text)
    if not labels and (letter := _LETTER_TURN_RE.fullmatch(text)):
        labels = [Label(None, letter.group(1), None, None, letter.start(1), letter.end(1))]
    only = _only_marked(text, labels)
    only_ids: list[str] = []
    whole: list[list[str]] = []  # questions or groups named without one part
    specific: dict[str, list[str]] = {}
    ours = False
    owner_of: dict[int, Label] = {}  # relative label index -> the absolute label after it that owns it
    for i in range(len(labels) - 1):
        a, b = labels[i], labels[i + 1]
        if (
            a.q is None
            and b.q is not None
            and (
                (_OWNER_BETWEEN.search(text[a.end : b.start] or " ") and b.start - a.end < 16) or _restates(a, b, text)
            )
        ):
            owner_of[i] = b
    for i in range(len(labels) - 2, -1, -1):
        # "(i) and (ii) of 8a": the list's earlier labels belong to the owner of its last.
        if (
            i not in owner_of
            and i + 1 in owner_of
            and labels[i].q is None
            and _LIST_BETWEEN.fullmatch(text, labels[i].end, labels[i + 1].start) is not None
        ):
            owner_of[i] = owner_of[i + 1]
    owners = {id(b) for b in owner_of.values()}
    turn_homework: str | None = None  # the homework the turn last named ("HW5 Q7(b) ... Q7(c)")
    carried_foreign = context if context.q == _FOREIGN else None  # another homework's, from the turn before
    foreign_relative: list[Label] = []  # relative labels read in that carried context
    referenced: set[str] = set()  # parts the turn only points at ("it came up in part b")
    questioned: list[str] = []  # ... into whose answer it points ("in (i) you have XᵀX")
    unplaced: list[Label] = []  # "(a)", "(b)" with no question named before them
    # "I'll do 7b and 7c on my own": the whole list is kept, not just its last label.
    own_work = [False] * len(labels)
    for i in range(len(labels) - 1, -1, -1):
        tried = _TRIED_BEFORE.search(text, max(0, labels[i].start - REFERENCE_LOOKBACK), labels[i].start) is not None
        has_it = _ALREADY_AFTER.match(text, labels[i].end)
        if (
            has_it is not None
            and has_it.group("done") is None
            and i + 1 < len(labels)
            and _same_sentence(text, has_it.end(), labels[i + 1].start)
        ):
            # "3(b)(ii): I already have the conditions from part (i)": what is had is (i). Not "8a-iii
            # is done, now I need Q3 b": what is done is the label before.
            has_it = None
        own_work[i] = (
            (not tried and _OWN_WORK_AFTER.match(text, labels[i].end) is not None) or has_it is not None
        ) or (
            i + 1 < len(labels)
            and own_work[i + 1]
            and _LIST_BETWEEN.fullmatch(text, labels[i].end, labels[i + 1].start) is not None
        )
    # "(b) is the training-time version of (c), I'll do that one myself": the sentence's first label.
    keeps = list(_KEEPS_THAT_ONE_RE.finditer(text))
    if keeps:
        # Sentence ends and label starts found once, then bisected: linear however many phrases.
        ends = [m.end() for m in _SENTENCE_END_CHAR_RE.finditer(text)]
        starts = [lab.start for lab in labels]
        for keep in keeps:
            k = bisect_right(ends, keep.start()) - 1
            first = bisect_left(starts, ends[k] if k >= 0 else 0)
            if first < len(labels) and labels[first].start < keep.start():
                own_work[first] = True
    pointed = [False] * len(labels)  # after a word that points at or leaves out a part
    aside = [False] * len(labels)  # ... that leaves it out
    set_aside: set[str] = set()
    for i, label in enumerate(labels):
        window = max(0, label.start - REFERENCE_LOOKBACK)
        asking_with = (
            _ASK_WITH_BEFORE.search(text, window, label.start) is not None
            or _CHECKS_MINE_BEFORE.search(text, window, label.start) is not None
        )
        already = _already_before(text, label.start)
        listed = i > 0 and _LIST_BETWEEN.fullmatch(text, labels[i - 1].end, label.start) is not None
        # "Not (a) or (b), I've done those": the word covers the rest of its list.
        leaves_out = (
            _SETTING_ASIDE_BEFORE.search(text, window, label.start) is not None or already
        ) and not asking_with
        cites = label.homework is not None and (label.letter or label.roman)  # "from HW7 Q4(a): ..."
        points = (
            not cites
            and _POINTING_BEFORE.search(text, window, label.start) is not None
            and _ALL_OF_BEFORE.search(text, window, label.start) is None
        )
        pointed[i] = (leaves_out or (points and not asking_with)) or (listed and pointed[i - 1])
        pointing_in = points and not leaves_out and _IN_BEFORE.search(text, window, label.start) is not None
        aside[i] = own_work[i] or leaves_out or (listed and aside[i - 1])
        reference = pointed[i] or own_work[i]
        if label.q is not None:
            if label.homework is not None:
                turn_homework = label.homework
            if index.is_foreign(label) or (label.homework is None and turn_homework not in (None, COURSE_HOMEWORK)):
                # "HW5 Q7(b): ... and Q7(c) what happens at test time": the same homework's question
                context = _Context(_FOREIGN)
                continue
            ours = True
            context = _Context(label.q, label.letter)
            ids = index.resolve(label, context)
            if len(ids) > 1 or not (label.letter or label.roman):
                # A whole question or group (Q7, Q3b): its parts are asked unless the turn names some.
                if ids and not reference and id(label) not in owners and ids not in whole:
                    whole.append(ids)
                continue
        else:
            owner = owner_of.get(i)
            if owner is not None and not index.is_foreign(owner):
                context = _Context(owner.q, owner.letter)
            if context.q in (None, _FOREIGN):
                if context.q is None and not reference:
                    unplaced.append(label)
                elif context is carried_foreign and not reference:
                    # "(b)" in the turn after another homework's question: that homework's part,
                    # unless the turn's own cue words place it in one of ours (below).
                    foreign_relative.append(label)
                continue
            ids = index.resolve(label, context)
            previous = labels[i - 1] if i else None
            ranged = None
            if (
                previous is not None
                and previous.q is None
                and _RANGE_BETWEEN.fullmatch(text, previous.end, label.start)
            ):
                ranged = _range(previous, label, context, index)  # "parts (a) to (c)"
            if label.letter:
                context = _Context(context.q, label.letter)
            if not ranged and len(ids) > 1:
                # "back to (a): (i) ... and (iii)": a group asks its parts unless the turn names some.
                if not reference and ids not in whole:
                    whole.append(ids)
                continue
            ids = ranged or ids
        if reference:
            referenced.update(ids)
            if pointing_in:
                questioned.extend(p for p in ids if p not in questioned)
            if aside[i]:
                set_aside.update(ids)
                # "There's also a part (c) ... but I'll do (c) later myself": named before it is set
                # aside, it is not asked (a later mention may ask it again).
                for pid in ids:
                    bucket = specific.get(_question_of(pid), [])
                    if pid in bucket:
                        bucket.remove(pid)
            continue
        if i in only:
            only_ids += ids
        for pid in ids:
            ours = True
            bucket = specific.setdefault(_question_of(pid), [])
            if pid not in bucket:
                bucket.append(pid)
    marks = list(_HOMEWORK_RE.finditer(text))
    homework_named = any(m.group(1) != COURSE_HOMEWORK for m in marks)
    # "HW5 Q2(c): ... HW7: what was the baseline time?": a turn naming another homework and ours asks
    # in the stretches after ours, if their cue words ask anything ("Before HW7, a leftover from
    # HW6: ..." does not).
    ours_text = (
        _our_stretches(text, marks) if homework_named and any(m.group(1) == COURSE_HOMEWORK for m in marks) else ""
    )
    ours_asks = bool(ours_text) and bool(index.cue_counts(ours_text))
    if ours_asks and context.q == _FOREIGN:
        context = _Context()  # the turn ends on ours, not on the other homework's question
    asking, kept = _split_kept_sentences(ours_text if ours_asks else text)
    kept_by_cues = index.by_cues(kept) if kept else []
    referenced.update(kept_by_cues)
    aside_ids = frozenset(set_aside.union(kept_by_cues))
    named: list[str] = []
    groups = {_question_of(p) for ids in [*whole, *specific.values()] for p in ids}
    # Not in a turn that also names another homework: its list may number that homework's questions.
    numbering = (
        ()
        if homework_named
        else _numbered_items(text, labels, index, groups | {_question_of(p) for p in referenced}, context)
    )
    # "hw7 q4: 1. baseline vs final 2. what i learned": the items name the parts asked, as labels do.
    chosen = {p for ids in specific.values() for p in ids} | {p for _, p in numbering}
    from_whole: list[str] = []  # parts asked only as part of a whole question
    for group in whole:
        if not chosen.intersection(group):
            from_whole += [p for p in group if p not in referenced]
    named += from_whole
    for ids in specific.values():
        named += [p for p in ids if p not in named]
    named += [p for _, p in numbering if p not in named and p not in referenced and p not in aside_ids]
    if numbering and context.q in (None, _FOREIGN):
        numbered_qs = {_question_of(p) for _, p in numbering}
        context = _Context(numbered_qs.pop()[1:]) if len(numbered_qs) == 1 else context
    named = [p for p in index.ids if p in (only_ids or named)]
    if not ours and foreign_relative and not homework_named and context is carried_foreign:
        # After a side question from another homework, "ok can you also do (b) then, ~100 words on what
        # I learned?" is back on ours when its cue words name one question of ours.
        lead = _leader(Counter(_question_of(p) for p in index.by_cues(asking) if p not in referenced))
        if lead is not None:
            placed = _Context(lead[1:])
            asked = {p for label in foreign_relative for p in index.resolve(label, placed)} - referenced
            if asked:
                return _UserTurn([p for p in index.ids if p in asked], True, placed, set_aside=aside_ids)
    if not ours and not ours_asks and ((labels and context.q == _FOREIGN) or homework_named):
        # "HW6 Question 2: ...", or "first a HW5 thing: why does dropout ...": another homework's
        # question, whatever our cue words it holds.
        return _UserTurn([], True, _Context(_FOREIGN), foreign_only=True)
    if named:
        whole_only = tuple(p for p in from_whole if p in named)
        return _UserTurn(named, True, context, set_aside=aside_ids, numbering=numbering, whole=whole_only)
    cue_counts = index.cue_counts(asking)
    cued = [p for p in index.ids if cue_counts[p] and p not in referenced]
    by_question = Counter(_question_of(p) for p in cued)
    named_q = index.question_named(asking) if unplaced else None
    if named_q is not None:
        # "the reading question on the How to Train Your ResNet series ... part (c) first": the
        # question's own name places its labels, whatever other parts' cue words ("batch norm") say.
        placed = _Context(named_q)
        asked = {p for label in unplaced for p in index.resolve(label, placed)} - referenced
        if asked:
            return _UserTurn([p for p in index.ids if p in asked], True, placed, set_aside=aside_ids)
    lead = _leader(by_question) if unplaced else None
    if lead is not None:
        # "(a) baseline time? (b) what you learnt? (c) ..." under the blog's title: the labels
        # belong to the question the turn's cues name, or the one most of its cued parts are in
        # ("h_t ... at evaluation time" over a stray "training time").
        placed = _Context(lead[1:])
        asked = {p for label in unplaced for p in index.resolve(label, placed)} - referenced
        if asked:
            return _UserTurn([p for p in index.ids if p in asked], True, placed, set_aside=aside_ids)
    # Cues ask weakly: the part is reported only if a reply answers it (see `PartAnswers.weak`).
    if cued:
        q = _question_of(cued[0])[1:]
        firm = tuple(p for p in cued if cue_counts[p] >= FIRM_CUES)
        context = _Context(q) if len(by_question) == 1 else context
        return _UserTurn(cued, False, context, firm_cues=firm, set_aside=aside_ids, questioned=tuple(questioned))
    return _UserTurn([], False, context, set_aside=aside_ids, questioned=tuple(questioned))


_NUMBERED_ITEM_RE = re.compile(r"^[ \t>*-]{0,4}\(?([1-9])[.)][ \t]+([^\n]*)", re.M)
"""A numbered item of a user's list: "1. how many linear layers", "(2) which loss fn"."""
NUMBERED_MIN_ITEMS = 2


def _numbered_items(
    text: str, labels: list[Label], index: _PartIndex, questions: set[str], context: _Context
) -> tuple[tuple[str, str], ...]:
    """The numbered items of a user's turn that each ask one part, as ("question.item", part).

    A question's items run 1, 2, ... under its label ("Q7 (...): 1. ... 2. ... 3. ..."), or under the
    one question the turn names or is on. Its items name its first parts in order when no item's own
    label or cue words name another ("4. (part b) ...", "2. which loss fn (L1Loss / MSELoss)") and,
    fewer than its parts, some item's do ("1. baseline vs final 2. ~100 words on what i learned");
    otherwise each item asks the one part its label or cue words name. At least two items must each
    ask a different part."""
    if _NUMBERED_ITEM_RE.search(text) is None:
        return ()
    heads = [(m.start, m.q) for m in labels if m.q is not None and not index.is_foreign(m)]
    starts = [h for h, _ in heads]
    fallback = next(iter(questions))[1:] if len(questions) == 1 else context.q
    if fallback in (None, _FOREIGN):
        # "For the How to Train Your ResNet posts: 1. ... 2. ...": the question the turn's words name.
        fallback = index.question_named(text) or _one_question_cued(text, index)
    items: dict[str, list[tuple[str, str | None]]] = {}  # question -> (item number, part it names)
    for m in _NUMBERED_ITEM_RE.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        q = heads[k][1] if k >= 0 else fallback
        if q is None or q == _FOREIGN:
            continue
        listed = items.setdefault(q, [])
        if int(m.group(1)) == len(listed) + 1:
            listed.append((m.group(1), _item_part(m.group(2), q, index)))
    found: list[tuple[str, str]] = []
    for q, listed in items.items():
        parts = [p for p in index.ids if _question_of(p) == f"q{q}"]
        in_order = (
            len(listed) <= len(parts)
            and all(named in (None, part) for (_, named), part in zip(listed, parts))
            and (len(listed) == len(parts) or any(named is not None for _, named in listed))
        )
        for (number, _), part in zip(listed, parts if in_order else [n for _, n in listed]):
            if part is not None and all(part != p for _, p in found):
                found.append((f"{q}.{number}", part))
    return tuple(found) if len(found) >= NUMBERED_MIN_ITEMS else ()


def _item_part(item: str, q: str, index: _PartIndex) -> str | None:
    """The one part of question `q` a numbered item names by its own label, else by its cue words."""
    labelled = [p for label in mentions(item) if label.letter or label.roman for p in index.resolve(label, _Context(q))]
    if labelled:
        return labelled[0] if len(labelled) == 1 else None
    counts = index.cue_counts(item)
    return _leader(Counter({p: n for p, n in counts.items() if _question_of(p) == f"q{q}"}))


def _our_stretches(text: str, marks: list[re.Match[str]]) -> str:
    """The text from each mention of this homework to the next mention of another one."""
    pieces: list[str] = []
    start: int | None = None  # where the stretch being read began
    for mark in marks:
        ours = mark.group(1) == COURSE_HOMEWORK
        if ours and start is None:
            start = mark.start()
        elif not ours and start is not None:
            pieces.append(text[start : mark.start()])
            start = None
    if start is not None:
        pieces.append(text[start:])
    return "\n".join(pieces)


_SENTENCE_CUT_RE = re.compile(r"(?<=[.?!])\s+|\n")
_KEEPS_RE = re.compile(rf"\b(?:{_FOR_MYSELF})\b|\bI'll do (?:that|it|this)\b[^.?!\n]{{0,40}}\blater\b", re.I)


def _split_kept_sentences(text: str) -> tuple[str, str]:
    """The turn without the sentences in which the user keeps a part for themself ("There's also a
    part about the most interesting technique but I'll do that one myself later"), and those
    sentences: their cue words ask nothing, and leave their part out of a whole question."""
    if not _KEEPS_RE.search(text):
        return text, ""
    asking: list[str] = []
    kept: list[str] = []
    for piece in _SENTENCE_CUT_RE.split(text):
        (kept if _KEEPS_RE.search(piece) else asking).append(piece)
    return " ".join(asking), " ".join(kept)


_CARRIES_ON_RE = re.compile(r"\s{0,3}(?:same|and|now|next|also|then|what[ \t]about|how[ \t]about)\b", re.I)
"""Words a turn opens with to go on to the next part rather than argue with the last answer."""


def _pushes_back(text: str, turn: _UserTurn, last_answered: list[str]) -> bool:
    """A turn in cue words that argues with the last answer rather than asking a sibling: it cues
    the last answered part itself ("wait, but weight decay shrinks weights, so NOT orthonormal?"
    after q8b, a sibling's words too), or, without a question, only touches a sibling's topic ("I
    think the answer is no, weight decay just shrinks weights")."""
    if turn.by_label or not turn.named or not last_answered:
        return False
    if last_answered[-1] in turn.named:
        return True
    if "?" in text or _CARRIES_ON_RE.match(text):
        return False  # "same for eval", "and at test time": the next part, asked
    current = _question_of(last_answered[-1])
    return all(_question_of(p) == current for p in turn.named)


def _parts_named_in(text: str, context: _Context, index: _PartIndex, asked: list[str]) -> list[str]:
    """The asked parts a reply names in its running text (not as labels at line starts), except in
    a sentence that says a part's answer stands ("the ones I used in (ii), so that part is
    unaffected" is about the part being corrected, not (ii))."""
    found: list[str] = []
    standing = standing_spans(text)
    starts = [s for s, _ in standing]
    for label in mentions(text):
        if label.q is not None and index.is_foreign(label):
            continue
        k = bisect_right(starts, label.start) - 1
        if k >= 0 and label.start < standing[k][1]:
            continue
        for pid in index.resolve(label, context):
            if pid in asked and pid not in found:
                found.append(pid)
    return found


def _cued_among(parts: list[str], texts: Iterable[str], index: _PartIndex) -> list[str]:
    """The one of `parts` a follow-up is about when it names none: the one whose cue words the push-back
    holds, else the one the reply's do ("doesn't a single m×m layer lose that?" after an answer to
    (i) and (ii), replied to with "you need two linear layers")."""
    for text in texts:
        hits = index.by_cues(text, parts)
        if len(hits) == 1:
            return hits
    return []


_NUMBERED_LEAD_RE = re.compile(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3}(?:\*\*|__)?|\*\*|__)[ \t]{0,2}(?:[^\w\s(*]{1,3}[ \t]{1,2})?"
    r"\(?([1-9])(?:[.)]\)?|\ufe0f?\u20e3)(?=[\s*_]|$)"
)
"""A heading or bold lead that opens on a number, after an emoji or not: "### 1. Starting point",
"**(2) Loss function: ...**", "## 📊 1) Baseline vs. final", "## 1️⃣ Baseline vs. final"."""
_NUMBER_REF_RE = re.compile(r"\b(?:number|no\.|num)[ \t]?#?([1-9])\b|(?<![\w#])#([1-9])\b", re.I)
"""A user's reference to an item of their numbered list: "number 2", "#3"."""


def _numbered_part(numbering: Mapping[str, str], context: _Context, number: str) -> str | None:
    """The part the user's list numbered so under the reply's question, or under the one question
    the list had."""
    found = numbering.get(f"{context.q}.{number}")
    if found is None and len({_question_of(p) for p in numbering.values()}) == 1:
        found = next((p for key, p in numbering.items() if key.endswith(f".{number}")), None)
    return found


def _context_of(part_id: str) -> _Context:
    """The context a part id sets: its question and letter (`q8a.ii` -> 8, a)."""
    q = _question_of(part_id)
    rest = part_id[len(q) :]
    return _Context(q[1:], rest[:1] or None)


def _one_question_cued(text: str, index: _PartIndex) -> str | None:
    """The question (its number) that most of the parts cued in the text belong to, if one leads."""
    return _leader(Counter(_question_of(p)[1:] for p in index.by_cues(text)))


def _leader(counts: Counter[str]) -> str | None:
    """The key counted most, when no other key is counted as often."""
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def _question_of(part_id: str) -> str:
    m = re.match(r"q\d+", part_id)
    return m.group() if m else part_id


def find_answers(
    conversation: Conversation,
    part_ids: Sequence[str],
    cues: dict[str, Sequence[str]] | None = None,
    asked: Iterable[str] = (),
    question_cues: dict[str, Sequence[str]] | None = None,
) -> dict[str, PartAnswers]:
    """Answers per asked part id. A part asked but never answered comes back with no attempts,
    so the report can call it missing. `asked` adds parts known to have been asked (native
    transcripts record them). With no user turn that names a part, the parts answered count as
    asked (a pasted answer with no prompt)."""
    index = _PartIndex.build(part_ids, cues, question_cues)
    attempts: dict[str, list[AttemptText]] = {}
    questions: dict[str, str] = {}
    asked_ids: list[str] = [a for a in asked if a in index.ids]
    context = _Context()
    last_user = ""
    last_answered: list[str] = []
    turn_info: _UserTurn | None = None
    firmly: set[str] = set(asked_ids)  # asked by a label or recorded as asked, not only by cues
    cue_firmed: set[str] = set()  # of which, by the last user turn's cue words alone
    set_aside: set[str] = set()  # done or left out by the user, until a turn names it
    numbering: dict[str, str] = {}  # the last numbered list of the user's: "1" -> q8a.i
    previous_foreign = False  # the last user turn asked another homework's question
    scene: set[str] = set()  # parts the last user turn asked only as its whole question

    for turn_no, turn in enumerate(conversation.turns):
        if turn.role == "user":
            last_user = turn.text
            turn_info = _read_user_turn(turn.text, context, index)
            after_foreign = previous_foreign
            previous_foreign = turn_info.foreign_only
            if after_foreign and not turn_info.by_label and index.question_named(turn.text) is None:
                # "hw5 question: why scale by 1/(1-p) in inverted dropout?", then "and does it matter
                # for batchnorm after dropout?": a follow-up on the other homework's question, not an
                # ask of ours in its cue words (a label, or one of our questions named, returns to ours).
                turn_info = _UserTurn([], False, turn_info.context, foreign_only=True, set_aside=turn_info.set_aside)
                previous_foreign = True
            elif not turn_info.by_label and (_SIDE_QUESTION_RE.search(turn.text) or _DEFINING_RE.search(turn.text)):
                # "side question not for the hw: would beam search have fixed it?": the reply
                # answers no part, whatever the part's words it uses.
                turn_info = _UserTurn([], False, turn_info.context, foreign_only=True, set_aside=turn_info.set_aside)
            elif _pushes_back(turn.text, turn_info, last_answered) or (
                not turn_info.by_label and any(p in attempts for p in turn_info.questioned)
            ):
                # ...and "hm, in (i) you have XᵀX, shouldn't it be XXᵀ?" is about (i), whatever
                # other parts' words it uses.
                turn_info = replace(turn_info, named=[], firm_cues=())
            if turn_info.numbering:
                numbering = dict(turn_info.numbering)
            elif numbering and not turn_info.named and (ref := _NUMBER_REF_RE.search(turn.text)):
                # "can you make number 2 sound less formal": the part the user's list numbered 2.
                pid = _numbered_part(numbering, context, ref.group(1) or ref.group(2) or "")
                if pid is not None:
                    turn_info = replace(turn_info, named=[pid], by_label=True, context=_context_of(pid))
            set_aside = (set_aside - set(turn_info.named if turn_info.by_label else ())) | turn_info.set_aside
            if not turn_info.by_label and set_aside.intersection(turn_info.named):
                # "I've done (a)", then "what's DAWNBench?": a set-aside part's cue words do not ask it.
                kept = [p for p in turn_info.named if p not in set_aside]
                turn_info = replace(turn_info, named=kept, firm_cues=tuple(p for p in turn_info.firm_cues if p in kept))
            context = turn_info.context
            asked_ids.extend(p for p in turn_info.named if p not in asked_ids)
            # Parts asked only as a whole question are firm once a reply answers one of them (below);
            # a turn before that reply which names a part asks it.
            scene = (scene - (set(turn_info.named) - set(turn_info.whole))) | (set(turn_info.whole) - firmly)
            if turn_info.by_label:
                firmly.update(turn_info.named)
            cue_firmed = set(turn_info.firm_cues) - firmly
            firmly.update(cue_firmed)
            continue
        if turn_info is not None and turn_info.foreign_only:
            continue  # a reply to another homework's question
        follow_up = turn_info is not None and not turn_info.named
        if turn_info is None or not turn_info.named:
            default, explicit = (last_answered[-1:] if turn_info is not None else []), False
            if turn_info is not None:
                # "the corrected answer for (a) is: ... (b) and (c) are unaffected": a follow-up
                # reply revisits the asked part it names first, not the last one answered.
                said = _parts_named_in(turn.text, context, index, asked_ids)
                # "you skipped the autoencoder loss one": the reply answers the asked part still
                # unanswered of which it holds `FIRM_CUES` different cue words.
                unanswered = [p for p in asked_ids if p not in attempts and p not in set_aside]
                counts = index.cue_counts(turn.text) if unanswered and not said else Counter()
                skipped = [p for p in unanswered if counts[p] >= FIRM_CUES]
                # The part the user pointed into ("hm, in (i) you have XᵀX") when the reply names
                # none of those, only others in passing ("... as in part (ii)").
                questioned = [p for p in turn_info.questioned if p in attempts]
                if len(questioned) == 1 and questioned[0] not in said:
                    default = questioned
                elif said:
                    default = said[:1]
                elif len(skipped) == 1:
                    default = skipped
                elif len(last_answered) > 1:
                    default = _cued_among(last_answered, (last_user, turn.text), index) or default
                # "I'll try (ii) on my own first" -> "Sounds good. Hint: ...": no attempt at (ii).
                default = [p for p in default if p not in set_aside]
        else:
            default, explicit = turn_info.named, turn_info.by_label
        named_here = turn_info.named if turn_info is not None and turn_info.by_label else []
        if turn_info is None and context.q is None:
            # A pasted answer with no prompt ("Machine Translation ... (a) ... (b) ..."): its relative
            # labels belong to the question its words name.
            q = index.question_named(turn.text) or _one_question_cued(turn.text, index)
            context = _Context(q) if q is not None else context
        before = context
        pieces, context = _split_answer(turn.text, context, index, default, named_here, explicit, numbering)
        if turn_info is not None and turn_info.named and not turn_info.by_label:
            # Cue words ask weakly. A reply that answers another asked part under its label
            # ("**Corrected answer for Q4(a):**" after "weren't there posts on weight decay and batch
            # norm?") is about that part: the text before the label is its preamble, not an answer
            # to the parts the cue words named. One with no label that names such a part in its
            # text is about that part as a whole.
            under_labels = {p[0] for p in pieces if p[3]}
            said = [] if under_labels else _parts_named_in(turn.text, before, index, asked_ids)
            if under_labels - set(turn_info.named):
                pieces = [p for p in pieces if p[3] or p[0] in under_labels]
                firmly -= cue_firmed  # the cue words were about that part, not a question pasted anew
            elif said and not set(said) & set(turn_info.named):
                default, follow_up = said[:1], True
                firmly -= cue_firmed
                pieces, context = _split_answer(turn.text, before, index, default, named_here, explicit, numbering)
        from_cues = False
        if not pieces:
            within = default if default else None
            hits = [p for p in index.by_cues(turn.text, within) if p not in set_aside]
            # "no it's fine, I'll rewrite (b) myself" -> "Sounds good. If you do, the weight-decay
            # discussion ...": a reply to a turn that only sets parts aside answers none.
            only_sets_aside = turn_info is not None and not turn_info.named and bool(turn_info.set_aside)
            # "Suggest a first sentence for a cover letter" -> "... the thing I learned ...": a reply to
            # a turn that asks nothing of ours, before any part was asked, answers none by its cue
            # words (a pasted answer with no prompt at all still does, and so does a reply to a turn
            # with a label it could not place: "Part (c): at eval time, ...").
            asks_nothing = turn_info is not None and not turn_info.named and not asked_ids and not mentions(last_user)
            if (
                hits
                and not only_sets_aside
                and not asks_nothing
                and (within is not None or turn_info is None or not turn_info.named)
            ):
                pieces = [(pid, turn.text, explicit or within is None, False) for pid in hits]
                from_cues = True
        gives_the_point = (
            turn_info is not None
            and turn_info.named
            and not turn_info.by_label
            and not turn_info.firm_cues
            and concedes(turn.text)
        )
        if gives_the_point:
            # "I'm not sure I buy this: weight decay just shrinks every weight ..." after (b), and
            # "That's a fair point ...": the push-back used a sibling's cue words, the reply is about
            # the last answer (below), not an answer to the sibling.
            pieces = [p for p in pieces if p[3] or p[0] in last_answered]
        answered_here: list[str] = []
        for part_id, text, is_explicit, labelled in pieces:
            if not text.strip():
                continue
            bucket = attempts.setdefault(part_id, [])
            if bucket and bucket[-1].turn == turn_no:
                prev = bucket[-1]
                bucket[-1] = AttemptText(
                    turn_no, prev.text + "\n" + text, prev.explicit or is_explicit, follow_up, prev.labelled or labelled
                )
            else:
                bucket.append(AttemptText(turn_no, text, is_explicit, follow_up, labelled))
            questions.setdefault(part_id, last_user)
            if part_id not in answered_here:
                answered_here.append(part_id)
            if not named_here and part_id not in asked_ids and (turn_info is None or not turn_info.named):
                asked_ids.append(part_id)  # a reply to a turn that named no part answers what it labels
                if not from_cues:
                    firmly.add(part_id)
        if gives_the_point and not any(p[3] for p in pieces):
            # "is progressive resizing really in that series? re-check please" brushes a sibling's
            # cue word (DAWNBench) while it pushes back on the last answer, and the reply gives the
            # user the point: it may be a new answer to the last part, kept only if it answers it
            # (see `score.FOLLOW_UP_SHARE`).
            for part_id in last_answered:
                if part_id not in answered_here:
                    attempts.setdefault(part_id, []).append(AttemptText(turn_no, turn.text, False, True, False))
                    answered_here.append(part_id)
        if scene and not scene.intersection(answered_here):
            # "seq2seq translation q (hw7 #7)", answered with "Got it, what's the first part?": the
            # whole question set the scene; its parts are asked only as later turns name them.
            firmly -= scene
        scene = set()
        if answered_here:
            last_answered = answered_here

    result = {
        pid: PartAnswers(pid, tuple(attempts.get(pid, ())), questions.get(pid, ""), weak=pid not in firmly)
        for pid in asked_ids
    }
    return {pid: result[pid] for pid in index.ids if pid in result}


def _split_answer(
    text: str,
    context: _Context,
    index: _PartIndex,
    default: list[str],
    named: list[str],
    explicit: bool,
    numbering: Mapping[str, str] | None = None,
) -> tuple[list[tuple[str, str, bool, bool]], _Context]:
    """Cut an assistant message at part labels; text before the first label goes to `default`
    (when it is one part). A relative label naming a part the turn did not ask is content (a
    numbered step "(i)" inside an answer to (ii)), not a label."""
    pieces: list[tuple[str, str, bool, bool]] = []
    current: list[str] = list(default)
    buffer: list[str] = []
    saw_label = False
    in_fence = False
    turn_q = context.q
    reply_named_q = False  # this reply named the question its relative labels belong to ("## Q7")

    def flush() -> None:
        if buffer and len(current) == 1:
            pieces.append((current[0], "\n".join(buffer), explicit or saw_label, saw_label))
        buffer.clear()

    candidates = {m.start() for m in LABEL_LINE_CANDIDATE.finditer(text)}
    columns: dict[int, str] = {}  # a table whose header names parts: column -> part
    column_rows: dict[str, list[str]] = {}
    pos = 0
    for line in text.split("\n"):
        at, pos = pos, pos + len(line) + 1
        if "```" in line and line.lstrip().startswith("```"):
            in_fence = not in_fence
        if line.lstrip().startswith("|") and not in_fence:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if columns and not _TABLE_RULE.fullmatch(line.strip()):
                for k, pid in columns.items():
                    if k < len(cells):
                        column_rows.setdefault(pid, []).append(f"{cells[0]} = {cells[k]}")
            elif not columns:
                columns = _part_columns(cells, context, index, named, turn_q)
        else:
            columns = {}
        label = line_label(line) if at in candidates and not in_fence else None
        if label is not None and label.q is None and label.letter and _DIGIT_RE.search(line, label.end):
            # "## Part (c) — Q4(c), most interesting approach": the part the line names in full.
            label = next((m for m in mentions(line) if m.q is not None and _restates(label, m, line)), label)
        if label is None and context.q is None and turn_q is None and not in_fence:
            # With no question known yet, "7. Machine Translation" names the question that the
            # "(a)", "(b)" below belong to; once one is known, such a line is a list item.
            q = numbered_title(line)
            label = Label(q) if q in index.questions else None
            if label is None:
                # "Notes on HW7 Question 4 (the ResNet blog)": a line that names one of our
                # questions in its text sets the context of the "(a)" below without labelling it.
                named_qs = {m.q for m in mentions(line) if m.q and not m.letter and not m.roman}
                if len(named_qs) == 1 and (q := next(iter(named_qs))) in index.questions:
                    context, reply_named_q = _Context(q), True
        if label is not None:
            target = _label_target(label, context, index, named, turn_q, reply_named_q)
            if target is not None and label.q is None and label.letter and label.roman is None and not reply_named_q:
                target = _by_heading_cues(line, label.letter, target, index, named)
            if target is not None:
                if not saw_label and len(current) > 1 and opens_with_lead(line) and not mentions("\n".join(buffer)):
                    # "You're right, at evaluation ... w_3 = saw ...", then "✅ Corrected answer (c):
                    # <sos>, I, saw, a, dog": the opening is the working of the part the line sums up.
                    current = list(target[1])
                elif (
                    not saw_label
                    and len(current) > 1
                    and target[1][:1] == current[1:2]
                    and _question_of(current[0]) == _question_of(current[1])
                ):
                    # The reply opens on the first asked part unlabelled and labels the second
                    # ("Step 1 ... Step 3", then "(ii)"): the opening answers the first, unless
                    # it talks about the parts ("happy to do (c), but (b) is yours to write"). Not
                    # across questions: "Let me go through these.", then "### HW7 8a-i", is no
                    # answer to the 7(a) asked too. Nor is a sentence that only introduces the reply
                    # ("Let's work through the decoder inputs first.").
                    opening = "\n".join(buffer)
                    lines = sum(1 for b in buffer if b.strip())
                    if not mentions(opening) and (lines > 1 or len(opening.split()) >= OPENING_MIN_WORDS):
                        current = current[:1]
                flush()
                saw_label = True
                context, current = target
                reply_named_q = reply_named_q or label.q is not None
                if line.lstrip().startswith("|"):
                    # "| 8a-i | **2** | ... |": the label's cell names the part; it is no answer ("8", "7b").
                    line = line[: label.start] + " " * (label.end - label.start) + line[label.end :]
        elif numbering and not in_fence and (lead := _NUMBERED_LEAD_RE.match(line)):
            # "**1. Number of linear layers: 2**" after the user's "1. how many linear layers": a
            # heading or bold lead numbered as the user's list was (a plain list item is content),
            # under the question the reply is on when the user numbered several.
            numbered = _numbered_part(numbering, context, lead.group(1))
            if numbered is not None:
                flush()
                saw_label = True
                current = [numbered]
                context = _context_of(numbered)
        buffer.append(line)
    flush()
    for pid, rows in column_rows.items():
        pieces.append((pid, "\n".join(rows), True, True))
        saw_label = True
    if not saw_label and len(default) > 1:
        # "... h_t only encodes the first t words ...; for (b), training uses teacher forcing ...; and
        # for (c), at evaluation ...": one paragraph for several parts, cut where each is turned to.
        pieces = _inline_pieces(text, context, index, default, explicit)
    if not saw_label and not default:
        return [], context
    return pieces, context


def _inline_pieces(
    text: str, context: _Context, index: _PartIndex, asked: list[str], explicit: bool
) -> list[tuple[str, str, bool, bool]]:
    """The text cut at the clauses that turn to each asked part by its label in running text: each
    part's first mention cuts at the start of its clause (after the last `;`, `.`, `!` or `?`), and
    the text before the second part's cut is the first's. Two parts at least, in order."""
    cuts: list[tuple[int, str]] = []
    for label in mentions(text):
        ids = index.resolve(label, context) if label.letter or label.roman else []
        if len(ids) != 1 or ids[0] not in asked or any(ids[0] == p for _, p in cuts):
            continue
        if not cuts:
            cuts.append((0, ids[0]))
            continue
        clause = max(text.rfind(c, cuts[-1][0], label.start) for c in ";.!?\n") + 1
        cuts.append((clause if clause > cuts[-1][0] else label.start, ids[0]))
    if len(cuts) < 2:
        return []
    ends = [at for at, _ in cuts[1:]] + [len(text)]
    return [(pid, text[at:end].strip(), explicit, True) for (at, pid), end in zip(cuts, ends)]


OPENING_MIN_WORDS = 25
"""An unlabelled opening of one line this long may answer the first part asked; a shorter one
introduces the reply ("Let's work through the decoder inputs first.")."""
_TABLE_RULE = re.compile(r"\|?[ \t:|-]{3,}")
"""A table's header rule (`|---|:---:|`)."""
TABLE_MAX_COLUMNS = 12


def _part_columns(
    cells: list[str], context: _Context, index: _PartIndex, named: list[str], turn_q: str | None
) -> dict[int, str]:
    """Columns of a table header that name one part each ("| Slot | 7 b) Training | 7 c) Evaluation |",
    "| | Training (b) | Evaluation (c) |"): two or more make a side-by-side table, read column by column."""
    found: dict[int, str] = {}
    for k, cell in enumerate(cells[1:TABLE_MAX_COLUMNS], start=1):
        named_in = mentions(cell)
        label = line_label(cell) or (named_in[0] if len(named_in) == 1 else None)
        target = _label_target(label, context, index, named, turn_q) if label is not None else None
        if target is not None and len(target[1]) == 1:
            found[k] = target[1][0]
    return found if len(found) >= 2 else {}


def _with_letter(part_ids: list[str], letter: str) -> list[str]:
    """The parts lettered `letter`, in any question (`q7a`, `q8a.ii` for "a")."""
    return [p for p in part_ids if p[len(_question_of(p)) :][:1] == letter]


def _by_heading_cues(
    line: str, letter: str, target: tuple[_Context, list[str]], index: _PartIndex, named: list[str]
) -> tuple[_Context, list[str]]:
    """ "### (a) Problem with feeding h_t into step t" in a reply to "Q7(a) ... Q4(a)": when asked
    parts of several questions share the letter, the one whose cues the label's line holds."""
    lettered = _with_letter(named, letter)
    if len({_question_of(p) for p in lettered}) < 2:
        return target
    cued = {_question_of(p) for p in index.by_cues(line, lettered)}
    if len(cued) != 1:
        return target
    q = cued.pop()
    return _Context(q[1:], letter), [p for p in lettered if _question_of(p) == q]


def _label_target(
    label: Label,
    context: _Context,
    index: _PartIndex,
    named: list[str],
    turn_q: str | None,
    reply_named_q: bool = False,
) -> tuple[_Context, list[str]] | None:
    """Where a label line sends the text after it, or None when the line is not a label here.
    Under a question the reply named itself ("## Q7"), "(a)" is that question's, whatever other
    question's (a) the turn asked (`reply_named_q`)."""
    if label.q is not None:
        if index.is_foreign(label):
            return _Context(_FOREIGN), []
        if not (label.letter or label.roman) and label.q not in index.questions:
            return None
        new = _Context(label.q, label.letter)
        return new, index.resolve(label, new)
    if context.q is None or context.q == _FOREIGN:
        if turn_q is None or turn_q == _FOREIGN:
            return None
        context = _Context(turn_q)
    ids = index.resolve(label, context)
    if not ids and label.letter is None and label.roman:
        # "(i)" after a turn that ended on "(b)": the one asked part with that numeral.
        ids = [p for p in named if p.endswith(f".{label.roman}")]
        if len(ids) != 1:
            return None
        return _Context(context.q, ids[0].split(".")[0][len(_question_of(ids[0])) :] or None), ids
    if (
        ids
        and named
        and label.letter
        and label.roman is None
        and not reply_named_q
        and not any(p in named for p in ids)
    ):
        # "(a)" in a reply to "Q4(a) ... Q7 b)": the one asked part with that letter, wherever the
        # context last was.
        lettered = _with_letter(named, label.letter)
        if len({_question_of(p) for p in lettered}) == 1:
            q = _question_of(lettered[0])
            return _Context(q[1:], label.letter), lettered
    if not ids:
        return None
    if (
        label.letter is None
        and named
        and not any(p in named for p in ids)
        and all(_question_of(p) == _question_of(named[0]) for p in ids)
    ):
        return None  # "(i)" numbering steps inside an answer to (ii); a lettered "(b)" still cuts
    return _Context(context.q, label.letter or context.letter), ids
