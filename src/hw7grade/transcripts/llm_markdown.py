"""Simon Willison's `llm logs` Markdown: per response a `# 2025-05-14T13:54:58    conversation:
ID id: ID` line, `Model: **name**`, then `## Prompt`, `## System`, `## Reasoning`, `## Response`
and `## Token usage` sections (older versions end them with `:`). Only those exact section
names start a section, so an answer's own `##` headings stay in the answer; responses that share
a conversation id are one conversation."""

from __future__ import annotations

from typing import Iterator

from ..conversation import Conversation, Role
from ..regexes import regex
from .base import Item
from .markdown_chat import turn_text
from .turns import build_turns

FORMAT = "llm-markdown"
KIND = "text"
HOW_TO_GET = "`llm logs` (or `llm logs -c` for the latest conversation) > chat.md"
HEAD_CHARS = 4096
SECTIONS: dict[str, Role | None] = {
    "prompt": "user",
    "response": "assistant",
    "system": None,
    "reasoning": None,
    "token usage": None,
    "tool calls": None,
    "tool results": None,
    "attachments": None,
    "fragments": None,
    "schema": None,
}
_ENTRY_RE = regex(r"^# (\d{4}-\d\d-\d\dT[\d:.]{5,15})[ \t]+conversation: ([\w-]{1,64})")
_SECTION_RE = regex(
    r"^## (Prompt|Response|System|Reasoning|Token usage|Tool calls|Tool results|Attachments|Fragments|Schema):?[ \t]*$"
)
_MODEL_RE = regex(r"^Model: \*\*([^*\n]{1,100})\*\*")
_FENCE_RE = regex(r"^ {0,3}(`{3,}|~{3,})")


def sniff(text: str) -> bool:
    start = text[:HEAD_CHARS]
    if "conversation: " not in start and "## Response" not in start:
        return False  # neither an entry line nor a Response section: no line needs reading
    head = start.splitlines()
    if any(_ENTRY_RE.match(ln) for ln in head[:5]):
        return True
    names = {m.group(1) for ln in head if (m := _SECTION_RE.match(ln))}
    return {"Prompt", "Response"} <= names


def read(text: str, source: str) -> Iterator[Item]:
    lines = text.splitlines()
    conversations: list[dict] = []
    current: dict | None = None
    section: str | None = None
    start = 0
    fence: str | None = None

    def close(end: int) -> None:
        if current is not None and section is not None:
            role = SECTIONS[section.lower()]
            if role is not None:
                current["pieces"].append((role, turn_text(lines[start:end])))
            elif section.lower() == "reasoning":
                current["reasoning"] += 1

    for i, line in enumerate(lines):
        if ("```" in line or "~~~" in line) and (opener := _FENCE_RE.match(line)):
            mark = opener.group(1)
            fence = mark[0] * 3 if fence is None else (None if mark.startswith(fence) else fence)
            continue
        if fence is not None or not line.startswith(("#", "Model: ")):
            continue
        if entry := _ENTRY_RE.match(line):
            close(i)
            section = None
            if current is None or current["id"] != entry.group(2):
                current = {"id": entry.group(2), "pieces": [], "models": [], "reasoning": 0, "started": entry.group(1)}
                conversations.append(current)
        elif section is None and (model := _MODEL_RE.match(line)):
            if current is None:
                current = {"id": None, "pieces": [], "models": [], "reasoning": 0, "started": None}
                conversations.append(current)
            current["models"].append(model.group(1))
        elif heading := _SECTION_RE.match(line):
            if current is None:
                current = {"id": None, "pieces": [], "models": [], "reasoning": 0, "started": None}
                conversations.append(current)
            close(i)
            section, start = heading.group(1), i + 1
    close(len(lines))
    for n, conv in enumerate(conversations, start=1):
        yield Conversation(
            turns=build_turns(conv["pieces"]),
            source=f"{source}#{n}" if len(conversations) > 1 else source,
            model=conv["models"][-1] if conv["models"] else None,
            format=FORMAT,
            metadata={
                "conversation_id": conv["id"],
                "started": conv["started"],
                "reasoning_skipped": conv["reasoning"],
            },
        )
