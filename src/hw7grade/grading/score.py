"""Scoring: rubric + conversation -> parts -> check results -> part scores. Pure functions."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Mapping, Sequence, cast

from ..checks.base import CheckContext, CheckResult
from ..conversation import Conversation
from ..regexes import regex
from ..results import AttemptKind, PartScore, TranscriptResult, Verdict
from ..rubric.model import Part, Rubric
from ..shorten import shorten
from ..text.concession import concedes, takes_back
from ..text.injection import flag_reason, grader_directed
from ..text.labels import LABEL_LINE_CANDIDATE, line_label, mentions, revises
from ..text.non_answer import (
    asks_for_hints,
    before_closing_question,
    declines,
    ends_on_offer,
    hides_answer,
    hints_scope,
    holds_no_answer,
    keeps_answer,
    offer_to_come,
    only_offers,
    only_stands,
    put_off_at,
    standing_spans,
    words_under_heading,
)
from ..text.quiz import asks_for_quiz, ends_on_question
from ..text.retraction import without_retracted
from ..text.rewrite_request import asks_for_rewrite
from ..text.script import unread_script
from .parts import label_names_part
from .segment import AttemptText, PartAnswers, find_answers

NO_PARTS_FOUND = "no rubric part found: the conversation names no question and its text matches no rubric cues"


def run_checks(part: Part, ctx: CheckContext) -> tuple[CheckResult, ...]:
    """Run a part's checks in order; a check whose `requires` did not pass earns nothing."""
    results: dict[str, CheckResult] = {}
    for check in part.checks:
        blocked = [results[r] for r in check.requires if results[r].status != "passed"]
        if any(r.status == "unscored" for r in blocked):
            result = check.unscored(f"depends on {', '.join(r.name for r in blocked)}, which could not be scored")
        elif blocked:
            result = check.failed(
                None, f"needs {', '.join(r.name for r in blocked)} first; {check.feedback}".strip("; ")
            )
        else:
            try:
                result = check.run(ctx)
            except Exception as exc:  # a bug in one check must not sink the whole report
                result = check.unscored(f"check crashed ({exc.__class__.__name__}); please report it")
        results[check.label] = result
    return tuple(results.values())


def score_part(
    part: Part,
    text: str,
    attempt: AttemptKind,
    *,
    question: str = "",
    shapes: Mapping[str, tuple[str, str]] | None = None,
    turn: int | None = None,
    earlier: str = "",
    before: str = "",
) -> PartScore:
    ctx = CheckContext(
        answer=without_retracted(text),  # "... Actually, wait — that's not right": what it took back is not graded
        question=question,
        part_id=part.id,
        shapes=dict(shapes or {}),
        earlier=earlier,
        before=before,
    )
    results = run_checks(part, ctx)
    unread = [r.status == "failed" and not r.evidence for r in results]
    script = unread_script(ctx.answer) if any(unread) else None
    if script is not None:
        # "### 8(b) 结论：会，存在偏向近似正交归一列的归纳偏置": a check that reads English and found nothing in
        # it says nothing of the answer (one that found its picks, "Weight Decay, SGD", still judges them)
        results = tuple(
            c.unscored(f"the answer is written in {script}; this check reads English") if blind else r
            for c, r, blind in zip(part.checks, results, unread)
        )
    flag = grader_directed(text) or ""
    counted = [(c, r) for c, r in zip(part.checks, results) if c.counts_toward_total]
    earned = sum(r.points for _, r in counted)
    caps = [r.cap for r in results if r.cap is not None]
    if caps:
        earned = min(earned, min(caps))
    earned = round(earned, 4)
    return PartScore(
        id=part.id,
        attempt=attempt,
        score=earned,
        max_score=part.points,
        verdict="unscored" if script is not None else _verdict(earned, part.points, [r for _, r in counted]),
        checks=results,
        reason=flag_reason(flag, _reason(results, earned, part.points))
        if flag
        else _reason(results, earned, part.points),
        turn=turn,
        flag=flag,
        answer=text,
    )


def missing_part(part: Part, attempt: AttemptKind) -> PartScore:
    return PartScore(part.id, attempt, 0.0, part.points, "missing", (), "asked, but no answer to this part was found")


def part_answers(conversation: Conversation, rubric: Rubric) -> dict[str, PartAnswers]:
    """The answer text of each part's attempts, as grading finds them (the judge reads these too)."""
    parts = rubric.parts
    return find_answers(
        conversation,
        [p.id for p in parts],
        cues={p.id: p.cues for p in parts},
        question_cues=rubric.question_cues(),
        asked=[str(x) for x in cast(Iterable[object], conversation.metadata.get("parts", ()) or ())],
    )


def grade_conversation(
    conversation: Conversation, rubric: Rubric, only: Sequence[str] | None = None
) -> TranscriptResult:
    """Grade the first and final attempt of every part the conversation answers (or was asked)."""
    parts = rubric.parts
    answers = part_answers(conversation, rubric)
    selected = {p.id for p in rubric.select(only)} if only else None
    scores: list[PartScore] = []
    tutoring_from = _tutoring_from(conversation)  # read once: each part's attempts are judged by it
    for part in parts:
        found = answers.get(part.id)
        if found is None or (selected is not None and part.id not in selected):
            continue
        graded = _score_attempts(part, found, rubric.shapes_for(part.id), conversation, tutoring_from)
        if found.weak and not any(s.verdict != "missing" and answers_the_part(part, s) for s in graded):
            continue  # asked only by cues, and no reply answers it: a side question, not an ask
        scores.extend(graded)
    errors = () if scores else (NO_PARTS_FOUND,)
    labels = {k: v for k, v in conversation.human_labels.items() if selected is None or k in selected}
    return TranscriptResult(
        path=conversation.source,
        model=conversation.model,
        errors=errors,
        parts=tuple(scores),
        human_labels=labels,
        format=conversation.format,
        title=conversation.title,
        follow_ups=_follow_ups(conversation.metadata.get("follow_ups")),
    )


def _follow_ups(kinds: object) -> tuple[str, ...]:
    """The follow-up kinds `ask` records in a native transcript's metadata (a list of names)."""
    return tuple(str(k) for k in kinds) if isinstance(kinds, list) else ()


def _score_attempts(
    part: Part,
    found: PartAnswers,
    shapes: Mapping[str, tuple[str, str]],
    conversation: Conversation,
    tutoring_from: int | None,
) -> list[PartScore]:
    """`tutoring_from`: the first user turn that asked to be quizzed or guided (see `_tutoring_from`)."""
    if not found.attempts:
        return [missing_part(part, "first"), missing_part(part, "final")]

    def score(attempt: AttemptText, kind: AttemptKind, before: str = "") -> PartScore:
        earlier = _text_until(conversation, attempt.turn)
        return score_part(
            part,
            attempt.text,
            kind,
            question="" if attempt.endorsed else found.question,
            shapes=shapes,
            turn=attempt.turn,
            earlier=earlier,
            before=before,
        )

    def counts(attempt: AttemptText, graded: PartScore) -> bool:
        """An attempt under the part's label counts; a reply to a turn that named no part counts
        only if it answers the part ("You're welcome, send me your draft for (b)!" does not)."""
        return (
            attempt.explicit
            or answers_the_part(part, graded, FOLLOW_UP_SHARE)
            or _on_topic(part, attempt.text, _asked_before(conversation, attempt.turn))
            or rewritten(attempt)
        )

    def rewritten(attempt: AttemptText) -> bool:
        """A reply to "say that in one sentence", "even shorter": the last answer again, however little of
        it the checks still find."""
        return attempt.follow_up and asks_for_rewrite(_asked_before(conversation, attempt.turn))

    def counts_again(attempt: AttemptText, graded: PartScore, first: PartScore) -> bool:
        """A later reply that only the user's message labels must answer the part: "ok, (b) and (c)
        match what I had" -> "Great, glad they line up!" is no new answer to (b)."""
        if attempt.explicit and not attempt.labelled:
            # "For 7a, isn't the bigger problem that it doubles the parameters?" -> "That's a
            # reasonable way to look at it, and I agree ...": conceding to a turn that names the
            # part answers it again, though a cave-in holds nothing that checks which see right
            # answers only look for (one that reads any answer, a sequence, would have found it).
            return (
                answers_the_part(part, graded)
                or (_sees_right_answers_only(part) and concedes(attempt.text))
                or _on_topic(part, attempt.text, _asked_before(conversation, attempt.turn))
            )
        if (
            not attempt.explicit
            and not concedes(attempt.text)
            and not rewritten(attempt)
            and _explains(part, graded, first)
        ):
            return False  # "why can we multiply by U?": explaining one step of the answer it stands by
        return counts(attempt, graded)

    def leads(attempt: AttemptText, graded: PartScore) -> bool:
        """In a chat where the user asked to be quizzed or guided rather than told, a reply that ends on
        a question and in which no check finds the answer: "Exactly. Now look at it from the decoder's
        side: ... what would the decoder receive at step 4?" leads the user to an answer not given yet."""
        return (
            tutoring_from is not None
            and tutoring_from < attempt.turn
            and ends_on_question(attempt.text)
            and not answers_the_part(part, graded)
        )

    def no_answer(attempt: AttemptText, graded: PartScore) -> bool:
        """Text that opens by refusing the part, or in which no check finds anything and that puts
        the part off or stops mid-sentence, or a short note that puts it off whatever words of the
        part it uses ("This needs the eigendecomposition of XXᵀ; I'll go through it in the next
        message")."""
        if declines(attempt.text) or only_offers(attempt.text):
            return True
        reply = conversation.turns[attempt.turn].text
        if (
            declines(reply)
            and line_label(attempt.text.lstrip().partition("\n")[0]) is None
            and not answers_the_part(part, graded)
        ):
            # "... so I won't fill in the answer choices for you. I can help you understand the concepts:
            # - nn.Linear computes ...": a reply that opens by refusing gives hints, not answers, in the
            # pieces its parts' words pick out, where no check finds an answer (a part under its own label
            # later is answered, and so is one a worked example gives)
            return True
        hints_asked = asks_for_hints(_asked_before(conversation, attempt.turn))
        if (_hints_for(part, reply) and not hides_answer(attempt.text)) or (
            hints_asked and not answers_the_part(part, graded)
        ):
            # "can you give me a hint only?" -> "Sure! Here's a nudge without giving it away: ...", or hints
            # in which no check finds the answer; a model that answers anyway has answered, and so has one
            # that gives "a nudge first and then the full derivation in a collapsed block". Unasked, a
            # reply that says it gives hints rather than the answer ("this looks like graded work, so let
            # me give you some hints first") has not answered either.
            return True
        offer = offer_to_come(attempt.text)
        if any(label_names_part(label, part.id) for label in mentions(offer)):
            return True  # "... Let me know if you'd like me to go through part (ii) next!": still to come
        if offer and _cues_in(part, offer):
            # "That's part (i). Would you like me to go on and show that the principal components
            # satisfy these conditions as well?": the part named by its cue words (whatever the
            # checks found of it in the part before)
            return True
        words = len(attempt.text.split())
        if words <= PUT_OFF_MAX_WORDS and (at := put_off_at(before_closing_question(attempt.text))) is not None:
            # ... unless, in a reply to a turn that asks the part, the text before it answers the part:
            # "341 seconds to reach 94% ... I don't remember the final time, and I'd rather not guess"
            # declines one figure, not the part (a follow-up's "That's a good candidate: there's a whole
            # post on batch norm ... send me your sentences" coaches the user's own answer)
            head = replace(attempt, text=attempt.text[:at])
            return not (attempt.explicit and answers_the_part(part, score(head, "first"), OFFER_NOTE_SHARE))
        if (
            words_under_heading(attempt.text) <= OFFER_NOTE_MAX_WORDS
            and ends_on_offer(attempt.text, go_on=attempt.labelled)
            and not answers_the_part(part, graded, OFFER_NOTE_SHARE)
        ):
            return True  # "For (ii), the idea is to substitute W_1 = U_kᵀ ... Want me to write out the verification?"
        return not answers_the_part(part, graded) and holds_no_answer(attempt.text)

    first = None
    led = False  # a reply led the user on: the replies after it on the part carry its answer
    for k, attempt in enumerate(found.attempts):
        graded = score(attempt, "first")
        if leads(attempt, graded):
            led = True
            continue
        if (not attempt.follow_up or led or counts(attempt, graded)) and not no_answer(attempt, graded):
            first, first_text, rest = graded, attempt, found.attempts[k + 1 :]
            break
    if first is None:  # only asides in replies to follow-ups, or text that holds no answer
        return [missing_part(part, "first"), missing_part(part, "final")]
    first_share = found_share(part, first)
    final, final_text = replace(first, attempt="final"), first_text
    # The last reply that answers the part again is the final answer (read from the end, so earlier
    # ones are not graded); replies after it that stand by it may add to it.
    after: list[tuple[AttemptText, PartScore]] = []
    for later in reversed(rest):
        alone = score(later, "final")
        # "(b) stays the same"; "Part (ii) was written against the corrected form (W_1^T = U_k), so it
        # doesn't change": saying the answer stands, with less of an answer than it had and no
        # concession, replaces nothing.
        kept = (
            keeps_answer(later.text)
            and not _revised_under_label(later.text, part.id)
            and (
                not answers_the_part(part, alone)
                or (found_share(part, alone) < first_share and not concedes(later.text))
                or only_stands(later.text)
                # "... the inputs are <sos>, I, see, a, dog. Same logic for (c) with "saw". So the answers
                # above stand.": a reply that says the answers stand, naming no other part in saying so,
                # and reads worse than the answer it stands by, restates it loosely
                or (alone.score < first.score and not concedes(later.text) and _stands_for(later.text, part.id))
            )
        )
        # "Yes, sorry for the mix-up! My Part (a) is your 3b(i)": a short later reply under the part's
        # label in which no check finds anything, that neither concedes nor takes anything back, is
        # about the labels, not a new answer (an answer the checks cannot read is not this short)
        empty = (
            first_share > 0
            and not rewritten(later)
            and not answers_the_part(part, alone)
            and len(later.text.split()) <= EMPTY_LATER_MAX_WORDS
            and not concedes(later.text)
            and not takes_back(later.text)
        )
        if counts_again(later, alone, first) and not no_answer(later, alone) and not kept and not empty:
            final, final_text = alone, later
            before = next(
                (a for a in reversed(rest[: rest.index(later)]) if counts_again(a, score(a, "final"), first)),
                first_text,
            )
            if _carries_over(part) and alone.score < part.points and not takes_back(later.text):
                # A check that grades statements one by one may keep one this reply leaves out.
                final = score(later, "final", before.text)
            break
        after.append((later, alone))
    for later, alone in reversed(after):
        if (
            not later.labelled  # under the part's own label it would be a new answer
            and not concedes(later.text)
            and (later.explicit or found_share(part, alone) > 0 or _speaks_of(part, later.text))
        ):
            # "now argue why", "for (b) can you actually argue why?" -> the argument: a reply that
            # stands by the answer may add to it.
            joined = replace(later, text=f"{final_text.text}\n\n{later.text}")
            graded = score(joined, "final")
            if (found_share(part, graded), graded.score) > (found_share(part, final), final.score):
                final, final_text = graded, joined
    return [first, final]


def _stands_for(text: str, part_id: str) -> bool:
    """Whether a sentence of the text says the answers stand ("So the answers above stand."), naming this
    part or none, or its heading says this part does ("### (b) — stays as it was"); not one that says a
    reason stays the same ("the training/evaluation distinction is the same as before")."""
    heading_end = text.find("\n") % (len(text) + 1)
    for start, end in standing_spans(text):
        named = [label for label in mentions(text[start:end]) if label.letter or label.roman or label.q]
        this_part = any(label_names_part(label, part_id) for label in named)
        if (this_part and start < heading_end) or (
            (this_part or not named) and _ANSWER_WORD_RE.search(text, start, end) is not None
        ):
            return True
    return False


_ANSWER_WORD_RE = regex(r"\banswers?\b", re.I)


def _revised_under_label(text: str, part_id: str) -> bool:
    """Whether a line of the reply heads the part as answered again ("**Revised answer for (a):**"): a
    sentence elsewhere that says another answer stands ("The teacher-forcing answer doesn't change") keeps
    nothing of this part."""
    return any(
        (label := line_label(line)) is not None and label_names_part(label, part_id) and revises(line, label)
        for line in text.split("\n")
        if LABEL_LINE_CANDIDATE.match(line)
    )


EMPTY_LATER_MAX_WORDS = 25
"""A later reply this short in which no check finds anything replaces no answer that checks did read."""
PUT_OFF_MAX_WORDS = 80
"""A part's text this short that puts the part off answers nothing, whatever topic words it names,
unless the text before it answers the part (more than `OFFER_NOTE_SHARE` of its checks find an answer)."""
OFFER_NOTE_MAX_WORDS = 50
OFFER_NOTE_SHARE = 0.5
"""A part's text this short that ends on an offer to answer it answers nothing unless more than this
share of its checks find an answer: a sketch's topic words ("eigendecomposition") are no proof, a
short pick ("2 linear layers. Want me to go through the code?") is an answer."""
FOLLOW_UP_SHARE = 0.4
"""A later reply not under the part's label (to "are you sure?", or to a side question in the part's
words: "what's DAWNBench?") is a new answer if its checks find more than this share of what they
look for: one of q4a's three numbers is an aside, one of q8b's two checks (the yes/no) an answer."""
EARLIER_MAX_CHARS = 20_000
"""How much of the assistant's earlier text is searched for shorthand definitions (its tail)."""


def _text_until(conversation: Conversation, turn: int) -> str:
    """The turns up to and including `turn`, the latest first, at most `EARLIER_MAX_CHARS` long: a
    corrected reply's shorthand ("D = S S^T" after a first reply's "D = S^T S") is found before the
    one it replaces, and so is the user's own ("my shorthand: Sigma := X X^T, A := W2 W1")."""
    texts: list[str] = []
    size = 0
    for t in reversed(conversation.turns[: turn + 1]):
        if t.role in ("assistant", "user"):
            texts.append(t.text)
            size += len(t.text)
            if size >= EARLIER_MAX_CHARS:
                break
    return "\n\n".join(texts)[:EARLIER_MAX_CHARS]


def _on_topic(part: Part, reply: str, asked: str) -> bool:
    """Whether a follow-up reply concedes and then speaks of the part in cue words the user's
    message did not use (for parts whose checks see right answers only: see
    `CheckSpec.reads_any_answer`). A reply that caves in to a wrong claim ("Fair point: it just
    adds parameters") shows no right answer for a check to find, but it is still the model's new
    answer to the part; a reply that explains the words the user asked about ("what is teacher
    forcing?") or answers a side question ("is this why attention was invented?") is not."""
    if not part.cues or not _sees_right_answers_only(part):
        return False  # such a check would have found the new answer, right or wrong
    if not concedes(reply):
        return False
    return bool(_cues_in(part, reply) - _cues_in(part, asked))


def _carries_over(part: Part) -> bool:
    """Whether a check of the part may keep what the attempt before a final answer stated."""
    return any(getattr(c, "carries_over", False) for c in part.checks)


def _sees_right_answers_only(part: Part) -> bool:
    """Whether no counted check of the part reads a wrong answer too (see `CheckSpec.reads_any_answer`)."""
    return not any(c.reads_any_answer for c in part.checks if c.counts_toward_total)


def _speaks_of(part: Part, reply: str) -> bool:
    """Whether a reply uses one of the part's cue words ("orthonormal" for q8b)."""
    return bool(part.cues) and bool(_cues_in(part, reply))


def _hints_for(part: Part, reply: str) -> bool:
    """Whether the reply's opening says it gives hints for the part: for every part it answers, unless
    it names which ("Let's check part (a) first, then some guiding questions for (b)": for (b) only)."""
    scope = hints_scope(reply)
    if scope is None:
        return False
    named = mentions(scope)
    return not named or any(label_names_part(label, part.id) for label in named)


def _cues_in(part: Part, text: str) -> set[str]:
    """The part's cue words the text holds."""
    from ..text.phrases import PhraseSet

    return PhraseSet.build({p: [p] for p in part.cues}).keys_in(text)


def _tutoring_from(conversation: Conversation) -> int | None:
    """The first user turn that asks to be quizzed or given hints rather than the answers, if any."""
    return next(
        (
            k
            for k, t in enumerate(conversation.turns)
            if t.role == "user" and (asks_for_quiz(t.text) or asks_for_hints(t.text))
        ),
        None,
    )


def _asked_before(conversation: Conversation, turn: int) -> str:
    """The user's message the assistant turn replies to."""
    for t in reversed(conversation.turns[:turn]):
        if t.role == "user":
            return t.text
    return ""


def answers_the_part(part: Part, score: PartScore, share: float = 0.0) -> bool:
    """Whether checks found an answer in a reply: some check, or more than `share` of those that
    could. "You're welcome!" or an aside about another topic finds none; a side answer that repeats
    one of q4a's three numbers ("the target was 94%") finds too few to be a new answer."""
    found = found_share(part, score)
    return (found > 0 and found > share) or _built_on_a_voiding_claim(part, score)


def _built_on_a_voiding_claim(part: Part, score: PartScore) -> bool:
    """An answer built on what a `cap: 0` claim names ("progressive resizing" for q4c, an approach
    the series never took) is an answer, a wrong one, though no check that earns points finds it."""
    return any(
        not c.counts_toward_total and getattr(c, "cap", None) == 0 and r.status == "failed" and r.evidence
        for c, r in zip(part.checks, score.checks)
    )


def _explains(part: Part, later: PartScore, first: PartScore) -> bool:
    """Whether a later reply only explains the first answer: its checks find less of an answer, or
    as much but score less without anything they find being wrong (one of two conditions restated
    to show why a step holds). A different answer ("<sos> I saw a dog" after "see"; a 35-word
    rewrite) is a new attempt."""
    share, first_share = found_share(part, later), found_share(part, first)
    if share != first_share:
        return share < first_share
    return later.score < first.score and all(r.points > 0 for r in later.checks if r.evidence)


def found_share(part: Part, score: PartScore) -> float:
    """The share of the checks that could find an answer in a reply that did find one."""
    found = [
        bool(r.evidence)
        for c, r in zip(part.checks, score.checks)
        if c.shows_an_answer and c.counts_toward_total and r.status != "unscored"
    ]
    return sum(found) / len(found) if found else 0.0


def _verdict(score: float, maximum: float, counted: list[CheckResult]) -> Verdict:
    if counted and all(r.status == "unscored" for r in counted):
        return "unscored"
    if score >= maximum - 1e-9:
        return "correct"
    if score <= 1e-9:
        return "incorrect"
    return "partial"


def _reason(results: Sequence[CheckResult], score: float, maximum: float) -> str:
    capped = [r for r in results if r.cap is not None]
    if capped:
        r = capped[0]
        return f"{r.message} (found: {_short(r.evidence)})" if r.evidence else r.message
    failing = [r for r in results if r.status == "failed"]
    if failing:
        r = failing[0]
        return f"{r.name}: {r.message}" if r.message else f"{r.name} failed"
    unscored = [r for r in results if r.status == "unscored"]
    if unscored:
        return f"{unscored[0].name} unscored: {unscored[0].message}"
    return "all checks passed" if score >= maximum - 1e-9 else ""


def _short(text: str | None, limit: int = 60) -> str:
    return shorten(text or "", limit)
