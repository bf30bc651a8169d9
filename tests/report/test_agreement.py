from dataclasses import replace

import pytest

from hw7grade.conversation import HumanLabel
from hw7grade.report.agreement import agreement, cohens_kappa, confusion_matrix, percent_agreement

from .factory import part, report, transcript


def test_kappa_textbook_example():
    # 2x2 example (Wikipedia, Cohen's kappa): 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> p_o .7, p_e .5, kappa .4
    pairs = [("correct", "correct")] * 20 + [("correct", "incorrect")] * 5 + [("incorrect", "correct")] * 10
    pairs += [("incorrect", "incorrect")] * 15
    assert percent_agreement(pairs) == pytest.approx(0.7)
    assert cohens_kappa(pairs) == pytest.approx(0.4)


def test_kappa_edge_cases():
    assert cohens_kappa([]) is None and percent_agreement([]) is None
    assert cohens_kappa([("correct", "correct")] * 3) is None  # one label only: chance agreement is 1
    perfect = [("correct", "correct"), ("partial", "partial"), ("incorrect", "incorrect")]
    assert cohens_kappa(perfect) == pytest.approx(1.0)
    opposite = [("correct", "incorrect"), ("incorrect", "correct")]
    assert cohens_kappa(opposite) == pytest.approx(-1.0)


def test_confusion_matrix_rows_are_grader():
    m = confusion_matrix([("partial", "correct"), ("partial", "correct"), ("correct", "correct")])
    assert m["partial"]["correct"] == 2 and m["correct"]["correct"] == 1 and m["correct"]["partial"] == 0


def test_pairs_from_report_first_final_and_missing():
    t = transcript(
        "seed.md",
        "gpt-4o",
        part("q7b", 0, attempt="first", verdict="incorrect"),
        part("q7b", 3, verdict="correct"),
        part("q4a", 0, verdict="missing", reason="no answer found"),
        part("q7c", 0, verdict="incorrect", evidence="<eos>, I, saw"),
        labels={
            "q7b": HumanLabel(first="incorrect", final="correct"),
            "q4a": HumanLabel(final="partial"),
            "q7c": HumanLabel(first="correct", final="correct"),  # one answer: counted once
        },
    )
    a = agreement(report(t))
    assert [(p.part_id, p.attempt, p.grader, p.human) for p in a.pairs] == [
        ("q7b", "final", "correct", "correct"),
        ("q7b", "first", "incorrect", "incorrect"),
        ("q4a", "final", "missing", "partial"),
        ("q7c", "final", "incorrect", "correct"),
    ]
    assert a.n == 4 and a.missing == 1
    assert a.percent == pytest.approx(0.5)
    assert [p.part_id for p in a.disagreements] == ["q4a", "q7c"]
    assert a.disagreements[0].grader_missing
    assert a.for_part("q7b").percent == pytest.approx(1.0)
    assert a.matrix["incorrect"]["correct"] == 1


def test_label_for_part_grader_never_saw():
    a = agreement(report(transcript("x.md", "m", part("q7a", 4, 4), labels={"q8b": HumanLabel(final="correct")})))
    assert [(p.part_id, p.grader, p.grader_missing, p.part) for p in a.pairs] == [("q8b", "missing", True, None)]


def test_missing_agrees_with_missing_only():
    t = transcript(
        "x.md",
        "m",
        part("q4a", 0, verdict="missing"),
        part("q4b", 0, verdict="missing"),
        part("q4c", 0, verdict="incorrect"),
        labels={
            "q4a": HumanLabel(final="missing"),
            "q4b": HumanLabel(final="incorrect"),
            "q4c": HumanLabel(final="missing"),
        },
    )
    a = agreement(report(t))
    assert [(p.part_id, p.grader, p.human, p.agrees) for p in a.pairs] == [
        ("q4a", "missing", "missing", True),
        ("q4b", "missing", "incorrect", False),
        ("q4c", "incorrect", "missing", False),
    ]
    assert a.matrix["missing"] == {"correct": 0, "partial": 0, "incorrect": 1, "missing": 1}
    assert a.percent == pytest.approx(1 / 3)


def test_identical_first_and_final_count_once_and_unscored_left_out():
    # The grader writes both attempts even for a part answered once; equal labels on it count once.
    once = part("q7b", 3, verdict="correct")
    t = transcript(
        "x.md",
        "m",
        replace(once, attempt="first"),
        once,
        part("q3b.i", 0, attempt="first", verdict="unscored"),
        part("q3b.i", 0, verdict="unscored"),
        labels={"q7b": HumanLabel(first="correct", final="correct"), "q3b.i": HumanLabel(final="correct")},
    )
    a = agreement(report(t))
    assert [(p.part_id, p.attempt) for p in a.pairs] == [("q7b", "final"), ("q3b.i", "final")]
    assert a.n == 1 and a.percent == pytest.approx(1.0)
    assert [p.part_id for p in a.unscored] == ["q3b.i"] and a.disagreements == []
