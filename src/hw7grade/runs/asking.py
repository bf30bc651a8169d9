"""One conversation with a model about one part: ask, follow up, save as a native transcript.

A conversation is saved only after a complete answer, atomically, so an interrupted or failed run
leaves no half-written transcript. `Asker` (providers/asker.py) gets each answer.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ..atomic import write_text_atomic
from ..errors import UsageError
from ..transcripts.native import NativeTranscript, NativeTurn, Usage as NativeUsage
from ..providers.asker import Asker
from ..providers.base import Completion, Message, Provider, ProviderParams, scrub
from ..providers.models import ModelSpec
from ..providers.retry import OnRetry

from .plan import QUESTION_PREFIX, Planned


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Session:
    spec: ModelSpec
    provider: Provider
    endpoint: str | None
    part_ids: list[str]
    params: ProviderParams
    settings: dict[str, object] = field(default_factory=dict)
    """Run options recorded in the transcript beside the request parameters (retries, stream)."""
    messages: list[Message] = field(default_factory=list)
    turns: list[NativeTurn] = field(default_factory=list)
    created_at: str = field(default_factory=now_iso)
    path: Path | None = None
    sample: int = 0
    """Which of `--samples N` this conversation is: part of every request's cache key."""

    @classmethod
    def planned(cls, spec: ModelSpec, provider: Provider, endpoint: str | None, planned: Planned,
                params: ProviderParams, settings: dict[str, object]) -> "Session":
        session = cls(spec, provider, endpoint, list(planned.part_ids), params, dict(settings), sample=planned.sample)
        if planned.sample:
            session.settings["sample"] = planned.sample
        session.messages.append(Message("user", planned.text))
        return session

    @classmethod
    def for_part(cls, spec: ModelSpec, provider: Provider, endpoint: str | None, part_id: str, prompt: str,
                 params: ProviderParams, settings: dict[str, object]) -> "Session":
        session = cls(spec, provider, endpoint, [part_id], params, dict(settings))
        session.messages.append(Message("user", QUESTION_PREFIX.format(part_id=part_id) + prompt.strip()))
        return session

    @property
    def answered(self) -> bool:
        return bool(self.turns)

    def reply(self, asker: Asker, on_text: Callable[[str], None] | None = None,
              on_retry: OnRetry | None = None) -> Completion:
        """Answer the pending user message; on failure the conversation is left as it was."""
        pending = self.messages[-1]
        asked_at = now_iso()
        completion = asker.answer(self.provider, self.endpoint, list(self.messages), self.params, on_text, on_retry,
                                  sample=self.sample)
        self.messages.append(Message("assistant", completion.text))
        usage = NativeUsage(input_tokens=completion.usage.input_tokens, output_tokens=completion.usage.output_tokens,
                            reasoning_tokens=completion.usage.reasoning_tokens)
        self.turns += [
            NativeTurn(role="user", text=pending.content, created_at=asked_at),
            NativeTurn(role="assistant", text=completion.text, created_at=now_iso(), model=completion.model,
                       usage=usage, latency_s=round(completion.latency_s, 3), cached=completion.cached),
        ]
        return completion

    def follow_up(self, text: str, asker: Asker, on_text: Callable[[str], None] | None = None,
                  on_retry: OnRetry | None = None) -> Completion:
        self.messages.append(Message("user", text))
        try:
            return self.reply(asker, on_text, on_retry)
        except BaseException:
            self.messages.pop()
            raise

    def switch(self, provider: Provider, endpoint: str | None) -> None:
        """Later turns go to another model (`/model NAME`); each assistant turn records who answered.

        The transcript's own model and provider stay those the conversation was started with."""
        self.provider, self.endpoint = provider, endpoint

    def transcript(self) -> NativeTranscript:
        return NativeTranscript(
            model=self.spec.model,
            provider=self.spec.provider,
            parts=list(self.part_ids),
            parameters={"model_asked": self.spec.asked_as, **self.params.request_fields(),
                        "timeout_s": self.params.timeout_s, **self.settings},
            created_at=self.created_at,
            title=f"{', '.join(self.part_ids)} asked to {self.spec.model}",
            turns=list(self.turns),
        )

    def save(self, directory: Path) -> Path:
        """Write (or rewrite) this conversation's transcript; the file name is fixed on first save."""
        if self.path is None:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            slug = re.sub(r"[^A-Za-z0-9.-]+", "-", self.spec.model).strip("-") or "model"
            name = f"{stamp}-{slug}-{'-'.join(self.part_ids)}-{uuid.uuid4().hex[:6]}.json"
            self.path = Path(directory) / name
        try:
            write_text_atomic(self.path, scrub(self.transcript().dump_json()))
        except OSError as exc:
            raise UsageError(f"Cannot write the transcript {self.path} ({exc.strerror}); pass another --save-dir.") from None
        return self.path
