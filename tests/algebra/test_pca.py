"""Conditions checked exactly at W_1 = U_k^T, W_2 = U_k."""

from __future__ import annotations

import pytest

from hw7grade.algebra import Deadline, check_at_pca, normalise_table, parse_statements
from hw7grade.rubric.course import default_course

TABLE = normalise_table(default_course().shapes)


def _verdict(text):
    statements, errors = parse_statements(text, TABLE)
    assert len(statements) == 1, (statements, errors)
    return check_at_pca(statements[0], TABLE, Deadline()).status


@pytest.mark.parametrize(
    "text",
    [
        r"W_2^T (W_2 W_1 - I) X X^T = 0",
        r"(W_2 W_1 - I) X X^T W_1^T = 0",
        r"W_2^T W_2 W_1 X X^T = W_2^T X X^T",
        r"W_2 W_1 X X^T W_1^T = X X^T W_1^T",
        r"(X - W_2 W_1 X)(W_1 X)^T = 0",
        r"\nabla_{W_1} L = -2 W_2^T (X - W_2 W_1 X) X^T",
        "W_1 = U_k^T",
        "W_2 = U_k",
        "U_k^T U_k = I_k",
        "W_1 W_1^T = I",
        r"(X - U_k U_k^T X)(U_k^T X)^T = 0",
    ],
)
def test_true_statements_hold(text):
    assert _verdict(text) == "holds"


@pytest.mark.parametrize(
    "text",
    [
        "W_2 W_1 = I",
        "U_k U_k^T = I",
        "W_1^T W_1 = I",
        "X = W_2 W_1 X",
        "W_2^T X X^T W_2 = W_1 W_2",
        r"W_1 X X^T W_1^T = I",
        "W_1 = U_k",  # a substitution of the wrong shape
        "W_2^T = U_k",
    ],
)
def test_false_statements_fail(text):
    assert _verdict(text) == "fails"


def test_an_identity_is_not_a_condition():
    assert _verdict("W_2 W_1 X = W_2 (W_1 X)") == "identity"


def test_other_matrices_are_skipped():
    table = dict(TABLE, S=("m", "n"))
    statements, _ = parse_statements("X = U_k S", table)
    assert check_at_pca(statements[0], table, Deadline()).status == "skipped"


def test_other_shape_mismatches_are_skipped_not_false():
    assert _verdict("W_1 X = U_k") == "skipped"  # not a substitution: unreadable, not wrong


@pytest.mark.parametrize("text", ["U_k^T u_i = 0", r"W_2^T u_{j} = 0", "W_1 e_i = 0"])
def test_a_statement_about_one_vector_of_an_indexed_family_is_skipped(text):
    # "U_k^T u_i = 0 for every i > k" is true or false by the indices it names, which are words
    assert _verdict(text) == "skipped"


def test_a_lone_scalar_still_makes_a_statement_false():
    assert _verdict("W_2 W_1 = c I") == "fails"
