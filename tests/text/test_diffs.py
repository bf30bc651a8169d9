"""A revision written as a unified diff is read as its new side."""

from __future__ import annotations

import pytest

from hw7grade.text.diffs import as_new_side

FENCE = "```"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"Here is the fix:\n{FENCE}diff\n--- a/answer.md\n+++ b/answer.md\n@@ -1,3 +1,3 @@\n ### (b) Training\n"
            f"-w3 = saw\n+w3 = see\n{FENCE}\nPart (a) is unchanged.",
            "Here is the fix:\n### (b) Training\nw3 = see\nPart (a) is unchanged.",
        ),
        # a block in another language, and a diff that never closes, are left as they are
        (f"{FENCE}python\n-x = 1\n+x = 2\n{FENCE}", f"{FENCE}python\n-x = 1\n+x = 2\n{FENCE}"),
        (f"{FENCE}diff\n-w3 = saw\n+w3 = see", f"{FENCE}diff\n-w3 = saw\n+w3 = see"),
        ("no diff at all - just text", "no diff at all - just text"),
    ],
)
def test_as_new_side(text, expected):
    assert as_new_side(text) == expected
