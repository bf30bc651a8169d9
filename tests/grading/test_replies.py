"""Which lines of a reply head which asked part (`cue_headings`): a reply laid out part by part."""

from __future__ import annotations

import pytest

from hw7grade.grading.parts import PartIndex
from hw7grade.grading.replies import cue_headings, headed_sections, listed_sections
from hw7grade.rubric.model import load_rubric

RUBRIC = load_rubric()
INDEX = PartIndex.build([p.id for p in RUBRIC.parts], {p.id: p.cues for p in RUBRIC.parts}, RUBRIC.question_cues())

MATH_HEADINGS = """Let $X$ be $m \\times n$.

### Stationarity of the loss

$$\\nabla_{W_1} L = 2 W_2^\\top (W_2 W_1 - I) X X^\\top = 0$$

### Why the top-$k$ eigenvectors work

Put $W_1 = U_k^\\top$ and $W_2 = U_k$. Then:

- First: $U_k^\\top (U_k U_k^\\top - I) X X^\\top = 0$.
- Second: $(U_k U_k^\\top - I) X X^\\top U_k = 0$.
"""

PLAIN_HEADINGS = """Here it is in plain text.

Taking the gradients

dL/dW1 = -2 W2^T E X^T and dL/dW2 = -2 E X^T W1^T.

So the conditions we need are

  W2^T E X^T = 0 and E X^T W1^T = 0

Checking the eigenvectors

With W1 = Uk^T and W2 = Uk, (I - Uk Uk^T) X X^T Uk = 0.
"""


def _line_at(text: str, at: int) -> str:
    return text[at:].split("\n", 1)[0]


@pytest.mark.parametrize(
    ("reply", "asked", "heads"),
    [
        # a Markdown heading is a heading with math in it; only a line in bold with math is an answer
        (
            MATH_HEADINGS,
            ["q3b.i", "q3b.ii"],
            {"### Stationarity of the loss": "q3b.i", "### Why the top-$k$ eigenvectors work": "q3b.ii"},
        ),
        # "- First:" numbers a step of the proof, whatever part "first order" names
        (
            MATH_HEADINGS,
            ["q3b.ii", "q3b.i"],
            {"### Stationarity of the loss": "q3b.i", "### Why the top-$k$ eigenvectors work": "q3b.ii"},
        ),
        # a Markdown heading with italics and a subscript, of eleven words
        (
            "### 🚩 What goes wrong if step *t* of the decoder gets $h_t$\n\nIt has read only t words.\n\n"
            "### Decoder inputs during training\n\n<sos>, I, see, a, dog",
            ["q7a", "q7b"],
            {
                "### 🚩 What goes wrong if step *t* of the decoder gets $h_t$": "q7a",
                "### Decoder inputs during training": "q7b",
            },
        ),
        # a summary's "- Loss: ..." after the 8(b) section is a recap; a heading over a group of headings
        # is no gap to fill
        (
            "## Implementing it\n\n### Loss function\nnn.MSELoss.\n\n### Components you need\nWeight decay, SGD."
            "\n\n## Does small lambda give orthonormal columns?\nYes.\n\n## Summary\n- Loss: nn.MSELoss\n",
            ["q8a.i", "q8a.ii", "q8a.iii", "q8b"],
            {
                "### Loss function": "q8a.ii",
                "### Components you need": "q8a.iii",
                "## Does small lambda give orthonormal columns?": "q8b",
            },
        ),
        # a bold lead of four words
        (
            "**Number of linear layers: 2.** An encoder and a decoder.\n\n"
            "**Loss function: `nn.MSELoss`.** Squared error.",
            ["q8a.i", "q8a.ii"],
            {
                "**Number of linear layers: 2.** An encoder and a decoder.": "q8a.i",
                "**Loss function: `nn.MSELoss`.** Squared error.": "q8a.ii",
            },
        ),
        # a short line alone between blank lines heads in plain text; "So ..." runs on into a display
        (PLAIN_HEADINGS, ["q3b.i", "q3b.ii"], {"Taking the gradients": "q3b.i", "Checking the eigenvectors": "q3b.ii"}),
    ],
)
def test_headings_name_the_parts_their_words_cue(reply, asked, heads):
    assert {_line_at(reply, at): part for at, part in cue_headings(reply, asked, INDEX).items()} == heads


PASTED_Q4 = """Reading response, pasted from my notes

Where the series starts and where it ends

From 341 s on one V100 to 26 s, both at 94%.

What stayed with me

Most of the gain was engineering, not a new model.

The approach I found most interesting

Cutout: masking a random square of each training image.
"""


def test_a_pasted_answer_is_cut_at_as_many_headings_as_parts():
    sections = headed_sections(PASTED_Q4, ["q4a", "q4b", "q4c"], INDEX)
    assert [(part, text.split("\n", 1)[0]) for part, text in sections] == [
        ("q4a", "Where the series starts and where it ends"),
        ("q4b", "What stayed with me"),
        ("q4c", "The approach I found most interesting"),
    ]


@pytest.mark.parametrize(
    "parts",
    [
        ["q4a", "q4b"],  # more headings than parts
        ["q4c", "q4a", "q4b"],  # a heading names the part at another place
    ],
)
def test_a_pasted_answer_is_not_cut_when_its_headings_do_not_fit_the_parts(parts):
    assert headed_sections(PASTED_Q4, parts, INDEX) == []


STEPS = """Two facts first:

1. The trace of A^T A sums the squared entries.
2. So does the sum of the squared singular values.
3. Both are the squared Frobenius norm.
"""


@pytest.mark.parametrize(
    ("reply", "parts", "cut"),
    [
        (
            "Sure:\n\n1. **Two.** An encoder and a decoder.\n2. **`nn.MSELoss`.** A squared error.",
            ["q8a.i", "q8a.ii"],
            [("q8a.i", "1. **Two.**"), ("q8a.ii", "2. **`nn.MSELoss`.**")],
        ),
        (STEPS, ["q3b.i", "q3b.ii"], []),  # more items than parts
        # an item naming a part at another place
        ("1. **Loss:** nn.MSELoss.\n2. **Layers:** two.", ["q8a.i", "q8a.ii"], []),
    ],
)
def test_a_reply_is_cut_at_its_numbered_items_when_they_fit_the_parts(reply, parts, cut):
    found = listed_sections(reply, parts, INDEX)
    assert [(part, text.split("\n", 1)[0][: len(head)]) for (part, text), (_, head) in zip(found, cut)] == cut
    assert len(found) == len(cut)
