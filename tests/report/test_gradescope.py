import json

from hw7grade.report.gradescope import render_gradescope

from .factory import part, report, transcript


def test_single_submission_tests_named_by_part():
    data = json.loads(
        render_gradescope(
            report(
                transcript(
                    "submission.md", None, part("q7a", 4, 4), part("q7b", 1, reason="w3 wrong", evidence="I, see")
                )
            )
        )
    )
    assert data["score"] == 5
    assert [(t["name"], t["score"], t["max_score"], t["status"]) for t in data["tests"]] == [
        ("q7a", 4, 4, "passed"),
        ("q7b", 1, 3, "failed"),
    ]
    assert "w3 wrong" in data["tests"][1]["output"] and '"I, see"' in data["tests"][1]["output"]
    assert "output" not in data


def test_several_transcripts_and_unreadable():
    data = json.loads(
        render_gradescope(
            report(
                transcript("a.md", "m", part("q7b", 3)),
                transcript("b.md", "m", part("q7b", 0)),
                transcript("c.bin", None, errors=("binary file",)),
            )
        )
    )
    assert [t["name"] for t in data["tests"]] == ["a.md: q7b", "b.md: q7b"]
    assert data["output"] == "Could not read:\nc.bin: binary file"
