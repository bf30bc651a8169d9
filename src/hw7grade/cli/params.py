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
    for name, _, param in table:
        if param.argument:
            kwargs[name] = [Path(p) for p in given] or None
        else:
            kwargs[name] = values.get(name, param.default)
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
