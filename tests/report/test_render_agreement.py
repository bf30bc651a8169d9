"""The terminal's agreement section: capped tables list the disagreements first."""

from __future__ import annotations

import io

from rich.console import Console

from hw7grade.conversation import HumanLabel
from hw7grade.report.agreement import agreement
from hw7grade.report.render_agreement import AGREEMENT_MAX_ROWS, render_agreement

from .factory import part, report, transcript


def test_the_human_label_table_lists_disagreements_first_above_the_cap():
    agree = [
        transcript(f"t{i}.md", "m", part("q7b", 3), labels={"q7b": HumanLabel(final="correct")})
        for i in range(AGREEMENT_MAX_ROWS)
    ]
    differ = transcript("odd.md", "m", part("q7b", 0), labels={"q7b": HumanLabel(final="correct")})
    out = io.StringIO()
    render_agreement(agreement(report(*agree, differ)), Console(file=out, width=200))
    text = out.getvalue()
    # one cap (main's, issue 12/19): the first AGREEMENT_MAX_ROWS rows, disagreements first
    assert f"(the first {AGREEMENT_MAX_ROWS} of {AGREEMENT_MAX_ROWS + 1} labelled answers, disagreements first" in text
    assert text.index("odd.md") < text.index("t0.md")
    assert f"t{AGREEMENT_MAX_ROWS - 1}.md" not in text and text.count("odd.md") == 2  # its row, and its evidence below
    assert f"Agreement: {AGREEMENT_MAX_ROWS + 1} labelled answer(s)" in text
