"""One answer read once: mentions of several phrase groups from one scan."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hw7grade.text.analysis import analyse, find_hits, first_stated_each
from hw7grade.text.phrases import PhraseSet

GROUPS = [
    ["batch norm*", "layer norm"],
    ["dropout", "drop out"],
    ["norm"],
    ["weight decay ... not", "learning-rate"],
    ["layer"],
]
WORDS = [
    "batch",
    "normalization",
    "norm",
    "layer",
    "dropout",
    "drop",
    "out",
    "weight",
    "decay",
    "learning",
    "rate",
    "learning-rate",
    "not",
    "no",
    "is",
    "needed",
    "the",
    "same",
    "goes",
    "for",
    "likewise",
    "and",
    ",",
    ".",
    "\n",
    "✗",
    "Not needed:",
    "- ",
    "?",
]


def _first_alone(phrases, a):
    """The earliest asserted mention as a scan for this group alone finds it."""
    return next((h for h in find_hits(PhraseSet.build({"": tuple(phrases)}), a) if h.asserted), None)


def _seen(hit):
    return None if hit is None else (hit.text, hit.sentence.index, hit.start, hit.end, hit.negation)


def test_each_group_gets_its_own_first_asserted_mention():
    a = analyse("Dropout is not needed. Layer norm helps, and the same goes for dropout.")
    hits = first_stated_each([(g, ()) for g in GROUPS], a)
    assert [_seen(h) for h in hits] == [_seen(_first_alone(g, a)) for g in GROUPS]
    assert hits[0] is not None and hits[0].text == "Layer norm"
    # "the same goes for dropout" takes the polarity of the group's own mention before it (negated),
    # not that of "Layer norm", which another group found in between.
    assert hits[1] is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=50).map(" ".join))
def test_one_scan_finds_what_a_scan_per_group_finds(text):
    a = analyse(text)
    assert [_seen(h) for h in first_stated_each([(g, ()) for g in GROUPS], a)] == [
        _seen(_first_alone(g, a)) for g in GROUPS
    ]


@pytest.mark.parametrize(
    "text, stated",
    [
        ("Spanish and English sentences don't necessarily have the same length.", "same length"),
        ("The two sentences need not have the same length.", "same length"),
        ("The lengths differ between languages.", "lengths differ"),
        ("Both sentences have the same length here.", None),  # asserted, a denied phrase states nothing
        ("It is wrong to say the lengths differ.", None),  # rejected
    ],
)
def test_a_denied_phrase_states_its_group_when_negated(text, stated):
    hit = first_stated_each([(["lengths differ"], ["same length"])], analyse(text))[0]
    assert (hit.text if hit else None) == stated


OPTIONS = PhraseSet.build(
    {
        o: (o,)
        for o in (
            "Dropout",
            "Layer Norm",
            "Batch Norm",
            "Weight Decay",
            "SGD",
            "progressive resizing",
            "ImageNet",
            "cosine annealing",
        )
    }
)


@pytest.mark.parametrize(
    "text, negated",
    [
        # a negation covers the rest of its list ...
        ("It does not need Dropout, Layer Norm or Batch Norm.", ["Dropout", "Layer Norm", "Batch Norm"]),
        (
            "It never used cosine annealing with warm restarts, progressive resizing or ImageNet.",
            ["cosine annealing", "progressive resizing", "ImageNet"],
        ),
        # ... past an item's bracketed aside
        (
            "Use Weight Decay and SGD. It does not need Dropout (masking is not in the objective), Layer Norm or"
            " Batch Norm (no normalising).",
            ["Dropout", "Layer Norm", "Batch Norm"],
        ),
        # ... up to a contrast, a verb or a clause break
        ("Not Dropout, but Weight Decay and SGD.", ["Dropout"]),
        ("No Dropout (it adds noise), but Weight Decay and SGD.", ["Dropout"]),
        ("No Dropout, and use Weight Decay with SGD.", ["Dropout"]),
        ("It does not need Dropout or Layer Norm, just Weight Decay and SGD.", ["Dropout", "Layer Norm"]),
        ("You don't need Dropout; Weight Decay and SGD are what it takes.", ["Dropout"]),
        # ... or a clause of more words than a list puts between its items
        ("It never used ImageNet, and the early target runs always relied on SGD.", ["ImageNet"]),
        ("It does not need Dropout, random masking, or Batch Norm.", ["Dropout", "Batch Norm"]),
        ("Select Weight Decay and SGD. Dropout and Layer Norm are still not needed.", ["Dropout", "Layer Norm"]),
        # a word that says no after the verb, and "all" before it
        (
            "Use Weight Decay and SGD. Dropout, Layer Norm and Batch Norm are all unnecessary.",
            ["Dropout", "Layer Norm", "Batch Norm"],
        ),
        ("Dropout is irrelevant here, but SGD is needed.", ["Dropout"]),
        # a verb that takes an option out
        ("Drop Dropout and Layer Norm; keep Weight Decay and SGD.", ["Dropout", "Layer Norm"]),
        ("You can remove Batch Norm: Weight Decay and SGD are enough.", ["Batch Norm"]),
        ("Dropout randomly drops units, so it is not what the objective asks.", []),
        # ... not an aside's own verb after the mention
        ("Use SGD (cosine annealing is not needed here).", ["cosine annealing"]),
        # a cross opening an entry rejects it; one between two entries is the first's
        ("Use Weight Decay and SGD (❌ Dropout, ❌ Layer Norm).", ["Dropout", "Layer Norm"]),
        ("Dropout ✗ Layer Norm ✓", ["Dropout"]),
        # a table row's cells are separate statements: a later cell's "none of them" is its own
        (
            "| Weight Decay ✓, SGD ✓ | Dropout ✗, Layer Norm ✗ — none of them appear in the objective |",
            ["Dropout", "Layer Norm"],
        ),
    ],
)
def test_a_negation_covers_the_rest_of_its_list(text, negated):
    hits = find_hits(OPTIONS, analyse(text))
    assert [h.text for h in hits if h.negation == "negated"] == negated


def test_a_sentence_that_opens_with_a_rejecting_lead_rejects_all_it_lists():
    text = "Use Weight Decay and SGD. Not needed: Dropout (masking is not in the objective), Layer Norm and Batch Norm."
    hits = find_hits(OPTIONS, analyse(text))
    assert [(h.text, h.negation) for h in hits] == [
        ("Weight Decay", None),
        ("SGD", None),
        ("Dropout", "rejected"),
        ("Layer Norm", "rejected"),
        ("Batch Norm", "rejected"),
    ]


def test_a_line_that_opens_with_a_rejecting_lead_rejects_all_it_lists():
    text = "Not needed: Dropout (it zeroes units, so the objective changes), Layer Norm and Batch Norm (not in it)."
    hits = find_hits(OPTIONS, analyse(text))
    assert [(h.text, h.negation) for h in hits] == [
        ("Dropout", "rejected"),
        ("Layer Norm", "rejected"),
        ("Batch Norm", "rejected"),
    ]


RESTARTS = PhraseSet.build({"restarts": ("cosine annealing with warm restarts", "SGDR")})


@pytest.mark.parametrize(
    "text, negations",
    [
        # a sentence that says what the one before rejected names it, it does not claim it
        ("Cosine annealing with warm restarts isn't something the series uses. That's SGDR.", ["negated", "negated"]),
        ("The series never used cosine annealing with warm restarts. This is just SGDR.", ["negated", "negated"]),
        # ... but not two sentences later, nor after a mention the sentence before asserted
        ("The series never used cosine annealing with warm restarts. It is fast. That's SGDR.", ["negated", None]),
        ("The series used cosine annealing with warm restarts. That's SGDR.", [None, None]),
        # ... nor a claim deeper in the sentence
        ("It never used cosine annealing with warm restarts. That's why the authors picked SGDR.", ["negated", None]),
    ],
)
def test_a_sentence_naming_what_the_last_rejected_rejects_it_too(text, negations):
    assert [h.negation for h in find_hits(RESTARTS, analyse(text))] == negations


@pytest.mark.parametrize(
    "text, negations",
    [
        # a sentence that opens by denying the one before a place in the series takes it back
        (
            "Cosine annealing with warm restarts is a well-known trick from other work. It isn't one of the "
            "techniques in the series.",
            ["negated"],
        ),
        ("SGDR (cosine annealing with warm restarts) came from elsewhere. That wasn't in the posts.", ["negated"] * 2),
        ("Cosine annealing with warm restarts was my first idea. This trick is not from Page's series.", ["negated"]),
        # ... or dismissing it
        ("The draft blames cosine annealing with warm restarts. Honestly, this isn't a real issue.", ["negated"]),
        # ... not one that says what it is like, nor one a sentence further on
        ("Cosine annealing with warm restarts resets the rate. It isn't expensive.", [None]),
        ("Cosine annealing with warm restarts resets the rate. It is cheap. It isn't in the series.", [None]),
        # ... and a later clause of the same sentence that does so
        (
            "Sorry for the mix-up — cosine annealing with warm restarts is a popular trick (fast.ai uses it), "
            "but it isn't one of the techniques Page uses.",
            ["negated"],
        ),
        ("Cosine annealing with warm restarts is a popular trick, but it isn't expensive.", [None]),
    ],
)
def test_a_sentence_denying_the_last_a_place_takes_it_back(text, negations):
    assert [h.negation for h in find_hits(RESTARTS, analyse(text))] == negations


@pytest.mark.parametrize(
    "text, negations",
    [
        # a sentence that places what the one before denied elsewhere names the other source, no claim
        (
            "Label mixing is not a technique of the series. It is closely associated with fast.ai's SGDR work.",
            ["negated"],
        ),
        ("The posts never mixed labels. That's from a course on SGDR, I think.", ["negated"]),
        # ... but not after a sentence that denied nothing, nor when it does not open by placing it
        ("Label mixing is a technique of the series. It is associated with SGDR.", [None]),
        ("The posts never mixed labels. They used SGDR, as it is from fast.ai.", [None]),
    ],
)
def test_a_sentence_placing_what_the_last_denied_elsewhere_claims_nothing(text, negations):
    assert [h.negation for h in find_hits(RESTARTS, analyse(text))] == negations


@pytest.mark.parametrize(
    "text, negations",
    [
        # a clause whose subject says none denies what its verb takes, however far from it
        (
            "It is a small ResNet, and nothing in the series ever relied on cosine annealing with warm restarts.",
            ["negated"],
        ),
        ("None of the eight posts in the series used cosine annealing with warm restarts.", ["negated"]),
        # ... not a clause before it, cut off by a colon
        ("Nothing fancy: the authors used cosine annealing with warm restarts.", [None]),
    ],
)
def test_a_clause_whose_subject_says_none_denies_its_object(text, negations):
    assert [h.negation for h in find_hits(RESTARTS, analyse(text))] == negations
