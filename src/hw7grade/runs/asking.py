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
from typing import TYPE_CHECKING, Callable, Protocol

from ..atomic import write_text_atomic
from ..errors import Hw7gradeError, OutputError
from ..providers.asker import Asker
from ..providers.base import Completion, Message, Provider, ProviderParams
from ..providers.models import ModelSpec
from ..providers.registry import endpoint_for, explicit_base_url, scrub
from ..providers.retry import OnRetry
from .cost import BudgetExhausted
from .follow_up import FollowUpPolicy, converse
from .options import RunOptions
from .plan import QUESTION_PREFIX, Planned, plan

if TYPE_CHECKING:  # imported when an answer is in: the transcript readers are not needed to ask
    from ..transcripts.native import NativeTranscript, NativeTurn


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
    sample: int = 0
    """Which of `--samples N` this conversation is: part of every request's cache key."""

    @classmethod
    def planned(
        cls,
        spec: ModelSpec,
        provider: Provider,
        endpoint: str | None,
        planned: Planned,
        params: ProviderParams,
        settings: dict[str, object],
    ) -> "Session":
        session = cls(spec, provider, endpoint, list(planned.part_ids), params, dict(settings), sample=planned.sample)
        if planned.sample:
            session.settings["sample"] = planned.sample
        session.messages.append(Message("user", planned.text))
        return session

    @classmethod
    def for_part(
        cls,
        spec: ModelSpec,
        provider: Provider,
        endpoint: str | None,
        part_id: str,
        prompt: str,
        params: ProviderParams,
        settings: dict[str, object],
    ) -> "Session":
        session = cls(spec, provider, endpoint, [part_id], params, dict(settings))
        session.messages.append(Message("user", QUESTION_PREFIX.format(part_id=part_id) + prompt.strip()))
        return session

    @property
    def answered(self) -> bool:
        return bool(self.turns)

    def reply(
        self, asker: Asker, on_text: Callable[[str], None] | None = None, on_retry: OnRetry | None = None
    ) -> Completion:
        """Answer the pending user message; on failure the conversation is left as it was."""
        pending = self.messages[-1]
        asked_at = now_iso()
        completion = asker.answer(
            self.provider, self.endpoint, list(self.messages), self.params, on_text, on_retry, sample=self.sample
        )
        from ..transcripts.native import NativeTurn, TokenUsage  # after the request: the reader waits for it

        self.messages.append(Message("assistant", completion.text))
        usage = TokenUsage(
            input_tokens=completion.usage.input_tokens,
            output_tokens=completion.usage.output_tokens,
            reasoning_tokens=completion.usage.reasoning_tokens,
        )
        self.turns += [
            NativeTurn(role="user", text=pending.content, created_at=asked_at),
            NativeTurn(
                role="assistant",
                text=completion.text,
                created_at=now_iso(),
                model=completion.model,
                usage=usage,
                latency_s=round(completion.latency_s, 3),
                cached=completion.cached,
            ),
        ]
        return completion

    def follow_up(
        self, text: str, asker: Asker, on_text: Callable[[str], None] | None = None, on_retry: OnRetry | None = None
    ) -> Completion:
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
        from ..transcripts.native import NativeTranscript

        return NativeTranscript(
            model=self.spec.model,
            provider=self.spec.provider,
            parts=list(self.part_ids),
            parameters={
                "model_asked": self.spec.asked_as,
                **self.params.request_fields(),
                "timeout_s": self.params.timeout_s,
                **self.settings,
            },
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
        except OutputError as exc:
            raise OutputError(f"{exc} Pass another --save-dir.") from None
        return self.path


def make_asker(max_retries: int, *, use_cache: bool, stream: bool, budget=None) -> Asker:
    """The run's shared asker: the retry policy (from the environment), the response cache unless
    `--no-cache`, streaming or plain requests, and the token and cost tally (`runs/cost.py`)."""
    from ..providers.cache import ResponseCache, default_cache_dir
    from ..providers.retry import RetryPolicy

    return Asker(
        policy=RetryPolicy.from_env(max_retries),
        cache=ResponseCache(default_cache_dir()) if use_cache else None,
        use_stream=stream,
        budget=budget,
    )


def switch_model(session: Session, name: str, base_url: str | None) -> ModelSpec:
    """`/model NAME`: later turns of this conversation go to that model (its key checked first)."""
    from ..providers.models import make_provider, require_key, resolve_model

    spec = resolve_model(name)
    require_key(spec.provider)
    session.switch(
        make_provider(spec, explicit_base_url(spec.provider, base_url)), endpoint_for(spec.provider, base_url)
    )
    return spec


def start_sessions(
    specs: list[ModelSpec],
    parts,
    params: ProviderParams,
    base_url: str | None,
    settings: dict[str, object],
    *,
    rubric=None,
    options: RunOptions | None = None,
) -> tuple[dict[ModelSpec, Provider], list[Session]]:
    """A provider per model (its SDK imported now) and its conversations (`runs/plan.py`: one per part,
    or per question with `--whole-question`, times `--samples`), not yet asked.

    Without a rubric each part's prompt is sent as it is (no question context)."""
    from ..providers.models import make_provider

    options = options or RunOptions()
    providers = {s: make_provider(s, explicit_base_url(s.provider, base_url)) for s in specs}
    if rubric is None:
        planned = [Planned((p.id,), QUESTION_PREFIX.format(part_id=p.id) + p.prompt.strip()) for p in parts]
    else:
        planned = plan(rubric, list(parts), options.whole_question, options.samples)
    sessions = [
        Session.planned(
            s,
            providers[s],
            endpoint_for(s.provider, base_url),
            one,
            options.params_for(s, params),
            {**settings, **options.settings()},
        )
        for s in specs
        for one in planned
    ]
    return providers, sessions


def grade_sessions(sessions: list[Session], rubric, judge=None, time_limit_s: float | None = None):
    """The report of these conversations: each graded on the parts it was asked, then judged if asked.
    Graded with the usual time budget: every session was saved before, so an answer whose grading
    is stopped is still on disk, and its error says where."""
    from ..grading.budget import DEFAULT_TIME_LIMIT_S
    from ..grading.files import grade_conversations
    from ..results import Report

    conversations = [s.transcript().to_conversation(source=str(s.path or "")) for s in sessions]
    results = grade_conversations(
        [(c, s.part_ids) for c, s in zip(conversations, sessions)], rubric, time_limit_s or DEFAULT_TIME_LIMIT_S
    )
    if judge is not None:
        from ..judge.apply import judge_transcripts

        judged = iter(judge_transcripts([r for r in results if not r.errors], rubric, judge))
        return Report(transcripts=tuple(r if r.errors else next(judged) for r in results))
    return Report(transcripts=tuple(results))


class Progress(Protocol):
    """How `ask_all` tells the caller (a progress table) what each conversation is doing."""

    def set(self, index: int, status: str, reset: bool = False) -> None: ...

    def grow(self, index: int, chars: int) -> None: ...

    def finish(self, index: int, completion: Completion) -> None: ...


def ask_all(
    sessions: list[Session],
    asker: Asker,
    save_dir: Path,
    concurrency: int,
    progress: Progress,
    policy: FollowUpPolicy | None = None,
    rubric=None,
) -> list[tuple[Session, Hw7gradeError]]:
    """Ask every conversation with at most `concurrency` requests in flight; save each answered one.

    Workers are daemon threads: on Ctrl-C the process exits without waiting for requests in
    flight (their answers were never saved; every saved file was written atomically). With a
    follow-up policy each conversation goes on as the policy says (`runs/follow_up.py`). Returns
    the conversations that failed for good, or were not asked under `--max-cost`, with their error."""
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
            completion = converse(
                session,
                asker,
                policy or FollowUpPolicy(),
                rubric,
                on_text=lambda text: progress.grow(index, len(text)),
                on_retry=lambda retry, wait_s, exc: progress.set(index, f"retry {retry} in {wait_s:.1f}s", reset=True),
            )
            session.save(save_dir)
        except Hw7gradeError as error:
            progress.set(index, "not sent (--max-cost)" if isinstance(error, BudgetExhausted) else "failed")
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

    threads = [
        threading.Thread(target=worker, daemon=True, name=f"ask-{n}") for n in range(min(concurrency, len(sessions)))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():
            thread.join(timeout=0.2)
    if crashes:
        raise crashes[0]
    return sorted(failures, key=lambda failure: sessions.index(failure[0]))
