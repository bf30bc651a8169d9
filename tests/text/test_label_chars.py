"""Labels written in other glyphs, read as their plain forms."""

from __future__ import annotations

import pytest

from hw7grade.text.label_chars import plain_label_chars


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("hw7 3⒝ ⒤ and (ii)", "hw7 3(b) (i) and (ii)"),
        ("Ⓐ and ⓑ", "A and b"),
        ("ⅰ ⅱ ⅲ Ⅳ", "i ii iii IV"),
        ("（ｉｉ） and ｑ７", "(ii) and q7"),
        ("𝐚 then 𝒊", "a then i"),
        ("【b】 x «c» 『ii』 〔7b〕 ❨a❩", "(b) x (c) (ii) (7b) (a)"),
        ("### [b] Training, [ii] too", "### (b) Training, (ii) too"),
        # an index, a link, a LaTeX option and a check box keep their square brackets
        (
            "x[i] and h[t], [b](http://x), [c]: url, \\item[b], [x] done",
            "x[i] and h[t], [b](http://x), [c]: url, \\item[b], [x] done",
        ),
        # brackets around anything but a label stay, and so does ASCII text
        ("« bonjour » and 【注意】", "« bonjour » and 【注意】"),
        ("(b) <sos>, I, see", "(b) <sos>, I, see"),
    ],
)
def test_other_glyphs_of_labels(text, plain):
    assert plain_label_chars(text) == plain
