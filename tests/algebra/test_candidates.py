"""Finding formulas in answers: display, inline, boxed, aligned rows and plain text."""

from __future__ import annotations

from hw7grade.algebra import answer_statements, find_candidates


def _texts(answer):
    return [(c.source, c.text) for c in find_candidates(answer)]


def test_display_inline_and_bracket_math():
    answer = "We get $$A = B$$ and \\[C = D\\] where $E = F$ and \\(G = H\\)."
    assert _texts(answer) == [("display", "A = B"), ("display", "C = D"), ("inline", "E = F"), ("inline", "G = H")]


def test_boxed_content_is_a_candidate():
    answer = r"The answer is \boxed{W_2^T (W_2 W_1 - I) X X^T = 0}."
    assert ("boxed", "W_2^T (W_2 W_1 - I) X X^T = 0") in _texts(answer)


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
    assert [c.text for c in find_candidates(answer)] == ["∇_{W₁}L = 2W₂ᵀ(W₂W₁ − I)XXᵀ", "W₂ᵀ(W₂W₁ − I)XXᵀ = 0   (k×m)"]
