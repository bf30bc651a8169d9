"""What every `--help` shows beyond typer's defaults: examples, plain metavars, whole summaries.

`polish` walks the built command tree once (from the root group), so no command module has to
remember a `cls=`, an `epilog` or a `metavar=`. Examples live in one table, `EXAMPLES`.
"""

from __future__ import annotations

from typing import Any

Command = Any
"""A click command or group (typer vendors click; its classes are not public, so duck-typed here)."""

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": ("hw7grade grade transcripts/", "hw7grade ask q7b --model gpt4o", "hw7grade rubrics"),
    "grade": (
        "hw7grade grade transcripts/ --only q7",
        "hw7grade grade transcripts/ --json - | jq '.transcripts[0].parts'",
        "hw7grade grade t/ --format plain --quiet --fail-under 0.6",
    ),
    "ask": (
        "hw7grade ask q7b --model gpt4o",
        "hw7grade ask all -m gpt4o -m claude --json out/report.json",
        "hw7grade ask q3b --model claude --batch",
    ),
    "models": ("hw7grade models",),
    "compare": ("hw7grade compare before.json after.json",),
    "agree": ("hw7grade agree transcripts/labelled/", "hw7grade agree report.json --judge gpt4o"),
    "math": (
        "hw7grade math 'W_2 W_1 X' '(W_2 W_1) X'",
        "hw7grade math '2X' '-2X'",
        "hw7grade math 'A B' 'B A' --shape A=p,p --shape B=p,p",
    ),
    "env": ("hw7grade env",),
    "rubrics": ("hw7grade rubrics", "hw7grade rubrics show q7b", "hw7grade rubrics new q9a"),
    "rubrics show": ("hw7grade rubrics show q7b",),
    "rubrics test": ("hw7grade rubrics test", "hw7grade rubrics test --rubrics my-course/rubrics -v"),
    "rubrics new": ("hw7grade rubrics new q9a", "hw7grade rubrics new q2b --rubrics my-course/rubrics"),
    "rubrics schema": ("hw7grade rubrics schema > rubric.schema.json",),
    "batch": ("hw7grade batch list", "hw7grade batch collect BATCH_ID --wait"),
    "batch status": ("hw7grade batch status BATCH_ID",),
    "batch collect": ("hw7grade batch collect BATCH_ID", "hw7grade batch collect BATCH_ID --wait --json out.json"),
    "batch resend": ("hw7grade batch resend BATCH_ID",),
    "batch list": ("hw7grade batch list",),
}
"""Command path ("" for the root, "rubrics show" for a subcommand) -> example command lines."""


_METAVARS = {
    "path": "PATH",
    "float": "NUMBER",
    "float range": "NUMBER",
    "int": "N",
    "integer": "N",
    "integer range": "N",
}


def metavar(param: Any) -> str:
    """A plain name for the value an option takes (typer's default shows Python types)."""
    desc = getattr(param, "type_descriptor", None)  # typer >= 0.29 keeps the annotation, not a click type
    if desc is None:
        kind = param.type
        choices, name = getattr(kind, "choices", None), kind.name
    else:
        choices = desc.choices
        annotation = desc.annotation
        if desc.is_list:
            annotation = getattr(annotation, "__args__", (str,))[0]
        name = "path" if desc.is_path else getattr(annotation, "__name__", "").lower()
    if choices:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in choices) + "]"
    return _METAVARS.get(name, "TEXT")


def _no_type(ctx: Any) -> None:
    return None


def summary(command: Command) -> str:
    """The docstring's first paragraph on one line, never cut short."""
    text = command.short_help or (command.help or "").split("\n\n")[0]
    return " ".join(text.split())


def polish(command: Command, path: str = "") -> None:
    """Examples, metavars and whole summaries on `command` and everything under it."""
    lines = EXAMPLES.get(path)
    if lines and not command.epilog:
        command.epilog = "\b\nExamples:\n" + "\n".join(f"  $ {line}" for line in lines)
    if command.help or command.short_help:
        command.short_help = summary(command)
    for param in command.params:
        if param.param_type_name == "option" and not param.is_flag and param.metavar is None:
            param.metavar = metavar(param)
        elif param.param_type_name == "argument":
            param.metavar = param.metavar or param.name.upper()
            param.display_type_rich = _no_type  # the name says it
    for name, sub in getattr(command, "commands", {}).items():
        polish(sub, f"{path} {name}".strip())


def patch_short_help_limit(command: Command) -> None:
    """Summaries in a command list are printed whole (click cuts them at the terminal width)."""
    command.get_short_help_str = lambda limit=0: command.short_help or ""
    for sub in getattr(command, "commands", {}).values():
        patch_short_help_limit(sub)
