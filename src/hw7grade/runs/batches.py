"""Provider batches: submit the parts the cache cannot answer, poll, save the answers as native
transcripts exactly like live ones, and resend what errored or expired.

The state file of each batch (`state.py`) lets any later process pick it up. What to print is the
caller's: these functions report through the callbacks they are given.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..providers.asker import Asker
from ..providers.base import Completion
from ..providers.models import ModelSpec
from ..providers.retry import RetryPolicy
from .asking import Session
from .state import BatchState, StoredRequest

if TYPE_CHECKING:
    from ..providers.batch_base import BatchStatus

POLL_MAX_S = 300.0
"""`collect --wait` doubles its pause between polls up to this."""
NO_RESULT = "The provider returned no result for this request."
OUTCOME_REASONS = {
    "expired": "The batch's 24-hour window ran out before this request ran.",
    "canceled": "The batch was cancelled before this request ran.",
}


class _Answered(Asker):
    """An `Asker` that already holds the answer, so `Session.reply` records a batch answer exactly
    as a live one."""

    def __init__(self, completion: Completion) -> None:
        super().__init__(policy=RetryPolicy())
        self.completion = completion

    def answer(self, *args: object, **kwargs: object) -> Completion:
        return self.completion


def batch_client(state: BatchState, max_retries: int, base_url: str | None = None):
    """The provider's batch client for this batch (imports its SDK now), for the endpoint configured
    now (`--base-url`, else the provider's variable, else its default): the key goes only there. A
    state file naming another server is refused, so a copied or edited state file cannot send the
    key elsewhere."""
    import os

    from ..errors import UsageError
    from ..providers.batch_base import make_batch_provider
    from ..providers.registry import PROVIDERS

    if base_url and not PROVIDERS[state.provider].takes_base_url:
        raise UsageError("--base-url is for OpenAI-compatible servers; this batch went to " + state.provider + ".")
    variable = PROVIDERS[state.provider].base_url_env
    configured = base_url or os.environ.get(variable) or None
    if state.base_url and not _same_url(state.base_url, configured):
        now = (
            f"{configured} (from {'--base-url' if base_url else variable})"
            if configured
            else f"the {state.provider} default"
        )
        raise UsageError(
            f"The state of batch {state.batch_id} names the server {state.base_url}, but the endpoint configured "
            f"now is {now}; the key is only sent to the configured one. "
            f"Pass --base-url {state.base_url} if you trust it."
        )
    spec = ModelSpec(state.provider, state.model, state.asked_as)
    return make_batch_provider(spec, RetryPolicy.from_env(max_retries), base_url)


def _same_url(a: str, b: str | None) -> bool:
    return b is not None and a.rstrip("/") == b.rstrip("/")


def submit_batches(
    specs,
    chosen,
    params,
    base_url: str | None,
    *,
    use_cache: bool,
    state_dir: Path,
    save_dir: Path,
    max_retries: int,
    on_cached: Callable[[ModelSpec, str, Path], None],
    on_submitted: Callable[[ModelSpec, str, int, Path], None],
) -> list[Session]:
    """One batch per model of every part the response cache cannot answer; returns the sessions
    the cache did answer (saved already), for the caller to grade.

    `on_cached(spec, part_id, transcript)` follows each cached answer saved, `on_submitted(spec,
    batch_id, requests, state_file)` each batch submitted."""
    from ..providers.batch_base import BatchRequest, custom_id, make_batch_provider
    from ..providers.cache import ResponseCache, cache_key, default_cache_dir, request_record
    from ..providers.registry import endpoint_for, explicit_base_url
    from .asking import now_iso
    from .state import StoredMessage, StoredParams, save_state

    policy = RetryPolicy.from_env(max_retries)
    cache = ResponseCache(default_cache_dir()) if use_cache else None
    asker = Asker(policy=policy, cache=cache, use_stream=False)
    settings: dict[str, object] = {"max_retries": max_retries, "stream": False}
    from_cache = []
    for spec in specs:
        explicit_url = explicit_base_url(spec.provider, base_url)
        client = make_batch_provider(spec, policy, explicit_url)
        endpoint = endpoint_for(spec.provider, base_url)
        pending: list[tuple[str, Session, str]] = []
        for index, part in enumerate(chosen):
            # A batch session is answered by the batch (or the cache), never asked live.
            session = Session.for_part(spec, client, endpoint, part.id, part.prompt, params, settings)
            key = cache_key(request_record(spec.provider, spec.model, session.messages, params), endpoint)
            if cache is not None and cache.get(key) is not None:
                session.reply(asker)  # the cache answers: no request
                on_cached(spec, part.id, session.save(save_dir))
                from_cache.append(session)
                continue
            pending.append((custom_id(part.id, index), session, key))
        if not pending:
            continue
        asked_at = now_iso()
        batch_id = client.submit([BatchRequest(cid, tuple(s.messages), params) for cid, s, _ in pending])
        state = BatchState(
            provider=spec.provider,
            model=spec.model,
            asked_as=spec.asked_as,
            batch_id=batch_id,
            created_at=asked_at,
            base_url=explicit_url,
            use_cache=use_cache,
            save_dir=str(save_dir.resolve()),
            params=StoredParams.of(params),
            settings=settings,
            requests=[
                StoredRequest(
                    custom_id=cid,
                    part_id=s.part_ids[0],
                    cache_key=key,
                    asked_at=asked_at,
                    messages=[StoredMessage(role=m.role, content=m.content) for m in s.messages],
                )
                for cid, s, key in pending
            ],
        )
        on_submitted(spec, batch_id, len(pending), save_state(state, state_dir))
    return from_cache


def poll(
    client, batch_id: str, wait: bool, timeout: float, poll_every: float, on_wait: Callable[[BatchStatus, float], None]
) -> BatchStatus:
    """The batch's status; with `wait`, polled again (pauses doubling up to POLL_MAX_S) until it
    ends or `timeout` would pass. `on_wait(status, pause)` precedes each pause."""
    result = client.status(batch_id)
    deadline = time.monotonic() + timeout
    pause = poll_every
    while wait and not result.ended and time.monotonic() + pause <= deadline:
        on_wait(result, pause)
        time.sleep(pause)
        pause = min(POLL_MAX_S, max(pause * 2, poll_every))
        result = client.status(batch_id)
    return result


def save_answers(
    state: BatchState, rows: dict, problem: str, client, save_dir: Path, on_saved: Callable[[StoredRequest], None]
) -> list[Session]:
    """Succeeded rows become saved transcripts (and cache entries); the rest get their reason."""
    from ..providers.cache import ResponseCache, default_cache_dir, request_record
    from ..providers.registry import endpoint_for

    spec = ModelSpec(state.provider, state.model, state.asked_as)
    params = state.params.to_params()
    cache = ResponseCache(default_cache_dir()) if state.use_cache else None
    endpoint = endpoint_for(state.provider, state.base_url)
    sessions = []
    for request in state.requests:
        row = rows.get(request.custom_id)
        if row is None or row.outcome != "succeeded":
            request.status = row.outcome if row is not None else "errored"
            request.reason = (row.reason if row is not None else problem) or OUTCOME_REASONS.get(
                request.status, NO_RESULT
            )
            continue
        messages = request.to_messages()
        session = Session(
            spec,
            client,
            endpoint,
            [request.part_id],
            params,
            {**state.settings, "batch_id": state.batch_id},
            messages=list(messages),
            created_at=state.created_at,
        )
        session.reply(_Answered(row.completion))
        session.turns[0] = session.turns[0].model_copy(update={"created_at": request.asked_at})
        request.status, request.transcript = "succeeded", str(session.save(save_dir))
        on_saved(request)
        sessions.append(session)
        if cache is not None:
            try:
                cache.put(
                    request.cache_key, request_record(state.provider, state.model, messages, params), row.completion
                )
            except OSError:
                pass  # an unwritable cache only costs a later request
    return sessions


def collect(
    state: BatchState,
    directory: Path,
    client,
    rows: dict,
    problem: str,
    save_dir: Path,
    on_saved: Callable[[StoredRequest], None],
) -> list[Session]:
    """An ended batch: its answers saved as transcripts, the state marked collected and written."""
    from .asking import now_iso
    from .state import save_state

    sessions = save_answers(state, rows, problem, client, save_dir, on_saved)
    state.collected_at = now_iso()
    save_state(state, directory)
    return sessions


def resend(
    state: BatchState, directory: Path, todo: list[StoredRequest], max_retries: int, base_url: str | None = None
) -> str:
    """Submit these requests of a collected batch again as a new batch; both state files record
    the link. Returns the new batch id."""
    from ..providers.batch_base import BatchRequest
    from .asking import now_iso
    from .state import save_state

    params = state.params.to_params()
    asked_at = now_iso()
    new_id = batch_client(state, max_retries, base_url).submit(
        [BatchRequest(r.custom_id, tuple(r.to_messages()), params) for r in todo]
    )
    fresh = [
        StoredRequest(
            custom_id=r.custom_id, part_id=r.part_id, messages=r.messages, cache_key=r.cache_key, asked_at=asked_at
        )
        for r in todo
    ]
    new_state = BatchState.model_validate(
        {
            **state.model_dump(exclude={"requests", "provider_status", "collected_at", "resent_as", "resent_from"}),
            "batch_id": new_id,
            "created_at": asked_at,
            "requests": fresh,
            "resent_from": state.batch_id,
        }
    )
    save_state(new_state, directory)
    for r in todo:
        r.resent_in = new_id
    state.resent_as.append(new_id)
    save_state(state, directory)
    return new_id


def tally(state: BatchState) -> str:
    """`3 succeeded, 1 errored`: the requests of a batch by status."""
    counts: dict[str, int] = {}
    for r in state.requests:
        counts[r.status] = counts.get(r.status, 0) + 1
    return ", ".join(f"{n} {s}" for s, n in counts.items())
