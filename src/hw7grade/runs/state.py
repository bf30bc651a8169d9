"""What a submitted provider batch needs to be collected later, from any process: one JSON file
per batch under `<cache dir>/batches/` (or `--state-dir`), written atomically.

It holds what a native transcript and the response cache need (messages, parameters, cache keys),
never keys or headers; text is scrubbed of keys before it is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..atomic import write_text_atomic
from ..cache_folder import cache_folder
from ..conversation import Role
from ..errors import OutputError, UsageError
from ..providers.base import Message, ProviderParams
from ..providers.registry import PROVIDERS, scrub
from ..regexes import regex

SCHEMA: Final = "hw7grade.batch/1"
STATE_SUBDIR = "batches"
BATCH_ID_RE = regex(r"^[A-Za-z0-9_-]{1,200}$")
"""Batch ids as both providers issue them; anything else could escape the state folder."""

RequestStatus = Literal["pending", "succeeded", "errored", "expired", "canceled"]
RESENDABLE: tuple[RequestStatus, ...] = ("errored", "expired", "canceled")


class _Strict(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")


class StoredMessage(_Strict):
    role: Role
    content: str


class StoredParams(_Strict):
    temperature: float | None = None
    max_tokens: int
    system: str | None = None
    timeout_s: float

    @classmethod
    def of(cls, params: ProviderParams) -> "StoredParams":
        return cls(
            temperature=params.temperature,
            max_tokens=params.max_tokens,
            system=params.system,
            timeout_s=params.timeout_s,
        )

    def to_params(self) -> ProviderParams:
        return ProviderParams(
            temperature=self.temperature, max_tokens=self.max_tokens, system=self.system, timeout_s=self.timeout_s
        )


class StoredRequest(_Strict):
    custom_id: str
    part_id: str
    messages: list[StoredMessage]
    cache_key: str
    """The response-cache key of this request, so a collect can fill the cache."""
    asked_at: str
    status: RequestStatus = "pending"
    reason: str = ""
    transcript: str | None = None
    """Where the collected answer was saved."""
    resent_in: str | None = None
    """The batch this request was resent in (`batch resend`)."""

    def to_messages(self) -> list[Message]:
        return [Message(m.role, m.content) for m in self.messages]


class BatchState(_Strict):
    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)

    schema_: Literal["hw7grade.batch/1"] = Field(SCHEMA, alias="schema")
    provider: str
    """A provider with a Batch API (see providers/registry.py)."""
    model: str
    asked_as: str
    batch_id: str
    created_at: str
    base_url: str | None = None
    """Only an explicit `--base-url`; otherwise the SDK reads the provider's variable again."""
    use_cache: bool = True
    save_dir: str
    """Where `collect` saves transcripts unless given `--save-dir`."""
    params: StoredParams
    settings: dict[str, int | float | bool | str]
    requests: list[StoredRequest]
    provider_status: str = "submitted"
    collected_at: str | None = None
    resent_from: str | None = None
    resent_as: list[str] = Field(default_factory=list)

    @field_validator("provider")
    @classmethod
    def _has_batches(cls, name: str) -> str:
        batched = [n for n, info in PROVIDERS.items() if info.batch is not None]
        if name not in batched:
            raise ValueError(f"Input should be {' or '.join(repr(n) for n in batched)}")
        return name

    def request(self, custom_id: str) -> StoredRequest | None:
        return next((r for r in self.requests if r.custom_id == custom_id), None)

    def resendable(self) -> list[StoredRequest]:
        return [r for r in self.requests if r.status in RESENDABLE and r.resent_in is None]


def default_state_dir() -> Path:
    return cache_folder() / STATE_SUBDIR


def state_path(directory: Path, batch_id: str) -> Path:
    if not BATCH_ID_RE.match(batch_id):
        raise UsageError(f"{batch_id!r} is not a batch id (letters, digits, _ and - only); see `hw7grade batch list`.")
    return Path(directory) / f"{batch_id}.json"


def save_state(state: BatchState, directory: Path) -> Path:
    path = state_path(directory, state.batch_id)
    try:
        return write_text_atomic(path, scrub(state.model_dump_json(by_alias=True, indent=2)) + "\n", private=True)
    except OutputError as exc:
        raise OutputError(f"{exc} Pass another --state-dir.") from None


def load_state(directory: Path, batch_id: str) -> BatchState:
    path = state_path(directory, batch_id)
    if not path.is_file():
        raise UsageError(
            f"No batch {batch_id} in {directory}; `hw7grade batch list` shows the known ones "
            f"(or pass the --state-dir it was submitted with)."
        )
    return read_state(path)


def read_state(path: Path) -> BatchState:
    try:
        return BatchState.model_validate_json(path.read_bytes())
    except (OSError, ValidationError) as exc:
        problem = exc.strerror if isinstance(exc, OSError) else f"{exc.error_count()} invalid field(s)"
        raise UsageError(
            f"Cannot read the batch state {path} ({problem}); it was not written by this version of hw7grade."
        ) from None


def list_states(directory: Path) -> list[tuple[Path, BatchState | None]]:
    """Every state file, newest first; an unreadable one is listed with None."""
    found: list[tuple[Path, BatchState | None]] = []
    for path in sorted(Path(directory).glob("*.json")) if Path(directory).is_dir() else []:
        try:
            found.append((path, read_state(path)))
        except UsageError:
            found.append((path, None))
    return sorted(found, key=lambda item: item[1].created_at if item[1] else "", reverse=True)
