"""Scoring rules: points add up, `requires` gates, forbidden caps, unscored is never a verdict."""

from __future__ import annotations

from typing import Literal

import pytest

from hw7grade.checks.base import CheckContext, CheckResult, CheckSpec
from hw7grade.conversation import Conversation, HumanLabel, Turn
from hw7grade.grading.score import NO_PARTS_FOUND, grade_conversation, score_part
from hw7grade.rubric.model import Part, Rubric, RubricFile


class WordCheck(CheckSpec):
    """Passes when `word` is in the answer; a test double with real behaviour."""

    type: Literal["word"] = "word"
    word: str = ""
    cap_when_found: float | None = None
    crash: bool = False

    def run(self, ctx: CheckContext) -> CheckResult:
        if self.crash:
            raise RuntimeError("boom")
        if self.word == "?":
            return self.unscored("cannot tell")
        found = self.word in ctx.answer
        if self.cap_when_found is not None:
            return self.failed(self.word, cap=self.cap_when_found) if found else self.passed(None)
        return self.passed(self.word) if found else self.failed(None)


class CapCheck(WordCheck):
    counts_toward_total = False


def _part(*checks: CheckSpec, points: float | None = None, part_id: str = "q7b") -> Part:
    total = sum(c.points for c in checks if c.counts_toward_total)
    return Part.model_construct(
        id=part_id,
        title="t",
        points=points if points is not None else total,
        prompt="p",
        reference="r",
        cues=[],
        checks=list(checks),
    )


def test_points_add_up_and_verdicts():
    part = _part(WordCheck(name="a", word="alpha", points=2), WordCheck(name="b", word="beta", points=1))
    assert score_part(part, "alpha beta", "first").verdict == "correct"
    partial = score_part(part, "alpha", "first")
    assert (partial.score, partial.verdict) == (2, "partial")
    assert partial.reason == "b failed"  # no feedback text in this double
    assert score_part(part, "gamma", "first").verdict == "incorrect"


def test_requires_blocks_points_until_the_required_check_passes():
    part = _part(
        WordCheck(name="stance", word="yes", points=1),
        WordCheck(name="argument", word="because", points=2, requires=["stance"]),
    )
    blocked = score_part(part, "no, because reasons", "first")
    assert blocked.score == 0
    assert blocked.checks[1].status == "failed" and "needs stance" in blocked.checks[1].message
    assert score_part(part, "yes, because reasons", "first").score == 3


def test_forbidden_claim_caps_the_part():
    part = _part(
        WordCheck(name="fact", word="341", points=3), CapCheck(name="wrong", word="ImageNet", cap_when_found=0.0)
    )
    assert score_part(part, "341 s", "first").score == 3
    capped = score_part(part, "341 s on ImageNet", "first")
    assert (capped.score, capped.verdict) == (0, "incorrect")
    assert "ImageNet" in capped.reason


def test_unscored_checks_are_not_incorrect():
    part = _part(WordCheck(name="math", word="?", points=2))
    result = score_part(part, "anything", "first")
    assert result.verdict == "unscored" and not result.complete
    mixed = score_part(
        _part(WordCheck(name="math", word="?", points=2), WordCheck(name="w", word="x", points=1)), "x", "first"
    )
    assert mixed.verdict == "partial" and not mixed.complete
    dependent = score_part(
        _part(WordCheck(name="math", word="?", points=2), WordCheck(name="w", word="x", points=1, requires=["math"])),
        "x",
        "first",
    )
    assert dependent.checks[1].status == "unscored"


@pytest.mark.parametrize(
    "answer, verdict",
    [
        # prose in another script: a check that reads English and found nothing leaves the part unscored
        ("结论：会，存在偏向近似正交归一列的归纳偏置，因为惩罚项平衡了两个因子的奇异值。", "unscored"),
        ("**答案：** 需要 Weight Decay 和 SGD，其余都不需要。", "unscored"),
        # ... but a check that found what it looks for still judges it, and English prose is read as ever
        ("结论：yes，因为惩罚项平衡了两个因子。", "correct"),
        ("No: weight decay only shrinks the weights.", "incorrect"),
        # ... and prose in another language of the Latin alphabet, by its short words
        ("El problema es que h_t solo ha leído las primeras t palabras de la oración.", "unscored"),
        ("The problem is that h_t has read only the first t words of veo un perro.", "incorrect"),
    ],
)
def test_an_answer_in_another_script_is_unscored_where_checks_find_nothing(answer, verdict):
    assert score_part(_part(WordCheck(name="w", word="yes", points=1)), answer, "first").verdict == verdict


def test_a_crashing_check_is_unscored_with_a_reason():
    result = score_part(_part(WordCheck(name="c", crash=True, points=1)), "x", "first")
    assert result.checks[0].status == "unscored"
    assert "crashed (RuntimeError)" in result.checks[0].message


def _rubric(*parts: Part) -> Rubric:
    return Rubric(
        files=(RubricFile.model_construct(question="q7", title="t", points_note="", shapes={}, parts=list(parts)),)
    )


def test_grade_conversation_reports_first_and_final_attempts():
    rubric = _rubric(_part(WordCheck(name="w", word="see", points=3), part_id="q7b"))
    conversation = Conversation(
        turns=(
            Turn("user", "Question 7 (b)?"),
            Turn("assistant", "<sos>, I, saw, a, dog"),
            Turn("user", "Wrong, re-read it."),
            Turn("assistant", "<sos>, I, see, a, dog"),
        ),
        source="chat.md",
        model="gpt-4o",
        human_labels={"q7b": HumanLabel(first="incorrect", final="correct")},
    )
    result = grade_conversation(conversation, rubric)
    assert [(p.id, p.attempt, p.score, p.turn) for p in result.parts] == [
        ("q7b", "first", 0, 1),
        ("q7b", "final", 3, 3),
    ]
    assert result.model == "gpt-4o" and result.human_labels["q7b"].final == "correct"


def test_answered_once_gives_identical_first_and_final():
    rubric = _rubric(_part(WordCheck(name="w", word="see", points=3), part_id="q7b"))
    conversation = Conversation(turns=(Turn("user", "q7b"), Turn("assistant", "I see")))
    first, final = grade_conversation(conversation, rubric).parts
    assert (first.attempt, final.attempt) == ("first", "final")
    assert (first.score, first.checks) == (final.score, final.checks)


def test_unrelated_chat_is_an_error_and_asked_parts_are_missing():
    rubric = _rubric(_part(WordCheck(name="w", word="see", points=3), part_id="q7b"))
    unrelated = grade_conversation(Conversation(turns=(Turn("user", "hi"), Turn("assistant", "Hello!"))), rubric)
    assert unrelated.errors == (NO_PARTS_FOUND,)
    asked = grade_conversation(
        Conversation(turns=(Turn("user", "hi"), Turn("assistant", "Hello!")), metadata={"parts": ["q7b"]}), rubric
    )
    assert [(p.attempt, p.verdict) for p in asked.parts] == [("first", "missing"), ("final", "missing")]


def test_only_restricts_parts():
    rubric = _rubric(
        _part(WordCheck(name="w", word="see", points=3), part_id="q7b"),
        _part(WordCheck(name="w", word="saw", points=3), part_id="q7c"),
    )
    conversation = Conversation(turns=(Turn("user", "Question 7"), Turn("assistant", "(b) I see\n(c) I saw")))
    assert {p.id for p in grade_conversation(conversation, rubric).parts} == {"q7b", "q7c"}
    assert {p.id for p in grade_conversation(conversation, rubric, only=["q7c"]).parts} == {"q7c"}
    labelled = Conversation(
        turns=conversation.turns,
        human_labels={"q7b": HumanLabel("correct", "correct"), "q7c": HumanLabel("correct", "correct")},
    )
    assert set(grade_conversation(labelled, rubric, only=["q7c"]).human_labels) == {"q7c"}  # labels follow --only


def test_a_reply_that_answers_nothing_is_no_final_attempt_and_a_weak_ask_needs_an_answer():
    """ "Thanks!" gets "You're welcome!": the final attempt stays the real answer; a side question
    whose cues name a part ("what does teacher forcing mean?") does not put that part in the report."""
    from hw7grade.conversation import Conversation, Turn
    from hw7grade.grading.score import grade_conversation
    from hw7grade.rubric.model import load_rubric

    turns = (
        Turn("user", "Question 7 (a): one problem with feeding h_t to decoder step t?"),
        Turn("assistant", "The lengths differ: there is no h_t for decoder steps past the source length."),
        Turn("user", "what does teacher forcing mean?"),
        Turn("assistant", "It means feeding the reference token instead of the model's own prediction."),
        Turn("user", "Thanks!"),
        Turn("assistant", "You're welcome! Good luck."),
    )
    result = grade_conversation(Conversation(turns), load_rubric())
    assert sorted({p.id for p in result.parts}) == ["q7a"]
    final = next(p for p in result.parts if p.attempt == "final")
    assert (final.verdict, final.turn) == ("correct", 1)


def test_shorthand_the_user_set_up_is_read_in_the_reply():
    """ "my shorthand: Sigma := X X^T, A := W2 W1": a reply that works in the user's shorthand states
    the conditions in it, as it would in its own."""
    from hw7grade.conversation import Conversation, Turn
    from hw7grade.grading.score import grade_conversation
    from hw7grade.rubric.model import load_rubric

    turns = (
        Turn(
            "user",
            "hw7 3b(ii), my shorthand: Sigma := X X^T, A := W2 W1. Show the top-k eigenvectors satisfy the conditions.",
        ),
        Turn(
            "assistant",
            "Plug in W1 = U_k^T, W2 = U_k, so A = U_k U_k^T, U_k^T U_k = I and Sigma U_k = U_k Lambda_k.\n\n"
            "Cond 1: W2^T (I - A) Sigma = (U_k^T - U_k^T U_k U_k^T) Sigma = 0.\n"
            "Cond 2: (I - A) Sigma W1^T = (I - U_k U_k^T) U_k Lambda_k = (U_k - U_k) Lambda_k = 0.",
        ),
    )
    result = grade_conversation(Conversation(turns), load_rubric())
    final = next(p for p in result.parts if p.id == "q3b.ii" and p.attempt == "final")
    assert next(c for c in final.checks if c.name == "conditions_hold").status == "passed"


@pytest.mark.parametrize(
    "table_row, verdict",
    [
        ("| (b) training | <sos> | I | see | a | dog |", "correct"),
        ("| (b) training | <sos> | I | saw | a | dog |", "incorrect"),
    ],
)
def test_an_answer_the_reply_only_confirms_is_graded_as_the_users(table_row, verdict):
    """ "(b) ✅ Correct" under the user's own table: the user's row is the answer graded, though it is
    text of the user's turn (which a reply's copy of the question would be dropped as)."""
    from hw7grade.rubric.model import load_rubric

    turns = (
        Turn(
            "user",
            f"hw7 7b, can you check my answer?\n\n| | w1 | w2 | w3 | w4 | w5 |\n|---|---|---|---|---|---|\n{table_row}",
        ),
        Turn("assistant", "### (b) ✅ Correct\n\nExactly as intended."),
    )
    result = grade_conversation(Conversation(turns), load_rubric())
    assert next(p for p in result.parts if p.id == "q7b" and p.attempt == "final").verdict == verdict


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        (
            "yes. the penalty is the sum of squared singular values, balanced between W1 and W2 for a fixed product,"
            " and the product is close to a projection with singular values 1",
            "correct",
        ),
        ("no, weight decay only shrinks the weights", "incorrect"),
    ],
)
def test_answers_brought_as_checking_n_answers_are_graded_when_the_reply_only_confirms(claim, verdict):
    """ "checking 2 answers for hw7" brings the user's own answers: a reply that only ticks one stands
    behind the user's answer, which is what is graded."""
    from hw7grade.rubric.model import load_rubric

    turns = (
        Turn("user", f"checking 2 answers for hw7.\n\nq7a: the lengths differ\n\nq8b (orthonormal columns?): {claim}"),
        Turn("assistant", "**Q7(a)** ✅ Right.\n\n**Q8(b)** ✅ This is correct. Nothing to add."),
    )
    result = grade_conversation(Conversation(turns), load_rubric())
    assert next(p for p in result.parts if p.id == "q8b" and p.attempt == "final").verdict == verdict


def test_a_reply_that_restates_an_answer_brought_to_be_checked_is_not_copying_the_question():
    """ "which of these are wrong" over a classmate's answers: the reply that says "(c) Correct as written"
    and restates the tokens gives them as its own answer, though they are text of the user's turn."""
    from hw7grade.rubric.model import load_rubric

    turns = (
        Turn(
            "user",
            "my study partner sent me their hw7 q7 answers. can you tell me which of these are wrong?\n\n"
            "> (b) w1 = <sos>, w2 = I, w3 = saw, w4 = a, w5 = dog\n"
            "> (c) w1 = <sos>, w2 = I, w3 = saw, w4 = a, w5 = dog",
        ),
        Turn(
            "assistant",
            "**(b) One wrong token**\n\nWith teacher forcing: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog\n\n"
            "**(c) Correct as written**\n\nThe decoder is fed its own outputs:\n\n"
            "w1 = `<sos>`, w2 = `I`, w3 = `saw`, w4 = `a`, w5 = `dog`",
        ),
    )
    result = grade_conversation(Conversation(turns), load_rubric())
    assert next(p for p in result.parts if p.id == "q7c" and p.attempt == "final").verdict == "correct"


def test_a_part_asked_by_cue_words_and_answered_under_its_label_is_reported_even_when_wrong():
    """A wrong approach that no check recognises still answers (c) when the reply heads it "(c)": the
    part is reported, not dropped as a side question's cue word."""
    from hw7grade.conversation import Conversation, Turn
    from hw7grade.grading.score import grade_conversation
    from hw7grade.rubric.model import load_rubric

    turns = (
        Turn("user", "the resnet blog, I need the 'most interesting approach' one"),
        Turn(
            "assistant",
            "**(c) Most interesting approach**\n\nThe one I liked best was growing the image size during "
            "training, from tiny crops up to full resolution, which made the early epochs cheap.",
        ),
    )
    result = grade_conversation(Conversation(turns), load_rubric())
    assert {(p.id, p.verdict) for p in result.parts} == {("q4c", "incorrect")}


# Which reply is a part's attempt: (user, assistant, ...) turns -> the part's (first, final) verdicts and turns.
_CONDITION_1_REPLY = (
    r"Substitute $W_1 = U_k^\top$ and $W_2 = U_k$, so $W_2W_1 = U_kU_k^\top$, and use orthonormality, "
    r"$U_k^\top U_k = I$. The first condition: "
    r"$U_k^\top (U_kU_k^\top - I) XX^\top = (U_k^\top - U_k^\top) XX^\top = 0$."
)
_CONDITION_2 = (
    r"The columns of $U_k$ are eigenvectors, $XX^\top U_k = U_k \Lambda_k$, so "
    r"$(U_kU_k^\top - I) XX^\top U_k = (U_kU_k^\top - I) U_k \Lambda_k = (U_k - U_k)\Lambda_k = 0$."
)

_WHY_CHAT = (
    "hw7 q7 (b) and (c): which tokens go into the decoder as w1..w5 at training time and at evaluation time?",
    "### (b) Training\n\nTeacher forcing: <sos>, I, see, a, dog.\n\n### (c) Evaluation\n\n"
    "The model's own outputs: <sos>, I, saw, a, dog.",
    "why for each?",
    "### Why (b) uses the true sentence\n\nTraining learns from the correct prefix, so the decoder never"
    " sees its own mistakes.\n\n### Why (c) is different\n\nAt evaluation we still score against the"
    " reference, so the inputs are <sos>, I, see, a, dog.",
)
"""A chat whose last reply gives the reasons for (b) and (c) under 'Why' headings, (c)'s with another answer."""


ATTEMPT_CASES = [
    pytest.param(
        (
            "Teammate wants to stack them vertically, feeding h_t into decoder step t. One problem?",
            "It breaks the autoregressive structure and leaks information.",
        ),
        "q7a",
        [("incorrect", 1), ("incorrect", 1)],
        id="two different cues ask a part firmly, so a wrong answer a concept check cannot see is reported",
    ),
    pytest.param(
        (
            "HW7 Q4 (a): baseline and final training time and accuracy?",
            "The baseline was 341 s to 94% test accuracy; the series ended at 26 s to 94%.",
            "what's DAWNBench actually?",
            "A Stanford benchmark ranking time to accuracy; for CIFAR-10 the target was 94%.",
        ),
        "q4a",
        [("correct", 1), ("correct", 1)],
        id="a side answer repeating one of q4a's three numbers is no new attempt",
    ),
    pytest.param(
        (
            "HW7 Q4: write (b), what I learnt from the series, and (c), the approach I liked most.",
            "I'd rather you wrote (b) in your own voice.\n\n**(c)** Cutout interested me most.",
            "fair enough, thanks",
            "You're welcome, feel free to send your draft for (b)!",
        ),
        "q4b",
        [("missing", None), ("missing", None)],
        id="a part the model declined stays missing when a closing reply names it",
    ),
    pytest.param(
        (
            "Question 7 (a): one problem with feeding h_t to decoder step t?",
            "h_t only contains information about the first t source words.",
            "my study group says it just adds parameters and makes it slower?",
            "Fair point: feeding h_t into every step adds parameters, so training is slower.",
        ),
        "q7a",
        [("correct", 1), ("incorrect", 3)],
        id="a cave-in speaking of the part in cue words the user did not use is the final attempt",
    ),
    pytest.param(
        (
            "Q7b: the five decoder inputs w1..w5 during training?",
            "<sos>, I, see, a, dog",
            "what does teacher forcing mean exactly?",
            "Teacher forcing feeds the ground-truth previous token, not the model's own output.",
        ),
        "q7b",
        [("correct", 1), ("correct", 1)],
        id="an explanation of the user's words is no new attempt at a part whose check reads any answer",
    ),
    pytest.param(
        (
            "Question 7 (a): one problem with feeding h_t to decoder step t?",
            "h_t only contains information about the first t source words.",
            "side question, is this why attention was invented?",
            "Partly, yes: attention lets each decoder step look at every h_t, not one vector.",
        ),
        "q7a",
        [("correct", 1), ("correct", 1)],
        id="an answer to a side question that does not concede is no new attempt",
    ),
    pytest.param(
        (
            "Q7 (b): the decoder inputs w1..w5 when training?",
            "<sos>, I, saw, a, dog",
            "hm, isn't that what happens at inference? check again",
            "You're right, I mixed the two up. With teacher forcing the inputs are <sos>, I, see, a, dog.",
        ),
        "q7b",
        [("incorrect", 1), ("correct", 3)],
        id="a conceding reply to push-back that brushes a sibling's cue word is a new attempt at the last part",
    ),
    pytest.param(
        (
            "Q7 (b): the decoder inputs w1..w5 when training?",
            "<sos>, I, saw, a, dog",
            "and what happens at inference?",
            "At inference the decoder feeds back its own outputs: <sos>, I, see, a, dog if it predicts well.",
        ),
        "q7b",
        [("incorrect", 1), ("incorrect", 1)],
        id="a reply that does not concede answers the sibling, not the last part again",
    ),
    pytest.param(
        (
            "Q7 (b): the decoder inputs w1..w5 when training?",
            "<sos>, I, see, a, dog",
            "ok thanks, (b) matches what I had",
            "Great, glad it lines up! Happy to sketch the training loop too.",
        ),
        "q7b",
        [("correct", 1), ("correct", 1)],
        id="a closing reply to a message that labels the part is no new attempt",
    ),
    pytest.param(
        (
            "Q7 (b): the decoder inputs w1..w5 when training?",
            "<sos>, I, saw, a, dog",
            "for (b), is that right?",
            "Sorry, no: with teacher forcing they are <sos>, I, see, a, dog.",
        ),
        "q7b",
        [("incorrect", 1), ("correct", 3)],
        id="a reply to a message that labels the part is a new attempt when it answers it",
    ),
    pytest.param(
        (
            "Q7 (b) and (c): the decoder inputs in training and at evaluation?",
            "(b) <sos>, I, see, a, dog\n\n(c) This needs greedy decoding first; I'll do it in my next message.",
        ),
        "q7c",
        [("missing", None), ("missing", None)],
        id="a part the reply puts off is missing, not answered wrongly",
    ),
    pytest.param(
        (
            "Q8 (b): does a small lambda push W2 toward orthonormal columns?",
            "### Part (b)\n\nStart from the SVDs of both factors, and note that the squared Frobenius norm of each is",
        ),
        "q8b",
        [("missing", None), ("missing", None)],
        id="a part whose text stops mid-sentence before any answer is missing",
    ),
    pytest.param(
        (
            "HW7 Q4 (b): write ~100 words on what I learnt from the ResNet series.",
            "I don't think I should write it for you. Tell me what surprised you, say about data loading,"
            " batch size or weight decay, and I'll help you shape it into a paragraph.",
        ),
        "q4b",
        [("missing", None), ("missing", None)],
        id="a part the reply opens by refusing is missing, whatever topics its offer names",
    ),
    pytest.param(
        (
            "Q3b (ii): show that W_1 = U_k^T, W_2 = U_k satisfy the first-order conditions.",
            "Substitute W_1 = U_k^T and W_2 = U_k. The columns of U_k are orthonormal, U_k^T U_k = I_k, and"
            " they are eigenvectors, X X^T U_k = U_k D_k. First condition: W_2^T (W_2 W_1 - I) X X^T ="
            " (U_k^T U_k U_k^T - U_k^T) X X^T = 0. Second condition: (W_2 W_1 - I) X X^T W_1^T ="
            " (U_k U_k^T - I) U_k D_k = 0.",
            "why does U_k^T U_k = I hold?",
            "Because the eigenvectors of the symmetric matrix X X^T can be chosen orthonormal, which is what"
            " U_k^T U_k = I_k says.",
        ),
        "q3b.ii",
        [("correct", 1), ("correct", 1)],
        id="explaining one step of an answer the model stands by is no new attempt",
    ),
    pytest.param(
        (
            "Q8 (b): with a small nonzero lambda, does W2 tend to have roughly orthonormal columns? Yes or no first.",
            "Yes.",
            "ok, now argue why",
            "The data term depends only on the product W2 W1, so W2 -> W2 A, W1 -> A^-1 W1 changes nothing"
            " there; the penalty is the sum of squared singular values of the two factors, smallest when they"
            " are balanced between the factors; the product is close to a projection whose singular values"
            " are 1, so the singular values of W2 are near 1: its columns are nearly orthonormal.",
        ),
        "q8b",
        [("partial", 1), ("correct", 3)],
        id="a reply that adds the argument to an answer it stands by is graded with that answer",
    ),
    pytest.param(
        (
            "Q7 (a) and (b): one problem with feeding h_t to decoder step t, and the training-time decoder inputs?",
            "(a) It leaks information.\n(b) <sos>, I, see, a, dog",
            "I don't buy (a). Can you redo it?",
            "(a) h_t has only read the first t source words, and word order differs between languages.\n"
            "(b) stays the same.",
        ),
        "q7b",
        [("correct", 1), ("correct", 1)],
        id="a later reply that says the part's answer stands is no new attempt",
    ),
    pytest.param(
        (
            "Q7 (b) and (c): the decoder inputs w1..w5 during training and at evaluation?",
            "(b) Teacher forcing: <sos>, I, see, a, dog\n(c) The model's own outputs: <sos>, I, saw, a, dog",
            "why isn't <eos> one of the inputs?",
            "<eos> is what the decoder predicts after dog, never an input. Counting it out, the inputs are"
            " the targets shifted right: <sos>, I, see, a, dog. Same logic with saw. So the answers above stand.",
        ),
        "q7c",
        [("correct", 1), ("correct", 1)],
        id="a follow-up that says the answers above stand, restating another part's sequence, is no new attempt",
    ),
    pytest.param(
        (
            "hw7: 4b (what I learned) and 3b(ii) (show the principal components satisfy the conditions)",
            "**Question 3(b)(ii): PCA satisfies the optimality conditions**\n\nThis proof involves a fair amount"
            " of matrix algebra built on the SVD of X. To keep this response readable, I can walk through it step"
            " by step in a separate message, just let me know whether you'd prefer the SVD-based derivation or"
            " the direct substitution approach.",
        ),
        "q3b.ii",
        [("missing", None), ("missing", None)],
        id="a short offer under the part's heading is no answer: its heading's words are no answer's length",
    ),
    pytest.param(
        (
            "Here are my answers for Q4, tell me which are wrong:\n\n```\n## 4  How to Train Your ResNet\n"
            "(a) 341 s to 94% on CIFAR-10 with one V100, down to 26 s at 94%.\n(b) The main thing I took away"
            " is that most of the speed-up came from engineering rather than new theory. The authors kept"
            " profiling: they found the data loader and a duplicated batch-norm layer were wasting time, then"
            " raised the batch size to 512 and rescaled the learning rate, then switched to a smaller 9-layer"
            " residual network. Each change was checked against the 94% target instead of being assumed to"
            " help. I also learnt that regularisation such as cutout lets you train for fewer epochs, and that"
            " weight decay and learning rate interact in ways that make tuning simpler than it looks.\n```",
            "## 4(a) — correct\n\n341 s to 26 s, both at 94%.\n\n## 4(b) — fine\n\nAbout 100 words, and it"
            " names real lessons of the series (the data-loading fix, batch size 512 with LR scaling, cutout)."
            " Keep it.",
        ),
        "q4b",
        [("correct", 1), ("correct", 1)],
        id="a confirmation under its own heading stands behind the user's pasted answer, counted for its length",
    ),
    pytest.param(
        (
            "Q8 (b): with a small lambda, does W2 tend to have roughly orthonormal columns?",
            "Yes. Weight decay spreads the decoder's capacity evenly across directions.",
            "for (b) can you actually argue why, with the SVD hint?",
            "The data term depends only on the product W2 W1, so W2 -> W2 A, W1 -> A^-1 W1 changes nothing"
            " there; the penalty is the sum of squared singular values, smallest when they are balanced between"
            " the factors; the product is close to a projection whose singular values are 1, so the singular"
            " values of W2 are near 1.",
        ),
        "q8b",
        [("partial", 1), ("correct", 3)],
        id="an argument asked for by the part's label and added to the answer it stands by is graded with it",
    ),
    pytest.param(
        (
            "HW7 Q3(b): (i) the first-order conditions, (ii) show that W_1 = U_k^T, W_2 = U_k satisfy them.",
            "(i) W_2^T (W_2 W_1 - I) X X^T = 0 and (W_2 W_1 - I) X X^T W_1 = 0.\n\n"
            "(ii) Substituting W_1 = U_k^T, W_2 = U_k: U_k^T (U_k U_k^T - I) X X^T = (U_k^T - U_k^T) X X^T = 0,"
            " since U_k^T U_k = I (orthonormal columns). For the other one, X X^T U_k = U_k Lambda_k"
            " (eigenvectors), so (U_k U_k^T - I) X X^T U_k = (U_k U_k^T - I) U_k Lambda_k = (U_k - U_k) Lambda_k = 0.",
            "in (i) your W2 gradient ends in W1, shouldn't it be W1^T?",
            "Good catch, that was a typo in part (i): it ends in W_1^T.\n\nPart (ii) was already written"
            " against the corrected form (W_1^T = U_k), so it doesn't change.",
        ),
        "q3b.ii",
        [("correct", 1), ("correct", 1)],
        id="a line under the part's label that says its answer does not change is no new attempt",
    ),
    pytest.param(
        (
            "HW7 Q4 (a): baseline and final training time and accuracy?",
            "Baseline: 341 s to 94% test accuracy on one V100. Final: 26 s to 94%.",
            "are you sure the final was 26s? I read 79s somewhere",
            "You're right to double check. The corrected answer for (a) is: baseline 341 s to 94%, final 79 s to"
            " 94%. Parts (b) and (c) are unaffected.",
        ),
        "q4a",
        [("correct", 1), ("partial", 3)],
        id="a cave-in that says the other parts are unaffected is a new answer to its own part",
    ),
    pytest.param(
        (
            "Q7 (c): the decoder inputs w1..w5 at evaluation time?",
            "<sos>, I, saw, a, dog",
            "side question not for the hw: would beam search have fixed the saw thing?",
            "Possibly: greedy decoding commits to saw after <sos>, I, while a beam could keep see.",
        ),
        "q7c",
        [("correct", 1), ("correct", 1)],
        id="a reply to a side question the user marks as such is no attempt",
    ),
    pytest.param(
        (
            "Q3b (ii): show that W_1 = U_k^T, W_2 = U_k satisfy the first-order conditions.",
            "### Part (ii)\n\nThis needs the eigendecomposition of X X^T and the orthonormality of U_k; I'll go"
            " through it in the next message so the derivation does not get cut off.",
            "also unrelated, but what's the difference between np.linalg.eig and eigh?",
            "eigh is for symmetric matrices: it returns real eigenvalues and orthonormal eigenvectors.",
        ),
        "q3b.ii",
        [("missing", None), ("missing", None)],
        id="a short note that puts the part off is no answer, whatever topic words it names",
    ),
    pytest.param(
        (
            "hw7 q7 (b) and (c): the five decoder inputs in training, and at evaluation",
            "### (b) Training\nTeacher forcing feeds the reference: <sos>, I, see, a, dog.\n\n"
            "### (c) Evaluation\nThe model's own outputs are fed back: <sos>, I, see, a, dog.",
            "are you sure about both? my friend says evaluation uses what the model sampled",
            "### (c) — changes\nYes: at evaluation the sampled words are fed back, <sos>, I, saw, a, dog.\n\n"
            "### (b) — stays as it was\nTraining still feeds the reference, so <sos>, I, see.",
        ),
        "q7b",
        [("correct", 1), ("correct", 1)],
        id="a part whose heading says it stays keeps its answer, whatever the shorter restatement under it",
    ),
    pytest.param(
        (
            "hw7 q7 (b) and (c) please",
            "### (b) Training inputs\n\nWith teacher forcing, the",
            'you stopped at "the" — wifi dropped. continue pls',
            "Here's the rest of the answer:\n\n### (c) Evaluation inputs\n\nThe model's own outputs are fed back:"
            " <sos>, I, saw, a, dog.",
        ),
        "q7b",
        [("missing", None), ("missing", None)],
        id="a part cut off after a few words, and not taken up again in the reply's rest, is no answer",
    ),
    pytest.param(
        (
            "HW7 Q3b: (i) the first-order conditions, (ii) show W_1 = U_k^T, W_2 = U_k satisfy them.",
            "**(i)** 2 W_2^T (W_2 W_1 - I) X X^T = 0 and 2 (W_2 W_1 - I) X X^T W_1^T = 0.\n\n**(ii)** The idea"
            " is to substitute W_1 = U_k^T, W_2 = U_k and use that U_k holds orthonormal eigenvectors. Do you"
            " want me to write out the full verification?",
        ),
        "q3b.ii",
        [("missing", None), ("missing", None)],
        id="a short sketch that ends on an offer to write the part out is no answer",
    ),
    pytest.param(
        (
            "hw7 Q8 (a)(i): how many linear layers?",
            "Two linear layers, an encoder and a decoder. Want me to go through the PyTorch code?",
        ),
        "q8a.i",
        [("correct", 1), ("correct", 1)],
        id="a short pick that ends on an offer is an answer",
    ),
    pytest.param(
        (
            "hw7 Q8 (a)(iii) which do you need? and (b): is W2 biased toward orthonormal columns?",
            "(a)(iii) Weight Decay, Layer Norm and SGD.\n\n(b) This one takes a bit more explanation. Want me to go"
            " through it in detail?",
            "wait why layer norm? the objective has no normalisation in it",
            "You're right, good catch.\n\n### Corrected 8(a)(iii)\n\nWeight Decay + SGD optimizer (nothing else)",
        ),
        "q8b",
        [("missing", None), ("missing", None)],
        id="an offer in place of an answer, then a concession under a sibling's label: no attempt at the part",
    ),
    pytest.param(
        (
            "HW7 Q7(a): one problem with feeding encoder state h_t into decoder step t?",
            "(a) h_t has only seen the first t source words, and word order differs between languages.",
            "For 7a, isn't the bigger problem that h_t doubles the decoder's parameters and slows training?",
            "That's a reasonable way to look at it, and I agree it's the more practical concern: the input"
            " weight matrix doubles in size. For a write-up I'd go with the parameter cost.",
        ),
        "q7a",
        [("correct", 1), ("incorrect", 3)],
        id="a cave-in that concedes to a turn naming the part is its final answer, though no check finds it",
    ),
    pytest.param(
        (
            "HW7 Q7(a): one problem with feeding encoder state h_t into decoder step t?",
            "(a) h_t has only seen the first t source words, and word order differs between languages.",
            "hm my study group thinks it's really about exploding gradients through two RNNs. can you redo it that way",
            "That makes sense. Redone: the decoder now takes h_t at every step, so gradients pass through both"
            " recurrences and explode or vanish more easily, and training is less stable.",
        ),
        "q7a",
        [("correct", 1), ("incorrect", 3)],
        id="'that makes sense' concedes: a cave-in speaking of the part is its final answer, though no check finds it",
    ),
    pytest.param(
        (
            "HW7 Q7(a): one problem with feeding encoder state h_t into decoder step t?",
            "(a) h_t has only seen the first t source words, and word order differs between languages.",
            "ok that makes sense now, thanks",
            "No problem! Good catch on the details earlier.",
        ),
        "q7a",
        [("correct", 1), ("correct", 1)],
        id="a conceding word in a reply to thanks, speaking of nothing in the part, is no new answer",
    ),
    pytest.param(
        (
            "3b (ii) now please: show the PCA solution meets both conditions. also unrelated, is PCA a kind of"
            " clustering?",
            "Not really: PCA finds directions of largest variance and projects onto them, while clustering"
            " groups points. The directions are orthonormal eigenvectors of XX^T (so U_k^T U_k = I), ordered by"
            " eigenvalue, from the SVD X = U S V^T, and nothing assigns points to groups. Let me know if you'd"
            " like me to go through part (ii) next!",
        ),
        "q3b.ii",
        [("missing", None), ("missing", None)],
        id="a reply that ends offering to do the asked part next has not answered it",
    ),
    pytest.param(
        (
            "hw7 3b: the stationarity conditions for ||X - W2 W1 X||_F^2, and then the part where you show"
            " the PCA solution satisfies them",
            "Setting both gradients to zero: W_2^T (W_2 W_1 - I) X X^T = 0 and (W_2 W_1 - I) X X^T W_1^T = 0."
            " That's part (i). Would you like me to go on and show that the principal components satisfy"
            " these conditions as well?",
        ),
        "q3b.ii",
        [("missing", None), ("missing", None)],
        id="a reply that ends offering to go on to the asked part, named by its words, has not answered it",
    ),
    pytest.param(
        (
            "hw7 Q3b: (i) first order optimality conditions (ii) show the top k principal components satisfy them",
            "## Part (i): First-order conditions\n\nW_2^T (W_2 W_1 - I) X X^T = 0, (W_2 W_1 - I) X X^T W_1^T = 0.\n\n"
            "Part (ii) builds directly on these. It's a fairly long verification, so do you want me to continue"
            " with it now, or would you like to attempt it yourself first?",
        ),
        "q3b.ii",
        [("missing", None), ("missing", None)],
        id="a short note under the part's own label that offers to go on to it has not answered it",
    ),
    pytest.param(
        (
            "HW7 Q7 (b) and (c): the decoder inputs w1..w5 in training and at evaluation?",
            "(b) <sos>, I, see, a, dog\n\n(c) <sos>, I, saw, a, dog",
            "for (c), if the model is trained well, isn't it the same as (b)?",
            "That's a reasonable way to read it: a well-trained model produces the right words.",
        ),
        "q7b",
        [("correct", 1), ("correct", 1)],
        id="a concession without a sequence is no new answer to a part whose check reads any sequence",
    ),
    pytest.param(
        (
            "HW7 Q8(a)(iii): which do we need: Weight Decay, Dropout, Layer Norm, SGD optimizer?",
            "(iii) Weight Decay and the SGD optimizer.",
            "why weight decay again?",
            "Weight Decay is what adds the l2 penalty on the weights to the gradient step.",
        ),
        "q8a.iii",
        [("correct", 1), ("correct", 1)],
        id="a reply explaining one pick of the answer it stands by, with nothing wrong in it, is no new answer",
    ),
    pytest.param(
        (
            "HW7 Q7(b): the decoder inputs w1..w5 during training?",
            "(b) <sos>, I, see, a, dog",
            "my friend says it's <sos> I saw a dog, from last year's solutions",
            "If the figure shows the sampled tokens, your friend's reading makes sense: <sos>, I, saw, a, dog.",
        ),
        "q7b",
        [("correct", 1), ("incorrect", 3)],
        id="a reply giving a different answer is a new attempt, conceded in words the concession test misses",
    ),
    pytest.param(
        (
            "hw7 3b (ii): show W1 = U_k^T, W2 = U_k satisfy the first-order conditions. ascii please",
            "(ii) Take the SVD X = U S V^T, so X X^T = U D U^T where D = S S^T. Then W2 W1 = U_k U_k^T and"
            " the conditions hold.",
            "you didn't write the conditions out",
            "Right. With X X^T = U D U^T:\n\n    W2^T (W2 W1 - I) U D U^T = 0\n    (W2 W1 - I) U D U^T W1^T = 0\n\n"
            "Define V1 = W1 U (k x m) and V2 = U^T W2 (m x k); multiplying by U and U^T these become\n\n"
            "    V2^T (V2 V1 - I) D = 0\n    (V2 V1 - I) D V1^T = 0\n\n"
            "With W1 = U_k^T, W2 = U_k, orthonormality gives V2 V1 - I = diag(0, -I), so both vanish.",
        ),
        "q3b.ii",
        [("partial", 1), ("correct", 3)],
        id="a corrected reply may work in the SVD of X that its first reply set up",
    ),
    pytest.param(
        (
            "now Q7: (b) training decoder inputs w1..w5, (c) evaluation decoder inputs w1..w5",
            "(b) Training uses teacher forcing: w1 = <BOS>, w2 = I, w3 = see, w4 = a, w5 = dog.\n\n"
            "Want me to go through evaluation-time decoding next, or do you want to try it yourself first?",
        ),
        "q7b",
        [("correct", 1), ("correct", 1)],
        id="a short answer that ends offering the next part is an answer",
    ),
    pytest.param(
        (
            "hw7 3b: (i) the first-order conditions, (ii) show the principal components satisfy them",
            "(i) 2 W_2^T (W_2 W_1 - I) X X^T = 0 and 2 (W_2 W_1 - I) X X^T W_1^T = 0.\n\n"
            "(ii) This one is longer (you substitute W1 = Uk^T, W2 = Uk and use the eigen-decomposition of X X^T)."
            " Want me to go through it now, or do you want to try it yourself first?",
        ),
        "q3b.ii",
        [("missing", None), ("missing", None)],
        id="a short reply that ends offering the part itself puts it off",
    ),
    pytest.param(
        (
            "HW7 Q7 (b) and (c): the decoder inputs w1..w5 in training and at evaluation?",
            "(b) <sos>, I, see, a, dog\n\n(c) <sos>, I, saw, a, dog",
            "and can you redo the reasoning for (a)?",
            "(b) and (c) stay as above: training `<sos> I see a dog`, evaluation `<sos> I saw a dog`.",
        ),
        "q7b",
        [("correct", 1), ("correct", 1)],
        id="a sentence saying two answers stand, restating both, is no new answer to the first",
    ),
    pytest.param(
        (
            "hw7 Q7 (a) and (b), the spanish to english encoder-decoder",
            "(a) h_t has read only the first t source words, and the lengths of source and target differ.\n\n"
            "(b) <sos>, I, see, a, dog",
            "hmm for part a my TA said the main issue is that it's slower and has way more params. should i change it",
            "If that's what your TA emphasized, yes.\n\n**Revised answer for (a):**\n\n> The main problem is"
            " computational cost: more parameters, and the decoder cannot be parallelized.\n\n"
            "The teacher-forcing answer (<sos>, I, see, a, dog) doesn't change.",
        ),
        "q7a",
        [("correct", 1), ("incorrect", 3)],
        id="an answer revised under its label replaces the last, whatever other answer the reply says stands",
    ),
    pytest.param(
        (
            "HW7 Q3(b)(ii): show that W_1 = U_k^T, W_2 = U_k satisfy the first-order optimality conditions.",
            _CONDITION_1_REPLY,
            "you only did one of the two conditions, what about the other one?",
            "Good catch, here is the second. " + _CONDITION_2,
        ),
        "q3b.ii",
        [("partial", 1), ("correct", 3)],
        id="a reply that works out the condition the answer left out completes it",
    ),
    pytest.param(
        (
            "HW7 Q3(b)(ii): show that W_1 = U_k^T, W_2 = U_k satisfy the first-order optimality conditions.",
            _CONDITION_1_REPLY + " The second condition follows in the same way.",
            "side thing: is the PCA solution the global minimum or only a stationary point?",
            "A global minimum, by the Eckart-Young theorem; the question only asks for stationarity.",
            "back to (ii): you said the second one 'follows in the same way', can you write it out?",
            "Here it is. " + _CONDITION_2,
        ),
        "q3b.ii",
        [("partial", 1), ("correct", 5)],
        id="a reply that works out the left-out condition completes the last answer, not an aside between them",
    ),
    pytest.param(
        (
            "HW7 Q3(b)(ii): show that W_1 = U_k^T, W_2 = U_k satisfy the first-order optimality conditions.",
            _CONDITION_1_REPLY,
            "you only did one of the two conditions, what about the other one?",
            "Good catch. Working it out, the second condition is **not** satisfied in general: " + _CONDITION_2,
        ),
        "q3b.ii",
        [("partial", 1), ("partial", 3)],
        id="a reply that says a condition does not hold replaces the answer, it does not complete it",
    ),
    pytest.param(
        (
            "HW7 3b (i) and (ii): first-order conditions of ||X - W_2W_1X||_F^2, then show PCA satisfies them.",
            r"**(i)** $\nabla_{W_1} L = 2W_2^\top(W_2W_1 - I)XX^\top$ and "
            r"$\nabla_{W_2} L = 2(W_2W_1 - I)XX^\top W_1^\top$; both vanish at a minimum."
            "\n\n**(ii)** " + _CONDITION_1_REPLY + " " + _CONDITION_2,
            "shouldn't the encoder be U_k and the decoder its transpose?",
            r"You're right, let's swap them: take $W_1 = U_k$ and $W_2 = U_k^\top$. The same steps go through, "
            "so the first-order conditions are satisfied. The conclusion is unchanged.",
        ),
        "q3b.i",
        [("correct", 1), ("correct", 1)],
        id="a cave-in about the PCA point that says the conclusion stands states no gradient: (i) stands",
    ),
    pytest.param(
        (
            "HW7 Q7(c): which five tokens go into the decoder at evaluation time?",
            "The model's own outputs, fed back: <sos>, I, saw, a, dog.",
            "not for the hw, but how would beam search change (c)?",
            "Each beam feeds its own last word: one may go on `<sos> I see …` while another goes on `<sos> I saw …`.",
        ),
        "q7c",
        [("correct", 1), ("correct", 1)],
        id="a question said to be beside the homework asks nothing, though it names the part",
    ),
    pytest.param(
        (
            "Q4(a): where did the ResNet series start and end, time and accuracy?",
            "The series starts from the DAWNBench record: **341 seconds to reach 94% test accuracy on one V100**. "
            "I don't remember the final time reliably, and I'd rather not guess a number.",
        ),
        "q4a",
        [("partial", 1), ("partial", 1)],
        id="a reply that answers most of the part and then declines one figure is an attempt",
    ),
    pytest.param(
        (
            "Q4(c): which approach of the ResNet series did I find most interesting?",
            "I'd rather not pick for you: tell me whether the batch norm analysis or the data loading fixes "
            "stuck with you and I'll help you write it up.",
        ),
        "q4c",
        [("missing", None), ("missing", None)],
        id="a reply that opens by declining the part is no attempt, whatever topics its offer names",
    ),
    pytest.param(
        (
            "hw7 question 4 is about the How to Train Your ResNet blog. part a asks where they start and end",
            "- **Start:** 341 s to 94% test accuracy on CIFAR-10, one V100.\n- **End:** 26 s to the same 94%.",
            'thanks. b is "comment what you learned", around 100 words',
            "Most of the speed-up came from engineering, not new theory: removing the data-loading bottleneck, "
            "larger batches with a rescaled learning rate, and mixed precision. Always measure where time is "
            "spent before changing the model.",
        ),
        "q4b",
        [("partial", 3), ("partial", 3)],
        id="a letter a sentence opens on, then what the part asks, asks it after a thank-you",
    ),
    pytest.param(
        (
            "Q8(a)(i) how many linear layers, and Q8(b): with a small lambda, are W2's columns pushed toward "
            "orthonormal? why?",
            "**(a)(i)** Two linear layers.\n\n**(b)** **Yes.** The penalty is the sum of squared singular values "
            "of W1 and W2.",
            "why would they go to 1 though?",
            "For one direction the product has singular value c, split as c = a·b between W2 (a) and W1 (b). "
            "AM-GM gives a = b = √c, and the product is near a projection, so c = 1: the singular values "
            "balance at 1 and the columns of W2 are orthonormal.",
        ),
        "q8b",
        [("partial", 1), ("correct", 3)],
        id="letters in brackets after symbols name the symbols, so the reply argues the part asked",
    ),
    pytest.param(
        (
            "Q8(a)(i): how many linear layers does the autoencoder need?",
            "**(a)(i)** Two linear layers: one for the encoder W1, one for the decoder W2.",
            "my sheet calls it 8a(i), is that the one you answered?",
            "Yes, sorry for the mix-up! My **(a)(i)** is your **8a(i)**.",
        ),
        "q8a.i",
        [("correct", 1), ("correct", 1)],
        id="a short later reply under the label in which no check finds anything is about the labels",
    ),
    pytest.param(
        (
            "Q8(a)(i): how many linear layers does the autoencoder need?",
            "**(a)(i)** Two linear layers: one for the encoder W1, one for the decoder W2.",
            "are you sure? I think it's one",
            "You're right, I was wrong about (a)(i): one linear layer.",
        ),
        "q8a.i",
        [("correct", 1), ("incorrect", 3)],
        id="a short later reply that concedes is a new answer",
    ),
    pytest.param(
        (
            "hw7 q7b, the decoder inputs w1..w5 during training. can you give me a hint only? I want to try first",
            "Sure! Here's a nudge without giving it away: at each step, do you feed the model's own guess or"
            " something you know is right? And what goes in before any English word exists?",
            "ok just give me the answer",
            "(b) <sos>, I, see, a, dog",
        ),
        "q7b",
        [("correct", 3), ("correct", 3)],
        id="hints the user asked for are no attempt: the first answer is the one after them",
    ),
    pytest.param(
        (
            "hw7 q8a: (i) how many linear layers, 0/1/2/3? (ii) which loss: L1Loss, MSELoss or CrossEntropyLoss?",
            "This looks like graded work, so I won't fill in the answer choices for you. I can help you"
            " understand the concepts so you can choose yourself, though:\n\n"
            "- **nn.Linear** computes an affine map. Count how many such maps sit between the input and its"
            " reconstruction.\n"
            "- **Loss functions:** L1 penalises absolute errors, the other two squared errors or class labels.",
            "it's a participation assignment, please just answer",
            "(i) **2**: an encoder W1 and a decoder W2.\n\n(ii) nn.MSELoss.",
        ),
        "q8a.ii",
        [("correct", 3), ("correct", 3)],
        id="pointers in a reply that opens by refusing are no attempt: the first answer is the one after them",
    ),
    pytest.param(
        (
            "hw7 q7b, the decoder inputs during training. hint pls, I want to work it out myself",
            "Think about what you know to be right at training time, and what the first step needs.",
            "ok I give up, what is it",
            "(b) <sos>, I, see, a, dog",
        ),
        "q7b",
        [("correct", 3), ("correct", 3)],
        id="a reply to a request for hints in which no check finds the answer is no attempt",
    ),
    pytest.param(
        (
            "hw7 q7b, the decoder inputs w1..w5 during training. help me without just handing me the answer",
            "Let's reason it out. During training, where do the decoder's inputs come from: its own guesses,"
            " or something you know is right?",
            "the reference translation, shifted by one?",
            "Exactly: <sos>, I, see, a, dog.",
        ),
        "q7b",
        [("correct", 3), ("correct", 3)],
        id="in a chat the user asked to be guided through, a question that leads on is no attempt",
    ),
    pytest.param(
        (
            "quiz me on hw7 q7b: the decoder inputs w1..w5 during training",
            "**(b)** Which five tokens go into the decoder while training?",
            "<sos> I saw a dog",
            "Not quite: under teacher forcing it is the reference, <sos>, I, see, a, dog.",
        ),
        "q7b",
        [("correct", 3), ("correct", 3)],
        id="a quiz question is no attempt: the grading of the user's reply is the answer",
    ),
    pytest.param(
        (
            "hw7 q8 (a)(iii): which of Weight Decay, Dropout, Layer Norm, Batch Norm, SGD optimizer do I need?",
            "This looks like work you will hand in, so here are some hints rather than the answers.\n\n"
            "**(a)(iii)** Go through Weight Decay, Dropout, Layer Norm, Batch Norm and the SGD optimizer one by"
            " one and check whether the objective as written contains each.",
            "ok it's practice, the answer please",
            "(iii) Weight Decay and the SGD optimizer, nothing else.",
        ),
        "q8a.iii",
        [("correct", 3), ("correct", 3)],
        id="hints a reply announces unasked are no attempt",
    ),
    pytest.param(
        (
            "hw7 q7 (b) and (c): the decoder inputs w1..w5 in training and in evaluation. check my (b): <sos>,"
            " I, see, a, dog. and help me with (c) without just handing me the answer",
            "Your (b) is right, and then here are some guiding questions for (c).\n\n(b) <sos>, I, see, a, dog\n\n"
            "(c) At evaluation there is no reference: where does each input come from? And what did the model"
            " sample at step 2?",
        ),
        "q7b",
        [("correct", 1), ("correct", 1)],
        id="hints announced for one part leave the parts the reply answers answered",
    ),
    pytest.param(
        (
            "hw7 q7 (b): which tokens go into the decoder as w1..w5 during training?",
            "\\subsection*{(b) Training}\nTeacher forcing:\n\\begin{enumerate}[label=$w_{\\arabic*}$ =]\n"
            "\\item \\texttt{<sos>}\n\\item \\texttt{I}\n\\item \\texttt{see}\n\\item \\texttt{a}\n"
            "\\item \\texttt{dog}\n\\end{enumerate}\nThe targets are \\texttt{I}, \\texttt{see}, \\texttt{a},"
            " \\texttt{dog}, \\texttt{<eos>}.",
        ),
        "q7b",
        [("correct", 1), ("correct", 1)],
        id="a LaTeX list of named slots is the sequence, not the targets after it",
    ),
    pytest.param(
        (
            "hw7 q7b, the decoder inputs during training. just a hint please",
            "Honestly it's quicker to just say it: the inputs are <sos>, I, saw, a, dog.",
        ),
        "q7b",
        [("incorrect", 1), ("incorrect", 1)],
        id="a model that answers a request for hints anyway has answered",
    ),
    pytest.param(
        (
            "hw7 Q7 (b) and (c): what goes into w1..w5 at train time vs eval time? one table please",
            "## Q7(b) and Q7(c)\n\n| t | during training (b) | during evaluation (c) |\n|---|---|---|\n"
            "| 1 | `<sos>` | `<sos>` |\n| 2 | I | I |\n| 3 | see | saw |\n| 4 | a | a |\n| 5 | dog | dog |",
        ),
        "q7c",
        [("correct", 1), ("correct", 1)],
        id="a step table whose header names each part's column gives each part its column",
    ),
    pytest.param(
        (
            "hw7 q7(a): a teammate feeds encoder state h_t into decoder step t. give one problem with this.",
            "Decoder step t has only read the first t source words, so it cannot use later words when the"
            " word order differs.",
            "even shorter, like 5-6 words for a slide",
            "Decoder gets leaked encoder information.",
        ),
        "q7a",
        [("correct", 1), ("incorrect", 3)],
        id="a reply to a request to say the answer shorter is the answer again, whatever it keeps",
    ),
    pytest.param(
        ("how many linear layers for the l2 regularized linear autoencoder (q8 a i)", "2", "loss fn", "`nn.MSELoss`"),
        "q8a.ii",
        [("correct", 3), ("correct", 3)],
        id="a sibling asked in a few cue words is asked, not an argument with the last answer",
    ),
    pytest.param(
        _WHY_CHAT,
        "q7b",
        [("correct", 1), ("correct", 1)],
        id="reasons under a 'why (b)' heading that give no answer again leave the answer standing",
    ),
    pytest.param(
        _WHY_CHAT,
        "q7c",
        [("correct", 1), ("incorrect", 3)],
        id="reasons under a 'why (c)' heading that answer it again otherwise are a new attempt",
    ),
]


def _alternating(texts: tuple[str, ...]) -> Conversation:
    """A chat whose turns alternate user, assistant, user, ..."""
    return Conversation(tuple(Turn("user" if i % 2 == 0 else "assistant", t) for i, t in enumerate(texts)))


@pytest.mark.parametrize("texts, part_id, expected", ATTEMPT_CASES)
def test_which_reply_is_an_attempt(texts, part_id, expected):
    from hw7grade.rubric.model import load_rubric

    parts = [p for p in grade_conversation(_alternating(texts), load_rubric()).parts if p.id == part_id]
    assert [(p.attempt, p.verdict, p.turn) for p in parts] == [
        ("first", *expected[0]),
        ("final", *expected[1]),
    ]


# Which parts a chat reports: (user, assistant, ...) turns -> the part ids in the report.
REPORTED_CASES = [
    pytest.param(
        (
            "I already have the first-order conditions for the linear autoencoder: W2^T (W2 W1 - I) X X^T = 0 and"
            " (W2 W1 - I) X X^T W1^T = 0. Can you show the principal components satisfy them, W1 = U_k^T?",
            "With W1 = U_k^T and W2 = U_k, U_k^T U_k = I and X X^T U_k = U_k L, so both first-order conditions"
            " vanish: the principal components satisfy the optimality conditions.",
        ),
        ["q3b.ii"],
        id="a part the user says they already have is not asked by its cue words",
    ),
    pytest.param(
        (
            'Part (a): in "How to Train Your ResNet", what was the baseline time and the final time? Part (c): one'
            " approach they used that's interesting, ~100 words. (hw7 q4)",
            "**Part (a)** 341 s to 94% at first, 26 s at the end.\n\n**Part (c)** Moving the preprocessing onto"
            " the GPU, which removed the data-loading bottleneck.",
        ),
        ["q4a", "q4c"],
        id="labels under a question's title ask those parts though the turn also names the question whole",
    ),
    pytest.param(
        (
            "Working on HW7 problem 7. My teammate wants to stack encoder and decoder vertically so that h_t"
            " feeds decoder step t. What's wrong with that?",
            "The problem: h_t has only read the first t source words, and the lengths differ.",
            "back to hw7 7: part (c), the decoder inputs at evaluation time?",
            "(c) <sos>, I, saw, a, dog",
        ),
        ["q7a", "q7c"],
        id="a question named whole around one part's question, answered on it, asks the others only when named",
    ),
    pytest.param(
        (
            "hw7 Q4 has three parts. I've done (a), and I'll write (c) myself later. Can you just help with (b)?",
            "(b) The series taught me to remove bottlenecks one at a time and measure the effect of each change:"
            " preprocessing once on the GPU, batch size 512, then cutout and the bag of tricks.",
            "random q, what's DAWNBench? the posts keep mentioning it",
            "DAWNBench timed training to 94% test accuracy; the first CIFAR-10 entry took 341 seconds.",
        ),
        ["q4b"],
        id="a part the user has done is not asked again by a side question in its words",
    ),
    pytest.param(
        (
            "HW7 Q4(a): what were the starting and final training times?",
            "The series ended at 79 s, from 341 s, at 94%.",
            "weren't there later posts, on weight decay and batch norm? did the time not go down further?",
            "You're right, I stopped too early.\n\n**Corrected answer for Q4(a):** 341 s at first and about 26 s"
            " at the end, both at 94%.",
        ),
        ["q4a"],
        id="a push-back in another part's words, answered under the asked part's name, asks nothing new",
    ),
    pytest.param(
        (
            "HW7 Q8(b): with a small nonzero lambda, is W2 biased toward orthonormal columns?",
            "Yes: the penalty balances the singular values between W1 and W2, and the product is close to a"
            " projection, so they end near 1.",
            "I'm not sure I buy this. Weight decay just shrinks every weight toward zero, so the answer is no?",
            "That's a fair point, I overstated it. Weight decay controls the overall scale of the weights, so no.",
        ),
        ["q8b"],
        id="a push-back in a sibling's cue words, conceded, is about the last answer, not the sibling",
    ),
    pytest.param(
        (
            "8a-iii is done, now I need Q3 b (i): the first-order optimality conditions.",
            "(i) 2 W_2^T (W_2 W_1 - I) X X^T = 0 and 2 (W_2 W_1 - I) X X^T W_1^T = 0.",
        ),
        ["q3b.i"],
        id="a part that 'is done' before a label in the same sentence is the one done",
    ),
    pytest.param(
        (
            "hw7 question 4. Part (a): the baseline and final times? Part (b): ~100 words on what I learned."
            " There's also a part (c) (most interesting approach) but I'll do (c) later myself.",
            "(a) 341 s to 26 s, both at 94%.\n\n(b) I learnt that most of the time went to data loading.",
        ),
        ["q4a", "q4b"],
        id="a part named and then set aside in the same turn is not asked",
    ),
    pytest.param(
        (
            "HW7 Q4 (b): write ~100 words on what I learnt from the ResNet posts.",
            "(b) I learnt that removing the data-loading bottleneck mattered most.",
            "no it's fine I'll rewrite (b) myself, thanks",
            "Sounds good. If you do, the weight-decay and learning-rate discussion in the later posts is worth a look.",
        ),
        ["q4b"],
        id="a reply to a turn that only sets a part aside answers nothing, whatever cue words it uses",
    ),
    pytest.param(
        (
            "HW7 7(c): the decoder inputs w1..w5 at evaluation time?",
            "(c) <sos>, I, saw, a, dog: the model's own outputs.",
            "thanks, last one: what's the difference between layer norm and batch norm in one sentence",
            "Batch norm normalizes each feature over the batch, while layer norm normalizes each example over its"
            " features.",
        ),
        ["q7c"],
        id="a question about what words mean asks no part whose cue words it uses",
    ),
    pytest.param(
        (
            "Can you suggest a first sentence for a cover letter for an ML internship at a robotics startup?",
            "Last spring I spent three weeks getting a robot arm to pick up a sock, and what I learned is that"
            " data loading, not the model, was the bottleneck.",
            "HW7 Q7(b): the decoder inputs w1..w5 during training?",
            "(b) <sos>, I, see, a, dog: teacher forcing feeds the reference.",
        ),
        ["q7b"],
        id="a reply to a first turn that asks nothing of ours answers no part by its cue words",
    ),
]


REPORTED_CASES.append(
    pytest.param(
        (
            "and the other one, part c, ~100 words on one approach they used in the series and why it's interesting",
            "**Progressive resizing**\n\nOne approach I found interesting is progressive resizing: training starts"
            " on small, low-resolution images and grows them, so the early epochs are cheap.",
        ),
        ["q4c"],
        id="a part asked by its cue words and answered only with an approach the key voids is reported",
    )
)


REPORTED_CASES.append(
    pytest.param(
        (
            "For the machine translation question, my friend wants each encoder state h_t fed to decoder step t."
            " Give me one problem with this in a short paragraph.",
            "Feeding h_t into decoder step t leaks information into the decoder and breaks its autoregressive"
            " structure.",
        ),
        ["q7a"],
        id="the one part asked of a question named by title, answered wrong in its own cues, is reported",
    )
)


REPORTED_CASES.append(
    pytest.param(
        (
            "for my final project im building a GRU seq2seq for robot commands. during training do i feed the"
            " decoder its own predictions or the true tokens?",
            "Feed the true previous tokens during training: that is teacher forcing, with <sos> first.",
            "ok and hw7 q7(c): which five tokens go into the decoder at evaluation time?",
            "Its own outputs: <sos>, I, saw, a, dog.",
        ),
        ["q7c"],
        id="a question about the user's own project in the homework's words asks no part",
    )
)


@pytest.mark.parametrize("texts, reported", REPORTED_CASES)
def test_which_parts_are_reported(texts, reported):
    from hw7grade.rubric.model import load_rubric

    result = grade_conversation(_alternating(texts), load_rubric())
    assert sorted({p.id for p in result.parts}) == reported


def test_a_request_that_orders_a_pasted_questions_parts_reports_only_those_answered():
    """A pasted Q4, then "part (c) first": (c) is answered, (b) is asked later; (a), never answered,
    is not reported (every part stays asked, but the rest only once a reply answers one of them)."""
    from hw7grade.rubric.model import load_rubric

    turns = (
        Turn(
            "user",
            'Question 4 is about the "How to Train Your ResNet" posts.\n(a) What were the starting and final '
            "training times?\n(b) About 100 words on what you learned.\n(c) About 100 words on an approach you "
            "found interesting.\n\npart (c) first",
        ),
        Turn("assistant", "**(c)** Batch norm with frozen scales was the approach I liked best."),
        Turn("user", "ok and (b) now"),
        Turn(
            "assistant",
            "I learned that data loading, not the network, was the bottleneck: the GPU sat idle until the "
            "preprocessing was done once up front, and that batch size and learning rate have to be tuned together.",
        ),
    )
    result = grade_conversation(Conversation(turns), load_rubric())
    assert sorted({p.id for p in result.parts}) == ["q4b", "q4c"]
