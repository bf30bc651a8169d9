"""Whether a reply's text for a part holds no answer at all: the model defers it ("I'll go through
it in my next message", "once you confirm, I'll write the proof"), declines it ("I'd rather not
write this one for you") or says its earlier answer stands ("(b) and (c) stay the same"), or the
reply stops mid-sentence. Asked only of text
in which no check found anything, so that such a part is reported missing (or keeps its earlier
answer) rather than answered wrongly."""

from __future__ import annotations

import re

from ..regexes import regex
from .concession import concedes
from .labels import line_label, mentions
from .normalize import HORIZONTAL_RULE_RE
from .phrases import PhraseSet

_PUTTING_OFF = (
    "next message",
    "my next reply",
    "in a follow-up",
    "follow-up message",
    "I'll come back to",
    "I will come back to",
    "get back to this",
    "I'll go through it",
    "I will go through it",
    # "(ii) I'll do this once (i) is settled": the part waits on another
    *(
        f"{who} {verb} {what} once"
        for who in ("I'll", "I will")
        for verb in ("do", "answer", "write")
        for what in ("this", "that", "it")
    ),
)
_WAITING = (
    "once you confirm",
    "can you confirm",
    "could you confirm",
    *(
        f"{who} ... more {what}"
        for who in ("I need", "I'll need", "I'd need", "I will need", "I would need")
        for what in ("information", "context", "detail*")
    ),
    *(f"{who} to {verb}" for who in ("I need", "I'll need", "I'd need", "I would need") for verb in ("know", "see")),
    "can you clarify",
    "could you clarify",
    *(f"if you{can} {verb}" for can in ("", " can", " could") for verb in ("paste", "share")),
    "please paste",
    "please share",
    "could you paste",
    "can you paste",
    "could you share",
    "can you share",
    "before I answer",
    "before I write",
    "before I draft",
    "before giving you",
    "if you tell me",
    "could you tell me",
    "can you tell me",
    "tell me which",
    "tell me and I'll",
    "let me know which",
    "let me know and I'll",
    "send them over",
    "send it over",
    "send me your",
    "send ... and I'll",
    "send ... and I will",
    "let me know and I will",
    "when you're ready",  # "Paste the first part when you're ready."
    "when you are ready",
    # "Once you've sent your notes on the blog series, I'll help you turn them into a paragraph."
    *(
        f"{when} you{have} {verb}"
        for when in ("once", "when", "after")
        for have in ("", "'ve", " have")
        for verb in ("send", "sent", "share", "shared", "paste", "pasted")
    ),
)
"""The model waits for the user before it answers ("Once you confirm, I'll write out the proof", "I'd
need a bit more context", "for (b) I need to know what the figure shows"; not "let me know if you need
more detail", the user's need)."""
_DECLINING = (
    # a refusal in the first person, whatever it withholds: "I won't fill in the answer choices for you"
    *(
        f"{who} {verb}"
        for who in ("I won't", "I will not", "I'm not going to", "I am not going to")
        for verb in ("fill in", "give you", "provide", "solve", "answer", "do", "complete", "just give")
    ),
    "rather not write",
    "rather not answer",
    "I'd rather not",
    "I would rather not",
    "I won't write",
    "I can't write",
    "I cannot write",
    "should write it for you",
    "shouldn't write",
    "should not write",
    "not going to write",
    "won't guess",
    "will not guess",
    "don't want to guess",
    "don't want to quote",
    "appropriate for me to",
    "right for me to",  # "I don't think it's right for me to write them for you"
    "hand over finished",
    "hand over the answer*",
    "just hand over",
    "don't think I should",
    "do not think I should",
    "not for me to",
    "leave this one to you",
    "leave that one to you",
    "leave it to you",
    "leave this to you",
    "leave that to you",
    "leave it for you",
    "leave this for you",
    "leave that for you",
    "leave this one for you",
    "work it out yourself",
    "working it out yourself",
    "work this out yourself",
    "work it out on your own",
    "try it yourself",
    "try this one yourself",
    # "I'll leave (c) to you as an exercise", "left as an exercise"; not "it shows up as an exercise in D2L"
    "leave ... as an exercise",
    "leaving ... as an exercise",
    "left as an exercise",
    "as an exercise for you",
    "as an exercise to you",
    "rather than hand you",
    "rather than give you",
    "rather than just give you",
    "instead of handing you",
    "instead of giving you",
    "give you some pointers",
    "give you a few pointers",
    "give you some hints",
    "give you a few hints",
    # hints offered in place of the answer ("here are some hints rather than the full answer", "(a) — a
    # hint rather than an answer", "### (b) A guided hint")
    "hints rather than",
    "hints instead of",
    # (one hint is "a" hint: "using the hint instead of thinking entry-wise" follows the homework's)
    "a hint rather than",
    "a hint instead of",
    "guided hint",
    "just a hint",
    "rather than write",
    "hold back on",
    "questions to guide you",
    "write it up yourself",
    "work through it yourself",
    "pointers rather than",
    "pointers instead of",
    "reason through yourself",
    "reason it through yourself",
    "figure it out yourself",
    "figure this out yourself",
    "put words in your mouth",
    # the part handed back to be written by the student, however the model puts the advice ("I'd
    # recommend / suggest / encourage you to write it yourself")
    "writing it in your own words",
    "write it in your own words",
    "writing it yourself",
    "write it yourself",
    "write this one yourself",
    "write that one yourself",
)
"""The model declines, or hands the part back to the student to do ("I'd suggest working it out
yourself from the explanation above", "rather than hand you a finished argument, let me give you some
pointers")."""
_PERSONAL = (
    "asks what you",
    "asks which",
    "asks for your",
    "asks about your",
    "you personally",
    "is personal",
    "a personal reflection",
    "your own reading",
    "your own reflection",
    "your own experience",
)
"""Why a model declines a reflection part: it asks for the student's own view."""
_NO_ACCESS = (
    "can't browse",
    "cannot browse",
    "unable to browse",
    "ability to browse",
    "not able to browse",
    *(
        f"{verb} ... {source}"
        for verb in (
            "can't open",
            "cannot open",
            "can't access",
            "cannot access",
            "don't have access",
            "do not have access",
        )
        for source in (
            "blog*",
            "post*",
            "article*",
            "series",
            "link*",
            "URL*",
            "page*",
            "website*",
            "site*",
            "internet",
            "web",
        )
    ),
)
"""The model cannot read the source: no answer, unless it answers from memory after saying so ("I
can't browse right now, so please verify: ... 341 s ... 26 s"). Only a source to read: "at test time
we don't have access to the ground truth" is an answer to 7(c)."""
_FAILED_REPLY = (
    "something went wrong while generating",
    "there was an error generating",
    "error generating a response",
    "error in message stream",
    "the server is busy",
    "network error",
)
"""The chat interface's own error in place of the reply ("Something went wrong while generating the
response. If this issue persists ...", "The server is busy. Please try again later."), copied with the chat."""
_STANDING = (
    "stay the same",
    "stays the same",
    "remain the same",
    "remains the same",
    "unchanged",
    "still stands",
    "still stand",
    "answer stands",
    "answers stand",
    "answer* above stand*",
    "I stand by",
    "same as before",
    "stay* as before",
    "stay* as written",
    "stay* as above",
    "stay* as is",
    "remain* as before",
    "remain* as written",
    "remain* as above",
    "remain* as is",
    "stay* as they are",
    "stay* as it is",
    "stay* as it was",
    "stay* as they were",
    "remain* as it was",
    "remain* as they were",
    "remain* as they are",
    "remain* as it is",
    "stay* as I wrote it",
    "stay* as I had it",
    "remain* as I wrote it",
    "remain* as I had it",
    "doesn't change",
    "does not change",
    "don't need to change",
    "do not need to change",
    "doesn't need to change",
    "does not need to change",
    "no need to change",
    "doesn't need changes",
    "does not need changes",
    "needs no changes",
    "need no changes",
    "need no change*",
    "is unaffected",
    "are unaffected",
    "not affected by this",
    "not affected by the",
    "stand* as written",
    "stand* as is",
    "stand* as before",
    "stand* as above",
    "still holds",
    "still hold",
    # "For training (7b) nothing changes: teacher forcing still feeds the reference tokens"
    "nothing changes",
    "nothing changed",
    "nothing has changed",
    "still correct",
    # "Part (b) is fine as it is, since everything in it comes from the series."
    "fine as it is",
    "fine as is",
    "fine as written",
    # "Your (a) and (b) from before are fine as they are."
    "fine as they are",
)
"""The earlier answer is kept: no new attempt, when no check finds an answer in the text."""
_SENTENCE_END_RE = regex(r"[.?!;\n]")
DECLINE_OPENING_CHARS = 240
"""A refusal is the first sentence ("I don't think I should write it for you ..."), or the second
after one that says the part is the student's own, within this many characters; the offer that
follows may name the topics ("tell me what surprised you about data loading") without answering."""
HEADING_MAX_WORDS = 8
CUT_OFF_MIN_WORDS = 8
"""A last line this long that ends on a bare word was cut off; a short one may be a list entry ..."""
_DANGLING = frozenset(
    {"the", "a", "an", "of", "to", "and", "or", "but", "with", "for", "from", "by", "at", "in", "on", "into"}
    | {"is", "are", "was", "were", "be", "that", "which", "its", "their", "this", "these", "because", "so"}
)
"""... unless it ends on a word no sentence or entry ends on, an article, preposition, conjunction or
linking verb: "With teacher forcing, the"."""
CELL_GAP = "   "
"""Spaces that align a plain-text table's columns: prose never puts three in a row."""
_ENDS_A_BLOCK = "#|-*+>"
_STOP_THEN_SPACE_RE = regex(r"[.!?](?:\s|$)")
"""A sentence's end inside a text: a stop before a space or the text's end."""


def puts_off(text: str) -> bool:
    """Whether the text defers the part, waits for the user, declines it, cannot read its source, or
    is the interface's error message instead of a reply."""
    return put_off_at(text) is not None


def put_off_at(text: str) -> int | None:
    """Where the text first puts the part off (see `puts_off`), or None."""
    phrases = PhraseSet.build({"putting off": _PUTTING_OFF + _WAITING + _DECLINING + _NO_ACCESS + _FAILED_REPLY})
    return min((hit.start for hit in phrases.find(text)), default=None)


_ONWARD = ("next", "after that", "the rest", "the other part*", "the remaining", "move on")
"""Words by which a closing question is about what follows ("Want me to go through evaluation-time
decoding next?"), not about the part just answered ("Want me to go through it now?")."""


def before_closing_question(text: str) -> str:
    """The text without the question it ends on when that question is about what comes next ("...
    w5 = dog. Want me to go through evaluation next, or do you want to try it yourself first?"): the
    offer is about the next part, not the answer before it."""
    body = text.rstrip()
    if not body.endswith("?"):
        return text
    start = max(body.rfind(c, 0, len(body) - 1) for c in ".!\n") + 1
    if not PhraseSet.build({"onward": _ONWARD}).keys_in(body[start:]):
        return text
    return body[:start]


def keeps_answer(text: str) -> bool:
    """Whether a later reply says the answer it gave before stands ("(b) and (c) stay the same")."""
    return bool(PhraseSet.build({"standing": _STANDING}).keys_in(text))


def standing_spans(text: str) -> list[tuple[int, int]]:
    """The sentences or `;` clauses (start, end) that say an earlier answer stands ("so that part
    is unaffected"): a part they name is not what the reply is about ("Here is (ii) redone; (i) is
    unaffected" is about (ii))."""
    spans: list[tuple[int, int]] = []
    for hit in PhraseSet.build({"standing": _STANDING}).find(text):
        done = spans[-1][1] if spans else 0
        if hit.start < done:
            continue  # in the sentence already found
        # Each scan stays between the last sentence found and the next end: linear in all.
        # (a full stop before a word ends no sentence: "(ii) nn.MSELoss (unchanged)")
        start = max(text.rfind(c, done, hit.start) for c in ("?", "!", ";", "\n", ". ", ".\t")) + 1
        end = _SENTENCE_END_RE.search(text, hit.end)
        spans.append((max(start, done), end.start() if end else len(text)))
    return spans


def only_stands(text: str) -> bool:
    """Whether the whole text is a sentence saying an earlier answer stands ("(b) and (c) stay as
    above: training <sos> I see a dog, evaluation <sos> I saw a dog"), or one whose first clause says
    so and the rest why ("Part (b) doesn't need changes; everything it mentions ... is from the
    series"): what it restates is the earlier answer, not a new one."""
    body = text.strip().rstrip(".!")
    return bool(body) and any(
        start <= 0 and (end >= len(body) or body[end] == ";") for start, end in standing_spans(body)
    )


def declines(text: str) -> bool:
    """Whether the text opens by refusing to answer the part, or by asking the user something first
    ("Before I write out part (ii), could you confirm ..."), whatever it offers after."""
    body = text.lstrip()
    heading, _, rest = body.partition("\n")
    if line_label(heading) is not None and len(heading.split()) <= HEADING_MAX_WORDS:
        if PhraseSet.build({"declining": _DECLINING}).keys_in(heading):
            return True  # "**(a) — a hint rather than an answer**"
        body = rest.lstrip()  # the part's own heading: "### (b) What you've learnt"
    opening = body[:DECLINE_OPENING_CHARS]
    line = opening.partition("\n")[0]
    first_end = line.find(". ")
    first = line if first_end < 0 else line[:first_end]
    if PhraseSet.build({"declining": _DECLINING + _WAITING}).keys_in(first):
        return True
    if first_end < 0 or not PhraseSet.build({"why not": _PERSONAL}).keys_in(first):
        return False
    # ...or the second, after a first that says the part is the student's own to write: "For (c),
    # the question asks what *you* found most interesting. I'd rather not write that one for you".
    second_end = line.find(". ", first_end + 2)
    second = line[first_end + 2 : second_end if second_end >= 0 else len(line)]
    return bool(PhraseSet.build({"declining": _DECLINING}).keys_in(second))


_HINTS_ASKED = (
    *(
        f"{a} {hint}"
        for a in ("give me a", "a", "just a", "some", "a few", "any", "a small")
        for hint in ("hint", "hints", "nudge")
    ),
    "give me hints",
    "just hints",
    "only hints",
    "hint only",
    "hints only",
    "hint pls",
    "hint please",
    "hints pls",
    "hints please",
    "hint first",
    "hints first",
    "nudge me",
    "point me in the right direction",
    "some pointers",
    "a few pointers",
    "pointers only",
    "without answering",
    "without giving",
    "without solving",
    "not the full answer",
    "not the whole answer",
    "not the whole solution",
    "not the full solution",
    "one step at a time",
    "don't solve",
    "do not solve",
    "don't give me the answer",
    "try it myself",
    "do it myself",
    "solve it myself",
    "derive it myself",
    "do the derivation myself",
    "try it first",
    "reason it out myself",
    "work it out myself",
    "draft my own",
    # tutoring asked for: "help me with Q7 but without just handing me the answers"
    "without just handing",
    "without handing",
    "without just telling",
    "without telling",
    "instead of just telling",
    "instead of telling me",
    "don't just give",
    "do not just give",
    "don't tell me the answer",
    "guide me",
    "help me figure",
    "let me figure",
)
"""A user's turn that asks for help short of the answer ("can you give me a hint only?", "point me in the
right direction without answering it", "Don't solve it yet"); not one that names the homework's own hint
("following the SVD hint")."""
_HINTS_GIVEN = (
    "here's a hint",
    "here is a hint",
    "here are some hints",
    "here are a few hints",
    "some hints",
    "a few hints",
    "hints for each",
    "here's a nudge",
    "here is a nudge",
    "a nudge first",
    "a nudge instead",
    "a nudge without",
    "to nudge",
    "guiding question*",
    "some pointers",
    "a few pointers",
    "roadmap",
    "without giving it away",
    "not answers",
    "rather than the answer",
)
"""A reply's opening that calls what follows help short of the answer ("Sure! Here's a nudge without giving
it away:", "Happy to nudge.", "Some hints:", "Here are three guiding questions"), or opens on "Hint:"."""
HINTS_OPENING_CHARS = 160


_HIDDEN = ("<details", "spoiler")


def hides_answer(text: str) -> bool:
    """Whether the text hides an answer for the user to reveal ("<details><summary>Full derivation",
    "the answer behind a spoiler"): hints shown above it do not take its place."""
    low = text.lower()
    return any(mark in low for mark in _HIDDEN)


def asks_for_hints(turn: str) -> bool:
    """Whether a user's turn asks for hints instead of the answer."""
    return bool(PhraseSet.build({"asked": _HINTS_ASKED}).keys_in(turn))


def hints_scope(reply: str) -> str | None:
    """When a reply's opening says that what follows is hints, not the answer, the words that say what
    the hints are for, whose labels name the parts they cover ("Let's check part (a) first, and then
    I'll give you some guiding questions for (b)": "guiding questions for (b)"; "" when the opening is
    "Hint:"); None when it says no such thing. The rest of the sentence after the announcement, or,
    when that names no label, the whole sentence ("For (b), here's a hint")."""
    opening = reply.lstrip()[:HINTS_OPENING_CHARS].partition("\n\n")[0]
    if opening.lstrip("*_#> ").lower().startswith(("hint:", "hints:")):
        return ""
    hits = PhraseSet.build({"given": _HINTS_GIVEN}).find(opening)
    if not hits:
        return None
    at = hits[0].start
    end = _SENTENCE_END_RE.search(opening, at)
    stop = end.start() if end is not None else len(opening)
    after = opening[at:stop]
    if mentions(after):
        return after
    return opening[max(opening.rfind(c, 0, at) for c in ".!?\n") + 1 : stop]


def cut_off(text: str) -> bool:
    """Whether the text stops mid-sentence: its last line is running prose that ends on a word (not
    a table row, whose cells a web copy separates by tabs, "(a)<tab>Leaks encoder information", plain
    text aligns by spaces, "(a)    more parameters per step", and a pasted table by bars, "(a) | Feeding
    h_t at each step leaks source information")."""
    last = text.rstrip().rpartition("\n")[2].strip()
    words = last.split()
    return (
        (len(words) >= CUT_OFF_MIN_WORDS or (len(words) > 1 and words[-1] in _DANGLING))
        and "\t" not in last
        and CELL_GAP not in last
        and " | " not in last
        and last[0] not in _ENDS_A_BLOCK
        and not last[0].isdigit()
        and last[-1].isalpha()
        and last[-1].islower()
    )


_OFFERING = (
    "want me to go through",
    "want me to walk through",
    "want me to work through",
    "like me to go through",
    "like me to walk through",
    "like me to work through",
    "shall I go through",
    "shall I walk through",
    "want to pick one",
    "want me to write out",
    "like me to write out",
    "want me to write it out",
    "like me to write it out",
)
"""The model offers the part instead of answering it ("This one takes a bit more explanation. Want me
to go through it in detail?"): no answer only where no check finds one, since a real answer often
ends on such an offer."""


def words_under_heading(text: str) -> int:
    """The text's words, less its first line when that is the part's label and a short title
    ("**Question 3(b)(ii): PCA satisfies the optimality conditions**"): a title is no answer's length."""
    body = text.strip()
    heading, newline, rest = body.partition("\n")
    label = line_label(heading) if newline else None
    if label is not None and len(heading[label.end :].split()) <= HEADING_MAX_WORDS:
        body = rest
    return len(body.split())


def heading_only(text: str) -> bool:
    """Whether the text is one line: the part's label and a few words of title with nothing under
    them, ending on a bare word ("**7c.** During evaluation" as a reply's last line, cut off)."""
    line = text.strip()
    if "\n" in line or not line:
        return False
    label = line_label(line)
    if label is None:
        return False
    title = line[label.end :].strip(_LABEL_DECORATION)
    # "**Q8(a)(iii)**" as a reply's last line: the label alone
    return not title or (line[-1].isalpha() and len(title.split()) <= HEADING_MAX_WORDS)


_LABEL_DECORATION = " \t*_#:.)]—–-"
"""What dresses a label on its line ("**(b)**", "### 7(c):"): no title."""


_OFFERING_TO_GO_ON = (
    "want me to continue",
    "like me to continue",
    "shall I continue",
    "want me to go on",
    "like me to go on",
    "shall I go on",
)
"""An offer to go on: after an answer, often to the next part ("Would you like me to continue with
parts (b) and (c)?"), so it is an offer of this part only as the whole of its text."""


def only_offers(text: str) -> bool:
    """Whether the text is one question that offers to answer ("For **(ii)**, want me to continue with
    the verification that the principal components satisfy these?"): whatever words of the part it
    names, it answers nothing."""
    body = text.strip()
    if not body.endswith("?") or _STOP_THEN_SPACE_RE.search(body, 0, len(body) - 1):
        return False
    return bool(PhraseSet.build({"offering": (*_OFFERING, *_OFFERING_TO_GO_ON)}).keys_in(body))


def ends_on_offer(text: str, go_on: bool = False) -> bool:
    """Whether the text's last sentence offers to answer ("... Let me know if you'd like me to go
    through it in detail!", "Do you want me to write out the full verification?"); with `go_on`, for
    text under the part's own label, also to go on ("Part (ii) builds directly on these. ... do you
    want me to continue with it now?")."""
    return _offers(_last_sentence(text), (*_OFFERING, *_OFFERING_TO_GO_ON) if go_on else _OFFERING)


def offer_to_come(text: str) -> str:
    """The text's last sentence if it offers to answer something next or later ("Let me know if you'd
    like me to go through part (ii) next!"), else "": a part it names is still to come."""
    last = _last_sentence(text)
    offers = _offers(last, (*_OFFERING, *_OFFERING_TO_GO_ON))
    return last if offers and _TO_COME_RE.search(last) is not None else ""


def _offers(sentence: str, phrases: tuple[str, ...]) -> bool:
    """Whether the sentence offers to answer, in one of `phrases` or as what the model could do, left
    to the user's wish ("For part (ii), I can walk through the verification ... if you'd like — just
    let me know!")."""
    if PhraseSet.build({"offering": phrases}).keys_in(sentence):
        return True
    return _COULD_RE.search(sentence) is not None and _IF_WISHED_RE.search(sentence) is not None


_TO_COME_RE = regex(r"\b(?:next|later|afterwards|go[ \t]{1,3}on|move[ \t]{1,3}on)\b", re.I)


def _last_sentence(text: str) -> str:
    body = text.rstrip()
    starts = [m.end() for m in _STOP_THEN_SPACE_RE.finditer(body, 0, max(len(body) - 1, 0))]
    return body[starts[-1] :] if starts else body


_COULD_RE = regex(
    r"\b(?:I[ \t]{1,3}(?:can|could)|I'd[ \t]{1,3}be[ \t]{1,3}(?:happy|glad)[ \t]{1,3}to|happy[ \t]{1,3}to)\b", re.I
)
_IF_WISHED_RE = regex(
    r"\bif[ \t]{1,3}you(?:'d|[ \t]{1,3}would)?[ \t]{1,3}(?:like|want|prefer)\b"
    r"|\blet[ \t]{1,3}me[ \t]{1,3}know\b|\bjust[ \t]{1,3}ask\b",
    re.I,
)
"""Together, an offer left to the user: "I can ... if you'd like", "happy to ... — let me know"."""


def holds_no_answer(text: str) -> bool:
    """Whether text in which no check finds anything puts the part off, stops mid-sentence (or after
    its heading), only introduces what follows, only offers to answer, or only concedes ("You're right,
    my mistake 🙏" before the reply turns to another part)."""
    return (
        puts_off(text)
        or cut_off(text)
        or heading_only(text)
        or introduces_only(text)
        or bool(PhraseSet.build({"offering": _OFFERING}).keys_in(text))
        or (len(text.split()) <= CONCESSION_ONLY_MAX_WORDS and concedes(text))
        or only_guides(text)
        or bool(PhraseSet.build({"handed back": _HANDED_BACK}).keys_in(text))
    )


_HANDED_BACK = (
    "your own words",
    "your own voice",
    "yours to write",
    "left it for you",
    "send me a draft",
    "feedback on a draft",
    "feedback on your draft",
    "if you draft it",
)
"""A text in which no check finds anything that hands the part back to the student ("this one is a
personal reflection, so it's best written in your own words; send me a draft if you'd like feedback");
"leave it for you" is one of `_DECLINING`, which `puts_off` already reads."""


GUIDE_MAX_WORDS = 80
"""Longest text read as a guiding hint: a few questions and pointers, not an explanation."""
_GUIDE_OPENERS = frozenset(
    {"think", "remember", "recall", "consider", "ask", "look", "notice", "try", "compare", "imagine", "hint", "what"}
    | {"how", "why", "where", "which", "when", "is", "are", "do", "does", "can", "could", "would"}
)
"""Words a sentence of a guiding hint opens on: an order to think ("Remember what teacher forcing means") or
a question ("How much of the sentence has the encoder read?")."""
_SENTENCE_RE = regex(r"[^.?!\n]+[.?!]*")


def only_guides(text: str) -> bool:
    """Whether a short text opens on a question to the user or an order to think, and at least half of
    its sentences, one question among them, do (prose: no table, no heading after the first line): a
    Socratic hint ("**(b)** Remember what *teacher forcing*
    means. During training, is the decoder fed its own guesses, or something else?"), not an answer;
    "(a) More parameters. Why? Because ..." opens on its answer."""
    if len(text.split()) > GUIDE_MAX_WORDS or "|" in text or "\n#" in text:
        return False  # (a table or a heading under a restated question holds an answer: prose only)
    body = text.strip()
    label = line_label(body)
    if label is not None:
        body = body[label.end :]
    title, newline, rest = body.partition("\n")
    if newline and len(title.split()) <= HEADING_MAX_WORDS and not title.rstrip(" *_").endswith("?"):
        body = rest  # "**(i) Linear layers**": the part's title, then the hint
    sentences = [m.group().strip(" \t*_-:—–>") for m in _SENTENCE_RE.finditer(body)]
    sentences = [x for x in sentences if any(c.isalpha() for c in x)]
    if not sentences:
        return False
    guiding = [x.endswith("?") or x.split()[0].strip("*_`").casefold() in _GUIDE_OPENERS for x in sentences]
    return guiding[0] and any(x.endswith("?") for x in sentences) and 2 * sum(guiding) >= len(sentences)


CONCESSION_ONLY_MAX_WORDS = 12
"""A text this short that concedes holds nothing else."""


INTRODUCTION_MAX_WORDS = 30


def introduces_only(text: str) -> bool:
    """Whether the text is short and only introduces what follows: a line that ends on a colon, and
    headings, lines in bold and rules ("Here's your consolidated sheet:", "---", "## HW7 — Final Answer
    Sheet"), with no sentence of an answer."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not any(line.endswith(":") for line in lines) or len(text.split()) > INTRODUCTION_MAX_WORDS:
        return False  # (a heading alone is `heading_only`'s: a cut-off answer, or one placed elsewhere)
    return all(
        line.endswith(":")
        or line.startswith("#")
        or (line.startswith(("**", "__")) and line.endswith(("**", "__", "**:", "__:")))
        or HORIZONTAL_RULE_RE.fullmatch(line) is not None
        for line in lines
    )


NOTE_MAX_WORDS = 40
"""A last paragraph this short that remarks on the answer is a note about it, not part of it."""
_NOTE_RE = regex(
    r"\b\d{2,3}[ \t]{0,2}words\b|\bword[ \t]count\b"
    r"|^[ \t]{0,3}(?:\(|(?:let[ \t]me[ \t]know|if[ \t]you|if[ \t]your|feel[ \t]free|happy[ \t]to|want[ \t]me[ \t]to"
    r"|would[ \t]you[ \t]like|i[ \t]can)\b)",
    re.I,
)
"""A note on the answer: its length ("That's about 115 words"), an aside in brackets, an offer ("If your
course caps it at 100 words, ...", "Let me know if ...")."""


def remarks_on_answer(paragraph: str) -> bool:
    """Whether a short paragraph after an answer remarks on it (`_NOTE_RE`) rather than answering."""
    note = paragraph.strip()
    return len(note.split()) <= NOTE_MAX_WORDS and _NOTE_RE.search(note) is not None
