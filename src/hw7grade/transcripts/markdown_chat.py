"""Markdown chats: Cursor's "Export chat", bold or heading role lines, ChatGPT/Claude web copy, and
role words alone on their lines (a plain-text copy).

A turn starts at a role line and runs to the next one. A document uses one style of role line
(bold, one heading level, or "X said:"), so the style with both roles and the most lines wins and
lines of other styles stay text: an answer's own "### Model" heading does not start a turn.
Role lines inside fenced code blocks are text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..conversation import Conversation, Role
from ..regexes import regex
from .base import Item
from .front_matter import FrontMatter, split_front_matter
from .turns import build_turns

USER_ROLES = ("user", "you", "human", "student")
ASSISTANT_ROLES = (
    *("assistant", "chatgpt", "claude", "cursor", "model", "ai", "gemini"),
    *("deepseek", "llama", "copilot", "mistral"),
)
"""The format's assistant words, and the names of other models a student labels turns with (`### DeepSeek`)."""
FORMAT = "markdown"
KIND = "text"
HOW_TO_GET = "Cursor's Export chat, or any chat with **User** / **Assistant** (or `## User` heading) role lines"
MAX_ROLE_LINE_CHARS = 40
"""The longest role line (`###### **Assistant**:`) is far shorter; longer lines are text, unmatched."""
MAX_HEADER_LINE_CHARS = 500
"""Title and "Exported on" lines are short; bounding the lines matched keeps the regexes fast."""

_ROLE = "|".join(USER_ROLES + ASSISTANT_ROLES)
_BOLD_RE = regex(rf"^\s*\*\*\s*({_ROLE})\s*:?\s*\*\*\s*:?\s*$", re.IGNORECASE)
_HEADING_RE = regex(rf"^ {{0,3}}(#{{1,6}})\s+(?:[^\w\s#*]{{1,3}}\s*)?\**({_ROLE})\**\s*:?\s*#*\s*$", re.IGNORECASE)
"""`## User`, `#### ChatGPT:`, and the Gemini exporter's `## 👤 User` (an emoji before the role)."""
_SAID_RE = regex(rf"^ {{0,3}}(?:#{{1,6}}\s+)?({_ROLE})\s+said\s*:\s*$", re.IGNORECASE)
"""ChatGPT's copied page: `You said:` / `ChatGPT said:`, bare or as headings of any level."""
_SAID_GLUED_RE = regex(rf" {{0,3}}(?:#{{1,6}}\s+)?({_ROLE})\s+said\s*:(?=\S)", re.IGNORECASE)
"""... with the turn's first words glued to it, the line break lost in the copy (`You said:hey, hw7 ...`,
`ChatGPT said:ChatGPT said:`)."""
GLUED_MARKS_MAX = 3
"""Role marks repeated at a line's start (`ChatGPT said:ChatGPT said:`) read as one, up to this many."""
_BARE_RE = regex(rf"^ {{0,3}}({_ROLE})\s*:?$", re.IGNORECASE)
"""The role word alone on its line (`User`, `Claude`, `Assistant:`), as a plain-text copy has it. A
chat of such lines must open on a user's: an answer's own line "Model" starts no turn."""
BARE = "bare"
_CODE_FENCE_RE = regex(r"^ {0,3}(`{3,}|~{3,})")
_TITLE_RE = regex(r"^#\s+(.+?)\s*#*\s*$")
_EXPORTED_RE = regex(r"^_Exported on (?P<when>.+?) from (?P<tool>[\w .-]+?) \((?P<version>[\w.-]+)\)_\s*$")
_RULE_RE = regex(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")


@dataclass(frozen=True)
class RoleLine:
    index: int
    style: str
    """`bold`, `said`, or `h1`..`h6`: role lines of other styles in the same file are text."""
    role: Role
    tail: str = ""
    """Text glued after the role mark on its line (`You said:hey`): the turn's first line."""

    def turn_lines(self, lines: list[str], end: int) -> list[str]:
        """The turn's lines, from its role line's tail up to `end`."""
        return ([self.tail] if self.tail else []) + lines[self.index + 1 : end]


def _role(word: str) -> Role:
    return "user" if word.lower() in USER_ROLES else "assistant"


def find_role_lines(lines: list[str]) -> list[RoleLine]:
    """Every line outside code fences that could start a turn, in any style."""
    return list(_iter_role_lines(lines))


def _iter_role_lines(lines: list[str]) -> Iterator[RoleLine]:
    fence: str | None = None
    for i, line in enumerate(lines):
        # A fence line holds three backticks or tildes; testing for them first skips the regex.
        opener = _CODE_FENCE_RE.match(line) if ("```" in line or "~~~" in line) else None
        if opener:
            mark = opener.group(1)
            if fence is None:
                fence = mark[0] * 3
            elif mark.startswith(fence):
                fence = None
            continue
        line = line.rstrip()
        if fence is None and (glued := _glued_said(line)) is not None:
            yield RoleLine(i, "said", *glued)
            continue
        if fence is not None or len(line) > MAX_ROLE_LINE_CHARS or not line:
            continue
        # The styles start differently (`**`, `#`, a role word), so at most one regex can match.
        lead = line.lstrip()[:1]
        if lead == "*":
            if m := _BOLD_RE.match(line):
                yield RoleLine(i, "bold", _role(m.group(1)))
        elif lead == "#":
            if m := _HEADING_RE.match(line):
                yield RoleLine(i, f"h{len(m.group(1))}", _role(m.group(2)))
            elif m := _SAID_RE.match(line):
                yield RoleLine(i, "said", _role(m.group(1)))
        elif m := _SAID_RE.match(line):
            yield RoleLine(i, "said", _role(m.group(1)))
        elif m := _BARE_RE.match(line):
            yield RoleLine(i, BARE, _role(m.group(1)))


def _glued_said(line: str) -> tuple[Role, str] | None:
    """The role and the text glued after a `said:` mark at the line's start, repeated marks read as one."""
    m = _SAID_GLUED_RE.match(line, 0, MAX_ROLE_LINE_CHARS)
    if m is None:
        return None
    role, at = _role(m.group(1)), m.end()
    for _ in range(GLUED_MARKS_MAX):
        again = _SAID_GLUED_RE.match(line, at, at + MAX_ROLE_LINE_CHARS)
        if again is None or _role(again.group(1)) != role:
            break
        at = again.end()
    tail = line[at:].strip()
    last = _SAID_RE.match(tail[:MAX_ROLE_LINE_CHARS])  # a repeated mark ending the line: `ChatGPT said:ChatGPT said:`
    return role, "" if last is not None and _role(last.group(1)) == role else tail


ANY_HEADING = "h*"
"""The heading styles of all levels together: `### You` with `## Gemini` when no one level has both roles."""


def _styles(rl: RoleLine) -> tuple[str, ...]:
    return (rl.style, ANY_HEADING) if rl.style.startswith("h") else (rl.style,)


def chat_role_lines(lines: list[str]) -> list[RoleLine]:
    """The role lines of the style that has both roles and the most lines; headings of mixed
    levels only when no one style has both; [] when nothing does."""
    by_style: dict[str, list[RoleLine]] = {}
    for rl in find_role_lines(lines):
        for style in _styles(rl):
            by_style.setdefault(style, []).append(rl)
    if BARE in by_style and by_style[BARE][0].role != "user":
        del by_style[BARE]  # bare role words that do not open on the user's are an answer's own lines
    mixed = by_style.pop(ANY_HEADING, [])
    chats = [rls for rls in by_style.values() if {r.role for r in rls} == {"user", "assistant"}]
    if not chats:
        return mixed if {r.role for r in mixed} == {"user", "assistant"} else []
    return max(chats, key=lambda rls: (len(rls), -rls[0].index))


def is_markdown_chat(text: str) -> bool:
    """Whether some style has role lines of both roles (`chat_role_lines` is not empty), read only
    as far as the first such pair: the parser reads them all anyway."""
    roles: dict[str, set[Role]] = {}
    shut: set[str] = set()  # bare role words opening on the assistant's (see `chat_role_lines`)
    for rl in _iter_role_lines(text.splitlines()):
        if rl.style == BARE and BARE not in roles and rl.role != "user":
            shut.add(BARE)
        for style in _styles(rl):
            if style in shut:
                continue
            seen = roles.setdefault(style, set())
            seen.add(rl.role)
            if len(seen) == 2:
                return True
    return False


def turn_text(lines: list[str]) -> str:
    """Drop blank lines and Cursor's `---` separators at the edges of a turn; keep rules inside it."""
    start, end = 0, len(lines)
    while start < end and (not lines[start].strip() or _RULE_RE.match(lines[start])):
        start += 1
    while end > start and (not lines[end - 1].strip() or _RULE_RE.match(lines[end - 1])):
        end -= 1
    return "\n".join(line.rstrip() for line in lines[start:end])


def sniff(text: str) -> bool:
    return is_markdown_chat(text)


def read(text: str, source: str, fmt: str = FORMAT) -> Iterator[Item]:
    front, body = split_front_matter(text, source)
    if front is not None:
        yield from front.warnings
    yield from parse_markdown_chat(body, source, fmt=fmt, front=front)


def parse_markdown_chat(
    text: str, source: str, fmt: str = FORMAT, front: FrontMatter | None = None
) -> list[Conversation]:
    """The chat in `text`; front matter is split off here unless the caller already did."""
    if front is None:
        front, body = split_front_matter(text, source)
    else:
        body = text
    lines = body.splitlines()
    role_lines = chat_role_lines(lines)
    title: str | None = None
    metadata: dict[str, object] = {}
    preamble = lines[: role_lines[0].index] if role_lines else lines
    for line in (ln for ln in preamble if len(ln) <= MAX_HEADER_LINE_CHARS):
        if title is None and (m := _TITLE_RE.match(line)):
            title = m.group(1)
        elif m := _EXPORTED_RE.match(line):
            metadata.update(exported_on=m.group("when"), exported_by=f"{m.group('tool')} {m.group('version')}")
    bounds = [rl.index for rl in role_lines] + [len(lines)]
    turns = build_turns((rl.role, turn_text(rl.turn_lines(lines, bounds[n + 1]))) for n, rl in enumerate(role_lines))
    return [
        Conversation(
            turns=turns,
            source=source,
            model=front.model if front else None,
            title=(front.title if front and front.title else title),
            format=fmt,
            human_labels=front.labels() if front else {},
            metadata={**metadata, **({"front_matter": dict(front.metadata)} if front and front.metadata else {})},
        )
    ]
