"""Read one user turn into the parts it asks: by label in any form, as a whole question, as a numbered
list, or by cue words; and the parts it sets aside ("I'll do (b) myself"), points into ("in (i) you
have XᵀX") or restricts itself to ("(c) only"). Pure: a turn's text and the context in, `UserTurn` out."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Collection, Iterator, Mapping, Sequence

from ..regexes import regex
from ..text.labels import LABEL_LINE_CANDIDATE, ROMANS, Label, line_label, mentions, opens_line
from ..text.phrases import line_starts
from ..text.sentences import split_sentences
from ..text.spoken_labels import spelled_labels
from .parts import (
    COURSE_HOMEWORK,
    FOREIGN,
    Context,
    PartIndex,
    context_of,
    leader,
    one_question_cued,
    question_of,
    restates,
)

IDENTIFIES_LOOKBACK = 48
"""Characters before a label read for the words that say the last answer is that part's ("that's part")."""


@dataclass
class UserTurn:
    named: list[str]
    """Parts the turn asks by label, or by cues when it has no label."""
    by_label: bool
    context: Context
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
    items: tuple[str | None, ...] = ()
    """The part each item of the turn's list asks, in order (None for another homework's item), when
    the items ask the turn's parts one each: a reply with one heading per item answers them in turn."""
    own_marks: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    """The marks of the turn's own list (see `own_mark`) and what each item asks, as (mark, question,
    parts): a lettered list whose items each name their own question or homework ("a) hw6 ...", "b) hw7
    3b both bits", "c) hw7 the RNN translation training-inputs one"), or items numbered the user's way
    ("Q1. how many linear layers ...", "(ii) at eval time ..." on the translation question). A reply's
    "**a) ...**", "## Q1: ..." or "### (ii) Evaluation" heads what its item asks, not a part so labelled."""
    renumbered: tuple[tuple[str, str], ...] = ()
    """Question numbers the user slipped, read as ours (see `_slipped_questions`): ("6", "7") after "Q6a
    from hw7: the encoder-decoder translation thing", so that a later "going back to 6a" is 7(a)."""
    closing: bool = False
    """The turn only thanks and remarks ("Thanks, that table for (iii) is really helpful."): when the parts
    it names are answered already, it asks none, and the reply to it answers no part again, unless under
    the part's label. "thanks. part (b) wants about 100 words ..." before any answer to (b) asks (b)."""
    shows_code: bool = False
    """The turn holds the user's own code in a fence ("here's my model, does this look right?"): when it
    names no part, the reply reviews that code and answers no part again, unless under the part's label."""


_POINTING_WORDS = (
    r"from|in|of|see|using|per|like|than|with|as|explains|explained|my|your|our"
    # "(... but that's for c)", "the sampled one was only for part b": what a part is about; not
    # "that's 8a(ii)", which names the part asked
    r"|(?:['’]s|is|was|are|were)(?:[ \t]{1,3}(?:only|just|meant|used))?[ \t]{1,3}for"
    # "that connects to Q3 too", "it's related to part (b)": a link to another part, not an ask
    r"|(?:connects?|connected|relates?|related|similar|linked|ties)[ \t]{1,3}(?:in)?to"
)
_SETTING_ASIDE_WORDS = (
    # (what the user did, not the model: "is that the same as what you did for (c)?" sets nothing aside)
    r"(?<!you[ \t])(?:have|had|did)|(?<!you[ \t])(?<!you['’]ve[ \t])(?:done|finished|solved)"
    r"|(?:fine|good|ok|okay|set|sorted)[ \t]{1,3}(?:on|with)"
    r"|skip|skipping|except|excluding|without|not|besides|ignore"
    # "I'm confident about (a), can you just check (b) and (c)?"; not "I'm not confident about (a)"
    r"|(?<!not[ \t])(?<!n't[ \t])confident[ \t]{1,3}(?:about|in|on|with)"
    r"|no[ \t]{1,3}need|(?:don'?t|do[ \t]{1,3}not)[ \t]{1,3}need|not[ \t]{1,3}(?:doing|asking(?:[ \t]{1,3}about)?)"
    # "don't redo (i)", "no need to repeat (a)": told not to answer it
    r"|(?:don'?t|do[ \t]{1,3}not|no[ \t]{1,3}need[ \t]{1,3}to)[ \t]{1,3}(?:re-?do|repeat|re-?derive|rewrite|answer|do)"
    # "I want to make sure before I do part (ii)": the user does it next, after the check
    r"|before[ \t]{1,3}I[ \t]{1,3}(?:do|start(?:[ \t]{1,3}on)?|attempt|try|tackle|write(?:[ \t]{1,3}up)?"
    r"|(?:move|go)[ \t]{1,3}on[ \t]{1,3}to|get[ \t]{1,3}to)"
)
_BEFORE_LABEL = r"[ \t]{1,3}(?:for[ \t]{1,3})?(?:the[ \t]{1,3})?(?:part[ \t]{1,3})?#?$"
_POINTING_BEFORE = regex(rf"\b(?:{_POINTING_WORDS}){_BEFORE_LABEL}", re.I)
"""A label after these words on its line points at a part ("the conditions from (i)", "that explains
q8", "my (b) mentions it") instead of asking it; not one that names its homework and part, which
cites where a question comes from ("quick one from HW7 Q4(a): ...")."""
_ASKED_FOR_BEFORE = regex(r"\b(?:it|this)(?:['’]s|[ \t]{1,3}is)[ \t]{1,3}for[ \t]{1,3}(?:part[ \t]{1,3})?$", re.I)
"""...but "it's for 4a", "this is for part (b)" say which part the turn's question is, and ask it."""
_IN_BEFORE = regex(rf"\bin(?:[ \t]{{1,3}}your)?{_BEFORE_LABEL}", re.I)
"""...of which "in" points into the part's answer: "in (i) you have XᵀX", "in your part b"."""
_TASK_AFTER_COLON = regex(r"[ \t]{0,2}:[ \t]{0,3}(?:show|derive|prove|explain|state|give|write|find|compute)\b", re.I)
"""A colon and a task after a label: "another one from 3b (ii): show ..." heads the task with it."""
_QUESTION_OPENS_AFTER = regex(
    r"[ \t]{1,3}(?:what|whats|what's|which|how|why|name|explain|describe|derive|write|give|show)\b", re.I
)
"""A question word or request verb right after a label: the label heads an item ("(b) what did i learn")."""
_ASKING_WORD_RE = regex(r"\b(?:which|whats|what|how|why|whether)\b", re.I)
"""A word that asks: the words of a part asked in a question ("how many layers"), not mentioned."""

_QUESTION_AFTER_COLON = regex(
    # (a full stop before a word or another stop ends no sentence: "w1..w5", "nn.MSELoss")
    r"[ \t]{0,2}:(?:(?:[^.?!\n:]|\.(?=[.\w])){1,200}\?"
    r"|[ \t]{0,3}(?:which|how|what|do|does|should|would|is|are)\b(?:[^.?!\n]|\.(?=[.\w])){1,200})"
    # "for the L2-regularised linear AE in Q8, which torch loss (L1 / MSE / CrossEntropy)?": after a
    # comma, a question word and the question mark that ends it
    r"|[ \t]{0,2},[ \t]{0,3}(?:which|how|what)\b(?:[^.?!\n]|\.(?=[.\w])){1,200}\?",
    re.I,
)
"""After a label, a colon and a question, with its question mark or opening on a question word: the
label heads what is asked ("for the autoencoder in 8(a): how many linear layers, and which loss?"),
though "in" comes before it."""
_EVERY_OF_WORDS = r"all|every[ \t]{1,3}part|(?:the[ \t]{1,3})?whole"
_ALL_OF_BEFORE = regex(
    rf"\b(?:{_EVERY_OF_WORDS}|each|both|(?:the[ \t]{{1,3}})?(?:rest|parts|bits|pieces))[ \t]{{1,3}}of{_BEFORE_LABEL}",
    re.I,
)
"""...but "all of question 7", "each of (a) to (c)", "the rest of Q8", "whole of Q8", "the three bits of
question 7" ask it."""
_EVERY_OF_BEFORE = regex(rf"\b(?:{_EVERY_OF_WORDS})[ \t]{{1,3}}of{_BEFORE_LABEL}", re.I)
"""...and of those, "all of question 7" and "the whole of Q8" ask every part, whatever parts the turn
goes on to name to say what they are about ("part a is about the stacking, b and c ...")."""
_EVERY_AFTER = regex(
    r"[ \t]{0,2}[,:]?[ \t]{0,3}(?:all[ \t]{1,3}of[ \t]{1,3}it|(?:the[ \t]{1,3})?whole[ \t]{1,3}thing"
    r"|in[ \t]{1,3}full|(?:all|every)[ \t]{1,3}(?:(?:the|three|four|its)[ \t]{1,3})?(?:sub-?)?parts?)\b",
    re.I,
)
"""...as does "Question 8, all of it please", "Q7 in full", "q4 all parts (a b c)"."""
_SETTING_ASIDE_BEFORE = regex(rf"\b(?:{_SETTING_ASIDE_WORDS}){_BEFORE_LABEL}", re.I)
_SETTING_ASIDE_TOPIC_BEFORE = regex(
    rf"\b(?:{_SETTING_ASIDE_WORDS})[ \t]{{1,3}}(?:the[ \t]{{1,3}})?[a-z-]{{1,20}}[ \t]{{1,3}}$", re.I
)
"""...and before a label opening on "part", one word saying what the parts are about ("not asking about the
token parts (b)/(c) yet", "skip the proof part (ii)")."""
TOPIC_WORD_CHARS = 24
"""How much further back the set-aside words may be when one word says what the parts are about."""
_PART_WORD_RE = regex(r"parts?\b", re.I)
_KEEP_BEFORE = regex(rf"\b(?:keep|leave){_BEFORE_LABEL}", re.I)
_AS_IS_AFTER = regex(
    r"[ \t]{0,3}(?:as[ \t]{1,3}(?:is|they[ \t]{1,3}are|it[ \t]{1,3}is)|unchanged|the[ \t]{1,3}same|alone)?"
    r"[ \t]{0,3}(?:[.,;!\n]|$)",
    re.I,
)
"""...as does "keep" or "leave" before labels that end the clause ("fix (b) pls, keep (a) and (c)",
"leave (a) as is."); not "keep (b) and (c) close to 100 words", a note on how."""
"""A label after these words is done or left out ("I already did (a)", "I'm fine on (a)(i)", "skip
(b)", "everything except (c)", "no need for part b", "not doing (b) with AI"), for the whole chat: a
later turn must name it to ask it; its cue words alone do not."""
DOUBT_LOOKBACK = 48
_DOUBT_BEFORE = regex(
    r"\b(?:don['’]?t|do[ \t]{1,3}not|doesn['’]?t|not[ \t]{1,3}(?:sure|convinced)|doubt|wonder)\b[^.?!\n]{0,40}$", re.I
)
"""Before "(i) is right", words that doubt it ("I don't think (i) is right", "not sure part b is correct")."""
ALREADY_LOOKBACK = 120
_ALREADY = regex(r"\balready\b", re.I)


SAME_SENTENCE_MAX_CHARS = 80


def _same_sentence(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is short and crosses no sentence end."""
    return end - start <= SAME_SENTENCE_MAX_CHARS and not any(c in text[start:end] for c in ".?!\n")


_ASKS_ANEW_RE = regex(
    r"[,;][ \t]{0,3}(?:(?:but|so|and)[ \t]{1,3})?(?:I[ \t]{1,3})?"
    r"(?:just|only|now|can[ \t]{1,3}you|could[ \t]{1,3}you|please|need)\b",
    re.I,
)
"""After a clause that says what the user already has, a comma and a clause that asks anew: the
labels in it are asked ("i already did a, just b and c pls", "..., i just need the last two parts")."""


def _next_on_line(text: str, before: Label, label: Label) -> bool:
    """Whether `label` is the letter or numeral right after `before`'s, both relative, on one line."""
    if before.q is not None or label.q is not None or "\n" in text[before.end : label.start]:
        return False
    if before.roman is None and label.roman is None and before.letter and label.letter:
        return ord(label.letter) == ord(before.letter) + 1
    return (
        before.letter == label.letter
        and before.roman in ROMANS[:-1]
        and label.roman == ROMANS[ROMANS.index(before.roman) + 1]
    )


def _already_before(text: str, at: int, previous_end: int = -1) -> bool:
    """...as does one in a sentence that says the user already has it: "I already have the first-order
    conditions (hw7 3b part i)" (the sentence's text before the label, at most `ALREADY_LOOKBACK` long).
    Not an "already" that follows the label before (ending at `previous_end`) and is cut off from this
    one by a comma or semicolon: it tells of that label ("I did 3b(i) myself already, can you do (ii)")."""
    lo = max(0, at - ALREADY_LOOKBACK)
    start = max(lo, max(text.rfind(c, lo, at) for c in ".?!\n") + 1)
    found = max(_ALREADY.finditer(text, start, at), key=lambda m: m.start(), default=None)  # the last
    if found is None:
        return False
    if start <= previous_end <= found.start():
        return not any(c in text[found.end() : at] for c in ",;")
    # "i already did a, just b and c pls": a clause after the comma that asks anew
    return _ASKS_ANEW_RE.search(text, found.end(), at) is None


_FOR_MYSELF = "myself|on my own|by myself"
"""Words by which a user keeps a part for themself."""
_OWN_WORK_AFTER = regex(
    rf"(?:,[^,\n]{{1,40}},|(?:[ \t]{{1,3}}[a-z'’]{{1,20}}){{1,2}}(?=[ \t]{{1,3}}(?:{_FOR_MYSELF})))?"
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
_ALREADY_AFTER = regex(
    r"[ \t,]{0,3}(?:(?:which|that)[ \t]{1,3})?(?:I(?:'ve|[ \t]{1,3}have)?|is|was|are)?[ \t]{0,3}already\b"
    r"|(?P<done>[ \t,]{0,3}(?:(?:is|was|are|'s)[ \t]{1,3})?(?:already[ \t]{1,3})?"
    r"(?:done|finished|completed?|written|sorted)\b"
    r"|[ \t]{1,3}(?:is|looks|seems)[ \t]{1,3}(?:fine|good|great|perfect|ok|okay|correct|right"
    r"|(?:exactly[ \t]{1,3})?what[ \t]{1,3}I[ \t]{1,3}(?:needed|wanted|was[ \t]{1,3}looking[ \t]{1,3}for))"
    r"(?:[ \t]{1,3}(?:as[ \t]{1,3}(?:is|it[ \t]{1,3}is)|now|to[ \t]{1,3}me))?"
    r"(?:,?[ \t]{1,3}thanks?(?:[ \t]{1,3}you)?)?[ \t]{0,3}(?:[.!]|\n|$))"
    r"|[ \t,]{0,3}I(?:'m|[ \t]{1,3}am)[ \t]{1,3}(?:confident|fine|good|ok|okay)[ \t]{1,3}(?:about|on|with)\b",
    re.I,
)
"""...and one the user says they already have, right after it: "(b) I've already written", "(a), which I
have already done", "(c) is already done", "Part (a) is done already", "I've got (a) done already", "(c)
I'm confident about"; or accepts as it stands, ending its sentence there: "(b) is fine as is", "(b) looks
good.", "(a) is what I needed." (not "(c) looks good, but shouldn't w_3 be saw?")."""
_DESCRIBED_AFTER_RE = regex(
    r"[ \t]{1,3}(?:was|were)[ \t]{1,3}the[ \t]{1,3}(?:one|part|bit|question)[ \t]{1,3}"
    r"(?:asking|about|on|that|which|where|with)\b",
    re.I,
)
"""After a label, words that say which part it was rather than ask it: "(a) was the one asking for the
start/end times" (not "Part a is the one about stacking ...", which may describe what is asked)."""
_HAS_OBJECT = regex(
    r"[ \t]{1,3}(?:have|got|did|wrote|know)[ \t]{1,3}(?:the|those|these|my|a|an|parts?|[b-e]|i{1,3}|q\d)\b", re.I
)
"""After "already", a verb and its own object: "I already have the conditions" says what is had; "just need
(a), i already did b and c": what is done is b and c."""
_INTEND = (
    r"(?:'ll|[ \t]{1,3}will|[ \t]{1,3}want[ \t]{1,3}to|[ \t]{1,3}plan[ \t]{1,3}to|[ \t]{1,3}prefer[ \t]{1,3}to"
    r"|(?:'d|[ \t]{1,3}would)[ \t]{1,3}(?:like|rather)[ \t]{1,3}to|(?:'m|[ \t]{1,3}am)[ \t]{1,3}going[ \t]{1,3}to)"
)
"""What follows "I" in saying what the user will do: "I'll", "I want to", "I'd rather", "I'm going to"."""
_KEEPS_THAT_ONE_RE = regex(
    rf"\bI{_INTEND}[ \t]{{1,3}}(?:do|write|rewrite|redo|finish|try|handle|answer|work[ \t]{{1,3}}out)[ \t]{{1,3}}"
    r"(?:that|this|it)(?:[ \t]{1,3}one)?[ \t]{1,3}(?:myself|on[ \t]{1,3}my[ \t]{1,3}own|by[ \t]{1,3}myself|later"
    r"|tomorrow|another[ \t]{1,3}(?:day|time)|next[ \t]{1,3}time)\b",
    re.I,
)
"""...and the label a sentence opens on when it ends by keeping "that one" ("(b) is the training-time
version of (c), I'll do that one myself")."""
SENTENCE_END_CHAR_RE = regex(r"[.?!\n]")
"""A character that ends a sentence in a user turn or a reply's opening: a stop or a line break."""
_TRIED_BEFORE = regex(
    r"\b(?:tried|attempted|had[ \t]{1,3}a[ \t]{1,3}go[ \t]{1,3}at|took[ \t]{1,3}a[ \t]{1,3}stab[ \t]{1,3}at)"
    r"[ \t]{1,3}(?:part[ \t]{1,3})?$",
    re.I,
)
"""...but not one the user tried themself, which they bring to be checked: "I tried 7(b) myself: ... is
that right?"; nor one whose answer the model gave in another chat (see `_GIVEN_BEFORE`)."""
_GIVEN_BEFORE = regex(
    r"\byou[ \t]{1,3}(?:gave|told|sent|showed|wrote)[ \t]{1,3}(?:me[ \t]{1,3})?(?:this|these|that)[ \t]{1,3}for"
    r"[ \t]{1,3}(?:part[ \t]{1,3})?$",
    re.I,
)
""""ok so you gave me this for 8b in another chat: ...": the part whose answer is pasted, brought back."""
_HOMEWORK_RE = regex(r"\b(?:hw|homework|assignment)[ \t#]{0,2}(\d{1,2})\b", re.I)
"""A homework named by its number alone ("a HW5 thing"), with or without a question."""
_ASK_WITH_BEFORE = regex(
    r"\b(?:help|assist|start|begin|starting|beginning)(?:\s{1,3}(?:me|us|off))?\s{1,3}with\s{1,3}(?:the\s{1,3})?(?:part\s{1,3})?$",
    re.I,
)
"""...except "help me with (b)" and "start with (c)", which ask it."""
_CHECKS_MINE_BEFORE = regex(
    r"\b(?:check(?:ing)?|look(?:ing)?[ \t]{1,3}(?:at|over)|review(?:ing)?|grad(?:e|ing)|verify(?:ing)?"
    r"|go(?:ing)?[ \t]{1,3}over|fix(?:ing)?|improv(?:e|ing)|proofread(?:ing)?"
    r"|write|draft|do|finish|complete|solve"
    # "could you lengthen my 4b", "shorten my (c)", "polish my draft of (b)": to rework it is to answer it
    r"|lengthen|shorten|expand|extend|trim|tighten|rewrite|rephrase|reword|polish|edit|redo)"
    r"[ \t]{1,3}my[ \t]{1,3}(?:part[ \t]{1,3}"
    # "double check my conditions from the first half", "look over my answer to part b"
    r"|(?:[\w-]{1,20}[ \t]{1,3}){1,3}(?:from|in|for|of|to)[ \t]{1,3}(?:the[ \t]{1,3})?(?:part[ \t]{1,3})?)?$",
    re.I,
)
"""...and "could you double check my (i)?" ("checking my q3b(i) for hw7: ... correct?"), which brings the
user's own answer to be checked, and "can you write my Q4(b) answer?" or "lengthen my 4b", which asks for
it. Searched back `CHECKS_MINE_LOOKBACK` characters."""
CHECKS_MINE_LOOKBACK = 80
_ONLY_AFTER = regex(r"[ \t]{0,3}only[ \t]{0,2}(?:[,.:;!?)—–-]|please\b|\n|$)", re.I)
_ONLY_BEFORE = regex(
    r"\b(?:only|just)[ \t]{1,3}(?:(?:need|want|do|ask|asking|check|fix|redo)[ \t]{1,3}(?:for[ \t]{1,3})?)?"
    r"(?:parts?[ \t]{1,3})?$",
    re.I,
)
"""Labels the turn restricts itself to: "parts (b) and (c) only:", "just (ii), please", "I only need
(c)", "I ONLY need part (b)"; the turn
asks those and no other part it mentions ("I'll do (a) later", "the gradients from part i")."""
_VERDICT = (
    r"[ \t]{1,3}(?:is|was|are|were|seems|looks)[ \t]{1,3}"
    r"(?:(?:a[ \t]{1,3}bit|kind[ \t]{1,3}of|a[ \t]{1,3}little)[ \t]{1,3})?"
    r"(?:off|wrong|incorrect|right|correct|fine|ok|okay|broken|bad|good|flawed)\b"
)
_VERDICT_AFTER = regex(_VERDICT, re.I)
"""...but not a claim about a label: "I think (i) is fine and only (ii) is off, right?" asks after both."""
_ONLY_CLAIM_RE = regex(
    r"\bonly[ \t]{1,3}(?:the[ \t]{1,3}(?:first|second|third|last|middle)[ \t]{1,3}(?:one|part|bit)"
    rf"|\(?(?:[a-h]|[ivx]{{1,4}})\)){_VERDICT}",
    re.I,
)
"""A claim that one part of a pasted answer alone is wrong ("only the last one is wrong right?"): a
question after every part pasted."""
_EVERY_PART_RE = regex(
    r"\b(?:do|answer|solve|fix|redo|correct|rewrite|revise|check|verify|review|grade|mark|proofread"
    r"|help\s{1,3}with|look\s{1,3}(?:over|at)|go\s{1,3}over)\s{1,3}"
    r"(?:both|all\s{1,3}(?:of\s{1,3}them|the\s{1,3}parts|parts|three))\b",
    re.I,
)
"""A turn that asks for every part of the question it names, or of the answer it pastes ("can you do
both", "answer all the parts", "fix both pls", "can you verify both before I submit?")."""
_ASKS_EVERY_RE = regex(
    r"\b(?:do|answer|solve|explain|cover|address)\s{1,3}(?:both|all(?:\s{1,3}of\s{1,3}them)?)"
    r"(?:\s{1,3}(?:please|pls|plz|of[ \t]them|parts|questions))?\s{0,3}(?:[.!?]|$)",
    re.I,
)
"""A turn that closes on asking for every part it names, "Please answer both.", "can you do all of them?"
(not "rewrite both conditions", which is about the answer)."""
_JUST_RE = regex(r"\b(?:just|only)[ \t]{1,3}(?:(?:need|want)[ \t]{1,3})?the\b", re.I)
JUST_WINDOW = 48
"""A turn that narrows the question it names to what it goes on to describe, in the next few words
("Q4, just the 'what did you learn' paragraph")."""
_LABEL_JOIN = regex(r"[ \t]{0,3}(?:,[ \t]{0,3}and|,|&|and|or)[ \t]{0,3}", re.I)
_OWNER_BETWEEN = regex(r"\s{0,3}(?:,\s{0,2})?(?:under|of|in|for|from)\s", re.I)
"""Between a relative label and the question it belongs to: "(i) under Q3b", "part (c) of Q7"."""
OWNER_MAX_CHARS = 48
_OWNER_BREAKS = frozenset(".?!:;,\n")
REFERENCE_LOOKBACK = 24
FIRM_CUES = 2
"""A turn holding this many different cues of one part asks it, even when no reply shows an
answer a check can find (a wrong answer to a part graded on concepts)."""


_BESIDE_THE_HOMEWORK = (
    r"side[ \t-](?:question|qn?)|just curious|out of curiosity"
    r"|not[ \t]{1,3}(?:(?:for|about|related[ \t]{1,3}to|part[ \t]{1,3}of)[ \t]{1,3})?(?:(?:the|my|this)[ \t]{1,3})?"
    r"(?:hw|homework|assignment)(?:[ \t]?\d{1,2})?(?!['’]s\b)"
    # "for my final project im building a GRU seq2seq ...": the user's own work, in the homework's words
    r"|(?:for|in|on)[ \t]{1,3}(?:my|our)[ \t]{1,3}(?:[\w-]{1,20}[ \t]{1,3}){0,2}project"
)
BESIDE_THE_HOMEWORK_RE = regex(rf"\b(?:{_BESIDE_THE_HOMEWORK})\b", re.I)
"""Words that say a turn asks beside the homework, even where it names a part ("not for the hw, but
how would beam search change (c)?", "last thing, not hw7: for my algorithms class", "for my final
project ..."); not the
homework's own things ("my numbering, not the hw's")."""
SIDE_QUESTION_RE = regex(
    # not "two unrelated bits of hw7": "unrelated" says a side question only before "to" or alone
    rf"\b(?:{_BESIDE_THE_HOMEWORK}|off[ \t-]topic|unrelated(?![ \t]{{1,3}}(?:bits|parts|questions|pieces|things)\b))\b",
    re.I,
)
"""A user turn that says it asks beside the homework, in those words or as "unrelated", "off-topic"."""


_OTHER_COURSE_RE = regex(
    r"\b(?:for|from)[ \t]{1,3}(?:my|our|a)[ \t]{1,3}(?:[\w-]{1,20}[ \t]{1,3}){0,3}(?:class|course|exam|midterm|final)\b"
    # "totally different class but for my stats hw: ...", "this one's for another course"
    r"|\b(?:different|another|other|separate)[ \t]{1,3}(?:class|course|subject)\b"
    # "random numerical analysis question: ...", a subject named ("random q, what's DAWNBench?" is ours)
    r"|\brandom[ \t]{1,3}(?:[\w-]{1,20}[ \t]{1,3}){1,3}(?:q|question)\b"
    # "quick q from last weeks hw": an earlier homework, named by when rather than by number
    r"|\bfrom[ \t]{1,3}(?:(?:the|an?|my|our)[ \t]{1,3})?(?:last|previous|earlier|old|older|past|prior)"
    r"(?:[ \t]{1,3}week(?:'s|’s|s)?)?[ \t]{1,3}(?:hw|homework|assignment|pset|problem[ \t]{1,3}set)\b",
    re.I,
)
"""A question for another course ("random q for my micro econ class", "... from my computer architecture
class", "totally different class but ...", "random numerical analysis question: ...", "quick q from
last week's hw"; "random q, what's DAWNBench?" is on the homework),
unless the turn names one of ours by its title ("For my deep learning class we had to read ... How to
Train Your ResNet")."""


_COURSE_CODE_BEFORE_RE = regex(
    r"\b(?:physics|phys|chem|chemistry|math|maths|stat|stats|statistics|econ|economics|bio|biology|cs|eecs|ee"
    r"|calc|calculus|psych|phil|astro)[ \t]{1,2}$",
    re.I,
)
"""A subject's name right before a number is another course's code: "physics 7B", "Math 54", "EE 16A"."""


def asks_beside(text: str, index: PartIndex) -> bool:
    """The turn says it asks beside the homework; not one that calls itself unrelated to the last
    question, or asks for another course, and names one of ours by its title ("and unrelated, the
    4-point part of the translation question ...")."""
    side = SIDE_QUESTION_RE.search(text)
    if side is None:
        return _OTHER_COURSE_RE.search(text) is not None and index.question_named(text) is None
    if "?" in text[: side.start()] and _ASIDE_OPENS_RE.search(text, max(0, side.start() - 12), side.start()):
        # "my friend says at eval you still feed 'see' ... is that right? also unrelated, would beam
        # search change any of this": the turn asks of ours first, then opens an aside
        return False
    return not side.group().lower().startswith("unrelated") or index.question_named(text) is None


_ASIDE_OPENS_RE = regex(r"(?:\b(?:also|and|btw|but|oh)[ \t,]{1,3}|[?.!][ \t]{1,3})$", re.I)
"""What opens an aside after the turn has asked: "... is that right? also unrelated, ..."."""


DEFINING_RE = regex(
    # "what's the difference between", "whats the main difference between"
    r"\b(?:what(?:'s|’s|s|[ \t]{1,3}is|[ \t]{1,3}are)[ \t]{1,3}the[ \t]{1,3}"
    r"(?:(?:main|key|real|big|actual|basic|practical)[ \t]{1,3})?differences?[ \t]{1,3}between"
    r"|what[ \t]{1,3}does[ \t]{1,3}[^?\n]{1,40}[ \t]mean\b"
    # "is this the thing ppl call exposure bias?", "is that what's called scheduled sampling", "what is this called"
    r"|\bis[ \t]{1,3}(?:this|that|it)[ \t]{1,3}(?:the[ \t]{1,3}(?:thing|effect|problem|issue|phenomenon)[ \t]{1,3})?"
    r"(?:(?:that[ \t]{1,3}|what[ \t]{1,3})?(?:people|ppl|they|you|we|folks)[ \t]{1,3}call"
    r"|(?:what['’]s[ \t]{1,3})?called)\b"
    r"|\bwhat(?:['’]s|[ \t]{1,3}is)[ \t]{1,3}(?:this|that|it)[ \t]{1,3}called\b)",
    re.I,
)
"""A question about what words mean ("what's the difference between layer norm and batch norm?") or what
a thing is called ("is this the thing ppl call exposure bias?"): in a part's cue words it asks no part, as
a side question does."""
_RANGE_BETWEEN = regex(r"\s{0,3}(?:to|through|thru|-|–|—)\s{0,3}", re.I)
LIST_BETWEEN = regex(r"[ \t]{0,3}(?:,[ \t]{0,3})?(?:and|&|or|/)?[ \t]{0,3}", re.I)
"""Between two labels of one list: "7b and 7c", "(a), (b)", "(b) & (c)", "7b/c"."""


def _after(text: str, label: Label) -> int:
    """Where the words after a label start: past the bracket that closes one opened just before it
    ("the paragraph (4b) myself", "[7c] is already done")."""
    end = label.end
    if 0 < label.start and end < len(text) and text[label.start - 1] + text[end] in ("()", "[]"):
        return end + 1
    return end


_ASIDE_BEFORE_COLON = regex(r"[ \t]{1,2}\([^()\n]{1,80}\)(?=[ \t]{0,2}:)")


def _heading_from(text: str, label: Label) -> int:
    """Where what a label heads may start: past a closing bracket (see `_after`) and a bracketed aside
    before a colon ("in Q8 (the regularized autoencoder): how many linear layers, what loss, ...")."""
    at = _after(text, label)
    aside = _ASIDE_BEFORE_COLON.match(text, at)
    return aside.end() if aside is not None else at


def names_our_homework(text: str) -> bool:
    """Whether the text names this course's homework by number ("ok now back to hw7: ...")."""
    return any(m.group(1) == COURSE_HOMEWORK for m in _HOMEWORK_RE.finditer(text))


def names_other_homework_only(text: str) -> bool:
    """Whether the text names another homework by number and not this course's ("Batch
    normalization, summary for HW5 problem 3")."""
    numbers = {m.group(1) for m in _HOMEWORK_RE.finditer(text)}
    return bool(numbers) and COURSE_HOMEWORK not in numbers


def _owned_by(text: str, relative: Label, absolute: Label) -> bool:
    """Whether the absolute label after a relative one names its question: "(i) under Q3b", "part (c)
    of Q7", "Part (c) of the ResNet-blog question (HW7 Q4)" (a linking word, then at most
    `OWNER_MAX_CHARS` with no sentence or clause break)."""
    between = text[relative.end : absolute.start]
    link = _OWNER_BETWEEN.match(between) if len(between) <= OWNER_MAX_CHARS else None
    return link is not None and not _OWNER_BREAKS.intersection(between[link.end() :])


def _range(first: Label, last: Label, context: Context, index: PartIndex) -> list[str]:
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
        if _ONLY_AFTER.match(text, _after(text, label)):
            j = i
            while j not in marked:
                marked.add(j)
                if j == 0 or not _LABEL_JOIN.fullmatch(text, labels[j - 1].end, labels[j].start):
                    break
                j -= 1
        if _ONLY_BEFORE.search(text, max(0, label.start - REFERENCE_LOOKBACK), label.start) and not (
            _VERDICT_AFTER.match(text, _after(text, label))
        ):
            j = i
            while True:
                marked.add(j)
                if j + 1 == len(labels) or not (
                    _LABEL_JOIN.fullmatch(text, labels[j].end, labels[j + 1].start)
                    or _joins_items(text, labels[j].end, labels[j + 1].start)
                ):
                    break
                j += 1
    return marked


_ITEM_JOIN_END_RE = regex(r"(?:,[ \t]{0,2}|[ \t])(?:and|&|plus|then)[ \t]{1,3}$", re.I)
ITEM_JOIN_MAX_CHARS = 80
ITEM_JOIN_MIN_WORDS = 2
"""Longest description between two labels that "only" covers both of: "I just need (a) start vs final time
and (c) the approach I found most interesting"."""


def _joins_items(text: str, start: int, end: int) -> bool:
    """Whether the words between two labels describe the first and join the second to it, in one sentence."""
    between = text[start:end]
    join = _ITEM_JOIN_END_RE.search(between) if len(between) <= ITEM_JOIN_MAX_CHARS else None
    described = between[: join.start()] if join is not None else ""
    return not any(c in described for c in ".?!\n:;,") and len(described.split()) >= ITEM_JOIN_MIN_WORDS


_LETTER_TURN_RE = regex(r"[ \t\n]{0,3}((?-i:[a-h]))[?.!]?[ \t\n]{0,3}")
"""A turn that is one lowercase letter ("b", "c?"): the next part, asked."""


def _stretch_start(text: str, labels: list[Label], i: int) -> int:
    """Where label i's own stretch of the turn starts: after the label before it, on its own line."""
    return max(labels[i - 1].end if i else 0, text.rfind("\n", 0, labels[i].start) + 1)


class _FullLabels:
    """The labels a turn names in full (with their question), read once in order: where a later
    relative label restates one of them ("Q3(b)(i), Q3(b)(ii) and Q8(b):" then "(i) ..." and "(ii)
    ..."). Kept as running maps, so a turn of many labels is read in linear time."""

    def __init__(self, labels: list[Label], index: PartIndex, text: str) -> None:
        self.labels, self.index, self.text = labels, index, text
        self.seen = 0
        self.named: set[str] = set()
        self.by_roman: dict[tuple[str, str | None], Label] = {}
        self.by_letter: dict[str, Label] = {}

    def restated(self, i: int, context: Context) -> Context | None:
        """The context of the earlier label that relative label i restates, if it would otherwise
        name a part the turn did not name in full; else None."""
        for b in self.labels[self.seen : i]:
            if b.q is not None and not self.index.is_foreign(b):
                self.named.update(self.index.resolve(b, Context(b.q)))
                if b.roman:
                    self.by_roman[(b.roman, None)] = self.by_roman[(b.roman, b.letter)] = b
                elif b.letter:
                    self.by_letter[b.letter] = b
        self.seen = max(self.seen, i)
        label = self.labels[i]
        if context.q in (None, FOREIGN) or not (label.roman or label.letter) or label.ordinal is not None:
            return None
        if i and LIST_BETWEEN.fullmatch(self.text, self.labels[i - 1].end, label.start) is not None:
            return None  # "question 3 b and Q4 (a)(b)(c)": a list goes on under the question of the label before

        if set(self.index.resolve(label, context)) & self.named:
            return None
        if label.roman:
            full = self.by_roman.get((label.roman, label.letter))
            return Context(full.q, full.letter) if full is not None else None
        full = self.by_letter.get(label.letter or "")
        return Context(full.q) if full is not None else None


TITLE_AFTER_MAX = 60
"""Characters after a label, on its line, in which "of the translation question" may name its question."""
_OF_AFTER_RE = regex(r"[ \t]{1,3}(?:of|from)[ \t]{1,3}", re.I)


def _title_after(text: str, labels: list[Label], i: int, index: PartIndex) -> str | None:
    """The question a title after label i names, linked to it by "of" ("the last part of the
    translation question"), up to the next label or the line's end."""
    link = _OF_AFTER_RE.match(text, labels[i].end)
    if link is None:
        return None
    end = min(labels[i + 1].start if i + 1 < len(labels) else len(text), link.end() + TITLE_AFTER_MAX)
    line_end = text.find("\n", link.end(), end)
    return index.question_named(text[link.end() : line_end if line_end >= 0 else end])


QUESTIONS_AFTER_MAX_CHARS = 600
"""How far after a whole question's label its paragraph's questions are read."""


def _paragraph_after(text: str, at: int) -> str:
    """The rest of the paragraph after `at`, up to `QUESTIONS_AFTER_MAX_CHARS`; none when the paragraph
    lists items (a pasted question's "i. ...", "ii. ...")."""
    end = text.find("\n\n", at, at + QUESTIONS_AFTER_MAX_CHARS)
    window = text[at : end if end >= 0 else at + QUESTIONS_AFTER_MAX_CHARS]
    return "" if _LISTED_LINE_RE.search(window) else window


_UNMARKED_OPENING = (
    r"(?:which|how[ \t]{1,3}many|(?:do|should|would)[ \t]{1,3}i|what[ \t]{1,3}(?:is|are|do|does|goes|should))\b"
)
"""How a question asked without its question mark opens ("how many ...", "which ...", "do I ...")."""
_UNMARKED_QUESTION_RE = regex(
    rf"(?:^|(?<=[.!;:\n]))[ \t]{{0,3}}{_UNMARKED_OPENING}(?:[^.?!\n]|\.(?=[.\w])){{0,400}}[.!]?", re.I
)
"""A sentence that opens as a question, asked without its question mark ("...): how many nn.Linear
layers do I need, and the select-all one (...)." (see `_ASKS_UNMARKED_RE`)."""


def _questions_after(text: str, at: int) -> str:
    """The questions of the paragraph after `at`, joined: sentences ending on a question mark, or
    opening as a question without one (see `_UNMARKED_QUESTION_RE`)."""
    paragraph = _paragraph_after(text, at)
    marked = (
        [_with_its_subject(paragraph, m) for m in _QUESTION_SENTENCE_RE.finditer(paragraph)] if "?" in paragraph else []
    )
    unmarked = [m.group() for m in _UNMARKED_QUESTION_RE.finditer(paragraph) if "?" not in m.group()]
    return " ".join([*marked, *unmarked]) if marked else ""


_POINTS_BACK_RE = regex(
    r"\b(?:with|about|of|in|to|for|behind)[ \t]{1,3}(?:that|this|it|them)[ \t]{0,2}\?\Z"
    r"|\b(?:that|this)[ \t]{1,3}(?:work|fail|break|idea|plan)",
    re.I,
)
"""A short question about what the sentence before it sets out: "whats one problem with that?"."""
POINTING_BACK_MAX_WORDS = 10
SUBJECT_MAX_CHARS = 400


def _with_its_subject(paragraph: str, question: re.Match[str]) -> str:
    """A question, and the sentence before it when the question only points back to it ("my teammate
    wants to feed h_t to decoder step t. whats one problem with that?")."""
    asked = question.group()
    if len(asked.split()) > POINTING_BACK_MAX_WORDS or _POINTS_BACK_RE.search(asked) is None:
        return asked
    lo = max(0, question.start() - SUBJECT_MAX_CHARS)
    before = paragraph[lo : question.start()].rstrip()
    start = max(before.rfind(c, 0, len(before) - 1) for c in ".?!\n") + 1
    return before[start:] + " " + asked


_TASK_SENTENCE_RE = regex(
    r"(?:^|(?<=[.!?\n]))[ \t]{0,3}(?:state|explain|give|describe|derive|identify|name|list|tell[ \t]{1,3}me)\b",
    re.I,
)
"""A sentence that opens on setting a task ("state one problem with this."), with no question mark."""


_LISTED_LINE_RE = regex(r"^[ \t]{0,4}(?:[-*•]|\(?(?:[ivx]{1,4}|[a-h]|\d{1,2})[.)])[ \t]", re.M)


def _named_in(text: str, group: list[str], index: PartIndex) -> list[str]:
    """The parts of a group the text names by their cues or by words of one part's cues alone."""
    named = {*index.by_cues(text, group), *index.by_cue_words(text, group)}
    return [p for p in group if p in named]


def _named_by_pieces(
    text: str,
    group: list[str],
    index: PartIndex,
    cuts: re.Pattern[str] | None = None,
    opening: re.Pattern[str] | None = None,
) -> list[str]:
    """The parts of a group the pieces of the text (between commas and question marks) name, each by
    cue phrases, else by words of one part's cues alone: "What first-order conditions does a minimizer
    satisfy?" is 3b(i)'s by its phrase, not 3b(ii)'s by "satisfy"; "how many linear layers, what loss,
    and which of ..." names 8(a)(ii) by "loss". With `opening`, only pieces that open so count."""
    named: set[str] = set()
    at = 0
    for cut in [*(m.start() for m in (cuts or _PIECE_CUT_RE).finditer(text)), len(text)]:
        piece, at = text[at:cut], cut + 1
        if opening is None or opening.match(piece):
            named.update(index.by_cues(piece, group) or index.by_cue_words(piece, group))
    return [p for p in group if p in named]


_ASKING_PIECE_CUT_RE = regex(r"[,;:?!\n]")
_ASKING_PIECE_RE = regex(
    r"[ \t]{0,3}(?:(?:and|or|also|then|plus)[ \t]{1,3}){0,2}(?:which|what|how|why|whether)\b", re.I
)


def _asked_by_pieces(text: str, group: list[str], index: PartIndex) -> list[str]:
    """The parts of a group that the text's questions between commas and colons name, each piece
    opening with an asking word ("how many linear layers, which loss, and which of weight decay /
    dropout ... I need to tick"); a piece that only describes ("for the linear AE in pytorch, which
    loss fn") asks nothing."""
    return _named_by_pieces(text, group, index, _ASKING_PIECE_CUT_RE, _ASKING_PIECE_RE)


def _placed_turn(
    text: str,
    asked: set[str],
    context: Context,
    cued_items: tuple[tuple[str, tuple[str, ...]], ...],
    left_out: set[str] | frozenset[str],
    index: PartIndex,
    set_aside: frozenset[str],
) -> UserTurn:
    """A turn whose labels were placed in a question, plus the items of its list that ask a part by
    cue words, of another question ("1) RNN encoder-decoder ... name one problem. 2) the autoencoder
    ... (i) ... (ii) ...") or of the same ("- the first part, ...", "- and what the decoder is fed when
    we're training"); those items number the reply's answers to them. So does a
    piece that describes a part of the placed question ("the first half, ... and also the bit asking
    which approach interested me most")."""
    others = [p for p in _parts_of_items(cued_items) if p not in asked and p not in left_out]
    described = _comma_piece_parts(text, [], index, described_on=context.q) if context.q not in (None, FOREIGN) else []
    asked = asked | set(others) | {p for p in described if p not in left_out}
    asked |= set(_counted_more(text, [p for p in index.ids if p in asked], index, left_out))
    numbering = tuple((key, p) for key, p in _item_numbering(cued_items) if p in others)
    return UserTurn([p for p in index.ids if p in asked], True, context, set_aside=set_aside, numbering=numbering)


def _placed_labels(text: str, labels: list[Label], placed: Context, index: PartIndex) -> set[str]:
    """The parts the labels name in the question `placed`. A group's label that a colon and a question
    follow asks the parts they name, if they name some only ("part (a): which loss, and which of
    dropout / SGD ..."), else the whole group."""
    asked: set[str] = set()
    for label in labels:
        ids = index.resolve(label, placed)
        headed = _QUESTION_AFTER_COLON.match(text, _heading_from(text, label)) if len(ids) > 1 else None
        cued = _named_in(headed.group(), ids, index) if headed is not None else []
        asked.update(cued if 0 < len(cued) < len(ids) else ids)
    return asked


def _placed_by_own_titles(text: str, unplaced: list[Label], index: PartIndex) -> set[str]:
    """The parts the relative labels name, each in the question that the turn's stretch before it
    (from the label before) names by its title, when every label has one; else none. (Called when
    the turn as a whole names no one question by title: "2. hw7, the reading q about the resnet blog,
    just the first bullet ... 4. hw7, the PCA vs autoencoder q, ...")"""
    asked: set[str] = set()
    start = 0
    for label in unplaced:
        q = index.question_named(text[start : label.start])
        if q is None:
            return set()
        asked.update(index.resolve(label, Context(q)))
        start = label.end
    return asked


_BRACKETED_RE = regex(r"\([^()\n]{0,200}\)")
"""A bracketed aside, left out where a turn's words are counted."""
REQUEST_MAX_WORDS = 40
"""A paragraph this short after a pasted question may say which of its parts are wanted..."""
LONG_REQUEST_MAX_WORDS = 120
"""A longer paragraph beside a pasted question is no request, whatever sentences in it ask; up to this
long, it asks in its asking sentences ("... can you fix (a)? b is fine. also ... so redo c too")."""
REQUEST_BARE_MAX_WORDS = 12
"""...in the sentences that ask a question, or all of it when it is this short ("8a iii and 8b"): a
longer one with no question mark is a note on how ("For (ii) our lecture used the SVD, so if you could
follow that"), and a label beside a question is about how ("Can you write these up? Keep (b) and (c)
close to 100 words each.")."""
INTRO_MAX_WORDS = 20
"""The same before the paste, where it names parts by letter, numeral or place ("I'm pasting two
questions, I want all of 3b and just the last part of 8.", "the resnet blog one, parts b and c:")."""
PASTED_MIN_ITEMS = 2
"""Lines opening on a label that make the paragraphs before the request a pasted question."""
SUB_QUESTION_MIN_WORDS = 4
"""A label opening a line with this many words after it is a sub-question, not a request ("(c) What
five tokens ...?"; not "8a iii and 8b")."""
# (a full stop before a word or another stop ends no sentence: "w1..w5", "nn.MSELoss")
_QUESTION_SENTENCE_RE = regex(r"(?:[^.?!\n]|\.(?=[.\w])){0,400}\?")
_ASKING_SENTENCE_RE = regex(
    r"(?:^|(?<=[.!?\n]))[ \t]{0,3}(?:(?:can|could|would|will)[ \t]{1,3}you|please\b[^.?!\n]{0,24}\b(?:only|just))\b"
    r"(?:[^.?!\n]|\.(?=[.\w])){0,400}[.?!]?",
    re.I,
)
"""A sentence that opens by asking ("can you do the second bit for me") or by restricting what it asks
("Please only do the second one"), with a question mark or not; not "please do (ii) with the SVD", a
note on how."""
_ORDER_RE = regex(r"\b(?:start|begin)[ \t]{1,3}(?:with|from)\b|\bfirst\b(?![ \t]{1,3}(?:and|,))", re.I)
"""Words that order the parts ("Could you start with (c)", "part (c) first"), asking no fewer; not
"the first and the last one", a list of places."""
_HOW_BEFORE = regex(r"\bfor[ \t]{1,3}(?:the[ \t]{1,3})?(?:part[ \t]{1,3})?$", re.I)
"""A label after "for" in a request is about how to answer it ("a quick numerical check for (b)")."""
_HOW_AFTER = regex(r"[ \t]{1,3}(?:in|using|via|with)[ \t]{1,3}(?:index|matrix|einstein|summation|the|an?)\b", re.I)
"""...as is one followed by the way to answer it ("do (i) in index notation", "(ii) using the SVD")."""
PLACE_ONE_RE = regex(r"\b(first|second|third|last|middle)([ \t]{1,3})one\b", re.I)
"""After a pasted question, "the second one" is its second part; after a reply's numbered sections, its
second section."""
_RELATIVE_PLACE_RE = regex(
    r"\b(?:(?:the|that)[ \t]{1,3})?(?:part|one|bit|sub-?part|question)[ \t]{1,3}(?:right[ \t]{1,3}|just[ \t]{1,3})?"
    r"(?P<dir>before|after)(?:[ \t]{1,3}(?P<it>that|it|this))?\b"
    r"|\b(?P<word>previous|preceding|next|following)[ \t]{1,3}(?:part|one|bit|sub-?part)\b",
    re.I,
)
"""A part named by its place next to the one answered last: "the part before", "the one right after
it", "the previous part", "the next one"."""


def _relative_place(text: str, pointing: bool = False) -> int | None:
    """-1 or +1 for the first place next to the last answered part that the turn names, else None;
    with `pointing`, only a place next to "it", "that" or "this" ("the part right before it"), or the
    next after a label before it ("b) which tokens during training, and the next one, same thing at
    eval time")."""
    m = _RELATIVE_PLACE_RE.search(text)
    if m is None:
        return None
    word = (m.group("dir") or m.group("word")).lower()
    if pointing and m.group("it") is None:
        labelled_before = any(label.end <= m.start() for label in mentions(text[: m.start()]))
        if not (labelled_before and word in ("next", "following")):
            return None
    return -1 if word in ("before", "previous", "preceding") else 1


def _named_before_place(text: str, named: Sequence[str], index: PartIndex) -> str | None:
    """The one part of `named` that the last full label before a bare place next to it names ("7b" in
    "7b and the one after it, and also 8a ii and iii"), else None."""
    place = _RELATIVE_PLACE_RE.search(text)
    if place is None or not place.group().lower().startswith(("the", "that")):
        return None  # "the orthonormal one after it": the words before the place name the part
    before = [m for m in mentions(text[: place.start()]) if m.q is not None]
    parts = [p for p in index.resolve(before[-1], Context(before[-1].q)) if p in named] if before else []
    return parts[0] if len(parts) == 1 else None


def _sibling(part: str, step: int, index: PartIndex, skipped: frozenset[str]) -> str | None:
    """The part `step` places from `part` in its question, passing over `skipped`."""
    siblings = index.parts_of(question_of(part)[1:])
    k = siblings.index(part) + step if part in siblings else -1
    while 0 <= k < len(siblings) and siblings[k] in skipped:
        k += step
    return siblings[k] if 0 <= k < len(siblings) else None


def _claimed_places(text: str, context: Context, index: PartIndex, asked: Sequence[str]) -> list[str]:
    """In a turn that makes a claim about a part named by its place ("the first one is way under 100
    words"), the parts each "the <place> one" names, counted among the parts of the chat's question
    asked so far ("4b and 4c", then "the first one ..." is 4b), if there are several."""
    if context.q in (None, FOREIGN) or _PLACE_ONE_CLAIM_RE.search(text) is None:
        return []
    on = [p for p in index.parts_of(context.q) if p in asked]
    if len(on) < 2:
        return []  # with one part asked, "the second one" is an option or a sentence of its answer
    found: list[str] = []
    for m in PLACE_ONE_RE.finditer(text):
        lo = max(0, m.start() - PLACE_NOUN_LOOKBACK)
        if _COUNTED_NOUN_RE.search(text, max(lo, _last_sentence_end(text, lo, m.start())), m.start()) is not None:
            continue  # "like 8 posts total and the last one was a 'bag of tricks' thing": one of the posts
        place = m.group(1).lower()
        k = {"first": 0, "second": 1, "third": 2, "last": len(on) - 1, "middle": 1 if len(on) == 3 else -1}[place]
        if 0 <= k < len(on) and on[k] not in found:
            found.append(on[k])
    return found


PLACE_NOUN_LOOKBACK = 60
"""Characters before "the last one" read for the things it counts among, when they are no parts."""
_COUNTED_NOUN_RE = regex(
    r"\b(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|several|many|more|few)[ \t]{1,3}"
    r"(?!(?:sub-?)?parts\b|questions\b|bits\b|ones\b|pieces\b)[a-z]{2,20}s\b",
    re.I,
)
"""A count of things the turn names ("8 posts", "more posts", "three runs"): "the last one" after it is
one of them."""


def _last_sentence_end(text: str, lo: int, hi: int) -> int:
    """Where the sentence holding `hi` starts, looking back no further than `lo`."""
    end = lo
    for m in SENTENCE_END_CHAR_RE.finditer(text, lo, hi):
        end = m.end()
    return end


_PLACE_ONE_CLAIM_RE = regex(
    r"\b(?:the|that|your)[ \t]{1,3}(?:first|second|third|last|middle)[ \t]{1,3}one[ \t]{1,3}"
    r"(?:is|was|isn't|wasn't|should|shouldn't|must|has|looks|seems|feels|sounds)\b"
    r"|\b(?:for|in|redo|fix)[ \t]{1,3}(?:the|that|your)[ \t]{1,3}(?:first|second|third|last|middle)[ \t]{1,3}one\b",
    re.I,
)
"""A claim about a part named by its place, or a pointer into it: "the last one is no", "the second one
should be 2", "that second one looks off, redo it", "wait, for the second one, shouldn't w1 be ..."."""
_TURN_TO_PLACE_RE = regex(
    r"\b(?:now|next|and|also|then|do|about)[ \t]{1,3}(?:the[ \t]{1,3})?(?:first|second|third|last|middle)[ \t]{1,3}one"
    r"(?:[ \t]{1,3}\([^()\n]{1,40}\))?[ \t]{0,3}(?:[.?!,]|please\b|pls\b|too\b|$)",
    re.I,
)
"""A short turn that turns to a place ("ok now the first one", "and the middle one (training inputs)?"), not
one that says something of it ("shouldn't the first one be the start token?")."""


_OTHER_PART_RE = regex(
    r"\b(?:the|that)[ \t]{1,3}(?:other|remaining)[ \t]{1,3}(?:one|part|bit|question)\b(?![ \t]{1,3}(?:of|from|in)\b)",
    re.I,
)
"""A part named as the one left: "same for the other one", "and the remaining part?" (not "the other
one from hw6")."""


_ONE_OF_RE = regex(r"\bone[ \t]{1,3}of\b", re.I)
"""What names the set "the other one" is taken from ("one of the two conditions"), when it is not the parts."""


def the_other_part(text: str, home: Context, index: PartIndex, answered: Collection[str]) -> str | None:
    """The one part of the question the chat is on that no reply has answered, when a turn asks for "the
    other one" ("what training time did they start from ... and the ~100 words on what I learned" then
    "nice. same for the other one" asks Q4's (c))."""
    if home.q is None or home.q == FOREIGN or (other := _OTHER_PART_RE.search(text)) is None:
        return None
    if _ONE_OF_RE.search(text, 0, other.start()) is not None:
        return None  # "you only did one of the two conditions, what about the other one?": not a part
    parts = index.parts_of(home.q)
    left = [p for p in parts if p not in answered]
    return left[0] if len(left) == 1 and len(parts) > 1 else None


_NUMBERED_LINE_RE = regex(r"^[ \t]{0,3}(?:#{1,6}[ \t]{1,3})?(\d{1,2})[.)]?[ \t]", re.M)
"""A line opening on a bare number, or a heading that does ("## 4  How to Train Your ResNet")."""
_SUB_ITEM_RE = regex(r"[ \t]{0,8}(?:\(?[a-h]\)|[a-h][.:][ \t]|\(?(?:i{1,3}|iv)\))")


def questions_numbered(text: str, index: PartIndex) -> str:
    """The turn with "4) How to Train Your ResNet", "7 seq2seq ..." ("## 4 ...") read as "Q4 ...", "Q7 ...", when its
    top-level numbered lines are all our questions' numbers, not a list's own 1, 2, 3, and each heads
    lettered items on the next line ("a) starting time ...", "b) what you learned"): the homework's
    questions pasted by number. A number with no full stop or bracket names a question only with its
    words ("7 seq2seq ..."), not when it counts ("3 things:")."""
    if ")" not in text and "." not in text:
        return text
    found = list(_NUMBERED_LINE_RE.finditer(text))
    numbers = [m.group(1) for m in found]
    if not found or numbers == [str(k) for k in range(1, len(numbers) + 1)]:
        return text
    if any(n not in index.questions for n in numbers):
        return text
    for m in found:
        below = text.find("\n", m.end())
        if below < 0 or _SUB_ITEM_RE.match(text, below + 1) is None:
            return text
        if text[m.end(1)] not in ".)" and index.question_titled(text[m.end() : below]) != m.group(1):
            return text  # "3 things:" counts what follows; "7 seq2seq ..." names question 7
    pieces, at = [], 0
    for m in found:  # "4)" -> "Q4", "4 how" -> "Q4 how"
        pieces += [text[at : m.start(1)], "Q", m.group(1)]
        at = m.end(1) + (text[m.end(1)] in ".)")
    return "".join(pieces) + text[at:]


def read_user_turn(
    text: str,
    context: Context,
    index: PartIndex,
    home: Context = Context(),
    last: str | None = None,
    done: frozenset[str] = frozenset(),
    asked: Sequence[str] = (),
    renumbered: Mapping[str, str] | None = None,
    marks: Mapping[str, tuple[str, ...]] | None = None,
) -> UserTurn:
    """The parts a user turn asks, in the context the chat is in; `home` is the last of our questions
    the chat was on, where a turn back from another homework's question returns ("ok, now (b) of the
    hw7 question"); `last`, the part answered last, which "the part before" counts from, passing over
    the parts in `done` (set aside earlier in the chat: "Skip (b), I've written it"); `asked`, the
    parts asked so far; `renumbered`, the question numbers the user slipped earlier in the chat
    (see `UserTurn.renumbered`); `marks`, the parts the user's own marks stood for earlier in the chat
    ("1.2" -> `q3b.ii`, so that "can you redo 1.2 properly" asks it). A question pasted whole, then a
    short paragraph naming some of its parts ("8a iii and 8b", "Can you help with the second and third
    parts?"), asks those parts."""
    # "**(i)** and **(ii)** of problem 3b": bold marks are blanked, so that the words between labels
    # are read as they would be without them (offsets unchanged).
    unbolded = text.replace("**", "  ").replace("__", "  ")
    blanked = _code_blanked(unbolded)
    shows_code = blanked != unbolded
    blanked = spelled_labels(blanked, index.questions)
    text = questions_numbered(blanked, index)
    own_numbered: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    if (own := _own_numbering(text, index, context)) is not None:
        text, own_numbered = own
    elif marks:
        text = _marks_spelled(text, marks)
    text = _corrected_labels(text)
    text = _dotted_spelled(text, index)
    text, slipped, moved = _slipped_questions(text, index, renumbered or {})
    if moved or renumbered:
        text = _dotted_spelled(text, index, {**(renumbered or {}), **dict(moved)})
    lettering = _lettering(text, index)
    if lettering:
        text = _as_bullets(text)
    context = _asked_question_of(text, context, index, asked)
    turn = _read_turn(text, context, index, home, last, done, asked)
    turn = replace(
        turn,
        own_marks=lettering + own_numbered + slipped,
        renumbered=moved,
        shows_code=shows_code,
        # "1.1 ... 1.2 ... 2. ...": the list's plain numbers number its items, as a numbered list's do
        numbering=turn.numbering
        + tuple((f"{q}.{mark}", parts[0]) for mark, q, parts in own_numbered if mark.isdigit() and len(parts) == 1),
    )
    if turn.by_label and turn.named:
        turn = _described_instead(text, turn, index)
    if turn.set_aside and (check := _CHECK_QUESTION_RE.search(text)) is not None and brings_own_answers(text):
        # "i already did part (i) myself. i wrote the conditions as ... is that right?": the part the user
        # did, named before the question whether it is right, is brought to be checked, so it is asked
        before = {p for label in mentions(text[: check.start()]) for p in index.resolve(label, turn.context)}
        checked = [p for p in index.ids if p in turn.set_aside and p in before and p not in turn.named]
        if checked:
            turn = replace(turn, named=[*checked, *turn.named], by_label=True, set_aside=turn.set_aside - set(checked))
    if _only_thanks(text) and not (turn.named and turn.by_label and _bare_after_thanks(text)):
        # "Thanks, that table for (iii) is really helpful.", "ok thanks, (b) and (c) match what I had",
        # "thanks, I'll double check (a) against the blog": a thank-you that asks nothing names its
        # parts to say something of them, once they are answered (see `UserTurn.closing`)
        return replace(turn, closing=True)
    if len(turn.named) < 2:
        return turn
    return replace(turn, items=_item_parts(text, turn.named, index, turn.context))


def _code_blanked(text: str) -> str:
    """The turn with its fenced code blanked, offsets unchanged: the user's own code ("opt =
    torch.optim.SGD(..., weight_decay=lam)" under "does this look right?") names no part by the
    identifiers in it."""
    if "```" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    inside = False
    for i, line in enumerate(lines):
        fence = line.lstrip(" ").startswith(("```", "~~~"))
        if inside or fence:
            lines[i] = " " * len(line)
        if fence:
            inside = not inside
    return "\n".join(lines)


def own_mark(label: Label, text: str = "") -> str | None:
    """The label as a mark the user may give a part their own way: "a" for "(a)", "A" for "(A)" in `text`
    (the text the label is in: a capital is a mark of the user's own, see `_CAPITAL_MARK_RE`), "ii" for
    "(ii)", "Q1" for "Q1", "Q6a" for "Q6a" or "hw7 Q6a" (a question number that slipped); None for
    "(a)(ii)" or "HW6 Q1"."""
    if label.q is None:
        if label.letter and label.roman is None and label.letter.upper() in text[label.start : label.end]:
            return label.letter.upper()
        return label.letter if label.roman is None else label.roman if label.letter is None else None
    if label.homework not in (None, COURSE_HOMEWORK):
        return None
    return f"Q{label.q}{label.letter or ''}" + (f".{label.roman}" if label.roman else "")


OWN_ROMANS = ("i", "ii", "iii", "iv", "v", "vi")
_MARK_CLOSE_RE = regex(r"[ \t]{0,2}[.:)]")
_DOTTED_MARK_RE = regex(r"(?<![\w.])[1-9]\.[1-9](?![\w.])")
"""A mark of a list numbered in two levels, "1.1", "1.2" (not "0.5", "1.25" or "1.5x")."""
_LISTED_NUMBER_RE = regex(r"[ \t]{0,3}(?:,[ \t]{0,3})?(?:and[ \t]{1,3}|&[ \t]{0,3}|or[ \t]{1,3})?([1-9])(?![\w.])")
_PLAIN_MARK_RE = regex(r"^[ \t>*-]{0,4}(?P<at>(?:part[ \t]{1,2})?\(?([1-9]))[.)][ \t]", re.M | re.I)
"""A number opening a line ("2. ...", "(3) ...", "Part 1. ..."), from the word "Part" if it has one."""


_CAPITAL_MARK_RE = regex(
    r"(?<![\w(-])(?:\((?P<paren>[A-H][1-9]?)\)|Q-(?P<dashed>[A-H][1-9]?)(?!\w)|(?P<pair>[A-H][1-9])(?!\w|\.[0-9])"
    r"|(?P<lettered>[PST][1-9])(?![\w(]|\.[0-9])"
    r"|(?P<bare>[A-H])(?=[ \t]{0,2}(?:\.(?![0-9])|[:)\]—–])|[ \t]{1,2}-[ \t]))"
)
"""A mark in capitals, which the homework never uses: "(A)", "Q-C", "B1" (a capital letter and a number,
the number under the letter's section), "P1", "S1", "T1" (a problem's, section's or task's capital, then
the item's number: "P1. ... P2. ..." numbers one list, as "Q1. ... Q2. ..." does), or "A." and "B —" (a
letter alone, at a line's start only); case matters."""


def _capital_marks(text: str, at: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """The capital marks in the text, as (start, end, mark); a bare letter only where it opens a line."""
    for m in _CAPITAL_MARK_RE.finditer(text, at, len(text) if end is None else end):
        if m.group("bare") is None or opens_line(text, m.start(), LINE_OPENING_MARKS):
            yield (
                m.start(),
                m.end(),
                m.group("paren") or m.group("dashed") or m.group("pair") or m.group("lettered") or m.group("bare"),
            )


def capital_mark(line: str) -> tuple[str, int] | None:
    """The user's own mark opening the line, and where it ends: a capital one ("**B1 — First-order
    conditions**", "Q-A: ..."), or a part under the user's own heading ("**Problem I(b): ...**" -> "I.b");
    else None."""
    headed = _HEADED_PART_RE.match(line, 0, CAPITAL_MARK_REACH + HEADING_WORD_MAX * 2)
    if headed is not None:
        return _headed_part(headed), headed.end()
    first = next(_capital_marks(line, 0, CAPITAL_MARK_REACH), None)
    return (first[2], first[1]) if first is not None and opens_line(line, first[0], LINE_OPENING_MARKS) else None


CAPITAL_MARK_REACH = 16
"""How far into a line its capital mark is looked for (after heading and bold marks)."""
LINE_OPENING_MARKS = " \t>-*•#_"


def _mark_occurrences(
    text: str, labels: list[Label], ours: Collection[str], keys: Collection[str] = ()
) -> list[tuple[int, int, str]]:
    """Where the turn holds something that can be a mark of the user's own list, as (start, end,
    mark), in order and not overlapping: capital marks ("(A)", "B1."), labels ("Q1", "(ii)"), two-level
    numbers ("1.2") and numbers opening a line ("2.")."""
    own = sorted({*_capital_marks(text), *_headed_marks(text, ours, keys)})
    ends = list(accumulate((end for _, end, _ in own), max))
    found = [(label.start, label.end, mark) for label in labels if (mark := own_mark(label, text)) is not None]
    found += [(m.start(), m.end(), m.group()) for m in _DOTTED_MARK_RE.finditer(text)]
    found += [(m.start("at"), m.end(2), m.group(2)) for m in _PLAIN_MARK_RE.finditer(text)]
    # the marks only the user's own scheme has come first: "(a)" under "Problem I" is "I.a", not "a"
    found = sorted([*own, *(o for o in found if not _within(own, ends, o[0], o[1]))])
    kept: list[tuple[int, int, str]] = []
    for occurrence in found:
        if not kept or occurrence[0] >= kept[-1][1]:
            kept.append(occurrence)
    return kept


def _within(spans: list[tuple[int, int, str]], ends: list[int], start: int, end: int) -> bool:
    """Whether start..end overlaps one of the sorted spans (`ends`: their running greatest end)."""
    k = bisect_left(spans, (end,)) - 1
    return k >= 0 and ends[k] > start


_HEADING_MARK_RE = regex(
    r"^[ \t>*#_-]{0,8}(?P<at>(?i:problem|part|section|exercise|task)[ \t]{1,2}(?P<key>[IVX]{1,4}|[A-H]|[1-9]))"
    r"(?![\w(])",
    re.M,
)
"""A line opening on a heading the user numbered their own way: "Problem II (same AE, with λ)", "Section B —
PCA" (a roman numeral or a letter in capitals, or a number: the number is no question of ours)."""
_SUB = r"[a-h]|[1-9]|i{1,3}|iv|vi?"
_NUMERAL = r"i{1,3}|iv|vi?"
_SUB_MARK_RE = regex(
    rf"^[ \t>*-]{{0,6}}(?P<at>(?:(?P<key>[IVX]{{1,4}}|[A-H]|[1-9])\.)?\(?(?P<sub>{_SUB})"
    rf"(?:[.)]|(?<=\w)(?=[ \t])|\)?[ \t]{{0,2}}\((?P<numeral>{_NUMERAL})\)))(?=[ \t])",
    re.M,
)
"""A line opening on an item's mark under such a heading: "(a) ...", "2. ...", "(ii) ...", "(a)(ii) ...",
"B.1 ..." (under "Section B", the heading's key repeated)."""
_HEADED_PART_RE = regex(
    r"[ \t>*#_-]{0,8}(?:(?i:problem|part|section|exercise|task)[ \t]{1,2})?(?P<key>[IVX]{1,4}|[A-H]|[1-9])"
    rf"(?:[ \t]{{0,2}}\((?P<bracketed>{_SUB})\)|\.(?P<dotted>{_SUB})(?![\w.])"
    rf"|,?[ \t]{{1,2}}(?i:items?|parts?|questions?|q|#)[ \t]{{0,2}}\(?(?P<worded>{_SUB})\)?(?!\w))"
    rf"(?:[ \t]{{0,2}}\((?P<numeral>{_NUMERAL})\))?"
)
"""A part under the user's own heading named by both: "I(b)", "Problem II (a)", "1 (a)(ii)", "A.1",
"Exercise A items 1" ("I.b", "1.a.ii", "A.1" as marks)."""
_MORE_SUBS_RE = regex(
    rf"[ \t]{{0,2}}(?:(?P<joined>,|&|(?i:and|or))|(?P<range>[–—-]|(?i:to|through)))[ \t]{{0,3}}(?:,[ \t]{{0,2}})?"
    r"(?:(?i:parts?|items?)[ \t]{1,2})?"
    rf"\(?(?P<sub>{_SUB})\)?(?:[ \t]{{0,2}}\((?P<numeral>{_NUMERAL})\))?(?![\w(])"
)
"""Another item named after the first: "items 1 and 3", "parts a, c", "(a)(ii) and (a)(iii)", or the last of a
range: "(a)–(c)"."""


_NUMERAL_MARK_RE = regex(rf"\((?:{_NUMERAL})\)")


def _headed_part(m: re.Match[str]) -> str:
    sub = m.group("bracketed") or m.group("dotted") or m.group("worded")
    return f"{m.group('key')}.{sub}" + (f".{m.group('numeral')}" if m.group("numeral") else "")


def _sub_range(first: str, last: str) -> list[str]:
    """The items from `first` to `last`, both in: "a".."c" -> a, b, c; "1".."3"; "i".."iii"."""
    for order in (OWN_ROMANS, "123456789", "abcdefgh"):
        if first in order and last in order and order.index(first) <= order.index(last):
            return list(order[order.index(first) : order.index(last) + 1])
    return [last]


HEADING_WORD_MAX = 10
"""The longest word before a heading's number ("exercise ")."""


def _headed_marks(text: str, ours: Collection[str], keys: Collection[str] = ()) -> list[tuple[int, int, str]]:
    """The user's own headings ("Problem I"), their items' marks as parts of them ("(a)" under it is "I.a"),
    and the parts named by both elsewhere ("do I(b) and II(b)"; `keys`: headings of earlier turns), as
    (start, end, mark). A heading's number that is a question of ours is no heading of the user's own."""
    headings = [m for m in _HEADING_MARK_RE.finditer(text) if m.group("key") not in ours]
    if len(headings) < NUMBERED_MIN_ITEMS:
        headings = []
    # "Section B ...", then "Part 1. ..." and "(i) ...": a heading in another word and kind of number under
    # a heading is that heading's item, its own items the item's numerals ("B.1", "B.1.i")
    full: list[str] = []
    parent: re.Match[str] | None = None
    for m in headings:
        if parent is not None and _heading_word(m) != _heading_word(parent) and _kind(m) != _kind(parent):
            full.append(f"{parent.group('key')}.{m.group('key')}")
        else:
            parent = m
            full.append(m.group("key"))
    keys = {*keys, *(key for key in full if "." not in key)}
    found = [(m.start("at"), m.end("at"), key) for m, key in zip(headings, full)]
    for k, heading in enumerate(headings):
        end = headings[k + 1].start() if k + 1 < len(headings) else len(text)
        lettered = False
        for sub in _SUB_MARK_RE.finditer(text, _line_end(text, heading.end()), end):
            if sub.group("key") not in (None, heading.group("key")):
                continue
            mark = sub.group("sub")
            if lettered and mark in OWN_ROMANS or "." in full[k] and mark not in OWN_ROMANS:
                # "(a) (i) ... (ii) ... (iii) ...": the numerals of a lettered item, inside it; and under
                # "Part 1." (itself an item) only numerals are items
                continue
            lettered = lettered or mark.isalpha() and mark not in OWN_ROMANS
            numeral = f".{sub.group('numeral')}" if sub.group("numeral") else ""
            found.append((sub.start("at"), sub.end("at"), f"{full[k]}.{mark}{numeral}"))
    for named in _HEADED_PART_RE.finditer(text) if keys else ():
        at, key = named.start("key"), named.group("key")
        if key not in keys or (at and text[at - 1].isalnum()):
            continue
        found.append((at, named.end(), _headed_part(named)))
        end, first = named.end(), named.group("bracketed") or named.group("worded")
        while first and (more := _MORE_SUBS_RE.match(text, end)) is not None:
            # "items 1 and 3", "(a)(ii) and (a)(iii)", "(a)–(c)": the items named after it (a range's as
            # one mark, "2.b-c", its items joined)
            item = more.group("sub") + (f".{more.group('numeral')}" if more.group("numeral") else "")
            if more.group("range"):
                item = "-".join(_sub_range(first, more.group("sub"))[1:])
            found.append((more.start() if more.group("range") else more.start("sub"), more.end(), f"{key}.{item}"))
            end, first = more.end(), more.group("sub")
    return found


def _heading_word(m: re.Match[str]) -> str:
    return m.group("at").split()[0].lower()


def _kind(m: re.Match[str]) -> int | None:
    level = _level_key(m.group("key"))
    return level[0] if level is not None else None


_LETTERED_MARK_RE = regex(r"[PST][1-9]")
"""A mark of one list, the capital of a problem, section or task and the item's number: "P1", "P2" (not
"W1", "U2" or "L1", which name matrices and losses)."""
_PAIRED_MARK_RE = regex(r"([A-H])([1-9])|Q([1-9])([a-h])")
"""A mark of two levels written together: "B1" (section B, item 1), "Q1a" (the label "1a" read as a question's)."""
_CAPITAL_ROMANS = tuple(numeral.upper() for numeral in OWN_ROMANS)


def _level_key(mark: str) -> tuple[int, int, int] | None:
    """A list's mark as a key that grows down the list, its kind first: "1.2" -> (0, 1, 20), "2" -> (0, 2,
    0), "Q1a" -> (0, 1, 10), "B1" -> (1, 2, 10), "C" -> (1, 3, 0), "II.b" -> (2, 2, 20), "1.a.ii" -> (0, 1,
    12) (an item's numeral counts in its last digit)."""
    top, _, sub = mark.partition(".")
    sub, _, numeral = sub.partition(".")
    if (paired := _PAIRED_MARK_RE.fullmatch(mark)) is not None:
        top, sub = (paired.group(1), paired.group(2)) if paired.group(1) else (paired.group(3), paired.group(4))
    if len(top) == 1 and top.isdigit() and top != "0":
        level = (0, int(top))
    elif len(top) == 1 and "A" <= top <= "H":
        level = (1, ord(top) - ord("A") + 1)
    elif top in _CAPITAL_ROMANS:
        level = (2, _CAPITAL_ROMANS.index(top) + 1)
    else:
        return None
    if numeral and numeral not in OWN_ROMANS:
        return None
    below = OWN_ROMANS.index(numeral) + 1 if numeral else 0
    if not sub:
        return (*level, 0)
    if sub.isdigit() and len(sub) == 1:
        return (*level, int(sub) * 10 + below)
    if sub in OWN_ROMANS and not (level[0] == 0 and sub == "i"):
        return (*level, (OWN_ROMANS.index(sub) + 1) * 10 + below)
    if len(sub) == 1 and "a" <= sub <= "h":
        return (*level, (ord(sub) - ord("a") + 1) * 10 + below)
    return None


def own_scheme(mark: str) -> bool:
    """Whether the mark is one only the user's own scheme has, which a later reply may echo: in capitals
    ("(A)", "B1", "II.b") or an item under the user's own numbered heading ("2.a")."""
    if _LETTERED_MARK_RE.fullmatch(mark):
        return True
    level = _level_key(mark)
    return level is not None and (level[0] > 0 or mark.partition(".")[2][:1].isalpha())


def _two_level(mark: str) -> bool:
    """Whether the mark numbers an item under another: "1.2", "B1", "Q1a"."""
    key = _level_key(mark)
    return key is not None and key[2] > 0


def _line_end(text: str, at: int) -> int:
    """Where the line holding `at` ends."""
    end = text.find("\n", at)
    return end if end >= 0 else len(text)


def _own_run(
    text: str, occurrences: list[tuple[int, int, str]], ours: Collection[str], lettered_after: int | None
) -> list[tuple[int, int, str]]:
    """The marks opening lines that number the user's own list: "Q1", "Q2", ... (from a question
    number we do not have: "Q2: ... Q3: ..." continuing a list begun in another chat); "(i)", "(ii)",
    ...; "1.1", "1.2", "2" (two levels, growing down the list, one mark at least of two); or "a)",
    "b)", ... after `lettered_after`, the end of a label of a lettered group with numerals ("Q8 part a
    ... I'll call the subparts a b c: a) ... b) ... c) ...")."""
    run: list[tuple[int, int, str]] = []
    for k, occurrence in enumerate(occurrences):
        start, _, mark = occurrence
        if not opens_line(text, start, " \t>-*•("):
            continue  # not at a line's start
        numbered_question = mark[:1] == "Q" and mark[1:].isdigit()
        lettered = _LETTERED_MARK_RE.fullmatch(mark) is not None
        opens = mark in ("i", "1", "1.1", "A", "I") or (numbered_question and mark[1:] not in ours)
        opens = opens or (lettered and mark[1:] == "1")
        opens = opens or (mark == "a" and lettered_after is not None and start > lettered_after)
        # "B1. ... B2. ...", "1a. ... 1b. ...": a first item under a section of the user's own; "5.2: ...
        # 5.3: ..." under a question number we do not have, the rest of a list begun elsewhere ("did 5.1
        # already")
        opens = opens or (_two_level(mark) and mark[-1] in "1a" and not (mark[:1] == "Q" and mark[1:2] in ours))
        opens = opens or (_two_level(mark) and mark[:1].isdigit() and mark.partition(".")[0] not in ours)
        # "Section B", then "B.1 ...": a heading of the user's own, its first item next
        opens = opens or (k + 1 < len(occurrences) and occurrences[k + 1][2].startswith(f"{mark}.") and mark[:1] != "Q")
        if not run:
            fits = opens
        elif (run[0][2][:1] == "Q" or _LETTERED_MARK_RE.fullmatch(run[0][2])) and run[0][2][1:].isdigit():
            fits = mark == f"{run[0][2][0]}{int(run[0][2][1:]) + len(run)}"
        elif run[0][2] == "i":
            fits = mark in OWN_ROMANS[len(run) : len(run) + 1]
        elif run[0][2] == "a":
            fits = mark == "abcdefgh"[len(run) : len(run) + 1]
        else:
            key, last = _level_key(mark), _level_key(run[-1][2])
            fits = key is not None and last is not None and key[0] == last[0] and key > last
            # "1.", then "1a.", "1b.": a sub-mark's question is no question of ours
            fits = fits and not (mark[:1] == "Q" and mark[1:2] in ours)
        if not fits and opens and len(run) < NUMBERED_MIN_ITEMS:
            # "Question 2 in my write-up: ... (A) ... (B) ...": a mark alone opens no list
            fits, run = True, []
        if fits:
            run.append(occurrence)
    if run and run[0][2][0].isdigit() and not any(_two_level(mark) for _, _, mark in run):
        # "1. ... 2. ... 3. ...": a plain numbered list (see `_numbered_items`), unless the turn names its
        # items by number after it ("I already did 1 myself. can you do 2 and 3")
        numbers = {mark for _, _, mark in run}
        if not any(m.group(1) in numbers for m in _NUMBER_NAMED_RE.finditer(text, _line_end(text, run[-1][1]))):
            return []
    return run if len(run) >= NUMBERED_MIN_ITEMS else []


_MARK_DEFINED_RE = regex(r"(?<![\w.])([A-Z]?[1-9])[ \t]{0,2}=[ \t]{0,2}([^,;()=\n]{3,80})")
"""A mark the user defines before the list: "P1 = start vs end time/accuracy, P2 = what I learnt"."""


def _marks_defined(text: str, marks: Mapping[str, int], index: PartIndex) -> dict[str, tuple[str, ...]]:
    """The parts the user's own definitions of the list's marks name by their cue words, when each
    definition names a different one: "My notes are P1-P3 (P1 = start vs end time/accuracy, P2 = what I
    learnt ~100 words, P3 = most interesting approach + why)" says what each item answers, whatever
    the item's own words name ("P3: ... saves training time")."""
    defined: dict[str, tuple[str, ...]] = {}
    for m in _MARK_DEFINED_RE.finditer(text):
        if m.group(1) in marks and m.group(1) not in defined:
            part = leader(Counter({p: n for p, n in index.cue_counts(m.group(2)).items() if n}))
            if part is not None:
                defined[m.group(1)] = (part,)
    parts = [ps[0] for ps in defined.values()]
    return defined if len(defined) >= NUMBERED_MIN_ITEMS and len(set(parts)) == len(parts) else {}


def _own_numbering(
    text: str, index: PartIndex, context: Context
) -> tuple[str, tuple[tuple[str, str, tuple[str, ...]], ...]] | None:
    """A list the user numbered their own way, whose items ask our parts: "Q1. how many linear layers
    ... Q2. which loss ..." (the homework has no Q1, so a run of line-opening marks from Q1 is the
    user's), "(i) ... during training ... (ii) ... at eval time" with no label of ours before it to
    place its numerals, or "1.1 ... 1.2 ... 2. ..." in two levels. Returns the turn with each mark, and
    each mention of one elsewhere ("can you do Q1 and Q3? Q2 i'm writing myself", "context for 1.x"),
    spelled as the label of the part (or question) its items ask, and (mark, question, (part,)) per
    item; None when there is no such list or its items name no two parts."""
    labels = mentions(text)
    # (a number the user gives a question with its title, "Part 1 — the ResNet blog", is read as ours: see
    # `parts_as_questions`)
    occurrences = _mark_occurrences(text, labels, {*index.questions, *parts_as_questions(text, index)[1]})
    groups = (
        label.end
        for label in labels
        if label.q is not None
        and label.letter
        and label.roman is None
        and len(index.resolve(label, Context(label.q))) > 1
    )
    run = _own_run(text, occurrences, index.questions, next(groups, None))
    if not run:
        return None
    if run[0][2].isdigit() and not any("." in mark for _, _, mark in run):
        # "1. ... 2. ... 3. ... I already did 1 myself. can you do 2 and 3": the numbers named after it
        named = [
            (m.start(1), m.end(1), m.group(1)) for m in _NUMBER_NAMED_RE.finditer(text, _line_end(text, run[-1][1]))
        ]
        occurrences = sorted({*occurrences, *named})
    if run[0][2] == "i" and any(label.q is not None or label.letter for label in labels if label.start < run[-1][0]):
        return None  # "8a: ... (i) ... (ii) ...", "Part (a): ... (i) ...": the numerals are the question's own parts
    if run[0][2] == "i" and any(
        label.letter and label.start > run[-1][0] and opens_line(text, label.start, " \t>-*•(") for label in labels
    ):
        return None  # "(i) ... (ii) ... (iii) ... (b) No, ...": the numerals of part (a), then part (b)
    marks = {mark: n for n, (_, _, mark) in enumerate(run, 1)}
    item_at = {start: n for n, (start, _, _) in enumerate(run, 1)}
    # the items as a numbered list ("1) ... 2) ..."), other mentions of their marks blanked
    pieces: list[str] = []
    at = 0
    for start, end, mark in occurrences:
        if start in item_at:
            close = _MARK_CLOSE_RE.match(text, end)
            pieces += [text[at:start], f"{item_at[start]}) "]
            at = close.end() if close else end
        elif mark in marks:
            pieces += [text[at:start], " " * (end - start)]
            at = end
    listed = "".join(pieces) + text[at:]
    levels = [_level_key(mark) for _, _, mark in run]
    heads = {level[:2]: k for k, level in enumerate(levels) if level is not None and level[2] == 0}
    subs = [k for k, level in enumerate(levels) if level is not None and level[2] and level[:2] in heads]
    if not subs:
        by_number = _parts_by_number(listed, index, context)
        part_of = {mark: by_number[str(n)] for mark, n in marks.items() if str(n) in by_number}
        part_of.update(_marks_defined(text, marks, index))
    else:
        # "1. Linear autoencoder vs PCA ... 1a. ... 1b. ... 2. Spanish->English RNN ... 2a. ...": the items
        # under each heading item, read as a list of their own under the heading's words
        part_of = {}
        ends = [run[k + 1][0] if k + 1 < len(run) else len(text) for k in range(len(run))]
        for group, head in heads.items():
            items = [k for k in subs if (level := levels[k]) is not None and level[:2] == group]
            if not items:
                continue
            pieces = [text[run[head][1] : min(ends[head], _line_end(text, run[head][1]))]]
            # (an item's own numerals, "(i) how many layers? (ii) which loss?", are no labels: its words say
            # which lettered part they are the numerals of)
            pieces += [f"{n}) {_NUMERAL_MARK_RE.sub('   ', text[run[k][1] : ends[k]])}" for n, k in enumerate(items, 1)]
            by_number = _parts_by_number("\n".join(pieces), index, context)
            for n, k in enumerate(items, 1):
                asked = by_number.get(str(n))
                if asked and len(_NUMERAL_MARK_RE.findall(text, run[k][1], ends[k])) >= NUMBERED_MIN_ITEMS:
                    # "C.1 (i) how many layers? (ii) which loss? (iii) ...": all the numerals of its lettered part
                    lettered = asked[0].partition(".")[0]
                    asked = tuple(p for p in index.ids if p.partition(".")[0] == lettered and "." in p) or asked
                if asked:
                    part_of[run[k][2]] = asked
    for _, _, mark in run:
        children = [p for sub, parts in part_of.items() if sub.startswith(f"{mark}.") for p in parts]
        if mark not in part_of and "." in mark and children and len({p.partition(".")[0] for p in children}) == 1:
            part_of[mark] = tuple(children)  # "Part 1." over "(i) ... (ii) ... (iii) ...": its numerals' part
    if len(part_of) < NUMBERED_MIN_ITEMS:
        return None
    spelled_of = {
        mark: _spelled(parts[0] if len(parts) == 1 else parts[0].partition(".")[0]) for mark, parts in part_of.items()
    }
    heading_keys = {run[head][2] for group, head in heads.items() if any(levels[k][:2] == group for k in subs)}  # type: ignore[index]
    # "context for 1.x": the group of a two-level list, by the question its items share
    for top in {mark.partition(".")[0] for mark in part_of if "." in mark}:
        under = {question_of(parts[0]) for mark, parts in part_of.items() if mark.partition(".")[0] == top}
        if len(under) == 1 and top not in index.questions:
            spelled_of.setdefault(f"Q{top}", _label_text(Label(next(iter(under))[1:])))
            if top in heading_keys:
                # "Problem II" itself, the heading of items "II.a", "II.b"; its items, under it, read as
                # its question's letters ("(a)" or "(b)(i)")
                spelled_of[top] = _label_text(Label(next(iter(under))[1:]))
    relative_of = {
        mark: _relative_text(parts)
        for mark, parts in part_of.items()
        if mark.partition(".")[0] in heading_keys and mark.partition(".")[0] in spelled_of
    }
    pieces, at = [], 0
    for start, end, mark in occurrences:
        if start < at:
            continue
        if start in item_at and mark in relative_of:
            pieces += [text[at:start], relative_of[mark]]
            at = end
            continue
        top = mark.partition(".")[0]
        whole = top if top.startswith("Q") else f"Q{top}"
        if "-" in mark:
            # "(a)–(c)": the range's items after its first, joined
            heading, _, ranged = mark.partition(".")
            joined = " and ".join(spelled_of[m] for sub in ranged.split("-") if (m := f"{heading}.{sub}") in spelled_of)
            pieces += [text[at:start], f" and {joined}" if joined else text[start:end]]
            at = end
            continue
        item, _, numeral = mark.rpartition(".")
        if mark.count(".") == 2 and mark not in spelled_of and item in part_of and len(part_of[item]) > 1:
            spelled_of[mark] = f"{spelled_of[item]}({numeral})"  # "II(a)(iii)" after "(a) i. ... ii. ... iii. ..."
        if (spelled := spelled_of.get(mark) or (spelled_of.get(whole) if "." in mark else None)) is not None:
            pieces += [text[at:start], spelled]
            at = end
            # "ill call them 1.1, 1.2 and 2": a plain number listed after a mark is one too
            while (listed_next := _LISTED_NUMBER_RE.match(text, at)) and listed_next.group(1) in spelled_of:
                pieces += [text[at : listed_next.start(1)], spelled_of[listed_next.group(1)]]
                at = listed_next.end(1)
    return "".join(pieces) + text[at:], tuple(
        (mark, question_of(parts[0])[1:], parts) for mark, parts in part_of.items()
    )


def _relative_text(parts: tuple[str, ...]) -> str:
    """The label of a part (or of a lettered part's numerals together) under its question: "(a)", "(b)(ii)"."""
    home = context_of(parts[0])
    numeral = parts[0].partition(".")[2] if len(parts) == 1 else ""
    return f"({home.letter})" + (f"({numeral})" if numeral else "")


def _parts_by_number(listed: str, index: PartIndex, context: Context) -> dict[str, tuple[str, ...]]:
    """The parts each item of a numbered list asks, by item number: by the item's own words (one part, or
    the numerals of one lettered part: "(a) (i) how many layers ... (ii) which loss ... (iii) ..."), then
    those its words leave open by the list's order."""
    labels = mentions(listed)
    by_number = {
        key.rsplit(".", 1)[1]: ps
        for key, ps in _cued_items(listed, labels, index)
        if len(ps) == 1 or len({p.partition(".")[0] for p in ps} | {p for p in ps if "." not in p}) == 1
    }
    taken = {p for ps in by_number.values() for p in ps}
    for key, part in _numbered_items(listed, labels, index, set(), context):
        if part not in taken:
            by_number.setdefault(key.rsplit(".", 1)[1], (part,))
    return by_number


_NUMBER_NAMED_RE = regex(
    r"\b(?:for|redo|rewrite|fix|check|do|did|done|wrote|written|finished|skip|except|in|on|about|and|number|item"
    r"|need|want|only|part|#)"
    r"[ \t]{1,3}([1-9])"
    r"(?=[ \t]{0,2}(?:[,:;.?!)]|$)|[ \t]{1,2}(?:i|you|it|its|it's|the|we|can|could|pls|please|too|also|is|was"
    r"|are|were|tbh|and|myself|already|only)\b)",
    re.I | re.M,
)
"""A plain number of the user's own list named in a later turn: after a word that points at it, and
before a clause's end or a new clause ("and for 2 i need an actual argument", "redo 2 pls"; not "for 2
layers")."""


def _dotted_spelled(text: str, index: PartIndex, renumbered: Mapping[str, str] | None = None) -> str:
    """The turn with each part named by its question's number and its place ("can you do 7.2 and 7.3?",
    "3.1: first order conditions") spelled as the part's label ("Q7(b)", "Q3(b)(i)"); with `renumbered`,
    the question numbers the user slipped read as ours ("Problem 1 (seq2seq ...)", then "I only need 1.2
    and 1.3": 7(b) and 7(c))."""
    if "." not in text:
        return text
    pieces: list[str] = []
    at = 0
    for label in mentions(text, ordinals=True):
        if label.q is None or label.ordinal is None or label.start < at:
            continue
        if renumbered is not None:
            if label.q not in renumbered:
                continue
            label = replace(label, q=renumbered[label.q])
        parts = index.resolve(label, Context(label.q))
        if len(parts) == 1:
            pieces += [text[at : label.start], _spelled(parts[0])]
            at = label.end
    return "".join(pieces) + text[at:]


def _marks_spelled(text: str, marks: Mapping[str, tuple[str, ...]]) -> str:
    """The turn with each of the user's earlier own marks ("1.2", "Q3", "(ii)", or a two-level list's
    plain "2" where `_NUMBER_NAMED_RE` names it) spelled as the label of the part it stood for."""
    keys = {mark.partition(".")[0] for mark in marks if "." in mark}
    found = [
        (start, end, mark)
        for start, end, mark in _mark_occurrences(text, mentions(text), (), keys)
        if not mark.isdigit() and mark not in keys
    ]
    found += [(m.start(1), m.end(1), m.group(1)) for m in _NUMBER_NAMED_RE.finditer(text)]
    pieces: list[str] = []
    at = 0
    for start, end, mark in sorted(found):
        parts = marks.get(mark)
        if parts is not None and len(parts) == 1 and start >= at:
            pieces += [text[at:start], _spelled(parts[0])]
            at = end
    return "".join(pieces) + text[at:]


def _slipped_questions(
    text: str, index: PartIndex, renumbered: Mapping[str, str]
) -> tuple[str, tuple[tuple[str, str, tuple[str, ...]], ...], tuple[tuple[str, str], ...]]:
    """The turn with each label whose question number slipped spelled as the label of the part its
    description names: a question we do not have, whose description right after it names one of ours by
    its title (or by its cue words, in a turn that names this homework): "Q6a from hw7: the
    encoder-decoder translation thing" is 7(a), "Q5a, the resnet blog start and end times" 4(a); or one
    of ours, whose description set off after it names a part of another question by its cue words and
    nothing of its own: "hw7 problem 3b, the teacher forcing one" is 7(b). The part is the one of that
    question the description's cue words name, else the label's letter and numeral there, else the
    whole question; a number slipped earlier in the chat (`renumbered`) names the same question again
    ("going back to 6a"). Returns the turn, (mark, question, parts) per label so read (see
    `UserTurn.own_marks`), and the question numbers so read (see `UserTurn.renumbered`). A line
    "Part 1 — the How to Train Your ResNet blog series" numbers a question the user's way too ("only
    doing 1(c) and 2(b)" after it: 4(c) and ...)."""
    text, moved = parts_as_questions(text, index)
    titled = {n: q for n, q in moved.items() if n in index.questions and n != q}  # "Exercise 3 is about ... ResNet"
    labels = mentions(text)
    ours = names_our_homework(text)
    other_only = names_other_homework_only(text)
    by_question = Counter({question_of(p): n for p, n in index.cue_counts(text).items() if n})
    starts = [label.start for label in labels if label.q is not None]
    relatives = [label for label in labels if label.q is None]
    relative_starts = [label.start for label in relatives]
    pieces: list[str] = []
    marks: list[tuple[str, str, tuple[str, ...]]] = []
    at = 0
    for label in labels:
        if label.q is None or label.homework not in (None, COURSE_HOMEWORK):
            continue
        # up to the next full label, past the numerals after it ("Q9a (i)(ii)(iii) from hw7, the
        # regularized autoencoder: ..."), and to its sentence's end, or its bracket's
        k = bisect_right(starts, label.start)
        end = min(starts[k] if k < len(starts) else len(text), label.end + DESCRIPTION_MAX_CHARS)
        begin = label.end
        while (j := bisect_right(relative_starts, begin - 1)) < len(relative_starts) and (
            relatives[j].start < end and not text[begin : relatives[j].start].strip()
        ):
            begin = relatives[j].end
        opened = text[begin:end].lstrip().startswith("(")
        stop = (_BRACKET_END_RE if opened else _SENTENCE_END_RE).search(text, begin, end)
        description = text[label.end : stop.start() if stop else end]
        counts = index.cue_counts(description)
        cued = {p for p in index.ids if counts[p]}
        q: str | None
        if label.q in titled and (label.letter or label.roman):
            # "3(c)" under "Exercise 3 is about the ResNet posts": 4(c) (the heading itself reads "Q4" already)
            q = titled[label.q]
        elif label.q in index.questions:
            # the whole turn in another question's words, by two cue phrases or more (or one in the
            # label's own description, beside that question's title: "8b: what goes into the decoder
            # during training? (the veo un perro one)"), and none of its own
            if (
                len(starts) > 1
                or _SET_OFF_RE.match(text, label.end) is None
                or len(by_question) != 1
                or f"q{label.q}" in by_question
                or (sum(by_question.values()) < FIRM_CUES and not (cued and index.questions_named(text)))
                or not index.questions_named(text) <= {question_of(next(iter(by_question)))[1:]}
            ):
                continue
            q = question_of(next(iter(by_question)))[1:]
        else:
            if other_only or names_other_homework_only(description):
                continue  # "Q2 from hw6: ...", "First a HW6 thing: Q2(c) asks ..."
            q = index.question_named(description)
            if q is None and (ours or counts.total() >= FIRM_CUES):
                # "6b - teacher forcing, what are w1 to w5 during training?"
                q = one_question_cued(description, index)
            q = q or renumbered.get(label.q) or moved.get(label.q)
            if q is None:
                continue
            moved[label.q] = q
        in_q = [p for p in index.parts_of(q) if p in cued]
        parts = in_q if len(in_q) == 1 else index.resolve(replace(label, q=q), Context(q)) or index.parts_of(q)
        pieces += [text[at : label.start], _spelled(parts[0]) if len(parts) == 1 else _label_text(Label(q))]
        at = label.end
        if (mark := own_mark(label)) is not None:
            marks.append((mark, q, tuple(parts)))
    return "".join(pieces) + text[at:], tuple(marks), tuple(moved.items())


_PART_TITLE_RE = regex(
    r"^[ \t>*#-]{0,8}(?:\*\*|__)?(?P<mark>part|section|exercise|problem|task)[ \t]{1,2}(?P<n>\d{1,2})[ \t]{0,2}"
    r"(?:\*\*|__)?(?:[ \t]{0,2}[—–:.-]|[ \t]{1,2}(?:is|was)(?=[ \t]))[ \t]{0,3}(?P<title>[^\n]{1,150})",
    re.I | re.M,
)
"""A line opening on the user's own number for a question, then its title ("Part 1 — the "How to
Train Your ResNet" blog series", "Section 2: linear autoencoder with an l2 penalty", "Exercise 3 is about
the How to Train Your ResNet posts")."""


def parts_as_questions(text: str, index: PartIndex) -> tuple[str, dict[str, str]]:
    """The turn with each `_PART_TITLE_RE` line's number (the user's, even one of ours: "Exercise 3 is about
    the ResNet posts", "Exercise 4 is a seq2seq thing") spelled as the question its title names ("Part 1
    — ... ResNet ..." -> "Q4 — ..."), and those numbers -> questions,
    when two such lines or more name different questions of ours (one "Part 1 - Problem with ..." numbers
    a part's answer, not a question)."""
    found = [
        (m, q) for m in _PART_TITLE_RE.finditer(text) if (q := index.question_titled(m.group("title"))) is not None
    ]
    numbers = {m.group("n") for m, _ in found}
    if len(found) < 2 or len({q for _, q in found}) != len(found) or len(numbers) != len(found):
        return text, {}
    if all(m.group("n") == q for m, q in found):
        return text, {}  # "Part 4 — ResNet", "Part 7 — translation": our own numbers
    pieces: list[str] = []
    at = 0
    for m, q in found:
        pieces += [text[at : m.start("mark")], f"Q{q}"]
        at = m.end("n")
    return "".join(pieces) + text[at:], {m.group("n"): q for m, q in found}


_NUMBERED_HEADING_RE = regex(
    r"^[ \t>*#_-]{0,8}(?P<mark>(?i:part|section|problem|exercise))[ \t]{1,2}(?P<n>\d{1,2})(?![\w.]|[ \t]{0,2}[,/])",
    re.M,
)
"""A line opening on the user's own number for a question, with or without its title: "## Part 1"."""


def headings_renumbered(text: str, renumbered: Mapping[str, str]) -> str:
    """A reply with each line opening on a number the user gave a question ("## Part 1", then "**(a)(ii)
    Loss**") spelled as that question ("## Q8"); see `UserTurn.renumbered`."""
    pieces: list[str] = []
    at = 0
    for m in _NUMBERED_HEADING_RE.finditer(text):
        if m.group("n") in renumbered:
            pieces += [text[at : m.start("mark")], f"Q{renumbered[m.group('n')]}"]
            at = m.end("n")
    return "".join(pieces) + text[at:]


_BRACKET_END_RE = regex(r"\)|[.?!][ \t\n]|\n")
"""Where a label's description in brackets ends: its bracket's end, or its sentence's."""


_CORRECTING_BEFORE = regex(
    r"(?:\bi[ \t]{1,3}mean[t]?|\b(?:it['’]?s|it[ \t]{1,3}is|that['’]?s)[ \t]{1,3}actually|\bsorry|\bactually)"
    r"[ \t,:]{0,3}(?:(?:question|problem|part|q)[ \t]{0,2})?$",
    re.I,
)
"""Words that correct the label before ("question 3c (ii)?? i think its actually 3b", "8a, sorry, 8b")."""
CORRECTING_LOOKBACK = 32
"""How far before a label the words that make it a correction are looked for."""
CORRECTED_MAX_GAP = 80
"""How far after the label it corrects a correction may stand."""


def _corrected_labels(text: str) -> str:
    """The turn with a label the user corrects ("question 3c (ii)?? i think its actually 3b in the pdf")
    blanked, and the correcting one spelled with what the corrected one had that it lacks ("Q3(b)(ii)")."""
    low = text.lower()
    if "actually" not in low and "mean" not in low and "sorry" not in low:
        return text
    labels = mentions(text)
    pieces: list[str] = []
    at = 0
    for before, label in zip(labels, labels[1:]):
        if (
            before.start < at
            or label.q is None
            or before.q is None
            or label.start - before.end > CORRECTED_MAX_GAP
            or _CORRECTING_BEFORE.search(text, max(before.end, label.start - CORRECTING_LOOKBACK), label.start) is None
        ):
            continue
        letter = label.letter or (before.letter if label.q == before.q or not label.roman else None)
        roman = label.roman or (before.roman if label.letter is None or before.letter is not None else None)
        pieces += [text[at : before.start], " " * (before.end - before.start), text[before.end : label.start]]
        pieces.append(_label_text(Label(label.q, letter, roman)))
        at = label.end
    return "".join(pieces) + text[at:] if pieces else text


def _label_text(label: Label) -> str:
    """A label as a user writes it in full: "Q8(a)(iii)"."""
    return f"Q{label.q}" + (f"({label.letter})" if label.letter else "") + (f"({label.roman})" if label.roman else "")


def _spelled(part: str) -> str:
    """A part's label as a user writes it in full: "Q8(a)(iii)" for `q8a.iii`."""
    home = context_of(part)
    return _label_text(Label(home.q, home.letter, part.partition(".")[2] or None))


DESCRIPTION_MAX_CHARS = 200
"""How far after a label its description is read ("8a(iii) — the one asking whether a small nonzero λ
..."), up to the sentence's end or the next label."""
_SET_OFF_RE = regex(
    r"\)?[ \t]{0,2}[:—–,(]|[ \t]{1,2}(?:one|bit|part|question)[ \t]{1,3}(?:where|about|asking|on|that|which)\b", re.I
)
"""A description set off after its label by a colon, a dash, a comma or a bracket, or one the label
heads ("the 4a one where you just reflect on what u learned")."""
_HEDGED_AFTER = regex(r"[ \t]{0,2}(?P<word>one[ \t]{0,2}|(?:i[ \t]{1,3}think|maybe|probably)[ \t]{0,2})?\?", re.I)
_APPOSED = ("(", ",", "—", "–", " -")
"""A label the user doubts: in brackets or set beside a description ("(7b?)", "the which-loss-function
one, 8a i?"), or with a word of doubt ("7c i think?", "the 4b one?")."""


def _described_instead(text: str, turn: UserTurn, index: PartIndex) -> UserTurn:
    """The turn with each part named by a label whose description right after it names, by two cue
    phrases, one other part of the same question and nothing of its own up to the next label, taken as
    that part: "8a(iii) — the one asking whether a small nonzero λ makes W2 come out with roughly
    orthonormal columns" is 8(b), "7b, the one about which 5 tokens get fed into the decoder at
    evaluation / generation time" is 7(c); a label the user doubts is read by its description on either
    side ("the teacher forcing question ... (7c i think?) ..." is 7(b)), and one whose described part the
    turn asks already adds none. A student's label may slip; the words say what they want."""
    labels = [label for label in mentions(text) if label.q is not None]
    named = list(turn.named)
    for k, label in enumerate(labels):
        if label.q is None:
            continue
        ids = index.resolve(label, Context(label.q))
        if len(ids) != 1 or ids[0] not in named:
            continue
        if k and _LABEL_JOIN.fullmatch(text, labels[k - 1].end, label.start):
            continue  # "3.b.1 and 3.b.2 — first order conditions ..., and then show ...": a list shares its description
        next_start = labels[k + 1].start if k + 1 < len(labels) else len(text)
        hedge = _HEDGED_AFTER.match(text, _after(text, label))
        if hedge is not None and not (hedge.group("word") or text[: label.start].rstrip().endswith(_APPOSED)):
            hedge = None  # "are you sure about 8b?": a question about the part, not a doubt about its label
        if hedge is not None:
            # "the teacher forcing question from the translation problem (7c i think?) what goes in
            # w1 thru w5 during training": a label the user doubts, described on either side of it
            before = max(labels[k - 1].end if k else 0, label.start - DESCRIPTION_MAX_CHARS)
            stop = _SENTENCE_END_RE.search(text, hedge.end(), min(next_start, hedge.end() + DESCRIPTION_MAX_CHARS))
            stretch = text[before : label.start] + " " + text[hedge.end() : stop.start() if stop else next_start]
            description = stretch
        else:
            stretch = text[label.end : next_start]
            end = min(len(stretch), DESCRIPTION_MAX_CHARS)
            if (going := _GOING_ON_RE.search(stretch, 0, end)) is not None:
                # "can you do 7(b) for me, and also the part right after it — what goes in at test time":
                # what goes on asks another part; it does not describe this one
                stretch = stretch[: going.start()]
                end = len(stretch)
            stop = _SENTENCE_END_RE.search(stretch, 0, end)
            if stop is not None and not stretch[: stop.start()].strip():
                # "hw7 question 7b. its the ... figure. what are the 5 tokens ... at test time ...": a label
                # that ends its sentence is described by the sentences after it, up to the next label
                stop = None
                end = min(len(stretch), DESCRIPTION_MAX_CHARS * 3)
            description = stretch[: stop.start() if stop is not None else end]
        group = index.parts_of(label.q)
        counts = index.cue_counts(description)
        cued = [p for p in group if counts[p]]
        if (
            len(cued) == 1
            and cued[0] != ids[0]
            # two cues of the other part, or one in a description set off after the label ("8b: ... how
            # many linear layers do you need?") or beside a doubted label; none of its own up to the next
            # label
            and (counts[cued[0]] >= FIRM_CUES or hedge is not None or _SET_OFF_RE.match(stretch) is not None)
            and not index.cue_counts(stretch)[ids[0]]
            and ids[0] not in index.by_cue_words(stretch, group)
        ):
            # (the described part asked already, by its words elsewhere in the turn: the label adds none)
            named = [cued[0] if p == ids[0] else p for p in named if p != ids[0] or cued[0] not in named]
    if named == turn.named and len(named) == 1:
        # "part (b) of the translation question (...). at evaluation time, when the model is actually
        # generating, which 5 tokens go in?": the one part asked by label, when the turn's words name
        # another part of its question by two cue phrases and nothing of its own, is that part
        group = index.parts_of(question_of(named[0])[1:])
        counts = index.cue_counts(text)
        cued = [p for p in group if counts[p]]
        if len(cued) == 1 and cued[0] != named[0] and counts[cued[0]] >= FIRM_CUES:
            named = cued
    if named == turn.named:
        return turn
    # "can you do 3b(ii) first, the first order optimality conditions? and then the PCA one after": what
    # goes on asks the part the slipped label stood for
    named += _going_on_parts(text, mentions(text), index, named, turn.set_aside)
    named = [p for p in index.ids if p in named]
    return replace(turn, named=named, context=context_of(named[-1]))


_LETTERED_ITEM_RE = regex(r"^([ \t>]{0,4})(\(?([a-h])\)|([a-h])\.)[ \t]", re.M)
"""A lettered list item's mark at a line's start ("a) ...", "(b) ...", "c. ...")."""


def _item_letter(mark: re.Match[str]) -> str:
    return mark.group(3) or mark.group(4)


def _lettered_items(text: str) -> list[tuple[re.Match[str], str]]:
    """The marks and texts of the turn's lettered list, a), b), ... in order from a), else none."""
    marks = list(_LETTERED_ITEM_RE.finditer(text))
    if len(marks) < NUMBERED_MIN_ITEMS or [_item_letter(m) for m in marks] != list("abcdefgh"[: len(marks)]):
        return []
    return [(m, text[m.end() : marks[k + 1].start() if k + 1 < len(marks) else len(text)]) for k, m in enumerate(marks)]


ITEM_LABEL_LEAD_CHARS = 4
"""How far into a lettered item its own part's label may start ("a) (a)(i) only need 1 layer")."""


def _lettering(text: str, index: PartIndex) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Each item of a lettered list that names its own question or homework in every item, read as
    a turn of its own: (letter, question or `FOREIGN`, parts asked); else ()."""
    found: list[tuple[str, str, tuple[str, ...]]] = []
    items = _lettered_items(text)
    lead: Context | None = None  # the question the list's lead names, read once an item needs it
    for mark, item in items:
        labels = mentions(item)
        if _HOMEWORK_RE.search(item) is None and not any(label.q is not None for label in labels):
            # "doing hw7 Q8 ... my claims: a) (a)(i) only need 1 layer b) (a)(ii) loss = MSE ...": under the
            # one question the list's lead names, an item may name its part by the question's own letters
            under: str | None = None  # the lead's question, when the item opens on a label of its letters
            if labels and labels[0].start <= ITEM_LABEL_LEAD_CHARS:
                if lead is None:
                    lead = _read_user_turn(text[: items[0][0].start()], Context(), index, Context()).context
                under = lead.q if lead.q != FOREIGN else None
            if index.question_titled(item) is None and under is None:
                return ()
            if under is not None:
                item = f"Q{under} {item}"  # read under the lead's question, offsets no longer needed
        read = _read_user_turn(item, Context(), index, Context())
        named = read.named
        if not named and (worded := _worded_part(item, index)) is not None:
            named = [worded[1]]  # "hw7 the RNN translation training-inputs one": as a list's item reads
        q = FOREIGN if read.foreign_only or names_other_homework_only(item) else read.context.q
        q = question_of(named[0])[1:] if q is None and named else q
        if q is None:
            return ()
        found.append((_item_letter(mark), q, tuple(named) if q != FOREIGN else ()))
    return tuple(found)


def _as_bullets(text: str) -> str:
    """The turn with its lettered list's marks made bullets, offsets unchanged: its letters are no parts."""
    pieces: list[str] = []
    at = 0
    for mark, _ in _lettered_items(text):
        pieces += [text[at : mark.start(2)], "-".ljust(len(mark.group(2)))]
        at = mark.end(2)
    return "".join(pieces) + text[at:]


def _asked_question_of(text: str, context: Context, index: PartIndex, asked: Sequence[str]) -> Context:
    """The question a turn's relative labels are on when the chat's question has no such parts: "for
    (c) the hint says ..." after 7(a)-(c) and 8(b) were asked is 7(c), as Q8 has no (c). The one asked
    question that has them all, else the context unchanged."""
    if context.q in (None, FOREIGN) or not asked:
        return context
    labels = [label for label in mentions(text) if label.letter or label.roman]
    if not labels or any(label.q is not None for label in labels):
        return context
    if any(index.resolve(label, Context(context.q)) for label in labels):
        return context
    questions = {question_of(p)[1:] for p in asked} - {context.q}
    fits = [q for q in questions if all(index.resolve(label, Context(q)) for label in labels)]
    return Context(fits[0]) if len(fits) == 1 else context


def _read_turn(
    text: str,
    context: Context,
    index: PartIndex,
    home: Context,
    last: str | None,
    done: frozenset[str],
    asked: Sequence[str],
) -> UserTurn:
    whole = _read_user_turn(text, context, index, home)
    if (
        not whole.named
        and context.q not in (None, FOREIGN)
        and len(text.split()) <= REQUEST_BARE_MAX_WORDS
        and _TURN_TO_PLACE_RE.search(text) is not None
    ):
        # "ok now the first one", a short turn on the question the chat is on: its first part
        placed = _read_user_turn(PLACE_ONE_RE.sub(r"\1\2part", text), context, index, home)
        return placed if placed.by_label else whole
    if not whole.by_label and (claimed := _claimed_places(text, context, index, asked)):
        # "my study group said the last one is no - weight decay just shrinks ...": a claim about a
        # part named by its place, whatever other parts' words follow
        return UserTurn(claimed, True, context_of(claimed[-1]), set_aside=whole.set_aside)
    if (
        (not whole.named or (not whole.by_label and len(whole.named) == 1))
        and last is not None
        and (step := _relative_place(text)) is not None
    ):
        # "and the training ones (the part before)?" after 7(c): 7(b); "Skip (b), I've written it.
        # Start with (a)", then "next one?": (c); "ok the next one is comment on what you learned": the
        # place names, firmly, the part its cue words name weakly
        near = _sibling(last, step, index, done)
        if near is not None and near not in whole.set_aside and (not whole.named or whole.named == [near]):
            return UserTurn([near], True, context_of(near), set_aside=whole.set_aside)
    if (
        not whole.named
        and context.q not in (None, FOREIGN)
        and (_CARRIES_ON_RE.match(text) or _TURNS_NEXT_RE.search(text))
        # (a bracketed aside is not counted: "... when it's actually generating (decoder only emits one
        # option per word)")
        and ("?" in text or len(_BRACKETED_RE.sub(" ", text).split()) <= REQUEST_BARE_MAX_WORDS)
    ):
        # "and when we're actually generating a translation and don't have the reference?" on Q7: the
        # next part, named by a word of its cues alone (asked weakly, as cue words ask)
        worded = [p for p in index.by_cue_words(text, index.parts_of(context.q)) if p not in done | whole.set_aside]
        if len(worded) == 1:
            return UserTurn(worded, False, context, set_aside=whole.set_aside)
    if (
        len(whole.named) > 1
        and (step := _relative_place(text, pointing=True)) is not None
        and (anchor := _named_before_place(text, whole.named, index)) is not None
        and (near := _sibling(anchor, step, index, whole.set_aside)) is not None
    ):
        # "can u do 7b and the one after it, and also 8a ii and iii": the part the label before the
        # place names, and the one next to it
        return replace(whole, named=[p for p in index.ids if p in whole.named or p == near])
    if len(whole.named) == 1 and (step := _relative_place(text, pointing=True)) is not None:
        # "the 'show that the components satisfy' bit, and the conditions part right before it": the
        # part the turn names, and the one next to it
        near = _sibling(whole.named[0], step, index, whole.set_aside)
        group = [p for p in index.ids if near is not None and p.split(".")[0] == near.split(".")[0]]
        others = [p for p in group if p != whole.named[0]]
        if len(group) > 1 and len(worded := _named_in(text, others, index)) == 1:
            # "the very last question ... also from the implementation bit right before it: which torch
            # loss class?": the place lands on a group of parts, and the words name the one of it asked
            near = worded[0]
        if near is not None:
            return replace(whole, named=[p for p in index.ids if p in (near, whole.named[0])])
    return _after_pasted(text, whole, index, home) or whole


def _after_pasted(text: str, whole: UserTurn, index: PartIndex, home: Context) -> UserTurn | None:
    """The parts a request after a pasted question, or before it ("I'm pasting two questions, I want
    all of 3b and just the last part of 8." then the questions), asks, if it asks some of them only,
    else None."""
    if not whole.named:
        return None
    last = text.rstrip().rfind("\n\n")
    first = text.lstrip().find("\n\n") + (len(text) - len(text.lstrip()))
    first, last = _item_edges(text, first, last)
    if last <= 0 or first <= 0:
        return None
    # Before the paste, an introduction ("For the translation question (Q7) in hw7: ...") names the
    # question it pastes: only parts named by letter, numeral or place ask there.
    tail = text[last:].strip()
    head, _, below = tail.partition("\n")
    if (opening := mentions(head)) and opening[0].start == 0 and opening[0].q is not None and _SUB_ITEM_RE.match(below):
        # "Q7 seq2seq ...", then "a) one problem?": the last block of the paste, not a request after it
        return _request(text[:first].strip(), text[first:], whole, index, home, INTRO_MAX_WORDS, True)
    if _ADDS_ON_RE.match(text, last) is not None:
        # "8a iii: which do I need? ..." then "and 8b — is it biased?": a last paragraph that adds a part
        # asks it beside the others, it does not narrow the turn to it
        return _request(text[:first].strip(), text[first:], whole, index, home, INTRO_MAX_WORDS, True)
    after = _request(text[last:].strip(), text[:last], whole, index, home, REQUEST_BARE_MAX_WORDS, False)
    if after is not None and not _JUST_RE.search(text[last:]):
        # "can u check my answers before I submit" ... "is (a) ok?? feels weak", "q7 b and c check pls"
        # ... "my friend thinks c should also use see?": the introduction asks for every pasted part, in
        # so many words or by their labels; the request after it stresses one, it does not narrow to it
        # (the introduction's own lines, before any that opens a pasted item: "(b) (3 pts) While training
        # ...", not "q7 b and c check pls", which names its question)
        intro = text[: next((at for at in line_starts(text) if at < first and _opens_sub_item(text, at)), first)]
        if _CHECKS_ALL_RE.search(intro):
            return None
        by_label = {p for label in mentions(intro) if len(ids := index.resolve(label, whole.context)) == 1 for p in ids}
        if set(whole.named) <= by_label and not _NARROWING_RE.search(text, last):
            return None  # (not "I've got (a), can you just do (b)?")
    if after is None and _CHECKS_ALL_RE.search(text, 0, first):
        # "pls check these hw7 answers, then answer the last one": an introduction that asks for every
        # pasted answer to be checked asks them all, the one it then adds among them
        return None
    return after or _request(text[:first].strip(), text[first:], whole, index, home, INTRO_MAX_WORDS, True)


def _item_edges(text: str, first: int, last: int) -> tuple[int, int]:
    """Where the paste begins and ends, its paragraphs' edges (`first`, `last`) moved to its list's when
    a line glued to the list introduces or follows it: "(A) ... (B) ... (D) ...", then "could you check
    (A) and (C)?" on the next line (naming none but the list's items)."""
    starts = [0, *(m.end() for m in _NEWLINE_RE.finditer(text))]
    items = [k for k, at in enumerate(starts) if _opens_item(text, at)]
    if len(items) < PASTED_MIN_ITEMS:
        return first, last
    after = starts[items[-1] + 1] if items[-1] + 1 < len(starts) else len(text)
    marked = {(label.q, label.letter, label.roman) for label in mentions(text[starts[items[0]] : after])}
    # what follows names only the list's own items ("Oh and Part (a) too" after "(b) ... (c) ..." adds one)
    if text[after:].strip() and {(label.q, label.letter, label.roman) for label in mentions(text[after:])} <= marked:
        last = max(last, after - 1)
    if items[0] > 0 and text[: starts[items[0]]].strip() and first <= 0:
        first = starts[items[0]] - 1
    return first, last


_NEWLINE_RE = regex(r"\n")


def _opens_item(text: str, at: int) -> bool:
    """Whether the line from `at` opens on a list item's mark: a part's label, a capital mark, a number or
    a bullet."""
    line = text[at : _line_end(text, at)]
    if capital_mark(line) is not None or _PLAIN_MARK_RE.match(line) or line.lstrip().startswith(("- ", "* ", "• ")):
        return True
    return LABEL_LINE_CANDIDATE.match(line) is not None and line_label(line) is not None


_NARROWING_RE = regex(r"\b(?:just|only)\b", re.I)


def _opens_sub_item(text: str, at: int) -> bool:
    """Whether the line from `at` opens a list item that is no question of its own: "(b) ...", "2. ...",
    "- ...", not "Q7 b and c ...")."""
    if not _opens_item(text, at):
        return False
    line = text[at : _line_end(text, at)]
    return (label := line_label(line)) is None or label.q is None


_ADDS_ON_RE = regex(r"\s{0,8}(?:and|also|plus)\b", re.I)
"""A paragraph that opens by adding to what the turn asked: "and 8b — ...", "also (c)"."""


_OWN_ANSWERS_RE = regex(
    r"\b(?:my|our)[ \t]{1,3}(?:(?:hw7|q\d{1,2}|\d{1,2}[a-h]?)[ \t]{1,3})?"
    r"(?:answers?|attempts?|work|solutions?|draft|version|argument)\b"
    r"|\bcheck(?:ing)?[ \t]{1,3}(?:all[ \t]{1,3}(?:\w{1,5}[ \t]{1,3})?(?:parts[ \t]{1,3})?of[ \t]{1,3})?"
    r"(?:my|mine|these|this)\b"
    r"|\bcheck(?:ing)?[ \t]{1,3}(?:\w{1,6}[ \t]{1,3}){0,2}(?:answers|attempts|solutions|drafts)\b"
    r"|\blook[ \t]{1,3}over[ \t]{1,3}my\b"
    r"|\bhere['’]?s[ \t]{1,3}what[ \t]{1,3}i\b"
    r"|\b(?:what[ \t]{1,3})?i(?:['’]ve)?[ \t]{1,3}(?:already[ \t]{1,3})?(?:have|wrote|got|put|derived)\b"
    r"|\bwhich[ \t]{1,3}(?:ones?|parts?|of[ \t]{1,3}(?:these|those|them))[ \t]{1,3}(?:are|is)[ \t]{1,3}wrong\b",
    re.I,
)
"""A turn that brings the user's own answers to be checked ("can you check my answers", "checking 2 answers
for hw7", "here's what I have", "my argument, can you tell me if it's enough")."""


_CHECK_QUESTION_RE = regex(
    r"\b(?:is|are)[ \t]{1,3}(?:that|this|it|these|they|those|mine)[ \t]{1,3}(?:right|correct|ok|okay|fine)\b"
    r"|\bdid[ \t]{1,3}i[ \t]{1,3}get[ \t]{1,3}(?:it|that|this|them)[ \t]{1,3}right\b"
    r"|\blooks?[ \t]{1,3}right[ \t]{0,2}\?"
    r"|\b(?:can|could|would)[ \t]{1,3}(?:you|u)[ \t]{1,3}(?:(?:double[ \t-]?)?check|verify|review|look[ \t]{1,3}over)"
    r"[ \t]{1,3}(?:it|that|this|them|these|mine|both)\b"
    r"|\b(?:polish|tidy[ \t]{1,3}up|clean[ \t]{1,3}up)[ \t]{1,3}(?:it|that|this|them|these|mine)\b",
    re.I,
)
"""A question whether the user's own work is right ("is that right?", "did I get it right?", "can you
check it?", "can you check both"), or a request to work on it ("please polish that into an answer")."""


def brings_own_answers(text: str) -> bool:
    """Whether the turn brings the user's own answers for the reply to check (see `_OWN_ANSWERS_RE`)."""
    return _OWN_ANSWERS_RE.search(text) is not None


_CHECKS_ALL_RE = regex(
    r"\b(?:check|grade|review|mark|look[ \t]{1,3}over|go[ \t]{1,3}over)[ \t]{1,3}"
    r"(?:all[ \t]{1,3}(?:of[ \t]{1,3})?)?(?:my|these|the)[ \t]{1,3}(?:[\w-]{1,10}[ \t]{1,3})?"
    r"(?:answers|attempts|solutions)\b",
    re.I,
)
"""An introduction that asks for every pasted answer to be checked ("can u check my answers", "check these
hw7 answers")."""


_GOING_ON_RE = regex(
    r"(?:(?:^|(?<=[.!?\n]))[ \t]{0,3}(?:and[ \t]{1,3})?|,?[ \t]and[ \t]{1,3})(?:then|also|plus|next)\b"
    r"(?:[^.?!\n]|\.(?=[.\w])){0,400}[.?!]?",
    re.I,
)
"""A sentence, or its rest after "and", that goes on with what the turn asks, opening on "then",
"also", "plus" or "next": "Can you give me (i), and then the follow-on where ..."."""


def _going_on_parts(
    text: str, labels: list[Label], index: PartIndex, named: list[str], left_out: Collection[str]
) -> list[str]:
    """The parts that a sentence going on with "also" or "then", with no label in it, names by cue
    phrases among the questions the turn's labels asked: "8a(iii) — the one asking whether ... . and
    also the loss fn for the regularized autoencoder, l1 vs mse vs cross entropy" asks 8(a)(ii) too."""
    asked_qs = {question_of(p) for p in named}
    starts = [label.start for label in labels]
    found: list[str] = []
    for m in _GOING_ON_RE.finditer(text):
        k = bisect_left(starts, m.start())
        if k < len(starts) and starts[k] < m.end():
            continue  # the sentence names its part by label
        mid_sentence = m.start() > 0 and text[m.start() - 1] not in ".!?\n"
        if mid_sentence and not (k and starts[k - 1] >= _sentence_start(text, m.start())):
            # mid-sentence, "and then" goes on from a label before it in its sentence ("give me (i), and
            # then the follow-on where ..."), not in a pasted draft's "small images first and then larger ones"
            continue
        found += [
            p
            for p in index.by_cues(m.group())
            if question_of(p) in asked_qs and p not in named and p not in left_out and p not in found
        ]
    return found


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `at` starts: after the last full stop, mark or line break before it
    (looked for within `SENTENCE_LOOKBACK` characters)."""
    lo = max(0, at - SENTENCE_LOOKBACK)
    return max(text.rfind(c, lo, at) for c in ".!?\n") + 1 or lo


SENTENCE_LOOKBACK = 400


_REQUESTING_RE = regex(
    r"(?:^|(?<=[.!?\n]))[ \t]{0,3}(?:i[ \t]{1,3}(?:need|want|would[ \t]{1,3}like)|i'd[ \t]{1,3}like|help[ \t]{1,3}me)\b"
    r"(?:[^.?!\n]|\.(?=[.\w])){0,400}[.?!]?",
    re.I,
)
"""A sentence that asks by saying what the user needs: "I need the SVD proof part ...", "I'd like ..."."""


_REVISING_RE = regex(
    r"(?:(?:^|(?<=[.!?\n,;]))[ \t]{0,3}(?:(?:and|so|then|also|now|pls|please|just)[ \t]{1,3}){0,2}"
    r"|\b(?:and|so|then)[ \t]{1,3}(?:also[ \t]{1,3})?)"
    r"(?:fix|redo|re-do|rewrite|correct|revise|(?<=(?:also|then)[ \t])do)\b(?:[^.?!\n,;]|\.(?=[.\w])){0,400}",
    re.I,
)
"""A clause that asks by an imperative to redo a part, or to do one more: "fix iii please", "so redo c
too", "then also do 8(b)"; not "please do (ii) with the SVD", a note on how."""
_BARE_LABEL_RE = regex(r"(?<![\w(])([a-h]|i{1,3}|iv|vi{0,3}|ix|x)(?![\w)])")
_WORD_LIKE_LABELS = frozenset({"a", "i"})
_AFTER_WORD_LIKE_RE = regex(r"[ \t]{0,3}(?:[,.?!;:&]|(?:and|or|is|too|pls|please|only)\b|$)", re.I)
""""a" and "i" are words too: bare, they are labels only before a list's or a sentence's joint ("keep a
and c", "i is fine"), not before a noun ("a good answer") or a verb ("i got")."""


def _asking_sentences(text: str) -> str:
    """The text's sentences that ask, with a question mark or opening on a request: "... set to 0. can
    you do the second bit for me, need to show the working" asks in its second sentence only."""
    asking = [m.group() for m in _QUESTION_SENTENCE_RE.finditer(text)] if "?" in text else []
    asking += [m.group() for m in _ASKING_SENTENCE_RE.finditer(text) if "?" not in m.group()]
    for m in _REVISING_RE.finditer(text):
        clause = m.group()
        if _THEN_RE.match(clause) is not None:
            # "please answer (a) as a yaml config, then do (b) normally": "then" goes on from the
            # sentence before it, which asks too
            clause = text[max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1 : m.end()]
        if not any(clause in a for a in asking):
            asking.append(clause)
    for sentence in list(asking):
        if _BACK_REFERENCE_RE.search(sentence) is not None and (at := text.find(sentence)) > 0:
            # "my guesses for a: 2, MSE, weight decay + SGD. can you check those ...": what "those" points
            # back at, the sentence before, is asked too
            before = text[:at].rstrip()
            previous = before[max(before.rfind(c, 0, len(before) - 1) for c in ".!?\n") + 1 :].strip()
            if previous and not any(previous in a for a in asking):
                asking.insert(asking.index(sentence), previous)
    return " ".join(asking)


_BACK_REFERENCE_RE = regex(
    r"\b(?:check|verify|confirm|grade|review|mark|(?:look|go)[ \t]{1,3}over)[ \t]{1,3}(?:those|these|them)\b"
    r"|\b(?:are|were)[ \t]{1,3}(?:those|these|they)[ \t]{1,3}(?:right|correct|ok|okay)\b",
    re.I,
)
"""A request that points back at what the sentence before it says: "can you check those", "are these right"."""


_THEN_RE = regex(r"[ \t,;]{0,3}(?:and[ \t]{1,3})?then\b", re.I)
"""A clause that opens on "then": it goes on from what came before it."""


def _bare_labels_bracketed(request: str, pasted: set[str]) -> str:
    """The request with the bare letters and numerals of the pasted answer's labels bracketed: "fix b
    pls, keep a and c" beside a pasted (a), (b), (c) is "fix (b) pls, keep (a) and (c)"."""
    pieces: list[str] = []
    at = 0
    for m in _BARE_LABEL_RE.finditer(request):
        token = m.group(1)
        if token not in pasted or (token in _WORD_LIKE_LABELS and not _AFTER_WORD_LIKE_RE.match(request, m.end())):
            continue
        pieces += [request[at : m.start()], f"({token})"]
        at = m.end()
    return "".join(pieces) + request[at:]


def _request(
    request: str, pasted: str, whole: UserTurn, index: PartIndex, home: Context, bare_max: int, by_part: bool
) -> UserTurn | None:
    """The parts the short paragraph asks of the pasted question beside it (see `_after_pasted`)."""
    words = len(request.split())
    if not request or words > LONG_REQUEST_MAX_WORDS:
        return None
    asking = _asking_sentences(request)
    if words > REQUEST_MAX_WORDS and not 0 < len(asking.split()) <= REQUEST_MAX_WORDS:
        return None  # (a long paragraph asks in its asking sentences only)
    if _EVERY_PART_RE.search(request) is not None or _ONLY_CLAIM_RE.search(request) is not None:
        # "(a) ... (c) ... i got (a) marked wrong ... and c starts with eos which seems off. fix both
        # pls": every part pasted, by the labels of one question opening its lines ("q4 ... here's what
        # you wrote before" names it whole); labels of several ("Q3b: (i) ... Q7: (a) ... answer all of
        # them") leave every part asked
        opening = _opening_labels(pasted)
        if len(opening) < PASTED_MIN_ITEMS:
            return None  # no paste of items: "Q7 (a)-(c), the seq2seq question." over "... check both and then do (c)?"
        resolved = [index.resolve(label, whole.context) for label in opening]
        if len({question_of(p) for ids in resolved for p in ids}) > 1:
            return None
        pasted_ids = {ids[0] for ids in resolved if len(ids) == 1}
        wanted = [p for p in whole.named if p in pasted_ids]
        return replace(whole, named=wanted) if wanted else None  # (all of them: the introduction asks no fewer)
    if asking:
        request = asking
        if _BARE_LABEL_RE.search(request) is not None:  # "fix b pls": the pasted labels' letters
            letters = {x for label in _opening_labels(pasted) if (x := label.roman or label.letter)}
            request = _bare_labels_bracketed(request, letters)
    elif words > bare_max:
        return None  # a note on how
    request = PLACE_ONE_RE.sub(r"\1\2part", request)
    named_here = mentions(request, ordinals=True)
    if by_part and not any(label.letter or label.roman or label.ordinal for label in named_here):
        return None
    # Last of the tests, as the only one that reads the whole turn again (unless one above did).
    if len(_opening_labels(pasted)) < PASTED_MIN_ITEMS:
        return None
    if _ORDER_RE.search(request) is not None:
        # "part (c) first", "start with (c) please": every part is asked, the rest only once a reply
        # answers one of them (a later turn may ask them: "and what about b?")
        ordered = _read_user_turn(request, whole.context, index, home).named
        rest = tuple(p for p in whole.named if p not in ordered)
        return replace(whole, whole=rest) if rest and len(rest) < len(whole.named) else None
    if (
        any(_sub_question(request, label) for label in named_here[:1])
        or any(
            request.startswith(":", _after(request, label)) and request[_after(request, label) + 1 :].strip()
            for label in named_here
        )
        # (not after a word that narrows the paste to it: "i just need the facts for part a")
        or any(
            _HOW_BEFORE.search(request, 0, label.start) and not _JUST_RE.search(request, 0, label.start)
            for label in named_here
        )
        # "can you do (i) in index notation w/ summation convention?": how to answer it
        or any(_HOW_AFTER.match(request, _after(request, label)) for label in named_here)
    ):
        return None  # the pasted question's last sub-question, or a note on how
    asked = _read_user_turn(request, whole.context, index, home)
    if not asked.named and not asked.set_aside and _ASKING_WORD_RE.search(request) is not None:
        # "whats the problem with the teammates idea in part a": a question on what one pasted part is
        # about, its one label only saying where that is, asks that part
        pointed = {p for label in named_here if len(ids := index.resolve(label, whole.context)) == 1 for p in ids}
        if len(pointed) == 1 and pointed < set(whole.named):
            return replace(whole, named=sorted(pointed))
    if asked.foreign_only or not (asked.by_label or (asked.named and _JUST_RE.search(request))):
        # "please look up teacher forcing if you need to": cue words alone ask nothing here, unless
        # they narrow the paste to a part ("can you redo just the orthonormal columns question")
        return None
    named = {*asked.named, *_named_in(request, whole.named, index)}  # "the select-all one and part b"
    wanted = [p for p in whole.named if p in named and p not in asked.set_aside]
    if not wanted or len(wanted) == len(whole.named):
        return None
    return replace(asked, named=wanted, set_aside=asked.set_aside | whole.set_aside)


def _opening_labels(pasted: str) -> list[Label]:
    """The labels that open the pasted text's lines: its items."""
    return [label for label in mentions(pasted) if _opens_line(pasted, label)]


def _opens_line(text: str, label: Label) -> bool:
    """Whether the label opens its line (after spaces, a quote mark, a bullet or a bracket): a pasted
    sub-question ("> (ii) show the top-k principal components satisfy ...")."""
    start = text.rfind("\n", 0, label.start) + 1
    return not text[start : label.start].strip(" \t>-*•(")


def _sub_question(text: str, label: Label) -> bool:
    """Whether a label opens its line and words follow it: "(c) What five tokens ...?", not "8a iii and 8b"."""
    end = text.find("\n", label.end)
    return (
        _opens_line(text, label)
        and len(text[label.end : end if end >= 0 else len(text)].split()) >= SUB_QUESTION_MIN_WORDS
    )


_QUESTION_NUMBER_LINE_RE = regex(
    r"^[ \t>]{0,3}(?:[-*+][ \t]{1,3})?(?:\*\*|__)?(?P<q>\d{1,2})[.)](?:\*\*|__)?[ \t]{1,3}", re.MULTILINE
)
"""A line that opens on a bare number: "**4.** About the Myrtle.ai series ...", "7) Encoder-decoder RNN ..."."""
NUMBERED_QUESTION_CHARS = 200
"""How much of such a line is read for the cue words of the question it numbers."""


def _with_numbered_questions(text: str, labels: list[Label], index: PartIndex) -> list[Label]:
    """The labels with the questions that lines opening on a bare number name: "**4.** About the Myrtle.ai
    'How to Train Your ResNet' series. (a) ... (b) ..." opens question 4, as "Q4." would, when the line's
    words name that question; a user's own list, numbered from 1, names none of ours."""
    lines = list(_QUESTION_NUMBER_LINE_RE.finditer(text))
    if any(m.group("q") == "1" for m in lines):
        return labels  # "1. hw5: ... 2. ... 3. hw7, the PCA question ...": the user's own list numbers its items
    starts = {label.start for label in labels}
    added = []
    for m in lines:
        q = m.group("q")
        if m.start("q") in starts or q not in index.questions:
            continue
        end = text.find("\n", m.end(), m.end() + NUMBERED_QUESTION_CHARS)
        if index.question_named(text[m.end() : end if end >= 0 else m.end() + NUMBERED_QUESTION_CHARS]) == q:
            added.append(Label(q, None, None, None, m.start("q"), m.end("q")))
    return sorted(labels + added, key=lambda label: label.start) if added else labels


_JOINED_QUESTION_RE = regex(
    r"[ \t]{0,2}(?:,|&|\+|and|,[ \t]{0,2}and)[ \t]{1,3}([1-9])"
    # ... before a clause's end or a word that goes on asking ("3(b) and 4 please"), not a count ("Q4, 3 things")
    r"(?=[ \t]{0,2}(?:[,.;:?!)\n]|$)|[ \t]{1,2}(?:please|pls|plz|too|also|as[ \t]well|and|or|from|in|on|for)\b"
    # ... or a bracketed aside ("7 and 8 (skip the essays)")
    r"|[ \t]{1,2}\()",
    re.I,
)
"""A bare number joined to a question's label ("my answers for 3(b) and 4", "q7 & 8"): another question,
unless a word that counts follows it ("q7b and 3 more questions", "8a and 2 layers", "Q4, 3 things")."""


def _with_joined_questions(text: str, labels: list[Label], index: PartIndex) -> list[Label]:
    """The labels with the questions that bare numbers joined to a question's label name, each joined
    number going on the list ("3b, 4a, 7 and 8": 7 and 8)."""
    added = []
    for label in labels:
        if label.q is None or label.q not in index.questions:
            continue
        at, q = label.end, label.q
        while (
            (m := _JOINED_QUESTION_RE.match(text, at)) is not None and m.group(1) in index.questions and m.group(1) != q
        ):
            added.append(Label(m.group(1), None, None, None, m.start(1), m.end(1)))
            at, q = m.end(1), m.group(1)
    return sorted(labels + added, key=lambda label: label.start) if added else labels


def _read_user_turn(text: str, context: Context, index: PartIndex, home: Context) -> UserTurn:
    labels = _with_joined_questions(text, _with_numbered_questions(text, mentions(text, ordinals=True), index), index)
    if not labels and (letter := _LETTER_TURN_RE.fullmatch(text)):
        labels = [Label(None, letter.group(1), None, None, letter.start(1), letter.end(1))]
    if labels and all(label.q is None for label in labels) and context.q not in (None, FOREIGN):
        # "ok and the resnet blog one, the first part": the question the turn names by its title places
        # its labels, not the one the chat was on.
        titled_here = index.question_named(text)
        if titled_here is not None:
            context = Context(titled_here)
    arrived = context  # where the turn starts: an unlabelled first item is on this question, not the turn's last
    only = _only_marked(text, labels)
    only_ids: list[str] = []
    whole: list[list[str]] = []  # questions or groups named without one part
    every_of: set[tuple[str, ...]] = set()  # ... of which those named as "all of Q7", "the whole of Q8"
    cited: set[tuple[str, ...]] = set()  # ... and those named in brackets, after what the turn asks of them
    asked_after: dict[tuple[str, ...], str] = {}  # ... or before a colon and the question asked of them
    specific: dict[str, list[str]] = {}
    first_place: int | None = None  # where the first part named by its place is ("then the last bit")
    ours = False
    owner_of: dict[int, Label] = {}  # relative label index -> the absolute label after it that owns it
    placing: set[int] = set()  # relative labels that only say which group a place is in
    for i in range(len(labels) - 1):
        a, b = labels[i], labels[i + 1]
        if a.q is None and b.q is not None and (_owned_by(text, a, b) or restates(a, b, text)):
            owner_of[i] = b
        elif (
            a.ordinal is not None
            and b.q is None
            and b.letter is not None
            and b.roman is None
            and context.q not in (None, FOREIGN)
            and _owned_by(text, a, b)
            and len(index.resolve(a, Context(context.q, b.letter))) == 1
        ):
            # "last bit of (a): which of these ...": the last part of the chat's question's (a)
            owner_of[i] = replace(b, q=context.q)
            placing.add(i + 1)
    for i in range(len(labels) - 2, -1, -1):
        # "(i) and (ii) of 8a": the list's earlier labels belong to the owner of its last, as do the
        # places one count names ("the first two parts of problem 7": one span, two places).
        if (
            i not in owner_of
            and i + 1 in owner_of
            and labels[i].q is None
            and (
                LIST_BETWEEN.fullmatch(text, labels[i].end, labels[i + 1].start) is not None
                or (labels[i].start, labels[i].end) == (labels[i + 1].start, labels[i + 1].end)
            )
        ):
            owner_of[i] = owner_of[i + 1]
    owners = {id(b) for b in owner_of.values()}
    full_labels = _FullLabels(labels, index, text)
    turn_homework: str | None = None  # the homework the turn last named ("HW5 Q7(b) ... Q7(c)")
    if context.q == FOREIGN and labels:
        if any(m.group(1) == COURSE_HOMEWORK for m in _HOMEWORK_RE.finditer(text, 0, labels[0].start)):
            context = Context()  # after another homework's question, "ok hw7 batch: - resnet blog (a) ...": ours
    carried_foreign = context if context.q == FOREIGN else None  # another homework's, from the turn before
    foreign_relative: list[Label] = []  # relative labels read in that carried context
    referenced: set[str] = set()  # parts the turn only points at ("it came up in part b")
    questioned: list[str] = []  # ... into whose answer it points ("in (i) you have XᵀX")
    unplaced: list[Label] = []  # "(a)", "(b)" with no question named before them
    # "I'll do 7b and 7c on my own": the whole list is kept, not just its last label.
    own_work = [False] * len(labels)
    for i in range(len(labels) - 1, -1, -1):
        window = max(0, labels[i].start - REFERENCE_LOOKBACK)
        tried = (
            _TRIED_BEFORE.search(text, window, labels[i].start) is not None
            or _GIVEN_BEFORE.search(text, window, labels[i].start) is not None
        )
        has_it = _ALREADY_AFTER.match(text, _after(text, labels[i]))
        if (
            has_it is not None
            and has_it.group("done") is None
            and i + 1 < len(labels)
            and _same_sentence(text, has_it.end(), labels[i + 1].start)
        ):
            # "3(b)(ii): I already have the conditions from part (i)": what is had is (i). Not "8a-iii
            # is done, now I need Q3 b": what is done is the label before.
            has_it = None
        if (
            has_it is not None
            and has_it.group("done") is None
            and "," in has_it.group()
            and _HAS_OBJECT.match(text, has_it.end())
        ):
            # "only ii, I already have the conditions from i": a clause of its own, and what is had is
            # its object; not "For part (i) I already got the conditions", where it is (i).
            has_it = None
        if (
            has_it is not None
            and has_it.group("done") is not None
            and _DOUBT_BEFORE.search(text, max(0, labels[i].start - DOUBT_LOOKBACK), labels[i].start) is not None
        ):
            has_it = None  # "I don't think (i) is right": a push-back on it, not the user's own work
        own_work[i] = (
            (not tried and _OWN_WORK_AFTER.match(text, _after(text, labels[i])) is not None) or has_it is not None
        ) or (
            i + 1 < len(labels)
            and own_work[i + 1]
            and LIST_BETWEEN.fullmatch(text, labels[i].end, labels[i + 1].start) is not None
        )
    # "(b) is the training-time version of (c), I'll do that one myself": the sentence's first label.
    keeps = list(_KEEPS_THAT_ONE_RE.finditer(text))
    if keeps:
        # Sentence ends and label starts found once, then bisected: linear however many phrases.
        ends = [m.end() for m in SENTENCE_END_CHAR_RE.finditer(text)]
        starts = [lab.start for lab in labels]
        for keep in keeps:
            k = bisect_right(ends, keep.start()) - 1
            first = bisect_left(starts, ends[k] if k >= 0 else 0)
            if first < len(labels) and labels[first].start < keep.start():
                own_work[first] = True
    kept_as_is = [False] * len(labels)
    for i, label in enumerate(labels):
        if _KEEP_BEFORE.search(text, max(0, label.start - REFERENCE_LOOKBACK), label.start) is not None:
            j = i  # the list the word heads, to its last label
            while j + 1 < len(labels) and LIST_BETWEEN.fullmatch(text, labels[j].end, labels[j + 1].start):
                j += 1
            kept_as_is[i] = _AS_IS_AFTER.match(text, labels[j].end) is not None
    # "How is Q8(b) different from Q3(b)(ii)? ... Please answer both": a turn that asks for every part it
    # names asks what it points at too
    asks_every = _ASKS_EVERY_RE.search(text) is not None
    pointed = [False] * len(labels)  # after a word that points at or leaves out a part
    aside = [False] * len(labels)  # ... that leaves it out
    set_aside: set[str] = set()
    pointed_at: tuple[Context, int] | None = None  # the context before a question pointed at, to its sentence's end
    for i, label in enumerate(labels):
        if pointed_at is not None and label.start > pointed_at[1]:
            context, pointed_at = pointed_at[0], None
        window = max(0, label.start - REFERENCE_LOOKBACK)
        asking_with = (
            _ASK_WITH_BEFORE.search(text, window, label.start) is not None
            or _CHECKS_MINE_BEFORE.search(text, max(0, label.start - CHECKS_MINE_LOOKBACK), label.start) is not None
        )
        already = _already_before(text, label.start, labels[i - 1].end if i else -1)
        listed = i > 0 and LIST_BETWEEN.fullmatch(text, labels[i - 1].end, label.start) is not None
        # "Not (a) or (b), I've done those": the word covers the rest of its list.
        leaves_out = (
            _SETTING_ASIDE_BEFORE.search(text, window, label.start) is not None
            or (
                _PART_WORD_RE.match(text, label.start) is not None
                and _SETTING_ASIDE_TOPIC_BEFORE.search(text, max(0, window - TOPIC_WORD_CHARS), label.start) is not None
            )
            or already
            or kept_as_is[i]
        ) and not asking_with
        cites = label.homework is not None and (label.letter or label.roman)  # "from HW7 Q4(a): ..."
        points = (
            not cites
            and not asks_every
            and _POINTING_BEFORE.search(text, window, label.start) is not None
            and _ALL_OF_BEFORE.search(text, window, label.start) is None
            and _ASKED_FOR_BEFORE.search(text, window, label.start) is None
            and not (
                # "in part b: ...?", "quick ones from Q8a: how many Linear layers ...?": a label that a
                # question follows after a colon heads that question
                (label.q is not None or _IN_BEFORE.search(text, window, label.start) is not None)
                and (
                    _QUESTION_AFTER_COLON.match(text, _heading_from(text, label)) is not None
                    # "another one from 3b (ii): show the principal components satisfy ...": a task
                    or _TASK_AFTER_COLON.match(text, _heading_from(text, label)) is not None
                )
            )
            # "... what do they finish with (b) what did i learn, ~100 words": a label that a question
            # follows opens the next item of a run-on list; it is not what "with" points at
            and _QUESTION_OPENS_AFTER.match(text, label.end) is None
            # "(a) what did they start from (b) ~100 words on what I learnt": nor one that follows the
            # label before it in order on its line, the next item of the same list
            and not (i > 0 and not pointed[i - 1] and _next_on_line(text, labels[i - 1], label))
        )
        # "(a) was the one asking for the start/end times": a label the sentence says what it is about
        described = _DESCRIBED_AFTER_RE.match(text, label.end) is not None
        pointed[i] = (leaves_out or described or (points and not asking_with)) or (listed and pointed[i - 1])
        pointing_in = points and not leaves_out and _IN_BEFORE.search(text, window, label.start) is not None
        aside[i] = own_work[i] or leaves_out or (listed and aside[i - 1])
        reference = pointed[i] or own_work[i]
        if i in placing:
            continue
        if label.q is not None:
            if label.homework is not None:
                turn_homework = label.homework
            if (
                index.is_foreign(label)
                or (label.homework is None and turn_homework not in (None, COURSE_HOMEWORK))
                or (label.homework is None and _COURSE_CODE_BEFORE_RE.search(text, window, label.start) is not None)
            ):
                # "HW5 Q7(b): ... and Q7(c) what happens at test time": the same homework's question
                context = Context(FOREIGN)
                continue
            ours = True
            if reference and not aside[i] and context.q not in (None, FOREIGN):
                # "HW7 Q8. (In Q3b we showed ...)\n(a)(iii) which do you need ...": a question only pointed
                # at holds the letters of its own sentence ("from Q8 just the final part"), not the turn's after it
                # (one set aside, "already finished q4 ... so now q7. a) ...", is no such pointer)
                end = _SENTENCE_END_RE.search(text, label.end)
                pointed_at = (context, end.start() if end else len(text))
            context = Context(label.q, label.letter)
            ids = index.resolve(label, context)
            if len(ids) > 1 or not (label.letter or label.roman):
                # A whole question or group (Q7, Q3b): its parts are asked unless the turn names some.
                if ids and not reference and id(label) not in owners and ids not in whole:
                    whole.append(ids)
                    if text[label.start - 1 : label.start] == "(" and text[label.end : label.end + 1] == ")":
                        cited.add(tuple(ids))  # "... the resnet blog question (hw7 q4). b = ..., c = ..."
                    elif (headed := _QUESTION_AFTER_COLON.match(text, _heading_from(text, label))) is not None:
                        asked_after[tuple(ids)] = headed.group()  # "8(a): how many linear layers?"
                    elif i == len(labels) - 1 and (questions := _questions_after(text, label.end)):
                        # "Q8 of my DL homework. Objective is ... Which pytorch loss module should I use?
                        # And does a small λ push W2 ...?": with no label after it, the questions after
                        # it say what is asked
                        asked_after[tuple(ids)] = questions
                    elif i == len(labels) - 1 and _TASK_SENTENCE_RE.search(_paragraph_after(text, label.end)):
                        # "hw7 q7, machine translation. my teammate's idea of stacking ... state one
                        # problem with this.": a task set after it, as a question cited in brackets, asks
                        # the parts the turn's words name, if some only
                        cited.add(tuple(ids))
                    if (
                        _EVERY_OF_BEFORE.search(text, window, label.start) is not None
                        or _EVERY_AFTER.match(text, label.end) is not None
                    ):
                        every_of.add(tuple(ids))  # "all of question 7 ... part a is about ...": still all
                continue
        else:
            owner = owner_of.get(i)
            restated = full_labels.restated(i, context)
            if owner is not None and not index.is_foreign(owner):
                context = Context(owner.q, owner.letter)
            elif restated is not None:
                context = restated  # "Q3(b)(i), Q3(b)(ii) and Q8(b):\n(i) ...\n(ii) ...": 3b's
            elif context.q not in (None, FOREIGN) and (
                titled := index.question_named(text[_stretch_start(text, labels, i) : label.start])
                or _title_after(text, labels, i, index)
            ) not in (None, context.q):
                # "1) Q8 part b: ...\n2) the PCA one, part ii: ...": 3b(ii); "Q8(a)(iii) ... also the
                # last part of the translation question": 7(c)
                context = Context(titled)
            if context.q in (None, FOREIGN):
                if context.q is None and not reference:
                    unplaced.append(label)
                elif context is carried_foreign and not reference:
                    # "(b)" in the turn after another homework's question: that homework's part,
                    # unless the turn's own cue words place it in one of ours (below).
                    foreign_relative.append(label)
                continue
            ids = index.resolve(label, context)
            if label.ordinal is not None and label.q is None and context.letter is not None:
                # "(a)(iii) ..., and then the last part, the yes/no about whether ... orthonormal columns":
                # a place after a lettered part counts in the whole question when what follows it names
                # a part there by its cues, and none of the lettered part's
                wider = index.resolve(label, Context(context.q))
                counts = index.cue_counts(text[label.end : label.end + DESCRIPTION_MAX_CHARS])
                if wider != ids and any(counts[p] for p in wider) and not any(counts[p] for p in ids):
                    ids = wider
            previous = labels[i - 1] if i else None
            ranged = None
            if (
                previous is not None
                and label.q is None
                and (previous.q is None or previous.q == context.q)
                and _RANGE_BETWEEN.fullmatch(text, previous.end, label.start)
            ):
                ranged = _range(previous, label, context, index)  # "parts (a) to (c)", "Q7 (a)–(c)"
            if label.letter:
                context = Context(context.q, label.letter)
            if label.ordinal is not None and not ranged and first_place is None:
                first_place = label.start
            if not ranged and len(ids) > 1:
                # "back to (a): (i) ... and (iii)": a group asks its parts unless the turn names some.
                if not reference and ids not in whole:
                    whole.append(ids)
                    if (headed := _QUESTION_AFTER_COLON.match(text, _heading_from(text, label))) is not None:
                        asked_after[tuple(ids)] = headed.group()  # "part (a): which loss, and which options"
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
                    bucket = specific.get(question_of(pid), [])
                    if pid in bucket:
                        bucket.remove(pid)
            continue
        if i in only:
            only_ids += ids
        for pid in ids:
            ours = True
            bucket = specific.setdefault(question_of(pid), [])
            if pid not in bucket:
                bucket.append(pid)
    marks = list(_HOMEWORK_RE.finditer(text))
    homework_named = any(m.group(1) != COURSE_HOMEWORK for m in marks)
    ours_named = any(m.group(1) == COURSE_HOMEWORK for m in marks)
    # "HW5 Q2(c): ... HW7: what was the baseline time?": a turn naming another homework and ours asks
    # in the stretches after ours, if their cue words ask anything ("Before HW7, a leftover from
    # HW6: ..." does not).
    ours_text = _our_stretches(text, marks) if homework_named and ours_named else ""
    if homework_named and not ours_named and index.question_named(opening := text[: marks[0].start()]) is not None:
        # "Two from the PCA/autoencoder problem: ... Also a leftover from hw5: ...": ours, named by its
        # title, before the other homework's
        ours_text = opening
    ours_asks = bool(ours_text) and bool(index.cue_counts(ours_text))
    if ours_asks and context.q == FOREIGN:
        context = Context()  # the turn ends on ours, not on the other homework's question
    asking, kept = _split_kept_sentences(ours_text if ours_asks else text)
    kept_by_cues = index.by_cues(kept) if kept else []
    referenced.update(kept_by_cues)
    aside_ids = frozenset(set_aside.union(kept_by_cues))
    named: list[str] = []
    groups = {question_of(p) for ids in [*whole, *specific.values()] for p in ids}
    # Another homework's items are left out: the list may number that homework's questions too.
    numbering = _numbered_items(text, labels, index, groups | {question_of(p) for p in referenced}, arrived)
    # "hw7 q4: 1. baseline vs final 2. what i learned": the items name the parts asked, as labels do.
    chosen = {p for ids in specific.values() for p in ids} | {p for _, p in numbering}
    from_whole: list[str] = []  # parts asked only as part of a whole question
    cued_items = _cued_items(text, labels, index)
    every = _EVERY_PART_RE.search(text) is not None
    narrowed = [text[m.end() : m.end() + JUST_WINDOW] for m in _JUST_RE.finditer(text)] if not every else []
    for group in whole:
        if not (every or tuple(group) in every_of) and any(set(g) < set(group) for g in whole):
            continue  # "Question 8 next. (a): which ...": the group named inside it says what is asked
        # "hw7 3b ... can you do both, and for (ii) I'd like the SVD route": naming one part to say how
        # does not leave the others out when the turn asks for every part.
        if every or tuple(group) in every_of or not chosen.intersection(group):
            # "hw7 q4: just the 'what did you learn' paragraph": only the parts its cue words name
            cued_in = list(dict.fromkeys(p for piece in narrowed for p in index.by_cues(piece, group)))
            items_in = _parts_of_items(cued_items)
            if not cued_in and not every and set(items_in) <= set(group) and len(cued_items) >= NUMBERED_MIN_ITEMS:
                # "hw7 q4 ... i need\n- the start vs end numbers\n- ~100 words on ONE thing they did that
                # i find interesting": the list's items, each naming a part by its words, say what is asked
                cued_in = items_in
            if not cued_in and not every and tuple(group) in asked_after:
                # "8(a): how many linear layers?"; by cue phrases first: "Q3(b) ... What first-order
                # conditions does a minimizer satisfy?" is 3b(i)'s, not 3b(ii)'s by the word "satisfy"
                cued_in = _named_by_pieces(asked_after[tuple(group)], group, index)
            if not cued_in and not every and tuple(group) in cited:
                # "the 2 writing parts of the resnet blog question (hw7 q4): b = what I learned, c = ...":
                # a question cited in brackets asks the parts the turn's cues, or words of one part's
                # cues, name ("decoder inputs w1..w5 in training, and at evaluation?"), if some only.
                # The sentences that ask come first: "... (q7) on hw7. can you give w1..w5 for training
                # and for eval. encoder input ..." asks 7(b) and (c), whatever part the scene's words name.
                asked_in = _asking_sentences(text)
                if asked_in:
                    # "... what did they end with? then 100 words on what i learned and 100 words on
                    # the approach i found most interesting": a sentence that goes on asking
                    asked_in = " ".join([asked_in, *(m.group() for m in _GOING_ON_RE.finditer(text))])
                cued_in = (asked_in and _named_in(asked_in, group, index)) or _named_in(text, group, index)
            narrowed_to = cued_in if 0 < len(cued_in) < len(group) else group
            from_whole += [p for p in narrowed_to if p not in referenced and p not in from_whole]
        elif first_place is not None and not narrowed and _ASKING_WORD_RE.search(text, 0, first_place):
            # "q8 pls. the pytorch bit: how many layers, which loss ... then the last bit": before the
            # place, questions in the words of the question's other parts ask them too (not "I get the
            # layers and the loss, can you do the last bit").
            # ... in its sentences that ask, not in the question's own words set out before them ("HW7 Q8,
            # the regularized linear autoencoder (... the squared Frobenius norm of each weight matrix)").
            before = _asking_sentences(text[:first_place]) or text[:first_place]
            from_whole += [p for p in _named_in(before, group, index) if p not in referenced]
    named += from_whole
    for ids in specific.values():
        named += [p for p in ids if p not in named]
    named += [p for _, p in numbering if p not in named and p not in referenced and p not in aside_ids]
    if named:
        # "1) 3b(i) grads. 2) q7 b tokens. 4) resnet blog most interesting approach": an item of the
        # turn's list that names no part by label asks the one its own cue words name.
        named += [
            p for p in _parts_of_items(cued_items) if p not in named and p not in referenced and p not in aside_ids
        ]
        numbering = numbering or _item_numbering(cued_items)
        # "3 things: resnet blog baseline/final, q7a, and the 3b(i) gradients": an item of a comma
        # list that names a question by its title and a part by its cue words asks that part.
        # "... the first half, ... and also the bit asking which approach interested me most": a piece
        # that describes a part of the question the labels ask asks the part its cue words name.
        one_q = {question_of(p)[1:] for p in named}
        named += [
            p
            for p in _comma_piece_parts(text, labels, index, described_on=one_q.pop() if len(one_q) == 1 else None)
            if p not in named and p not in referenced and p not in aside_ids
        ]
        # "... and the orthonormal lambda one from q8 — does small λ push W2 ...": a part described by
        # its words, then the question it is from
        named += [p for p in _described_from(text, labels, index) if p not in named and p not in aside_ids]
        # "first, 3b(ii): show ... second, the resnet blog q, what was the baseline time they started
        # with": a sentence with no label that names another of our questions by its title and asks
        # in a part's words asks that part
        named += [
            p
            for p in _titled_sentence_parts(text, labels, index, {question_of(p) for p in named})
            if p not in named and p not in referenced and p not in aside_ids
        ]
        named += _going_on_parts(text, labels, index, named, referenced | aside_ids)
        named += _counted_more(asking, named, index, referenced | aside_ids)
    if numbering and context.q in (None, FOREIGN):
        numbered_qs = {question_of(p) for _, p in numbering}
        context = Context(numbered_qs.pop()[1:]) if len(numbered_qs) == 1 else context
    titled = index.question_named(text[: unplaced[-1].end]) if unplaced and named else None
    if titled is not None:
        # "First the reading question on How to Train Your ResNet: Part (a) ... Part (c) ... Second,
        # Q7 (a): ...": labels before the first question named belong to the one their own stretch
        # names by its title.
        in_title = [p for label in unplaced for p in index.resolve(label, Context(titled)) if p not in referenced]
        if in_title:
            # "Part (a): in How to Train Your ResNet ... Part (c): ... (hw7 q4)": the labels are what
            # the turn asks of the question it also names whole.
            named = [p for p in named if p not in from_whole or question_of(p) != f"q{titled}"]
            from_whole = [p for p in from_whole if question_of(p) != f"q{titled}"]
        named += in_title
    elif unplaced and named:
        # "- resnet blog (a) — start vs end time\n- translation q (a) — ...\n- ..., 8a(iii) — ...": each
        # label before the last full one belongs to the question its own stretch names by title.
        named += sorted(_placed_by_own_titles(text, unplaced, index) - referenced - set(named))
    # "only" narrows its own question: "1) q7 b+c ... 2) the resnet blog q, first bit only" asks 7(b) and (c) too
    only_qs = {question_of(p) for p in only_ids}
    named = [p for p in index.ids if p in only_ids or (p in named and question_of(p) not in only_qs)]
    if not ours and foreign_relative and not homework_named and context is carried_foreign:
        # After a side question from another homework, "ok can you also do (b) then, ~100 words on what
        # I learned?" is back on ours when its cue words name one question of ours.
        lead = leader(Counter(question_of(p) for p in index.by_cues(asking) if p not in referenced))
        if lead is None and home.q not in (None, FOREIGN) and ours_named:
            lead = f"q{home.q}"  # "and yes, please do (b) of the hw7 question"
        if lead is None and ours_named and (titled_q := index.question_named(asking)) is not None:
            lead = f"q{titled_q}"  # "ok now hw7, the translation problem, second and third part"
        if lead is not None:
            placed = Context(lead[1:])
            asked = {p for label in foreign_relative for p in index.resolve(label, placed)} - referenced
            if asked:
                return UserTurn([p for p in index.ids if p in asked], True, placed, set_aside=aside_ids)
    if not ours and not ours_asks and ((labels and context.q == FOREIGN) or homework_named):
        # "HW6 Question 2: ...", or "first a HW5 thing: why does dropout ...": another homework's
        # question, whatever our cue words it holds.
        return UserTurn([], True, Context(FOREIGN), foreign_only=True)
    if named:
        whole_only = tuple(p for p in from_whole if p in named)
        return UserTurn(named, True, context, set_aside=aside_ids, numbering=numbering, whole=whole_only)
    cue_counts = index.cue_counts(asking)
    cued = [p for p in index.ids if cue_counts[p] and p not in referenced]
    if cued_items and not labels:
        # "(1) ~100 words for the 'which approach ... interested you most' question on the resnet blogs.
        # i liked the batch norm stuff near the end": an item that names its own part asks no other by
        # a stray cue word in it
        outside = _outside_settled_items(text, cued_items)
        kept_items = set(_parts_of_items(cued_items))
        outside_counts = index.cue_counts(outside) if outside != text else cue_counts
        # ... and asks the part it names by a word of that part's cues under its question's title
        cued = [p for p in index.ids if (p in kept_items and p not in referenced) or (p in cued and outside_counts[p])]
    by_question = Counter(question_of(p) for p in cued)
    title = index.question_named(asking)  # the one question the turn names by its title, if any
    if unplaced and title is None:
        # "- the translation one, part a (...)\n- the resnet blog one, part c (...)": each label
        # belongs to the question its own stretch of the turn names by title.
        by_title = _placed_by_own_titles(text, unplaced, index) - referenced
        if by_title:
            return _placed_turn(text, by_title, context, cued_items, referenced | aside_ids, index, aside_ids)
    named_q = title if unplaced else None
    if named_q is not None:
        # "the reading question on the How to Train Your ResNet series ... part (c) first": the
        # question's own name places its labels, whatever other parts' cue words ("batch norm") say.
        placed = Context(named_q)
        asked = _placed_labels(text, unplaced, placed, index) - referenced
        first_place = min((label.start for label in unplaced if label.ordinal is not None), default=None)
        if asked and first_place is not None and _ASKING_WORD_RE.search(text, 0, first_place):
            # "For the regularized linear autoencoder, there's a checkbox list ...: weight decay,
            # dropout, ... Which ones? And the last part asks ...": before the place, a question in
            # the cue phrases of another of its parts asks that one too
            asked |= set(index.by_cues(text[:first_place], index.parts_of(named_q))) - referenced - aside_ids
        if asked:
            return _placed_turn(text, asked, placed, cued_items, referenced | aside_ids, index, aside_ids)
    lead = leader(by_question) if unplaced else None
    if lead is not None:
        # "(a) baseline time? (b) what you learnt? (c) ..." under the blog's title: the labels
        # belong to the question the turn's cues name, or the one most of its cued parts are in
        # ("h_t ... at evaluation time" over a stray "training time").
        placed = Context(lead[1:])
        asked = _placed_labels(text, unplaced, placed, index) - referenced
        if asked:
            return _placed_turn(text, asked, placed, cued_items, referenced | aside_ids, index, aside_ids)
    # Cues ask weakly: the part is reported only if a reply answers it (see `PartAnswers.weak`).
    if len(by_question) > 1:
        # "~100 words on what I learned ... I liked the batch norm stuff" on the ResNet blog: the cue
        # words of the question the turn names, or the chat is on, over a stray word of another's.
        # A question the turn itself names by title wins only on more cue words: the turn may name one
        # question by its title and another by its cue words ("1) the PCA problem ... 2) which loss").
        on = title or context.q
        weight = Counter({q: sum(cue_counts[p] for p in cued if question_of(p) == q) for q in by_question})
        others = max(w for q, w in weight.items() if q != f"q{on}") if on is not None else 0
        if on is not None and (weight[f"q{on}"] > others or (title is None and weight[f"q{on}"] == others)):
            # ... but not over a question of its own about another: "And from the linear autoencoder
            # question: how many linear layers does the model need?"
            asked_apart = _asked_apart(asking, f"q{on}", index)
            cued = [p for p in cued if question_of(p) == f"q{on}" or p in asked_apart]
            by_question = Counter(question_of(p) for p in cued)
    if cued and title is not None and all(question_of(p) == f"q{title}" for p in cued):
        # "the translation question: the stacking objection, the training-time decoder tokens, and
        # the inference-time ones": each piece of its list names one of its parts
        pieces = _comma_piece_parts(asking, [], index, on=title)
        # ... or each item of its list ("- whats wrong w/ feeding the encoder's state at step t ...",
        # "- what goes in the w boxes when training")
        pieces += _parts_of_items(cued_items)
        # ... or its sentences saying what the user needs, by the words of each part's cues ("I need the
        # conditions you get when both gradients are 0, and after that a proof that the PCA answer ...
        # satisfies them"), or going on with what it asks ("whats one problem with it? and then both of
        # the w1..w5 questions (the training time one and the one where its actually generating)")
        needs = [m.group() for m in _REQUESTING_RE.finditer(asking)]
        needs += [m.group() for m in _GOING_ON_RE.finditer(asking)]
        if needs:
            pieces += index.by_cue_words(" ".join(needs), index.parts_of(title))
        cued += [p for p in index.parts_of(title) if p in pieces and p not in cued and p not in referenced]
        cued = [p for p in index.ids if p in cued and p not in aside_ids]
    on_title = title is not None and all(question_of(p) == f"q{title}" for p in cued)
    if title is not None and on_title and (all_of := _EVERY_PART_RE.search(asking)) is not None:
        # "I'm on the PCA / linear autoencoder part of hw7 ... the first sub-bit says ... the next one
        # says ... Can you do both?": every part of the question the turn names by its title; or, of a
        # question of more parts, "both" of those its cue phrases or words name ("... what goes in when
        # we're training, and then again ... when we're actually generating ... can you do both?")
        both = all_of.group().lower().endswith("both")
        parts = index.parts_of(title)
        if both and len(parts) != 2:
            parts = [p for p in parts if p in cued or p in index.by_cue_words(asking, parts)]
        if not both or len(parts) == 2:
            wanted = [p for p in parts if p not in referenced and p not in aside_ids]
            return UserTurn(wanted, False, Context(title), set_aside=aside_ids, questioned=tuple(questioned))
    if cued:
        # "Two things I need: where their training time ... started ..., and then ~100 words describing
        # one specific approach they used and why I find it interesting"
        cued += [p for p in _counted_more(asking, cued, index, referenced | aside_ids) if p not in cued]
        cued = [p for p in index.ids if p in cued]
        q = question_of(cued[0])[1:]
        firm = tuple(p for p in cued if cue_counts[p] >= FIRM_CUES)
        context = Context(q) if len(by_question) == 1 else context
        # "1. loss fn for the l2 reg autoencoder 2. teacher forcing tokens ...": a reply's "**1. ...**"
        # heads the part the user's item 1 named
        numbering = tuple((key, p) for key, p in _item_numbering(cued_items) if p in cued)
        return UserTurn(
            cued,
            False,
            context,
            firm_cues=firm,
            set_aside=aside_ids,
            questioned=tuple(questioned),
            numbering=numbering if len(numbering) >= NUMBERED_MIN_ITEMS else (),
        )
    if title is not None:
        context = Context(title)  # "switching to HW7: the numbers in the Myrtle blog posts?": on Q4 now
        if (
            "?" in asking
            or _ASKS_UNMARKED_RE.search(asking) is not None
            or _REQUEST_OPENING_RE.match(asking) is not None  # "need ~100 words on one technique from ..."
            or _REQUESTING_RE.search(asking) is not None  # "... problem with loss ... I need the SVD proof part ..."
            or _TURNS_NEXT_RE.search(asking) is not None  # "nice. now the part where you show PCA satisfies them."
            or len(asking.split()) <= REQUEST_BARE_MAX_WORDS  # "and the follow-up, showing PCA satisfies them"
        ):
            # "seq2seq, 'veo un perro' ... for the training one: what 5 tokens go in as w1 to w5?": the
            # question named by its title, and its parts by a word of each one's cues alone ("... whats
            # wrong with that? and ... when we train, and ... when the model is actually generating?")
            worded = index.by_cue_words(asking, index.parts_of(title))
            worded = [p for p in worded if p not in referenced and p not in aside_ids]
            if worded:
                return UserTurn(worded, False, context, set_aside=aside_ids, questioned=tuple(questioned))
    return UserTurn([], False, context, set_aside=aside_ids, questioned=tuple(questioned))


NUMBERED_MIN_ITEMS = 2


def _numbered_items(
    text: str, labels: list[Label], index: PartIndex, questions: set[str], context: Context
) -> tuple[tuple[str, str], ...]:
    """The numbered items of a user's turn that each ask one part, as ("question.item", part).

    A question's items run 1, 2, ... under its label ("Q7 (...): 1. ... 2. ... 3. ..."), or under the
    one question the turn names or is on. Its items name its first parts in order when no item's own
    label or cue words name another ("4. (part b) ...", "2. which loss fn (L1Loss / MSELoss)") and,
    fewer than its parts, some item's do ("1. baseline vs final 2. ~100 words on what i learned");
    otherwise each item asks the one part its label or cue words name. At least two items must each
    ask a different part."""
    marks = list(_ITEM_MARK_RE.finditer(text))
    if not marks:
        return ()
    heads = [(m.start, m.q) for m in labels if m.q is not None and not index.is_foreign(m)]
    starts = [h for h, _ in heads]
    fallback = next(iter(questions))[1:] if len(questions) == 1 else context.q
    if fallback in (None, FOREIGN):
        # "For the How to Train Your ResNet posts: 1. ... 2. ...": the question the turn's words name.
        fallback = index.question_named(text) or one_question_cued(text, index)
    # question -> (item number, part it names, parts its cues name)
    items: dict[str, list[tuple[str, str | None, frozenset[str]]]] = {}
    repeats: dict[str, list[int]] = {}  # question -> its items whose words name an earlier item's part
    listed_so_far = 0
    for i, mark in enumerate(marks):
        # an item runs to its line's end or the next item's mark ("... centred. (1) what equations ...
        # (2) prove the top-k eigvecs ...")
        line_end = text.find("\n", mark.end())
        end = min(line_end if line_end >= 0 else len(text), marks[i + 1].start() if i + 1 < len(marks) else len(text))
        number, item = mark.group(1) or mark.group(2), text[mark.end() : end]
        if not any(c.isalpha() for c in item):
            continue  # "1) 0  2) 1  3) 2  4) 3" under "how many linear layers?": the options' values ask nothing
        if names_other_homework_only(item):
            # "3) from hw6: why rescale by 1/(1-p) in dropout?": another homework's item, which holds
            # its place in the list
            if int(number) == listed_so_far + 1:
                listed_so_far += 1
            continue
        # an item's own label heads it ("3. q3b(i): ..."), in its first sentence ("(2) prove ... and
        # quick ones from Q8a: ..." is no item of Q8's)
        head = _SENTENCE_END_RE.search(text, mark.end(), end)
        k = bisect_right(starts, head.start() if head else end) - 1
        q = heads[k][1] if k >= 0 else fallback
        worded = None
        if k < 0 or heads[k][0] < mark.start():
            # "1) Q8 part b: ... 2) the PCA one, part ii: ...": an item without a question's label is
            # on the question its own words name by title, if any, or by a word of its names
            titled = index.question_named(item)
            worded = _worded_part(item, index) if titled is None else None
            # "2) linear autoencoder loss ... write the first-order optimality conditions" after "1) How
            # to Train Your ResNet ...": by two cues or more of another question's parts, that question
            cued_q = _firmly_cued_question(item, index) if titled is None and worded is None else None
            q = titled or (worded[0] if worded else cued_q or q)
        if q is None or q == FOREIGN:
            continue
        listed = items.setdefault(q, [])
        # numbered under its question, or on in one list across questions ("1. q7 b ... 2. q7c ... 3. 3b(i)")
        if int(number) in (len(listed) + 1, listed_so_far + 1):
            cued = frozenset(p for p, n in index.cue_counts(item).items() if n and question_of(p) == f"q{q}")
            part = worded[1] if worded else _item_part(item, q, index)
            if (
                part is not None
                and worded is None
                and any(part == named for _, named, _ in listed)
                and not any(label.letter or label.roman for label in mentions(item))
            ):
                repeats.setdefault(q, []).append(len(listed))
            listed.append((number, part, cued))
            listed_so_far += 1
    found: list[tuple[str, str]] = []
    judged = _JUDGE_EACH_RE.search(text) is not None
    for q, listed in items.items():
        parts = index.parts_of(q)
        again = repeats.get(q, [])
        if (
            len(listed) == len(parts)
            and len(again) == 1
            and all(named == part for k, ((_, named, _), part) in enumerate(zip(listed, parts)) if k != again[0])
        ):
            # "1) 2 linear layers 2) nn.MSELoss 3) weight decay, SGD 4) yes, because weight decay keeps the
            # weights small": in a list whose every other item names its place's part, an item whose words
            # name an earlier item's part says nothing of its own, its place's
            number = listed[again[0]][0]
            listed = [*listed[: again[0]], (number, None, frozenset()), *listed[again[0] + 1 :]]
        # ... and no item's cues name only other parts than its place's ("2. does W2 end up with
        # orthonormal columns in the weight-decay version?" is no 8(a)(ii))
        in_order = (
            len(listed) <= len(parts)
            and all(
                named in (None, part) and (not cued or part in cued) for (_, named, cued), part in zip(listed, parts)
            )
            and (len(listed) == len(parts) or any(named is not None for _, named, _ in listed))
            # "i wrote these claims ..., can you mark each true or false: 1. the data term only depends on
            # the product ...": statements to judge ask no part by their place, only by their own words
            and not judged
        )
        for (number, _, _), part in zip(listed, parts if in_order else [n for _, n, _ in listed]):
            if part is not None and all(part != p for _, p in found):
                found.append((f"{q}.{number}", part))
    return tuple(found) if len(found) >= NUMBERED_MIN_ITEMS else ()


_JUDGE_EACH_RE = regex(
    r"\btrue[ \t]{0,2}(?:or|/)[ \t]{0,2}false\b|\bT[ \t]?/[ \t]?F\b"
    r"|\b(?:these|my)[ \t]{1,3}(?:claims|statements)\b",
    re.I,
)
"""A turn that brings statements to be judged ("mark each true or false", "T/F", "my claims")."""
_SENTENCE_END_RE = regex(r"[.?!][ \t\n]|\n")
_ITEM_MARK_RE = regex(r"^[ \t>*-]{0,4}\(?([1-9])[.)][ \t]|(?<=[.:;!?])[ \t]{1,3}\(?([1-9])\)[ \t]", re.M)
"""A list item's number: at a line's start ("2. ...", "(3) ..."), or after a sentence's end or a colon in
running text, closed by a parenthesis ("... lol. 1) 3b i grads. 2) q7 b tokens.", "for the seq2seq
problem: (1) the stacking ... (2) during training ...")."""


def _numbered_marks(text: str) -> list[re.Match[str]]:
    """The marks of the turn's numbered list, 1, 2, ... in order (a number out of order is not one)."""
    marks: list[re.Match[str]] = []
    for m in _ITEM_MARK_RE.finditer(text):
        if int(m.group(1) or m.group(2)) == len(marks) + 1:
            marks.append(m)
    return marks


def _cued_items(text: str, labels: list[Label], index: PartIndex) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The items of the turn's numbered list (1, 2, ... in order) that name no question by label, each
    with the parts it names, as ("question.item", parts); else those of its bulleted list, numbered by
    place, that name no part by label ("- how many lin layers do i need", "- which loss fn": a reply
    that takes them "in the order you listed" numbers them so). An item's question is the one its
    words name by title or by most cues; its part, the one of that question its own letter
    ("question (b)") or else its cue words name; or its parts, when its pieces between commas name
    several ("- the pytorch checkbox ones: how many linear layers, which loss, and which of ... to tick")."""
    marks = _numbered_marks(text)
    if len(marks) >= NUMBERED_MIN_ITEMS:
        found = _items_cued(text, marks, [label.start for label in labels if label.q is not None], index)
        return tuple((f"{q}.{marks[k].group(1) or marks[k].group(2)}", parts) for k, q, parts in found)
    marks = list(_BULLET_MARK_RE.finditer(text))
    if len(marks) < NUMBERED_MIN_ITEMS:
        return ()
    # (a place in brackets describes the item's words: "for the training one AND for the eval one (the
    # second half of the question, ...)")
    found = _items_cued(text, marks, [label.start for label in labels if not _bracketed_place(text, label)], index)
    return tuple((f"{q}.{k + 1}", parts) for k, q, parts in found)


def _bracketed_place(text: str, label: Label) -> bool:
    """Whether the label is a place opening a bracket, a word before it at most: "(the second half of
    the question, ...)"."""
    before = text[max(0, label.start - BRACKET_LOOKBACK) : label.start]
    opened = before.rfind("(")
    return label.ordinal is not None and opened >= 0 and len(before[opened + 1 :].split()) <= 1


BRACKET_LOOKBACK = 12
"""How far before a place its opening bracket is looked for."""


def _outside_settled_items(text: str, cued_items: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """The text with the numbered items whose parts `_cued_items` settled blanked (offsets unchanged)."""
    settled = {key.rsplit(".", 1)[1] for key, parts in cued_items if parts}
    marks = _numbered_marks(text)
    if len(marks) < NUMBERED_MIN_ITEMS or not settled:
        return text
    pieces: list[str] = []
    at = 0
    for k, m in enumerate(marks):
        if (m.group(1) or m.group(2)) in settled:
            end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
            pieces += [text[at : m.start()], " " * (end - m.start())]
            at = end
    return "".join(pieces) + text[at:]


def _parts_of_items(cued_items: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    return [p for _, parts in cued_items for p in parts]


def _item_numbering(cued_items: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, str], ...]:
    """The item each part asked alone is numbered by: an item asking several parts numbers none."""
    return tuple((key, parts[0]) for key, parts in cued_items if len(parts) == 1)


def _items_cued(
    text: str, marks: list[re.Match[str]], starts: list[int], index: PartIndex
) -> list[tuple[int, str, tuple[str, ...]]]:
    """(item's place, question, parts) for each item that holds none of the labels at `starts` (in
    order) and names parts by its words, each part once."""
    # "Machine translation setup: ... (1) the vertical stacking ... (2) the training time one": items
    # under an introduction that names a question by its title are on it
    intro = index.question_named(text[: marks[0].start()])
    found: list[tuple[int, str, tuple[str, ...]]] = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        first = bisect_left(starts, m.end())
        if first < len(starts) and starts[first] < end:
            if _SENTENCE_END_RE.search(text, m.end(), starts[first]) is None:
                continue  # the item names its question by label
            # "(2) during TRAINING ... also unrelated, Q8 first checkbox: ...": the label opens a later
            # sentence, about another question; the item is what comes before it
            end = starts[first]
        item = text[m.end() : end]
        if names_other_homework_only(item):
            continue  # "4) unrelated, from hw6: why rescale by 1/(1-p) in dropout?": not ours
        titled = index.question_named(item)
        q = titled or intro or one_question_cued(item, index)
        part = _item_part(item, q, index) if q not in (None, FOREIGN) else None
        worded_all: list[str] = []
        if part is None and titled is None and q is not None and q == intro:
            part = index.one_by_cue_words(item, index.parts_of(q))  # "the training time one": 7(b)'s word
            if part is None and len(worded_all := index.by_cue_words(item, index.parts_of(q))) > 1:
                # "- what goes in the w boxes for the training one AND for the eval one": each part
                # the item's words name
                part = worded_all[0]
        if part is None and titled is not None and q == titled:
            # "(2) just the stationarity equations for the PCA autoencoder loss": under its title, a word
            # of one part's cues alone
            part = index.one_by_cue_words(item, index.parts_of(q))
        if q is None and (worded := _worded_part(item, index)) is not None:
            q, part = worded
        if part is None and titled is not None and (cued_q := one_question_cued(item, index)) not in (None, q):
            # "the question right after the autoencoder/PCA one, about the ... training blog series — the
            # first bit, where they started": a title named only to place it, the item's cues on another
            q, part = cued_q, _item_part(item, cued_q, index)
        if q is None or part is None or any(part in parts for _, _, parts in found):
            continue
        several = _asked_by_pieces(item, index.parts_of(q), index) if not mentions(item) else []
        several = several if len(several) > 1 else worded_all
        parts = tuple(several) if len(several) > 1 and part in several else (part,)
        found.append((k, q, tuple(p for p in parts if all(p not in ps for _, _, ps in found))))
    return found


def _counted_more(text: str, named: list[str], index: PartIndex, left_out: Collection[str]) -> list[str]:
    """When the turn opens by counting more parts than `named` ("Two bits of the Spanish→English
    encoder-decoder question. The prompt goes ... 'h_t' ... And the last subpart, ..."), the parts of
    the same questions its cues name, up to the count."""
    count = _COUNTED_RE.search(text)
    if count is None and (count := _FIRST_THEN_RE.search(text)) is not None:
        wanted = 2 - len(named)  # "First I need the conditions ..., and then I have to show ...": two
    else:
        wanted = _COUNTS[count.group(1).lower()] - len(named) if count is not None else 0
    on = {question_of(p) for p in named}
    if wanted <= 0 or len(on) != 1 or count is None or _OF_THE_HOMEWORK_RE.match(text, count.end()):
        return []  # "Two things from HW7. First ... Q4 ...": things of the homework, not parts of one question
    more = [p for p in index.by_cues(text) if question_of(p) in on and p not in named and p not in left_out]
    if len(more) < wanted:
        # "... and then ~100 words describing one specific approach they used and why I find it
        # interesting": a word of one part's cues alone
        rest = [p for p in index.parts_of(next(iter(on))[1:]) if p not in named and p not in more and p not in left_out]
        worded = index.by_cue_words(text, rest)
        # ... unless the words name more parts than the count leaves room for ("the linear autoencoder
        # ... which PyTorch loss": "linear" of 8(a)(i)'s cues, "loss" of 8(a)(ii)'s): then none
        more += worded if len(worded) <= wanted - len(more) else []
    return more[:wanted]


_COUNTS = {"two": 2, "three": 3}
_COUNTED_RE = regex(
    r"(?:^|[.!?:][ \t]{1,3})\W{0,3}(two|three)[ \t]{1,3}(?:bits|parts|pieces|things|sub-?parts|questions)\b",
    re.I | re.M,
)
"""A turn that opens by counting the parts it asks ("Two bits of the encoder-decoder question. ...")."""
_FIRST_THEN_RE = regex(
    r"(?:^|[.!?:][ \t]{1,3})first[ \t]{1,3}I[ \t]{1,3}(?:need|want|have)\b[^.?!\n]{1,200}?,?[ \t]{1,3}"
    r"(?:and[ \t]{1,3})?then[ \t]{1,3}I\b",
    re.I | re.M,
)
"""...or by ordering two asks in one sentence ("First I need ..., and then I have to show ...")."""
_OF_THE_HOMEWORK_RE = regex(
    r"[ \t]{1,3}(?:for|from|in|on|of)[ \t]{1,3}(?:(?:the|my|this)[ \t]{1,3})?(?:hw|homework|assignment)", re.I
)
_PIECE_CUT_RE = regex(r"[,;?!\n]")
"""Where a list's pieces end: commas, semicolons, line ends, and the ends of questions ("... when
generating? then the training one.")."""
COMMA_PIECE_MAX_WORDS = 8
"""A list's item is short: a longer stretch between commas describes rather than asks."""
DESCRIBED_PIECE_MAX_WORDS = 16
_DESCRIBED_PART_RE = regex(
    r"\b(?:(?:and|also|then|plus)[ \t]{1,3}){0,2}the[ \t]{1,3}(?:(?:[\w-]{1,20}[ \t]{1,3}){0,2}"
    r"(?:part|bit|one|section|sub-?part|question)"
    r"(?:[ \t]{1,3}(?:asking|about|on|where|that|which|with|for)\b|[ \t]{0,2}:)"
    r"|[\"'“‘][^\"'”’\n]{1,60}[\"'”’][ \t]{1,3}(?:part|bit|one|section|sub-?part|question)\b)"
    r"|\b(?:(?:first|then|next)[ \t]{1,3})?it[ \t]{1,3}(?:wants|asks[ \t]{1,3}for)[ \t]{1,3}the\b",
    re.I,
)
"""A piece that describes a part: "and also the bit asking which approach ...", "the part about ...",
"and then the small-lambda one: does W2 end up with ~orthonormal columns?", "also the 'comment on what
you learnt' one", "first it wants the first-order optimality conditions ..." (what the question asks)."""


DESCRIBED_FROM_LOOKBACK = 120
"""How far before a question's label its part's description may start ("the orthonormal lambda one from q8")."""
_DESCRIBED_FROM_RE = regex(
    r"\bthe[ \t]{1,3}(?P<words>(?:[\w-]{1,20}[ \t]{1,3}){1,4})(?:one|part|bit|question)"
    r"[ \t]{1,3}(?:from|of|in)[ \t]{1,3}$",
    re.I,
)


def _described_from(text: str, labels: list[Label], index: PartIndex) -> list[str]:
    """The parts a turn describes by their cue words and then names the question of: "the orthonormal
    lambda one from q8" asks 8(b), "the teacher forcing question from q7" 7(b)."""
    found: list[str] = []
    for label in labels:
        if label.q is None or label.letter or label.roman or label.q not in index.questions:
            continue
        lead = _DESCRIBED_FROM_RE.search(text, max(0, label.start - DESCRIBED_FROM_LOOKBACK), label.start)
        if lead is not None:
            part = index.one_by_cue_words(lead.group("words"), index.parts_of(label.q))
            if part is not None and part not in found:
                found.append(part)
    return found


def _titled_sentence_parts(text: str, labels: list[Label], index: PartIndex, asked_qs: set[str]) -> list[str]:
    """The part each sentence with no label asks by a question word of a question it names by its
    title, when that question is none of `asked_qs` and the sentence's cue words name one part."""
    starts = [label.start for label in labels]
    found: list[str] = []
    at = 0
    for m in _SENTENCE_CUT_RE.finditer(text + "\n"):
        sentence, start, at = text[at : m.start()], at, m.end()
        if bisect_left(starts, start) != bisect_left(starts, m.start()) or not _ASKING_WORD_RE.search(sentence):
            continue
        q = index.question_named(sentence)
        if q is None or f"q{q}" in asked_qs:
            continue
        part = _item_part(sentence, q, index)
        if part is not None and part not in found:
            found.append(part)
    return found


def _asked_apart(text: str, q: str, index: PartIndex) -> set[str]:
    """The parts named by cues in the turn's questions (sentences ending in "?") that name no part of
    question `q` by its cues."""
    found: set[str] = set()
    at = 0
    for m in _SENTENCE_CUT_RE.finditer(text + "\n"):
        sentence, at = text[at : m.start()], m.end()
        if not sentence.rstrip().endswith("?"):
            continue
        named = index.by_cues(sentence)
        if named and all(question_of(p) != q for p in named):
            found.update(named)
    return found


def _comma_piece_parts(
    text: str, labels: list[Label], index: PartIndex, on: str | None = None, described_on: str | None = None
) -> list[str]:
    """The parts named by the short pieces of the turn between commas, semicolons and line ends that
    name a question, by its title or by a label of the whole question alone ("q8: how many layers"),
    and a part of it by cue words; with `on`, the question the turn names by title, also those of
    the pieces that name no question and one of its parts by cue words or by a word of one part's
    cues alone ("the translation question: the stacking objection, the training-time decoder
    tokens, and the inference-time ones"); with `described_on`, the question the turn's labels ask,
    also those of the pieces that describe a part ("and also the bit asking which approach interested
    me most and why", up to `DESCRIBED_PIECE_MAX_WORDS`) and name one of its parts by cue words."""
    starts = [label.start for label in labels]
    found: list[str] = []
    at = 0
    for cut in [*(m.start() for m in _PIECE_CUT_RE.finditer(text)), len(text)]:
        first, last = bisect_left(starts, at), bisect_left(starts, cut)
        piece, at = text[at:cut], cut + 1
        lead = _DESCRIBED_PART_RE.search(piece) if described_on is not None else None
        # "... blog series (the one about getting CIFAR10 training fast)": in brackets, what it follows
        lead = None if lead is not None and piece[: lead.start()].rstrip().endswith("(") else lead
        described = lead is not None
        piece = piece[lead.start() :] if lead is not None else piece  # "... ended up. and also the bit asking ..."
        # "... and what goes in them when we actually generate a translation?": a question runs longer
        asked = cut < len(text) and text[cut] == "?" and on is not None
        if len(piece.split()) > (DESCRIBED_PIECE_MAX_WORDS if described or asked else COMMA_PIECE_MAX_WORDS):
            continue
        held = labels[first:last]
        if len({lab.q for lab in held}) > 1 or any(
            lab.q is None or lab.letter or lab.roman or index.is_foreign(lab) for lab in held
        ):
            continue  # the piece names its part by label, or another homework's question
        q = held[0].q if held else index.question_named(piece) or on or (described_on if described else None)
        part = _item_part(piece, q, index) if q is not None else None
        if part is None and on is not None and q == on and index.question_named(piece) is None:
            # (a piece naming the question by its title has the title's words, which name no part)
            part = index.one_by_cue_words(piece, index.parts_of(on))
        if part is not None and part not in found:
            found.append(part)
    return found


_BULLET_MARK_RE = regex(r"^[ \t>]{0,4}[-*•+][ \t]", re.M)


def _item_parts(text: str, named: list[str], index: PartIndex, context: Context) -> tuple[str | None, ...]:
    """The part each item of the turn's list (numbered 1, 2, ... in order, or else bulleted) asks, or
    None for an item on another homework ("4) unrelated, from hw6: ..."), when every other item asks
    one of `named` by its labels or else its words, and each of `named` is one item's; else ()."""
    marks = _numbered_marks(text)
    if len(marks) < NUMBERED_MIN_ITEMS:
        marks = list(_BULLET_MARK_RE.finditer(text))
    if len(marks) < NUMBERED_MIN_ITEMS:
        return ()
    found: list[str | None] = []
    on = Context()  # the question the items' labels are on so far
    for k, m in enumerate(marks):
        item = text[m.end() : marks[k + 1].start() if k + 1 < len(marks) else len(text)]
        labels = [label for label in mentions(item) if label.q or label.letter or label.roman]
        if names_other_homework_only(item) or any(index.is_foreign(label) for label in labels):
            found.append(None)
            continue
        placed = [label for label in mentions(item, ordinals=True) if label.ordinal] if not labels else []
        if placed and (titled := index.question_named(item[: placed[0].start])) is not None:
            labels, on = placed, Context(titled)  # "2. hw7, the reading q about the resnet blog, just the first bullet"
        ids: list[str] = []
        for label in labels:
            ids += [p for p in index.resolve(label, on) if p not in ids]
            on = Context(label.q, label.letter) if label.q is not None else on
        if not labels:
            q = index.question_named(item) or one_question_cued(item, index)
            worded = _worded_part(item, index) if q is None else None
            q = q or on.q or context.q
            part: str | None = worded[1] if worded else None
            if part is None and q not in (None, FOREIGN):
                part = _item_part(item, q, index)
            if part is None and index.question_named(item) is not None and (cued_q := one_question_cued(item, index)):
                part = _item_part(item, cued_q, index) if cued_q != q else None  # a title only placing it (above)
            ids = [part] if part is not None else []
        if len(ids) != 1 or ids[0] not in named or ids[0] in found:
            return ()
        found.append(ids[0])
    return tuple(found) if set(named) == {p for p in found if p is not None} else ()


def _firmly_cued_question(item: str, index: PartIndex) -> str | None:
    """The one question whose parts' cues the item holds, `FIRM_CUES` or more of them; else None."""
    by_question = Counter({question_of(p)[1:]: n for p, n in index.cue_counts(item).items() if n})
    q = leader(by_question)
    return q if q is not None and by_question[q] >= FIRM_CUES else None


def _worded_part(item: str, index: PartIndex) -> tuple[str, str] | None:
    """(question, part) an item names by a word of one question's names and a word of one of its
    parts' cues alone ("hw7 the RNN translation training-inputs one, w1 to w5" is 7(b)), else None."""
    q = index.question_titled(item)
    part = index.one_by_cue_words(item, index.parts_of(q)) if q is not None else None
    return (q, part) if q is not None and part is not None else None


def _item_part(item: str, q: str, index: PartIndex) -> str | None:
    """The one part of question `q` a numbered item names by its own label, else by its cue words."""
    labelled = [p for label in mentions(item) if label.letter or label.roman for p in index.resolve(label, Context(q))]
    if labelled:
        return labelled[0] if len(labelled) == 1 else None
    counts = index.cue_counts(item)
    return leader(Counter({p: n for p, n in counts.items() if question_of(p) == f"q{q}"}))


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


_SENTENCE_CUT_RE = regex(r"(?<=[.?!])\s+|\n")
_CLAUSE_CUT_RE = regex(r"(?<=[.?!;])\s+|\n|[()]")
"""Sentences, clauses after a semicolon, and brackets: "I already have the two conditions; I need the
bit where you show PCA satisfies them" keeps the first and asks the second; "I only need two of the
three parts (I already wrote the reflection one myself): what training time ..." keeps the aside."""
_KEEPS_RE = regex(
    rf"\b(?:{_FOR_MYSELF})\b|\bI'll do (?:that|it|this)\b[^.?!\n]{{0,40}}\blater\b"
    r"|\bI(?:'ve|[ \t]have)?[ \t]already[ \t](?:have|got|derived|did|done|wrote|written)\b"
    r"|\bI(?:'ve|[ \t]have)(?:[ \t]{1,3}(?:got|derived|written|done))?[ \t][^.?!\n,;]{1,40}[ \t]already\b"
    r"|\bafter[ \t]{1,3}(?:writing|deriving|computing|getting)[ \t]{1,3}(?:the|my)\b",
    re.I,
)
"""A sentence keeping its parts for the user: "I'll do that one myself", "I already have the first-order
conditions: ...", "I have both gradient conditions already.", "after writing the stationarity
conditions (I got ...), it asks me to ...": its cue words ask nothing."""
_BUILDS_ON_RE = regex(
    rf"\bI{_INTEND}[ \t]{{1,3}}(?:expand|extend|polish|edit|adapt|tweak|reword|paraphrase|flesh[ \t]{{1,3}}out"
    r"|build[ \t]{1,3}on)\b",
    re.I,
)
"""...but not one in which the user will work on the answer they ask for: "the 'what you learnt' one,
but keep it short, I'll expand it myself"."""


def _split_kept_sentences(text: str) -> tuple[str, str]:
    """The turn without the sentences in which the user keeps a part for themself ("There's also a
    part about the most interesting technique but I'll do that one myself later"), and those
    sentences: their cue words ask nothing, and leave their part out of a whole question."""
    if not _KEEPS_RE.search(text):
        return text, ""
    asking: list[str] = []
    kept: list[str] = []
    for piece in _CLAUSE_CUT_RE.split(text):
        keeps = _KEEPS_RE.search(piece)
        if keeps is None or _BUILDS_ON_RE.search(piece):
            asking.append(piece)
            continue
        # "..., do the second part first please: I have the two zero-gradient equations already, I need
        # to show ...": what the user keeps runs from the clause break before it to the comma after it
        start = max(piece.rfind(",", 0, keeps.start()), piece.rfind(":", 0, keeps.start())) + 1
        end = piece.find(",", keeps.end())
        end = len(piece) if end < 0 else end
        kept.append(piece[start:end])
        asking.append(piece[:start] + " " + piece[end + 1 :])
    return " ".join(asking), " ".join(kept)


_CARRIES_ON_RE = regex(
    r"\s{0,3}(?:(?:ok(?:ay)?|nice|cool|great|perfect|thanks|thank[ \t]you|got[ \t]it|alright|(?:much[ \t])?better"
    r"|(?:looks|sounds)[ \t]good|good|fine|fair|that[ \t]works|(?:that[ \t])?makes[ \t]sense)"
    r"[ \t]{0,2}[.,!]{0,3}[ \t]{0,3}){0,2}"  # "ok thanks. next they want ..."
    r"(?:same|and|now|next|also|then|what[ \t]about|how[ \t]about)\b",
    re.I,
)
"""Words a turn opens with, after a thank-you or not, to go on to the next part rather than argue with the
last answer ("nice. now ~100 words on what I learned")."""
_TURNS_NEXT_RE = regex(
    r"(?:^|[.!?][ \t]{1,3})(?:(?:ok(?:ay)?|cool|nice|great|thanks)[ \t]{0,2}[,.!]{0,3}[ \t]{1,3})?"
    r"(?:next|now|(?:last|final|next)[ \t]{1,3}(?:one|part|question|bit)|moving[ \t]{1,3}on)\b",
    re.I | re.M,
)
"""A sentence of the turn that turns to the next part, after one that comments on the last answer: "lol ok
that's maybe too short but fine. last one, which approach interested me most"."""


_THANKS_OPENING_RE = regex(
    r"\W{0,3}(?:(?:ok(?:ay)?|great|perfect|awesome|nice|cool)[ \t]{0,2}[,.!]{0,3}[ \t]{0,3}){0,2}"
    r"(?:thanks|thank[ \t]{1,3}you|thx|ty)\b",
    re.I,
)
"""A turn that opens on a thank-you, after a word or two of acknowledgement ("ok cool thanks, I'll probably
just use this")..."""
_THANKS_CLOSING_RE = regex(
    r"\b(?:thanks|thank[ \t]{1,3}you|thx|ty)(?:[ \t]{1,3}(?:a[ \t]{1,3}lot|so[ \t]{1,3}much|again))?[ \t!.]{0,5}$",
    re.I,
)
"""...or closes on one ("ok that makes sense, dropping the dropout. thanks a lot")."""
_REQUEST_RE = regex(
    r"[?:]|\b(?:now|next|then|also|can|could|would|please|pls|plz|show|write|give|derive|explain|redo|fix|answer"
    r"|help|need|want|do|skipped|missing|forgot|left[ \t]out|hw\d{1,2}|homework|question|different|unrelated|random)\b"
    # a question word opening a sentence or clause, not "(b) matches what I had"
    r"|(?:^|[.!;,—–][ \t]{0,3})(?:what|which|how|why|when|where)\b",
    re.I,
)
THANKS_MAX_WORDS = 30
THANKS_BARE_MAX_WORDS = 3
"""After a thank-you, this few words are a request ("thanks! 7c", "thx, (b) too"), not a remark."""


def _only_thanks(text: str) -> bool:
    """Whether a short turn opens on a thank-you and asks nothing: no question mark, colon or word of a
    request ("now", "can you", "show", "you skipped ...")."""
    return (
        len(text.split(None, THANKS_MAX_WORDS)) <= THANKS_MAX_WORDS
        and (_THANKS_OPENING_RE.match(text) is not None or _THANKS_CLOSING_RE.search(text) is not None)
        and _REQUEST_RE.search(text) is None
    )


def _bare_after_thanks(text: str) -> bool:
    """Whether a thank-you has this few words after it ("thanks! 7c"): a label there is a request."""
    opening = _THANKS_OPENING_RE.match(text)
    return opening is not None and len(text[opening.end() :].split()) <= THANKS_BARE_MAX_WORDS


_ASKS_UNMARKED_RE = regex(rf"(?:^|[.!;:—–])[ \t]{{0,3}}{_UNMARKED_OPENING}", re.I | re.M)
"""A clause that opens as a question, asked without its question mark ("... — which of weight decay /
dropout / SGD do I actually need")."""


_REQUEST_OPENING_RE = regex(
    r"\W{0,3}(?:(?:i|we)[ \t]{1,3})?(?:need|want|write|give|explain|draft|describe|summari[sz]e)\b", re.I
)
"""A turn that opens on what it wants, asked without a question mark ("need ~100 words on one technique
from the 'How to Train Your ResNet' series and why it's interesting")."""


_CHALLENGE_RE = regex(
    r"\b(?:are[ \t]{1,3}you[ \t]{1,3}(?:sure|certain)|is[ \t]{1,3}that[ \t]{1,3}(?:right|correct|true)"
    r"|is(?:n['’]?t)?[ \t]{1,3}it[ \t]{1,3}(?:really[ \t]{1,3})?(?:yes|no)(?=[ \t]{0,2}\?))\b"
    # "was progressive resizing actually in that blog?": a claim of the answer put back as a question
    r"|\b(?:was|were|is|are|did)[ \t]{1,3}[^.?!\n]{1,60}[ \t](?:actually|really)[ \t][^.?!\n]{0,80}\?"
    # "you kind of skipped the second one", "you never used that they're eigenvectors": what the answer left out
    r"|\byou[ \t]{1,3}(?:(?:kind|sort)[ \t]{1,3}of[ \t]{1,3}|just[ \t]{1,3})?"
    r"(?:skipped|missed|forgot|left[ \t]{1,3}out|never|didn['’]?t|did[ \t]{1,3}not)\b"
    # "hm I thought the answer was that it breaks autoregression?": the user's own answer set against it
    r"|\bI[ \t]{1,3}(?:thought|was[ \t]{1,3}told)[ \t]{1,3}(?:that[ \t]{1,3})?"
    r"(?:the[ \t]{1,3}(?:answer|problem|issue)|it)[ \t]{1,3}(?:was|is|would[ \t]{1,3}be)\b",
    re.I,
)
"""A question that doubts the last answer rather than asking another part: "Are you sure?", "so is it
no?" (a verdict put back to the model), "was progressive resizing actually in that blog?", "you skipped
the second one", "I thought the answer was ..."."""
_DOUBT_RE = regex(r"\b(?:is|was)n['’]?t[ \t]{1,3}(?:that|this|it)\b[^.?!\n]{0,120}\?", re.I)
"""A question that says the last answer is something else: "isn't that teacher forcing though?"."""
_IDENTIFIES_BEFORE = regex(
    r"\b(?:that|this|it)(?:['’]s|[ \t]{1,3}(?:is|was))[ \t]{1,3}(?:(?:just|really|actually)[ \t]{1,3})?"
    r"(?:the[ \t]{1,3}(?:answer|one)[ \t]{1,3}(?:to|for)[ \t]{1,3})?(?:part[ \t]{1,3})?$",
    re.I,
)
"""What says which part the last answer really answers: "that's part (b)", "this is the answer to 7b"."""


def asks_anew(text: str) -> bool:
    """Whether the turn asks a question of its own, not one that doubts the last answer ("which loss,
    L1 or MSE? i put MSE" asks; "are you sure?" doubts)."""
    asks = "?" in text or _ASKS_UNMARKED_RE.search(text) is not None
    return asks and _CHALLENGE_RE.search(text) is None


_OPEN_QUESTION_RE = regex(
    r"(?:^|[^,;:\s][ \t]{1,3})which\b|^\W{0,3}(?:what|where|when|how[ \t]{1,3}(?:many|much))\b", re.I
)
"""A question that wants something named ("also for the pytorch version which loss, L1 or MSE?", "how
many layers?"), not a yes or no that may argue ("shouldn't the answer be no?"), nor one that argues in
a question word ("how would weight decay penalise them separately?", "who's right?"); "..., which"
opens a relative clause."""


def asks_open_question(text: str) -> bool:
    """Whether one of the turn's questions asks for something rather than for a yes or no, and none
    doubts the last answer: such a turn asks, whatever the reply concedes to it."""
    if _CHALLENGE_RE.search(text) is not None:
        return False
    return any(s.text.rstrip().endswith("?") and _OPEN_QUESTION_RE.search(s.text) for s in split_sentences(text))


TERSE_ASK_MAX_WORDS = 3
"""Most words of a turn that asks a sibling in its cue words alone ("loss fn", "which loss then"): too few
to argue with the last answer."""


def pushes_back(text: str, turn: UserTurn, last_answered: list[str]) -> bool:
    """A turn in cue words that argues with the last answer rather than asking a sibling: it cues
    the last answered part itself ("wait, but weight decay shrinks weights, so NOT orthonormal?"
    after q8b, a sibling's words too), or, without a question other than "are you sure?", only
    touches a sibling's topic ("I think the answer is no, weight decay just shrinks weights"), or
    doubts it ("is that right?") in one cue word of another question's part. A turn that names parts
    by label pushes back only when it says the last answer is another part's ("isn't that teacher
    forcing though? that's part (b)"); in a first turn, "... that's 8a(ii)" names the part asked."""
    if not turn.named or not last_answered:
        return False
    if turn.by_label:
        return _says_it_answers_another(text)
    if last_answered[-1] in turn.named:
        return True
    if asks_anew(text) or _CARRIES_ON_RE.match(text) or _TURNS_NEXT_RE.search(text):
        return False  # "same for eval", "and at test time": the next part, asked
    challenged = _CHALLENGE_RE.search(text) is not None or _DOUBT_RE.search(text) is not None
    if len(text.split()) <= TERSE_ASK_MAX_WORDS and not challenged:
        return False  # "loss fn" after the number of layers: a sibling asked in a few words, no claim
    current = question_of(last_answered[-1])
    if turn.firm_cues and not challenged:
        return False  # "ok. loss function: L1Loss, MSELoss, or CrossEntropyLoss": a sibling asked in its own cues
    if all(question_of(p) == current for p in turn.named):
        return True
    # "... U_k U_kᵀ = I since the U's are orthonormal ... is that right?" after 3b(ii): doubting the
    # last answer in one word of another question's part (8b's "orthonormal") asks nothing new.
    return _CHALLENGE_RE.search(text) is not None and not turn.firm_cues


def _says_it_answers_another(text: str) -> bool:
    """The turn doubts the last answer, and names parts only as what that answer really answers: "that's
    part (b)", or inside the doubting question ("wait isnt that the training one, part b?")."""
    doubts = [m.span() for m in _DOUBT_RE.finditer(text)]
    if not doubts and _CHALLENGE_RE.search(text) is None:
        return False
    labels = mentions(text)
    return bool(labels) and all(
        _IDENTIFIES_BEFORE.search(text, max(0, label.start - IDENTIFIES_LOOKBACK), label.start)
        or any(start <= label.start and label.end <= end for start, end in doubts)
        for label in labels
    )
