"""Inputs that used to crash or stall a batch: each is now one named error (or warning)."""

from __future__ import annotations

import json
import time

import pytest

import intake_samples as f
from hw7grade.conversation import Conversation
from hw7grade.errors import TranscriptError
from hw7grade.transcripts import Skipped, parse_items, parse_transcript
from hw7grade.transcripts.front_matter import MAX_FRONT_MATTER_CHARS, split_front_matter


def test_integer_of_more_than_4300_digits_is_a_named_error():
    text = '[{"title": "t", "create_time": ' + "9" * 5000 + ', "mapping": {}}]'
    with pytest.raises(TranscriptError, match=r"^big\.json: holds a number too long to read \(over 4,300 digits\)"):
        parse_transcript(text, "big.json")


def test_big_integer_after_good_chats_keeps_them():
    from hw7grade.transcripts.reading import read_text

    good = [json.dumps(f.chatgpt_export_entry(title, f.TURNS)) for title in ("one", "two")]
    items = []
    with pytest.raises(TranscriptError, match=r"^big\.json: holds a number too long"):
        for item in read_text(f'[{good[0]}, {good[1]}, {{"n": {"1" * 5000}}}]', "big.json"):
            items.append(item)
    assert [c.title for c in items if isinstance(c, Conversation)] == ["one", "two"]


def test_deeply_nested_front_matter_is_a_named_error():
    text = "---\ntitle: " + "[" * 5000 + "\n---\n**User**\n\nq\n\n**Assistant**\n\na\n"
    with pytest.raises(TranscriptError, match=r"^a\.md: the YAML front matter is nested more than 16 levels deep\.$"):
        split_front_matter(text, "a.md")


def test_yaml_alias_bomb_is_refused_fast_without_quoting_it():
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, 9):
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(
            f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"
        )
    text = "---\ntitle: x\n" + "\n".join(levels) + "\n---\nanswer\n"
    start = time.perf_counter()
    with pytest.raises(TranscriptError) as err:
        split_front_matter(text, "bomb.md")
    assert time.perf_counter() - start < 1.0
    assert str(err.value) == "bomb.md: the YAML front matter uses an alias (*name); write the value out instead."


def test_oversized_front_matter_is_refused():
    text = "---\ntitle: x\nnotes: " + "y" * MAX_FRONT_MATTER_CHARS + "\n---\nanswer\n"
    with pytest.raises(TranscriptError, match=r"^a\.md: the YAML front matter is longer than 16384 characters"):
        split_front_matter(text, "a.md")


def test_bad_label_message_never_quotes_a_long_value():
    text = "---\nmodel: m\nhuman_labels:\n  q7b: " + "x" * 100_000 + "\n---\nanswer\n"
    with pytest.raises(TranscriptError) as err:
        split_front_matter(text, "a.md")
    assert len(str(err.value)) < 300


def test_near_miss_key_gets_a_did_you_mean_warning():
    front, _ = split_front_matter("---\nmodel: m\nhuman_label:\n  q7b: correct\n---\nanswer\n", "a.md")
    assert [w.text for w in front.warnings] == [
        "a.md: front matter key 'human_label' is not used; did you mean 'human_labels'?"
    ]
    assert front.labels() == {}


def test_chatgpt_export_without_current_node_whose_children_form_a_cycle():
    entry = f.chatgpt_export_entry("loop", f.TURNS)
    del entry["current_node"]
    entry["mapping"]["n3"]["children"] = ["n1"]  # the last answer points back into the chat
    with pytest.raises(TranscriptError, match=r"^loop\.json: the message tree has a cycle at node 'n1'"):
        parse_transcript(json.dumps([entry]), "loop.json")


def test_a_cycle_in_one_chat_of_an_export_skips_only_that_chat():
    loop = f.chatgpt_export_entry("loop", f.TURNS)
    del loop["current_node"]
    loop["mapping"]["n3"]["children"] = ["n1"]
    items = parse_items(json.dumps([f.chatgpt_export_entry("ok", f.TURNS), loop]), "export.json")
    assert [str(i) for i in items if isinstance(i, Skipped)] == [
        "export.json#2: skipped: the message tree has a cycle at node 'n1'; re-export the chat."
    ]
    assert [c.title for c in items if isinstance(c, Conversation)] == ["ok"]


def test_damaged_chat_in_an_export_is_skipped_with_its_reason():
    entries = [f.chatgpt_export_entry("one", f.TURNS), f.chatgpt_export_entry("two", f.TURNS), {"title": "no tree"}]
    items = parse_items(json.dumps(entries), "conversations.json")
    assert [str(i) for i in items if isinstance(i, Skipped)] == ["conversations.json#3: skipped: no mapping"]
    assert [c.source for c in items if isinstance(c, Conversation)] == ["conversations.json#1", "conversations.json#2"]


def test_one_conversation_over_the_cap_names_the_flag():
    entries = [f.chatgpt_export_entry("one", f.TURNS), f.chatgpt_export_entry("two", [("user", "x" * 5000)])]
    with pytest.raises(
        TranscriptError,
        match=r"^e\.json#2: one conversation is larger than the 0\.00391 MB limit; raise it with --max-file-mb\.$",
    ):
        list(parse_items(json.dumps(entries), "e.json", max_bytes=4096))


def _chat(user: str, assistant: str) -> str:
    """Two exchanges with each role on its own line."""
    return (
        f"{user}\nQuestion 7 (b)?\n\n{assistant}\nThe decoder reads its own predictions.\n\n"
        f"{user}\nWrong.\n\n{assistant}\nTeacher forcing.\n"
    )


def test_plain_text_with_role_like_lines_is_read_with_a_warning():
    text = _chat("Me:", "GPT-4o:")
    items = parse_items(text, "chat.txt")
    assert [i.text for i in items if not isinstance(i, Conversation)] == [
        "chat.txt: read as plain text (one answer), but lines 1, 4, 7, 10 look like role labels; "
        "if this is a chat, write them as **User** / **Assistant** lines so each attempt is graded."
    ]


@pytest.mark.parametrize(
    "text",
    [
        _chat("You:", "ChatGPT:"),
        _chat("User", "Assistant"),
    ],
)
def test_role_words_alone_on_their_lines_are_a_chat(text):
    (conversation,) = [i for i in parse_items(text, "chat.txt") if isinstance(i, Conversation)]
    assert [t.role for t in conversation.turns] == ["user", "assistant", "user", "assistant"]
    assert conversation.turns[-1].text == "Teacher forcing."


def test_a_bare_role_word_in_an_answer_starts_no_turn():
    text = "The model is linear.\n\nModel\nx -> W2 W1 x\n\nUser\nnothing here\n"
    (conversation,) = [i for i in parse_items(text, "answer.txt") if isinstance(i, Conversation)]
    assert [t.role for t in conversation.turns] == ["assistant"]


def test_plain_answer_without_labels_has_no_warning():
    items = parse_items("The decoder reads the ground truth.\nSo w1 = <sos>.\n", "a.txt")
    assert [type(i).__name__ for i in items] == ["Conversation"]
