"""Find which rubric parts a conversation asks, and where each answer to them starts and ends.

Pure: a `Conversation` and the rubric's part ids in, `PartAnswers` out. The user's turns are
read into the parts they ask (labels such as `Q7(b)`, `Problem 8, part (a)(iii)`, a whole
question, or, with no label, the parts whose cues the turn holds); a turn that names nothing is a
follow-up on the parts just discussed. Each assistant turn is cut at the part labels it starts
lines with (headings, bold leads, list markers, table cells), and text before any label belongs to
the part its turn asked. Only asked parts are returned: a part the answer volunteers, or one of
another homework, is not. Every assistant turn that answers a part is one attempt at it; an
attempt in reply to a follow-up is `explicit=False`, and grading keeps it only if it answers the
part; so is a later reply that only the user's message labels (see `score.py`). This module walks
the conversation; reading a user turn is `asks`, cutting a reply is `replies`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Mapping, Sequence

from ..conversation import Conversation, Turn
from ..regexes import regex
from ..text.concession import concedes
from ..text.continuation import asks_to_continue, opens_by_revising, without_preface
from ..text.endorsement import confirms_only
from ..text.label_chars import plain_label_chars
from ..text.labels import LAST, Label, after_line_label, mentions
from ..text.latex_lists import with_item_labels
from ..text.menus import menu_items
from ..text.non_answer import puts_off, standing_spans
from ..text.normalize import markdown_from_html
from ..text.quiz import asks_for_quiz, only_asks
from ..text.sub_part_words import sub_parts_as_labels
from ..text.thinking import without_thinking
from .asks import (
    BESIDE_THE_HOMEWORK_RE,
    DEFINING_RE,
    FIRM_CUES,
    LIST_BETWEEN,
    PLACE_ONE_RE,
    SENTENCE_END_CHAR_RE,
    SIDE_QUESTION_RE,
    UserTurn,
    asks_beside,
    asks_open_question,
    brings_own_answers,
    headings_renumbered,
    names_other_homework_only,
    names_our_homework,
    own_scheme,
    parts_as_questions,
    pushes_back,
    questions_numbered,
    read_user_turn,
    the_other_part,
)
from .blanks import blank_parts
from .parts import FOREIGN, NUMBER_REF_RE, Context, PartIndex, context_of, numbered_part, one_question_cued, question_of
from .practice import exam_numbers, has_answer_key, numbers_answered
from .replies import (
    COLON_AFTER_RE,
    cue_headings,
    headed_sections,
    itemised_sections,
    listed_sections,
    numbered_sections,
    numbers_own_steps,
    parts_headed,
    relettered,
    section_numbers,
    split_answer,
)


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
    endorsed: bool = False
    """The text opens with the user's own answer, which the reply only confirmed ("(b) ✅ Correct"):
    it is not a copy of the question to be dropped."""


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


ASIDE_MAX_WORDS = 60
"""A reply to a turn that names no part, this short, that names only another part is an aside about it."""


COMPARED_LOOKBACK = 40
"""Characters before a label searched for the words that compare with it."""
_COMPARED_BEFORE = regex(
    r"\b(?:from|than|unlike|versus|vs\.?|between|(?:contrast(?:ed)?|compared?)[ \t]{1,3}(?:with|to))"
    r"[ \t]{1,3}(?:the[ \t]{1,3}answer[ \t]{1,3}(?:to|for|in)[ \t]{1,3})?(?:part[ \t]{1,3})?$",
    re.I,
)


def _running_labels(text: str) -> Iterator[tuple[Label, bool]]:
    """The labels a reply names in its running text, each with whether its sentence says an earlier
    answer stands ("the ones I used in (ii), so that part is unaffected")."""
    standing = standing_spans(text)
    starts = [s for s, _ in standing]
    for label in mentions(text):
        k = bisect_right(starts, label.start) - 1
        yield label, k >= 0 and label.start < standing[k][1]


def _parts_named_in(
    text: str, context: Context, index: PartIndex, asked: list[str], *, alone: bool = False
) -> list[str]:
    """The asked parts a reply names in its running text (not as labels at line starts), except in
    a sentence that says a part's answer stands ("the ones I used in (ii), so that part is
    unaffected" is about the part being corrected, not (ii)), or to compare with it ("the only
    difference from part (b) is w_3", "the difference between (b) and (c)"); with `alone`, only
    those named by a label no other label lists beside it ("(b) and (c)" names neither alone)."""
    found: list[str] = []
    compared_end = -1  # the end of the last label named to compare
    labels = list(_running_labels(text))
    for k, (label, stands) in enumerate(labels):
        if stands or (label.q is not None and index.is_foreign(label)):
            continue
        if alone and (
            (k > 0 and LIST_BETWEEN.fullmatch(text, labels[k - 1][0].end, label.start))
            or (k + 1 < len(labels) and LIST_BETWEEN.fullmatch(text, label.end, labels[k + 1][0].start))
        ):
            continue
        if _COMPARED_BEFORE.search(text, max(0, label.start - COMPARED_LOOKBACK), label.start) or (
            compared_end >= 0 and LIST_BETWEEN.fullmatch(text, compared_end, label.start)
        ):
            # "the only difference from part (b) is w_3", "between (b) and (c)": named to compare
            compared_end = label.end
            continue
        for pid in index.resolve(label, context):
            if pid in asked and pid not in found:
                found.append(pid)
    return found


def _opens_its_sentence(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each of `spans` (in order), whether it is the first of them in its sentence: a later one in the
    same sentence is compared with it ("your part 1 and part 2 give the same tokens"). Each stretch of text
    between two spans is searched once."""
    return [
        k == 0 or SENTENCE_END_CHAR_RE.search(text, spans[k - 1][1], start) is not None
        for k, (start, _) in enumerate(spans)
    ]


def _number_refs(text: str) -> list[re.Match[str]]:
    """The user's references to numbered items (`NUMBER_REF_RE`), the first of each sentence."""
    refs = list(NUMBER_REF_RE.finditer(text))
    return [ref for ref, first in zip(refs, _opens_its_sentence(text, [r.span() for r in refs])) if first]


def _own_numbers(text: str, sections: Mapping[str, str], context: Context, index: PartIndex) -> list[str]:
    """The parts a turn names by the last reply's own section numbers, when every label it holds is a bare
    question number that is none of ours ("in Q1 you didn't put <sos> ... which is right for Q1?") or a
    place among those sections ("the last one"): the first of each sentence, as a later one is compared
    with it ("... but in Q2 you start with it"); else []."""
    text = PLACE_ONE_RE.sub(r"\1\2part", text)  # "the last one": the last section
    labels = mentions(text, ordinals=True)
    if not labels or any(
        label.letter or label.roman or (label.q in index.questions if label.q is not None else label.ordinal is None)
        for label in labels
    ):
        return []
    spans = [(label.start, label.end) for label in labels]
    firsts = [label for label, first in zip(labels, _opens_its_sentence(text, spans)) if first]
    numbers = sorted({int(key.rsplit(".", 1)[1]) for key in sections if key.rsplit(".", 1)[1].isdigit()})
    parts = [numbered_part(sections, context, _section_at(label, numbers)) for label in firsts]
    return list(dict.fromkeys(p for p in parts if p is not None)) if None not in parts else []


def _section_at(label: Label, numbers: list[int]) -> str:
    """The section number a label names: its question number, or the section at its place."""
    if label.q is not None:
        return label.q
    place = label.ordinal or 0
    if place == LAST and numbers:
        return str(numbers[-1])
    return str(place) if place > 0 else ""


def _not_standing(parts: list[str], text: str, context: Context, index: PartIndex) -> list[str]:
    """The ones of `parts`, in order, that the reply does not say stand."""
    standing = _said_to_stand(text, context, index)
    return [p for p in parts if p not in standing]


def _said_to_stand(text: str, context: Context, index: PartIndex) -> set[str]:
    """The parts the reply names in a sentence that says their answer stands ("(ii) ... so that part
    is unaffected")."""
    return {pid for label, stands in _running_labels(text) if stands for pid in index.resolve(label, context)}


_FIRST_SENTENCE_RE = regex(r"[^.?!\n]{0,300}")


def _opens_on_label(text: str) -> bool:
    """Whether the turn's first sentence names a part by label ("hm, in (i) you have XᵀX, ...")."""
    first = _FIRST_SENTENCE_RE.match(text.lstrip())
    return first is not None and bool(mentions(first.group()))


_SLIP_OWNED_RE = regex(
    r"\b(?:my[ \t]{1,3}bad|sorry|oops|whoops|my[ \t]{1,3}mistake|i[ \t]{1,3}meant"
    r"|meant[ \t]{1,3}to[ \t]{1,3}(?:say|write)|typo|mis-?label(?:l?ed)?|wrong[ \t]{1,3}(?:label|part|letter))\b",
    re.I,
)
"""Words by which a user owns a slip of their own ("my bad", "sorry", "I meant")."""
_NOT_BETWEEN_RE = regex(r"[ \t,]{0,3}(?:and[ \t]{1,3})?not[ \t]{1,3}(?:the[ \t]{1,3})?")


def _relabelled(
    text: str,
    last_user: str,
    last_turn: UserTurn | None,
    last_answered: list[str],
    attempts: Mapping[str, list[AttemptText]],
    index: PartIndex,
) -> tuple[str, str, int] | None:
    """(part asked, part meant, where the correction ends) when a turn opens by owning that the part the last
    turn asked by label was mislabelled ("oh yeah my bad, that was 7b not 7c.", "its 4b, my bad") and
    the last turn's own words named the part meant ("... during training which 5 tokens ..."): the
    reply answered what was described. The part meant is the part asked when the last turn was read
    by its words already. A slip whose description named the part asked ("sorry, I meant 8b" after an
    answer to 8(a)'s question) moves nothing. Else None."""
    first = _FIRST_SENTENCE_RE.match(text)
    if first is None or last_turn is None or not last_turn.by_label or len(last_turn.named) != 1:
        return None
    sentence = first.group()
    if _SLIP_OWNED_RE.search(sentence) is None:
        return None
    slipped = last_turn.named[0]
    if last_answered != [slipped] or len(attempts.get(slipped, ())) != 1:
        return None  # the part was answered before the last reply, or the reply answered others too
    labels = mentions(sentence)
    if len(labels) > 1 and _NOT_BETWEEN_RE.fullmatch(sentence, labels[0].end, labels[1].start):
        labels = labels[:2]  # "it's 4c not 4b (4b is the 'what did you learn' one ...)"
    elif len(labels) != 1:
        return None
    said_to = labels[-1].end  # the rest of the sentence is read as the turn's (the sentence opens the turn)
    meant = index.resolve(labels[0], context_of(slipped))
    if meant == [slipped]:
        # "7c: ... during training ...", read as 7(b) by its words, then "my bad, that was 7b not 7c":
        # the sentence confirms the reading and asks nothing again
        return (slipped, slipped, said_to) if len(labels) == 2 else None
    if len(meant) != 1 or meant[0] in attempts:
        return None
    if len(labels) == 2 and index.resolve(labels[1], context_of(slipped)) != [slipped]:
        return None
    siblings = index.parts_of(question_of(meant[0])[1:])
    if index.by_cues(last_user, siblings) != meant and index.one_by_cue_words(last_user, siblings) != meant[0]:
        return None  # the last turn did not describe the part meant: its answer was to the part asked
    return slipped, meant[0], said_to


def _cued_among(parts: list[str], push_back: str, reply: str, index: PartIndex) -> list[str]:
    """The ones of `parts` a follow-up is about when it names none: the one whose cue words the push-back
    holds, else those the reply's do ("doesn't a single m×m layer lose that?" after an answer to
    (i) and (ii), replied to with "you need two linear layers"; "**Final result:** ... **Most
    interesting approach (rewritten):** ..." after a push-back on both)."""
    hits = index.by_cues(push_back, parts)
    named = parts_headed(reply, parts, index)
    if len(hits) == 1 and not (len(named) == 1 and hits[0] not in named):
        # (not "was progressive resizing actually in that blog? ... the fast.ai dawnbench imagenet entry"
        # answered under "## Most interesting approach (~100 words)": the reply's own heading names it)
        return hits
    # several only when the reply heads each in turn, not when one answer uses their shared words
    headed = set(cue_headings(reply, parts, index).values())
    if len(headed) > 1:
        return [p for p in parts if p in headed]
    if len(named) == 1:
        # "You're right, here's a fuller version.\n\n**2. What I learned**": the one part the reply's
        # own heading names
        return [p for p in parts if p in named]
    hits = index.by_cues(reply, parts)
    return hits if len(hits) == 1 else []


_SENTENCE_RE = regex(r"[^.?!\n]*(?:[.?!]+|\n|$)")


def _about(part_id: str, text: str, index: PartIndex) -> str:
    """The text without its sentences that name other parts by label and not this one: "If part (ii)
    asks you to verify these, let me know and I'll do it" closing an answer to (i) offers (ii)."""
    context = context_of(part_id)
    kept = []
    for m in _SENTENCE_RE.finditer(text):
        named = {p for label in mentions(m.group()) for p in index.resolve(label, context)}
        if not named or part_id in named:
            kept.append(m.group())
    return "".join(kept)


def _brought_answers(text: str, turn: UserTurn, index: PartIndex) -> dict[str, str]:
    """The user's own answer to each part the turn asks, when it brings them to be checked ("can you
    check my answers ... (b) training | <sos> | I | see | a | dog |"): the last text under each part's
    label in the turn."""
    if not turn.named or not brings_own_answers(text):
        return {}
    # "## 4  How to Train Your ResNet", then "(a) ...": the pasted sheet's questions by their numbers
    pieces, _ = split_answer(questions_numbered(text, index), Context(), index, [], turn.named, True)
    found = {part: piece for part, piece, _, labelled in pieces if labelled and part in turn.named}
    return found or _said_to_have(text, turn, index)


def _without_brought(text: str, brought: Mapping[str, str]) -> str:
    """The user's turn without the answers it brought to be checked (not a pasted question's menu under a
    part's label, "(ii) loss function:\n1) nn.L1Loss\n2) nn.MSELoss ...", which the reply may pick from)."""
    for own in brought.values():
        if len(_MENU_LINE_RE.findall(own)) < 2 and not own.rstrip().endswith("?"):
            text = text.replace(own, " ")
    return text


_MENU_LINE_RE = regex(r"^[ \t>]{0,4}(?:\d{1,2}|[A-Ea-e])[.)][ \t]", re.M)


_HAVE_AFTER_RE = regex(
    r"[ \t,:]{0,3}(?:i(?:['’]ve)?[ \t]{1,3}(?:have|got|wrote|put|derived)"
    r"|my[ \t]{1,3}(?:answer|attempt)[ \t]{1,3}is)\b",
    re.I,
)


_HAVE_BEFORE_RE = regex(
    r"\bi(?:['’]ve)?[ \t]{1,3}(?:already[ \t]{1,3})?(?:have|got|wrote|did|done)[ \t]{1,3}(?:part[ \t]{1,3})?$", re.I
)
HAVE_LOOKBACK = 32
"""Characters before a label read for "I already have" (a fixed window)."""


def _said_to_have(text: str, turn: UserTurn, index: PartIndex) -> dict[str, str]:
    """The user's own answers said in running text, each after its part's label and "I have" ("For HW7
    3(b)(i) I have ∂L/∂W_1 = ... Can you sanity check (i)? For (ii) I'm stuck"), or after "I have" and
    the label and a colon ("I already have (i): the gradients are ..."): up to the next label of
    another part."""
    labels = [(m, ids) for m in mentions(text) if len(ids := index.resolve(m, turn.context)) == 1]
    found: dict[str, str] = {}
    for k, (m, ids) in enumerate(labels):
        if ids[0] not in turn.named or ids[0] in found:
            continue
        if _HAVE_AFTER_RE.match(text, m.end) is None and not (
            COLON_AFTER_RE.match(text, m.end) is not None
            and _HAVE_BEFORE_RE.search(text, max(0, m.start - HAVE_LOOKBACK), m.start) is not None
        ):
            continue
        end = next((n.start for n, other in labels[k + 1 :] if other != ids), len(text))
        if own := text[m.end : end].strip():
            found[ids[0]] = own
    return found


SIBLING_ASK_MAX_WORDS = 12
"""Longest cue-less follow-up question read as asking the sibling its reply answers ("and the starting point?")."""


def _sibling_asked_anew(
    reply: str,
    asking: str,
    last_answered: list[str],
    attempts: Mapping[str, object],
    set_aside: set[str],
    index: PartIndex,
) -> str | None:
    """The one unanswered part of the last answered part's question that a reply to a short question
    naming no part answers in `FIRM_CUES` of its cue words, using none of the last part's."""
    if len(last_answered) != 1 or "?" not in asking or len(asking.split()) > SIBLING_ASK_MAX_WORDS:
        return None
    counts = index.cue_counts(reply)
    if counts[last_answered[0]]:
        return None
    siblings = index.parts_of(question_of(last_answered[0])[1:])
    found = [p for p in siblings if p not in attempts and p not in set_aside and counts[p] >= FIRM_CUES]
    return found[0] if len(found) == 1 else None


def _side_question_first(text: str, index: PartIndex) -> bool:
    """Whether the turn says it asks beside the homework before it names any part ("not for the hw,
    but how would beam search change (c)?"; not "for (c), just curious: ..."), or calls itself
    unrelated before a part of no question ("unrelated: EE120 hw, part (b) asks ...") while it names
    none of ours ("unrelated, the 4-point part of the translation question" is ours)."""
    # bold marks blanked as `read_user_turn` blanks them (offsets unchanged): one scan of the turn
    labels = mentions(text.replace("**", "  ").replace("__", "  "))
    side = BESIDE_THE_HOMEWORK_RE.search(text)
    if side is not None:
        return not labels or side.start() < labels[0].start
    side = SIDE_QUESTION_RE.search(text)
    return (
        side is not None
        and bool(labels)
        and side.start() < labels[0].start
        and labels[0].q is None
        and index.question_named(text) is None
        and not names_our_homework(text)
    )


def _continued(turns: Sequence[Turn]) -> list[tuple[int, Turn]]:
    """The turns, each with its place; a reply the user asked to go on with ("you got cut off,
    continue") joined to its rest: one reply, at the first's place; and user messages sent one after
    another before a reply ("(a)(i) how many layers?", "(ii) what loss?") joined: one request, at the
    last's place."""
    out: list[tuple[int, Turn]] = []
    rests: dict[int, list[str]] = {}  # index in `out` -> the rests of a reply continued, joined at the end
    k = 0
    while k < len(turns):
        turn = turns[k]
        if turn.role == "user" and k + 1 < len(turns) and turns[k + 1].role == "user":
            run = k + 1  # the run of user messages, joined once (each copied once, however long the run)
            while run < len(turns) and turns[run].role == "user":
                run += 1
            text = "\n\n".join(t.text.strip() for t in turns[k:run])
            out.append((run - 1, replace(turns[run - 1], text=text)))
            k = run
            continue
        if (
            turn.role == "user"
            and out
            and out[-1][1].role == "assistant"
            and k + 1 < len(turns)
            and turns[k + 1].role == "assistant"
            and asks_to_continue(turn.text)
            and not opens_by_revising(turns[k + 1].text)
        ):
            rests.setdefault(len(out) - 1, []).append(without_preface(turns[k + 1].text))
            k += 2
            continue
        out.append((k, turn))
        k += 1
    for i, rest in rests.items():
        place, first = out[i]
        text = "\n".join([first.text.rstrip(), *(piece.rstrip() for piece in rest[:-1]), rest[-1]])
        out[i] = (place, replace(first, text=text))
    return out


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
    index = PartIndex.build(part_ids, cues, question_cues)
    attempts: dict[str, list[AttemptText]] = {}
    questions: dict[str, str] = {}
    asked_ids: list[str] = [a for a in asked if a in index.ids]
    context = Context()
    last_user = ""
    last_answered: list[str] = []
    turn_info: UserTurn | None = None
    firmly: set[str] = set(asked_ids)  # asked by a label or recorded as asked, not only by cues
    cue_firmed: set[str] = set()  # of which, by the last user turn's cue words alone
    set_aside: set[str] = set()  # done or left out by the user, until a turn names it
    numbering: dict[str, str] = {}  # the last numbered list of the user's: "1" -> q8a.i
    sections: dict[str, str] = {}  # the last reply's numbered sections: "3.1" -> q3b.i
    previous_foreign = False  # the last user turn asked another homework's question
    scene: set[str] = set()  # parts the last user turn asked only as its whole question
    last_piece: dict[str, str] = {}  # each part's latest piece of reply text
    home = Context()  # the last of our questions a user turn was on
    renumbered: dict[str, str] = {}  # question numbers the user slipped: "6" -> "7"
    own_marks_so_far: dict[str, tuple[str, ...]] = {}  # the user's own marks: "1.2" -> (q3b.ii,)
    # the question numbers the user has named so far: another homework's "Q2" heads its answer in a
    # reply, the reply's own "### Problem 1" does not
    numbers_named: set[str] = set()
    brought: dict[str, str] = {}  # the user's own answers the last turn brought to be checked
    reply_letters: dict[str, tuple[str, tuple[str, ...]]] = {}  # the last reply's own lettering (`relettered`)
    blanks: dict[str, str] = {}  # the blanks of the user's notes in the last turn -> their parts
    exam: dict[str, str] = {}  # the last reply's numbered questions: "3" -> q8a.iii
    quiz = False  # the user asked to be quizzed: the model asks the parts, then grades the user's replies
    prompted: list[str] = []  # the parts the last reply asked the user, in a quiz

    def waiting_among(parts: list[str]) -> list[str]:
        """The parts whose latest reply waits for the user ("could you tell me ...?"), read only when
        a follow-up asks, not for every piece of every reply."""
        return [p for p in parts if p in last_piece and puts_off(_about(p, last_piece[p], index))]

    one_titled: str | None = None
    # "3⒝ ⒤", "【b】", "（ｉｉ）": labels in other glyphs read as their plain forms
    turns = _continued(
        tuple(replace(t, text=sub_parts_as_labels(plain_label_chars(t.text))) for t in conversation.turns)
    )
    next_role = {k: turns[j + 1][1].role for j, (k, _) in enumerate(turns[:-1])}
    for turn_no, turn in turns:
        # "<b>(a) Problem ...</b><br>": HTML a model or a web copy wrote, read as the Markdown it stands for
        turn = replace(turn, text=markdown_from_html(turn.text))
        # "\begin{enumerate}[label=(\alph*)] \item ...": a LaTeX list's items under the letters it prints
        turn = replace(turn, text=with_item_labels(turn.text))
        if turn.role == "assistant" and turn_info is not None and turn_info.renumbered:
            # "## Part 1 — How to Train Your ResNet", "## Part 2 — Regularised linear autoencoder" after the
            # user's own "Part 1 — ...", "Part 2 — ...": the reply's sections under the user's numbers
            text = parts_as_questions(turn.text, index)[0]
            turn = replace(turn, text=headings_renumbered(text, dict(turn_info.renumbered)))
        if turn.role == "assistant":
            # "<think>Q1. Candidates: ...</think>", "Thought for 38 seconds" and its paragraphs: the model's
            # reasoning before its answer, left out as the readers of exports leave it out
            turn = replace(turn, text=without_thinking(turn.text))
        if turn.role == "user":
            relabel = _relabelled(turn.text, last_user, turn_info, last_answered, attempts, index)
            if relabel is not None and relabel[0] == relabel[1]:
                turn = replace(turn, text=turn.text[relabel[2] :])
            elif relabel is not None:
                # "oh yeah my bad, that was 7b not 7c. ok now the actual 7c: ...": the answer the last
                # reply gave to the part the user mislabelled is the answer to the part they meant
                slipped, meant, said_to = relabel
                attempts[meant] = attempts.pop(slipped)
                questions[meant] = questions.pop(slipped, "")
                asked_ids[asked_ids.index(slipped)] = meant
                firmly.discard(slipped)
                firmly.add(meant)
                last_answered = [meant]
                context = context_of(meant)
                turn = replace(turn, text=turn.text[said_to:])
            last_user = turn.text
            quiz = quiz or asks_for_quiz(turn.text)
            # (not the numbers of the reply's own questions: "1A, 2B" picks in its question 1, 2)
            numbers_named.update(
                label.q for label in mentions(turn.text) if label.q is not None and label.q not in exam
            )
            turn_info = read_user_turn(
                turn.text,
                context,
                index,
                home,
                last_answered[-1] if last_answered else None,
                frozenset(set_aside),
                asked_ids,
                renumbered,
                own_marks_so_far,
            )
            renumbered.update(turn_info.renumbered)
            if exam:
                # "1) 2 layers / 2) MSELoss / ..." after the reply's "**Problem 1 (2 pts).** How many
                # nn.Linear layers ...?": the user answers the reply's numbered questions, and the reply
                # that marks them numbers them so ("**Q1: the correct answer is B.**")
                by_number = tuple((f"{question_of(p)[1:]}.{n}", p) for n, p in exam.items())
                if answered := numbers_answered(turn.text, exam):
                    turn_info = replace(
                        turn_info,
                        named=answered,
                        by_label=True,
                        context=context_of(answered[0]),
                        numbering=by_number,
                        foreign_only=False,  # "1A": the reply's question 1, not another homework's 1(a)
                    )
                elif not turn_info.numbering:
                    turn_info = replace(turn_info, numbering=by_number)
            if turn_info.by_label:
                # "4) How to Train Your ResNet" with its lettered items: the questions the turn asks by label
                numbers_named.update(question_of(p)[1:] for p in turn_info.named)
            if not turn_info.named and (other := the_other_part(turn.text, home, index, attempts)) is not None:
                turn_info = replace(turn_info, named=[other], by_label=True, context=context_of(other))
            elif not turn_info.named and turn_info.questioned and not any(p in attempts for p in turn_info.questioned):
                # "is this related to the orthonormal decoder question in Q8 (b)? that one asks ...": a
                # turn that points into parts no reply has answered points into no answer; it asks them,
                # as cue words do ("what does teacher forcing mean? it came up in part b" defines a term).
                turn_info = replace(
                    turn_info, named=list(turn_info.questioned), context=context_of(turn_info.questioned[0])
                )
            # the user's own marks, but for a lettered list's letters and a plain list's numbers (a later
            # turn names those as `numbering` reads them): "1.2", a two-level list's "2", "Q3", "(ii)"
            two_level = any("." in mark for mark, _, _ in turn_info.own_marks)
            own_marks_so_far.update(
                (mark, parts)
                for mark, _, parts in turn_info.own_marks
                if (two_level if mark.isdigit() else len(mark) > 1 or mark == "i" or own_scheme(mark))
            )
            after_foreign = previous_foreign
            previous_foreign = turn_info.foreign_only
            if (
                after_foreign
                and not turn_info.by_label
                and index.question_named(turn.text) is None
                and not names_our_homework(turn.text)  # "ok now back to hw7: the first subpart, ..."
            ):
                # "hw5 question: why scale by 1/(1-p) in inverted dropout?", then "and does it matter
                # for batchnorm after dropout?": a follow-up on the other homework's question, not an
                # ask of ours in its cue words (a label, or one of our questions named, returns to ours).
                turn_info = UserTurn([], False, turn_info.context, foreign_only=True, set_aside=turn_info.set_aside)
                previous_foreign = True
            elif (not turn_info.by_label and (asks_beside(turn.text, index) or DEFINING_RE.search(turn.text))) or (
                turn_info.by_label and _side_question_first(turn.text, index)
            ):
                # "side question not for the hw: would beam search have fixed it?": the reply
                # answers no part, whatever the part's words it uses; nor does "not for the hw, but
                # how would beam search change (c)?", which names the part it asks beside.
                turn_info = UserTurn([], False, turn_info.context, foreign_only=True, set_aside=turn_info.set_aside)
            elif (
                pushes_back(turn.text, turn_info, last_answered)
                or (not turn_info.by_label and any(p in attempts for p in turn_info.questioned))
                or (not turn_info.by_label and not turn_info.firm_cues and waiting_among(last_answered))
            ):
                # ...and "hm, in (i) you have XᵀX, shouldn't it be XXᵀ?" is about (i), whatever
                # other parts' words it uses; so is "maybe the batch norm stuff?" after "Which trick
                # stuck with you? Tell me and I'll help" for (c): the user answers the model's question.
                # The chat stays on that part's question ("(i)" in a later turn is 3(b)(i) still).
                home = turn_info.context
                if last_answered and home.q != (on := question_of(last_answered[-1])[1:]):
                    home = context_of(last_answered[-1]) if on != context.q else context
                turn_info = replace(turn_info, named=[], firm_cues=(), context=home)
            if turn_info.closing and turn_info.named:
                if all(p in attempts for p in turn_info.named):
                    turn_info = replace(turn_info, named=[], by_label=False, firm_cues=(), numbering=(), items=())
                else:
                    turn_info = replace(turn_info, closing=False)
            if turn_info.numbering:
                numbering = dict(turn_info.numbering)
            elif (numbering or sections) and not turn_info.by_label and (refs := _number_refs(turn.text)):
                # "can you make number 2 sound less formal": the part the user's list numbered 2 ("redo 1
                # and 2": both; "for 1, ... ? also for 3, ...": both; "your part 1 and part 2 give the same
                # tokens": the first, the one doubted).
                pids = [numbered_part(numbering or sections, context, g) for ref in refs for g in ref.groups() if g]
                if pids and None not in pids:
                    named = [p for p in dict.fromkeys(pids) if p is not None]
                    turn_info = replace(turn_info, named=named, by_label=True, context=context_of(named[0]))
            elif sections and turn_info.foreign_only and (own := _own_numbers(turn.text, sections, context, index)):
                # "in Q1 you didn't put <sos> anywhere" after a reply headed "**Q1 — Training**", "**Q2 — ...**":
                # the reply's own question numbers, not another homework's questions
                turn_info = replace(turn_info, named=own, by_label=True, foreign_only=False, context=context_of(own[0]))
                previous_foreign = False
            set_aside = (set_aside - set(turn_info.named if turn_info.by_label else ())) | turn_info.set_aside
            if not turn_info.by_label and set_aside.intersection(turn_info.named):
                # "I've done (a)", then "what's DAWNBench?": a set-aside part's cue words do not ask it.
                kept = [p for p in turn_info.named if p not in set_aside]
                turn_info = replace(turn_info, named=kept, firm_cues=tuple(p for p in turn_info.firm_cues if p in kept))
            context = turn_info.context
            blanks = (
                blank_parts(turn.text, context, index, turn_info.named) if turn_info.by_label or turn_info.named else {}
            )
            # the one part the turn asks of the question it names by its title (see the replies below)
            one_titled = (
                turn_info.named[0]
                if not turn_info.by_label and len(turn_info.named) == 1 and index.question_named(turn.text) is not None
                else None
            )
            home = context if context.q not in (None, FOREIGN) else home
            asked_ids.extend(p for p in turn_info.named if p not in asked_ids)
            # Parts asked only as a whole question are firm once a reply answers one of them (below);
            # a turn before that reply which names a part asks it.
            scene = (scene - (set(turn_info.named) - set(turn_info.whole))) | (set(turn_info.whole) - firmly)
            if turn_info.by_label:
                firmly.update(turn_info.named)
            cue_firmed = set(turn_info.firm_cues) - firmly
            firmly.update(cue_firmed)
            brought = _brought_answers(turn.text, turn_info, index)
            continue
        if turn_info is not None and turn_info.foreign_only:
            continue  # a reply to another homework's question
        follow_up = turn_info is not None and not turn_info.named
        aside = False  # a short reply that names only a part not asked: it answers none by cue words either
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
                if questioned and questioned[0] not in last_answered and not _opens_on_label(last_user):
                    # "why would the first one be <eos>? in (b) you started with <sos>": a doubt about the
                    # last answer, then another part's answer pointed into for comparison
                    questioned = []
                # The part the last reply put off until the user answered ("could you tell me what
                # output the figure shows?" -> "it shows I saw a dog"), whatever parts the new reply
                # names in passing ("Note the contrast with part (b)").
                pending = waiting_among(last_answered)
                if (
                    len(questioned) == 1
                    and questioned[0] not in said
                    and not (said and questioned[0] in _said_to_stand(turn.text, context, index))
                ):
                    # ... unless the reply corrects another part and says that one stands ("in your
                    # second gradient you wrote W_1W_2; in (ii) you used W_2W_1" -> "... an error in
                    # (i) ... what I used in (ii), so that part is unaffected")
                    default = questioned
                elif len(pending) == 1:
                    default = pending
                elif said and (fresh := _not_standing(said, turn.text, context, index)):
                    # "(i) 2 linear layers (unchanged) / (ii) nn.MSELoss (unchanged) / (iii) Weight Decay +
                    # Batch Norm + SGD": the first part named that the reply does not say stands, and named
                    # alone, not beside another ("(b) and (c) would have identical answers ... Part C stays")
                    alone = _parts_named_in(turn.text, context, index, fresh, alone=True) if len(fresh) > 1 else []
                    default = alone[:1] or fresh[:1]
                elif said and len(last_answered) <= 1:
                    default = said[:1]
                elif len(skipped) == 1:
                    default = skipped
                elif (
                    new := _sibling_asked_anew(turn.text, last_user, last_answered, attempts, set_aside, index)
                ) is not None:
                    # "and the starting point?" after 4(c) -> "The starting point was the DAWNBench record
                    # ... 341 s": a short question answered in another part's words, none of the last one's
                    default = [new]
                    asked_ids.append(new)
                elif len(last_answered) > 1:
                    # "... Corrected first-order conditions: ... Part (ii) is unaffected": a reply that
                    # says some of the parts just answered stand revisits the others.
                    standing = _said_to_stand(turn.text, context, index)
                    revisited = [p for p in last_answered if p not in standing]
                    if standing and not concedes(turn.text):
                        # "are you sure about the assignment? my friend wrote W1 = U_k" -> "I'm confident
                        # ... So part (ii) stands as written.": a reply that concedes nothing defends
                        # the parts it says stand, and revisits no other
                        revisited = [p for p in last_answered if p in standing]
                    default = _cued_among(revisited or last_answered, last_user, turn.text, index) or (
                        revisited if len(revisited) == 1 else default
                    )
                elif len(turn.text.split()) <= ASIDE_MAX_WORDS and _parts_named_in(
                    turn.text, context, index, [p for p in index.ids if p not in default]
                ):
                    # "Glad it helped! The same script checks part (ii) if you plug in W₁ = U_kᵀ": a
                    # short reply that names only a part not asked is an aside about it, not an answer.
                    default, aside = [], True
                # "I'll try (ii) on my own first" -> "Sounds good. Hint: ...": no attempt at (ii).
                default = [p for p in default if p not in set_aside]
                if turn_info.closing or turn_info.shows_code:
                    # "Thanks, that table for (iii) is really helpful." -> "Glad it helped! One small thing
                    # ...", or "here's my model, does this look right? ```...```" -> "Close — two small
                    # fixes: ...": no new answer, unless under a part's label
                    default, aside = [], True
        else:
            default, explicit = turn_info.named, turn_info.by_label
        graded_reply = bool(prompted) and turn_info is not None and not turn_info.by_label
        if graded_reply:
            # "(b) ... does the minimiser favour orthonormal columns?" -> "I think yes?" -> "Right
            # conclusion, but ...": the reply grades the user's answer to the part the quiz asked, and
            # what it says is right is its answer to that part, whatever words the user used
            default, explicit, follow_up = prompted, True, False
        named_here = turn_info.named if turn_info is not None and turn_info.by_label else []
        if turn_info is None and context.q is None and names_other_homework_only(turn.text.lstrip().split("\n", 1)[0]):
            continue  # a pasted answer with no prompt, titled as another homework's ("... for HW5 problem 3")
        if turn_info is None and context.q is None:
            # A pasted answer with no prompt ("Machine Translation ... (a) ... (b) ..."): its relative
            # labels belong to the question its words name.
            q = index.question_named(turn.text) or one_question_cued(turn.text, index)
            context = Context(q) if q is not None else context
        before = context
        if turn_info is not None and not explicit and len(default) == 1:
            # "You're right — I conflated the two." then "### Corrected training answer" and "### Evaluation
            # stays the same": a follow-up reply that heads each of its question's asked parts in turn
            # answers each under its heading
            siblings = [p for p in asked_ids if question_of(p) == question_of(default[0])]
            headed = set(cue_headings(turn.text, siblings, index).values()) if len(siblings) > 1 else set()
            if default[0] in headed and len(headed) > 1:
                default = [p for p in siblings if p in headed]
        items = turn_info.items if turn_info is not None and default is turn_info.named else ()
        # "can you explain the training inputs more carefully?" -> "**1. ...** ... **3. ...**" after a
        # list of two: a follow-up reply numbering its own steps past the user's earlier list
        listed = (
            {}
            if turn_info is not None and not turn_info.numbering and numbers_own_steps(turn.text, numbering)
            else numbering
        )
        if (
            turn_info is not None
            and turn_info.by_label
            and turn_info.named
            and not turn_info.numbering
            and NUMBER_REF_RE.search(last_user) is None
        ):
            # "can you also do 3b part ii" -> "Two facts we'll use: 1. ... 2. ...": after a turn that names
            # its parts by label and no number of the list, the user's earlier list numbers only those parts
            listed = {key: p for key, p in listed.items() if p in turn_info.named}
        own_marks = {mark: (q, parts) for mark, q, parts in turn_info.own_marks} if turn_info is not None else None
        questions_named = numbers_named if last_user else None
        if not own_marks and turn_info is not None:
            # "**II(b), again.**" after "can you redo II(b)": the user's marks in capitals from earlier turns
            own_marks = {
                mark: (question_of(parts[0])[1:], parts)
                for mark, parts in own_marks_so_far.items()
                if own_scheme(mark) and parts
            }
        if not own_marks:
            # "**(a) Training (Teacher Forcing)**", "**(b) Evaluation (Inference)**" for 7(b) and 7(c): the
            # reply's own letters, which a later reply to a turn naming no part by label keeps
            # (a pasted answer with no prompt letters the parts of the question its words name)
            question_parts = index.parts_of(context.q) if turn_info is None and context.q not in (None, FOREIGN) else []
            letters = relettered(turn.text, index, named_here or default or question_parts)
            if letters:
                reply_letters = letters
            elif turn_info is not None and turn_info.by_label:
                reply_letters = {}
            own_marks = letters or reply_letters or None
        pieces, context = split_answer(
            turn.text,
            context,
            index,
            default,
            named_here,
            explicit,
            listed,
            items,
            own_marks,
            questions_named,
            blanks,
            menu_items(last_user) if last_user else None,
        )
        if turn_info is not None and turn_info.named and not turn_info.by_label and not graded_reply:
            # Cue words ask weakly. A reply that answers another asked part under its label
            # ("**Corrected answer for Q4(a):**" after "weren't there posts on weight decay and batch
            # norm?") is about that part: the text before the label is its preamble, not an answer
            # to the parts the cue words named. One with no label that names such a part in its
            # text is about that part as a whole.
            under_labels = {p[0] for p in pieces if p[3]}
            # "**(c) Most interesting approach**" after "... what i learnt + most interesting approach":
            # a part the cue words asked that the reply answers under its label is answered, right or
            # wrong, whatever its checks find.
            firmly.update(under_labels.intersection(turn_info.named))
            said = [] if under_labels else _parts_named_in(turn.text, before, index, asked_ids)
            if under_labels - set(turn_info.named):
                # ... unless the text before the label names the part the cue words asked, which it
                # answers then ("I mixed up the two regimes in part (b). During training ...", then
                # "Part (c) stays as I had it").
                pieces = [
                    p
                    for p in pieces
                    if p[3] or p[0] in under_labels or p[0] in _parts_named_in(p[1], before, index, turn_info.named)
                ]
                firmly -= cue_firmed  # the cue words were about that part, not a question pasted anew
            elif said and not set(said) & set(turn_info.named):
                default, follow_up = said[:1], True
                firmly -= cue_firmed
                pieces, context = split_answer(turn.text, before, index, default, named_here, explicit, listed)
        sections = section_numbers(pieces) or sections
        from_cues = False
        if not pieces and not aside:
            within = default if default else None
            if (
                within is None
                and turn_info is None
                and (titled := index.question_named(turn.text.lstrip().split("\n", 1)[0])) is not None
            ):
                # A pasted answer with no prompt whose first line is a title ("How to Train Your ResNet:
                # reflections"): that question's parts, whatever another's cue words ("weight decay").
                within = index.parts_of(titled)
            elif within is None and turn_info is None and (lead := one_question_cued(turn.text, index)) is not None:
                # One with no title: the parts of the question most of its cued parts are in, not a
                # stray word of another's ("... the effective learning rate ..." beside three Q4 answers)
                within = index.parts_of(lead)
            if turn_info is None and within is not None:
                # ... each part answered by its section when the paste is numbered as the parts are
                cut = (
                    numbered_sections(turn.text, within)
                    or headed_sections(turn.text, within, index)
                    or itemised_sections(turn.text, within, index)
                )
                pieces = [(pid, section, True, True) for pid, section in cut]
            if not pieces and turn_info is not None and turn_info.by_label and not turn_info.whole and within:
                # "8ai 8aii 8aiii quickly pls" -> "1. **Two.** ... 2. **`nn.MSELoss`.** ... 3. ...": the
                # reply's numbered items answer the parts the turn's labels ask one by one, in order
                pieces = [(pid, section, explicit, False) for pid, section in listed_sections(turn.text, within, index)]
            hits = [p for p in index.by_cues(turn.text, within) if p not in set_aside]
            # "no it's fine, I'll rewrite (b) myself" -> "Sounds good. If you do, the weight-decay
            # discussion ...": a reply to a turn that only sets parts aside answers none.
            only_sets_aside = turn_info is not None and not turn_info.named and bool(turn_info.set_aside)
            # "Suggest a first sentence for a cover letter" -> "... the thing I learned ...": a reply to
            # a turn that asks nothing of ours, before any part was asked, answers none by its cue
            # words (a pasted answer with no prompt at all still does, and so does a reply to a turn
            # with a label it could not place: "Part (c): at eval time, ...").
            asks_nothing = (
                turn_info is not None
                and not turn_info.named
                and not asked_ids
                and not mentions(last_user)
                # "I have a few hw7 things left. Start with the PCA / autoencoder gradient one": one of
                # ours, named by its title, whose part the reply's cue words name, if they name one only
                and (index.question_named(last_user) is None or len(hits) != 1)
            )
            if (
                hits
                and not pieces
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
            and bool(last_answered)  # "my TA said the last one is wrong" of a pasted answer: no reply to give up
            and not asks_open_question(last_user)  # "which loss, L1 or MSE? i put MSE" -> "your pick is right"
            and concedes(turn.text)
        )
        if gives_the_point:
            # "I'm not sure I buy this: weight decay just shrinks every weight ..." after (b), and
            # "That's a fair point ...": the push-back used a sibling's cue words, the reply is about
            # the last answer (below), not an answer to the sibling.
            pieces = [p for p in pieces if p[3] or p[0] in last_answered]
        prompted = []
        if (
            quiz
            and next_role.get(turn_no) == "user"
            and not has_answer_key(turn.text)  # a practice test with its key answers what it asks
        ):
            # "**(a)(i)** How many linear layers does the network need? (0, 1, 2 or 3)": the model asks the
            # part and waits for the user; its options are no choice of its own
            opening = asks_for_quiz(last_user)
            asking = [only_asks(p[1], opening) for p in pieces]
            graded = {p[0] for p, asks in zip(pieces, asking) if not asks}
            prompted = list(dict.fromkeys(p[0] for p, asks in zip(pieces, asking) if asks and p[0] not in graded))
            pieces = [p for p, asks in zip(pieces, asking) if not asks]
            if not pieces and not prompted and only_asks(turn.text, opening):
                # "Sure. Here's **7(b)**: ... what five tokens are fed into the decoder?": the part it names
                prompted = _parts_named_in(turn.text, context, index, asked_ids)[:1]
        answered_here: list[str] = []
        for part_id, text, is_explicit, labelled in pieces:
            if not text.strip():
                continue
            endorsed = part_id in brought and confirms_only(text)
            if endorsed:
                # "### (b) ✅ Correct. This is teacher forcing, exactly as intended." of the user's own
                # table: the reply stands behind the user's answer, which is graded as the reply's, its
                # confirmation after it as a note on it, not under a heading of its own ("## 4(b) — fine")
                text = brought[part_id] + "\n\n" + after_line_label(text).lstrip(" \t*_#")
            last_piece[part_id] = text
            bucket = attempts.setdefault(part_id, [])
            if bucket and bucket[-1].turn == turn_no:
                prev = bucket[-1]
                bucket[-1] = AttemptText(
                    turn_no,
                    prev.text + "\n" + text,
                    prev.explicit or is_explicit,
                    follow_up,
                    prev.labelled or labelled,
                    prev.endorsed or endorsed,
                )
            else:
                bucket.append(AttemptText(turn_no, text, is_explicit, follow_up, labelled, endorsed))
            # the user's own answers brought to be checked are no question: a reply that restates one as
            # its own ("w1 = <sos>, w2 = I, w3 = saw, ...") is not copying the question
            if part_id not in questions:
                questions[part_id] = _without_brought(last_user, brought)
            if part_id == one_titled and index.by_cues(text, [part_id]):
                # "For the machine translation question ... each encoder state h_t is passed to decoder
                # step t. Give me one problem with this": the one part the turn asks of the question it
                # names by title, and a reply on it in its cues ("... h_t directly into decoder step t
                # ... leaks information"), is an answer, right or wrong
                firmly.add(part_id)
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
            # "... the answer to (b) should be no" after an answer to all of Q8: the part it names.
            # "For 1), 'leaks information' feels vague" after answers to Q7(a) and Q8(a): the one its
            # cue words named among the last answered.
            conceded = (
                _parts_named_in(turn.text, before, index, last_answered)
                or [p for p in last_answered if turn_info is not None and p in turn_info.named]
                or last_answered
            )
            for part_id in conceded:
                if part_id not in answered_here:
                    attempts.setdefault(part_id, []).append(AttemptText(turn_no, turn.text, False, True, False))
                    answered_here.append(part_id)
        if scene and not scene.intersection(answered_here):
            # "seq2seq translation q (hw7 #7)", answered with "Got it, what's the first part?": the
            # whole question set the scene; its parts are asked only as later turns name them.
            firmly -= scene
        elif scene:
            # "Working on HW7 problem 7. My teammate wants to stack the encoder and decoder so h_t
            # feeds decoder step t ...", answered on that part alone: the question named whole set
            # the scene for the one part pasted in its own words, which is what the reply answers.
            counts = index.cue_counts(last_user)
            pasted = {p for p in scene if counts[p]}  # a part whose words the turn holds none of was not pasted
            if pasted < scene and scene.intersection(answered_here) <= pasted:
                firmly -= scene - pasted
        scene = set()
        if answered_here:
            last_answered = answered_here
        if quiz:
            # (kept while the chat is on them: "for Q1, XᵀX is n×n though" after the marking; on any part
            # of the questions asked: "quiz me on q8(a)" may ask more than it names)
            numbers = dict.fromkeys(question_of(a)[1:] for a in asked_ids)
            nearby = list(dict.fromkeys(p for q in numbers for p in index.parts_of(q)))
            exam = exam_numbers(turn.text, nearby, index) or exam

    result = {
        pid: PartAnswers(pid, tuple(attempts.get(pid, ())), questions.get(pid, ""), weak=pid not in firmly)
        for pid in asked_ids
    }
    return {pid: result[pid] for pid in index.ids if pid in result}
