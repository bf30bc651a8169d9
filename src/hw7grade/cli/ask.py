"""`hw7grade ask PARTS... --model M`: ask models the homework parts, stream, grade, save.

One model and one part stream live as rendered Markdown on a terminal (printed whole when piped);
more run concurrently behind a progress table. Each conversation is saved as a native transcript
as soon as its answer is complete; Ctrl-C keeps those and drops the rest.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Callable, List, Optional

from .shared import consoles, say, show_graded_sessions

if TYPE_CHECKING:
    from ..providers.base import Completion
    from ..rubric.compiled import StagedRubric

LIVE_REFRESH_PER_S = 8
ANSWER_POLL_S = 0.2
"""How often the main thread looks up from waiting for an answer (retry messages, Ctrl-C)."""
Ask = Callable[[Callable[[str], None], Callable[[int, float, Exception], None]], "Completion"]
"""Gets one answer, given what to do with each delta and each retry (`Session.reply`, `follow_up`)."""
INTERACTIVE_HELP = "Type a follow-up, or /grade, /save, /model NAME, /quit."


def ask(
    parts: List[str],
    models: List[str],
    temperature: Optional[float],
    max_tokens: int,
    system: Optional[str],
    timeout: float,
    max_retries: int,
    concurrency: int,
    base_url: Optional[str],
    json_path: Optional[Path],
    save_dir: Path,
    no_cache: bool,
    stream: bool,
    interactive: Optional[bool],
    verbose: bool,
    rubrics_dir: Optional[Path],
    judge_model: Optional[str],
    batch: bool,
    batch_state_dir: Optional[Path],
    time_limit: float,
    whole_question: bool,
    samples: int,
    follow_ups: List[str],
    follow_up_from_rubric: bool,
    push_back: Optional[str],
    max_turns: Optional[int],
    reasoning_effort: Optional[str],
    thinking_budget: Optional[int],
    max_cost: Optional[float],
    prices_path: Optional[Path],
    markdown_path: Optional[Path],
    html_path: Optional[Path],
) -> None:
    """Ask models homework parts, stream the answers, grade them and save the transcripts.

    Keys come from OPENAI_API_KEY / ANTHROPIC_API_KEY. Exit 0 when every answer came back and was
    graded, 2 for a usage, key or auth problem or an answer whose grading overran --time-limit, 3
    when a provider still failed after retries.
    """
    from ..errors import UsageError
    from ..providers.base import ProviderParams
    from ..providers.models import PROVIDERS, require_key, resolve_model
    from ..rubric.compiled import StagedRubric
    from ..runs.asking import make_asker, start_sessions
    from ..runs.cost import make_budget
    from ..runs.options import RunOptions, run_options
    from ..runs.plan import with_context
    from ..runs.reasoning import ignored

    rubrics = StagedRubric(rubrics_dir)  # the listing now; the rubric's models are imported after the request
    chosen = rubrics.listing.select(parts)
    if json_path:
        from ..atomic import check_output_path

        check_output_path(json_path)  # a device or folder fails before any request
    specs = list(dict.fromkeys(resolve_model(m) for m in models))
    for provider in dict.fromkeys(s.provider for s in specs):
        require_key(provider)  # every key checked before any request
    if base_url and not any(s.info.takes_base_url for s in specs):
        takers = " or ".join(f"{name}:..." for name, info in PROVIDERS.items() if info.takes_base_url)
        raise UsageError(f"--base-url is for OpenAI-compatible servers; none of the --model values is {takers}")

    system = rubrics.listing.system_prompt if system is None else system
    params = ProviderParams(temperature=temperature, max_tokens=max_tokens, system=system or None, timeout_s=timeout)
    settings: dict[str, object] = {"max_retries": max_retries, "stream": stream}
    run_opts = run_options(
        whole_question,
        samples,
        follow_ups,
        follow_up_from_rubric,
        push_back,
        max_turns,
        reasoning_effort,
        thinking_budget,
        max_cost,
    )
    for spec in specs:
        run_opts.params_for(spec, params)  # a reasoning model given a temperature fails before any request
    if batch:
        if run_opts != RunOptions():
            raise UsageError(
                "--batch asks each part once, as a plain request; drop --whole-question, --samples, "
                "the follow-up, reasoning and --max-cost options, or ask live."
            )
        rubric = rubrics.rubric()
        _submit_batch(
            specs,
            [with_context(rubric, p) for p in rubric.select(parts)],
            params,
            base_url,
            no_cache,
            batch_state_dir,
            save_dir,
            max_retries,
            rubric,
            json_path,
            verbose,
            interactive,
            judge_model,
            time_limit,
        )
        return
    budget = make_budget(prices_path, max_cost, specs)
    asker = make_asker(max_retries, use_cache=not no_cache, stream=stream, budget=budget)
    providers, sessions = start_sessions(
        specs, chosen, params, base_url, settings, rubric=rubrics.listing, options=run_opts
    )
    judge = None
    if judge_model:
        from ..judge.run import make_judge

        judge = make_judge(judge_model, concurrency, use_cache=not no_cache, max_retries=max_retries)
    wants_prompt = interactive if interactive is not None else (sys.stdin.isatty() and sys.stdout.isatty())
    if wants_prompt and (len(sessions) > 1 or run_opts.follow_up.active):
        if interactive:
            raise UsageError("--interactive needs exactly one model and one part, and no scripted follow-up.")
        wants_prompt = False

    one = len(sessions) == 1 and not run_opts.follow_up.active
    # One answer: its request goes out now, and the display and grading are prepared while it is on its way.
    answer = _Answer(lambda on_text, on_retry: sessions[0].reply(asker, on_text, on_retry)) if one else None
    console, err = consoles()
    for note in ignored(specs, reasoning_effort, thinking_budget):
        say(err, f"Note: {note}")
    if judge is not None:
        from .judging import warn_same_model

        warn_same_model(judge, [s.model for s in specs], err)
    try:
        if answer is not None:
            failures = _run_one(answer, sessions[0], save_dir, console, err, lambda: _prepare_grading(rubrics))
        else:
            follow_up_rubric = rubrics.rubric() if run_opts.follow_up.active else None  # grades between turns
            failures = _run_many(sessions, asker, save_dir, concurrency, err, run_opts.follow_up, follow_up_rubric)
    except KeyboardInterrupt:
        asker.cancel.set()
        for p in providers.values():
            p.close()
        saved = [s for s in sessions if s.path is not None]
        say(err, f"Stopped: {len(saved)} complete conversation(s) saved in {save_dir}.")
        raise

    done = [s for s in sessions if s.answered]
    run = run_opts.describe(budget)
    graded = True
    if done:
        rubric = rubrics.rubric()
        graded = show_graded_sessions(
            done,
            rubric,
            console,
            json_path,
            verbose,
            judge,
            time_limit,
            run=run,
            markdown_path=markdown_path,
            html_path=html_path,
        )
    _print_usage(budget, err)
    if done:
        rubrics.save()
    if wants_prompt and done:
        _interactive(done[0], asker, rubric, save_dir, base_url, console, err, json_path, verbose, judge, time_limit)
    from ..runs.cost import BudgetExhausted

    skipped = [s for s, e in failures if isinstance(e, BudgetExhausted)]
    failures = [(s, e) for s, e in failures if not isinstance(e, BudgetExhausted)]
    if budget.stopped:
        say(
            err,
            f"Stopped sending requests: the next one would pass --max-cost ${max_cost:g} (estimated "
            f"${budget.spent:.4f} spent); {len(skipped)} conversation(s) not asked, the ones in flight finished.",
        )
    for session, error in failures:
        say(err, f"Error: {session.spec.model} {','.join(session.part_ids)}: {error}")
    judge_code = 0
    if judge is not None:
        from .judging import failure_exit_code

        judge_code = failure_exit_code(judge, err)
    if failures or judge_code or not graded:
        raise SystemExit(max([error.exit_code for _, error in failures] + [judge_code, 0 if graded else 2]))


def _submit_batch(
    specs,
    chosen,
    params,
    base_url,
    no_cache: bool,
    state_dir,
    save_dir: Path,
    max_retries: int,
    rubric,
    json_path,
    verbose: bool,
    interactive,
    judge_model,
    time_limit_s: float,
) -> None:
    """`--batch`: one provider batch per model; answers the cache already has are saved and graded now."""
    from ..errors import UsageError
    from .batch import submit_batches

    if interactive:
        raise UsageError("--batch returns before any answer exists, so it cannot be combined with --interactive.")
    if judge_model:
        raise UsageError("--batch returns before any answer exists; pass --judge to `hw7grade batch collect` instead.")
    console, err = consoles()
    cached = submit_batches(
        specs,
        chosen,
        params,
        base_url,
        use_cache=not no_cache,
        state_dir=state_dir,
        save_dir=save_dir,
        max_retries=max_retries,
        console=console,
        err=err,
    )
    if cached and not show_graded_sessions(cached, rubric, console, json_path, verbose, time_limit_s=time_limit_s):
        raise SystemExit(2)


class _Answer:
    """One reply, asked in a thread: the request goes out at once, while this thread sets up the
    display (and prepares grading); `wait` returns the completion or raises its error."""

    def __init__(self, call: Ask) -> None:
        self.text: list[str] = []
        """The answer so far, for a live display (emptied when a retry starts it over)."""
        self._retries: queue.SimpleQueue[tuple[int, float, Exception]] = queue.SimpleQueue()
        self._outcome: list[Completion | BaseException] = []
        self._thread = threading.Thread(target=self._ask, args=(call,), daemon=True, name="ask-answer")
        self._thread.start()

    def _ask(self, call: Ask) -> None:
        try:
            self._outcome.append(call(self.text.append, self._retried))
        except BaseException as exc:  # raised again by `wait`, in the main thread
            self._outcome.append(exc)

    def _retried(self, retry: int, wait_s: float, exc: Exception) -> None:
        self.text.clear()
        self._retries.put((retry, wait_s, exc))

    def wait(self, err) -> Completion:
        """The completion; each retry is printed on `err` meanwhile."""
        while True:
            self._thread.join(timeout=ANSWER_POLL_S)
            finished = not self._thread.is_alive()
            while not self._retries.empty():
                retry, wait_s, exc = self._retries.get()
                err.print(f"[yellow]retry {retry} in {wait_s:.1f}s:[/] {exc}", highlight=False, soft_wrap=True)
            if finished:
                break
        outcome = self._outcome[0]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


def _prepare_grading(rubrics: StagedRubric) -> None:
    """While the answer is on its way: the rubric and the grading modules `grade_sessions` needs."""
    rubrics.rubric()
    import_module("hw7grade.grading.files")


def _run_one(answer: _Answer, session, save_dir: Path, console, err, prepare: Callable[[], None]) -> list:
    """Show one answer as it streams; returns [(session, error)] if it failed for good."""
    from rich.markup import escape

    from ..errors import Hw7gradeError

    console.print(
        f"[bold]{session.part_ids[0]}[/] → {escape(session.spec.model)} ({session.spec.provider})", highlight=False
    )
    try:
        completion = _stream_reply(answer, console, err, prepare)
        _note_completion(completion, session.save(save_dir), err)
    except Hw7gradeError as error:
        return [(session, error)]
    return []


def _stream_reply(answer: _Answer, console, err, prepare: Callable[[], None] | None = None):
    """Show an answer as it streams, rendered as Markdown, on a terminal; else print it when done.
    `prepare` runs while the answer is on its way."""
    if not console.is_terminal:
        # Piped: print the answer once complete, so no retried half-answer ends up in the output.
        if prepare is not None:
            prepare()
        completion = answer.wait(err)
        from ..report.terminal import visible

        console.file.write(visible(completion.text.rstrip("\n")) + "\n")
        console.file.flush()
        return completion
    # Markdown is parsed at each refresh, not at each delta: long answers stay cheap.
    from rich.live import Live

    from ..providers.registry import scrub

    # Scrubbed whole: a key the server echoes may arrive split across deltas.
    with Live(
        get_renderable=lambda: _markdown(scrub("".join(answer.text))),
        console=console,
        refresh_per_second=LIVE_REFRESH_PER_S,
        vertical_overflow="visible",
    ):
        if prepare is not None:
            prepare()
        completion = answer.wait(err)
        answer.text[:] = [completion.text]
    return completion


def _markdown(text: str):
    """Rich Markdown that shows `<sos>`-style tokens as text; by default they parse as HTML and vanish."""
    from markdown_it import MarkdownIt
    from rich.markdown import Markdown

    rendered = Markdown("")
    rendered.markup = text
    rendered.parsed = MarkdownIt("commonmark", {"html": False}).enable("strikethrough").enable("table").parse(text)
    return rendered


def _note_completion(completion, path: Path, err) -> None:
    usage = completion.usage
    source = "cache" if completion.cached else f"{completion.latency_s:.1f}s"
    say(
        err,
        f"{completion.model}: {usage.input_tokens or '?'} in / {usage.output_tokens or '?'} out tokens, "
        f"{source}; saved {path}",
    )


def _run_many(sessions: list, asker, save_dir: Path, concurrency: int, err, policy=None, rubric=None) -> list:
    """Ask every conversation (see `runs.asking.ask_all`) behind a live status table."""
    from rich.live import Live

    from ..runs.asking import ask_all

    board = _Board(sessions)
    with Live(get_renderable=board.table, console=err, refresh_per_second=LIVE_REFRESH_PER_S):
        return ask_all(sessions, asker, save_dir, concurrency, board, policy, rubric)


def _print_usage(budget, err) -> None:
    """Tokens and estimated cost per model, on stderr (the JSON report's `run.usage` has them too)."""
    for model, t in budget.tallies.items():
        cost = "no price in the table" if t.cost_usd is None else f"~${t.cost_usd:.4f}"
        reasoning = f" ({t.reasoning_tokens} reasoning)" if t.reasoning_tokens else ""
        say(
            err,
            f"{model}: {t.requests} request(s), {t.cached} from cache; {t.input_tokens} in / "
            f"{t.output_tokens} out tokens{reasoning}; {cost}",
        )


class _Board:
    """The progress table's rows; workers update it from their threads."""

    def __init__(self, sessions: list) -> None:
        self._lock = threading.Lock()
        self._rows = [
            {
                "model": s.spec.model,
                "part": ",".join(s.part_ids) + (f" #{s.sample + 1}" if s.settings.get("samples") else ""),
                "status": "queued",
                "chars": 0,
                "tokens": "",
                "time": "",
                "started": None,
            }
            for s in sessions
        ]

    def set(self, index: int, status: str, reset: bool = False) -> None:
        with self._lock:
            row = self._rows[index]
            row["status"] = status
            row["started"] = row["started"] or time.monotonic()
            if reset:
                row["chars"] = 0

    def grow(self, index: int, chars: int) -> None:
        with self._lock:
            self._rows[index]["chars"] += chars
            self._rows[index]["status"] = "streaming"

    def finish(self, index: int, completion) -> None:
        with self._lock:
            row = self._rows[index]
            row["status"] = "cached" if completion.cached else "done"
            row["chars"] = len(completion.text)
            row["tokens"] = str(completion.usage.output_tokens or "")
            row["time"] = f"{completion.latency_s:.1f}s"

    def table(self):
        from rich.table import Table

        table = Table("model", "part", "status", "chars", "out tokens", "time")
        with self._lock:
            for row in self._rows:
                table.add_row(row["model"], row["part"], row["status"], str(row["chars"]), row["tokens"], row["time"])
        return table


def _interactive(
    session,
    asker,
    rubric,
    save_dir: Path,
    base_url,
    console,
    err,
    json_path,
    verbose: bool,
    judge=None,
    time_limit_s: float | None = None,
) -> None:
    """Follow-ups on one conversation, read line by line until /quit or end of input.

    Each reply is saved and re-graded (first vs final attempt); the JSON report, if asked for,
    is rewritten to match."""
    from ..errors import Hw7gradeError
    from ..runs.asking import switch_model

    say(console, INTERACTIVE_HELP)
    while True:
        say(console, "you> ", end="")
        line = sys.stdin.readline()
        if not line:
            console.print()
            return
        text = line.strip()
        if not text:
            continue
        command, _, argument = text.partition(" ")
        try:
            if command == "/quit":
                return
            if command == "/grade":
                from ..report.console import render_report
                from ..runs.asking import grade_sessions

                render_only = grade_sessions([session], rubric, judge, time_limit_s)

                render_report(render_only, console, verbose=verbose)
            elif command == "/save":
                say(err, f"saved {session.save(save_dir)}")
            elif command == "/model":
                spec = switch_model(session, argument, base_url)
                say(err, f"next answers from {spec.model} ({spec.provider})")
            elif command.startswith("/"):
                say(err, f"Unknown command {command}. {INTERACTIVE_HELP}")
            else:
                follow_up = _Answer(
                    lambda on_text, on_retry: session.follow_up(text, asker, on_text, on_retry)  # noqa: B023 (waited for)
                )
                completion = _stream_reply(follow_up, console, err)
                _note_completion(completion, session.save(save_dir), err)
                show_graded_sessions([session], rubric, console, json_path, verbose, judge, time_limit_s)
        except Hw7gradeError as error:
            say(err, f"Error: {error}")
