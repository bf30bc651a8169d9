"""Text helpers the text checks share: normalising chat formatting, splitting into sentences,
phrase matching on word boundaries, and telling asserted mentions from negated or rejected ones.

Model answers wrap the same words in Markdown, LaTeX and Unicode decoration; checks compare
meaning, so everything is first reduced to one plain form. All regexes are compiled once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from typing import Iterator

NEGATION_WINDOW_WORDS = 5
"""How many words before a mention are searched for not/no/never/without ..."""
POST_NEGATION_MAX_CHARS = 80
"""How far after a mention "... is not needed" / "... is wrong" may be."""
COPY_MIN_WORDS = 6
"""A run of at least this many words shared with the question is treated as copied."""
PHRASE_CACHE_SIZE = 4096
ANALYSIS_CACHE_SIZE = 256
QUESTION_CACHE_SIZE = 64

# ---------------------------------------------------------------------------------------------
# Normalisation

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
        "\u2013": "\u2014", "\u2015": "\u2014",
        "\u2026": "...",
        "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
    }
)
_QUOTE_CHARS_RE = re.compile("[%s]" % "".join(chr(c) for c in _QUOTES))


def _quote_char(m: re.Match[str]) -> str:
    """`str.translate(_QUOTES)` for one character; translating only these is much faster."""
    return _QUOTES[ord(m.group())]


_LATEX_WRAPPERS = (
    "text", "textrm", "textbf", "textit", "texttt", "textsf", "textnormal", "mathrm", "mathbf",
    "mathit", "mathtt", "mathsf", "mathcal", "mathbb", "boldsymbol", "bm", "operatorname", "emph",
    "underline", "mbox",
)
_LATEX_WRAP_RE = re.compile(r"\\(?:%s)\s*\{([^{}]*)\}" % "|".join(_LATEX_WRAPPERS))
_LATEX_SYMBOLS = {
    "langle": "<", "rangle": ">", "lt": "<", "gt": ">", "textless": "<", "textgreater": ">",
    "ldots": "...", "dots": "...", "cdots": "...", "approx": "≈", "sim": "~", "times": "x",
    "lambda": "λ", "sigma": "σ", "Sigma": "Σ", "top": "T", "intercal": "T", "to": "→",
    "rightarrow": "→", "quad": " ", "qquad": " ", "checkmark": "✓", "neq": "≠", "ne": "≠",
    "leq": "≤", "geq": "≥", "le": "≤", "ge": "≥", "percent": "%",
}
_LATEX_SYMBOL_RE = re.compile(r"\\(%s)(?![A-Za-z])" % "|".join(sorted(_LATEX_SYMBOLS, key=len, reverse=True)))
_LATEX_ESCAPES_RE = re.compile(r"\\([%_&#$<>{}])")
_LATEX_SPACING_RE = re.compile(r"\\[,;:! ]|\\\\")
_MATH_DELIMS_RE = re.compile(r"\$\$?|\\[()\[\]]")
_SUBSCRIPT_RE = re.compile(r"_(?<=[A-Za-z]_)(?<![A-Za-z]{2}_)(?:\{\s*(\d+|[a-z])\s*\}|(\d+|[a-z])(?![A-Za-z0-9]))")
"""`_1` / `_{1}` after a lone letter (W_1, x_{t}). It starts with the `_` so that the engine
jumps from underscore to underscore instead of trying every letter."""


def _drop_subscript_marks(text: str) -> str:
    """W_1 -> W1, x_{t} -> xt. A letter that is itself a subscript does not start another one
    (a_b_c -> ab_c), as when each match took its letter along."""
    pieces: list[str] = []
    pos = 0
    for m in _SUBSCRIPT_RE.finditer(text):
        if m.start() == pos:
            continue  # its letter is the subscript just taken
        pieces += (text[pos : m.start()], m.group(1) or m.group(2))
        pos = m.end()
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


_ANGLE_TOKEN_RE = re.compile(r"<\s+(\w+)\s+>|<\s*(\w+)\s+>|<\s+(\w+)\s*>")
_CODE_FENCE_RE = re.compile(r"^\s*```.*$", re.M)
_LINK_RE = re.compile(r"\[([^\]\n]+)\]\([^)\s]+\)")
_BOLD_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STAR_ITALIC_RE = re.compile(r"\*(?<![\w*]\*)(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_UNDERSCORE_ITALIC_RE = re.compile(r"_(?<!\w_)(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w])")
_STRIKE_RE = re.compile(r"~~(.+?)~~")
_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M)
_QUOTE_LINE_RE = re.compile(r"^[ \t]*>[ \t]?", re.M)
_SPACES_RE = re.compile(r"[ \t\f\v]+")
_SPACE_RUNS_RE = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
"""Same result as `_SPACES_RE` -> " ", without replacing every single space by itself."""


def normalize(text: str) -> str:
    """Plain text with Markdown/LaTeX/Unicode decoration removed; line breaks are kept."""
    text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = _QUOTE_CHARS_RE.sub(_quote_char, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Each pass runs only when its marker character is present: most answers use few of them.
    if "```" in text:
        text = _CODE_FENCE_RE.sub("", text)
    if "\\" in text:
        for _ in range(4):  # nested wrappers: \textbf{\text{x}}
            new = _LATEX_WRAP_RE.sub(r"\1", text)
            if new == text:
                break
            text = new
        text = _LATEX_SYMBOL_RE.sub(lambda m: _LATEX_SYMBOLS[m.group(1)], text)
        text = _LATEX_SPACING_RE.sub(" ", text)
        text = _LATEX_ESCAPES_RE.sub(r"\1", text)
    if "$" in text or "\\" in text:
        text = _MATH_DELIMS_RE.sub("", text)
    if "_" in text:
        text = _drop_subscript_marks(text)
    if "<" in text:
        text = _ANGLE_TOKEN_RE.sub(lambda m: "<" + (m.group(1) or m.group(2) or m.group(3)) + ">", text)
    if "](" in text:
        text = _LINK_RE.sub(r"\1", text)
    text = text.replace("`", "")
    if "*" in text or "_" in text:
        for _ in range(2):  # ***x*** and **_x_**
            before = text
            if "**" in text or "__" in text:
                text = _BOLD_RE.sub(r"\2", text)
            if "*" in text:
                text = _STAR_ITALIC_RE.sub(r"\1", text)
            if "_" in text:
                text = _UNDERSCORE_ITALIC_RE.sub(r"\1", text)
            if text == before:  # a second pass over unchanged text changes nothing either
                break
    if "~~" in text:
        text = _STRIKE_RE.sub(r"\1", text)
    if "#" in text:
        text = _HEADING_RE.sub("", text)
    if ">" in text:
        text = _QUOTE_LINE_RE.sub("", text)
    if "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = _SPACE_RUNS_RE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


# ---------------------------------------------------------------------------------------------
# Line markers shared by checks

LIST_MARKER_RE = re.compile(r"^(?:[-*+•·▪◦‣]|\d{1,2}[.)]|\(?[a-z]{1,4}\))\s+")
CHECKED_RE = re.compile(r"^(?:☒|☑|✅|✓|✔|🗹|■|\[[xX✓]\])\s*")
UNCHECKED_RE = re.compile(r"^(?:☐|□|⬜|○|◯|\[ \])\s*")
REJECT_MARK_RE = re.compile(r"^(?:✗|✘|❌|❎|×|✕|🚫|⛔)\s*")
TRAILING_CHECK_RE = re.compile(r"(?:✅|✓|✔|☑)\s*$")
TRAILING_REJECT_RE = re.compile(r"(?:✗|✘|❌|×|✕)\s*$")
"""For `search`: a line ending in the mark. Starting with the mark lets the engine skip to it."""
_DECORATION_RE = re.compile(r"^(?:[^\w\s<\[(\"'$\\-]\s*){1,3}")
_ANSWER_LINE_RE = re.compile(
    r"^(?:(?:the\s+)?(?:final|short|correct|my|overall)\s+)?answers?\s*(?:\([^)]*\))?\s*(?:is\s*)?[:：=—-]\s*(.*)$",
    re.I,
)
_ANSWER_INLINE_RE = re.compile(r"\b(?:the\s+)?(?:final|correct|short)?\s*answer\s+is\s*:?\s*(.+)$", re.I)


def strip_line_marker(line: str) -> str:
    """A line without its bullet / numbering prefix."""
    return LIST_MARKER_RE.sub("", line.strip(), count=1)


def strip_decoration(line: str) -> str:
    """A line without leading bullets and emoji/check-mark decoration (keeps checkbox meaning out)."""
    line = strip_line_marker(line)
    return _DECORATION_RE.sub("", line).strip()


def is_list_item(line: str) -> bool:
    s = line.strip()
    return bool(LIST_MARKER_RE.match(s) or CHECKED_RE.match(s) or UNCHECKED_RE.match(s) or REJECT_MARK_RE.match(s))


@dataclass(frozen=True)
class AnswerRegion:
    text: str
    start: int
    end: int
    """Span of the region in the text it was found in."""


def answer_regions(text: str) -> list[AnswerRegion]:
    """What follows each "Answer:" marker (or the list under an empty one), in order.

    Recognises "Answer: X", "✓ Answer: X", "Final answer: X", "The answer is X" and
    "Answers:" followed by a list."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    regions: list[AnswerRegion] = []
    for i, raw in enumerate(lines):
        if "answer" not in raw.lower():
            continue  # both patterns need the word
        line = strip_decoration(raw)
        m = _ANSWER_LINE_RE.match(line) or _ANSWER_INLINE_RE.search(line)
        if m is None:
            continue
        rest = m.group(1).strip()
        if rest:
            at = offsets[i] + raw.rfind(rest)
            regions.append(AnswerRegion(rest, at, at + len(rest)))
            continue
        if m.re is _ANSWER_INLINE_RE:
            continue
        first = last = None
        for j in range(i + 1, len(lines)):
            s = lines[j].strip()
            if not s:
                if first is not None:
                    break
                continue
            if first is not None and not is_list_item(s):
                break
            if s.endswith(":") and not is_list_item(s):
                break
            first = j if first is None else first
            last = j
            if not is_list_item(s):
                break
        if first is not None and last is not None:
            a, b = offsets[first], offsets[last] + len(lines[last])
            regions.append(AnswerRegion(text[a:b], a, b))
    return regions


# ---------------------------------------------------------------------------------------------
# Sentences

_ABBREVIATIONS = {"e.g", "i.e", "vs", "approx", "fig", "eq", "cf", "al", "resp", "w.r.t", "wrt"}
_SENTENCE_END_RE = re.compile(r"[.!?](\s+)(?=[^\s])")
"""Group 1 is the break; matching the mark itself (not a look-behind) lets the engine skip ahead."""
_INITIALS_RE = re.compile(r"(?:[A-Za-z]\.){2,}")
_REJECT_HEADER_RE = re.compile(
    r"^(?:(?:✗|❌|✘)\s*)?(?:not\s+(?:needed|required|used|necessary|relevant|applicable|correct)"
    r"|unnecessary|unneeded|incorrect(?:\s+answers?)?|wrong(?:\s+answers?)?|common\s+(?:mistakes?|errors?|pitfalls?)"
    r"|mistakes?|pitfalls?|what\s+not\s+to\s+(?:do|use)|(?:do\s+)?not\s+(?:use|needed)|avoid"
    r"|(?:options?\s+)?(?:we\s+)?(?:don't|do\s+not)\s+need|why\s+not\s+the\s+others?"
    r"|(?:the\s+)?others?\s+are\s+(?:not\s+needed|wrong|incorrect)|not\s+these)\s*:$",
    re.I,
)
_HEADING_LIKE_RE = re.compile(r"^(?:part\b|question\b|q\d|\(\w{1,4}\)|\w{1,4}\)\s)", re.I)
_LABEL_LINE_RE = re.compile(r"^(?:[^\s:.!?]+ ?){1,5}:\s")
_TABLE_ROW_RE = re.compile(r"^\|.*\|$")


@dataclass(frozen=True)
class Sentence:
    text: str
    """The sentence with its line breaks turned into spaces (same length as its span)."""
    unit: int
    """Index of the line/paragraph unit the sentence came from (sentences of a list item share it)."""
    index: int = 0
    """Position among the answer's sentences."""
    rejected: bool = False
    """Framed as rejected by its line: a ✗/☐ marker or a "Not needed:" / "Common mistake:" header."""
    start: int = 0
    """Offset of the sentence in the text it was split from."""


def _units(text: str) -> list[tuple[int, int, bool]]:
    """Paragraph units as (start, end, rejected) spans: wrapped lines are joined, while list items,
    table rows, labels and headers stand alone. Assumes lines are already stripped (normalize)."""
    units: list[tuple[int, int, bool]] = []
    cur: list[int] = []  # [start, end] of the open unit
    last_line = ""
    rejecting = False
    cur_rejected = False
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if not line.strip():
            if cur:
                units.append((cur[0], cur[1], cur_rejected))
                cur = []
            rejecting = False
            continue
        unmarked = None  # the line without its list marker, computed once when needed
        starts_unit = (
            not cur
            or is_list_item(line)
            or _TABLE_ROW_RE.match(line) is not None
            or _LABEL_LINE_RE.match(line) is not None
            or _HEADING_LIKE_RE.match(line) is not None
            or last_line.endswith((".", "!", "?", ":", ";", "|"))
            or _REJECT_HEADER_RE.match(unmarked := strip_line_marker(line)) is not None
        )
        if starts_unit:
            if cur:
                units.append((cur[0], cur[1], cur_rejected))
            cur = [line_start, line_start + len(line)]
            if rejecting and not (
                is_list_item(line) or (_LABEL_LINE_RE.match(line) and not _HEADING_LIKE_RE.match(line))
            ):
                rejecting = False
            if unmarked is None:
                unmarked = strip_line_marker(line)
            marked = bool(REJECT_MARK_RE.match(line) or UNCHECKED_RE.match(unmarked))
            cur_rejected = rejecting or marked or bool(TRAILING_REJECT_RE.search(line))
            if _REJECT_HEADER_RE.match(unmarked):
                rejecting = True
                cur_rejected = True
        else:
            cur[1] = line_start + len(line)
        last_line = line
    if cur:
        units.append((cur[0], cur[1], cur_rejected))
    return units


def _split_unit(unit: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of one unit."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(unit):
        before = unit[start : m.start(1)]
        words = before.rsplit(None, 1)  # the last word only; empty when `before` is blank
        last_word = words[-1] if words else ""
        if last_word.rstrip(".").casefold() in _ABBREVIATIONS or _INITIALS_RE.fullmatch(last_word):
            continue
        pieces.append((start, before))
        start = m.end(1)
    pieces.append((start, unit[start:]))
    out = []
    for off, piece in pieces:
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            out.append((off + lead, piece.strip()))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of normalised text, each knowing its offset and whether its line frames it as rejected."""
    out: list[Sentence] = []
    for i, (a, b, rejected) in enumerate(_units(text)):
        unit = text[a:b].replace("\n", " ")
        for off, piece in _split_unit(unit):
            out.append(Sentence(piece, i, len(out), rejected, a + off))
    return out


_CLAUSE_SPLIT_RE = re.compile(r"[;:]|,\s+(?:but|however|whereas|while|although|though|so|because|since|which)\b|\s+—\s+")


def split_clauses(sentence: str) -> list[str]:
    """Clauses of one sentence, for checks that judge a short span at a time."""
    return [c.strip() for c in _CLAUSE_SPLIT_RE.split(sentence) if c.strip()]


# ---------------------------------------------------------------------------------------------
# Question copies

_WORD_RE = re.compile(r"(?:[<>\[\]'%.-]*+\w++)++[<>\[\]'%-]*+")
"""A word: from the first of a run of word and <>[]'%.- characters to its last word character,
then any <>[]'%- after it: the same matches as the plainer `[\\w<>\\[\\]'%.-]*\\w[\\w<>\\[\\]'%-]*`,
without backtracking over every word."""
_WORD_OR_BREAK_RE = re.compile(r"\n|" + _WORD_RE.pattern)


def _word_key(word: str) -> str:
    return word.casefold().strip(".'")


@lru_cache(maxsize=QUESTION_CACHE_SIZE)
def _question_grams(question: str) -> frozenset[tuple[str, ...]]:
    """The question's word n-grams; one question is asked with every part of a conversation."""
    if not question.strip():
        return frozenset()
    text = normalize(question)
    folded = text.casefold()
    if len(folded) == len(text):  # casefolding moved no word boundary: fold once, not per word
        q_words = list(map(str.strip, _WORD_RE.findall(folded), repeat(".'")))
    else:
        q_words = [_word_key(m.group()) for m in _WORD_RE.finditer(text)]
    return frozenset(tuple(q_words[i : i + COPY_MIN_WORDS]) for i in range(len(q_words) - COPY_MIN_WORDS + 1))


def strip_question_copies(answer: str, question: str) -> str:
    """The answer without runs of words it copies from the question (restated prompts are not claims)."""
    grams = _question_grams(question)
    if not grams:
        return answer
    folded = answer.casefold()
    if len(folded) != len(answer):
        return "\n".join(_without_copies(line, grams, check_first=True) for line in answer.split("\n"))
    # All lines at once, without a Python step per word for the usual answer that copies nothing:
    # line breaks are tokens of their own, so no window spans two lines.
    keys = list(map(str.strip, _WORD_OR_BREAK_RE.findall(folded), repeat(".'")))
    windows = list(zip(*(keys[i:] for i in range(COPY_MIN_WORDS))))
    if grams.isdisjoint(windows):
        return answer
    line_of = list(accumulate(k == "\n" for k in keys))  # a word's line: the breaks before it
    copied = {line_of[i] for i, w in enumerate(windows) if w in grams}
    lines = answer.split("\n")
    for n in copied:
        lines[n] = _without_copies(lines[n], grams, check_first=False)
    return "\n".join(lines)


def _without_copies(line: str, grams: frozenset[tuple[str, ...]], check_first: bool) -> str:
    if check_first:
        # Most lines share no run with the question; find that without match objects.
        folded = line.casefold()
        if len(folded) == len(line):
            keys = list(map(str.strip, _WORD_RE.findall(folded), repeat(".'")))
            if grams.isdisjoint(zip(*(keys[i:] for i in range(COPY_MIN_WORDS)))):
                return line
    words = list(_WORD_RE.finditer(line))
    keys = [_word_key(m.group()) for m in words]
    covered = [False] * len(words)
    for i in range(len(words) - COPY_MIN_WORDS + 1):
        if tuple(keys[i : i + COPY_MIN_WORDS]) in grams:
            for j in range(i, i + COPY_MIN_WORDS):
                covered[j] = True
    if not any(covered):
        return line
    pieces: list[str] = []
    pos = 0
    for m, cov in zip(words, covered):
        if cov:
            pieces.append(line[pos : m.start()])
            pos = m.end()
    pieces.append(line[pos:])
    return _SPACES_RE.sub(" ", "".join(pieces)).strip()


@dataclass(frozen=True)
class Analysed:
    text: str
    """Normalised answer with text copied from the question removed."""
    sentences: tuple[Sentence, ...]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding text offset `pos` (None between sentences)."""
        starts = [s.start for s in self.sentences]
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].start + len(self.sentences[i].text):
            return self.sentences[i]
        return None

    def negation_at(self, start: int, end: int) -> str | None:
        """`negation_kind` for the span text[start:end] of the analysed text."""
        s = self.sentence_at(start)
        if s is None:
            return None
        return negation_kind(s, start - s.start, min(end, s.start + len(s.text)) - s.start)


@lru_cache(maxsize=ANALYSIS_CACHE_SIZE)
def analyse(answer: str, question: str = "") -> Analysed:
    """Normalise, drop question copies and split once per answer (several checks read one answer)."""
    text = strip_question_copies(normalize(answer), question)
    return Analysed(text, tuple(split_sentences(text)))


# ---------------------------------------------------------------------------------------------
# Phrase matching

_ELLIPSIS_RE = re.compile(r"\s*\.\.\.\s*")


def _word_pattern(word: str) -> str:
    wildcard = word.endswith("*") and len(word) > 1
    core = word[:-1] if wildcard else word
    parts = [re.escape(p) for p in re.split(r"-", core)]
    pat = r"[\s_-]?".join(parts)
    return pat + (r"[\w-]*" if wildcard else "")


def _fragment_pattern(fragment: str) -> str:
    words = fragment.split()
    body = r"[\s_-]+".join(_word_pattern(w) for w in words)
    first, last = words[0], words[-1].rstrip("*")
    if re.match(r"\w", first):
        # No word character before the first one. Checked after it (`(?<!\w.)` looks at it and
        # the one before) so the pattern starts with a literal the engine can skip ahead to.
        body = body[0] + r"(?<!\w.)" + body[1:]
    right = "" if words[-1].endswith("*") else (r"(?![\w])" if re.search(r"\w$", last) else "")
    return body + right


@lru_cache(maxsize=PHRASE_CACHE_SIZE)
def compile_phrase(phrase: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """A rubric phrase as a regex: word boundaries, `word*` wildcard, `A ... B` within a sentence."""
    text = normalize(phrase).strip()
    fragments = [f for f in _ELLIPSIS_RE.split(text) if f.strip()]
    if not fragments:
        raise ValueError(f"empty phrase {phrase!r}")
    pattern = r".*?".join(_fragment_pattern(f) for f in fragments)
    return re.compile(pattern, 0 if case_sensitive else re.I)


# ---------------------------------------------------------------------------------------------
# Negation and rejection

_NEG_CUE_RE = re.compile(
    r"\b(?:not|no|never|neither|nor|without|none|nothing|cannot|unlike|excluding|except|instead\s+of"
    r"|rather\s+than|as\s+opposed\s+to|other\s+than|in\s+place\s+of|n't)\b|n't\b",
    re.I,
)
_NEG_FALSE_RE = re.compile(
    r"\b(?:not\s+(?:only|just|merely|simply)|no\s+(?:longer|matter|doubt)|nothing\s+but|not\s+least)\b", re.I
)
_CLAUSE_BOUNDARY_RE = re.compile(
    r"[,;:()\[\]]|\s—\s|\b(?:but|however|although|though|whereas|while|because|since|so|which|yet|and\s+then)\b",
    re.I,
)
_AUX = r"(?:is|are|was|were|be|been|do|does|did|has|have|had|can|could|will|would|should|must|may|might)"
_ITEM_WORD = r"(?!(?:is|are|was|were|be|been|do|does|did|has|have|had|can|could|will|would|should|not|no)\b)[\w.<>%+-]+"
_POST_NEG_RE = re.compile(
    r"^(?:\s*\([^)]*\))?"
    rf"(?:\s*(?:[/,&]|\band\b|\bor\b)\s*{_ITEM_WORD}(?:\s+{_ITEM_WORD}){{0,3}})*"
    r"\s*(?:"
    rf"{_AUX}\s*(?:n't|not|never)\b(?!\s+(?:only|just|merely)\b)"
    r"|(?:isn't|aren't|wasn't|weren't|doesn't|don't|didn't|won't|can't)\b"
    r"|[:—-]\s*(?:not\b|no\b|never\b|unnecessary|unneeded|irrelevant|wrong|incorrect|✗|❌)"
    r"|\(\s*(?:not|no)\b"
    r"|(?:✗|❌|✘)"
    r")",
    re.I,
)
_POST_WRONG_RE = re.compile(
    rf"^[^,;:]{{0,{POST_NEGATION_MAX_CHARS}}}?\b(?:is|are|was|were|would\s+be)\s+(?:wrong|incorrect|a\s+(?:common\s+)?mistake|not\s+correct|a\s+misconception)\b",
    re.I,
)
_FRAME_RE = re.compile(
    r"\b(?:(?:common|typical|frequent|classic)\s+(?:mistake|error|misconception|pitfall)|mistake\s+(?:is|would\s+be)|misconception"
    r"|(?:it\s+is|it's|would\s+be)\s+(?:wrong|incorrect|a\s+mistake)\s+to|(?:one|some|you|students?)\s+(?:might|may|could|would)\s+(?:think|assume|say|argue|be\s+tempted)"
    r"|tempting\s+to|naive(?:ly)?|mistakenly|erroneously|^\W*(?:wrong|incorrect)(?:\s+answers?)?\s*:)",
    re.I,
)


_FRAME_WORDS = ("mistake", "erro", "misconception", "pitfall", "wrong", "incorrect", "might", "may", "could",
                "would", "tempting", "naive")
"""Every `_FRAME_RE` match holds one of these (case-folded): text holding none is not framed."""


def _may_frame(text: str) -> bool:
    folded = ascii_fold(text)
    return any(word in folded for word in _FRAME_WORDS)


def negation_kind(sentence: Sentence, start: int, end: int) -> str | None:
    """Why the mention sentence.text[start:end] is not asserted, or None when it is.

    "negated": not/no/never/n't/without/rather than/instead of shortly before it in its clause, or
    "X is not needed" / "X: not relevant" after it. "rejected": its line or a header frames it as
    wrong, or the sentence presents it as a mistake. "question": the sentence is a question."""
    text = sentence.text
    if sentence.rejected:
        return "rejected"
    before = text[:start]
    cut = 0
    for m in _CLAUSE_BOUNDARY_RE.finditer(before):
        cut = m.end()
    clause = before[cut:]
    window = " ".join(clause.split()[-NEGATION_WINDOW_WORDS:])
    if _NEG_CUE_RE.search(_NEG_FALSE_RE.sub(" ", window)):
        return "negated"
    after = text[end:]
    if _POST_NEG_RE.match(after):
        return "negated"
    if (_may_frame(before) and _FRAME_RE.search(before)) or _POST_WRONG_RE.match(after):
        return "rejected"
    if text.rstrip().endswith("?"):
        return "question"
    return None


@dataclass(frozen=True)
class Hit:
    text: str
    sentence: Sentence
    start: int
    end: int
    negation: str | None

    @property
    def asserted(self) -> bool:
        return self.negation is None


def find_phrase(phrase: str, sentences: tuple[Sentence, ...] | list[Sentence], case_sensitive: bool = False) -> list[Hit]:
    """Every mention of a phrase, sentence by sentence, each marked asserted or not."""
    return list(_find(phrase, case_sensitive, sentences, _joined(sentences)))


# Non-ASCII characters that a case-insensitive pattern matches to an ASCII letter (all of them:
# checked over every code point), mapped to that letter so a plain substring test agrees with `re.I`.
_ASCII_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def ascii_fold(text: str) -> str:
    """Lower case, with the characters `re.I` matches to an ASCII letter replaced by it: a plain
    substring test on this agrees with a case-insensitive pattern (and every length is kept)."""
    if not text.isascii():
        for char, letter in _ASCII_FOLD:
            text = text.replace(char, letter)
    return text.lower()
_ALNUM_RUN_RE = re.compile(r"[A-Za-z0-9]+")


class _Joined:
    """All sentences, one per line, and a case-folded copy: a phrase absent from these is absent
    from every sentence (phrase patterns have no anchors, and a line break is a non-word character
    like a string's end), which is far cheaper to learn than matching sentence by sentence.
    `starts` holds each sentence's offset in both (folding keeps every length: U+0130, the one
    character whose lower case is longer, is replaced first)."""

    __slots__ = ("text", "folded", "starts")

    def __init__(self, sentences: tuple[Sentence, ...] | list[Sentence]) -> None:
        self.text = "\n".join(s.text for s in sentences)
        self.folded = ascii_fold(self.text)
        starts = []
        pos = 0
        for s in sentences:
            starts.append(pos)
            pos += len(s.text) + 1
        self.starts = starts

    def holding(self, literal: str) -> list[int]:
        """Indexes of the sentences whose folded text contains `literal`, in order."""
        found: list[int] = []
        starts, folded = self.starts, self.folded
        i = folded.find(literal)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            found.append(k)
            if k + 1 >= len(starts):
                break
            i = folded.find(literal, starts[k + 1])
        return found


_last_joined: tuple[tuple[Sentence, ...], _Joined] | None = None


def _joined(sentences: tuple[Sentence, ...] | list[Sentence]) -> _Joined:
    """The joined form of the sentences; the last tuple's is kept, since one answer's sentences
    are searched for many phrases in a row (concepts with dozens of synonyms)."""
    global _last_joined
    last = _last_joined
    if last is not None and last[0] is sentences:
        return last[1]
    joined = _Joined(sentences)
    if isinstance(sentences, tuple):
        _last_joined = (sentences, joined)
    return joined


@lru_cache(maxsize=PHRASE_CACHE_SIZE)
def _required_literal(phrase: str) -> str:
    """The longest run of ASCII letters and digits every match of the phrase contains (lower case;
    empty if none), mirroring `compile_phrase`: each word part is matched literally."""
    parts = [p for word in normalize(phrase).split() for p in word.rstrip("*").split("-")]
    runs = [r for p in parts for r in _ALNUM_RUN_RE.findall(p)]
    return max(runs, key=len).lower() if runs else ""


def _find(phrase: str, case_sensitive: bool, sentences: tuple[Sentence, ...] | list[Sentence], joined: _Joined) -> Iterator[Hit]:
    """Mentions in sentence order, lazily: a caller that needs only the first asserted one stops
    early. Only sentences holding the phrase's required literal are matched."""
    literal = _required_literal(phrase)
    if literal:
        candidates = [sentences[k] for k in joined.holding(literal)]
        if not candidates:
            return  # not even compiled: phrases no answer mentions cost a worker nothing
        pattern = compile_phrase(phrase, case_sensitive)
    else:
        pattern = compile_phrase(phrase, case_sensitive)
        if pattern.search(joined.text) is None:
            return
        candidates = list(sentences)
    for s in candidates:
        for m in pattern.finditer(s.text):
            yield Hit(m.group(), s, m.start(), m.end(), negation_kind(s, m.start(), m.end()))


def first_asserted(phrases: list[str] | tuple[str, ...], sentences: tuple[Sentence, ...], case_sensitive: bool = False) -> Hit | None:
    """The earliest asserted mention of any of the phrases."""
    best: Hit | None = None
    joined = _joined(sentences)
    for phrase in phrases:
        for hit in _find(phrase, case_sensitive, sentences, joined):
            if hit.asserted:
                if best is None or (hit.sentence.index, hit.start) < (best.sentence.index, best.start):
                    best = hit
                break
    return best


_NUMBER_WORDS = {
    "0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
    "7": "seven", "8": "eight", "9": "nine", "10": "ten", "11": "eleven", "12": "twelve",
}


def number_word(label: str) -> str | None:
    """"two" for "2" (small integers only), so number words count for numeric options."""
    return _NUMBER_WORDS.get(label.strip())
