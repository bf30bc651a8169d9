"""Anthropic's Message Batches through the real SDK against the loopback server: create with
per-request params, poll until ended, stream the results JSONL from `results_url`."""

from __future__ import annotations

import pytest

from hw7grade.errors import AuthError, ProviderError
from hw7grade.providers.base import Message, ProviderParams
from hw7grade.providers.batch_base import BatchRequest, make_batch_provider
from hw7grade.providers.models import ModelSpec, make_provider
from hw7grade.providers.retry import RetryPolicy
from providers.fake_server import (
    MESSAGE_BATCH_GET_ROUTE,
    MESSAGE_BATCH_RESULTS_ROUTE,
    MESSAGE_BATCHES_ROUTE,
    Expired,
    Reply,
    Status,
)

from .conftest import FAKE_ANTHROPIC_KEY

FAST = RetryPolicy(max_retries=2, backoff_base_s=0.001)
SPEC = ModelSpec("anthropic", "claude-sonnet-5-5", "claude")
PARAMS = ProviderParams(temperature=0.4, max_tokens=500, system="Be brief.")
MESSAGES = (Message("user", "Question q7b. What does the decoder read?"),)


def batch_client(server, policy: RetryPolicy = FAST):
    return make_batch_provider(SPEC, policy, server.anthropic_base_url)


def requests(n: int) -> list[BatchRequest]:
    return [BatchRequest(f"q7b-{i}", MESSAGES, PARAMS) for i in range(n)]


def test_each_params_is_the_body_a_live_ask_sends_temperature_included(server, keys):
    server.anthropic(Reply("live answer"))
    make_provider(SPEC, server.anthropic_base_url).complete(list(MESSAGES), PARAMS)
    live = server.requests[-1].body
    batch_client(server).submit(requests(2))
    create = server.requests[-1]
    assert create.path == "/v1/messages/batches"
    entries = create.body["requests"]
    assert [e["custom_id"] for e in entries] == ["q7b-0", "q7b-1"]
    assert entries[0]["params"] == live
    assert live["temperature"] == 0.4 and live["system"] == "Be brief." and "extra_body" not in live


def test_poll_then_results_with_succeeded_errored_and_expired_rows(server, keys):
    server.batch_polls = 2
    server.anthropic(
        Reply("Answer: dog", model="claude-sonnet-5-5-20260101", input_tokens=5, output_tokens=8),
        Status(529),
        Expired(),
    )
    client = batch_client(server)
    batch_id = client.submit(requests(3))
    assert batch_id.startswith("msgbatch_")
    assert [client.status(batch_id).ended for _ in range(3)] == [False, False, True]
    rows = {r.custom_id: r for r in client.results(batch_id)}
    ok = rows["q7b-0"]
    assert ok.outcome == "succeeded" and ok.completion.text == "Answer: dog"
    assert ok.completion.model == "claude-sonnet-5-5-20260101" and ok.completion.finish_reason == "end_turn"
    assert (ok.completion.usage.input_tokens, ok.completion.usage.output_tokens) == (5, 8)
    assert rows["q7b-1"].outcome == "errored" and rows["q7b-1"].reason
    assert rows["q7b-2"].outcome == "expired"
    assert server.requests[-1].path.endswith("/results")


def test_transient_failures_of_each_call_are_retried(server, keys):
    server.script(MESSAGE_BATCHES_ROUTE, Status(529)).script(MESSAGE_BATCH_GET_ROUTE, Status(500))
    server.script(MESSAGE_BATCH_RESULTS_ROUTE, Status(503))
    server.anthropic(Reply("fine"))
    client = batch_client(server)
    batch_id = client.submit(requests(1))
    assert client.status(batch_id).ended
    [row] = client.results(batch_id)
    assert row.outcome == "succeeded" and row.completion.text == "fine"
    assert server.count("/v1/messages/batches") == 2


def test_a_persistent_failure_gives_up_with_a_provider_error(server, keys):
    server.script(MESSAGE_BATCHES_ROUTE, Status(500), Status(500), Status(500))
    with pytest.raises(ProviderError, match="Gave up after 3 attempt"):
        batch_client(server).submit(requests(1))


def test_a_rejected_key_is_an_auth_error_without_the_key(server, keys):
    server.script(MESSAGE_BATCHES_ROUTE, Status(401, echo_key=True))
    with pytest.raises(AuthError) as caught:
        batch_client(server).submit(requests(1))
    assert "ANTHROPIC_API_KEY" in str(caught.value) and FAKE_ANTHROPIC_KEY not in str(caught.value)
