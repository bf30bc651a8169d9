"""A real HTTP server on 127.0.0.1 speaking the OpenAI Chat Completions and Anthropic Messages wire
formats, scripted per test: each request takes the next scripted step for its endpoint.

Steps: `Reply` (JSON or SSE, as the request asks), `Status` (an error response), `MidStreamError`
(an SSE error event after part of the answer), `Drop` (the socket closes midway), `Slow` (no answer
before the client's timeout). An endpoint with no step left answers 500 "unscripted", so a test
that expects no request notices one.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OPENAI_PATH = "/v1/chat/completions"
ANTHROPIC_PATH = "/v1/messages"
CHUNK_CHARS = 12
POLL_S = 0.02
"""How often the server loop checks for shutdown: keeps each test's teardown short."""


@dataclass
class Reply:
    text: str
    model: str | None = None
    """Reported model id; default: the requested one plus a date suffix."""
    input_tokens: int = 21
    output_tokens: int = 34
    delay_s: float = 0.0
    """Pause before answering, so that concurrent requests overlap."""


@dataclass
class Status:
    code: int
    body: dict | None = None
    headers: dict[str, str] = field(default_factory=dict)
    echo_key: bool = False
    """Put the received key into the error message, as some servers do."""


@dataclass
class MidStreamError:
    text_before: str = "Partial answer "


@dataclass
class Drop:
    text_before: str = "Partial answer "


@dataclass
class Slow:
    delay_s: float


@dataclass
class ToolReply:
    """A structured answer: Anthropic's forced tool call with this input; OpenAI's JSON content."""

    input: dict
    name: str = "record_scores"
    delay_s: float = 0.0


@dataclass
class Refusal:
    """The model declines: OpenAI's `refusal` field; Anthropic's `refusal` stop reason."""

    text: str = "I can't help with grading this."


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict


class FakeServer:
    def __init__(self) -> None:
        self.steps: dict[str, deque] = {OPENAI_PATH: deque(), ANTHROPIC_PATH: deque()}
        self.requests: list[Seen] = []
        self.responders: dict[str, object] = {}
        """path -> function(request body) -> step, used when no scripted step is left (order-free)."""
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(POLL_S,), daemon=True)

    # -- lifecycle -----------------------------------------------------------------------------
    def __enter__(self) -> "FakeServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def openai_base_url(self) -> str:
        return self.root + "/v1"

    @property
    def anthropic_base_url(self) -> str:
        return self.root

    # -- scripting -----------------------------------------------------------------------------
    def openai(self, *steps: object) -> "FakeServer":
        self.steps[OPENAI_PATH].extend(steps)
        return self

    def anthropic(self, *steps: object) -> "FakeServer":
        self.steps[ANTHROPIC_PATH].extend(steps)
        return self

    def respond_with(self, path: str, responder) -> "FakeServer":
        """Answer every otherwise unscripted request to `path` with `responder(body)`."""
        self.responders[path] = responder
        return self

    def next_step(self, path: str, body: dict | None = None) -> object | None:
        with self._lock:
            queue = self.steps.get(path)
            if queue:
                return queue.popleft()
            responder = self.responders.get(path)
        return responder(body or {}) if responder is not None else None

    def record(self, seen: Seen) -> None:
        with self._lock:
            self.requests.append(seen)

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def count(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)


def _handler(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            server.enter()
            try:
                self._answer()
            finally:
                server.leave()

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            server.record(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            step = server.next_step(self.path, body)
            if step is None:
                return self._json(500, {"error": {"message": "unscripted request", "type": "server_error"}})
            if isinstance(step, Slow):
                server._stop.wait(step.delay_s)  # the client has given up by now
                self.close_connection = True
                return
            if isinstance(step, (Reply, ToolReply)) and step.delay_s:
                server._stop.wait(step.delay_s)
            kind = "openai" if self.path == OPENAI_PATH else "anthropic"
            if isinstance(step, Status):
                return self._status(step, kind)
            if not body.get("stream"):
                return self._json(200, _full_body(kind, step, body))
            events = _sse_events(kind, step, body)
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for event in events:
                self._chunk(event.encode("utf-8"))
            if isinstance(step, Drop):
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            self._chunk(b"")

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()
            time.sleep(0.001)

        def _status(self, step: Status, kind: str) -> None:
            body = step.body or _error_body(kind, step.code)
            if step.echo_key:
                key = (self.headers.get("Authorization") or "").removeprefix("Bearer ") or self.headers.get("x-api-key")
                err = body.setdefault("error", {})
                err["message"] = f"{err.get('message', '')} Incorrect API key provided: {key}"
            self._json(step.code, body, step.headers)

        def _json(self, code: int, body: dict, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _reported_model(step: object, body: dict) -> str:
    model = getattr(step, "model", None)
    return model or f"{body.get('model', 'unknown')}-2026-01-01"


def _error_body(kind: str, code: int) -> dict:
    kinds = {401: "authentication_error", 403: "permission_error", 429: "rate_limit_error",
             500: "api_error", 529: "overloaded_error"}
    message = {401: "invalid api key", 429: "rate limited", 500: "internal error"}.get(code, f"status {code}")
    if kind == "anthropic":
        return {"type": "error", "error": {"type": kinds.get(code, "api_error"), "message": message}}
    return {"error": {"message": message, "type": kinds.get(code, "server_error"), "code": None}}


def _full_body(kind: str, step: Reply, body: dict) -> dict:
    model = _reported_model(step, body)
    if isinstance(step, (ToolReply, Refusal)):
        return _structured_body(kind, step, model)
    if kind == "openai":
        return {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": step.text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": step.input_tokens, "completion_tokens": step.output_tokens,
                      "total_tokens": step.input_tokens + step.output_tokens},
        }
    return {
        "id": "msg_fake", "type": "message", "role": "assistant", "model": model,
        "content": [{"type": "text", "text": step.text}], "stop_reason": "end_turn", "stop_sequence": None,
        "usage": {"input_tokens": step.input_tokens, "output_tokens": step.output_tokens},
    }


def _structured_body(kind: str, step: object, model: str) -> dict:
    usage = {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70}
    if kind == "openai":
        if isinstance(step, Refusal):
            message = {"role": "assistant", "content": None, "refusal": step.text}
        else:
            message = {"role": "assistant", "content": json.dumps(step.input)}
        return {"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": model,
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}], "usage": usage}
    if isinstance(step, Refusal):
        content, stop = [{"type": "text", "text": step.text}], "refusal"
    else:
        content, stop = [{"type": "tool_use", "id": "toolu_fake", "name": step.name, "input": step.input}], "tool_use"
    return {"id": "msg_fake", "type": "message", "role": "assistant", "model": model, "content": content,
            "stop_reason": stop, "stop_sequence": None, "usage": {"input_tokens": 50, "output_tokens": 20}}


def _pieces(text: str) -> list[str]:
    return [text[i : i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)] or [""]


def _sse_events(kind: str, step: object, body: dict) -> list[str]:
    text = step.text if isinstance(step, Reply) else step.text_before
    model = _reported_model(step, body)
    if kind == "openai":
        return _openai_events(step, text, model)
    return _anthropic_events(step, text, model)


def _data(obj: object, event: str | None = None) -> str:
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(obj)}\n\n"


def _openai_events(step: object, text: str, model: str) -> list[str]:
    def chunk(delta: dict, finish: str | None = None) -> str:
        return _data({"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model,
                      "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})

    events = [chunk({"role": "assistant", "content": ""})] + [chunk({"content": p}) for p in _pieces(text)]
    if isinstance(step, MidStreamError):
        return events + [_data({"error": {"message": "The server had an error while processing", "type": "server_error"}})]
    if isinstance(step, Drop):
        return events
    usage = {"prompt_tokens": step.input_tokens, "completion_tokens": step.output_tokens,
             "total_tokens": step.input_tokens + step.output_tokens}
    return events + [
        chunk({}, "stop"),
        _data({"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model,
               "choices": [], "usage": usage}),
        "data: [DONE]\n\n",
    ]


def _anthropic_events(step: object, text: str, model: str) -> list[str]:
    input_tokens = getattr(step, "input_tokens", 21)
    start = {"type": "message_start", "message": {
        "id": "msg_fake", "type": "message", "role": "assistant", "content": [], "model": model,
        "stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": input_tokens, "output_tokens": 1}}}
    events = [
        _data(start, "message_start"),
        _data({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
              "content_block_start"),
        _data({"type": "ping"}, "ping"),
    ]
    events += [_data({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": p}},
                     "content_block_delta") for p in _pieces(text)]
    if isinstance(step, MidStreamError):
        return events + [_data({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
                               "error")]
    if isinstance(step, Drop):
        return events
    return events + [
        _data({"type": "content_block_stop", "index": 0}, "content_block_stop"),
        _data({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
               "usage": {"output_tokens": step.output_tokens}}, "message_delta"),
        _data({"type": "message_stop"}, "message_stop"),
    ]
