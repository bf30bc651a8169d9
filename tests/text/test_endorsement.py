"""Whether a reply's text for a part only confirms the answer the user brought to be checked."""

from __future__ import annotations

import pytest

from hw7grade.text.endorsement import CONFIRMS_MAX_WORDS, confirms_only


@pytest.mark.parametrize(
    "text, confirms",
    [
        ("### (b) ✅ Correct\n\nThis is teacher forcing, exactly as intended.", True),
        ("**(ii)** Looks good: nn.MSELoss matches the squared Frobenius norm.", True),
        ("(a) Fine as written, no changes needed.", True),
        ("### (c) ⚠️ Needs a fix\n\nAt evaluation the decoder is fed its own outputs.", False),
        ("(b) Correct, but w5 should be dog, not <eos>.", False),  # confirms, then corrects
        ("(a) ❌ The lengths argument is missing.", False),
        ("(i) Two linear layers: one for the encoder and one for the decoder.", False),  # an answer of its own
        ("(b) ✅ " + "word " * CONFIRMS_MAX_WORDS, False),  # too long to be a confirmation only
        # "fix" doubts as a verb or a lead, not as a noun naming one of the answer's lessons
        ("## 4(b) — fine\n\nIt names real lessons (the data-loading fix, cutout). Keep it.", True),
        ("(b) Good opening.\n- **Line 4 — Fix:** say what was repeated.", False),
        ("(a) Right, just fix the sign of the second term.", False),
    ],
)
def test_confirms_only(text, confirms):
    assert confirms_only(text) is confirms
