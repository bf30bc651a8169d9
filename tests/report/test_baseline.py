from hw7grade.report.baseline import compare_with_baseline, normalize_path, relative_paths

from .factory import part, report, transcript


def test_statuses_by_path():
    old = report(transcript("t/a.md", "gpt-4o", part("q7a", 4, 4), part("q7b", 1), part("q7c", 2)))
    new = report(transcript("t/a.md", "gpt-4o", part("q7a", 2, 4), part("q7b", 3), part("q7c", 2), part("q8b", 1)))
    cmp = compare_with_baseline(new, old)
    status = {d.part_id: d.status for d in cmp.deltas}
    assert status == {"q7a": "regressed", "q7b": "improved", "q7c": "unchanged", "q8b": "new"}
    assert [d.part_id for d in cmp.regressions] == ["q7a"]
    assert all(d.matched_by == "path" for d in cmp.deltas if d.before)


def test_fraction_not_points_when_rubric_rescales():
    old = report(transcript("a.md", "m", part("q4a", 2, 2)))
    new = report(transcript("a.md", "m", part("q4a", 4, 4)))
    assert compare_with_baseline(new, old).deltas[0].status == "unchanged"


def test_path_relative_to_run_root_matches_other_checkout():
    old = report(
        transcript("/ci/build1/transcripts/a.md", "m", part("q7b", 3)),
        transcript("/ci/build1/transcripts/sub/b.md", "m", part("q7b", 3)),
    )
    new = report(
        transcript("/home/me/repo/transcripts/a.md", "m", part("q7b", 0)),
        transcript("/home/me/repo/transcripts/sub/b.md", "m", part("q7b", 3)),
    )
    cmp = compare_with_baseline(new, old)
    assert {(d.path.rsplit("/", 1)[1], d.status, d.matched_by) for d in cmp.deltas} == {
        ("a.md", "regressed", "path"),
        ("b.md", "unchanged", "path"),
    }


def test_falls_back_to_model_and_part_id():
    old = report(
        transcript("old/gpt.md", "gpt-4o", part("q7b", 3)),
        transcript("old/claude.md", "claude", part("q7b", 0)),
        transcript("old/extra.md", "claude", part("q7b", 1)),
    )
    new = report(
        transcript("renamed/x.md", "gpt-4o", part("q7b", 1)), transcript("renamed/y.md", "claude", part("q7b", 3))
    )
    cmp = compare_with_baseline(new, old)
    by_model = {d.model: d for d in cmp.deltas}
    assert by_model["gpt-4o"].status == "regressed" and by_model["gpt-4o"].matched_by == "model"
    assert by_model["gpt-4o"].baseline_path == "old/gpt.md"
    # Two claude baselines: the first unused one pairs; the other is reported as baseline-only.
    assert by_model["claude"].baseline_path == "old/claude.md" and by_model["claude"].status == "improved"
    assert [(t.path, p.id) for t, p in cmp.baseline_only] == [("old/extra.md", "q7b")]


def test_unmatched_model_is_new_and_unreadable_is_skipped():
    old = report(transcript("a.md", "gpt-4o", part("q7b", 3)))
    new = report(transcript("b.md", "claude", part("q7b", 0)), transcript("c.md", None, errors=("bad JSON",)))
    cmp = compare_with_baseline(new, old)
    assert [(d.path, d.status) for d in cmp.deltas] == [("b.md", "new")]
    assert cmp.regressions == []


def test_first_attempt_does_not_gate():
    old = report(transcript("a.md", "m", part("q7b", 3, attempt="first"), part("q7b", 3)))
    new = report(transcript("a.md", "m", part("q7b", 0, attempt="first"), part("q7b", 3)))
    assert [d.status for d in compare_with_baseline(new, old).deltas] == ["unchanged"]


def test_normalize_and_relative_paths():
    assert normalize_path(".\\runs\\a.json#2") == "runs/a.json#2"
    assert normalize_path("./x/../y.md") == "y.md"
    rel = relative_paths(["/r/t/a.json#1", "/r/t/q/b.md"])
    assert rel == {"/r/t/a.json#1": "a.json#1", "/r/t/q/b.md": "q/b.md"}


def test_a_transcript_matched_by_path_is_not_matched_again_by_model():
    old = report(transcript("t/a.md", "m", part("q7b", 3)))
    new = report(transcript("t/a.md", "m", part("q7b", 3)), transcript("t/b.md", "m", part("q7b", 0)))
    cmp = compare_with_baseline(new, old)
    assert [(d.path, d.status, d.matched_by, d.baseline_path) for d in cmp.deltas] == [
        ("t/a.md", "unchanged", "path", "t/a.md"),
        ("t/b.md", "new", "none", None),
    ]


def test_each_baseline_part_pairs_by_model_once():
    old = report(transcript("old/a.md", "m", part("q7b", 3)))
    new = report(transcript("new/x.md", "m", part("q7b", 0)), transcript("new/y.md", "m", part("q7b", 3)))
    cmp = compare_with_baseline(new, old)
    assert [(d.path, d.status, d.matched_by) for d in cmp.deltas] == [
        ("new/x.md", "regressed", "model"),
        ("new/y.md", "new", "none"),
    ]


def test_a_part_worth_nothing_has_fraction_0():
    from hw7grade.report.baseline import fraction, score_fraction

    assert score_fraction(0, 0) == 0.0 and score_fraction(2, 0) == 0.0
    assert fraction(part("q7b", 0, 0)) == 0.0
