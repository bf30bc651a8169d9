"""A real HTTP server on 127.0.0.1 speaking the OpenAI Chat Completions and Anthropic Messages wire
formats, scripted per test: each request takes the next scripted step for its endpoint.

Steps: `Reply` (JSON or SSE, as the request asks), `Status` (an error response), `MidStreamError`
(an SSE error event after part of the answer), `Drop` (the socket closes midway), `Slow` (no answer
before the client's timeout). An endpoint with no step left answers 500 "unscripted", so a test
that expects no request notices one.

Batch APIs too: OpenAI's `/v1/files` (multipart upload), `/v1/batches`, `/v1/files/{id}/content`,
and Anthropic's `/v1/messages/batches` with its `results` JSONL. Each batched request takes the
next step of its live endpoint (`Reply` succeeds, `Status` errors, `Expired` expires); a batch
answers `in_progress` to its first `batch_polls` retrieves, then ends. `script(route, Status(...))`
makes a batch HTTP call itself fail (routes: the `*_ROUTE` constants).
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OPENAI_PATH = "/v1/chat/completions"
ANTHROPIC_PATH = "/v1/messages"
FILES_ROUTE = "POST /v1/files"
BATCHES_ROUTE = "POST /v1/batches"
BATCH_GET_ROUTE = "GET /v1/batches/{id}"
FILE_CONTENT_ROUTE = "GET /v1/files/{id}/content"
MESSAGE_BATCHES_ROUTE = "POST /v1/messages/batches"
MESSAGE_BATCH_GET_ROUTE = "GET /v1/messages/batches/{id}"
MESSAGE_BATCH_RESULTS_ROUTE = "GET /v1/messages/batches/{id}/results"
_GET_ROUTES = [
    (re.compile(r"^/v1/batches/([\w-]+)$"), BATCH_GET_ROUTE),
    (re.compile(r"^/v1/files/([\w-]+)/content$"), FILE_CONTENT_ROUTE),
    (re.compile(r"^/v1/messages/batches/([\w-]+)$"), MESSAGE_BATCH_GET_ROUTE),
    (re.compile(r"^/v1/messages/batches/([\w-]+)/results$"), MESSAGE_BATCH_RESULTS_ROUTE),
]
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
    thinking: str = ""
    """Reasoning text sent before the answer: Anthropic thinking blocks, OpenAI-compatible
    `reasoning_content` deltas. The client must never treat it as the answer."""
    reasoning_tokens: int = 0
    """Reported apart (OpenAI `completion_tokens_details`, Anthropic `output_tokens_details`)."""


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
class Expired:
    """A batched request the batch's time window ran out on."""


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
        self._spans: list[tuple[float, float]] = []
        """Per POST: when it arrived, and when its reply's last write began (see `max_in_flight`)."""
        self.files: dict[str, bytes] = {}
        """Uploaded (and generated result) files by id."""
        self.batches: dict[str, dict] = {}
        self.batch_polls = 0
        """Retrieves of a batch that answer `in_progress` before it ends."""
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

    def script(self, route: str, *steps: object) -> "FakeServer":
        """Steps for a batch HTTP call (`FILES_ROUTE`, ...): a `Status` fails it, anything else lets it through."""
        self.steps.setdefault(route, deque()).extend(steps)
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

    def leave(self, arrived: float, last_write: float) -> None:
        with self._lock:
            self._spans.append((arrived, last_write))

    @property
    def max_in_flight(self) -> int:
        """The most requests in flight at once, each from its arrival to the start of its reply's last
        write: a client sends its next request only after reading that write, so one client slot's
        requests never overlap here (the handler's own return, later, races with the next request)."""
        with self._lock:
            events = sorted(
                [(a, 1) for a, _ in self._spans] + [(b, -1) for _, b in self._spans], key=lambda e: (e[0], e[1])
            )
        most = now = 0
        for _, step in events:
            now += step
            most = max(most, now)
        return most

    def count(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)


class _TimedWrites:
    """A handler's output stream that notes when its latest write began."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.last_write = 0.0

    def write(self, data: bytes) -> int:
        self.last_write = time.monotonic()
        return self.raw.write(data)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


def _handler(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as written: no delayed-ACK stall per reply

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def setup(self) -> None:
            super().setup()
            self.wfile = _TimedWrites(self.wfile)  # type: ignore[assignment]

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            arrived = time.monotonic()
            try:
                if self.path in _BATCH_POSTS:
                    self._batch_post()
                else:
                    self._answer()
            finally:
                server.leave(arrived, self.wfile.last_write or time.monotonic())  # type: ignore[attr-defined]

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            server.record(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, {}))
            for pattern, route in _GET_ROUTES:
                match = pattern.match(self.path)
                if match:
                    return self._batch_get(route, match.group(1))
            return self._json(404, {"error": {"message": "no such route", "type": "not_found_error"}})

        def _scripted_failure(self, route: str, kind: str) -> bool:
            step = server.next_step(route)
            if isinstance(step, Status):
                self._status(step, kind)
                return True
            return False

        def _batch_post(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            if self.path == "/v1/files":
                fields = _multipart(headers.get("content-type", ""), raw)
                server.record(Seen(self.path, headers, {k: v.decode("utf-8") for k, v in fields.items()}))
                if self._scripted_failure(FILES_ROUTE, "openai"):
                    return
                file_id = f"file-{len(server.files) + 1}"
                server.files[file_id] = fields["file"]
                return self._json(
                    200,
                    {
                        "id": file_id,
                        "object": "file",
                        "bytes": len(fields["file"]),
                        "created_at": 0,
                        "filename": "batch.jsonl",
                        "purpose": fields["purpose"].decode(),
                        "status": "processed",
                    },
                )
            body = json.loads(raw or b"{}")
            server.record(Seen(self.path, headers, body))
            kind = "openai" if self.path == "/v1/batches" else "anthropic"
            if self._scripted_failure(BATCHES_ROUTE if kind == "openai" else MESSAGE_BATCHES_ROUTE, kind):
                return
            batch = _new_batch(server, kind, body)
            return self._json(200, _batch_object(server, batch))

        def _batch_get(self, route: str, item_id: str) -> None:
            kind = "anthropic" if "messages" in route else "openai"
            if self._scripted_failure(route, kind):
                return
            if route == FILE_CONTENT_ROUTE:
                if item_id not in server.files:
                    return self._json(404, _error_body(kind, 404))
                return self._raw(server.files[item_id], "application/octet-stream")
            batch = server.batches.get(item_id)
            if batch is None:
                return self._json(404, _error_body(kind, 404))
            if route == MESSAGE_BATCH_RESULTS_ROUTE:
                lines = "".join(json.dumps(row) + "\n" for row in batch["rows"])
                return self._raw(lines.encode("utf-8"), "application/binary")
            answer = _batch_object(server, batch)
            batch["polls_left"] = max(0, batch["polls_left"] - 1)
            return self._json(200, answer)

        def _raw(self, data: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

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
    kinds = {
        401: "authentication_error",
        403: "permission_error",
        429: "rate_limit_error",
        500: "api_error",
        529: "overloaded_error",
    }
    message = {401: "invalid api key", 429: "rate limited", 500: "internal error"}.get(code, f"status {code}")
    if kind == "anthropic":
        return {"type": "error", "error": {"type": kinds.get(code, "api_error"), "message": message}}
    return {"error": {"message": message, "type": kinds.get(code, "server_error"), "code": None}}


def _full_body(kind: str, step: Reply, body: dict) -> dict:
    model = _reported_model(step, body)
    if isinstance(step, (ToolReply, Refusal)):
        return _structured_body(kind, step, model)
    if kind == "openai":
        message = {"role": "assistant", "content": step.text}
        if step.thinking:
            message["reasoning_content"] = step.thinking
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 0,
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": _openai_usage(step),
        }
    thinking = [{"type": "thinking", "thinking": step.thinking, "signature": "sig"}] if step.thinking else []
    return {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": thinking + [{"type": "text", "text": step.text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": _anthropic_usage(step),
    }


def _openai_usage(step: Reply) -> dict:
    usage: dict = {
        "prompt_tokens": step.input_tokens,
        "completion_tokens": step.output_tokens,
        "total_tokens": step.input_tokens + step.output_tokens,
    }
    if step.reasoning_tokens:
        usage["completion_tokens_details"] = {"reasoning_tokens": step.reasoning_tokens}
    return usage


def _anthropic_usage(step: Reply, input_tokens: bool = True) -> dict:
    usage: dict = {"output_tokens": step.output_tokens}
    if input_tokens:
        usage["input_tokens"] = step.input_tokens
    if step.reasoning_tokens:
        usage["output_tokens_details"] = {"thinking_tokens": step.reasoning_tokens}
    return usage


def _structured_body(kind: str, step: object, model: str) -> dict:
    usage = {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70}
    if kind == "openai":
        if isinstance(step, Refusal):
            message = {"role": "assistant", "content": None, "refusal": step.text}
        else:
            message = {"role": "assistant", "content": json.dumps(step.input)}
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 0,
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": usage,
        }
    if isinstance(step, Refusal):
        content, stop = [{"type": "text", "text": step.text}], "refusal"
    else:
        content, stop = [{"type": "tool_use", "id": "toolu_fake", "name": step.name, "input": step.input}], "tool_use"
    return {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": {"input_tokens": 50, "output_tokens": 20},
    }


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
        return _data(
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
        )

    thinking = getattr(step, "thinking", "")
    events = [chunk({"role": "assistant", "content": ""})]
    events += [chunk({"reasoning_content": p}) for p in (_pieces(thinking) if thinking else [])]
    events += [chunk({"content": p}) for p in _pieces(text)]
    if isinstance(step, MidStreamError):
        return events + [
            _data({"error": {"message": "The server had an error while processing", "type": "server_error"}})
        ]
    if isinstance(step, Drop):
        return events
    usage = _openai_usage(step)
    return events + [
        chunk({}, "stop"),
        _data(
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": model,
                "choices": [],
                "usage": usage,
            }
        ),
        "data: [DONE]\n\n",
    ]


def _anthropic_events(step: object, text: str, model: str) -> list[str]:
    input_tokens = getattr(step, "input_tokens", 21)
    start = {
        "type": "message_start",
        "message": {
            "id": "msg_fake",
            "type": "message",
            "role": "assistant",
            "content": [],
            "model": model,
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": 1},
        },
    }
    events = [_data(start, "message_start"), _data({"type": "ping"}, "ping")]
    thinking = getattr(step, "thinking", "")
    index = 0
    if thinking:
        events.append(
            _data(
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "thinking", "thinking": "", "signature": ""},
                },
                "content_block_start",
            )
        )
        events += [
            _data(
                {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": p}},
                "content_block_delta",
            )
            for p in _pieces(thinking)
        ]
        events.append(
            _data(
                {"type": "content_block_delta", "index": 0, "delta": {"type": "signature_delta", "signature": "sig"}},
                "content_block_delta",
            )
        )
        events.append(_data({"type": "content_block_stop", "index": 0}, "content_block_stop"))
        index = 1
    events.append(
        _data(
            {"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}},
            "content_block_start",
        )
    )
    events += [
        _data(
            {"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": p}},
            "content_block_delta",
        )
        for p in _pieces(text)
    ]
    if isinstance(step, MidStreamError):
        return events + [
            _data({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}, "error")
        ]
    if isinstance(step, Drop):
        return events
    return events + [
        _data({"type": "content_block_stop", "index": index}, "content_block_stop"),
        _data(
            {
                "type": "message_delta",
                "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                "usage": _anthropic_usage(step, input_tokens=False),
            },
            "message_delta",
        ),
        _data({"type": "message_stop"}, "message_stop"),
    ]


_BATCH_POSTS = ("/v1/files", "/v1/batches", "/v1/messages/batches")


def _multipart(content_type: str, raw: bytes) -> dict[str, bytes]:
    """The form fields of a multipart/form-data body, by name."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw
    )
    return {
        part.get_param("name", header="content-disposition"): part.get_payload(decode=True)
        for part in message.iter_parts()
    }


def _new_batch(server: FakeServer, kind: str, body: dict) -> dict:
    """Run every batched request through its live endpoint's script now; reveal the rows once ended."""
    if kind == "openai":
        lines = [json.loads(x) for x in server.files[body["input_file_id"]].decode("utf-8").splitlines() if x.strip()]
        asked = [(line["custom_id"], line["body"]) for line in lines]
    else:
        asked = [(r["custom_id"], r["params"]) for r in body["requests"]]
    path = OPENAI_PATH if kind == "openai" else ANTHROPIC_PATH
    outcomes = [(cid, request, server.next_step(path, request)) for cid, request in asked]
    prefix = "batch" if kind == "openai" else "msgbatch"
    batch = {
        "id": f"{prefix}_{len(server.batches) + 1}",
        "kind": kind,
        "polls_left": server.batch_polls,
        "input_file_id": body.get("input_file_id"),
        "rows": [],
        "counts": {},
    }
    if kind == "openai":
        ok = [
            _openai_row(cid, request, step)
            for cid, request, step in outcomes
            if isinstance(step, (Reply, ToolReply, Refusal))
        ]
        bad = [
            _openai_row(cid, request, step)
            for cid, request, step in outcomes
            if not isinstance(step, (Reply, ToolReply, Refusal))
        ]
        for rows, name in ((ok, "output_file_id"), (bad, "error_file_id")):
            if rows:
                file_id = f"file-{len(server.files) + 1}"
                server.files[file_id] = "".join(json.dumps(r) + "\n" for r in rows).encode("utf-8")
                batch[name] = file_id
        batch["expired"] = any(isinstance(step, Expired) for _, _, step in outcomes)
        batch["counts"] = {"total": len(outcomes), "completed": len(ok), "failed": len(bad)}
    else:
        batch["rows"] = [_anthropic_row(cid, request, step) for cid, request, step in outcomes]
        kinds = [row["result"]["type"] for row in batch["rows"]]
        batch["counts"] = {k: kinds.count(k) for k in ("succeeded", "errored", "canceled", "expired")}
    server.batches[batch["id"]] = batch
    return batch


def _openai_row(cid: str, request: dict, step: object) -> dict:
    row = {"id": f"batch_req_{cid}", "custom_id": cid, "response": None, "error": None}
    if isinstance(step, Expired):
        row["error"] = {
            "code": "batch_expired",
            "message": "This request could not be executed before the completion window expired.",
        }
    elif isinstance(step, (Reply, ToolReply, Refusal)):
        row["response"] = {"status_code": 200, "request_id": "req_fake", "body": _full_body("openai", step, request)}
    else:
        code = step.code if isinstance(step, Status) else 500
        body = (step.body if isinstance(step, Status) and step.body else None) or _error_body("openai", code)
        row["response"] = {"status_code": code, "request_id": "req_fake", "body": body}
    return row


def _anthropic_row(cid: str, request: dict, step: object) -> dict:
    if isinstance(step, Expired):
        return {"custom_id": cid, "result": {"type": "expired"}}
    if isinstance(step, (Reply, ToolReply, Refusal)):
        return {"custom_id": cid, "result": {"type": "succeeded", "message": _full_body("anthropic", step, request)}}
    code = step.code if isinstance(step, Status) else 500
    body = (step.body if isinstance(step, Status) and step.body else None) or _error_body("anthropic", code)
    return {"custom_id": cid, "result": {"type": "errored", "error": body}}


def _batch_object(server: FakeServer, batch: dict) -> dict:
    ended = batch["polls_left"] == 0
    if batch["kind"] == "openai":
        status = ("expired" if batch["expired"] else "completed") if ended else "in_progress"
        total = batch["counts"]["total"]
        return {
            "id": batch["id"],
            "object": "batch",
            "endpoint": "/v1/chat/completions",
            "completion_window": "24h",
            "input_file_id": batch["input_file_id"],
            "status": status,
            "created_at": 0,
            "output_file_id": batch.get("output_file_id") if ended else None,
            "error_file_id": batch.get("error_file_id") if ended else None,
            "request_counts": batch["counts"] if ended else {"total": total, "completed": 0, "failed": 0},
        }
    processing = 0 if ended else sum(batch["counts"].values())
    counts = batch["counts"] if ended else {"succeeded": 0, "errored": 0, "canceled": 0, "expired": 0}
    return {
        "id": batch["id"],
        "type": "message_batch",
        "processing_status": "ended" if ended else "in_progress",
        "request_counts": {**counts, "processing": processing},
        "created_at": "2026-01-01T00:00:00Z",
        "expires_at": "2026-01-02T00:00:00Z",
        "ended_at": "2026-01-01T01:00:00Z" if ended else None,
        "results_url": f"{server.root}/v1/messages/batches/{batch['id']}/results" if ended else None,
    }
