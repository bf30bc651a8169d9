"""The grading fast paths give exactly what the plain versions they replace give.

Each fast path (a regex rewritten to avoid backtracking, a shortcut for text without a marker,
phrase matching restricted to sentences holding the phrase's literal) is compared with the plain
form on generated text built from the characters that matter to it.
"""

from __future__ import annotations

import random
import re

import pytest

from hw7grade import textmatch
from hw7grade.algebra import candidates
from hw7grade.transcripts.markdown_chat import find_role_lines

CASES = 3000
ALPHABET = list("ab Z_*~#>`$\\{}<>[]()\n\t.,:;!?-x1 2'%") + [
    "**", "__", "\u2019", "\u201c", "\u2026", "\u200b", "\u2013", "é", "İ", "ß", "\\text{", "\\mathbf{",
    "\\top", "$$", "w_1", "W_{2}", "< sos >", "](http://a)", "e.g. ", "U.S. ", "  ", "not ", "no ",
]


def _texts(seed: int, alphabet: list[str] = ALPHABET, longest: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(CASES)]


def test_word_regex_matches_the_backtracking_form() -> None:
    plain = re.compile(r"[\w<>\[\]'%.-]*\w[\w<>\[\]'%-]*|<\w+>")
    for text in _texts(1, list("ab_1<>[]'%.- \n,é") + ["ß", "x.y", "..", "'s"]):
        assert [m.span() for m in textmatch._WORD_RE.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_space_runs_give_what_replacing_every_run_gives() -> None:
    for text in _texts(2, list(" \t\f\va\n")):
        assert textmatch._SPACE_RUNS_RE.sub(" ", text) == textmatch._SPACES_RE.sub(" ", text), text


def test_sentence_breaks_are_the_look_behind_ones() -> None:
    plain = re.compile(r"(?<=[.!?])\s+(?=[^\s])")
    for text in _texts(3, list("a .!?\n\t")):
        assert [m.span(1) for m in textmatch._SENTENCE_END_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_quote_characters_are_translated_as_by_the_table() -> None:
    for text in _texts(4):
        assert textmatch._QUOTE_CHARS_RE.sub(textmatch._quote_char, text) == text.translate(textmatch._QUOTES)


QUESTION = "Explain why the decoder is fed the previous target token during training, in about 100 words."


@pytest.mark.parametrize("seed", range(5))
def test_question_copies_fast_path_equals_line_by_line(seed: int) -> None:
    rng = random.Random(seed)
    words = QUESTION.split() + ["model", "Straße", "ǅ", "\n", "\n", "the", "decoder"]
    grams = textmatch._question_grams(QUESTION)
    for _ in range(CASES // 5):
        answer = " ".join(rng.choice(words) for _ in range(rng.randint(0, 60)))
        if rng.random() < 0.5:
            answer += "\n" + " ".join(QUESTION.split()[: rng.randint(5, 9)])
        slow = "\n".join(textmatch._without_copies(line, grams, check_first=True) for line in answer.split("\n"))
        assert textmatch.strip_question_copies(answer, QUESTION) == slow


PHRASES = ["teacher forcing", "ground*truth", "previous ... token", "exposure bias", "w1", "I"]


@pytest.mark.parametrize("phrase", PHRASES)
def test_phrase_search_in_literal_sentences_finds_every_mention(phrase: str) -> None:
    rng = random.Random(phrase)
    vocabulary = ["teacher", "Forcing", "forcing", "ground-truth", "ground truth", "GROUNDTRUTHS", "previous", "the",
                  "token", "not", "exposure", "bias.", "W1", "w1", "ſ", "K", "\u0130", "I", "is", "wrong."]
    pattern = textmatch.compile_phrase(phrase)
    for _ in range(300):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 40)))
        sentences = tuple(textmatch.analyse(text).sentences)
        expected = [
            (s.index, m.start(), m.end(), textmatch.negation_kind(s, m.start(), m.end()))
            for s in sentences
            for m in pattern.finditer(s.text)
        ]
        found = [(h.sentence.index, h.start, h.end, h.negation) for h in textmatch.find_phrase(phrase, sentences)]
        assert found == expected, text


def test_formula_runs_skip_only_lines_without_formula_words() -> None:
    text = "We know that W_2 W_1 = I here.\nplain prose only\nso X^T X is symmetric, and A B too"
    assert [c.text for c in candidates._plain(text)] == ["W_2 W_1 = I", "X^T X", "A B"]


def test_role_lines_of_each_style_are_still_found() -> None:
    lines = ["**User**", "hello", "## Assistant", "```", "**User**", "```", "ChatGPT said:", "   ", "*not a role*"]
    assert [(r.index, r.style, r.role) for r in find_role_lines(lines)] == [
        (0, "bold", "user"), (2, "h2", "assistant"), (6, "said", "assistant"),
    ]


# Regexes reordered so that they start with a literal the engine can skip to: each is compared
# with the form it replaced (a look-behind or a `\s*` first) on text dense in what it looks for.

def test_subscripts_start_at_the_underscore_and_give_the_letter_first_form() -> None:
    plain = re.compile(r"([A-Za-z])(?<![A-Za-z][A-Za-z])_(?:\{\s*(\d+|[a-z])\s*\}|(\d+|[a-z])(?![A-Za-z0-9]))")
    for text in _texts(5, list("aZb_1{} 2x_\n.") + ["W_{2}", "_{ t }", "ab_", "é_1"]):
        assert textmatch._drop_subscript_marks(text) == plain.sub(lambda m: m.group(1) + (m.group(2) or m.group(3)), text), text


@pytest.mark.parametrize("phrase", ["teacher forcing", "I ... dog", "w*", "x1", "sos>", "<sos>", "é tude", "_x"])
def test_phrases_check_the_character_before_after_their_first_one(phrase: str) -> None:
    pattern = textmatch.compile_phrase(phrase)
    plain = re.compile(pattern.pattern.replace(r"(?<!\w.)", "", 1), re.I)
    if pattern.pattern != plain.pattern:
        plain = re.compile(r"(?<![\w])" + plain.pattern, re.I)
    words = ["teacher", "forcing", "xteacher", "I", "dog", "wI", "w", "x1", "ax1", "sos>", "<sos>", "é", "tude", "_x",
             "a_x", " ", "-", "\n", "_"]
    rng = random.Random(phrase)
    for _ in range(CASES // 5):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_trailing_marks_are_found_where_the_leading_space_form_finds_them() -> None:
    for fast in (textmatch.TRAILING_CHECK_RE, textmatch.TRAILING_REJECT_RE):
        plain = re.compile(r"\s*" + fast.pattern)
        for text in _texts(6, list("a ✓✗×\t✅❌") + ["✔ ", " ✕"]):
            assert bool(fast.search(text)) == bool(plain.search(text)), text


def test_answer_regions_skip_only_lines_that_no_answer_pattern_can_match() -> None:
    words = ["Answer", "ANSWERS", "answer", "is", ":", "the", "final", "- x", "✓", "(b)", "yes", "ſ", "İ", "—", "="]
    rng = random.Random(7)
    for _ in range(CASES):
        line = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        bare = textmatch.strip_decoration(line)
        if textmatch._ANSWER_LINE_RE.match(bare) or textmatch._ANSWER_INLINE_RE.search(bare):
            assert "answer" in line.lower(), line


def test_math_delimiters_and_inline_formulas_keep_their_old_matches() -> None:
    plain_delims = re.compile(r"\${1,2}|\\[()\[\]]")
    plain_inline = re.compile(r"\\\((.+?)\\\)|(?<![\\$])\$(?!\$)([^$\n]+?)(?<!\\)\$")
    for text in _texts(8, list("$\\()[]x \n") + ["$$", "\\$", "W_1"]):
        assert textmatch._MATH_DELIMS_RE.sub("", text) == plain_delims.sub("", text), text
        assert [m.groups() for m in candidates._INLINE_RE.finditer(text)] == [m.groups() for m in plain_inline.finditer(text)], text


def test_masking_spans_in_one_pass_equals_masking_them_one_by_one() -> None:
    rng = random.Random(9)
    for text in _texts(10, list("ab\n$ ")):
        spans = [tuple(sorted((rng.randint(0, len(text) + 2), rng.randint(0, len(text) + 2))))
                 for _ in range(rng.randint(0, 4))]
        slow = text
        for a, b in spans:
            slow = slow[:a] + re.sub(r"[^\n]", " ", slow[a:b]) + slow[b:]
        assert candidates._mask(text, spans) == slow, (text, spans)


def test_frame_words_are_in_every_text_the_frame_pattern_matches() -> None:
    words = ["a", "common", "Mistake", "MISCONCEPTION", "error", "Erroneously", "it's", "is", "wrong", "to", "one",
             "might", "mAy", "think", "tempting", "naïve", "Naive", "ſ", "\u0130", "\u212a", ":", " ", "-", "mıstake",
             "INCORRECT", "answers", "students", "would", "be", "pitfall", "classic"]
    rng = random.Random(11)
    for _ in range(CASES):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 10)))
        if textmatch._FRAME_RE.search(text):
            assert textmatch._may_frame(text), text
