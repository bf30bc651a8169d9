"""Finding formulas in answers: display, inline, boxed, aligned rows and plain text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hw7grade.algebra import answer_statements, find_candidates, parse_statements


def _texts(answer):
    return [(c.source, c.text) for c in find_candidates(answer)]


def test_display_inline_and_bracket_math():
    answer = "We get $$A = B$$ and \\[C = D\\] where $E = F$ and \\(G = H\\)."
    assert _texts(answer) == [("display", "A = B"), ("display", "C = D"), ("inline", "E = F"), ("inline", "G = H")]


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        (r"$$(P - I) C U_k = 0 \ ✅$$", "(P - I) C U_k = 0"),
        (r"$$U_k^T (P - I) C = 0 \quad ✓$$", "U_k^T (P - I) C = 0"),
        (r"$$A = B \\ = C \, ✔️$$", "A = B = C"),
        (r"$$U_k U_k^T = I ❌$$", "U_k U_k^T = I ❌"),  # a cross mark says it is false: kept
    ],
)
def test_a_check_mark_closing_display_math_is_no_factor(answer, found):
    assert [t for _, t in _texts(answer)] == [found]


def test_boxed_content_is_a_candidate():
    answer = r"The answer is \boxed{W_2^T (W_2 W_1 - I) X X^T = 0}."
    assert ("boxed", "W_2^T (W_2 W_1 - I) X X^T = 0") in _texts(answer)


def test_each_row_of_a_boxed_block_is_boxed():
    answer = "$$\n\\boxed{\n\\begin{aligned}\nA &= B, \\\\\nC &= D .\n\\end{aligned}}\n$$"
    boxed = [t for source, t in _texts(answer) if source == "boxed"]
    assert boxed == ["A  = B,", "C  = D ."]


def test_aligned_rows_continue_the_chain():
    answer = r"""$$\begin{aligned}
 \nabla_{W_2} L &= \nabla_{W_2} \text{tr}(X X^T) \quad \text{linearity} \\
 &= 2(W_1 X X^T W_1^T W_2^T)^T - 2(W_1 X X^T)^T \\
 &= 2(W_2 W_1 - I) X X^T W_1^T
 \end{aligned}$$"""
    cands = find_candidates(answer)
    assert len(cands) == 1 and cands[0].source == "aligned"
    statements, _ = answer_statements(answer)
    assert [(s.kind, s.wrt) for _, s in statements] == [("gradient", "W_2"), ("gradient", "W_2")]


def test_plain_text_formulas_and_continuation_lines():
    answer = (
        "Setting both to zero:\n\ndL/dW_1 = 2 W_2^T (W_2 W_1 - I) X X^T = 0\n"
        "First condition: W_2^T W_2 W_1 X X^T\n= W_2^T X X^T (Condition 1)\n"
    )
    texts = [t for s, t in _texts(answer) if s == "plain"]
    assert "dL/dW_1 = 2 W_2^T (W_2 W_1 - I) X X^T = 0" in texts
    assert any(t.startswith("W_2^T W_2 W_1 X X^T") and t.endswith("= W_2^T X X^T") for t in texts)


@pytest.mark.parametrize(
    "answer, found",
    [
        # A product written as one word (`W2W1`, `W1U`) belongs to its formula.
        ("Since UUᵀ = I, we have W2W1 − I = U (V2V1 − I) Uᵀ. Then:", ["UUᵀ = I", "W2W1 − I = U (V2V1 − I) Uᵀ"]),
        ("so V1 = W1U holds", ["V1 = W1U"]),
        # A step's justification between two links of a chain does not end it.
        (
            "(U_kU_kᵀ − I)XXᵀU_k = (U_kU_kᵀ − I)U_kΛ_k (by fact 2)\n = (U_k − U_k)Λ_k = 0. ✓ (by fact 1)",
            ["(U_kU_kᵀ − I)XXᵀU_k = (U_kU_kᵀ − I)U_kΛ_k = (U_k − U_k)Λ_k = 0"],
        ),
        # ... nor does one after an arrow at the end of its line.
        (
            " (P - I) C U_k\n = (P - I) U_k L_k      ← eigen-relation\n = (U_k - U_k) L_k = 0",
            ["(P - I) C U_k = (P - I) U_k L_k = (U_k - U_k) L_k = 0"],
        ),
        ("W2 = U_k  <-- decoder\n = U_k", ["W2 = U_k = U_k"]),
        # ... nor one in words after a wide gap at the end of its line.
        (
            "    = (U_k^T - U_k^T) X X^T          by (a)\n    = 0",
            ["= (U_k^T - U_k^T) X X^T = 0"],
        ),
        # A shape note in plain text, spaced or not, is no factor and does not end the formula.
        ("let\n  V1 := W1 U      (k x m)\n  V2 := U^T W2    (m×k)", ["V1 := W1 U", "V2 := U^T W2"]),
        (
            "(I - P) X X^T U_k\n      = (I - P) U_k Lambda_k   (eigenvector relation X X^T U_k = U_k Lambda_k)\n"
            "      = (U_k - U_k) Lambda_k = 0.",
            ["(I - P) X X^T U_k = (I - P) U_k Lambda_k = (U_k - U_k) Lambda_k = 0"],
        ),
        # A part label or an equation tag at a line's start, or a tag after a gap at its end, is no factor.
        ("**(ii) W1 = U_k^T, W2 = U_k satisfy (C1) and (C2)**", ["W1 = U_k^T, W2 = U_k"]),
        ("  (C1)  W2^T (W2 W1 - I) X X^T = 0          [k x m]", ["W2^T (W2 W1 - I) X X^T = 0"]),
        ("    W2^T (W2 W1 - I) X X^T = 0          (1)", ["W2^T (W2 W1 - I) X X^T = 0"]),
        ("  V2^T (V2 V1 - I) D = 0.                  (1')", ["V2^T (V2 V1 - I) D = 0"]),
        ("(W2 W1 - I) X X^T W1^T = 0 (2)", ["(W2 W1 - I) X X^T W1^T = 0 (2)"]),
        # A homework or course number is not one.
        ("In HW7 Q3(b) and CS189 we show it.", []),
        # Nor is a comment opening on a method's name, or a shape note that goes on in words.
        ("  X = U S V^T          (SVD; U is m x m orthogonal, S is m x n)", ["X = U S V^T"]),
        ("  X X^T = U D U^T,   D = S S^T (m x m, diagonal)", ["X X^T = U D U^T, D = S S^T"]),
        # NumPy's spaced-out products and `.T` transposes belong to their formula.
        ("dL/dW1 = 2 * W2.T @ (W2 @ W1 - I) @ C         (k x m)", ["dL/dW1 = 2 * W2.T @ (W2 @ W1 - I) @ C"]),
    ],
)
def test_what_a_plain_text_formula_run_holds(answer, found):
    assert [" ".join(c.text.split()) for c in find_candidates(answer)] == found


def test_prose_is_not_a_formula():
    assert _texts("This is true because the residual is orthogonal to the subspace.") == []


def test_math_inside_dollars_is_not_also_taken_as_plain_text():
    assert _texts("so $W_1 = U_k^T$ here") == [("inline", "W_1 = U_k^T")]


def test_plain_text_greek_names_start_a_formula_and_worded_parentheticals_end_one():
    from hw7grade.algebra.candidates import find_candidates

    found = [c.text for c in find_candidates("Let Σ = XXᵀ (an m×m symmetric matrix) and R = X − W₂W₁X.")]
    assert found[0] == "Σ = XXᵀ" and "R = X − W₂W₁X" in found


def test_a_list_bullet_is_no_minus_sign():
    from hw7grade.algebra.candidates import find_candidates

    found = [c.text for c in find_candidates("Facts used:\n- U_kᵀU_k = I_k (orthonormal columns)\n* W_2 = U_k\n")]
    assert found == ["U_kᵀU_k = I_k", "W_2 = U_k"]


def test_a_shape_note_that_goes_on_in_words_ends_the_formula():
    from hw7grade.algebra.candidates import find_candidates

    assert [c.text for c in find_candidates("Let Σ := XXᵀ (m×m, symmetric), so ΣU_k = U_kΛ_k.")][0] == "Σ := XXᵀ"


def test_a_greek_name_spelled_out_belongs_to_the_formula():
    found = [c.text for c in find_candidates("   X X^T U_k = U_k Lambda_k       (eigenvector relation)")]
    assert found == ["X X^T U_k = U_k Lambda_k"]


def test_a_label_ending_in_a_colon_and_a_list_number_are_not_part_of_the_formula():
    answer = "* **Encoder W₁ (k×m):** ∇_{W₁}L = 2W₂ᵀ(W₂W₁ − I)XXᵀ\n\n1. W₂ᵀ(W₂W₁ − I)XXᵀ = 0   (k×m)\n"
    assert [c.text for c in find_candidates(answer)] == [
        "∇_{W₁}L = 2W₂ᵀ(W₂W₁ − I)XXᵀ",
        "W₂ᵀ(W₂W₁ − I)XXᵀ = 0",
    ]  # the shape note is not part of it


def test_a_method_acronym_is_no_product_of_matrices():
    assert [c.text for c in find_candidates("Take the SVD X = U S V^T, so XX^T = U D U^T.")] == [
        "X = U S V^T",
        "XX^T = U D U^T",
    ]


def test_the_close_of_a_bold_span_ends_the_formula():
    answer = "Two abbreviations: **Σ := XXᵀ** (m×m) and **A := W₂W₁** (m×m, the product)."
    assert [c.text for c in find_candidates(answer)] == ["Σ := XXᵀ", "A := W₂W₁"]


def _whole(answer):
    """The snippets as reading the whole text in one piece finds them (no paragraph memo)."""
    from hw7grade.algebra.candidates import MAX_CANDIDATES, _read

    seen, out = set(), []
    for c in _read(answer)[0]:
        if c.text and c.text not in seen:
            seen.add(c.text)
            out.append((c.source, c.text, c.start))
    return out[:MAX_CANDIDATES]


def _by_paragraph(answer):
    from hw7grade.algebra.candidates import _find_candidates

    return [(c.source, c.text, c.start) for c in _find_candidates(answer)]


def test_regions_across_blank_lines_are_read_as_in_one_piece():
    answers = [
        "First $$A = B\n\n= C$$ then $D = E$.\n\nAnd F = G^T here.",
        "\\boxed{W_1 = U_k^T\n\nW_2 = U_k} and \\boxed\n\n{X = Y}\n\nZ = W^T",
        "\\begin{align}\nA &= B \\\\\n\n&= C\n\\end{align}\n\nLet D = E^T.",
        "Open \\[ A = B\n\nstill open \\] closed\n\n$$ never closed\n\nA = B^T",
        "dL/dW_1 = 0\n\n= W_2^T X\n\n- U_k^T U_k = I\n\ndL/dW_1 = 0",
    ]
    for answer in answers:
        assert _by_paragraph(answer) == _whole(answer), answer


def test_a_paragraph_is_read_once_and_placed_at_its_offset():
    from hw7grade.algebra import candidates

    candidates._paragraphs.clear()
    shared = "so $W_1 = U_k^T$ holds"
    first = _by_paragraph(f"Intro.\n\n{shared}")
    assert shared in candidates._paragraphs._data
    second = _by_paragraph(f"A longer opening paragraph.\n\n{shared}")
    assert first == [("inline", "W_1 = U_k^T", 11)] and second == [("inline", "W_1 = U_k^T", 32)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "$",
                "$$",
                "\\[",
                "\\]",
                "\\(",
                "\\)",
                "\\begin{equation}",
                "\\end{equation}",
                "\\boxed",
                "{",
                "}",
                " ",
                "\n",
                "\n\n",
                "=",
                "W_1",
                "X^T",
                "A",
                "- ",
                "  = ",
                "\\\\",
                "&",
                "\\text{a}",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_reading_by_paragraph_finds_what_reading_the_whole_text_does(answer):
    assert _by_paragraph(answer) == _whole(answer)


def test_a_spelled_greek_shorthand_stays_in_its_formula():
    texts = [t for _, t in _texts("Write X = U Sig V^T. Then X X^T = U D U^T where D := Sig Sig^T.")]
    assert "X = U Sig V^T" in texts and "D := Sig Sig^T" in texts


def test_an_explicit_matrix_is_one_side_of_its_chain_not_rows_that_cut_it():
    answer = (
        "$$V_2^\\top (V_2V_1 - I) D = [\\,I_k \\;\\; 0\\,]"
        "\\begin{bmatrix} 0 & 0\\\\ 0 & -D_{m-k}\\end{bmatrix} = [\\,0 \\;\\; 0\\,] = 0 .$$"
    )
    found = [c.text for c in find_candidates(answer)]
    assert len(found) == 1 and "bmatrix" not in found[0]
    statements, _ = parse_statements(found[0], {"V_1": ("k", "m"), "V_2": ("m", "k")})
    assert "V_2^\\top \\left(V_2 V_1 - I\\right) D = 0" in [s.canonical for s in statements]


def test_an_unclosed_matrix_is_left_as_it_is():
    # with no `\end{pmatrix}` there is no matrix to set aside: the text stays as written
    found = " ".join(c.text for c in find_candidates("$A = \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 = B$"))
    assert "\\begin{pmatrix}" in found and "hwunsupported" not in found
