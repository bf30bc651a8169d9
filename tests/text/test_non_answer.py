"""Text that holds no answer to a part: put off, declined, or cut off mid-sentence."""

from __future__ import annotations

import pytest

from hw7grade.text.non_answer import (
    asks_for_hints,
    cut_off,
    declines,
    ends_on_offer,
    hides_answer,
    hints_scope,
    holds_no_answer,
    keeps_answer,
    only_guides,
    only_offers,
    only_stands,
    puts_off,
    standing_spans,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Part (b) needs a longer argument; I'll address it in my next message.", True),
        ("I'd rather not write this one for you: it asks what you learnt.", True),
        ("Part (c) builds on (b); I'll go through it once you're ready.", True),
        ("Can you confirm these match your class's conventions? Once you confirm, I'll write the proof.", True),
        ("I'll need a bit more information about how your course defines U_k.", True),
        ("I'd be glad to help, but I need a bit more context: which blog does Question 4 refer to?", True),
        ("Stacking can mean a few things. Could you paste the exact setup your homework describes?", True),
        ("It depends on the figure's tokens; if you can paste the figure, I'll fill in the sequence.", True),
        ("Which post did you find most interesting? Tell me and I'll draft ~100 words around it.", True),
        ("For part (a) I'd need to double-check the figures before giving you numbers.", True),
        ("Before I draft (c): do you want me to pick the approach? Let me know and I'll write it.", True),
        ("Reread that post, jot down what surprised you, and send them over; I'll help you polish it.", True),
        ("Noted. Send 3/3 and I'll answer everything together.", True),
        ("Send the last piece and I will go through all three parts.", True),
        ("**(ii)** I will write this once the gradients in (i) are agreed.", True),
        ("Understood, the blog series. Share the questions one at a time when you are ready.", True),
        ("For (b) and (c) I need to know what the figure shows, since I can't see it:", True),
        ("The other one is left as an exercise.", True),
        ("This variant shows up as an exercise in Dive into Deep Learning: it usually helps.", False),
        ("To answer I'd need to see which tokens your figure uses.", True),
        ("You need to know that the decoder sees <sos> first.", False),
        ("Once the gradients are zero, I'll do the substitution: W_1 = U_k^T.", False),
        ("The encoder sends h_T to the decoder, and I'll note the lengths differ.", False),
        ("(b) What I learned\n\nSomething went wrong while generating the response. If this issue persists", True),
        ("DeepSeek-V3 · 7:11 PM\n\nThe server is busy. Please try again later.", True),
        ("The decoder reads <sos>, I, see, a, dog.", False),
        ("It leaks information and breaks the autoregressive structure.", False),
        ("Hence U_k satisfies the optimality conditions. Let me know if you need more detail.", False),
        # no access to a source to read puts the part off; no access to the reference is 7(c)'s answer
        ("Sorry, I don't have access to that blog series right now.", True),
        ("At test time we don't have access to the ground truth, so we feed back the predictions.", False),
    ],
)
def test_puts_off(text, expected):
    assert puts_off(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Start from the SVDs of the two factors, and note that the squared Frobenius norm of each is", True),
        ("Start from the SVDs of the two factors; the squared norm is the sum of squared singular values.", False),
        ("- Dropout: not needed\n- Layer Norm: no", False),  # list entries need no full stop
        ("Answer: yes", False),  # too short to tell
        ("### (b) Training inputs\n\nWith teacher forcing, the", True),  # ... unless it ends on an article
        ("The decoder is fed the reference because", True),
        ("Dropout: not in", True),
        ("Weight decay: yes, and", True),
        ("(ii) see", False),
        ("- Layer Norm: not this", False),  # "this" ends an entry: only words no entry ends on are read
        ("| Dropout | not part of the objective at all in this model |", False),
        # a web copy's table row, cells separated by tabs
        ("Part\tAnswer\n(a)\tLeaks encoder information into every decoder step, bypassing the bottleneck", False),
        # ... and a plain-text table's, its columns aligned by spaces
        ("    Part   Answer\n    (a)    more parameters and computation per decoder step; redundant path", False),
        # ... and a pasted table's, its cells separated by bars with no outer ones
        (
            "Part | Answer\n(a) | Feeding h_t at each step breaks autoregressive decoding and leaks source information",
            False,
        ),
    ],
)
def test_cut_off(text, expected):
    assert cut_off(text) is expected


def test_handing_the_part_back_to_the_student_puts_it_off():
    text = (
        "**(c)** This one follows the same pattern as (b) but uses what the model generates rather than the"
        " reference. I'd suggest working it out yourself from the explanation above."
    )
    assert puts_off(text) and holds_no_answer(text)  # ... but anywhere in a part's text it is no answer
    assert puts_off("I'll leave this to you as an exercise.")
    assert not puts_off("You can check that W_2 W_1 is a projection: its square is itself.")


def test_a_part_held_for_a_follow_up_message_is_put_off():
    assert puts_off("(b) needs a proper argument, so I'll hold it for a follow-up message — just say go.")


def test_holds_no_answer_is_either():
    assert holds_no_answer("See my next message.") and holds_no_answer("So the first input is the token that we use as")
    assert not holds_no_answer("So the first input is <sos>.")


@pytest.mark.parametrize(
    ("text", "empty"),
    [
        ("You're right, my mistake 🙏", True),
        ("Good catch, you're right.", True),
        ("You're right: at evaluation the decoder is fed its own outputs, so w3 is saw, not see.", False),
        ("Two linear layers.", False),
    ],
)
def test_a_short_concession_holds_no_answer(text, empty):
    assert holds_no_answer(text) is empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**7c.** During evaluation", True),  # a heading with nothing under it, the reply cut off
        ("(c) Evaluation inputs\n", True),
        ("**Q8(a)(iii)**\n\n", True),  # the label alone
        ("### 7(c):", True),
        ("(ii) ✓", False),  # a mark is something under the label
        ("**7c.** During evaluation, the inputs are the model's outputs.", False),  # a sentence
        ("**7c.** During evaluation\nthe model feeds its outputs back", False),  # a body under it
        ("During evaluation", False),  # no label: a phrase, not a heading
    ],
)
def test_a_heading_with_nothing_under_it_holds_no_answer(text, expected):
    assert holds_no_answer(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Here's your consolidated sheet:\n\n---\n\n## HW7 — Final Answer Sheet\n", True),
        ("Here are the corrected answers:\n\n**Final answers**", True),
        ("Here's your consolidated sheet:\n\nYes: the penalty balances the factors.", False),  # a sentence
        ("## HW7 — Final Answer Sheet\n\n---", False),  # headings alone: no introduction
    ],
)
def test_a_text_that_only_introduces_what_follows_holds_no_answer(text, expected):
    assert holds_no_answer(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("For **(ii)**, want me to continue with the verification that the principal components satisfy these?", True),
        ("Would you like me to go through the proof that U_k satisfies both conditions?", True),
        ("(ii) Both vanish since U_k^T U_k = I. Want me to go through the details?", False),  # an answer first
        ("Would you like me to continue with parts (b) and (c)?\n", True),
        ("Is the start token <sos>?", False),  # a question, but no offer
    ],
)
def test_a_text_that_is_one_question_offering_the_part_only_offers(text, expected):
    assert only_offers(text) is expected


def test_an_offer_to_answer_holds_no_answer_but_does_not_put_the_part_off():
    offer = "This one takes a bit more explanation (the SVDs of W1 and W2). Want me to go through it in detail?"
    assert holds_no_answer(offer)
    # A short real answer may end on the same offer: only where no check finds an answer is it none.
    assert not puts_off("Two linear layers, one per factor. Want me to go through the PyTorch code?")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "**Part (b)**\n\nI don't think I should write it for you; tell me what surprised you about data loading.",
            True,
        ),
        ("### (b) What you learnt\n\nI'd rather not write this one for you.", True),
        ("## (b)\n\nThis one asks for your own reflection, so I'll leave it for you to write after reading.", True),
        ("Data loading was the bottleneck. I'd rather not write more than 100 words, though.", False),  # not first
        ("The series taught me that data loading was the bottleneck.", False),
        (
            "**Part (ii)**\n\nBefore I write out part (ii), could you confirm how your course defines U_k? Once you"
            " confirm, I'll write the proof that plugging in W1 = U_k^T makes both conditions vanish.",
            True,
        ),
        ("This one asks which approach interested *you*, so I don't think I should pick it for you.", True),
        # a reflection left to the student in its own words
        ("Part (b) is a personal reflection, so I'd recommend writing it in your own words.", True),
        ("For (b), this is meant to be a personal reflection, so I'd encourage you to write it yourself.", True),
        ("Here is a draft you could write yourself later: data loading was the bottleneck.", False),
        ("I don't want to put words in your mouth here. Happy to give feedback on a draft!", True),
        # hints instead of the answer
        ("This is graded work, so rather than hand you a finished argument, here are some pointers:\n1. ...", True),
        ("Let me give you a few hints first. 1. Look for a symmetry of the data term.", True),
        ("This is a great one to reason through yourself, so here are some hints rather than the full answer.", True),
        ("Here are a few pointers instead of a worked solution: think about the SVD.", True),
        # ... or in the part's own heading
        ("**(a) — a hint rather than an answer**\n\nThink about what the encoder has read by step t.", True),
        ("### (b) A guided hint\n\nNotice that the data term only sees the product W2 W1.", True),
        ("**(a)** Some questions to guide you:\n- Does every decoder step get a partner?", True),
        ("For **(b)** and **(c)**, I'm going to hold back on writing the paragraphs.", True),
        ("### (b) Using the hint\n\nYes: the penalty balances the singular values of W1 and W2.", False),
        ("### (b) Hint: think about SVDs\n\nYes: the penalty balances the singular values.", False),
        ("Fair point, let me redo it using the hint instead of arguing entry by entry.", False),  # the homework's
        ("Here's a hint instead of the full answer: compare the lengths.", True),
        ("I can't open the Myrtle.ai blog from here, so I won't guess its figures.", True),
        # Saying it cannot read the source is no refusal: an answer from memory may follow.
        ("From what I recall (I can't browse right now, so please verify): it started at 341 s.", False),
        (
            "**(c)** This one follows the same pattern as (b) but uses what the model generates. I'd suggest"
            " working it out yourself from the explanation above.",
            False,  # the hand-back is the second sentence: not the opening ...
        ),
        (
            "**(c)** This one asks which approach *you* found most interesting and why, so it's really a reflection"
            " question — I don't think it would be appropriate for me to write it for you.",
            True,
        ),
        # ... unless the first sentence says the part is the student's own to write.
        (
            "For **(c)**, the question asks which approach *you* personally found most interesting. I'd rather"
            " not write that one for you, but here are the posts: data loading, batch norm, weight decay.",
            True,
        ),
        ("For (c), it asks what you found most interesting. Data loading was the bottleneck.", False),
        # handing over finished answers refused, or writing them said not to be right for the model
        ("I can't just hand over finished answers for a graded assignment — but here's how to think about it.", True),
        ("These two ask for *your* reflection, so I don't think it's right for me to write them for you.", True),
        ("Here are the finished answers, handed over as asked: (a) the lengths differ.", False),
        # a refusal in the first person, whatever it withholds
        ("This looks like graded work, so I won't fill in the answer choices for you. Here is how to think.", True),
        ("I'm not going to solve it outright, but let's reason about the lengths.", True),
        ("I will answer each part in turn: (i) two layers.", False),
    ],
)
def test_declines(text, expected):
    assert declines(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(b) and (c) stay the same.", True),
        ("My answer to (iii) is unchanged: Weight Decay and SGD.", True),
        ("Part (ii) was already written against this corrected form, so it doesn't change.", True),
        ("(b) and (c) are unaffected by the fix.", True),
        ("And for (c), my earlier answer stands: <sos>, I, saw, a, dog.", True),
        ("Part (a) and (b) stay as before. Sorry for the confusion!", True),
        ("(a) and (b) stay as written above.", True),
        ("Parts (b) and (c) are already consistent, so they don't need to change.", True),
        ("Yes, (a) and (b) can stay as they are.", True),
        ("Part (b) stays as I wrote it.", True),
        ("Parts (b) and (c) don't depend on this, so they can remain as they are.", True),
        ("Parts (b) and (c) are not affected by this correction and stand as written.", True),
        ("My (c) stands as is.", True),
        ("Part (a) stays as it was.", True),
        ("(b) and (c) remain as they were.", True),
        ("The weights stay small as training goes on.", False),
        ("The decoder is not affected by noise here.", False),
        ("The decoder reads <sos>, I, see, a, dog.", False),
    ],
)
def test_keeps_answer(text, expected):
    assert keeps_answer(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(b) and (c) stay as above: <sos> I see a dog.", True),
        ("Part (b) doesn't need changes; everything it mentions is from the series.", True),
        ("Here is (c) redone; (b) is unaffected.", False),
    ],
)
def test_only_stands(text, expected):
    assert only_stands(text) is expected


@pytest.mark.parametrize(
    "text, standing",
    [
        (
            "These are the ones I used in (ii), so that part is unaffected. Thanks!",
            ["These are the ones I used in (ii), so that part is unaffected"],
        ),
        ("Here is (ii) redone; (i) is unaffected. Next.", [" (i) is unaffected"]),
        ("(b) stays the same\n(c) is unchanged.", ["(b) stays the same", "(c) is unchanged"]),
        ("Part (a) is corrected below.", []),
        # a full stop inside a name ends no sentence; "fine as it is" keeps the answer
        ("# (ii) nn.MSELoss (unchanged)\n# (iii) Weight Decay", ["# (ii) nn.MSELoss (unchanged)"]),
        (
            "Here is (c). Part (b) is fine as it is, since it comes from the series.",
            [" Part (b) is fine as it is, since it comes from the series"],
        ),
        ("Here is (c) again. Your (a) and (b) are fine as they are.", [" Your (a) and (b) are fine as they are"]),
    ],
)
def test_standing_spans_are_the_sentences_that_keep_an_answer(text, standing):
    assert [text[s:e] for s, e in standing_spans(text)] == standing


@pytest.mark.parametrize("unit", ["(ii) is unaffected ", "(i) stays the same; ", "x" * 50 + " unchanged. "])
def test_standing_spans_take_linear_time(unit):
    import gc
    import time

    def best(n: int) -> float:
        text = unit * n
        times = []
        for _ in range(3):
            # The collector is off while timing: late in a full test run its passes over the whole
            # heap grow with the number of objects a call allocates, which is not this code's cost.
            gc.disable()
            try:
                start = time.process_time()
                standing_spans(text)
                times.append(time.process_time() - start)
            finally:
                gc.enable()
        # Times under 20 ms count as 20 ms: late in a full run a 6 ms call measured 6 ms against 115 ms
        # for ten times the text (allocator noise). A quadratic scan would still show: 100x of 6 ms.
        return max(min(times), 0.02)

    assert best(20_000) < 15 * best(2_000)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("This part needs the eigendecomposition. Let me know if you'd like me to go through it in detail!", True),
        ("The idea is to substitute W_1 = U_k^T. Do you want me to write out the full verification?", True),
        ("Want me to go through it? Here it is anyway: W_1 = U_k^T makes both conditions vanish.", False),
        ("Two linear layers, one for the encoder and one for the decoder.", False),
        # what the model could do, left to the user's wish
        ("The conditions are above. For (ii), I could show the substitution step by step if you want.", True),
        ("I'd be happy to derive it with the SVD as well — just ask!", True),
        ("I can confirm both conditions vanish at W_1 = U_k^T.", False),
        ("Let me know if anything is unclear.", False),
    ],
)
def test_ends_on_offer_reads_the_last_sentence(text, expected):
    assert ends_on_offer(text) is expected


@pytest.mark.parametrize(
    "turn, asks",
    [
        ("for part b: can you give me a hint only? I want to try it myself first", True),
        ("point me in the right direction without answering it", True),
        ("hint pls, I want to read it myself", True),
        ("Don't solve it yet, just how to start", True),
        # the homework's own hint is no request for hints
        ("following the SVD hint, doesn't the answer change?", False),
        ("the hint says to use the SVDs of W1 and W2", False),
        ("just give me the answer", False),
    ],
)
def test_asks_for_hints(turn, asks):
    assert asks_for_hints(turn) is asks


@pytest.mark.parametrize(
    "reply, hints",
    [
        ("Sure! Here's a nudge without giving it away:\n\n- ...", True),
        ("Happy to. Here are three guiding questions; answer them and you have it.", True),
        ("**Hint:** picture the two RNNs side by side.", True),
        ("Good plan. Here are some pointers, not answers:", True),
        ("Good point. Following the SVD hint changes the conclusion.", False),
        ("**(b)** <sos>, I, see, a, dog", False),
        ("Some background first.\n\nHere are some hints for later.", False),  # past the opening
        # a nudge the user needed earlier is no announcement
        ("Right — but you needed a nudge for that one. Here's my write-up.", False),
    ],
)
def test_a_reply_opening_on_hints(reply, hints):
    assert (hints_scope(reply) is not None) is hints


@pytest.mark.parametrize(
    ("reply", "scope"),
    [
        # the rest of the sentence after the announcement names the parts the hints are for
        (
            "Great guesses! Let's go through part (a) first, and then I'll give you some guiding questions for (b).",
            "guiding questions for (b)",
        ),
        # ... or, when it names none, the whole sentence
        ("For (b), here's a hint: think about it.", "For (b), here's a hint: think about it"),
        ("**Hint:** picture the two RNNs side by side.", ""),
        ("Sure! Here's a nudge without giving it away:", "Here's a nudge without giving it away:"),
    ],
)
def test_the_parts_a_hint_announcement_is_for(reply, scope):
    assert hints_scope(reply).strip() == scope


@pytest.mark.parametrize(
    ("text", "guides"),
    [
        (
            "- **(b)** Remember what *teacher forcing* means. During training, is the decoder fed its own "
            "guesses, or something else?",
            True,
        ),
        (
            "**(i) Linear layers**\nLook at which weight matrices appear in the objective. Is there any bias "
            "term or nonlinearity in the model?",
            True,
        ),
        # an answer that asks a rhetorical question opens on its answer
        ("(a) More parameters. Why? Because the decoder gets an extra input at every step.", False),
        ("Two layers: one for the encoder and one for the decoder.", False),
        # a restated question with a table under it holds an answer
        ("### (a) Which statistics does each layer normalise over?\n\n| Layer | Over |\n| BN | batch |", False),
        ("Think about the shapes. " * 30 + "Why?", False),  # too long to be a hint
    ],
)
def test_a_text_that_only_guides_the_user_holds_no_answer(text, guides):
    assert only_guides(text) is guides
    assert holds_no_answer(text) is guides


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("**Nudge:** expand the trace.\n\n<details>\n<summary>Full derivation</summary>\n...\n</details>", True),
        ("Here's each part with the answer itself behind a spoiler.", True),
        ("**Nudge:** expand the trace, then differentiate term by term.", False),
    ],
)
def test_an_answer_hidden_for_the_user_to_reveal(text, hidden):
    assert hides_answer(text) is hidden


@pytest.mark.parametrize(
    ("turn", "asked"),
    [
        ("help me with Q7 but without just handing me the answers", True),
        ("help me think through b WITHOUT just telling me the answer", True),
        ("I want to do the derivation myself. can you give me hints one step at a time?", True),
        ("walk me through it one step at a time, not the whole solution at once", True),
        ("guide me through 3b(ii), I want to get there myself", True),
        ("I don't have time for the socratic thing, just tell me (a)", False),
    ],
)
def test_a_request_to_be_guided_is_a_request_for_hints(turn, asked):
    assert asks_for_hints(turn) is asked


@pytest.mark.parametrize(
    ("text", "empty"),
    [
        ("**4b** This one is a personal reflection, so it's best written in your own words after reading.", True),
        ("(b) is a personal reflection, so I've left it for you to write - send me a draft for feedback.", True),
        ("Since this part asks for your own reflection, write it in your own voice; happy to give feedback.", True),
        ("The biggest lesson was that the data loader, not the network, was the bottleneck.", False),
    ],
)
def test_a_text_that_hands_the_part_back_holds_no_answer(text, empty):
    assert holds_no_answer(text) is empty


def test_a_model_that_cannot_browse_puts_the_part_off():
    text = "I don't have the ability to browse the web, and I'd rather not give you made-up numbers."
    assert holds_no_answer(text)
