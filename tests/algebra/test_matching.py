"""An answer read lazily (`AnswerReading`): a reader that asks for some snippets parses only those."""

from __future__ import annotations

from hw7grade.algebra import Deadline, matching, normalise_table
from hw7grade.algebra.matching import AnswerReading

TABLE = normalise_table({"X": ("m", "n"), "W_1": ("k", "m"), "W_2": ("m", "k")})
ANSWER = (
    "The gradient is $$\\nabla_{W_1} L = 2 W_2^\\top (W_2 W_1 - I) X X^\\top$$ and so "
    "$$\\boxed{W_2^\\top (W_2 W_1 - I) X X^\\top = 0}$$"
)


def _parsed(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = matching.snippet_statements

    def counting(cand, table, deadline):
        seen.append(cand.source)
        return real(cand, table, deadline)

    monkeypatch.setattr(matching, "snippet_statements", counting)
    return seen


def test_asking_for_one_source_parses_only_its_snippets(monkeypatch):
    seen = _parsed(monkeypatch)
    reading = AnswerReading(ANSWER, TABLE, Deadline())
    seen.clear()  # the answer's definitions are looked for once, up front
    boxed = list(reading.entries(frozenset({"W_1"}), source="boxed"))
    assert [e[0].source for e in boxed] == ["boxed"]
    assert seen == ["boxed"]


def test_every_source_is_read_without_one(monkeypatch):
    seen = _parsed(monkeypatch)
    reading = AnswerReading(ANSWER, TABLE, Deadline())
    seen.clear()
    found = {e[0].source for e in reading.entries(frozenset({"W_1"}))}
    assert found == {"display", "boxed"}
    assert set(seen) == {"boxed", "display"}


def _best(answer: str, reference: str):
    from hw7grade.algebra.matching import best_for_reference

    return best_for_reference(reference, AnswerReading(answer, TABLE, Deadline()), TABLE, Deadline())


GRADIENT_W1 = r"\nabla_{W_1} L = 2 W_2^\top (W_2 W_1 - I) X X^\top"


def test_a_formula_that_cannot_state_the_reference_is_not_on_point():
    # W_1 = U_k names neither X nor W_2, on which the gradient depends: only the closest formula
    result = _best(r"So take $W_1 = U_k$ and $W_2 = U_k^\top$.", GRADIENT_W1)
    assert not result.equivalent and not result.on_point


def test_a_wrong_statement_on_point_is_closer_than_an_unrelated_symbol():
    # the X^T X condition is wrong (a shape error), but it is the answer's: not the lone "$n$"
    answer = r"Summing over the $n$ samples: $$W_2^\top(W_2W_1 - I)X^\top X = 0$$"
    result = _best(answer, GRADIENT_W1)
    assert result.on_point and "X^\\top X" in result.candidate


def test_a_definition_of_a_new_symbol_is_not_on_point():
    # "E = (I - W_2 W_1) X" names the residual: it mentions all the gradient needs but states no condition
    result = _best(r"Write the residual as $E = (I - W_2W_1)X$, of shape m by n.", GRADIENT_W1)
    assert not result.equivalent and not result.on_point


def test_a_statement_whose_left_side_is_a_known_matrix_stays_on_point():
    # X is the table's: "X = W_2 W_1 X" is a (wrong) condition on the weights, not a definition
    result = _best(r"At the optimum $$X = W_2 W_1 X$$", GRADIENT_W1)
    assert not result.equivalent and result.on_point
