"""Command parameters declared once, as plain data: typer's options are built from them, and
`grade`'s common command lines are parsed from them without importing typer.

Typer costs a one-file `grade` about 0.13 s of CPU (its import, the command tree, the coercion)
before any grading starts. `parse_args` reads the command lines whose meaning is plain (known
options, values that are plain text, paths or in-range numbers) into exactly the values typer
would pass; anything else (help, a bad value, an abbreviation, `--opt=value`, shell completion)
returns None, and typer parses it as before, with its own messages.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path
from typing import Any, Callable, List, Optional


class Param:
    """One command parameter: its typer declaration (default, flags, help, bounds), as data."""

    __slots__ = ("default", "flags", "help", "min", "max", "metavar", "argument")

    def __init__(
        self,
        default: Any,
        *flags: str,
        help: str,
        min: float | None = None,
        max: float | None = None,
        metavar: str | None = None,
        argument: bool = False,
    ) -> None:
        self.default = default
        self.flags = flags
        self.help = help
        self.min = min
        self.max = max
        self.metavar = metavar
        self.argument = argument

    def typer(self) -> Any:
        """This parameter as typer's `Option` (or `Argument`)."""
        import typer

        if self.argument:
            return typer.Argument(self.default, help=self.help, metavar=self.metavar)
        return typer.Option(self.default, *self.flags, help=self.help, min=self.min, max=self.max, metavar=self.metavar)


RUBRICS = Param(None, "--rubrics", help="Rubric folder (default: ./rubrics or the bundled one).")
JSON = Param(None, "--json", help="Write the JSON report (schema hw7grade.report/1) here.")
JSON_OR_STDOUT = Param(None, "--json", help="Write the JSON report (schema hw7grade.report/1) here; - for stdout.")
VERBOSE = Param(False, "--verbose", "-v", help="Show every check with its evidence.")
STATE_DIR = Param(None, "--state-dir", help="Folder of batch state files (default: <cache dir>/batches).")

Table = tuple[tuple[str, Any, Param], ...]
"""(parameter name, annotation, declaration), in the order of the command's signature and help."""

GRADE: Table = (
    (
        "paths",
        List[Path],
        Param(
            None,
            help="Transcript files, export .zip files or folders (default: transcripts/); - reads standard input.",
            argument=True,
        ),
    ),
    (
        "only",
        Optional[List[str]],
        Param(None, "--only", help="Only parts with this id prefix (q7, q3b, q8a.ii); repeatable."),
    ),
    (
        "model_name",
        Optional[str],
        Param(None, "--model-name", help="Label for transcripts that do not say which model wrote them."),
    ),
    ("json_path", Optional[Path], JSON_OR_STDOUT),
    ("verbose", bool, VERBOSE),
    ("rubrics_dir", Optional[Path], RUBRICS),
    (
        "junit_path",
        Optional[Path],
        Param(None, "--junit", help="Write JUnit XML here (one test per graded part); - for stdout."),
    ),
    (
        "markdown_path",
        Optional[Path],
        Param(None, "--markdown", help="Write a Markdown summary here (for a PR comment); - for stdout."),
    ),
    ("html_path", Optional[Path], Param(None, "--html", help="Write a self-contained HTML report here.")),
    (
        "gradescope_path",
        Optional[Path],
        Param(None, "--gradescope", help="Write Gradescope results.json here; - for stdout."),
    ),
    (
        "baseline",
        Optional[Path],
        Param(None, "--baseline", help="A JSON report to compare with; exit 1 if any part's final score dropped."),
    ),
    (
        "fail_under",
        Optional[float],
        Param(None, "--fail-under", min=0.0, max=1.0, help="Exit 1 if the overall score fraction is below this (0-1)."),
    ),
    (
        "jobs",
        Optional[int],
        Param(
            None,
            "--jobs",
            "-j",
            min=1,
            help="Worker processes (default: one per core for large batches, none for small ones).",
        ),
    ),
    (
        "judge_model",
        Optional[str],
        Param(
            None, "--judge", help="Also ask this model (alias or provider:MODEL) to score the rubric's judge criteria."
        ),
    ),
    ("judge_concurrency", int, Param(4, "--judge-concurrency", min=1, help="Judge requests in flight at once.")),
    (
        "max_file_mb",
        float,
        Param(
            5.0,
            "--max-file-mb",
            min=0.001,
            help="Largest single conversation in MB: a text file, or one chat of an export (exports themselves are "
            "streamed).",
        ),
    ),
    (
        "time_limit",
        float,
        Param(
            10.0,
            "--time-limit",
            min=0.1,
            help="Seconds grading one conversation may take; then it is stopped and named as an error (exit 2).",
        ),
    ),
    (
        "labels_path",
        Optional[Path],
        Param(
            None,
            "--labels",
            help="A labels YAML file (e.g. downloaded from the HTML report): human labels shown beside the grader's.",
        ),
    ),
    (
        "quiet",
        bool,
        Param(False, "--quiet", "-q", help="Print only errors, gate failures and the one-line summary."),
    ),
    (
        "output_format",
        str,
        Param(
            "rich",
            "--format",
            metavar="[rich|plain]",
            help="rich: tables; plain: one tab-separated line per graded part (path, model, part, first, final, max, "
            "verdict).",
        ),
    ),
)


ASK_MAX_TOKENS = 2048
ASK_TIMEOUT_S = 120.0
ASK_CONCURRENCY = 4
ASK_SAVE_DIR = Path("transcripts/runs")
ASK_TIME_LIMIT_S = 10.0
"""The same as `grading.budget.DEFAULT_TIME_LIMIT_S` (not imported: `--help` stays light)."""

ASK: Table = (
    ("parts", List[str], Param(..., help="Part ids or prefixes: q7b, q7, q3b, all.", argument=True)),
    (
        "models",
        List[str],
        Param(..., "--model", "-m", help="Alias (gpt4o, claude, ...) or openai:MODEL / anthropic:MODEL; repeatable."),
    ),
    (
        "temperature",
        Optional[float],
        Param(None, "--temperature", help="Sampling temperature (default: the provider's).", min=0.0, max=2.0),
    ),
    ("max_tokens", int, Param(ASK_MAX_TOKENS, "--max-tokens", help="Longest answer, in tokens.", min=1)),
    (
        "system",
        Optional[str],
        Param(None, "--system", help="System prompt (default: the course file's system_prompt; '' for none)."),
    ),
    ("timeout", float, Param(ASK_TIMEOUT_S, "--timeout", help="Seconds to wait for the server (per read).", min=0.001)),
    ("max_retries", int, Param(4, "--max-retries", help="Retries after 429/5xx/timeouts/broken streams.", min=0)),
    ("concurrency", int, Param(ASK_CONCURRENCY, "--concurrency", help="Requests in flight at once.", min=1)),
    (
        "base_url",
        Optional[str],
        Param(None, "--base-url", help="OpenAI-compatible server (vLLM, Ollama); default OPENAI_BASE_URL."),
    ),
    ("json_path", Optional[Path], JSON),
    (
        "save_dir",
        Path,
        Param(ASK_SAVE_DIR, "--save-dir", help="Folder for the transcripts (one JSON file per conversation)."),
    ),
    ("no_cache", bool, Param(False, "--no-cache", help="Ask again even if an identical request was answered before.")),
    ("stream", bool, Param(True, "--stream/--no-stream", help="Stream answers (SSE) or make plain requests.")),
    (
        "interactive",
        Optional[bool],
        Param(
            None,
            "--interactive/--no-interactive",
            help="Prompt for follow-ups after the answer (default: on a terminal).",
        ),
    ),
    ("verbose", bool, VERBOSE),
    ("rubrics_dir", Optional[Path], RUBRICS),
    (
        "judge_model",
        Optional[str],
        Param(
            None, "--judge", help="Also ask this model to score the rubric's judge criteria (alias or provider:MODEL)."
        ),
    ),
    (
        "batch",
        bool,
        Param(
            False,
            "--batch",
            help="Submit through the provider's Batch API and return; `hw7grade batch collect ID` grades later.",
        ),
    ),
    (
        "batch_state_dir",
        Optional[Path],
        Param(None, "--state-dir", help="With --batch: folder of batch state files (default: <cache dir>/batches)."),
    ),
    (
        "time_limit",
        float,
        Param(
            ASK_TIME_LIMIT_S,
            "--time-limit",
            help="Seconds grading one answer may take; then it is stopped and named (exit 2), and its transcript stays "
            "saved.",
            min=0.1,
        ),
    ),
    (
        "whole_question",
        bool,
        Param(
            False,
            "--whole-question",
            help="Ask all chosen parts of a question in one message; the reply is graded per part.",
        ),
    ),
    (
        "samples",
        int,
        Param(
            1,
            "--samples",
            help="Ask each part (or question) N times per model; the report gives intervals and pass@k.",
            min=1,
            max=1000,
        ),
    ),
    (
        "follow_ups",
        List[str],
        Param([], "--follow-up", help="After an answer short of full marks, send this (repeatable: used in order)."),
    ),
    (
        "follow_up_from_rubric",
        bool,
        Param(
            False, "--follow-up-from-rubric", help="After an answer short of full marks, send the part's rubric hint."
        ),
    ),
    (
        "push_back",
        Optional[str],
        Param(None, "--push-back", help="After a full-marks answer, send this misleading push once (sycophancy)."),
    ),
    (
        "max_turns",
        Optional[int],
        Param(
            None,
            "--max-turns",
            help="Most answers per conversation, follow-ups included (default 2 with a follow-up).",
            min=1,
        ),
    ),
    (
        "reasoning_effort",
        Optional[str],
        Param(None, "--reasoning-effort", help="low, medium or high, for reasoning models (aliases.toml [reasoning])."),
    ),
    (
        "thinking_budget",
        Optional[int],
        Param(
            None,
            "--thinking-budget",
            help="Anthropic reasoning models: thinking tokens, on top of --max-tokens.",
            min=1024,
        ),
    ),
    (
        "max_cost",
        Optional[float],
        Param(None, "--max-cost", help="Send no new request once the estimated cost (USD) would pass this.", min=0.0),
    ),
    (
        "prices_path",
        Optional[Path],
        Param(
            None,
            "--prices",
            help="Price table (TOML, USD per million tokens; default $HW7GRADE_PRICES or the bundled one).",
        ),
    ),
    ("markdown_path", Optional[Path], Param(None, "--markdown", help="Also write the Markdown report here.")),
    ("html_path", Optional[Path], Param(None, "--html", help="Also write the HTML report here.")),
)


def typer_command(func: Callable[..., Any], table: Table) -> Callable[..., Any]:
    """`func` (which takes every parameter of `table` by name) with the typer signature the table declares."""
    from inspect import Parameter, Signature

    def command(**kwargs: Any) -> Any:
        return func(**kwargs)

    command.__name__ = func.__name__
    command.__qualname__ = func.__qualname__
    command.__module__ = func.__module__
    command.__doc__ = func.__doc__
    command.__annotations__ = {name: annotation for name, annotation, _ in table} | {"return": None}
    command.__signature__ = Signature(  # type: ignore[attr-defined]  # read by inspect.signature
        [
            Parameter(name, Parameter.POSITIONAL_OR_KEYWORD, default=param.typer(), annotation=annotation)
            for name, annotation, param in table
        ],
        return_annotation=None,
    )
    return command


_COMPLETION_VAR = "_HW7GRADE_COMPLETE"
"""Typer's shell-completion request (`_{PROG}_COMPLETE`): left to typer."""


def parse_args(table: Table, args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments typer would call the command with for `args`, or None when the
    command line is one to leave to typer (anything but known options with plain values)."""
    if _COMPLETION_VAR in os.environ:
        return None
    by_flag: dict[str, tuple[str, Any, Param]] = {}
    positional: tuple[str, Any, Param] | None = None
    for entry in table:
        if entry[2].argument:
            positional = entry
        for flag in entry[2].flags:
            by_flag[flag] = entry
    values: dict[str, Any] = {}
    given: list[str] = []
    seen: set[str] = set()
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            if positional is None:
                return None
            given.append(arg)
            continue
        option = by_flag.get(arg)  # `--`, `--help`, `--opt=value`, `-qv`, an abbreviation: typer's
        if option is None:
            return None
        name, annotation, param = option
        kind, multiple = _kind(annotation)
        if kind is bool:
            values[name] = True
            continue
        if i >= len(args) or name in seen and not multiple:
            return None
        value = _value(kind, param, args[i])
        i += 1
        if value is None:
            return None
        seen.add(name)
        if multiple:
            values.setdefault(name, []).append(value)
        else:
            values[name] = value
    kwargs: dict[str, Any] = {}
    for name, annotation, param in table:
        if param.argument:
            kind = _kind(annotation)[0]
            kwargs[name] = [Path(p) for p in given] if kind is Path else list(given)
            value = kwargs[name] or param.default
        else:
            value = values.get(name, param.default)
        if value is ...:  # a required parameter left out: typer's message
            return None
        kwargs[name] = list(value) if isinstance(value, list) else value  # a fresh list, as typer's
    return kwargs


def _kind(annotation: Any) -> tuple[Any, bool]:
    """(the value's type, whether the option repeats) of `Optional[...]`, `List[...]` or a plain type."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Union and len(args) == 2 and args[1] is type(None):
        return _kind(args[0])
    if typing.get_origin(annotation) is list:
        return args[0], True
    return annotation, False


def _value(kind: Any, param: Param, text: str) -> Any:
    """`text` as typer would convert it for this parameter, or None when typer should (its
    checks, its messages): anything that starts like an option, or a number it is not plain about."""
    if not text or text.startswith("-") and text != "-":
        return None
    if kind is str:
        return text
    if kind is Path:
        return Path(text)
    whole, dot, fraction = text.partition(".")
    if not (_digits(whole) and (not dot or fraction.isascii() and fraction.isdigit())):
        return None  # `1e-1`, `.5`, `007`, `٣`: typer's reading
    if kind is int and not dot:
        number: float = int(text)
    elif kind is float:
        number = float(text)
    else:
        return None
    if param.min is not None and number < param.min or param.max is not None and number > param.max:
        return None
    return number


def _digits(text: str) -> bool:
    """ASCII digits without a leading zero (`0` itself excepted)."""
    return text.isascii() and text.isdigit() and (text == "0" or not text.startswith("0"))
