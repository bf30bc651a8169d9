"""Asking models: one conversation per model and part (ask, follow up, save as a native transcript),
many asked at once, and the graded report of those conversations.

A conversation is saved only after a complete answer, atomically, so an interrupted or failed run
leaves no half-written transcript. `Asker` (providers/asker.py) gets each answer.
"""

from __future__ import annotations

import re
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Protocol

from ..atomic import write_text_atomic
from ..errors import Hw7gradeError, UsageError
from ..transcripts.native import NativeTranscript, NativeTurn, TokenUsage
from ..providers.asker import Asker
from ..providers.base import Completion, Message, Provider, ProviderParams, scrub
from ..providers.models import ModelSpec
from ..providers.registry import endpoint_for, explicit_base_url
from ..providers.retry import OnRetry

QUESTION_PREFIX = "Question {part_id}. "
"""Leads the first user turn so the grader knows which part an unmarked answer answers."""


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Session:
    spec: ModelSpec
    provider: Provider
    endpoint: str | None
    part_ids: list[str]
    params: ProviderParams
    settings: dict[str, object] = field(default_factory=dict)
    """Run options recorded in the transcript beside the request parameters (retries, stream)."""
    messages: list[Message] = field(default_factory=list)
    turns: list[NativeTurn] = field(default_factory=list)
    created_at: str = field(default_factory=now_iso)
    path: Path | None = None

    @classmethod
    def for_part(cls, spec: ModelSpec, provider: Provider, endpoint: str | None, part_id: str, prompt: str,
                 params: ProviderParams, settings: dict[str, object]) -> "Session":
        session = cls(spec, provider, endpoint, [part_id], params, dict(settings))
        session.messages.append(Message("user", QUESTION_PREFIX.format(part_id=part_id) + prompt.strip()))
        return session

    @property
    def answered(self) -> bool:
        return bool(self.turns)

    def reply(self, asker: Asker, on_text: Callable[[str], None] | None = None,
              on_retry: OnRetry | None = None) -> Completion:
        """Answer the pending user message; on failure the conversation is left as it was."""
        pending = self.messages[-1]
        asked_at = now_iso()
        completion = asker.answer(self.provider, self.endpoint, list(self.messages), self.params, on_text, on_retry)
        self.messages.append(Message("assistant", completion.text))
        usage = TokenUsage(input_tokens=completion.usage.input_tokens, output_tokens=completion.usage.output_tokens)
        self.turns += [
            NativeTurn(role="user", text=pending.content, created_at=asked_at),
            NativeTurn(role="assistant", text=completion.text, created_at=now_iso(), model=completion.model,
                       usage=usage, latency_s=round(completion.latency_s, 3), cached=completion.cached),
        ]
        return completion

    def follow_up(self, text: str, asker: Asker, on_text: Callable[[str], None] | None = None,
                  on_retry: OnRetry | None = None) -> Completion:
        self.messages.append(Message("user", text))
        try:
            return self.reply(asker, on_text, on_retry)
        except BaseException:
            self.messages.pop()
            raise

    def switch(self, provider: Provider, endpoint: str | None) -> None:
        """Later turns go to another model (`/model NAME`); each assistant turn records who answered.

        The transcript's own model and provider stay those the conversation was started with."""
        self.provider, self.endpoint = provider, endpoint

    def transcript(self) -> NativeTranscript:
        return NativeTranscript(
            model=self.spec.model,
            provider=self.spec.provider,
            parts=list(self.part_ids),
            parameters={"model_asked": self.spec.asked_as, **self.params.request_fields(),
                        "timeout_s": self.params.timeout_s, **self.settings},
            created_at=self.created_at,
            title=f"{', '.join(self.part_ids)} asked to {self.spec.model}",
            turns=list(self.turns),
        )

    def save(self, directory: Path) -> Path:
        """Write (or rewrite) this conversation's transcript; the file name is fixed on first save."""
        if self.path is None:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            slug = re.sub(r"[^A-Za-z0-9.-]+", "-", self.spec.model).strip("-") or "model"
            name = f"{stamp}-{slug}-{'-'.join(self.part_ids)}-{uuid.uuid4().hex[:6]}.json"
            self.path = Path(directory) / name
        try:
            write_text_atomic(self.path, scrub(self.transcript().dump_json()))
        except OSError as exc:
            raise UsageError(f"Cannot write the transcript {self.path} ({exc.strerror}); pass another --save-dir.") from None
        return self.path


def make_asker(max_retries: int, *, use_cache: bool, stream: bool) -> Asker:
    """The run's shared asker: the retry policy (from the environment), the response cache unless
    `--no-cache`, streaming or plain requests."""
    from ..providers.cache import ResponseCache, default_cache_dir
    from ..providers.retry import RetryPolicy

    return Asker(
        policy=RetryPolicy.from_env(max_retries),
        cache=ResponseCache(default_cache_dir()) if use_cache else None,
        use_stream=stream,
    )


def switch_model(session: Session, name: str, base_url: str | None) -> ModelSpec:
    """`/model NAME`: later turns of this conversation go to that model (its key checked first)."""
    from ..providers.models import make_provider, require_key, resolve_model

    spec = resolve_model(name)
    require_key(spec.provider)
    session.switch(make_provider(spec, explicit_base_url(spec.provider, base_url)), endpoint_for(spec.provider, base_url))
    return spec


def start_sessions(specs: list[ModelSpec], parts, params: ProviderParams, base_url: str | None,
                   settings: dict[str, object]) -> tuple[dict[ModelSpec, Provider], list[Session]]:
    """A provider per model (its SDK imported now) and a conversation per model and part, not yet asked."""
    from ..providers.models import make_provider

    providers = {s: make_provider(s, explicit_base_url(s.provider, base_url)) for s in specs}
    sessions = [
        Session.for_part(s, providers[s], endpoint_for(s.provider, base_url), p.id, p.prompt, params, settings)
        for s in specs
        for p in parts
    ]
    return providers, sessions


def grade_sessions(sessions: list[Session], rubric, judge=None):
    """The report of these conversations: each graded on the parts it was asked, then judged if asked."""
    from ..grading.score import grade_conversation
    from ..results import Report

    pairs = []
    for s in sessions:
        conversation = s.transcript().to_conversation(source=str(s.path or ""))
        pairs.append((grade_conversation(conversation, rubric, only=s.part_ids), conversation))
    if judge is not None:
        from ..judge.apply import judge_transcripts

        return Report(transcripts=tuple(judge_transcripts(pairs, rubric, judge)))
    return Report(transcripts=tuple(result for result, _ in pairs))


class Progress(Protocol):
    """How `ask_all` tells the caller (a progress table) what each conversation is doing."""

    def set(self, index: int, status: str, reset: bool = False) -> None: ...

    def grow(self, index: int, chars: int) -> None: ...

    def finish(self, index: int, completion: Completion) -> None: ...


def ask_all(sessions: list[Session], asker: Asker, save_dir: Path, concurrency: int,
            progress: Progress) -> list[tuple[Session, Hw7gradeError]]:
    """Ask every conversation with at most `concurrency` requests in flight; save each answered one.

    Workers are daemon threads: on Ctrl-C the process exits without waiting for requests in
    flight (their answers were never saved; every saved file was written atomically). Returns the
    conversations that failed for good, in order, with their error."""
    import queue

    failures: list[tuple[Session, Hw7gradeError]] = []
    crashes: list[BaseException] = []
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(sessions)):
        todo.put(index)

    def work(index: int) -> None:
        session = sessions[index]
        progress.set(index, "asking")
        try:
            completion = session.reply(
                asker,
                on_text=lambda text: progress.grow(index, len(text)),
                on_retry=lambda retry, wait_s, exc: progress.set(index, f"retry {retry} in {wait_s:.1f}s", reset=True),
            )
            session.save(save_dir)
        except Hw7gradeError as error:
            progress.set(index, "failed")
            failures.append((session, error))
            return
        progress.finish(index, completion)

    def worker() -> None:
        while not asker.cancel.is_set():
            try:
                index = todo.get_nowait()
            except queue.Empty:
                return
            try:
                work(index)
            except BaseException as exc:  # a bug, or Cancelled after Ctrl-C: reported by the main thread
                crashes.append(exc)
                return

    threads = [threading.Thread(target=worker, daemon=True, name=f"ask-{n}") for n in range(min(concurrency, len(sessions)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():
            thread.join(timeout=0.2)
    if crashes:
        raise crashes[0]
    return sorted(failures, key=lambda failure: sessions.index(failure[0]))
