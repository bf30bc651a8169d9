"""Optional YAML front matter on text transcripts: model, title and a person's labels per part.

Only a `---` block on the very first line whose top-level lines are all `key: ...` entries, one
of them a key we or a chat exporter use, counts: a Cursor export's `---` turn separators and an
answer that opens with a rule are never mistaken for it. Keys we do not use (the ChatGPT
Exporter's `source:`, `url:`, `create_time:` ...) are kept as metadata with a warning, never an
error. The block is bounded in size and nesting and may not use YAML aliases, so a hostile
header costs milliseconds.
"""

from __future__ import annotations

import datetime
import difflib
import reprlib
from functools import lru_cache
from typing import Union, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..conversation import HumanLabel, Label
from ..errors import TranscriptError
from ..regexes import regex
from ..rubric.selection import PART_ID_RE
from .base import ReadWarning
from .native import LabelPair, PartId, to_human_labels
from .validation import describe_validation_error

FENCE_RE = regex(r"^---[ \t]*$")
END_RE = regex(r"^(---|\.\.\.)[ \t]*$")
KNOWN_KEYS = ("model", "title", "human_labels")
EXPORTER_KEYS = frozenset(
    {
        "source",
        "url",
        "link",
        "date",
        "created",
        "updated",
        "create_time",
        "update_time",
        "timestamp",
        "model_name",
        "tags",
        "author",
        "platform",
        "exported",
    }
)
"""Keys chat exporters write (the ChatGPT Exporter extension's defaults among them)."""
_ENTRY_RE = regex(r"^([A-Za-z_][\w-]{0,40})[ \t]*:")
MAX_FRONT_MATTER_CHARS = 16_384
MAX_FLOW_DEPTH = 16
"""`[`/`{` nesting allowed in the block; YAML's composer recurses once per level."""
MAX_SHOWN_VALUE_CHARS = 80
NEAR_MISS_CUTOFF = 0.75
FRONT_MATTER_CACHE_SIZE = 64
FRONT_MATTER_CACHE_MAX_CHARS = 4096
"""Longer blocks are parsed every time, so the cache stays small."""
LABELS = frozenset(get_args(Label))
PAIR_KEYS = frozenset(LabelPair.model_fields)
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict = 2, 4, 4
_SHORT.maxstring = _SHORT.maxother = MAX_SHOWN_VALUE_CHARS


class FrontMatter(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    model: str | None = None
    title: str | None = None
    human_labels: dict[PartId, Union[Label, LabelPair]] = Field(default_factory=dict)
    metadata: dict[str, str] = Field(default_factory=dict, exclude=True)
    """Keys hw7grade does not use, each value shortened to one line."""
    warnings: tuple[ReadWarning, ...] = Field(default=(), exclude=True)

    def labels(self) -> dict[str, HumanLabel]:
        return to_human_labels(self.human_labels)


class _AliasFound(Exception):
    pass


class _YamlProblem(Exception):
    def __init__(self, line: int | None) -> None:
        super().__init__(line)
        self.line = line
        """0-based line of the block where PyYAML found it, when it says."""


_PLAIN_KEY = r"[A-Za-z_][A-Za-z0-9_.-]{0,40}"
_PLAIN_VALUE = r"[A-Za-z][A-Za-z0-9 _./()-]*[A-Za-z0-9_./()-]|[A-Za-z]"
_QUOTED_VALUE = r'"[ !#-\[\]-~]{0,200}"'
"""A double-quoted value of printable ASCII with no backslash or quote in it: its text, unescaped."""
_FLOW_WORD = r"[A-Za-z][A-Za-z0-9_.-]{0,40}"
_FLOW_PAIR = rf"{_FLOW_WORD}: {_FLOW_WORD}"
_FLOW_VALUE = rf"\{{ ?{_FLOW_PAIR}(?:, {_FLOW_PAIR}){{0,7}} ?\}}"
"""`{first: incorrect, final: correct}`: a one-line mapping of words to words."""
_PLAIN_LINE_RE = regex(rf"(  )?({_PLAIN_KEY}):(?: +({_PLAIN_VALUE}|{_QUOTED_VALUE}|{_FLOW_VALUE}))? *")
_FLOW_PAIR_RE = regex(rf"({_FLOW_WORD}): ({_FLOW_WORD})")
_YAML_WORDS = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split()
)
"""Plain words PyYAML reads as booleans or null rather than text."""


def _plain_yaml(block: str) -> dict | None:
    """What PyYAML reads from a block of `key: word` lines and one level of indented ones under a
    bare `key:` (the usual model, title and human_labels), a value in double quotes with no
    backslash or quote in it, or a one-line mapping of words (`{first: incorrect, final: correct}`),
    without importing it; None for any other block (single quotes, colons or `#` in plain values,
    non-ASCII, comments, lists, YAML's boolean and null words, repeated keys...), which PyYAML then
    reads."""
    top: dict = {}
    inner: dict | None = None
    for line in block.split("\n"):
        line = line.removesuffix("\r")
        if not line.strip(" "):
            continue
        m = _PLAIN_LINE_RE.fullmatch(line)
        if not m:
            return None
        indented, key, value = m.groups()
        if key in _YAML_WORDS or value in _YAML_WORDS:
            return None
        if value is not None and value[0] == '"':
            value = value[1:-1]
        elif value is not None and value[0] == "{":
            pairs = _FLOW_PAIR_RE.findall(value)
            flow = dict(pairs)
            if len(flow) < len(pairs) or any(w in _YAML_WORDS for pair in pairs for w in pair):
                return None  # a repeated key, or a word YAML reads as a boolean or null
            value = flow
        if indented:
            if inner is None or value is None or key in inner:
                return None
            inner[key] = value
            continue
        if inner is not None and not inner or key in top:
            return None  # a bare key with nothing under it (null), or a repeated one
        inner = None
        if value is None:
            inner = top[key] = {}
        else:
            top[key] = value
    return top if top and inner != {} else None


def _parse(block: str) -> object:
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        """A safe loader that refuses `*alias` nodes: an alias bomb cannot expand."""

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                raise _AliasFound()
            return super().compose_node(parent, index)

    try:
        return yaml.load(block, Loader=NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _YamlProblem(mark.line if mark is not None else None) from None


def _load_yaml(block: str) -> object:
    """Parsed once per distinct short block: a batch's transcripts mostly share their front
    matter. Callers only read the result."""
    if len(block) > FRONT_MATTER_CACHE_MAX_CHARS:
        return _parse(block)
    return _load_short_yaml(block)


@lru_cache(maxsize=FRONT_MATTER_CACHE_SIZE)
def _load_short_yaml(block: str) -> object:
    plain = _plain_yaml(block)
    return plain if plain is not None else _parse(block)


def _flow_depth(block: str) -> int:
    depth = deepest = 0
    for char in block:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


def _is_front_matter(block: str) -> bool:
    keys = []
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#") or line[:1] in " \t-":
            continue
        m = _ENTRY_RE.match(line)
        if not m:
            return False
        keys.append(m.group(1))
    return any(k in KNOWN_KEYS or k in EXPORTER_KEYS or _near_miss(k) for k in keys)


def _near_miss(key: str) -> str | None:
    if key in KNOWN_KEYS:
        return None
    close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=NEAR_MISS_CUTOFF)
    return close[0] if close else None


def _shown(value: object) -> str:
    if isinstance(value, (datetime.date, datetime.datetime)):
        text = value.isoformat()  # YAML reads `create_time: 2025-01-22T12:00:00Z` as a datetime
    elif isinstance(value, (str, int, float, bool)):
        text = str(value)
    else:
        text = _SHORT.repr(value)
    text = " ".join(text[: MAX_SHOWN_VALUE_CHARS * 2].split())
    return text if len(text) <= MAX_SHOWN_VALUE_CHARS else text[: MAX_SHOWN_VALUE_CHARS - 1] + "…"


def _load(block: str, source: str) -> object:
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise TranscriptError(
            f"{source}: the YAML front matter is longer than {MAX_FRONT_MATTER_CHARS} characters; keep only model, "
            "title and human_labels."
        )
    if _flow_depth(block) > MAX_FLOW_DEPTH:
        raise TranscriptError(f"{source}: the YAML front matter is nested more than {MAX_FLOW_DEPTH} levels deep.")
    try:
        return _load_yaml(block)
    except _AliasFound:
        raise TranscriptError(
            f"{source}: the YAML front matter uses an alias (*name); write the value out instead."
        ) from None
    except RecursionError:
        raise TranscriptError(f"{source}: the YAML front matter is nested too deeply.") from None
    except _YamlProblem as exc:
        where = f" at line {exc.line + 2}" if exc.line is not None else ""
        raise TranscriptError(
            f"{source}: the YAML front matter is invalid{where}; fix its syntax (quote values containing ':')."
        ) from None


def _plain(known: dict) -> FrontMatter | None:
    """`FrontMatter.model_validate(known)` for the usual block (string model and title, labels
    that are label words or first/final pairs of them under valid part ids), built without
    pydantic's validator (its first use costs more than grading a small chat); None for anything
    else, which validation then accepts or names."""
    if any(known.get(key) is not None and type(known[key]) is not str for key in ("model", "title")):
        return None
    labels = known.get("human_labels", {})
    if type(labels) is not dict:
        return None
    parsed: dict[str, Label | LabelPair] = {}
    for part_id, label in labels.items():
        if type(part_id) is not str or not PART_ID_RE.match(part_id):
            return None
        if _is_label(label):
            parsed[part_id] = label
        elif (
            type(label) is dict and label.keys() <= PAIR_KEYS and all(v is None or _is_label(v) for v in label.values())
        ):
            parsed[part_id] = LabelPair.model_construct(**label)
        else:
            return None
    return FrontMatter.model_construct(**{**known, "human_labels": parsed} if "human_labels" in known else known)


def _is_label(value: object) -> bool:
    return type(value) is str and value in LABELS


def split_front_matter(text: str, source: str) -> tuple[FrontMatter | None, str]:
    """Return the validated front matter (None when there is none) and the text after it."""
    if not text.startswith("---"):
        return None, text
    lines = text.splitlines(keepends=True)
    if not lines or not FENCE_RE.match(lines[0].rstrip("\r\n")):
        return None, text
    end = next((i for i in range(1, len(lines)) if END_RE.match(lines[i].rstrip("\r\n"))), None)
    if end is None:
        return None, text
    block = "".join(lines[1:end])
    if not _is_front_matter(block[: MAX_FRONT_MATTER_CHARS + 1]):
        return None, text
    data = _load(block, source)
    if not isinstance(data, dict):
        raise TranscriptError(f"{source}: the YAML front matter must be a mapping of model, title and human_labels.")
    known = {k: v for k, v in data.items() if k in KNOWN_KEYS}
    extra = {str(k): v for k, v in data.items() if k not in KNOWN_KEYS}
    try:
        front = _plain(known) or FrontMatter.model_validate(known)
    except ValidationError as exc:
        raise TranscriptError(
            f"{source}: bad front matter {describe_validation_error(exc, known)}; "
            "labels are correct, partial, incorrect, missing or {first: ..., final: ...}."
        ) from None
    warnings = []
    for key in extra:
        shown_key = _shown(key)
        if guess := _near_miss(key):
            warnings.append(
                ReadWarning(
                    f"{source}: front matter key {shown_key!r} is not used; did you mean {guess!r}?", key=f"front:{key}"
                )
            )
        else:
            warnings.append(
                ReadWarning(
                    f"front matter key {shown_key!r} (first in {source}) is kept as metadata, not graded.",
                    key=f"front:{key}",
                )
            )
    front.metadata = {_shown(k): _shown(v) for k, v in extra.items()}
    front.warnings = tuple(warnings)
    return front, "".join(lines[end + 1 :])
