from hw7grade.conversation import Turn
from hw7grade.transcripts.turns import build_turns, has_answer


def test_merges_same_role_and_drops_empty():
    turns = build_turns(
        [("user", " q "), ("assistant", ""), ("assistant", "a1"), ("assistant", "a2\n"), ("user", "q2")]
    )
    assert turns == (Turn("user", "q"), Turn("assistant", "a1\n\na2"), Turn("user", "q2"))


def test_has_answer_needs_assistant_text():
    assert not has_answer([Turn("user", "only a question")])
    assert has_answer([Turn("user", "q"), Turn("assistant", "a")])
