"""Which format a transcript is in, decided from its bytes and text rather than its file name.

JSON is recognised by its shape (our schema key, ChatGPT's `mapping`, Claude's `chat_messages`);
text is a Markdown chat when it has role lines of both roles, otherwise plain text.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass

from ..errors import TranscriptError
from .markdown_chat import is_markdown_chat
from .native import SCHEMA_PREFIX

NATIVE = "native"
CHATGPT_EXPORT = "chatgpt-export"
CLAUDE_EXPORT = "claude-export"
MARKDOWN = "markdown"
PLAIN = "plain"

JSON_SUFFIX = ".json"
_JSON_START_RE = re.compile(r'^\s*(\{\s*["}]|\[\s*[\[{"\]])')
"""Text that opens like a JSON object or array; `[1] see...` or `{note}` prose does not."""
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Detected:
    format: str
    data: object = None
    """The parsed JSON for JSON formats, so it is parsed once."""


def decode_transcript(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; NUL bytes without a UTF-16 BOM mean binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise TranscriptError(
                    f"{source}: starts with a {encoding} byte-order mark but is not valid {encoding}; "
                    "re-save it as UTF-8."
                ) from None
    if b"\x00" in data:
        raise TranscriptError(f"{source}: is a binary file, not a text or JSON transcript.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise TranscriptError(
            f"{source}: unknown text encoding (not UTF-8, or UTF-16 with a byte-order mark); re-save it as UTF-8."
        ) from None


def _load_json(text: str, source: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptError(
            f"{source}: truncated or invalid JSON at line {exc.lineno} ({exc.msg}); re-export or fix the file."
        ) from None
    except RecursionError:
        raise TranscriptError(f"{source}: JSON nested too deeply to be a transcript.") from None


def _json_format(data: object, source: str) -> str:
    if isinstance(data, dict):
        if isinstance(data.get("schema"), str) and data["schema"].startswith(SCHEMA_PREFIX):
            return NATIVE
        data = [data]
    if isinstance(data, list):
        if not data:
            raise TranscriptError(f"{source}: the JSON list holds no conversations.")
        first = data[0]
        if isinstance(first, dict) and "mapping" in first:
            return CHATGPT_EXPORT
        if isinstance(first, dict) and "chat_messages" in first:
            return CLAUDE_EXPORT
    raise TranscriptError(
        f"{source}: JSON that is none of the known transcript kinds "
        "(hw7grade transcript, ChatGPT export conversations.json, Claude export conversations.json)."
    )


def detect(text: str, source: str) -> Detected:
    if source.lower().endswith(JSON_SUFFIX) or _JSON_START_RE.match(text):
        data = _load_json(text, source)
        fmt = _json_format(data, source)
        if fmt != NATIVE and isinstance(data, dict):
            data = [data]
        return Detected(fmt, data)
    return Detected(MARKDOWN if is_markdown_chat(text) else PLAIN)


def detect_format(text: str, source: str = "<text>") -> str:
    return detect(text, source).format
