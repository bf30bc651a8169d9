"""The text layer's pieces: normalising, sentences, phrases, polarity, answer regions, copies."""

import pytest

from hw7grade.text.analysis import analyse, find_hits
from hw7grade.text.answers import answer_regions, table_cells
from hw7grade.text.copies import strip_question_copies
from hw7grade.text.normalize import markdown_from_html, normalize
from hw7grade.text.number_words import number_word
from hw7grade.text.phrases import PhraseError, PhraseSet, compile_phrase
from hw7grade.text.polarity import negation_kind
from hw7grade.text.sentences import Sentence, split_clauses, split_sentences


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("- $w_1 = \\text{<sos>}$", "- w1 = <sos>"),
        ("| w₁ | <sos> |", "| w1 | <sos> |"),
        ("$w_{3} = \\mathrm{see}$", "w3 = see"),
        ("**Answer: 2 linear layers**", "Answer: 2 linear layers"),
        ("✓ Answer: `nn.MSELoss`", "✓ Answer: nn.MSELoss"),
        ("\u201cI saw a dog\u201d \u2013 it\u2019s fine", '"I saw a dog" — it\'s fine'),
        ("&lt;sos&gt; and < sos > and \\langle sos \\rangle", "<sos> and <sos> and <sos>"),
        ("weight_decay stays, *italic* and _also_ go", "weight_decay stays, italic and also go"),
        ("\\textbf{\\text{nested}}", "nested"),
        ("\\boxed{\\text{Yes. The penalty balances them.}}", "Yes. The penalty balances them."),
        ("## Heading\n> quoted", "Heading\nquoted"),
        ("ﬁnding", "finding"),
        ("[the blog](https://example.org/post)", "the blog"),
        ("λ via \\lambda", "λ via λ"),
        # struck-through text is taken back
        ("| w3 | ~~`saw`~~ `see` |", "| w3 | see |"),
        ("~~Batch Norm is needed.~~ [edit: it is not]", "[edit: it is not]"),
        # ... and heading its line with a reason or nothing after it, it is crossed out, the line rejecting it
        ("- ~~ImageNet / ResNet-50~~ — that is the other series", "- ✗ — that is the other series"),
        ("2. ~~**Dropout**~~\n3. Weight Decay", "2. ✗\n3. Weight Decay"),
        ("- ~~w3 = saw~~ w3 = see", "- w3 = see"),  # a replacement after it is the line's word
        # a subscript after a lone letter, or right after a transpose; not in a word
        ("U_kᵀU_k = I_k, not max_k", "Uk^TUk = Ik, not max_k"),
    ],
)
def test_normalize(raw, plain):
    assert normalize(raw) == plain


def test_split_sentences_joins_wrapped_lines_and_keeps_offsets():
    text = normalize("It reached 94% in 341\nseconds on one GPU. Then 26 s.\n\n- item one\n- item two")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "It reached 94% in 341 seconds on one GPU.",
        "Then 26 s.",
        "- item one",
        "- item two",
    ]
    for s in sentences:
        assert text[s.start : s.start + len(s.text)].replace("\n", " ") == s.text


def test_split_sentences_does_not_break_abbreviations():
    assert [s.text for s in split_sentences("Use a norm, e.g. Frobenius. Done.")] == [
        "Use a norm, e.g. Frobenius.",
        "Done.",
    ]
    # inside an aside too: "(e.g. fast.ai's entry)" does not end its sentence
    assert [s.text for s in split_sentences("I mixed it up with other work (e.g. fast.ai's entry). Sorry.")] == [
        "I mixed it up with other work (e.g. fast.ai's entry).",
        "Sorry.",
    ]


def test_rejection_header_marks_following_items():
    sentences = split_sentences("Answer: Weight Decay\nNot needed:\n- Dropout\n- Batch Norm\n\nSGD is used.")
    rejected = {s.text: s.rejected for s in sentences}
    assert rejected == {
        "Answer: Weight Decay": False,
        "Not needed:": True,
        "- Dropout": True,
        "- Batch Norm": True,
        "SGD is used.": False,
    }


def test_a_heading_alone_that_frames_as_wrong_marks_the_list_or_table_below_it_past_blank_lines():
    text = (
        "The inputs are <sos>, I, saw, a, dog.\n\nCommon wrong answers (and why)\n\n| Wrong answer | Why |\n"
        "| <sos>, I, see, a, dog | no reference at test time |\n- <eos>, I, saw, a, dog\n\n"
        "So w3 is saw.\n\nCommon mistakes\n\nStudents often write see."
    )
    rejected = {s.text: s.rejected for s in split_sentences(text)}
    assert rejected == {
        "The inputs are <sos>, I, saw, a, dog.": False,
        "Common wrong answers (and why)": True,
        "| Wrong answer | Why |": True,
        "| <sos>, I, see, a, dog | no reference at test time |": True,
        "- <eos>, I, saw, a, dog": True,
        "So w3 is saw.": False,  # a paragraph after the list ends what the heading framed
        "Common mistakes": True,
        "Students often write see.": False,
    }
    # with no blank line before it, a line is no heading of its own
    assert not any(s.rejected for s in split_sentences("See below\nCommon mistakes (rare)\n\n- x"))


def test_reject_and_unchecked_markers():
    sentences = split_sentences("✗ Dropout\n☐ Layer Norm\n☒ SGD\n- Batch Norm ❌")
    assert [s.rejected for s in sentences] == [True, True, False, True]


def test_split_clauses():
    assert split_clauses("Yes; the product is fixed, but the norm is not — so it balances") == [
        "Yes",
        "the product is fixed",
        "the norm is not",
        "so it balances",
    ]


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("norm", "the Frobenius norm", "norm"),
        ("norm", "batch normalization", None),
        ("norm*", "batch normalization", "normalization"),
        ("weight decay", "use weight-decay", "weight-decay"),
        ("weight decay", "set weight_decay=1e-4", "weight_decay"),
        ("ResNet-50", "a ResNet50 model", "ResNet50"),
        ("ResNet-50", "a ResNet-501 model", None),
        ("<sos>", "feed <SOS> first", "<SOS>"),
        ("first t ... words", "it sees the first t source words only", "first t source words"),
        ("first t ... words", "the first t. Then words", None),
        ("W_1", "the matrix W₁", "W1"),
        ("two", "network", None),
        # a number after an underscore is a subscript, not the number
        ("singular value* ... 1", "equal singular values, i.e. Sigma_1 = Sigma_2", None),
        ("singular value* ... 1", "its singular values are all 1", "singular values are all 1"),
        # a phrase's last word also in the plural; not a number's
        ("exponential moving average", "exponential moving averages of the weights", "exponential moving averages"),
        ("larger batch", "with larger batches", "larger batches"),
        ("accuracy", "the times, with the accuracies", "accuracies"),  # -y after a consonant: -ies
        ("key", "two keies", None),  # ... not after a vowel
        ("zero", "dropout zeroes units", None),
        ("cutout", "cutoutsy", None),
        ("cosine ... schedule", "cosines with a schedule", None),
        ("cosine ... schedule", "cosine with two schedules", "cosine with two schedules"),
        # ... and a plural last word also in the singular; not a word whose s is no plural
        ("later source words", "a later source word", "later source word"),
        ("different lengths", "of different length", "different length"),
        ("training loss", "the training los", None),
        ("gradient analysis", "a gradient analysi", None),
        # the multiplication sign reads as x, in the text and in the phrase
        ("8xV100*", "an 8×V100 machine", "8×V100"),
        ("8× V100*", "on 8x V100s", "8x V100s"),
        ("8xV100*", "a 8×V1000 box", "8×V1000"),
        ("8x V100*", "on 18× V100s", None),
        # a word people write as its initials also matches them; not as a wildcard's stem
        ("regularized linear autoencoder", "the regularized linear AE problem", "regularized linear AE"),
        ("linear autoencoders", "two linear AEs", "linear AEs"),
        ("autoencoder*", "an aerial photo", None),
        # an equation matches written unspaced too
        ("W_1 = U_k^T", "For W1=Uk^T we get", "W1=Uk^T"),
        ("W_1 = U_k^T", "take W_1 = U_k^T", "W1 = Uk^T"),
        ("W_1 = U_k^T", "so AW1=Uk^T", None),
        # ... and so does a product after a transpose
        ("U_k^T U_k", "using U_kᵀU_k = I_k", "Uk^TUk"),
        ("U_k^T U_k", "using $U_k^\\top U_k = I$", "Uk^T Uk"),
        ("X X^T U_k", "since XXᵀU_k = U_kΛ_k", None),  # "XX" is one word: the phrase wants two
        ("U_k^T U_k", "the U_k^TV_k block", None),
        # the words after a wildcard follow a later match of it when they do not follow the first
        ("hold* the bias", "one holds the weights and the other holds the bias", "holds the bias"),
        ("hold* the bias", "it holds holding the bias", "holding the bias"),
        (
            "other ... hold* the bias",
            "the other holds the weights and holds the bias",
            "other holds the weights and holds the bias",
        ),
        ("hold* the bias", "one holds the weights; the bias is separate", None),
        # a leading wildcard matches any word beginning
        ("*normal", "an orthonormal basis", "normal"),
        ("normal", "an orthonormal basis", None),
    ],
)
def test_phrase_set_and_compiled_phrase_find_the_same(phrase, text, found):
    hits = find_hits(PhraseSet.build({"p": (phrase,)}), analyse(text))
    assert (hits[0].text if hits else None) == found
    m = compile_phrase(phrase).search(normalize(text))
    assert (m.group() if m else None) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("so ΣU_k = U_kΛ_k with Λ_k diagonal", True),  # the relation in the answer's shorthand
        ("C U_k = U_k D_k", True),
        ("P is a projector with PU_k = U_k.", False),  # U_k with no factor after it
    ],
)
def test_a_leading_wildcard_reads_math_written_unspaced(text, found):
    hits = PhraseSet.build({"p": ("*U_k = U_kΛ*", "*U_k = U_k D*")}).find(text)
    assert bool(hits) is found


def test_compile_phrase_is_cached():
    assert compile_phrase("dropout") is compile_phrase("dropout")


def test_empty_phrases_are_refused():
    with pytest.raises(PhraseError, match="empty phrase"):
        compile_phrase(" ... ")
    with pytest.raises(PhraseError, match="no words"):
        PhraseSet({"k": [" ... "]})


def _kind(text: str, phrase: str) -> str | None:
    sentence = split_sentences(normalize(text))[0]
    m = compile_phrase(phrase).search(sentence.text)
    assert m is not None
    return negation_kind(sentence, m.start(), m.end())


@pytest.mark.parametrize(
    ("text", "phrase", "kind"),
    [
        ("They trained on CIFAR-10, not ImageNet.", "ImageNet", "negated"),
        ("They trained on CIFAR-10, not ImageNet.", "CIFAR-10", None),
        ("Dropout is not needed.", "Dropout", "negated"),
        ("Dropout isn't needed.", "Dropout", "negated"),
        ("Dropout / Layer Norm / Batch Norm are not used.", "Dropout", "negated"),
        ("Dropout and Batch Norm are not used.", "Batch Norm", "negated"),
        ("Weight decay is needed and dropout is not.", "Weight decay", None),
        ("Dropout: not relevant here.", "Dropout", "negated"),
        ("Dropout (not needed).", "Dropout", "negated"),
        # ... but not one that sets another thing against it in the brackets
        ("Use nn.MSELoss (not `nn.L1Loss`, the norm is squared).", "MSELoss", None),
        ("Use nn.MSELoss (not L1Loss).", "L1Loss", "negated"),
        ("Dropout — no, it is not in the objective.", "Dropout", "negated"),
        # "no" before a name negates that name, not the one before the dash
        ("Weight Decay and SGD — no Dropout, no Layer Norm.", "SGD", None),
        ("Weight Decay and SGD — no Dropout, no Layer Norm.", "Dropout", "negated"),
        # a "that" clause after the mention belongs to the noun before it, not to the mention
        ("It forces a one-to-one alignment on sentences that do not line up.", "one-to-one alignment", None),
        # a mention inside the subject's relative clause is not what the main verb negates
        ("A word whose translation needs a later source word cannot be produced.", "later source word", None),
        ("A later source word cannot be used by that decoder step.", "later source word", "negated"),
        ("Train without dropout.", "dropout", "negated"),
        ("Use SGD rather than Adam.", "Adam", "negated"),
        ("Use SGD rather than Adam.", "SGD", None),
        ("Instead of ImageNet, they used CIFAR-10.", "ImageNet", "negated"),
        ("Instead of ImageNet, they used CIFAR-10.", "CIFAR-10", None),
        ("Not batch norm, but dropout.", "dropout", None),
        ("We need not only weight decay but also dropout.", "weight decay", None),
        ("It is never ImageNet.", "ImageNet", "negated"),
        ("A common mistake is to feed I saw a dog.", "I saw a dog", "rejected"),
        ("It is wrong to say the lengths match.", "lengths match", "rejected"),
        ("Feeding saw at step three is wrong.", "saw", "rejected"),
        ("Incorrect: the lengths match.", "lengths match", "rejected"),
        # a pointer clause right after the mention rejects it
        ("A shortcut is ImageNet, but that is wrong: it was CIFAR-10.", "ImageNet", "rejected"),
        ("They used ImageNet (which is false).", "ImageNet", "rejected"),
        ("They used ImageNet, which is the largest dataset.", "ImageNet", None),
        ("Do they use ImageNet?", "ImageNet", "question"),
        ("The decoder does not see the later words, which is the problem.", "not ... later words", None),
        ("It has no access to later source words.", "later source words", "negated"),
        # a clause set off by a dash that opens "that's not" takes back the sentence's subject
        (
            "The sampled inputs I saw a dog are what feedback gives — that's not what training does.",
            "I saw a dog",
            "negated",
        ),
        ("The inputs I see a dog are right — that is the teacher-forced sequence.", "I see a dog", None),
        # a later clause's negation is about its own subject, not about a mention after a verb before it
        ("Sentences have different lengths, and words don't align.", "different lengths", None),
        # "the usual gaps are" presents what follows as mistakes
        ("The usual gaps are checking one condition and claiming ImageNet was used.", "ImageNet", "rejected"),
        # what the model says its own earlier answer described is presented as its mistake
        ("You're right, and my previous answer described a different (ImageNet) effort.", "ImageNet", "rejected"),
        ("My first reply was about ImageNet training at scale.", "ImageNet", "rejected"),
        ("My answer described ImageNet training at scale.", "ImageNet", None),
        # the odds an answer gives an option right after it: under one half, it is not picked
        ("- Dropout — 5%. It adds noise the objective does not have.", "Dropout", "negated"),
        ("- Layer Norm (~10%)", "Layer Norm", "negated"),
        ("- Weight Decay — 95%. It is the penalty.", "Weight Decay", None),
    ],
)
def test_negation_kind(text, phrase, kind):
    assert _kind(text, phrase) == kind


def test_negation_window_is_limited():
    text = "Nothing here is relevant to the question at all, yet the baseline used ImageNet."
    assert _kind(text, "ImageNet") is None


def test_rejected_sentence_reports_rejected():
    s = Sentence("Dropout", unit=0, rejected=True)
    assert negation_kind(s, 0, 7) == "rejected"


def test_answer_regions():
    text = normalize(
        "✓ Answer: 2\n\nExplanation: two maps.\n\n**Answers:**\n\n- ☒ Weight Decay\n- ☒ SGD\n\nMore text.\n"
        "So the answer is yes."
    )
    regions = answer_regions(text)
    assert [r.text for r in regions] == ["2", "- ☒ Weight Decay\n- ☒ SGD", "yes."]
    for r in regions:
        assert text[r.start : r.end] == r.text


def test_a_label_and_a_dash_lead_the_pick():
    text = normalize("**(a)(iii) — SGD optimizer only.**\n\n- Weight Decay: not strictly needed.\n(b) The encoder ...")
    regions = answer_regions(text)
    assert [r.text for r in regions] == ["SGD optimizer only."]
    assert text[regions[0].start : regions[0].end] == regions[0].text


@pytest.mark.parametrize(
    "raw",
    [
        "Why one layer fails.\n\n### ✅ Corrected answers\n- **(i) 2** linear layers\n- **(ii)** MSE\n\nMore.",
        "Why one layer fails.\n\n**Final answers**\n- (i) 2 linear layers\n- (ii) MSE\n\nMore.",
    ],
)
def test_a_heading_that_names_the_answers_heads_the_list_below(raw):
    for text in (raw, normalize(raw)):  # read raw and once headings and bold are gone
        regions = answer_regions(text)
        assert [r.text.replace("**", "") for r in regions] == ["- (i) 2 linear layers\n- (ii) MSE"]


def test_the_answer_to_a_named_part_is_an_answer_region():
    text = normalize("You're correct: the answer to (a)(i) is **2 linear layers**.\n\n- Layer 1 (encoder)")
    assert [r.text for r in answer_regions(text)] == ["2 linear layers."]


def test_an_arrow_after_a_label_leads_the_pick():
    text = normalize("**(i) → 2**\nOne nn.Linear for the encoder and one for the decoder.")
    assert [r.text for r in answer_regions(text)] == ["2"]


def test_a_pick_said_in_words_is_an_answer_region():
    text = normalize("They may want 2, but one layer computes the same map. I'd go with **1** and say why.")
    assert [r.text for r in answer_regions(text)] == ["1 and say why."]


def test_answer_region_empty_marker_without_content():
    assert answer_regions("Answer:\n\n") == []


def test_strip_question_copies_removes_long_shared_runs_only():
    question = "Which five tokens go into the decoder during training for w1 to w5?"
    answer = "Which five tokens go into the decoder during training for w1 to w5? They are <sos>, I, see, a, dog."
    out = strip_question_copies(normalize(answer), question)
    assert "Which five tokens" not in out
    assert "They are <sos>, I, see, a, dog." in out


def test_strip_question_copies_keeps_short_overlaps():
    question = "The reference translation is I see a dog and the output was wrong."
    answer = "The decoder reads I see a dog."
    assert strip_question_copies(answer, question) == answer


def test_strip_question_copies_keeps_a_formula_the_question_gave():
    question = "Show the top eigenvectors satisfy them. Use the SVD X = U S V^T like in lecture."
    answer = "SVD: X = U S V^T with U orthogonal, so X X^T = U D U^T."
    assert strip_question_copies(answer, question) == answer


def test_strip_question_copies_still_removes_a_copied_menu_of_numbers():
    question = "How many linear layers do you need? 0 / 1 / 2 / 3 / 4"
    answer = "How many linear layers do you need? 0 / 1 / 2 / 3 / 4\n\nTwo."
    assert "0 / 1" not in strip_question_copies(answer, question)


def test_strip_question_copies_without_question():
    assert strip_question_copies("text", "") == "text"


def test_analyse_is_cached_and_strips_copies():
    question = "Please explain in detail why the decoder cannot see the later source words here."
    a = analyse(
        "Please explain in detail why the decoder cannot see the later source words here. Lengths differ.", question
    )
    assert a is analyse(
        "Please explain in detail why the decoder cannot see the later source words here. Lengths differ.", question
    )
    assert [s.text for s in a.sentences if s.text.strip(". ")] == ["Lengths differ."]


def test_number_word():
    assert number_word("2") == "two"
    assert number_word("Weight Decay") is None


def test_the_canonical_form_keeps_every_offset():
    import random

    from hw7grade.text.phrases import canonical

    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice("aBİ -_\n\t") for _ in range(rng.randint(0, 30)))
        canon = canonical(text)
        assert len(canon) == len(text)
        for ch, original in zip(canon, text):
            assert ch == " " if original in " -_\n\t" else ch == original.lower() or original == "İ"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("show W1 = U_k^T, W2 = U_k satisfies these", "W1 = U_k^T"),  # one subscript written without "_"
        ("with W_1 = Uk^T here", "W_1 = Uk^T"),
        ("with W_1 = U_k^T here", "W_1 = U_k^T"),
        ("W1 = Uk^T", "W1 = Uk^T"),
        ("W12 = U_k^T", None),
    ],
)
def test_raw_text_matches_a_phrase_whatever_mix_of_subscript_forms_it_writes(text, found):
    hits = PhraseSet.build({"p": ("W_1 = U_k^T",)}).find(text)
    assert (text[hits[0].start : hits[0].end] if hits else None) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("use two `nn.Linear` layers", "Linear` layers"),
        ("use two **linear** layers", "linear** layers"),
        ("use two linear  layers", "linear  layers"),
        ("use two linear\n   layers", "linear\n   layers"),
        ("a  b   c    then two *linear* layers", "linear* layers"),
        ("use two linearlayers", None),
    ],
)
def test_emphasis_code_marks_and_runs_of_spaces_between_a_phrases_words_match_one_space(text, found):
    hits = PhraseSet.build({"p": ("linear layers",)}).find(text)
    assert (text[hits[0].start : hits[0].end] if hits else None) == found


@pytest.mark.parametrize(
    "spec",
    [
        {"type": "concepts", "points": 1, "concepts": [{"name": "c", "phrases": ["fine", "..."]}]},
        {"type": "choice", "points": 1, "options": [{"label": "-"}, {"label": "b"}], "expected": ["b"]},
        {"type": "stance", "points": 1, "expected": "yes", "yes_phrases": [" _ "]},
    ],
)
def test_a_phrase_with_no_words_is_a_load_error_naming_the_field(spec):
    from pydantic import TypeAdapter, ValidationError

    from hw7grade.checks import AnyCheck

    with pytest.raises(ValidationError, match="no words to match"):
        TypeAdapter(AnyCheck).validate_python(spec)


def test_a_phrase_with_an_underscore_matches_raw_and_normalised_text():
    """`W_1` in a rubric phrase matches `W_1` as an answer writes it and `W1` as normalising reads it."""
    from hw7grade.text.phrases import PhraseSet

    phrases = PhraseSet({"cue": ["gradient with respect to W_1"]})
    assert phrases.keys_in("Step 3: gradient with respect to W_1.") == {"cue"}
    assert phrases.keys_in("the gradient with respect to W1 is") == {"cue"}
    assert phrases.keys_in("the gradient with respect to W_2") == set()


@pytest.mark.parametrize(
    "row, cells",
    [
        ("| a | b |", [" a ", " b "]),
        ("| a | b", [" a ", " b"]),
        ("a | b |", ["a ", " b "]),
        ("  | x | ✓ |  ", [" x ", " ✓ "]),
    ],
)
def test_table_cells_are_the_spans_between_pipes(row, cells):
    assert [row[a:b] for a, b in table_cells(row)] == cells


def test_a_copied_run_stops_at_a_sentence_end():
    """The answer's own sequence, "<sos>, I, see, a, dog.", followed by a sentence that begins like
    the question's next one, restates no prompt: a run shared across a full stop is not a copy."""
    question = "Reference translation: 'I see a dog'. The model's sampled translation: 'I saw a dog'."
    answer = "The inputs are the reference: <sos>, I, see, a, dog. The model's sampled word is irrelevant."
    assert strip_question_copies(normalize(answer), question) == normalize(answer)
    copied = "As asked: the model's sampled translation I saw a dog"
    assert "sampled translation" not in strip_question_copies(normalize(copied), question)


@pytest.mark.parametrize(
    "html, markdown",
    [
        ("<b>(a) Problem</b><br>\nThe lengths differ.", "**(a) Problem**\nThe lengths differ."),
        ("w1 = &lt;sos&gt;<br/>w2 = I", "w1 = <sos>\nw2 = I"),
        ("<p>First.</p><p>Second, <i>really</i>.</p>", "First.\n\nSecond, *really*.\n\n"),
        ("<h3>Part (b)</h3>text", "\n### Part (b)\ntext"),
        # a page pasted whole: lists, subscripts and superscripts, tables, named and numeric entities
        (
            '<div class="prose"><ul><li>w<sub>1</sub> = <code>&lt;sos&gt;</code></li></ul></div>',
            "\n\n\n- w_1 = `<sos>`\n\n\n",
        ),
        ("&part;L/&part;W<sub>1</sub> = 2&nbsp;W<sub>2</sub><sup>T</sup>", "∂L/∂W_1 = 2 W_2^T"),
        ("<table><tr><td>w3</td><td>see</td></tr></table>", "\n\n| w3 | see |\n"),
        ("Here&#x27;s one &minus; two", "Here's one − two"),
        # no markup: the text as it is, tokens in angle brackets included
        ("<sos>, I, saw, a, dog <eos>", "<sos>, I, saw, a, dog <eos>"),
        ("AT&T and <s> stay", "AT&T and <s> stay"),
    ],
)
def test_markdown_from_html(html, markdown):
    assert markdown_from_html(html) == markdown


def test_a_key_equals_value_line_stands_alone():
    """An INI or TOML answer ("answer = Yes" over "why = ...") is one sentence a line, as "Answer: Yes" is."""
    text = "[q8b]\nanswer = Yes\nwhy = the penalty balances the factors"
    assert [s.text for s in split_sentences(text)][-2:] == ["answer = Yes", "why = the penalty balances the factors"]
    # a formula's capital name is no key: "W = U_k" runs on
    assert len(split_sentences("so the fit is\nW = U_k here")) == 1
    # a key with a digit is a key ("w5 = dog"): the note on the next line is not part of its sentence
    slots = split_sentences("w4 = a\nw5 = dog\n(no reference is available here)")
    assert [s.text for s in slots] == ["w4 = a", "w5 = dog", "(no reference is available here)"]


def test_a_line_of_ticked_and_crossed_options_is_not_rejected_whole():
    """A cross at the end of a line rejects it, unless the line ticks something too ("WD ✓ | BN ✗")."""
    assert split_sentences("Dropout and Batch Norm ✗")[0].rejected
    assert not split_sentences("Weight Decay ✓ | Dropout ✗ LN ✗ BN ✗")[0].rejected


def test_a_graders_deduction_line_is_rejected():
    """A line that opens on the points taken off ("−2: uses U_k U_k^T = I") names a wrong answer."""
    sentences = split_sentences("Deductions\n- −2: uses U_k U_k^T = I\n- -1 pt: no reason\n\nThe fit is exact.")
    assert [s.rejected for s in sentences] == [True, True, True, False]
    assert not split_sentences("x = -2: the value")[0].rejected


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Answer: ||**Yes.**||", "Answer: Yes."),
        ("||2 linear layers||", "2 linear layers"),
        ("the loss ||X - W2 W1 X||_F^2", "the loss ||X - W2 W1 X||_F^2"),  # norm bars stay
        ("||X - W2W1X||", "||X - W2W1X||"),  # a norm alone on its line holds no word
        ("Why: ||the penalty λ||W2||_F pushes down.||", "Why: ||the penalty λ||W2||_F pushes down.||"),
    ],
)
def test_a_spoiler_is_read_as_its_text(text, plain):
    assert normalize(text) == plain
