"""`sequence` check, one test per entry of cases/sequence.yaml."""

from hypothesis import given, settings
from hypothesis import strategies as st

from hw7grade.checks.sequence import _PRE_CHECKS, _holds


def test_sequence_case(case):
    case.verify(case.spec.run(case.context))


_PIECES = [
    "<sos>",
    "[SOS]",
    "I",
    "see",
    "a",
    "dog",
    ",",
    ", ",
    " -> ",
    "->",
    " → ",
    "=>",
    "⇒",
    " | ",
    "|",
    " · ",
    "•",
    ">",
    "<",
    "[",
    " ",
    "not",
    "'x'",
    '"y"',
    ".",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_a_sentence_is_read_for_lists_whenever_it_holds_one(text):
    """`_lists` reads a sentence with a pattern only when it holds the characters every match needs."""
    for pattern, marks, least in _PRE_CHECKS:
        if pattern.search(text):
            assert _holds(marks, text, least), (pattern.pattern, text)
