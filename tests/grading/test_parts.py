"""Which parts a text names: by cue words (`PartIndex.cue_counts`, in the spellings answers use) and by label."""

from __future__ import annotations

import pytest

from hw7grade.grading.parts import PartIndex, label_names_part
from hw7grade.rubric.model import load_rubric
from hw7grade.text.labels import mentions

RUBRIC = load_rubric()
INDEX = PartIndex.build([p.id for p in RUBRIC.parts], {p.id: p.cues for p in RUBRIC.parts}, RUBRIC.question_cues())


@pytest.mark.parametrize(
    "text",
    [
        "so both hold at W_1 = U_k^T, W_2 = U_k",  # as the cue is written
        r"so both hold at $W_1 = U_k^\top$, $W_2 = U_k$",
        r"so both hold at $W_1 = U_k^{\top}$",
        r"so both hold at $W_{1} = U_{k}^{T}$",
        "so both hold at W₁ = U_kᵀ",
        r"using $U_k^\top U_k = I_k$",
    ],
)
def test_a_cue_written_in_math_matches_its_latex_and_unicode_spellings(text):
    assert INDEX.cue_counts(text)["q3b.ii"] == 1


@pytest.mark.parametrize("text", ["Why not feed hₜ into decoder step t", "the state h_t at step t", r"feed $h_{t}$ in"])
def test_a_cue_with_a_subscript_matches_its_unicode_subscript(text):
    assert INDEX.cue_counts(text)["q7a"] == 1


@pytest.mark.parametrize("text", [r"$W_1 = U_k$ is the wrong transpose", r"the encoder $W_1$ and $U_k$"])
def test_other_math_names_no_part(text):
    assert INDEX.cue_counts(text)["q3b.ii"] == 0


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("the training-time inputs", "q7b"),  # a word of a hyphenated compound
        ("inputs at evaluation", "q7c"),
        ("the decoder's time steps", None),  # "time" is in both parts' cues: it names neither
        ("and when we generate a sentence?", "q7c"),  # the verb of a cue's "generating"/"generation"
        ("what goes in when it is trained?", None),  # not "training" by "trained"
    ],
)
def test_a_word_of_one_parts_cues_alone_names_it(text, part):
    assert INDEX.one_by_cue_words(text, ["q7b", "q7c"]) == part


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Orthonormality: yes, approximately.", "q8b"),  # a cue word with a noun's ending
        ("Layers:", "q8a.i"),  # a cue word as it is ("layers"), not another's plural ("layer" norm)
        ("Loss module:", "q8a.ii"),
    ],
)
def test_a_cue_word_with_an_ending_names_its_part_unless_another_cue_is_that_word(text, part):
    assert INDEX.one_by_cue_words(text, ["q8a.i", "q8a.ii", "q8a.iii", "q8b"]) == part


@pytest.mark.parametrize(
    ("title", "q"),
    [
        ("Translation model", "7"),  # a word of one question's names alone
        ("notes on the resnet reading", "4"),
        ("we train it with SGD", None),  # "train" of Q4's title is also 7(b)'s cue word ("train time")
    ],
)
def test_a_title_word_that_a_part_of_another_question_holds_names_no_question(title, q):
    assert INDEX.question_titled(title) == q


@pytest.mark.parametrize(
    "text, part_id, names",
    [
        ("part (ii)", "q3b.ii", True),
        ("3b(ii)", "q3b.ii", True),
        ("(b)", "q3b.ii", False),  # the group, not the sub-part
        ("8a(ii)", "q3b.ii", False),  # another question's numeral
        ("(c)", "q7c", True),
        ("(i)", "q7c", False),
        ("Q4 (a)", "q4a", True),
    ],
)
def test_label_names_part(text, part_id, names):
    (label,) = mentions(text)
    assert label_names_part(label, part_id) is names
