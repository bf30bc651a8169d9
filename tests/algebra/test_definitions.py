"""An answer's shorthand definitions: read once per answer, whichever check asks first."""

from hw7grade.algebra import definitions
from hw7grade.algebra.definitions import find_definitions
from hw7grade.algebra.limits import Deadline
from hw7grade.algebra.nodes import symbol_names

TABLE = {"X": ("m", "n"), "W_1": ("k", "m"), "W_2": ("m", "k")}
ANSWER = "Let $\\Sigma = X X^T$. Then $W_2^T (W_2 W_1 - I) \\Sigma = 0$."
EARLIER = "Write $A := W_2 W_1$ and let $D = X^T X$."


def _shown(defs):
    return {name: text for name, (_, text) in defs.items()}


def test_a_second_reading_is_the_first_and_owns_its_dict():
    definitions._own.clear()
    first = find_definitions(ANSWER, TABLE, Deadline(), EARLIER)
    assert _shown(first) == {"Sigma": "\\Sigma = X X^T", "A": "A := W_2 W_1", "D": "D = X^T X"}
    first.clear()  # a caller's changes stay its own
    again = find_definitions(ANSWER, TABLE, Deadline())
    assert _shown(again) == {"Sigma": "\\Sigma = X X^T"}
    assert _shown(find_definitions(ANSWER, TABLE, Deadline(), EARLIER)) == {
        "Sigma": "\\Sigma = X X^T",
        "A": "A := W_2 W_1",
        "D": "D = X^T X",
    }


def test_definitions_cut_short_by_the_deadline_are_not_remembered():
    definitions._own.clear()
    expired = Deadline(0.0)
    find_definitions(ANSWER, TABLE, expired)
    assert (ANSWER, definitions.table_key(TABLE)) not in definitions._own._data


def test_an_uncued_equation_does_not_replace_a_name_defined_earlier_with_a_cue():
    """After "let A := W₂W₁", "so A = U_kU_kᵀ" says what A is at the PCA point."""
    definitions._own.clear()
    answer = "Take W_1 = U_k^T, so A = U_k U_k^T. Then W_2^T (A - I) X X^T = 0."
    table = {**TABLE, "U_k": ("m", "k")}
    assert _shown(find_definitions(answer, table, Deadline()))["A"] == "A = U_k U_k^T"
    assert _shown(find_definitions(answer, table, Deadline(), EARLIER))["A"] == "A := W_2 W_1"
    factored = "Let $A = U_k U_k^T$ be its value at the point."
    assert _shown(find_definitions(factored, table, Deadline(), EARLIER))["A"] == "A := W_2 W_1"
    # `:=` in the answer itself defines the name anew.
    explicit = "Now $A := U_k U_k^T$. Then (A - I) U_k = 0."
    assert _shown(find_definitions(explicit, table, Deadline(), EARLIER))["A"] == "A := U_k U_k^T"


def test_equals_colon_names_the_side_before_it():
    """`W₂W₁ = U_kU_kᵀ =: P` defines P as U_kU_kᵀ, in plain text too (the `=:` does not end the formula)."""
    definitions._own.clear()
    table = {**TABLE, "U_k": ("m", "k")}
    for answer in ("Set W₁ = U_kᵀ, so W₂W₁ = U_kU_kᵀ =: P (the projector).", "so $W_2 W_1 = U_k U_k^T =: P$"):
        defs = find_definitions(answer, table, Deadline())
        assert set(defs) == {"P"}
        value, text = defs["P"]
        assert "=: P" in text and "W" not in str(value) and str(value).count("U_k") == 2


def test_the_answers_own_cued_definition_stands_over_an_earlier_replys():
    """A corrected reply's "Define V_1 = W_1 U" replaces the first reply's "Define V_1 = W_1 V"."""
    definitions._own.clear()
    table = {**TABLE, "U": ("m", "m"), "V": ("n", "n")}
    earlier = "Define $V_1 = W_1 V$ and $V_2 = V^T W_2$."
    answer = "Define V1 = W1 U (k x m) and V2 = U^T W2 (m x k). Then the conditions reduce."
    shown = _shown(find_definitions(answer, table, Deadline(), earlier))
    assert shown == {"V_1": "V1 = W1 U", "V_2": "V2 = U^T W2"}  # the second joined after a shape note


def test_a_name_with_its_digit_written_on_defines_without_a_cue():
    """Plain ASCII `V1 = W1 U` opens on a name as `V_1 = W_1 U` does ("setting" is no cue word)."""
    definitions._own.clear()
    for answer, name in (
        ("Substituting, and setting V1 = W1 U and V2 = U^T W2, the conditions become", "V_1"),
        ("Substituting, and setting V_1 = W_1 U, the condition becomes", "V_1"),
    ):
        defs = find_definitions(answer, TABLE, Deadline())
        assert name in defs and "W_1" in str(defs[name][0])
    # A longer run of digits is no name: `10 = ...` and `V123 = W1` define nothing.
    assert find_definitions("so V123 = W1 U holds", TABLE, Deadline()) == {}


def test_a_value_in_an_undefined_name_is_read_from_the_rest_of_its_chain():
    """ "E := X − PX = (I − U_kU_kᵀ)X" with P never defined: E is the side in known names. A value the
    answer can read (P defined first) stays as written, and so does one no later side improves."""
    definitions._own.clear()
    table = {**TABLE, "U_k": ("m", "k")}
    defs = find_definitions("Residual: E := X − PX = (I − U_kU_kᵀ)X.", table, Deadline())
    assert symbol_names(defs["E"][0]) == {"U_k", "X"}
    defs = find_definitions("Let P := U_kU_kᵀ. Residual: E := X − PX = (I − U_kU_kᵀ)X.", table, Deadline())
    assert symbol_names(defs["E"][0]) == {"P", "X"}
    defs = find_definitions("Residual: E := X − PX = X − QX.", table, Deadline())
    assert symbol_names(defs["E"][0]) == {"P", "X"}


def test_a_name_set_to_a_number_is_a_worked_examples_value_not_shorthand():
    """ "The 2×2 example is this computation with $\\Lambda_k = 18$": read as shorthand, the number would
    replace Λ_k in the general eigen relation before it."""
    definitions._own.clear()
    for answer in (
        "The example is exactly this computation with $\\Lambda_k = 18$.",
        "where $c = -1/2$ in the example",
    ):
        assert find_definitions(answer, TABLE, Deadline()) == {}
    assert "D" in find_definitions("with $D = 2 X X^T$", TABLE, Deadline())
