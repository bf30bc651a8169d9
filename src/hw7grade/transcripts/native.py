"""hw7grade's own transcript format (written by `hw7grade ask`), versioned and validated.

Never holds API keys or request headers: only the model id, provider, parameters, turns,
timestamps and token usage.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal, Mapping, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from ..conversation import Conversation, HumanLabel, Label, Role, Turn
from ..errors import TranscriptError
from ..rubric.selection import PART_ID_RE
from ..shorten import shorten
from .base import ReadWarning, numbered
from .validation import describe_validation_error

SCHEMA: Final = "hw7grade.transcript/1"
SCHEMA_PREFIX = "hw7grade.transcript/"
MAX_SHOWN_FIELDS = 5
"""Unknown fields named in a warning; the rest are left out of it."""
MAX_SHOWN_FIELD_CHARS = 40


def _check_part_id(value: str) -> str:
    if not PART_ID_RE.match(value):
        raise ValueError(f"part id {value!r} must look like q7b or q3b.ii")
    return value


PartId = Annotated[str, AfterValidator(_check_part_id)]


class LabelPair(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    first: Label | None = None
    final: Label | None = None


class TokenUsage(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    input_tokens: int | None = None
    output_tokens: int | None = None
    reasoning_tokens: int | None = None
    """Reasoning or thinking tokens, included in output_tokens; the thinking text is never kept."""


class NativeTurn(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    role: Role
    text: str
    created_at: str | None = None
    """ISO-8601 timestamp."""
    model: str | None = None
    """For assistant turns: the model id the provider reported (may differ from the alias asked)."""
    usage: TokenUsage | None = None
    latency_s: float | None = None
    cached: bool = False


class NativeTranscript(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)

    schema_: Literal["hw7grade.transcript/1"] = Field(default=SCHEMA, alias="schema")
    model: str | None = None
    provider: str | None = None
    parts: list[str] = Field(default_factory=list)
    """Part ids the conversation was asked about."""
    parameters: dict[str, Union[float, int, str, bool, None]] = Field(default_factory=dict)
    created_at: str | None = None
    title: str | None = None
    turns: list[NativeTurn] = Field(min_length=1)
    human_labels: dict[PartId, Union[Label, LabelPair]] = Field(default_factory=dict)

    def to_conversation(self, source: str = "") -> Conversation:
        return Conversation(
            turns=tuple(Turn(t.role, t.text) for t in self.turns),
            source=source,
            model=self.model,
            title=self.title,
            format="native",
            human_labels=to_human_labels(self.human_labels),
            metadata={"provider": self.provider, "parts": list(self.parts), **self._follow_ups()},
        )

    def _follow_ups(self) -> dict[str, list[str]]:
        """The kinds of scripted follow-up `ask` sent, when it sent any: `"nudge,push_back"` in the parameters."""
        kinds = self.parameters.get("follow_ups")
        return {"follow_ups": kinds.split(",")} if isinstance(kinds, str) and kinds else {}

    def dump_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2, exclude_none=True) + "\n"


def to_human_labels(labels: Mapping[str, Union[Label, LabelPair]]) -> dict[str, HumanLabel]:
    """A bare label means the person judged first and final attempt the same."""
    return {
        pid: HumanLabel(first=v, final=v) if isinstance(v, str) else HumanLabel(first=v.first, final=v.final)
        for pid, v in labels.items()
    }


def read_native(data: object, source: str) -> Conversation:
    """Validate parsed JSON against the schema; a newer schema version is named, not guessed at."""
    schema = data.get("schema") if isinstance(data, dict) else None
    if isinstance(schema, str) and schema != SCHEMA:
        raise TranscriptError(
            f"{source}: transcript schema {schema!r} is not supported (this hw7grade reads {SCHEMA!r}); "
            "upgrade hw7grade or re-create the transcript with `hw7grade ask`."
        )
    try:
        transcript = NativeTranscript.model_validate(data)
    except ValidationError as exc:
        raise TranscriptError(
            f"{source}: not a valid hw7grade transcript: {describe_validation_error(exc, data)}."
        ) from None
    return transcript.to_conversation(source)


_TOP_FIELDS = frozenset(f.alias or name for name, f in NativeTranscript.model_fields.items())
_TURN_FIELDS = frozenset(NativeTurn.model_fields)


def _without_unknown_fields(data: object) -> tuple[object, list[str]]:
    """The record with fields this schema does not define left out, and their names: a file
    someone added a total to (`"usage"` at the top) is user data, read with a warning, not refused.
    Known fields are still validated strictly."""
    if not isinstance(data, dict):
        return data, []
    unknown = [str(k) for k in data if k not in _TOP_FIELDS]
    kept = {k: v for k, v in data.items() if k in _TOP_FIELDS}
    turns = kept.get("turns")
    if isinstance(turns, list):
        cleaned = []
        for turn in turns:
            if isinstance(turn, dict):
                extra = [f"turns[].{k}" for k in turn if k not in _TURN_FIELDS]
                unknown.extend(e for e in extra if e not in unknown)
                turn = {k: v for k, v in turn.items() if k in _TURN_FIELDS}
            cleaned.append(turn)
        kept["turns"] = cleaned
    return kept, unknown


FORMAT = "native"
KIND = "json"
HOW_TO_GET = "written by `hw7grade ask`"


def sniff(record: object) -> bool:
    return (
        isinstance(record, dict)
        and isinstance(record.get("schema"), str)
        and record["schema"].startswith(SCHEMA_PREFIX)
    )


def read(records, source: str):
    """One transcript per JSON value (a file, or each line of JSON Lines)."""
    for where, record in numbered(records, source):
        record, unknown = _without_unknown_fields(record)
        conversation = read_native(record, where)
        if unknown:
            shown = ", ".join(repr(shorten(k, MAX_SHOWN_FIELD_CHARS)) for k in unknown[:MAX_SHOWN_FIELDS])
            yield ReadWarning(f"{where}: field(s) {shown} are not part of {SCHEMA} and were ignored.")
        yield conversation
