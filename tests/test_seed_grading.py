"""The bundled seed transcripts, graded against the answer key, part by part.

Expected verdicts come from ../shared/reference/hw7-answer-key.md, not from the student's
remarks: the key names three remarks that were wrong (ChatGPT's 4(a) ImageNet answer, its 4(c)
cosine-annealing approach, and its 7(c) sequence starting with <eos>). Two more disagreements
follow from the key's own rules and are asserted here on purpose:
- 7(a): ChatGPT's reason is "breaks the auto-regressive property / leaks information", which the
  key lists as not accepted without a real reason; the student called it correct.
- 7(b) final: after two corrections ChatGPT names the ground truth "I see a dog <eos>" (the
  targets), but never gives the decoder inputs <sos>, I, see, a, dog; the student took it as fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hw7grade.grading.files import grade_file
from hw7grade.rubric.model import load_rubric

REPO = Path(__file__).resolve().parents[1]
RUBRIC = load_rubric()

# (transcript, part) -> (first verdict, final verdict), per the answer key.
EXPECTED = {
    ("chatgpt-4o-hw7.md", "q3b.i"): ("correct", "correct"),
    ("chatgpt-4o-hw7.md", "q3b.ii"): ("correct", "correct"),
    ("chatgpt-4o-hw7.md", "q4a"): ("incorrect", "incorrect"),
    ("chatgpt-4o-hw7.md", "q4b"): ("correct", "correct"),
    ("chatgpt-4o-hw7.md", "q4c"): ("incorrect", "incorrect"),
    ("chatgpt-4o-hw7.md", "q7a"): ("incorrect", "incorrect"),
    ("chatgpt-4o-hw7.md", "q7b"): ("incorrect", "incorrect"),
    ("chatgpt-4o-hw7.md", "q7c"): ("incorrect", "incorrect"),
    ("chatgpt-4o-hw7.md", "q8a.i"): ("correct", "correct"),
    ("chatgpt-4o-hw7.md", "q8a.ii"): ("correct", "correct"),
    ("chatgpt-4o-hw7.md", "q8a.iii"): ("correct", "correct"),
    ("chatgpt-4o-hw7.md", "q8b"): ("correct", "correct"),
    ("claude-cursor-q3b.md", "q3b.i"): ("correct", "correct"),
    ("claude-cursor-q3b.md", "q3b.ii"): ("correct", "correct"),
    **{("claude-cursor-q4.md", p): ("correct", "correct") for p in ("q4a", "q4b", "q4c")},
    **{("claude-cursor-q7.md", p): ("correct", "correct") for p in ("q7a", "q7b", "q7c")},
    **{("claude-cursor-q8.md", p): ("correct", "correct") for p in ("q8a.i", "q8a.ii", "q8a.iii", "q8b")},
}


def _graded():
    results = {}
    for name in sorted({name for name, _ in EXPECTED}):
        (result,) = grade_file(REPO / "transcripts" / name, RUBRIC)
        assert not result.errors, result.errors
        results[name] = result
    return results


GRADED = _graded()


@pytest.mark.parametrize("name, part_id", sorted(EXPECTED), ids=[f"{n}:{p}" for n, p in sorted(EXPECTED)])
def test_part_verdict_matches_the_answer_key(name, part_id):
    result = GRADED[name]
    first, final = result.attempt(part_id, "first"), result.attempt(part_id, "final")
    assert first is not None and final is not None, f"{part_id} not found in {name}"
    assert (first.verdict, final.verdict) == EXPECTED[(name, part_id)], final.reason
    assert final.complete, "every seed part is fully scored (no check gave up)"


def test_every_answered_part_is_expected():
    found = {(name, p.id) for name, r in GRADED.items() for p in r.parts}
    assert found == set(EXPECTED)


def test_disagreements_with_the_student_are_exactly_the_known_ones():
    disagreements = set()
    for name, result in GRADED.items():
        for part_id, label in result.human_labels.items():
            for attempt, human in (("first", label.first), ("final", label.final)):
                mine = result.attempt(part_id, attempt)
                if human is not None and mine is not None and mine.verdict != human:
                    disagreements.add((name, part_id, attempt))
    assert disagreements == {
        # The three the answer key lists.
        ("chatgpt-4o-hw7.md", "q4a", "first"),
        ("chatgpt-4o-hw7.md", "q4a", "final"),
        ("chatgpt-4o-hw7.md", "q4c", "first"),
        ("chatgpt-4o-hw7.md", "q4c", "final"),
        ("chatgpt-4o-hw7.md", "q7c", "first"),
        ("chatgpt-4o-hw7.md", "q7c", "final"),
        # Two that follow from the key's rules (see the module docstring).
        ("chatgpt-4o-hw7.md", "q7a", "first"),
        ("chatgpt-4o-hw7.md", "q7a", "final"),
        ("chatgpt-4o-hw7.md", "q7b", "final"),
    }


def test_the_wrong_answers_are_caught_for_the_right_reason():
    chatgpt = GRADED["chatgpt-4o-hw7.md"]
    q4a = chatgpt.attempt("q4a", "final")
    assert any(
        c.cap == 0 and ("ResNet-50" in (c.evidence or "") or "ImageNet" in (c.evidence or "")) for c in q4a.checks
    )
    q4c = chatgpt.attempt("q4c", "final")
    assert any(c.cap == 0 and "annealing" in (c.evidence or "").lower() for c in q4c.checks)
    q7c = chatgpt.attempt("q7c", "final")
    assert "w1 is <eos>" in q7c.checks[0].message
    q7b_first = chatgpt.attempt("q7b", "first")
    assert "w3 is saw, expected see" in q7b_first.checks[0].message
