"""`pca_satisfies` on q3b.ii-style answers (our own texts, modelled on the seed transcripts)."""

from __future__ import annotations

import pytest

from hw7grade.checks import CheckContext
from hw7grade.checks.pca_satisfies import PcaSatisfiesCheck
from hw7grade.rubric.course import default_course

HW7_SHAPES = dict(default_course().shapes)
"""The bundled course file's shapes (X, W_1, W_2, U_k)."""

SPEC = PcaSatisfiesCheck(
    points=2,
    references=[
        r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top",
        r"\nabla_{W_2}\mathcal{L} = 2 (W_2 W_1 - I) X X^\top W_1^\top",
    ],
)

RESIDUAL_ARGUMENT = r"""Take $W_1 = \mathbf{U}_k^T$ and $W_2 = \mathbf{U}_k$, with $\mathbf{U}_k^T \mathbf{U}_k = I_k$.

Condition 1:
$$(\mathbf{X} - W_2 W_1 \mathbf{X})(W_1 \mathbf{X})^\top = (\mathbf{X} - \mathbf{U}_k \mathbf{U}_k^\top \mathbf{X})(\mathbf{U}_k^\top \mathbf{X})^\top = 0$$
because the residual is orthogonal to the span of the top eigenvectors.

Condition 2:
$$W_2^\top (\mathbf{X} - W_2 W_1 \mathbf{X}) \mathbf{X}^\top = \mathbf{U}_k^\top (\mathbf{X} - \mathbf{U}_k \mathbf{U}_k^\top \mathbf{X}) \mathbf{X}^\top = 0$$
"""  # noqa: E501  # the answer as a model wrote it: display math on one line

EQUATION_FORM = r"""Substituting $W_1 = U_k^\top$, $W_2 = U_k$ and using $X X^\top U_k = U_k S^2$:

**Condition 1:** $W_2^\top W_2 W_1 X X^\top = W_2^\top X X^\top$

$$W_2^\top W_2 W_1 X X^\top = U_k^\top U_k U_k^\top X X^\top = I_k U_k^\top X X^\top = U_k^\top X X^\top = W_2^\top X X^\top$$

**Condition 2:** $W_2 W_1 X X^\top W_1^\top = X X^\top W_1^\top$

$$W_2 W_1 X X^\top W_1^\top = U_k U_k^\top X X^\top U_k = U_k U_k^\top U_k S^2 = U_k S^2 = X X^\top U_k$$
"""  # noqa: E501  # the answer as a model wrote it: display math on one line

WRONG_CONDITION = r"""With $W_1 = U_k^T$, $W_2 = U_k$ the optimality conditions $(W_2 W_1 - I) X X^T = 0$ and
$W_2^T (W_2 W_1 - I) X X^T = 0$ both hold, since $U_k^T U_k = I$."""

FALSE_STEP = r"""Substitute $W_1 = U_k^T$, $W_2 = U_k$. Then $W_2 W_1 = I$, so
$W_2^T (W_2 W_1 - I) X X^T = 0$ and $(W_2 W_1 - I) X X^T W_1^T = 0$."""

ONE_CONDITION = (
    r"""Substitute $W_1 = U_k^T$, $W_2 = U_k$: $W_2^T (W_2 W_1 - I) X X^T = U_k^T (U_k U_k^T - I) X X^T = 0$."""
)

SUBSTITUTED_THEN_ZERO = r"""Let $W_1 = U_k^\top$ and $W_2 = U_k$.

Condition 1: $$(X - W_2 W_1 X)(W_1 X)^\top = (X - U_k U_k^\top X)(U_k^\top X)^\top$$
which simplifies to $$(X - U_k U_k^\top X)(X^\top U_k) = 0$$ since the residual is orthogonal to U_k.

Condition 2: $$W_2^\top (X - W_2 W_1 X) X^\top = U_k^\top (X - U_k U_k^\top X) X^\top = 0$$
"""

NO_CONDITIONS = "PCA gives the best rank-k reconstruction, so the principal components must satisfy the conditions."

TABLE = [
    ("residual argument", RESIDUAL_ARGUMENT, "passed", 2),
    ("equation form with eigen relation", EQUATION_FORM, "passed", 2),
    ("a wrong condition shown to hold", WRONG_CONDITION, "failed", 0),
    ("a false step", FALSE_STEP, "failed", 0),
    ("one condition", ONE_CONDITION, "failed", 1),
    ("substituted, then zero on a later line", SUBSTITUTED_THEN_ZERO, "passed", 2),
    ("no conditions", NO_CONDITIONS, "failed", 0),
]


@pytest.mark.parametrize("name, answer, status, points", TABLE, ids=[t[0] for t in TABLE])
def test_pca_satisfies(name, answer, status, points):
    result = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert (result.status, result.points) == (status, points), result


def test_false_statement_is_named():
    result = SPEC.run(CheckContext(answer=FALSE_STEP, shapes=HW7_SHAPES))
    assert "W_2 W_1 = I" in result.message and "false" in result.message


def test_missing_condition_is_named():
    result = SPEC.run(CheckContext(answer=ONE_CONDITION, shapes=HW7_SHAPES))
    assert "1 of 2" in result.message and "W_2}" in result.message


# The course's SVD route (our own wording): conditions written in the answer's factors of X.
SVD_ROUTE = r"""Write the SVD $X = U S V^\top$ with $U$ orthogonal, so $XX^\top = U D U^\top$ where $D := SS^\top$.
Define $V_1 := W_1 U$ and $V_2 := U^\top W_2$. Multiplying by the invertible $U$ on the outside,
the two conditions become
$$V_2^\top (V_2 V_1 - I) D = 0, \qquad (V_2 V_1 - I) D V_1^\top = 0.$$
With $W_1 = U_k^\top$, $W_2 = U_k$ both hold."""

SVD_ROUTE_IN_FACTORS = r"""With $X = U \Sigma V^\top$: $W_2^\top (W_2 W_1 - I) U \Sigma \Sigma^\top U^\top = 0$ and
$(W_2 W_1 - I) U \Sigma\Sigma^\top U^\top W_1^\top = 0$; at $W_1 = U_k^\top$, $W_2 = U_k$ both vanish."""

# The same route in plainer words: no cue word before V_1 = W_1 U, and D named only by the
# eigendecomposition the SVD gives (D = S S^T is never written).
SVD_ROUTE_PLAIN = r"""Take the SVD $X = U S V^\top$; then $XX^\top = U S S^\top U^\top = U D U^\top$.
Changing variables to $V_1 = W_1 U$ and $V_2 = U^\top W_2$, the two conditions become
$$V_2^\top (V_2 V_1 - I) D = 0, \qquad (V_2 V_1 - I) D V_1^\top = 0.$$
At $W_1 = U_k^\top$, $W_2 = U_k$ both hold."""

# The second condition worked out in blocks, ending on a zero block matrix rather than a bare 0.
SVD_ROUTE_BLOCKS = r"""Take the SVD $X = U S V^\top$, so $XX^\top = U D U^\top$, and let $V_1 = W_1 U$,
$V_2 = U^\top W_2$. The conditions become $V_2^\top (V_2 V_1 - I) D = 0$ and
$$(V_2 V_1 - I) D V_1^\top = \begin{bmatrix} 0 & 0 \\ 0 & -I \end{bmatrix}\begin{bmatrix} D_k \\ 0
\end{bmatrix} = \begin{bmatrix} 0 \\ 0 \end{bmatrix}$$
at $W_1 = U_k^\top$, $W_2 = U_k$."""

SVD_ROUTE_WRONG = SVD_ROUTE.replace(r"(V_2 V_1 - I) D V_1^\top = 0", r"(V_1 V_2 - I) D = 0")


@pytest.mark.parametrize(
    "answer, status, points",
    [
        (SVD_ROUTE, "passed", 2),
        (SVD_ROUTE.replace(":=", "="), "passed", 2),  # `Define A = ... and B = ...` defines both
        (SVD_ROUTE_IN_FACTORS, "passed", 2),
        (SVD_ROUTE_WRONG, "failed", 1),  # the second is not the condition (nor a rotation of it)
        (SVD_ROUTE.replace("X = U S V^\\top", "X = U S"), "failed", 0),  # no SVD of X: V-forms are not read
        (SVD_ROUTE_PLAIN, "passed", 2),
        (SVD_ROUTE_BLOCKS, "passed", 2),  # a matrix of zeros is zero
        (SVD_ROUTE_BLOCKS.replace(r"0 \\ 0 \end{bmatrix}$$", r"0 \\ D \end{bmatrix}$$"), "failed", 1),
        (SVD_ROUTE_PLAIN.replace(" = U D U^\\top", ""), "failed", 0),  # D is never tied to the data
        (SVD_ROUTE_PLAIN + r" Indeed $V_2 V_1 = I$.", "failed", 0),  # a false step: V_2 V_1 = diag(I_k, 0)
    ],
)
def test_conditions_in_the_answers_own_svd_count(answer, status, points):
    result = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert (result.status, result.points) == (status, points), result.message


# The eigen route (our own wording): no SVD of X, the eigen relation of the components instead, and
# the decoder's condition worked out with it, from the substituted form or already past it.
ENCODER_SUBSTITUTED = r"$U_k^\top(U_kU_k^\top - I)XX^\top = (U_k^\top - U_k^\top)XX^\top = 0$"
EIGEN_FROM_SUBSTITUTED = (
    r"Put $W_1 = U_k^\top$, $W_2 = U_k$; the top eigenvectors give $XX^\top U_k = U_k\Lambda_k$. "
    + ENCODER_SUBSTITUTED
    + r", and $(U_kU_k^\top - I)XX^\top U_k = (U_kU_k^\top - I)U_k\Lambda_k = (U_k - U_k)\Lambda_k = 0$."
)
EIGEN_PAST_SUBSTITUTED = (
    r"Put $W_1 = U_k^\top$, $W_2 = U_k$; the top eigenvectors give $XX^\top U_k = U_k D_k$. "
    + ENCODER_SUBSTITUTED
    + r". For the decoder, the eigen relation turns the condition into $(U_kU_k^\top - I)U_k D_k = 0$, "
    r"which holds since $U_k^\top U_k = I_k$."
)


@pytest.mark.parametrize(
    "answer, status, points",
    [
        (EIGEN_FROM_SUBSTITUTED, "passed", 2),
        (EIGEN_PAST_SUBSTITUTED, "passed", 2),
        # without the eigen relation, Λ_k is a name nothing ties to the data
        (EIGEN_PAST_SUBSTITUTED.replace(r"the top eigenvectors give $XX^\top U_k = U_k D_k$. ", ""), "failed", 1),
        # a relation of the wrong side: U_k D_k = X^T X U_k does not hold, and is no eigen relation of XX^T
        (EIGEN_PAST_SUBSTITUTED.replace(r"$XX^\top U_k = U_k D_k$", r"$U_k D_k = XX^\top$"), "failed", 1),
        # a false step written with the eigenvalues voids the proof that needs them, when the rubric caps it
        (EIGEN_PAST_SUBSTITUTED + r" Also $XX^\top = U_kD_kU_k^\top$.", "failed", 0),
    ],
)
def test_conditions_worked_out_with_the_eigen_relation_count(answer, status, points):
    capped = SPEC.model_copy(update={"false_step_cap": 0.0})
    result = capped.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert (result.status, result.points if result.cap is None else result.cap) == (status, points), result.message


def test_shorthand_set_up_earlier_in_the_reply_is_used():
    answer = r"Then $W_2^\top(W_2W_1 - I)\Sigma = 0$ and $(W_2W_1 - I)\Sigma W_1^\top = 0$ hold at $W_1 = U_k^\top$."
    earlier = r"I'll write $\Sigma = XX^\top$ throughout. (i) ..."
    alone = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert alone.points == 0
    with_earlier = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES, earlier=earlier))
    assert with_earlier.status == "passed" and "(with \\Sigma = XX^\\top)" in with_earlier.evidence


def test_a_name_the_answer_factors_x_into_is_not_the_earlier_shorthand():
    """The think-aloud before (i) wrote "S = X X^T"; (ii) takes the SVD X = U S V^T, where S is a factor."""
    answer = (
        "Use the SVD X = U S V^T. Then X X^T = U D U^T with D = S S^T diagonal.\n"
        "  (W2 W1 - I) U D U^T W1^T = 0\n  W2^T (W2 W1 - I) U D U^T = 0\n"
    )
    earlier = "Write A = W2 W1 and S = X X^T. Then L = tr((I - A) S (I - A)^T)."
    result = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES, earlier=earlier))
    assert result.status == "passed", result.message


def test_a_false_step_caps_the_part_when_the_rubric_says_so():
    capped = SPEC.model_copy(update={"false_step_cap": 0.0})
    assert SPEC.run(CheckContext(answer=FALSE_STEP, shapes=HW7_SHAPES)).cap is None
    result = capped.run(CheckContext(answer=FALSE_STEP, shapes=HW7_SHAPES))
    assert (result.status, result.cap) == ("failed", 0.0)
    assert capped.run(CheckContext(answer=ONE_CONDITION, shapes=HW7_SHAPES)).cap is None  # a gap is no false step


def test_an_items_tag_after_a_code_comment_mark_is_no_factor():
    answer = (
        "```\n# Setup:\n#   (a)  U_k.T U_k = I_k\n```\n\n"
        + r"Then $W_2^\top(W_2W_1 - I)XX^\top = U_k^\top(U_kU_k^\top - I)XX^\top = 0$ and "
        + r"$(W_2W_1 - I)XX^\top W_1^\top = (U_kU_k^\top - I)U_k\Lambda_k = 0$."
    )
    result = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert result.status == "passed", result.message


def test_a_false_claim_about_the_components_is_a_false_step():
    answer = (
        r"Let $A := W_2 W_1 = U_k U_k^\top = I$. Then $W_2^\top(A - I)XX^\top = 0$ and $(A - I)XX^\top W_1^\top = 0$."
    )
    result = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert result.status == "failed" and "false at the PCA solution" in result.message


@pytest.mark.parametrize(
    "pitfall, status",
    [
        # under a heading that frames its list as wrong, a false identity is a pitfall named, no step
        ("## Common pitfalls\n\n- **Assuming $U_k U_k^\\top = I$.** It is a projector for $k < m$.", "passed"),
        # ... as it is not under a heading that does not
        ("## Notes\n\n- **Assuming $U_k U_k^\\top = I$.** It is a projector for $k < m$.", "failed"),
    ],
)
def test_a_false_identity_in_a_list_framed_as_wrong_is_no_step(pitfall, status):
    result = SPEC.run(CheckContext(answer=EQUATION_FORM + "\n\n" + pitfall, shapes=HW7_SHAPES))
    assert result.status == status


@pytest.mark.parametrize(
    "claim, status",
    [
        # a formula that holds only on a set is no false step at the point
        (r"Equivalently, $(I - U_k U_k^\top)v = 0$ for every $v \in \mathcal{S}$.", "passed"),
        (r"Equivalently, $(I - U_k U_k^\top)v = 0$ for all v in the span of $U_k$.", "passed"),
        (r"Equivalently, $(I - U_k U_k^\top)v = 0$.", "failed"),
        # ... nor is one said to hold only in a case, denied in emphasis, or supposed to show what would follow
        (r"Note $U_kU_k^\top = I$ only holds when $k = m$.", "passed"),
        (r"Note the step $U_kU_k^\top = I$ is **not** valid for $k < m$.", "passed"),
        (r"With $U_kU_k^\top = I$ it would work for any orthonormal $U_k$, which is a red flag.", "passed"),
        (r"Note $U_kU_k^\top = I$ holds here.", "failed"),
        # a number a worked example of particular data comes to is no claim at the point; zero is
        (r"In the 2x2 example the loss is $\|X - U_k U_k^\top X\|_F^2 = 1$, the discarded eigenvalue.", "passed"),
        (r"So the loss is $\|X - U_k U_k^\top X\|_F^2 = 0$.", "failed"),
    ],
)
def test_a_formula_held_only_on_a_set_is_no_false_step(claim, status):
    result = SPEC.run(CheckContext(answer=EQUATION_FORM + "\n\n" + claim, shapes=HW7_SHAPES))
    assert result.status == status


def test_a_condition_named_as_the_expression_that_vanishes_counts():
    """ "Decoder condition $(W_2W_1 - I)XX^TW_1^T$:" then its verification: the condition is stated,
    without its "= 0". An expression that does not vanish at the PCA point is no condition."""
    named = (
        r"**Encoder condition** $W_2^\top(W_2W_1 - I)XX^\top$: it vanishes at $W_1 = U_k^\top$. "
        r"**Decoder condition** $(W_2W_1 - I)XX^\top W_1^\top$: it vanishes too."
    )
    assert SPEC.run(CheckContext(answer=named, shapes=HW7_SHAPES)).status == "passed"
    not_zero = r"**Encoder condition** $W_2^\top W_2 W_1 XX^\top$ and **decoder condition** $W_2 W_1 XX^\top W_1^\top$."
    assert SPEC.run(CheckContext(answer=not_zero, shapes=HW7_SHAPES)).points == 0


# Direct substitution written out (our own wording): each condition with W_1 = U_k^T, W_2 = U_k put
# in, then simplified to zero; the general conditions are never restated.
SUBSTITUTED = r"""Put $W_1 = U_k^\top$, $W_2 = U_k$, and let $P := U_k U_k^\top$.
Encoder condition: $U_k^\top (I - P) X X^\top = (U_k^\top - U_k^\top U_k U_k^\top) X X^\top = 0$.
Decoder condition: $(I - P) X X^\top U_k = (I - P) U_k \Lambda_k = 0$."""


@pytest.mark.parametrize(
    "answer, points",
    [
        (SUBSTITUTED, 2),
        (SUBSTITUTED.split("\nDecoder")[0], 1),  # one condition written out
        # a true statement about U_k alone is no condition
        (
            SUBSTITUTED.replace(
                r"U_k^\top (I - P) X X^\top = (U_k^\top - U_k^\top U_k U_k^\top) X X^\top = 0", r"U_k^\top U_k = I_k"
            ),
            1,
        ),
        # the substitution made in a shorthand only: the weights are still named
        (
            r"""Put $W_1 = U_k^\top$, $W_2 = U_k$ and let $E = X - U_k U_k^\top X$, the residual there.
Encoder condition: $W_2^\top E X^\top = 0$. Decoder condition: $E X^\top W_1^\top = 0$.""",
            2,
        ),
        (
            r"""Put $W_1 = U_k^\top$, $W_2 = U_k$ and let $E = X - U_k U_k^\top X$, the residual there.
Encoder condition: $W_2^\top E X^\top = 0$. Decoder condition: it holds as well.""",
            1,
        ),
    ],
)
def test_a_condition_written_with_the_substitution_made_counts(answer, points):
    result = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert result.points == points, result.message


# Each side of a condition worked out on its own (our own wording): the sides meet at one value.
SIDES_MEET = r"""Substitute $W_1 = U_k^\top$, $W_2 = U_k$, with $XX^\top U_k = U_k \Lambda_k$.
Left side of the decoder condition: $W_2 W_1 XX^\top W_1^\top = U_k U_k^\top XX^\top U_k = U_k U_k^\top U_k \Lambda_k = U_k \Lambda_k$.
Right side: $XX^\top W_1^\top = XX^\top U_k = U_k \Lambda_k$.
Left side of the encoder condition: $W_2^\top W_2 W_1 XX^\top = U_k^\top U_k U_k^\top XX^\top = U_k^\top XX^\top$.
Right side: $W_2^\top XX^\top = U_k^\top XX^\top$."""  # noqa: E501


@pytest.mark.parametrize(
    "answer, points",
    [
        (SIDES_MEET, 2),
        (SIDES_MEET.split("\nLeft side of the encoder")[0], 1),
        # the sides end at different values and neither chain shows the condition: nothing shown
        (
            SIDES_MEET.replace(
                r" = U_k^\top XX^\top$." "\n" r"Right side: $W_2^\top XX^\top = U_k^\top XX^\top$",
                r"$." "\n" r"Right side: $W_2^\top X = U_k^\top X$",
            ),
            1,
        ),
        # plain text, each side named before its chain
        (
            "With W1 = U_k^T and W2 = U_k:\n"
            "LHS = W2 W1 X X^T W1^T = U_k U_k^T X X^T U_k = U_k U_k^T U_k L_k = U_k L_k\n"
            "RHS = X X^T W1^T = X X^T U_k = U_k L_k",
            1,
        ),
        # sides that meet but are not a condition: W_2 W_1 W_2 and W_2 meet at U_k, proving nothing asked
        (r"With $W_1 = U_k^\top$, $W_2 = U_k$: $W_2 W_1 W_2 = U_k U_k^\top U_k = U_k$ and $W_2 = U_k$.", 0),
    ],
)
def test_two_sides_worked_out_to_one_value_state_their_condition(answer, points):
    result = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert result.points == points, result.message


# The conditions stated in the part before, only checked here (our own wording): each side of the
# equation form with the point already put in, shown equal in one chain or in two that meet.
SUBSTITUTED_SIDES = r"""Let $W_1 = U_k^\top$, $W_2 = U_k$, with $U_k^\top U_k = I_k$ and $XX^\top U_k = U_k \Lambda_k$.
*First equation:* left side $U_k^\top U_k U_k^\top XX^\top = I_k U_k^\top XX^\top = U_k^\top XX^\top$, the right side. ✓
*Second equation:* left side $U_k U_k^\top XX^\top U_k = U_k U_k^\top U_k \Lambda_k = U_k \Lambda_k$.
Right side: $XX^\top U_k = U_k \Lambda_k$. ✓"""  # noqa: E501


@pytest.mark.parametrize(
    "answer, points",
    [
        (SUBSTITUTED_SIDES, 2),
        (SUBSTITUTED_SIDES.split("\n*Second")[0], 1),  # the first equation in one chain
        (SUBSTITUTED_SIDES.split("\n*First")[0] + "\n*Second" + SUBSTITUTED_SIDES.split("\n*Second")[1], 1),
        # the chains end at different values: the second is not shown
        (
            SUBSTITUTED_SIDES.replace(r" and $XX^\top U_k = U_k \Lambda_k$", "").replace(
                r"Right side: $XX^\top U_k = U_k \Lambda_k$", r"Right side: $XX^\top U_k = U_k \Lambda_k U_k^\top U_k$"
            ),
            1,
        ),
        # true facts about U_k alone (orthonormality, the eigen relation) check no condition
        (r"With $W_1 = U_k^\top$, $W_2 = U_k$: $U_k^\top U_k = I_k$ and $XX^\top U_k = U_k \Lambda_k$.", 0),
    ],
)
def test_sides_of_an_earlier_condition_with_the_point_put_in_check_it(answer, points):
    result = SPEC.run(CheckContext(answer=answer, shapes=HW7_SHAPES))
    assert result.points == points, result.message


CONDITION_1_ONLY = (
    r"Put in $W_1 = U_k^\top$, $W_2 = U_k$ and use $U_k^\top U_k = I$: "
    r"$U_k^\top (U_kU_k^\top - I) XX^\top = (U_k^\top - U_k^\top) XX^\top = 0$."
)
CONDITION_2_ONLY = (
    r"With $XX^\top U_k = U_k \Lambda_k$: "
    r"$(U_kU_k^\top - I) XX^\top U_k = (U_kU_k^\top - I) U_k \Lambda_k = (U_k - U_k)\Lambda_k = 0$."
)
OTHER_NAMES = r"With $Q_k$ the eigenvectors of $X^\top X$, $Q_k^\top(I - Q_kQ_k^\top)X^\top X = 0$."
CARRIES = SPEC.model_copy(update={"carries_over": True})


@pytest.mark.parametrize(
    "spec, answer, before, status, points",
    [
        # "you only did condition 1?" -> "here's condition 2": the two replies make the proof.
        (CARRIES, CONDITION_2_ONLY, CONDITION_1_ONLY, "passed", 2),
        (SPEC, CONDITION_2_ONLY, CONDITION_1_ONLY, "failed", 1),  # the rubric did not ask for it
        (CARRIES, CONDITION_2_ONLY, "", "failed", 1),  # a first answer has nothing before it
        # A reply that verifies nothing in the same terms (a cave-in redone with other names) keeps nothing.
        (
            CARRIES,
            r"With $Q_k$ the eigenvectors of $X^\top X$, $Q_k^\top(I - Q_kQ_k^\top)X^\top X = 0$.",
            CONDITION_1_ONLY,
            "failed",
            0,
        ),
        # A false step in the reply still fails it, whatever came before.
        (CARRIES, r"Since $U_kU_k^\top = I$, $(U_kU_k^\top - I)XX^\top U_k = 0$.", CONDITION_1_ONLY, "failed", 0),
    ],
)
def test_a_final_answer_may_complete_the_proof_before_it(spec, answer, before, status, points):
    result = spec.run(CheckContext(answer=answer, shapes=HW7_SHAPES, before=before))
    assert (result.status, result.points) == (status, points), result.message


FACTOR_SHOWN_ZERO = r"""Take $W_1 = U_k^\top$, $W_2 = U_k$, so $U_k^\top U_k = I_k$. For the encoder's condition,
$$W_2^\top (W_2 W_1 - I) = U_k^\top U_k U_k^\top - U_k^\top = U_k^\top - U_k^\top = 0,$$
and for the decoder's, $(W_2 W_1 - I) X X^\top W_1^\top = (U_k U_k^\top - I) U_k \Lambda_k = 0$."""


@pytest.mark.parametrize("sufficient, points", [([], 1), ([[r"W_2^\top (W_2 W_1 - I)"]], 2)])
def test_a_factor_shown_to_vanish_proves_its_condition_when_the_rubric_names_it(sufficient, points):
    spec = SPEC.model_copy(update={"sufficient": sufficient})
    assert spec.run(CheckContext(answer=FACTOR_SHOWN_ZERO, shapes=HW7_SHAPES)).points == points
