"""Response cache: one JSON file per request, so a repeated identical ask makes no request.

The key is the sha256 of the canonical JSON of provider, endpoint, model, messages and the
answer-shaping parameters. Files are written atomically (temp file + os.replace), so concurrent
processes at worst both write the same complete answer and readers never see half a file. Only
complete answers are stored; never keys, headers or the endpoint itself (only its hash).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Sequence

from ..atomic import write_text_atomic
from ..cache_folder import CACHE_DIR_ENV, cache_folder
from .base import Completion, Message, ProviderParams, Usage
from .registry import scrub

SCHEMA = "hw7grade.cache/1"


def default_cache_dir() -> Path:
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env)
    return cache_folder() / "responses"


def request_record(
    provider: str, model: str, messages: Sequence[Message], params: ProviderParams, sample: int = 0
) -> dict:
    record: dict[str, object] = {
        "provider": provider,
        "model": model,
        "messages": [asdict(m) for m in messages],
        "params": params.request_fields(),
    }
    if sample:
        record["sample"] = sample  # sample 0 keeps the key of a plain ask
    return record


def cache_key(record: dict, endpoint: str | None) -> str:
    canonical = json.dumps(
        {**record, "endpoint": endpoint or ""}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ResponseCache:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Completion | None:
        """The stored answer, or None; an unreadable or foreign file is a miss, not an error."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            if data.get("schema") != SCHEMA or data.get("key") != key:
                return None
            c = data["completion"]
            return Completion(
                text=c["text"],
                model=c["model"],
                provider=c["provider"],
                usage=Usage(**c.get("usage") or {}),
                latency_s=float(c.get("latency_s") or 0.0),
                finish_reason=c.get("finish_reason"),
                cached=True,
            )
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, record: dict, completion: Completion) -> Path:
        payload = {
            "schema": SCHEMA,
            "key": key,
            "request": record,
            "completion": {**asdict(completion), "cached": False},
        }
        return write_text_atomic(
            self._path(key), scrub(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n", private=True
        )
