"""OpenAI's Batch API through the real SDK against the loopback server: the JSONL upload, the
batch, polling, and output/error files with succeeded, errored and expired rows."""

from __future__ import annotations

import json

import pytest

from hw7grade.errors import AuthError, ProviderError
from hw7grade.providers.base import Message, ProviderParams
from hw7grade.providers.batch_base import BatchRequest, make_batch_provider
from hw7grade.providers.models import ModelSpec, make_provider
from hw7grade.providers.retry import RetryPolicy
from providers.fake_server import (
    BATCH_GET_ROUTE,
    BATCHES_ROUTE,
    FILES_ROUTE,
    OPENAI_PATH,
    Expired,
    Reply,
    Status,
)

from .conftest import FAKE_OPENAI_KEY

FAST = RetryPolicy(max_retries=2, backoff_base_s=0.001)
SPEC = ModelSpec("openai", "gpt-4o", "gpt4o")
PARAMS = ProviderParams(temperature=0.2, max_tokens=300, system="Be brief.")
MESSAGES = (Message("user", "Question q7b. What does the decoder read?"),)


def batch_client(server, policy: RetryPolicy = FAST):
    return make_batch_provider(SPEC, policy, server.openai_base_url)


def requests(n: int) -> list[BatchRequest]:
    return [BatchRequest(f"q7b-{i}", MESSAGES, PARAMS) for i in range(n)]


def test_each_line_is_the_request_a_live_ask_sends(server, keys):
    server.openai(Reply("live answer"))
    make_provider(SPEC, server.openai_base_url).complete(list(MESSAGES), PARAMS)
    live = server.requests[-1].body
    client = batch_client(server)
    client.submit(requests(2))
    upload = next(r for r in server.requests if r.path == "/v1/files")
    assert upload.body["purpose"] == "batch"
    lines = [json.loads(x) for x in upload.body["file"].splitlines()]
    assert [x["custom_id"] for x in lines] == ["q7b-0", "q7b-1"]
    assert all(x["method"] == "POST" and x["url"] == OPENAI_PATH for x in lines)
    assert lines[0]["body"] == live
    assert live["temperature"] == 0.2 and live["messages"][0] == {"role": "system", "content": "Be brief."}
    create = next(r for r in server.requests if r.path == "/v1/batches")
    assert create.body["endpoint"] == OPENAI_PATH and create.body["completion_window"] == "24h"
    assert create.body["input_file_id"] == "file-1"


def test_poll_then_results_with_succeeded_errored_and_expired_rows(server, keys):
    server.batch_polls = 1
    server.openai(
        Reply("Answer: dog", model="gpt-4o-2024-08-06", input_tokens=7, output_tokens=9),
        Status(400, body={"error": {"message": "max_tokens is too large", "type": "invalid_request_error"}}),
        Expired(),
    )
    client = batch_client(server)
    batch_id = client.submit(requests(3))
    first = client.status(batch_id)
    assert not first.ended and first.provider_status == "in_progress"
    done = client.status(batch_id)
    assert done.ended and done.counts == {"completed": 1, "failed": 2, "total": 3}
    rows = {r.custom_id: r for r in client.results(batch_id)}
    ok = rows["q7b-0"]
    assert ok.outcome == "succeeded" and ok.completion.text == "Answer: dog"
    assert ok.completion.model == "gpt-4o-2024-08-06" and ok.completion.provider == "openai"
    assert (ok.completion.usage.input_tokens, ok.completion.usage.output_tokens) == (7, 9)
    assert rows["q7b-1"].outcome == "errored" and "max_tokens is too large" in rows["q7b-1"].reason
    assert rows["q7b-2"].outcome == "expired"


def test_transient_failures_of_each_call_are_retried(server, keys):
    server.script(FILES_ROUTE, Status(500)).script(BATCHES_ROUTE, Status(429)).script(BATCH_GET_ROUTE, Status(503))
    server.openai(Reply("fine"))
    client = batch_client(server)
    batch_id = client.submit(requests(1))
    assert client.status(batch_id).ended
    assert server.count("/v1/files") == 2 and server.count("/v1/batches") == 2


def test_a_persistent_failure_gives_up_with_a_provider_error(server, keys):
    server.script(BATCHES_ROUTE, Status(500), Status(500), Status(500))
    with pytest.raises(ProviderError, match="Gave up after 3 attempt"):
        batch_client(server).submit(requests(1))


def test_a_rejected_key_is_an_auth_error_without_the_key(server, keys):
    server.script(FILES_ROUTE, Status(401, echo_key=True))
    with pytest.raises(AuthError) as caught:
        batch_client(server).submit(requests(1))
    assert "OPENAI_API_KEY" in str(caught.value) and FAKE_OPENAI_KEY not in str(caught.value)
    assert server.count("/v1/batches") == 0


@pytest.mark.parametrize(
    "line, reason",
    [
        ("not json", "unreadable line"),
        ('{"custom_id": "q7b-0", "response": {"status_code": 200, "body": {"choices": []}}}', "no answer"),
        ('{"custom_id": "q7b-0", "response": {"status_code": 200, "body": {"choices": ["x"]}}}', "not shaped"),
    ],
)
def test_malformed_result_lines_are_errored_rows(server, keys, line, reason):
    row = batch_client(server)._row(line)
    assert row.outcome == "errored" and reason in row.reason
