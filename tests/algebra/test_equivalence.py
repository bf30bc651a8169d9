"""Statements: what they mention is worked out once and changes neither equality nor hashing."""

from dataclasses import replace

from hw7grade.algebra import parse_statements
from hw7grade.algebra.nodes import symbol_names


def test_mentions_are_kept_and_match_the_tree():
    (s,), _ = parse_statements("W_2^T (W_2 W_1 - I) X X^T = 0")
    fresh = replace(s)  # the same fields, nothing worked out yet
    assert s.mentions() == symbol_names(s.lhs) | symbol_names(s.rhs) == {"W_1", "W_2", "X"}
    assert s.mentions() is s.mentions()
    assert s == fresh and hash(s) == hash(fresh) and repr(s) == repr(fresh)
    assert replace(s, rhs=None).mentions() == symbol_names(s.lhs)
