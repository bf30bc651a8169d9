"""Sessions: one answer per request, saved only when complete; Ctrl-C (the cancel flag) drops the rest."""

from __future__ import annotations

import pytest

from hw7grade.errors import ProviderError
from hw7grade.providers.asker import Asker
from hw7grade.providers.base import Cancelled, ProviderParams
from hw7grade.providers.cache import ResponseCache
from hw7grade.providers.models import make_provider, resolve_model
from hw7grade.providers.retry import RetryPolicy
from hw7grade.runs.asking import Session
from hw7grade.transcripts.native import NativeTranscript
from providers.fake_server import Reply

LONG = "word " * 200


def new_session(server, monkeypatch) -> Session:
    monkeypatch.setenv("OPENAI_BASE_URL", server.openai_base_url)
    spec = resolve_model("gpt4o")
    return Session.for_part(
        spec, make_provider(spec), None, "q7b", "Which tokens?", ProviderParams(timeout_s=5), {"stream": True}
    )


def test_cancel_mid_stream_keeps_nothing(server, keys, monkeypatch, tmp_path):
    session = new_session(server, monkeypatch)
    server.openai(Reply(LONG))
    asker = Asker(RetryPolicy(backoff_base_s=0), cache=ResponseCache(tmp_path / "cache"))
    seen: list[str] = []

    def on_text(text: str) -> None:
        seen.append(text)
        asker.cancel.set()  # what Ctrl-C does

    with pytest.raises(Cancelled):
        session.reply(asker, on_text)
    assert len(seen) == 1 and not session.answered
    assert session.path is None and not (tmp_path / "cache").exists()


def test_cancelled_asker_makes_no_request(server, keys, monkeypatch):
    session = new_session(server, monkeypatch)
    asker = Asker(RetryPolicy())
    asker.cancel.set()
    with pytest.raises(Cancelled):
        session.reply(asker)
    assert server.requests == []


def test_save_writes_a_valid_transcript_once_and_rewrites_it_in_place(server, keys, monkeypatch, tmp_path):
    session = new_session(server, monkeypatch)
    server.openai(Reply("first"), Reply("second"))
    asker = Asker(RetryPolicy())
    session.reply(asker)
    path = session.save(tmp_path)
    session.follow_up("again", asker)
    assert session.save(tmp_path) == path
    saved = NativeTranscript.model_validate_json(path.read_text())
    assert [t.text for t in saved.turns] == ["Question q7b. Which tokens?", "first", "again", "second"]
    assert saved.to_conversation().metadata["parts"] == ["q7b"]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp files left behind


def test_failed_follow_up_leaves_the_conversation_as_it_was(server, keys, monkeypatch):
    session = new_session(server, monkeypatch)
    server.openai(Reply("first"))  # the follow-up gets the server's 500
    asker = Asker(RetryPolicy(max_retries=0))
    session.reply(asker)
    with pytest.raises(ProviderError):
        session.follow_up("again", asker)
    assert [m.role for m in session.messages] == ["user", "assistant"] and len(session.turns) == 2
