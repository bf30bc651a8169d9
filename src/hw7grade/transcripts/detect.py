"""Which reader a transcript needs, decided from its bytes and text rather than its file name.

`READERS` is the one table of formats: each module exports `FORMAT`, `KIND` ("json" or "text"),
`HOW_TO_GET` (for the README's table), `sniff()` and `read()`. JSON readers sniff the first JSON
value (the first item of a top-level list, or the first line of JSON Lines); text readers sniff
the text. The first reader whose sniff says yes reads the file; plain text takes what is left.
The table names the modules, by kind, so reading a Markdown chat imports no JSON reader (nor its
pydantic models), and a JSON export no text reader.
"""

from __future__ import annotations

import codecs
from functools import lru_cache
from importlib import import_module
from types import ModuleType

from ..errors import TranscriptError
from ..regexes import regex

JSON_FORMATS = (
    "native",
    "chatgpt_export",
    "claude_export",
    "open_webui",
    "librechat",
    "ai_studio",
    "llm_json",
    "gemini_exporter_json",
    "openai_chat",
    "openai_messages",
)
"""The JSON readers' modules, in the order their sniffs are tried."""
TEXT_FORMATS = (
    "specstory",
    "llm_markdown",
    "chatgpt_exporter",
    "gemini_exporter",
    "chatgpt_copy",
    "markdown_chat",
    "plain_text",
)
"""The text readers' modules, in the order their sniffs are tried (plain text last: it takes anything)."""
KINDS = ("json", "text")


@lru_cache(maxsize=len(KINDS))
def readers(kind: str) -> tuple[ModuleType, ...]:
    """The reader modules of one kind ("json" or "text"), imported on first use."""
    names = JSON_FORMATS if kind == "json" else TEXT_FORMATS
    return tuple(import_module(f".{name}", __package__) for name in names)


def __getattr__(name: str) -> tuple[ModuleType, ...]:
    if name == "READERS":  # every format, JSON first: for the README's table and the tests
        return readers("json") + readers("text")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


JSON_SUFFIXES = (".json", ".jsonl")
_JSON_START_RE = regex(r'^\s*(\{\s*["}]|\[\s*[\[{"\]])')
"""Text that opens like a JSON object or array; `[1] see...` or `{note}` prose does not."""
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def looks_like_json(head: str, source: str) -> bool:
    return source.lower().endswith(JSON_SUFFIXES) or bool(_JSON_START_RE.match(head))


def text_encoding(head: bytes) -> str:
    """The codec for a stream that starts with `head` (UTF-8 unless a BOM says otherwise)."""
    return next((encoding for bom, encoding in _BOMS if head.startswith(bom)), "utf-8")


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


def json_reader(first: object, source: str) -> ModuleType:
    for reader in readers("json"):
        if reader.sniff(first):
            return reader
    kinds = ", ".join(r.FORMAT for r in readers("json"))
    raise TranscriptError(f"{source}: JSON that is none of the known transcript kinds ({kinds}).")


def text_reader(text: str) -> ModuleType:
    return next(r for r in readers("text") if r.sniff(text))
