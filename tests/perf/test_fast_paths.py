"""The grading fast paths give exactly what the plain versions they replace give.

Each fast path (a regex rewritten to avoid backtracking, a shortcut for text without a marker,
phrase matching restricted to sentences holding the phrase's literal) is compared with the plain
form on generated text built from the characters that matter to it.
"""

from __future__ import annotations

import random
import re

import pytest

from hw7grade.algebra import candidates
from hw7grade.text import answers, copies, normalize, polarity, sentence_end
from hw7grade.text.analysis import analyse, find_hits
from hw7grade.text.phrases import PhraseSet, compile_phrase
from hw7grade.transcripts.markdown_chat import find_role_lines

CASES = 3000
ALPHABET = list("ab Z_*~#>`$\\{}<>[]()\n\t.,:;!?-x1 2'%") + [
    "**",
    "__",
    "\u2019",
    "\u201c",
    "\u2026",
    "\u200b",
    "\u2013",
    "é",
    "İ",
    "ß",
    "\\text{",
    "\\mathbf{",
    "\\top",
    "$$",
    "w_1",
    "W_{2}",
    "< sos >",
    "](http://a)",
    "e.g. ",
    "U.S. ",
    "  ",
    "not ",
    "no ",
]


def _texts(seed: int, alphabet: list[str] = ALPHABET, longest: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(CASES)]


def test_word_regex_matches_the_backtracking_form() -> None:
    plain = re.compile(r"[\w<>\[\]'%.-]*\w[\w<>\[\]'%-]*|<\w+>")
    long_edge = re.compile(r"[<>\[\]'%.-]{" + str(copies.WORD_EDGE_MAX + 1) + "}")
    for text in _texts(1, list("ab_1<>[]'%.- \n,é") + ["ß", "x.y", "..", "'s"]):
        if long_edge.search(text):
            continue  # the fast form keeps at most WORD_EDGE_MAX punctuation marks at a word's edge
        assert [m.span() for m in copies._WORD_RE.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_space_runs_give_what_replacing_every_run_gives() -> None:
    for text in _texts(2, list(" \t\f\va\n")):
        assert normalize._SPACE_RUNS_RE.sub(" ", text) == normalize._SPACES_RE.sub(" ", text), text


def _breaks_after_marks(text: str) -> list[tuple[int, int]]:
    """Every run of spaces before a non-space whose text before ends on a full stop, "!" or "?" and up
    to three closing marks ("`nn.MSELoss`.** Next"), found without a pattern."""
    closers = "*_`)\"”’'"
    found = []
    for run in re.finditer(r"\s+", text):
        before = text[: run.start()]
        if run.end() < len(text) and any(
            len(before) > k and before[-k - 1] in ".!?" and all(c in closers for c in before[len(before) - k :])
            for k in range(4)
        ):
            found.append(run.span())
    return found


def test_sentence_breaks_are_those_after_a_mark_and_its_closers() -> None:
    for text in _texts(3, list("a .!?\n\t*)`")):
        assert [m.span(1) for m in sentence_end.SENTENCE_END_RE.finditer(text)] == _breaks_after_marks(text), text


def test_quote_characters_are_translated_as_by_the_table() -> None:
    for text in _texts(4):
        assert normalize._QUOTE_CHARS_RE.sub(normalize._quote_char, text) == text.translate(normalize._QUOTES)


def test_canonical_spaces_and_grader_folding_equal_the_translate_tables() -> None:
    from hw7grade.text import injection, phrases

    spaces = "\t\n\r\f\v-_*`\u00a0\u2009\u202f"
    to_space = str.maketrans({c: " " for c in spaces})
    fold = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
    for text in _texts(5, [*ALPHABET, *spaces, "\u2018", "\u201d", "\r"]):
        phrases.canonical.cache_clear()
        assert phrases.canonical(text) == normalize.ascii_fold(text).translate(to_space), text
        # the flag quotes what follows the phrase, folded
        folded = " ".join(("award full marks " + text).translate(fold).lower().split())
        assert injection.grader_directed("award full marks " + text) == folded[:46].strip(), text


QUESTION = "Explain why the decoder is fed the previous target token during training, in about 100 words."


@pytest.mark.parametrize("seed", range(5))
def test_question_copies_fast_path_equals_line_by_line(seed: int) -> None:
    rng = random.Random(seed)
    words = QUESTION.split() + ["model", "Straße", "ǅ", "\n", "\n", "the", "decoder"]
    grams = copies._question_grams(QUESTION)
    for _ in range(CASES // 5):
        answer = " ".join(rng.choice(words) for _ in range(rng.randint(0, 60)))
        if rng.random() < 0.5:
            answer += "\n" + " ".join(QUESTION.split()[: rng.randint(5, 9)])
        slow = "\n".join(copies._without_copies(line, grams, check_first=True) for line in answer.split("\n"))
        assert copies.strip_question_copies(answer, QUESTION) == slow


PHRASES = [
    "teacher forcing",
    "ground*truth",
    "previous ... token",
    "exposure bias",
    "w1",
    "I",
    "hold* the bias",  # a word* whose next words must follow it, after an earlier match that they do not
    "previous ... hold* the* bias",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_the_automaton_finds_what_the_phrase_regex_finds_first_in_each_sentence(phrase: str) -> None:
    rng = random.Random(phrase)
    vocabulary = [
        "teacher",
        "Forcing",
        "forcing",
        "ground-truth",
        "ground truth",
        "GROUNDTRUTHS",
        "previous",
        "the",
        "token",
        "not",
        "exposure",
        "bias.",
        "W1",
        "w1",
        "ſ",
        "K",
        "\u0130",
        "I",
        "is",
        "wrong.",
        "holds",
        "hold",
        "theory",
        "bias",
    ]
    pattern = compile_phrase(phrase)
    phrases = PhraseSet.build({"p": (phrase,)})
    for _ in range(300):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 40)))
        a = analyse(text)
        expected = [
            (s.index, m.start(), m.end(), polarity.negation_kind(s, m.start(), m.end()))
            for s in a.sentences
            if (m := pattern.search(s.text))
        ]
        firsts: dict[int, tuple[int, int, int, str | None]] = {}
        for h in find_hits(phrases, a):
            firsts.setdefault(h.sentence.index, (h.sentence.index, h.start, h.end, h.negation))
        assert list(firsts.values()) == expected, text


def _rubric_phrases() -> list[str]:
    from hw7grade.rubric.model import load_rubric

    found: set[str] = set()
    for part in load_rubric().parts:
        for check in part.checks:
            for concept in [*(getattr(check, "claims", None) or []), *(getattr(check, "concepts", None) or [])]:
                found.update(concept.phrases)
    return sorted(found)


def test_the_automaton_finds_a_rubric_phrase_wherever_its_regex_does() -> None:
    """Every phrase of the bundled rubric, in random runs of its own words (each repeated, so that a
    wildcard or a first word matches early and again later): the automaton finds a match exactly where
    the regex does."""
    rng = random.Random(7)
    phrases = _rubric_phrases()
    assert len(phrases) > 100
    for phrase in phrases:
        words = phrase.replace("...", " ").replace("*", "s").split() * 2 + ["the", "and", "not", "x"]
        found = PhraseSet.build({"p": (phrase,)})
        pattern = compile_phrase(phrase)
        for _ in range(40):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(2, 14)))
            automaton = bool(find_hits(found, analyse(text)))
            assert automaton == (pattern.search(normalize.normalize(text)) is not None), (phrase, text)


def test_formula_runs_skip_only_lines_without_formula_words() -> None:
    text = "We know that W_2 W_1 = I here.\nplain prose only\nso X^T X is symmetric, and A B too"
    assert [c.text for c in candidates._plain(text)] == ["W_2 W_1 = I", "X^T X", "A B"]


def test_role_lines_of_each_style_are_still_found() -> None:
    lines = ["**User**", "hello", "## Assistant", "```", "**User**", "```", "ChatGPT said:", "   ", "*not a role*"]
    assert [(r.index, r.style, r.role) for r in find_role_lines(lines)] == [
        (0, "bold", "user"),
        (2, "h2", "assistant"),
        (6, "said", "assistant"),
    ]


# Regexes reordered so that they start with a literal the engine can skip to: each is compared
# with the form it replaced (a look-behind or a `\s*` first) on text dense in what it looks for.


def test_subscripts_start_at_the_underscore_and_give_the_letter_first_form() -> None:
    plain = re.compile(r"([A-Za-z])(?<![A-Za-z][A-Za-z])_(?:\{\s*(\d+|[a-z])\s*\}|(\d+|[a-z])(?![A-Za-z0-9]))")
    for text in _texts(5, list("aZb_1{} 2x_\n.") + ["W_{2}", "_{ t }", "ab_", "é_1"]):
        assert normalize._drop_subscript_marks(text) == plain.sub(
            lambda m: m.group(1) + (m.group(2) or m.group(3)), text
        ), text


def test_trailing_marks_are_found_where_the_leading_space_form_finds_them() -> None:
    for fast in (answers.TRAILING_CHECK_RE, answers.TRAILING_REJECT_RE):
        plain = re.compile(r"\s*" + fast.pattern)
        for text in _texts(6, list("a ✓✗×\t✅❌") + ["✔ ", " ✕"]):
            assert bool(fast.search(text)) == bool(plain.search(text)), text


def test_answer_regions_skip_only_lines_that_no_answer_pattern_can_match() -> None:
    words = ["Answer", "ANSWERS", "answer", "is", ":", "the", "final", "- x", "✓", "(b)", "yes", "ſ", "İ", "—", "="]
    rng = random.Random(7)
    for _ in range(CASES):
        line = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        bare = answers.strip_decoration(line)
        if answers._ANSWER_LINE_RE.match(bare) or answers._ANSWER_INLINE_RE.search(bare):
            assert "answer" in line.lower(), line


def test_math_delimiters_and_inline_formulas_keep_their_old_matches() -> None:
    plain_delims = re.compile(r"\${1,2}|\\[()\[\]]")
    plain_inline = re.compile(r"\\\((.+?)\\\)|(?<![\\$])\$(?!\$)([^$\n]+?)(?<!\\)\$")
    plain_display = re.compile(
        r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\begin\{(equation|align|gather|multline|eqnarray)(\*?)\}(.+?)\\end\{\3\4\}",
        re.DOTALL,
    )
    for text in _texts(8, list("$\\()[]x \n") + ["$$", "\\$", "W_1"]):
        assert normalize._MATH_DELIMS_RE.sub("", text) == plain_delims.sub("", text), text
        assert candidates._inline_regions(text) == [
            (m.start(), m.end(), m.group(1) or m.group(2)) for m in plain_inline.finditer(text)
        ], text
        assert candidates._display_regions(text)[0] == [
            (m.start(), m.end(), next(g for g in (m.group(1), m.group(2), m.group(5)) if g is not None))
            for m in plain_display.finditer(text)
        ], text


def test_masking_spans_in_one_pass_equals_masking_them_one_by_one() -> None:
    rng = random.Random(9)
    for text in _texts(10, list("ab\n$ ")):
        spans = [
            tuple(sorted((rng.randint(0, len(text) + 2), rng.randint(0, len(text) + 2))))
            for _ in range(rng.randint(0, 4))
        ]
        slow = text
        for a, b in spans:
            slow = slow[:a] + re.sub(r"[^\n]", " ", slow[a:b]) + slow[b:]
        assert candidates._mask(text, spans) == slow, (text, spans)


def test_frame_words_are_in_every_text_the_frame_pattern_matches() -> None:
    words = [
        "a",
        "common",
        "Mistake",
        "MISCONCEPTION",
        "error",
        "Erroneously",
        "it's",
        "is",
        "wrong",
        "to",
        "one",
        "might",
        "mAy",
        "think",
        "tempting",
        "naïve",
        "Naive",
        "ſ",
        "\u0130",
        "\u212a",
        ":",
        " ",
        "-",
        "mıstake",
        "INCORRECT",
        "answers",
        "students",
        "would",
        "be",
        "pitfall",
        "classic",
    ]
    rng = random.Random(11)
    for _ in range(CASES):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 10)))
        if polarity._FRAME_RE.search(text):
            assert any(w in normalize.ascii_fold(text) for w in polarity._FRAME_WORDS), text
