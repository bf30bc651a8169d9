"""Text from outside (exports, file names, provider answers) enters as printable Unicode."""

from __future__ import annotations

from hw7grade.conversation import Conversation, Turn, scrub_surrogates


def test_lone_surrogates_become_replacement_characters_and_clean_text_is_kept_as_is():
    text = "an emoji 😀 stays"
    assert scrub_surrogates(text) is text
    assert scrub_surrogates("half \ud83d pair, \udcff byte") == "half \ufffd pair, \ufffd byte"


def test_turns_and_conversation_names_are_scrubbed_on_creation():
    conversation = Conversation(
        turns=(Turn("assistant", "answer \ud83d"),),
        source="dir/bad\udcffname.json",
        model="gpt\udc80",
        title=None,
    )
    assert conversation.turns[0].text == "answer \ufffd"
    assert conversation.source == "dir/bad\ufffdname.json"
    assert conversation.model == "gpt\ufffd"
    assert conversation.title is None
