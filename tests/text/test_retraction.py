"""What an answer takes back as it goes is not graded."""

from __future__ import annotations

import pytest

from hw7grade.text.retraction import without_retracted


@pytest.mark.parametrize(
    "text, kept",
    [
        # a paragraph of its own: the block above it, past the blank line, is withdrawn
        (
            "**(b) Training**\n\nw = saw\n\nActually, wait — that's not right for training.\n\nw = see",
            "**(b) Training**\n\n\nActually, wait — that's not right for training.\n\nw = see",
        ),
        # ... and an answer line alone above that block, which the block explains
        (
            "**Answer: 1 linear layer.**\n\nOne m x m matrix is enough.\n\nActually, wait — that loses the bottleneck.",
            "\n\nActually, wait — that loses the bottleneck.",
        ),
        (
            "Weight decay helps.\n\nOne m x m matrix is enough.\n\nActually, wait — that loses the bottleneck.",
            "Weight decay helps.\n\n\nActually, wait — that loses the bottleneck.",
        ),
        # a line right under others: only the line above it
        (
            "Baseline 341 s.\nFinal 79 s.\nHmm, wait: the final was 26 s.",
            "Baseline 341 s.\nHmm, wait: the final was 26 s.",
        ),
        # inside a line: only the sentence before it
        (
            "The baseline was 341 s. The final was 79 s. Actually, wait — it was 26 s.",
            "The baseline was 341 s. Actually, wait — it was 26 s.",
        ),
        ("**`nn.L1Loss`** is natural... wait, no. It is `nn.MSELoss`.", "wait, no. It is `nn.MSELoss`."),
        (
            "* 1: one layer\n* 2: two\n\nCorrection: one layer has no bottleneck.",
            "\nCorrection: one layer has no bottleneck.",
        ),
        # an answer in bold is withdrawn; a heading, or a part's label in bold, heads what follows
        ("**Answer: 1 layer**\n\nOn reflection, two.", "\nOn reflection, two."),
        (
            "I found **progressive resizing** most interesting.\n\nActually, let me correct myself: it is not in"
            " the series.",
            "\nActually, let me correct myself: it is not in the series.",
        ),
        ("## (c) Evaluation\n\nScratch that: see below.", "## (c) Evaluation\n\nScratch that: see below."),
        ("**2. Q8(b) — corrected**\n\nOn reflection, No.", "**2. Q8(b) — corrected**\n\nOn reflection, No."),
        # opening the text it takes back nothing in it (a follow-up conceding an earlier reply)
        ("On reflection, your TA is right.\n\nAnswer: No", "On reflection, your TA is right.\n\nAnswer: No"),
        # "wait, actually" and "actually, no" take back; "actually, no regulariser" is a claim
        (
            "Take W1 = U_k. Wait, actually the shapes are reversed: W1 = U_k^T.",
            "Wait, actually the shapes are reversed: W1 = U_k^T.",
        ),
        ("Two layers.\nActually, no — one layer.", "Actually, no — one layer."),
        ("Two layers. Actually, no regulariser is needed.", None),
        # a pause, not a retraction
        ("For condition 2 you need the eigen equation. Wait, let me write it out:", None),
        ("I waited. The answer is wait for it 26 s.", None),
        # a word's end is no retraction; emphasis before one is no letter
        ("Two layers. Then await, no other step is needed.", None),
        ("Two layers.\n_Actually, wait —_ one layer.", "_Actually, wait —_ one layer."),
    ],
)
def test_without_retracted(text, kept):
    assert without_retracted(text) == (text if kept is None else kept)
