"""The OpenAI and Anthropic providers driven through their real SDKs at the local fake server."""

from __future__ import annotations

import pytest

from hw7grade.errors import AuthError, ProviderError, UsageError
from hw7grade.providers.anthropic import AnthropicProvider
from hw7grade.providers.base import Message, ProviderParams, RetryableError, drain
from hw7grade.providers.openai import OpenAIProvider
from providers.conftest import FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY
from providers.fake_server import ANTHROPIC_PATH, OPENAI_PATH, Drop, MidStreamError, Reply, Slow, Status

MESSAGES = [Message("user", "Question q7b. Which tokens does the decoder read?")]
PARAMS = ProviderParams(max_tokens=100, system="Answer briefly.", timeout_s=5.0)
ANSWER = "Answer: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog"


def make(kind: str, server):
    if kind == "openai":
        return OpenAIProvider("gpt-4o", FAKE_OPENAI_KEY, server.openai_base_url), server.openai
    return AnthropicProvider("claude-sonnet-5-5", FAKE_ANTHROPIC_KEY, server.anthropic_base_url), server.anthropic


KINDS = ["openai", "anthropic"]


@pytest.mark.parametrize("kind", KINDS)
def test_stream_yields_deltas_and_returns_the_completion(kind, server, keys):
    provider, script = make(kind, server)
    script(Reply(ANSWER, model="reported-model-1", input_tokens=7, output_tokens=9))
    deltas: list[str] = []
    completion = drain(provider.stream(MESSAGES, PARAMS), deltas.append)
    assert len(deltas) > 1 and "".join(deltas) == ANSWER
    assert completion.text == ANSWER
    assert completion.model == "reported-model-1"
    assert (completion.usage.input_tokens, completion.usage.output_tokens) == (7, 9)
    assert completion.provider == kind and not completion.cached


@pytest.mark.parametrize("kind", KINDS)
def test_complete_reads_a_plain_json_body(kind, server, keys):
    provider, script = make(kind, server)
    script(Reply(ANSWER, output_tokens=11))
    completion = provider.complete(MESSAGES, PARAMS)
    assert completion.text == ANSWER and completion.usage.output_tokens == 11
    assert server.requests[0].body.get("stream") in (None, False)


def test_openai_request_carries_system_prompt_and_parameters(server, keys):
    provider, script = make("openai", server)
    script(Reply("ok"))
    drain(provider.stream(MESSAGES, ProviderParams(temperature=0.3, max_tokens=50, system="S")))
    body = server.requests[0].body
    assert body["messages"][0] == {"role": "system", "content": "S"}
    assert (body["temperature"], body["max_tokens"], body["stream"]) == (0.3, 50, True)
    assert body["stream_options"] == {"include_usage": True}
    assert server.requests[0].headers["authorization"] == f"Bearer {FAKE_OPENAI_KEY}"


def test_anthropic_request_carries_system_prompt_and_parameters(server, keys):
    provider, script = make("anthropic", server)
    script(Reply("ok"), Reply("ok"))
    drain(provider.stream(MESSAGES, ProviderParams(temperature=0.3, max_tokens=50, system="S")))
    drain(provider.stream(MESSAGES, ProviderParams(max_tokens=50)))
    first, second = (r.body for r in server.requests)
    assert (first["system"], first["temperature"], first["max_tokens"]) == ("S", 0.3, 50)
    assert "temperature" not in second and "system" not in second


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "step, expected, retry_after",
    [
        (Status(429, headers={"retry-after": "7"}), RetryableError, 7.0),
        (Status(429, headers={"retry-after-ms": "250"}), RetryableError, 0.25),
        (Status(500), RetryableError, None),
        (Status(529), RetryableError, None),
        (MidStreamError(), RetryableError, None),
        (Drop(), RetryableError, None),
        (Status(401), AuthError, None),
        (Status(403), AuthError, None),
        (
            Status(
                429,
                body={
                    "error": {
                        "message": "You exceeded your current quota",
                        "type": "insufficient_quota",
                        "code": "insufficient_quota",
                    }
                },
            ),
            AuthError,
            None,
        ),
        (Status(404), UsageError, None),
        (Status(400), ProviderError, None),
    ],
    ids=[
        "429-retry-after",
        "429-retry-after-ms",
        "500",
        "529",
        "mid-stream-error",
        "dropped",
        "401",
        "403",
        "quota",
        "404",
        "400",
    ],
)
def test_faults_become_our_errors(kind, step, expected, retry_after, server, keys):
    provider, script = make(kind, server)
    script(step)
    with pytest.raises(expected) as caught:
        drain(provider.stream(MESSAGES, PARAMS))
    assert type(caught.value) is expected
    if expected is RetryableError:
        assert caught.value.retry_after_s == retry_after
    assert "KEYSECRET" not in str(caught.value)


@pytest.mark.parametrize("kind", KINDS)
def test_slow_server_times_out_as_retryable(kind, server, keys):
    provider, script = make(kind, server)
    script(Slow(5))
    with pytest.raises(RetryableError, match="timeout"):
        drain(provider.stream(MESSAGES, ProviderParams(timeout_s=0.3)))


@pytest.mark.parametrize("kind", KINDS)
def test_key_echoed_by_the_server_is_scrubbed_from_the_message(kind, server, keys):
    provider, script = make(kind, server)
    script(Status(403, echo_key=True))
    with pytest.raises(AuthError) as caught:
        drain(provider.stream(MESSAGES, PARAMS))
    assert "KEYSECRET" not in str(caught.value) and "[redacted]" in str(caught.value)


@pytest.mark.parametrize("kind", KINDS)
def test_sdk_does_not_retry_on_its_own(kind, server, keys):
    provider, script = make(kind, server)
    script(Status(500), Reply("second"))
    with pytest.raises(RetryableError):
        drain(provider.stream(MESSAGES, PARAMS))
    assert len(server.requests) == 1
    assert server.count(OPENAI_PATH if kind == "openai" else ANTHROPIC_PATH) == 1
