"""`hw7grade batch status|collect|resend|list`, and the submit half of `ask --batch`.

A batch is asked through the provider's Batch API (cheaper, slower: up to 24 hours). Its state
file (see `runs/state.py`) lets any later process poll it, save the answers as native
transcripts exactly like live ones, grade them, and resend what errored or expired. The work is
in `runs/batches.py`; these commands parse options, call it and print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import options

POLL_EVERY_S = 30.0
DEFAULT_WAIT_TIMEOUT_S = 3600.0

app = typer.Typer(help="Follow up on batches submitted with `hw7grade ask --batch`.", no_args_is_help=True)

_MAX_RETRIES = typer.Option(4, "--max-retries", min=0, help="Retries after 429/5xx/timeouts on each HTTP call.")
_BASE_URL = typer.Option(
    None,
    "--base-url",
    help="OpenAI-compatible server to poll (default OPENAI_BASE_URL); must match the one the batch was sent to.",
)


def _dir(state_dir: Optional[Path]) -> Path:
    from ..runs.state import default_state_dir

    return state_dir if state_dir is not None else default_state_dir()


def _load(batch_id: str, state_dir: Optional[Path]):
    """(state folder, the batch's state): the start of `status`, `collect` and `resend`."""
    from ..runs.state import load_state

    directory = _dir(state_dir)
    return directory, load_state(directory, batch_id)


def _dir_flag(state_dir: Optional[Path]) -> str:
    return f" --state-dir {state_dir}" if state_dir is not None else ""


def _counts(status) -> str:
    return ", ".join(f"{k} {v}" for k, v in status.counts.items()) or "no counts yet"


def submit_batches(
    specs,
    chosen,
    params,
    base_url: str | None,
    *,
    use_cache: bool,
    state_dir: Optional[Path],
    save_dir: Path,
    max_retries: int,
    console,
    err,
) -> list:
    """`ask --batch`: submit (see `runs.batches.submit_batches`) and say what happened."""
    from ..runs import batches
    from .shared import say

    def on_cached(spec, part_id: str, path: Path) -> None:
        say(err, f"{spec.model} {part_id}: answered from the cache; saved {path}")

    def on_submitted(spec, batch_id: str, count: int, path: Path) -> None:
        say(console, f"{spec.qualified}: batch {batch_id} submitted with {count} request(s) (state {path}).")
        say(console, f"  follow up: hw7grade batch collect {batch_id}{_dir_flag(state_dir)}")

    return batches.submit_batches(
        specs,
        chosen,
        params,
        base_url,
        use_cache=use_cache,
        state_dir=_dir(state_dir),
        save_dir=save_dir,
        max_retries=max_retries,
        on_cached=on_cached,
        on_submitted=on_submitted,
    )


@app.command("status")
def status(
    batch_id: str = typer.Argument(..., help="The batch id `ask --batch` printed."),
    state_dir: Optional[Path] = options.STATE_DIR,
    max_retries: int = _MAX_RETRIES,
    base_url: Optional[str] = _BASE_URL,
) -> None:
    """Ask the provider how far a batch is; exit 0 whatever its state."""
    from ..runs.batches import batch_client, tally
    from ..runs.state import save_state
    from .shared import consoles, say

    directory, state = _load(batch_id, state_dir)
    client = batch_client(state, max_retries, base_url)  # a state file naming another server fails first
    console, _ = consoles()
    say(
        console,
        f"{batch_id}: {state.provider}:{state.model}, {len(state.requests)} request(s), submitted {state.created_at}",
    )
    result = client.status(batch_id)
    say(console, f"provider status: {result.provider_status} ({_counts(result)})")
    if result.problem:
        say(console, f"problem: {result.problem}")
    if state.collected_at:
        say(console, f"collected {state.collected_at}: {tally(state)}")
    elif result.ended:
        say(console, f"ended: hw7grade batch collect {batch_id}{_dir_flag(state_dir)}")
    state.provider_status = result.provider_status
    save_state(state, directory)


@app.command("collect")
def collect(
    batch_id: str = typer.Argument(..., help="The batch id `ask --batch` printed."),
    state_dir: Optional[Path] = options.STATE_DIR,
    save_dir: Optional[Path] = typer.Option(
        None, "--save-dir", help="Folder for the transcripts (default: the one given to ask)."
    ),
    json_path: Optional[Path] = options.JSON,
    wait: bool = typer.Option(False, "--wait", help="Poll until the batch ends (or --timeout passes)."),
    timeout: float = typer.Option(DEFAULT_WAIT_TIMEOUT_S, "--timeout", min=0.0, help="Seconds --wait polls at most."),
    poll_every: float = typer.Option(
        POLL_EVERY_S, "--poll-every", min=0.0, help="First pause between polls with --wait; doubles each time."
    ),
    max_retries: int = _MAX_RETRIES,
    base_url: Optional[str] = _BASE_URL,
    verbose: bool = options.VERBOSE,
    rubrics_dir: Optional[Path] = options.RUBRICS,
    judge_model: Optional[str] = typer.Option(
        None, "--judge", help="Also ask this model to score the rubric's judge criteria."
    ),
) -> None:
    """When the batch has ended: save its answers as transcripts, grade them, list what failed.

    Exit 0 when every request succeeded (or the batch is still running), 3 when some errored or
    expired (`hw7grade batch resend ID` asks them again), 2 for a usage or key problem.
    """
    from ..rubric.model import load_rubric
    from ..runs import batches
    from ..runs.state import save_state
    from .shared import consoles, say

    directory, state = _load(batch_id, state_dir)
    console, err = consoles()
    if state.collected_at:
        say(console, f"{batch_id} was collected {state.collected_at}: {batches.tally(state)}.")
        for r in state.requests:
            if r.transcript:
                say(console, f"  {r.part_id}: {r.transcript}")
        say(console, "Grade the saved transcripts again with `hw7grade grade FILES`.")
        _list_failed(state, state_dir, err)
        return
    rubric = load_rubric(rubrics_dir)
    client = batches.batch_client(state, max_retries, base_url)
    result = batches.poll(
        client,
        batch_id,
        wait,
        timeout,
        poll_every,
        lambda status, pause: say(
            err, f"{batch_id}: {status.provider_status} ({_counts(status)}); next poll in {pause:.0f}s"
        ),
    )
    state.provider_status = result.provider_status
    if not result.ended:
        save_state(state, directory)
        say(
            console,
            f"{batch_id} is still {result.provider_status} ({_counts(result)}); collect again later "
            f"(or add --wait): hw7grade batch collect {batch_id}{_dir_flag(state_dir)}",
        )
        return
    judge = None
    if judge_model:
        from ..judge.run import make_judge

        judge = make_judge(judge_model, use_cache=state.use_cache, max_retries=max_retries)
    rows = {} if result.problem else {row.custom_id: row for row in client.results(batch_id)}
    sessions = batches.collect(
        state,
        directory,
        client,
        rows,
        result.problem,
        save_dir or Path(state.save_dir),
        lambda request: say(err, f"{state.model} {request.part_id}: saved {request.transcript}"),
    )
    if sessions:
        from .shared import show_graded_sessions

        graded = show_graded_sessions(sessions, rubric, console, json_path, verbose, judge)
    else:
        graded = True
    failed = _list_failed(state, state_dir, err)
    judge_code = 0
    if judge is not None:
        from .judging import failure_exit_code

        judge_code = failure_exit_code(judge, err)
    if failed or judge_code or not graded:
        raise typer.Exit(max(3 if failed else 0, judge_code, 0 if graded else 2))


def _list_failed(state, state_dir: Optional[Path], err) -> list:
    from .shared import say

    failed = state.resendable()
    for r in failed:
        say(err, f"{r.status}: {r.part_id} ({r.custom_id}): {r.reason}")
    if failed:
        say(
            err,
            f"{len(failed)} request(s) did not succeed; ask them again with: "
            f"hw7grade batch resend {state.batch_id}{_dir_flag(state_dir)}",
        )
    return failed


@app.command("resend")
def resend(
    batch_id: str = typer.Argument(..., help="A collected batch with errored or expired requests."),
    state_dir: Optional[Path] = options.STATE_DIR,
    max_retries: int = _MAX_RETRIES,
    base_url: Optional[str] = _BASE_URL,
) -> None:
    """Submit a collected batch's errored, expired and cancelled requests again, as a new batch."""
    from ..errors import UsageError
    from ..runs import batches
    from .shared import consoles, say

    directory, state = _load(batch_id, state_dir)
    console, _ = consoles()
    if not state.collected_at:
        raise UsageError(
            f"Batch {batch_id} has not been collected yet; run `hw7grade batch collect {batch_id}` "
            f"first, then resend what did not succeed."
        )
    todo = state.resendable()
    if not todo:
        say(console, f"Nothing to resend: no request of {batch_id} errored or expired (or it was resent already).")
        return
    new_id = batches.resend(state, directory, todo, max_retries, base_url)
    say(console, f"{len(todo)} request(s) of {batch_id} resent as batch {new_id}.")
    say(console, f"  follow up: hw7grade batch collect {new_id}{_dir_flag(state_dir)}")


@app.command("list")
def list_batches(state_dir: Optional[Path] = options.STATE_DIR) -> None:
    """The batches this machine submitted, newest first (no request is made)."""
    from ..runs.batches import tally
    from ..runs.state import list_states
    from .shared import consoles, say

    directory = _dir(state_dir)
    found = list_states(directory)
    console, _ = consoles()
    if not found:
        say(console, f"No batches in {directory}.")
        return
    for path, state in found:
        if state is None:
            say(console, f"{path.stem}  (unreadable state file {path})")
            continue
        where = f"collected: {tally(state)}" if state.collected_at else f"last seen {state.provider_status}"
        links = "".join(
            [
                f", resent from {state.resent_from}" if state.resent_from else "",
                f", resent as {', '.join(state.resent_as)}" if state.resent_as else "",
            ]
        )
        say(
            console,
            f"{state.batch_id}  {state.provider}:{state.model}  {len(state.requests)} request(s)  "
            f"submitted {state.created_at}  {where}{links}",
        )
