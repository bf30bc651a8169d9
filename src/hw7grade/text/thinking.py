"""A reasoning model's thinking copied into its reply, left out: it is the model's drafts, not its answer
(a draft may reach another answer than the reply does). As chat apps and exporters write it:

- between tags: `<think>` ... `</think>` (DeepSeek R1, Qwen), `<thinking>` ... `</thinking>`;
- in a collapsible block, `<details type="reasoning">` or a `<details>` whose summary says "Thought ..."
  (Open WebUI);
- after a line that says so at the reply's start ("Thought for 38 seconds", "*Thought for 5s*", "Show
  thinking", "Thought process"), as a block quote, or as the plain paragraphs up to the last in which the
  model talks to itself ("Okay, so ...", "Let me ...", "I'm checking ...") before the first laid out as an
  answer (a heading, a list, a table, code, bold or code words in running text); a copy that kept only the
  marker ("Thought for 41s" over the reply, as ChatGPT copies) loses the marker alone.

One pass over the reply's lines; the tags cost a `find` each.
"""

from __future__ import annotations

import re

from ..regexes import regex

THINKING_BLOCK = ("<think>", "</think>")
"""A reasoning model's thinking written into its reply (DeepSeek R1, Qwen): no part of the answer."""


def strip_blocks(text: str, start: str, end: str) -> tuple[str, int]:
    """`text` without the blocks from each `start` to the next `end` (a model's thinking, tool
    calls), and how many were removed; an unclosed block runs to the end. Linear time."""
    if start not in text:
        return text, 0
    kept: list[str] = []
    pos = count = 0
    while (i := text.find(start, pos)) != -1:
        kept.append(text[pos:i])
        j = text.find(end, i + len(start))
        count += 1
        pos = len(text) if j == -1 else j + len(end)
    kept.append(text[pos:])
    return "".join(kept), count


_TAGS = (THINKING_BLOCK, ("<thinking>", "</thinking>"))
_MARKER_RE = regex(
    r"[ \t>*_]{0,6}(?:thought[ \t]for[ \t]{1,2}\d{1,4}(?:\.\d)?[ \t]?(?:s|secs?|seconds?|m|mins?|minutes?)"
    r"(?:[ \t]{1,2}\d{1,3}[ \t]?(?:s|secs?|seconds?))?|show[ \t]thinking|thought[ \t]process|thinking(?:\.\.\.|…)?"
    r"|reasoning)[ \t*_:.]{0,4}",
    re.I,
)
"""A line that says the model's thinking follows (the whole line)."""
_DETAILS_RE = regex(r"<details\b[^>\n]{0,200}>", re.I)
_REASONING_DETAILS_RE = regex(r"type=[\"']?reasoning|<summary>[ \t]{0,3}(?:thought|thinking|reasoning)", re.I)
_DELIBERATION_RE = regex(
    r"\b(?:let[ \t]me|let's[ \t](?:see|think|check|go|work)|i[ \t]need[ \t]to|i[ \t]should|i'll|i[ \t]will|i[ \t]think"
    r"|i[ \t]recall|i[ \t]believe|i[ \t]remember|i'm[ \t][a-z]{2,12}ing|i[ \t]am[ \t][a-z]{2,12}ing|hmm+|wait,"
    r"|okay,?[ \t](?:so|let)|alright,?[ \t](?:so|let)|the[ \t]user|the[ \t]student"
    r"|my[ \t]first[ \t](?:thought|instinct))\b",
    re.I,
)
"""Words of a model talking to itself ("Okay, so ...", "Hmm, but wait", "Let me format this", "the user asks")."""
_LAID_OUT_RE = regex(
    r"[ \t]{0,3}(?:#|\||[-*+•][ \t]|\d{1,2}[.)][ \t]|```|~~~|\$\$|\\\[|>|\(?[a-h]\)[ \t]|\((?:i{1,3}|iv)\)[ \t])"
)
"""A line laid out as part of an answer: a heading, a table row, a list item, a part's label ("(a) ...", "b) ..."),
code or display math."""
TITLE_MAX_WORDS = 8
"""A thinking summary's own title line ("**Checking the Baseline Numbers**") is at most this long."""


def without_thinking(reply: str) -> str:
    """The reply without the model's thinking (see the module's docstring)."""
    for start, end in _TAGS:
        if start in reply:
            reply = strip_blocks(reply, start, end)[0]
    if "<details" in reply or "<DETAILS" in reply:
        reply = _without_reasoning_details(reply)
    return _without_marked_thinking(reply)


def _without_reasoning_details(reply: str) -> str:
    """The reply without the `<details>` blocks that hold reasoning (an unclosed one runs to the end)."""
    kept: list[str] = []
    pos = 0
    for m in _DETAILS_RE.finditer(reply):
        if m.start() < pos:
            continue
        head = reply[m.start() : m.end() + 200]
        if _REASONING_DETAILS_RE.search(head) is None:
            continue
        close = reply.find("</details>", m.end())
        kept.append(reply[pos : m.start()])
        pos = len(reply) if close < 0 else close + len("</details>")
    kept.append(reply[pos:])
    return "".join(kept)


def _without_marked_thinking(reply: str) -> str:
    """The reply without the thinking after a marker line at its start."""
    lines = reply.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None or _MARKER_RE.fullmatch(lines[first]) is None:
        return reply
    quoted = lines[first].lstrip().startswith(">")
    k = first + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    if quoted or (k < len(lines) and lines[k].lstrip().startswith(">")):
        # "> Thought for 19s" and its quote, or "*Thought for 5s*" over a quoted block
        while k < len(lines) and (lines[k].lstrip().startswith(">") or not lines[k].strip()):
            k += 1
        return "\n".join(lines[:first] + lines[k:])
    # plain paragraphs before the first laid out as an answer, up to the last in which the model talks to
    # itself ("Okay, so ...", "Let me ...", "the user"): a plain-text reply may open before its first heading
    paragraphs: list[tuple[int, int]] = []
    while k < len(lines):
        end = k + 1
        # a line laid out after one that is not starts a paragraph: a copy that lost its blank lines
        # ("... Let me write it out." then "(a) Problem with ...")
        while (
            end < len(lines)
            and lines[end].strip()
            and not (_opens_layout(lines[end]) and not _opens_layout(lines[end - 1]))
        ):
            end += 1
        paragraphs.append((k, end))
        k = end
        while k < len(lines) and not lines[k].strip():
            k += 1
    # (a paragraph laid out that still talks to itself is thinking: "(b) Need to think about SVDs. Let me ...");
    # the paragraphs after the first laid out as an answer are not read
    musing: list[int] = []
    for j, (a, b) in enumerate(paragraphs):
        talks = _DELIBERATION_RE.search("\n".join(lines[a:b])) is not None
        if talks:
            musing.append(j)
        elif _laid_out(lines[a:b]):
            break
    if not musing:
        return "\n".join(lines[:first] + lines[first + 1 :])  # the marker alone (the thinking was not copied)
    cut = musing[-1] + 1
    rest = paragraphs[cut][0] if cut < len(paragraphs) else len(lines)
    return "\n".join(lines[:first] + lines[rest:])


def _opens_layout(line: str) -> bool:
    return _LAID_OUT_RE.match(line) is not None


def _laid_out(paragraph: list[str]) -> bool:
    """Whether a paragraph is laid out as an answer, as thinking is not: a heading, a list, a table, code,
    display math, or bold or code words past a short title line of its own (a thinking summary's
    "**Checking the Baseline Numbers**")."""
    body = paragraph[1:] if len(paragraph) > 1 and len(paragraph[0].split()) <= TITLE_MAX_WORDS else paragraph
    text = "\n".join(body)
    return any(_opens_layout(line) for line in paragraph) or "**" in text or "`" in text
