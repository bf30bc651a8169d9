"""Which parts a user turn asks (`read_user_turn`), with the bundled rubric's parts and cues."""

from __future__ import annotations

import pytest

from hw7grade.grading.asks import read_user_turn
from hw7grade.grading.parts import Context, PartIndex
from hw7grade.rubric.model import load_rubric

RUBRIC = load_rubric()
INDEX = PartIndex.build([p.id for p in RUBRIC.parts], {p.id: p.cues for p in RUBRIC.parts}, RUBRIC.question_cues())


@pytest.mark.parametrize(
    ("turn", "named"),
    [
        # labels said aloud, as speech-to-text writes them
        ("question ate be please", ["q8b"]),
        ("question for part a and part be", ["q4a", "q4b"]),
        ("three be part one the conditions then seven be and see the tokens", ["q3b.i", "q7b", "q7c"]),
        ("queue 7 part see pls", ["q7c"]),
        ("3 bee 2 pls", ["q3b.ii"]),
        ("question three be part eye please", ["q3b.i"]),
        # ... and words that only sound like them
        ("I have a question for you about the translation one, part a", ["q7a"]),
        ("q8 a iii: shouldn't 4 be ticked too?", ["q8a.iii"]),
        # a request that points back at the sentence before it asks what that sentence names
        (
            "Q8.\n(a) (i) how many linear layers\n(ii) which loss\n(iii) what do you need\n(b) is there a bias\n\n"
            "my guesses for a: 2, MSE, weight decay + SGD. can you check those and then help me with b",
            ["q8a.i", "q8a.ii", "q8a.iii", "q8b"],
        ),
        (
            "Q8.\n(a) (i) how many linear layers\n(ii) which loss\n(iii) what do you need\n(b) is there a bias\n\n"
            "I wrote 2, MSE, weight decay + SGD for a. can you help me with b",
            ["q8b"],
        ),
        # a question only pointed at holds the letters of its own sentence, not the turn's after it
        (
            "HW7 Q8. (in Q3b we showed W2 = U_k is a critical point)\n(a)(iii) which do you need: weight decay,"
            " dropout, SGD\n(b) is there a bias toward orthonormal columns?",
            ["q8a.iii", "q8b"],
        ),
        ("hw7 Q3b(i) please. And from Q8 just the final part, the orthonormal columns one", ["q3b.i", "q8b"]),
        # after a pasted question, "for" a part is how to answer it, unless a narrowing word picks the part
        (
            "Q4: (a) what was the baseline and final training time?\n(b) what did you learn?\n(c) one approach."
            "\n\ni just need the facts for part a",
            ["q4a"],
        ),
        (
            "Q4: (a) what was the baseline and final training time?\n(b) what did you learn?\n(c) one approach."
            "\n\nPlease also include a quick numerical check for (b).",
            ["q4a", "q4b", "q4c"],
        ),
        # another course's code is no question of ours; "give me 7b" is
        ("ok thanks. unrelated, physics 7B: why is the carnot efficiency 1 - Tc/Th?", []),
        ("give me 7b", ["q7b"]),
        # "it's for 4a" says which part the question is, and asks it
        ("in the myrtle posts, what time/accuracy did they start from and where did they end? it's for 4a", ["q4a"]),
        # a question on what one pasted part is about asks that part, its label only saying where it is
        (
            "Q7: (a) one problem with feeding h_t into decoder step t?\n(b) which tokens go in during training?"
            "\n(c) which at evaluation?\n\nwhats the problem with the teammates idea in part a",
            ["q7a"],
        ),
        (
            "Q3b: (i) the first-order conditions?\n(ii) show the top-k principal components satisfy them."
            "\n\nusing the conditions in (i), show the PCs satisfy them",
            ["q3b.i", "q3b.ii"],
        ),
        (
            "ok already finished q4 (resnet blog: 341s -> 26s) so now q7.\n\na) one problem with stacking them?\n"
            "b) which tokens go in during training?",
            ["q7a", "q7b"],
        ),
        # what the user already did, named by bare letters after "already did": asked is the part before
        (
            "hw7 question 7a. teammate wants to feed each encoder state h_t into decoder step t. state one problem"
            " with this design.\n\njust need (a), i already did b and c",
            ["q7a"],
        ),
        # a bare question number joined to a question's label is another question; not a count
        ("my answers for 3(b) and 4, check them", ["q3b.i", "q3b.ii", "q4a", "q4b", "q4c"]),
        ("can you check q7 & 8", ["q7a", "q7b", "q7c", "q8a.i", "q8a.ii", "q8a.iii", "q8b"]),
        ("q7b and 3 more things", ["q7b"]),
        # "verify both" over answers pasted under their labels: every part pasted, whatever one sentence names
        (
            "For hw7 q4 (the resnet blog posts) a friend wrote this for (a) and (c). my TA said people often get (a) "
            "wrong, so can you verify both?\n\n(a) They started from ResNet-50 on ImageNet at 67% after two weeks "
            "and ended at 76% in three days.\n\n(c) Progressive resizing interested me most, since early epochs get "
            "cheap and it still converges.",
            ["q4a", "q4c"],
        ),
        # ... each joined number going on the list, a bracketed aside after the last or not
        (
            "please do 3b, 7 and 8 (skip the essays)",
            ["q3b.i", "q3b.ii", "q7a", "q7b", "q7c", "q8a.i", "q8a.ii", "q8a.iii", "q8b"],
        ),
        ("can you do 4a, 8, 7", ["q4a", "q7a", "q7b", "q7c", "q8a.i", "q8a.ii", "q8a.iii", "q8b"]),
        # "questions 7 and 8": the plural names a question as the singular does
        ("questions 7 and 8 please", ["q7a", "q7b", "q7c", "q8a.i", "q8a.ii", "q8a.iii", "q8b"]),
        ("stuck on problems 3 and 4, any hints?", ["q3b.i", "q3b.ii", "q4a", "q4b", "q4c"]),
        ("for Q4, 3 things i need help with", ["q4a", "q4b", "q4c"]),
        # lines that open on a matrix's name are no marks of the user's own list
        ("hw7 q3b (ii): I wrote\nW1 = U_k^T\nW2 = U_k\nis that right?", ["q3b.ii"]),
        # parts left out by a word that says what they are about
        ("hw7 q7 part a. not asking about the token parts (b)/(c) yet, just this one", ["q7a"]),
    ],
)
def test_the_parts_a_turn_names(turn, named):
    assert read_user_turn(turn, Context(), INDEX).named == named


def test_statements_brought_to_be_judged_ask_no_part_by_their_place():
    """ "mark each true or false: 1. ... 2. ... 3. ... 4. ..." on Q8, none naming a part: the user's own
    claims, not Q8's four parts one by one."""
    turn = (
        "that feels handwavy. i wrote these claims in my draft, can you mark each true or false:\n"
        "1. the data term only depends on the product W2W1\n2. ||W||_F^2 = sum of squared singular values\n"
        "3. for a fixed product the penalty is smallest when split evenly\n4. the l2 penalty pushes all singular"
        " values of W2 to 0"
    )
    read = read_user_turn(turn, Context(q="8", letter="b"), INDEX)
    assert (read.named, read.numbering) == ([], ())


def test_statements_brought_to_be_judged_ask_the_parts_their_own_words_name():
    """ "true or false: 1. they started from the dawnbench record of 341s 2. they got it down to 26s
    3. one of their tricks was cosine annealing": the first names 4(a) by its words; the others are
    claims, not 4(b) and 4(c) by their places."""
    turn = (
        "quick check on some claims for my hw, the resnet blog series. true or false:\n"
        "1. they started from the dawnbench record of 341s\n2. they got it down to 26s by the end\n"
        "3. one of their tricks was cosine annealing w/ warm restarts"
    )
    assert "q4b" not in read_user_turn(turn, Context(), INDEX).named


@pytest.mark.parametrize(
    ("turn", "last", "named", "firm"),
    [
        # the place names, firmly, the part its cue words name weakly
        ("ok the next one is comment on what you learned, about a hundred words", "q4a", ["q4b"], True),
        # cue words alone ask weakly
        ("comment on what you learned, about a hundred words", "q4a", ["q4b"], False),
    ],
)
def test_a_part_named_by_its_place_and_its_words(turn, last, named, firm):
    read = read_user_turn(turn, Context(q="4"), INDEX, Context(q="4"), last)
    assert (read.named, read.by_label) == (named, firm)


def test_a_list_numbered_by_a_submission_form_maps_its_marks_to_our_parts():
    """ "5.2: ... 5.3: ..." under a question number we do not have, the rest of a list begun elsewhere
    ("did 5.1 already"): each mark stands for the part its item asks."""
    turn = (
        "on the portal the translation problem is Question 5 and I did 5.1 already\n"
        "5.2: which 5 tokens go into the decoder as w1..w5 during training\n"
        "5.3: which 5 tokens go in at evaluation time when it generates"
    )
    read = read_user_turn(turn, Context(), INDEX)
    assert read.named == ["q7b", "q7c"] and read.by_label
    assert read.own_marks == (("5.2", "7", ("q7b",)), ("5.3", "7", ("q7c",)))


def test_the_users_own_marks_defined_before_their_items_say_what_each_item_answers():
    """ "P3: I liked test-time augmentation ... it actually saves training time" names 4(a)'s words, but the
    turn defined P3 as the most interesting approach."""
    turn = (
        'I have to answer 3 things about David Page\'s "How to Train Your ResNet" posts for my DL '
        "homework. My notes are P1-P3 (P1 = start vs end time/accuracy, P2 = what I learnt ~100 words, P3 = "
        "most interesting approach + why ~100 words). Please check P1, make P2 tighter (it's rambling), and "
        "check P3.\n\nP1: started at 297 s, ended at 26 s.\n\nP2: honestly I learnt a lot, like there's a "
        "lot of stuff about GPUs and how the training is slow because of different reasons and the author "
        "goes through each one and fixes them one at a time, and the fixes are kind of simple but they add "
        "up, and also that batch norm and weight decay interact in weird ways that I didn't know about "
        "before, and the learning rate thing. I think the main idea is that you should measure where time "
        "goes before optimizing and that a single GPU can do way more than people think if you're careful "
        "about it and don't waste time on the data loader.\n\nP3: I liked test-time augmentation. At test "
        "time they evaluate each image and its horizontal flip and average the predictions. This gives a "
        "free accuracy boost at inference, which means they can train for fewer epochs and still reach 94%, "
        "so it actually saves training time. It's interesting because it moves work from training to "
        "inference."
    )
    marks = {mark: parts for mark, _, parts in read_user_turn(turn, Context(), INDEX).own_marks}
    assert marks == {"P1": ("q4a",), "P2": ("q4b",), "P3": ("q4c",)}
