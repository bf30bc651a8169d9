"""`hw7grade batch status|collect|resend|list`, and the submit half of `ask --batch`.

A batch is asked through the provider's Batch API (cheaper, slower: up to 24 hours). Its state
file (see `batch_state.py`) lets any later process poll it, save the answers as native
transcripts exactly like live ones, grade them, and resend what errored or expired.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

POLL_EVERY_S = 30.0
POLL_MAX_S = 300.0
"""`collect --wait` doubles its pause between polls up to this."""
DEFAULT_WAIT_TIMEOUT_S = 3600.0
NO_RESULT = "The provider returned no result for this request."
OUTCOME_REASONS = {
    "expired": "The batch's 24-hour window ran out before this request ran.",
    "canceled": "The batch was cancelled before this request ran.",
}

app = typer.Typer(help="Follow up on batches submitted with `hw7grade ask --batch`.", no_args_is_help=True)

_STATE_DIR = typer.Option(None, "--state-dir", help="Folder of batch state files (default: <cache dir>/batches).")
_MAX_RETRIES = typer.Option(4, "--max-retries", min=0, help="Retries after 429/5xx/timeouts on each HTTP call.")
_BASE_URL = typer.Option(None, "--base-url", help="OpenAI-compatible server to poll (default OPENAI_BASE_URL); must match the one the batch was sent to.")


class _Answered:
    """Stands in for `Asker` so `Session.reply` records a batch answer exactly as a live one."""

    def __init__(self, completion) -> None:
        self.completion = completion

    def answer(self, *args, **kwargs):
        return self.completion


def _out():
    from .. import terminal as _terminal

    return _terminal.console(), _terminal.console(stderr=True)


def _say(console, text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


def _dir(state_dir: Optional[Path]) -> Path:
    from ..batch_state import default_state_dir

    return state_dir if state_dir is not None else default_state_dir()


def _dir_flag(state_dir: Optional[Path]) -> str:
    return f" --state-dir {state_dir}" if state_dir is not None else ""


def _client(state, max_retries: int, base_url: str | None):
    """A client for the endpoint configured now (`--base-url`, else the provider's variable, else
    its default): the key goes only there. A state file naming another server is refused, so a
    copied or edited state file cannot send the key elsewhere."""
    import os

    from ..errors import UsageError
    from ..providers.batch_base import make_batch_provider
    from ..providers.models import PROVIDERS, ModelSpec
    from ..providers.retry import RetryPolicy

    if base_url and state.provider != "openai":
        raise UsageError("--base-url is for OpenAI-compatible servers; this batch went to " + state.provider + ".")
    variable = PROVIDERS[state.provider].base_url_env
    configured = base_url or os.environ.get(variable) or None
    if state.base_url and not _same_url(state.base_url, configured):
        now = f"{configured} (from {'--base-url' if base_url else variable})" if configured else f"the {state.provider} default"
        raise UsageError(
            f"The state of batch {state.batch_id} names the server {state.base_url}, but the endpoint configured now is "
            f"{now}; the key is only sent to the configured one. Pass --base-url {state.base_url} if you trust it."
        )
    spec = ModelSpec(state.provider, state.model, state.asked_as)
    return make_batch_provider(spec, RetryPolicy.from_env(max_retries), base_url)


def _same_url(a: str, b: str | None) -> bool:
    return b is not None and a.rstrip("/") == b.rstrip("/")


def _counts(status) -> str:
    return ", ".join(f"{k} {v}" for k, v in status.counts.items()) or "no counts yet"


def submit_batches(specs, chosen, params, base_url: str | None, *, use_cache: bool, state_dir: Optional[Path],
                   save_dir: Path, max_retries: int, console, err) -> list:
    """One batch per model of every part the response cache cannot answer; returns the sessions
    the cache did answer (saved already), for the caller to grade."""
    from ..batch_state import BatchState, StoredMessage, StoredParams, StoredRequest, save_state
    from ..providers.batch_base import BatchRequest, custom_id, make_batch_provider
    from ..providers.cache import ResponseCache, cache_key, default_cache_dir, request_record
    from ..providers.retry import RetryPolicy
    from ..providers.session import Asker, Session, now_iso
    from .ask import _endpoint

    policy = RetryPolicy.from_env(max_retries)
    cache = ResponseCache(default_cache_dir()) if use_cache else None
    asker = Asker(policy=policy, cache=cache, use_stream=False)
    settings = {"max_retries": max_retries, "stream": False}
    directory = _dir(state_dir)
    from_cache = []
    for spec in specs:
        explicit_url = base_url if spec.provider == "openai" else None
        client = make_batch_provider(spec, policy, explicit_url)
        endpoint = _endpoint(spec.provider, base_url)
        pending: list[tuple[str, object, str]] = []
        for index, part in enumerate(chosen):
            session = Session.for_part(spec, client, endpoint, part.id, part.prompt, params, settings)
            key = cache_key(request_record(spec.provider, spec.model, session.messages, params), endpoint)
            if cache is not None and cache.get(key) is not None:
                session.reply(asker)  # the cache answers: no request
                _say(err, f"{spec.model} {part.id}: answered from the cache; saved {session.save(save_dir)}")
                from_cache.append(session)
                continue
            pending.append((custom_id(part.id, index), session, key))
        if not pending:
            continue
        asked_at = now_iso()
        batch_id = client.submit([BatchRequest(cid, tuple(s.messages), params) for cid, s, _ in pending])
        state = BatchState(
            provider=spec.provider, model=spec.model, asked_as=spec.asked_as, batch_id=batch_id, created_at=asked_at,
            base_url=explicit_url, use_cache=use_cache, save_dir=str(save_dir.resolve()),
            params=StoredParams.of(params), settings=settings,
            requests=[StoredRequest(custom_id=cid, part_id=s.part_ids[0], cache_key=key, asked_at=asked_at,
                                    messages=[StoredMessage(role=m.role, content=m.content) for m in s.messages])
                      for cid, s, key in pending],
        )
        path = save_state(state, directory)
        _say(console, f"{spec.qualified}: batch {batch_id} submitted with {len(pending)} request(s) (state {path}).")
        _say(console, f"  follow up: hw7grade batch collect {batch_id}{_dir_flag(state_dir)}")
    return from_cache


@app.command("status")
def status(
    batch_id: str = typer.Argument(..., help="The batch id `ask --batch` printed."),
    state_dir: Optional[Path] = _STATE_DIR,
    max_retries: int = _MAX_RETRIES,
    base_url: Optional[str] = _BASE_URL,
) -> None:
    """Ask the provider how far a batch is; exit 0 whatever its state."""
    from ..batch_state import load_state, save_state

    directory = _dir(state_dir)
    state = load_state(directory, batch_id)
    client = _client(state, max_retries, base_url)
    console, _ = _out()
    _say(console, f"{batch_id}: {state.provider}:{state.model}, {len(state.requests)} request(s), submitted {state.created_at}")
    result = client.status(batch_id)
    _say(console, f"provider status: {result.provider_status} ({_counts(result)})")
    if result.problem:
        _say(console, f"problem: {result.problem}")
    if state.collected_at:
        _say(console, f"collected {state.collected_at}: {_tally(state)}")
    elif result.ended:
        _say(console, f"ended: hw7grade batch collect {batch_id}{_dir_flag(state_dir)}")
    state.provider_status = result.provider_status
    save_state(state, directory)


def _tally(state) -> str:
    counts: dict[str, int] = {}
    for r in state.requests:
        counts[r.status] = counts.get(r.status, 0) + 1
    return ", ".join(f"{n} {s}" for s, n in counts.items())


@app.command("collect")
def collect(
    batch_id: str = typer.Argument(..., help="The batch id `ask --batch` printed."),
    state_dir: Optional[Path] = _STATE_DIR,
    save_dir: Optional[Path] = typer.Option(None, "--save-dir", help="Folder for the transcripts (default: the one given to ask)."),
    json_path: Optional[Path] = typer.Option(None, "--json", help="Write the JSON report (schema hw7grade.report/1) here."),
    wait: bool = typer.Option(False, "--wait", help="Poll until the batch ends (or --timeout passes)."),
    timeout: float = typer.Option(DEFAULT_WAIT_TIMEOUT_S, "--timeout", min=0.0, help="Seconds --wait polls at most."),
    poll_every: float = typer.Option(POLL_EVERY_S, "--poll-every", min=0.0, help="First pause between polls with --wait; doubles each time."),
    max_retries: int = _MAX_RETRIES,
    base_url: Optional[str] = _BASE_URL,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show every check with its evidence."),
    rubrics_dir: Optional[Path] = typer.Option(None, "--rubrics", help="Rubric folder (default: ./rubrics or the bundled one)."),
    judge_model: Optional[str] = typer.Option(None, "--judge", help="Also ask this model to score the rubric's judge criteria."),
) -> None:
    """When the batch has ended: save its answers as transcripts, grade them, list what failed.

    Exit 0 when every request succeeded (or the batch is still running), 3 when some errored or
    expired (`hw7grade batch resend ID` asks them again), 2 for a usage or key problem.
    """
    from ..batch_state import load_state, save_state
    from ..rubric import load_rubric

    directory = _dir(state_dir)
    state = load_state(directory, batch_id)
    console, err = _out()
    if state.collected_at:
        _say(console, f"{batch_id} was collected {state.collected_at}: {_tally(state)}.")
        for r in state.requests:
            if r.transcript:
                _say(console, f"  {r.part_id}: {r.transcript}")
        _say(console, "Grade the saved transcripts again with `hw7grade grade FILES`.")
        _list_failed(state, state_dir, err)
        return
    rubric = load_rubric(rubrics_dir)
    client = _client(state, max_retries, base_url)
    result = _poll(client, batch_id, wait, timeout, poll_every, err)
    state.provider_status = result.provider_status
    if not result.ended:
        save_state(state, directory)
        _say(console, f"{batch_id} is still {result.provider_status} ({_counts(result)}); collect again later "
                      f"(or add --wait): hw7grade batch collect {batch_id}{_dir_flag(state_dir)}")
        return
    judge = None
    if judge_model:
        from ..judge.run import make_judge

        judge = make_judge(judge_model, use_cache=state.use_cache, max_retries=max_retries)
    rows = {} if result.problem else {row.custom_id: row for row in client.results(batch_id)}
    sessions = _save_answers(state, rows, result.problem, client, save_dir or Path(state.save_dir), err)
    from ..providers.session import now_iso

    state.collected_at = now_iso()
    save_state(state, directory)
    if sessions:
        from .ask import _report

        graded = _report(sessions, rubric, console, json_path, verbose, judge)
    else:
        graded = True
    failed = _list_failed(state, state_dir, err)
    judge_code = 0
    if judge is not None:
        from ..judge.cli import failure_exit_code

        judge_code = failure_exit_code(judge, err)
    if failed or judge_code or not graded:
        raise typer.Exit(max(3 if failed else 0, judge_code, 0 if graded else 2))


def _poll(client, batch_id: str, wait: bool, timeout: float, poll_every: float, err):
    result = client.status(batch_id)
    deadline = time.monotonic() + timeout
    pause = poll_every
    while wait and not result.ended and time.monotonic() + pause <= deadline:
        _say(err, f"{batch_id}: {result.provider_status} ({_counts(result)}); next poll in {pause:.0f}s")
        time.sleep(pause)
        pause = min(POLL_MAX_S, max(pause * 2, poll_every))
        result = client.status(batch_id)
    return result


def _save_answers(state, rows: dict, problem: str, client, save_dir: Path, err) -> list:
    """Succeeded rows become saved transcripts (and cache entries); the rest get their reason."""
    from ..providers.cache import ResponseCache, default_cache_dir, request_record
    from ..providers.models import ModelSpec
    from ..providers.session import Session
    from .ask import _endpoint

    spec = ModelSpec(state.provider, state.model, state.asked_as)
    params = state.params.to_params()
    cache = ResponseCache(default_cache_dir()) if state.use_cache else None
    endpoint = _endpoint(state.provider, state.base_url)
    sessions = []
    for request in state.requests:
        row = rows.get(request.custom_id)
        if row is None or row.outcome != "succeeded":
            request.status = row.outcome if row is not None else "errored"
            request.reason = (row.reason if row is not None else problem) or OUTCOME_REASONS.get(request.status, NO_RESULT)
            continue
        messages = request.to_messages()
        session = Session(spec, client, endpoint, [request.part_id], params,
                          {**state.settings, "batch_id": state.batch_id}, messages=list(messages),
                          created_at=state.created_at)
        session.reply(_Answered(row.completion))  # type: ignore[arg-type]
        session.turns[0] = session.turns[0].model_copy(update={"created_at": request.asked_at})
        request.status, request.transcript = "succeeded", str(session.save(save_dir))
        _say(err, f"{state.model} {request.part_id}: saved {request.transcript}")
        sessions.append(session)
        if cache is not None:
            try:
                cache.put(request.cache_key, request_record(state.provider, state.model, messages, params), row.completion)
            except OSError:
                pass  # an unwritable cache only costs a later request
    return sessions


def _list_failed(state, state_dir: Optional[Path], err) -> list:
    failed = state.resendable()
    for r in failed:
        _say(err, f"{r.status}: {r.part_id} ({r.custom_id}): {r.reason}")
    if failed:
        _say(err, f"{len(failed)} request(s) did not succeed; ask them again with: "
                  f"hw7grade batch resend {state.batch_id}{_dir_flag(state_dir)}")
    return failed


@app.command("resend")
def resend(
    batch_id: str = typer.Argument(..., help="A collected batch with errored or expired requests."),
    state_dir: Optional[Path] = _STATE_DIR,
    max_retries: int = _MAX_RETRIES,
    base_url: Optional[str] = _BASE_URL,
) -> None:
    """Submit a collected batch's errored, expired and cancelled requests again, as a new batch."""
    from ..batch_state import BatchState, StoredRequest, load_state, save_state
    from ..errors import UsageError
    from ..providers.batch_base import BatchRequest
    from ..providers.session import now_iso

    directory = _dir(state_dir)
    state = load_state(directory, batch_id)
    console, _ = _out()
    if not state.collected_at:
        raise UsageError(f"Batch {batch_id} has not been collected yet; run `hw7grade batch collect {batch_id}` "
                         f"first, then resend what did not succeed.")
    todo = state.resendable()
    if not todo:
        _say(console, f"Nothing to resend: no request of {batch_id} errored or expired (or it was resent already).")
        return
    params = state.params.to_params()
    asked_at = now_iso()
    new_id = _client(state, max_retries, base_url).submit(
        [BatchRequest(r.custom_id, tuple(r.to_messages()), params) for r in todo]
    )
    fresh = [StoredRequest(custom_id=r.custom_id, part_id=r.part_id, messages=r.messages, cache_key=r.cache_key,
                           asked_at=asked_at) for r in todo]
    new_state = BatchState.model_validate({
        **state.model_dump(exclude={"requests", "provider_status", "collected_at", "resent_as", "resent_from"}),
        "batch_id": new_id, "created_at": asked_at, "requests": fresh, "resent_from": batch_id,
    })
    save_state(new_state, directory)
    for r in todo:
        r.resent_in = new_id
    state.resent_as.append(new_id)
    save_state(state, directory)
    _say(console, f"{len(todo)} request(s) of {batch_id} resent as batch {new_id}.")
    _say(console, f"  follow up: hw7grade batch collect {new_id}{_dir_flag(state_dir)}")


@app.command("list")
def list_batches(state_dir: Optional[Path] = _STATE_DIR) -> None:
    """The batches this machine submitted, newest first (no request is made)."""
    from ..batch_state import list_states

    directory = _dir(state_dir)
    found = list_states(directory)
    console, _ = _out()
    if not found:
        _say(console, f"No batches in {directory}.")
        return
    for path, state in found:
        if state is None:
            _say(console, f"{path.stem}  (unreadable state file {path})")
            continue
        where = f"collected: {_tally(state)}" if state.collected_at else f"last seen {state.provider_status}"
        links = "".join([f", resent from {state.resent_from}" if state.resent_from else "",
                         f", resent as {', '.join(state.resent_as)}" if state.resent_as else ""])
        _say(console, f"{state.batch_id}  {state.provider}:{state.model}  {len(state.requests)} request(s)  "
                      f"submitted {state.created_at}  {where}{links}")
