"""How a reply relates to the answer before it: conceding a point, or taking a claim back."""

from __future__ import annotations

import pytest

from hw7grade.text.concession import concedes, takes_back


@pytest.mark.parametrize(
    "reply, conceded",
    [
        ("Good catch, here's condition 2 as well.", True),
        ("You're right: training feeds the reference.", True),
        ("Here is the second condition.", False),
        ("Your TA is right, and I overstated it: weight decay only shrinks the weights.", True),  # someone quoted
        ("I overstated the bias; it is weaker than I said.", True),
        ("The TA's hint is right: think about the SVDs.", False),  # not the user's side
        ("The answer stands." + " x" * 150 + " You're right that it is subtle.", False),  # deep inside: an aside
        ("You're absolutely right, I mixed up the order of the factors.", True),  # with an intensifier
        ("You are totally correct about the shapes.", True),
        ("I'm confident the assignment is right as written.", False),
        # a second look, or siding with someone the user quotes
        ("That's a fair challenge, and thinking about it more carefully, I think the answer is No.", True),
        ("I think your study group has the stronger argument here.", True),
        ("The argument is stronger with the SVD.", False),
    ],
)
def test_concedes(reply, conceded):
    assert concedes(reply) is conceded


@pytest.mark.parametrize(
    "reply, taken_back",
    [
        ("So the second condition is **not** satisfied in general.", True),
        (r"\[(V_2V_1 - I)DV_1^\top = \begin{bmatrix} 0 \\ -D_\perp \end{bmatrix} \neq 0.\]", True),
        ("(U_kU_k^T - I) XX^T U_k ≠ 0", True),
        ("The encoder condition does not hold unless the data has rank k.", True),
        ("That step fails for k < m.", True),
        ("It would fail for a generic orthonormal U_k; the eigen relation is what makes it hold.", False),
        # a justification taken back keeps the results it argued for; a condition taken back does not
        ("Fair point, the 'by symmetry' shortcut doesn't hold. Here is the second condition worked out.", False),
        ("My symmetry argument does not hold; the second condition is not satisfied either.", True),
        ("Here's condition 2 as well: it vanishes by the eigen relation.", False),
        ("Both conditions hold at the PCA point.", False),
    ],
)
def test_takes_back(reply, taken_back):
    assert takes_back(reply) is taken_back
