"""A reply pasted as raw HTML read as the Markdown it shows."""

from __future__ import annotations

import pytest

from hw7grade.text.html_paste import html_as_text


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "<h3>(b) Training</h3><ul><li>w<sub>1</sub> = <code>&lt;sos&gt;</code></li><li>w<sub>2</sub> = I</li></ul>",
            "### (b) Training\n\n- w_1 = `<sos>`\n- w_2 = I",
        ),
        (
            "<p>We use <strong>teacher forcing</strong>.</p><p>Here&#x27;s why<br>and more</p>",
            "We use **teacher forcing**.\n\nHere's why\nand more",
        ),
        # a token in angle brackets is no HTML element: it stays
        ("<p>first</p><p>inputs: <sos>, I, see</p>", "first\n\ninputs: <sos>, I, see"),
        # a table's rows and cells
        ("<p>x</p><table><tr><td>w3</td><td>see</td></tr></table>", "x\n\n| w3 | see |"),
    ],
)
def test_html_as_text(text, expected):
    assert html_as_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Use <b>two</b> layers.",  # inline markup alone is no page
        "The inputs are <sos>, I, see, a, dog.<br>",  # one block tag
        "no markup at all",
    ],
)
def test_text_that_is_no_html_page_is_unchanged(text):
    assert html_as_text(text) is text
