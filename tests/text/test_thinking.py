"""A reasoning model's thinking copied into its reply is left out of it."""

from __future__ import annotations

import pytest

from hw7grade.text.thinking import without_thinking

DEEPSEEK_COPY = """Thought for 27 seconds

Okay, so this is the usual setup. My first thought is that the design adds parameters.

Part (b). Training means teacher forcing, so maybe <sos>, I, saw, a, dog.

Let me format this clearly.

### (b) Training inputs

<sos>, I, see, a, dog"""

GEMINI_SUMMARIES = """Show thinking

**Checking the Baseline Numbers**
I'm recalling the starting point: 79 seconds, I believe.

Of course! Here's a breakdown.

#### (a) Baseline vs. final

341 s to 26 s, both at 94%."""

CHATGPT_COPY = """Thought for 41s

Let A := W2 W1 and S := X X^T.

(i) First-order conditions

The gradient with respect to W1 is 2 W2^T (W2 W1 - I) S."""

UNFINISHED = """Thought for 52 seconds

Right, the answer stopped at the heading. Let me work out (b) properly: the answer is yes.

The server is busy. Please try again later."""


@pytest.mark.parametrize(
    ("reply", "kept", "left_out"),
    [
        ("<think>Maybe saw?</think>\n(b) <sos>, I, see, a, dog", "(b) <sos>, I, see, a, dog", "Maybe saw"),
        ("<thinking>\nDraft: 1 layer.\n</thinking>\n**(i)** 2 layers", "**(i)** 2 layers", "Draft"),
        (
            '<details type="reasoning" done="true">\n<summary>Thought for 9 seconds</summary>\n> So 1.\n</details>\n'
            "You're right: 2 layers.",
            "You're right: 2 layers.",
            "So 1.",
        ),
        ("<details>\n<summary>Full derivation</summary>\nW1 = U_k^T\n</details>", "W1 = U_k^T", "\0"),
        ("> Thought for 19s\n>\n> Let me take these one at a time.\n\n**(a)** 2 layers", "**(a)** 2 layers", "Let me"),
        ("*Thought for 5s*\n\n> L2 only shrinks weights.\n\n**Short answer: No.**", "**Short answer: No.**", "shrinks"),
        (DEEPSEEK_COPY, "### (b) Training inputs\n\n<sos>, I, see, a, dog", "saw"),
        (GEMINI_SUMMARIES, "#### (a) Baseline vs. final", "79 seconds"),
        # a copy that kept only the marker loses the marker alone
        (CHATGPT_COPY, "Let A := W2 W1", "Thought for"),
        # with no paragraph laid out as an answer, the thinking runs to the last paragraph of musing
        (UNFINISHED, "The server is busy. Please try again later.", "the answer is yes"),
        # a copy that lost its blank lines: the answer's first labelled line ends the thinking
        (
            "Thought for 23 seconds\nOkay, let's see. Part (a) asks about h_t. Let me write it out.\n"
            "(a) Problem: h_t has seen only the first t words.",
            "(a) Problem: h_t has seen only the first t words.",
            "Let me write it out",
        ),
        # ... but a labelled paragraph that still talks to itself is thinking
        (
            "Thought for 38 seconds\n\nOkay, let's go through this.\n\n(b) Need to think about SVDs. Let me first"
            " write (a).\n\n### (a) Layers\n\n2 linear layers.",
            "### (a) Layers",
            "Need to think",
        ),
        # a marker that does not open the reply is text
        ("(b) <sos>, I, see\n\nThought for 5s", "Thought for 5s", "\0"),
    ],
)
def test_thinking_is_left_out(reply, kept, left_out):
    out = without_thinking(reply)
    assert kept in out
    assert left_out not in out


@pytest.mark.parametrize("unit", ["Okay, so let me think about this.\n\n", "<details>\n<summary>x</summary>\n"])
def test_thinking_is_read_in_linear_time(unit):
    """Ten times the thinking costs no more than ten times as much: every line is read once."""
    import time

    def cost(n: int) -> float:
        text = "Thought for 9s\n\n" + unit * n + "**(a)** 2"
        t = time.perf_counter()
        without_thinking(text)
        return time.perf_counter() - t

    small, large = min(cost(2000) for _ in range(3)), min(cost(20000) for _ in range(3))
    assert large < 30 * small + 0.01
