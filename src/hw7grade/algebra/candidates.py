"""Finding the mathematics in an answer: display and inline math, `\\boxed{}`, aligned rows, and
plain-text formulas such as `W_2^T (W_2 W_1 - I) X X^T = 0`."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Literal, Mapping

from ..regexes import regex
from ..text.normalize import boxed
from ..text.spoken_math import spoken_as_math
from .equivalence import Statement, parse_statements
from .lexer import SPELLED_GREEK, SPELLED_SHORT
from .limits import MAX_INPUT_CHARS, Deadline, MathError
from .memo import Memo
from .shapes import table_key

Source = Literal["display", "inline", "boxed", "aligned", "plain"]

MAX_CANDIDATES = 200
"""Most candidate snippets taken from one answer (later ones are ignored)."""
WORD_CACHE_SIZE = 8192
"""Words whose formula-likeness is remembered (prose repeats the same words)."""
ANSWER_MEMO_SIZE = 16
PARAGRAPH_MEMO_SIZE = 4096
"""Paragraphs whose snippets are remembered: about a transcript's worth, many times over."""
"""Answers whose statements are remembered: the checks of one part read one answer in a row, and
a long batch must not keep every answer's text."""

_BEGIN_RE = regex(r"\\begin\{(equation|align|gather|multline|eqnarray)(\*?)\}")
_INLINE_RE = regex(r"\$(?<![\\$]\$)(?!\$)([^$\n]+?)(?<!\\)\$")
"""`$...$` (not `$$`, not `\\$`); it cannot cross a `$` or a line break, so it is linear."""
BOXED_MAX_CHARS = 4000
"""How far a `\\boxed{` looks for its closing brace."""


class _NextFinder:
    """The next occurrence of a string at or after a position, for positions that only grow: each
    search starts where the last one ended, so a whole scan costs one pass over the text."""

    __slots__ = ("text", "needle", "at")

    def __init__(self, text: str, needle: str) -> None:
        self.text, self.needle, self.at = text, needle, -1

    def from_(self, pos: int) -> int:
        if self.at < pos and self.at != len(self.text):
            found = self.text.find(self.needle, pos)
            self.at = found if found >= 0 else len(self.text)
        return self.at if self.at < len(self.text) else -1


_Opener = Callable[[int], "tuple[int, int, str] | None"]
"""From a position: the next opener's start, where its body starts, and the closer it needs."""


def _literal(text: str, opener: str, closer: str) -> _Opener:
    def find(pos: int) -> tuple[int, int, str] | None:
        a = text.find(opener, pos)
        return None if a < 0 else (a, a + len(opener), closer)

    return find


def _begin(text: str) -> _Opener:
    def find(pos: int) -> tuple[int, int, str] | None:
        m = _BEGIN_RE.search(text, pos)
        return None if m is None else (m.start(), m.end(), f"\\end{{{m.group(1)}{m.group(2)}}}")

    return find


def _paired(text: str, openers: list[_Opener], one_line: bool) -> tuple[list[tuple[int, int, str]], bool]:
    """(start, end, body) of each region an opener starts and its closer ends, leftmost first and not
    overlapping, with a body of at least one character (and no line break when `one_line`): what
    the lazy alternation `A(.+?)A'|B(.+?)B'|...` finds, in linear time. Every search starts where
    the last one of its kind ended, so the text is read a bounded number of times. The flag is
    whether every opener found its closer (text after this one cannot then change the regions)."""
    out: list[tuple[int, int, str]] = []
    closed = True
    closers: dict[str, _NextFinder] = {}
    breaks = _NextFinder(text, "\n")
    nexts: list[tuple[int, int, str] | None] = [find(0) for find in openers]
    pos = 0
    while True:
        live = [(n[0], i, n) for i, n in enumerate(nexts) if n is not None]
        if not live:
            return out, closed
        _, i, (a, body, closer) = min(live)  # i is unique: the entries themselves are never compared
        finder = closers.setdefault(closer, _NextFinder(text, closer))
        b = finder.from_(body + 1)
        if b < 0:
            nexts[i] = None  # no closer after this opener, so none after any later one either
            closed = False
            continue
        if one_line and 0 <= breaks.from_(body) < b:
            nexts[i] = openers[i](a + 1)
            continue
        out.append((a, b + len(closer), text[body:b]))
        pos = b + len(closer)
        nexts = [n if n is None or n[0] >= pos else openers[k](pos) for k, n in enumerate(nexts)]


def _inline_regions(answer: str) -> list[tuple[int, int, str]]:
    """`\\(...\\)` on one line and `$...$`, leftmost first and not overlapping."""
    found = _paired(answer, [_literal(answer, "\\(", "\\)")], True)[0] if "\\(" in answer else []
    if "$" in answer:
        found += [(m.start(), m.end(), m.group(1)) for m in _INLINE_RE.finditer(answer)]
    found.sort(key=lambda r: r[0])
    kept: list[tuple[int, int, str]] = []
    for region in found:
        if not kept or region[0] >= kept[-1][1]:
            kept.append(region)
    return kept


def _display_regions(answer: str) -> tuple[list[tuple[int, int, str]], bool]:
    """`$$...$$`, `\\[...\\]` and `\\begin{equation}...\\end{equation}` regions (also align,
    gather, multline, eqnarray and their starred forms), leftmost first and not overlapping; and
    whether every opener was closed."""
    # Only the openers the text holds (an absent one never opens a region): most paragraphs hold none.
    openers: list[_Opener] = []
    if "$$" in answer:
        openers.append(_literal(answer, "$$", "$$"))
    if "\\[" in answer:
        openers.append(_literal(answer, "\\[", "\\]"))
    if "\\begin{" in answer:
        openers.append(_begin(answer))
    return _paired(answer, openers, False) if openers else ([], True)


_ROW_ENV_RE = regex(
    r"\\(?:begin|end)\{(?:aligned|align|split|gathered|gather|eqnarray|alignedat|equation|multline)\*?\}(?:\{\d+\})?"
)
_ROW_BREAK_RE = regex(r"\\\\(?:\[[^\]]*\])?")
_ANNOTATION_RE = regex(r"(?:\\q?quad\s*|\\[,;:]\s*)*\\(?:text|tag|mbox)\s*\{[^{}]*\}\s*$")
_WORD_RE = regex(r"\S+")
"""Words as `str.split()` finds them."""
_LINE_RE = regex(r"[^\n]+")
_CONTINUATION_RE = regex(r"\n[ \t]*(?==)")
_SHAPE_NOTE_RE = regex(
    r"\([ \t]{0,2}(?:[a-z]|\d{1,3})[ \t]{0,2}[x×][ \t]{0,2}(?:[a-z]|\d{1,3})[ \t]{0,2}(?:,[^()\n]{0,40})?\)"
)
"""A shape note in plain text, `V1 := W1 U (k x m)`, `D = S S^T (m x m, diagonal)`: a size, not a
factor (spaced, its words would also end the formula before it)."""
_STEP_NOTE_RE = regex(r"\([a-z]{2,}\b[^()\n]{0,60}\)(?=[ \t]{0,40}\n?[ \t]{0,40}=)")
"""A step's justification in words between two links of a chain, `= (U_kU_kᵀ − I)U_kΛ_k (by fact 2)
= ...`, `(eigenvector relation XXᵀU_k = U_kΛ_k)`: read through, so the chain goes on."""
_WORD_NOTE_RE = regex(r"[ \t]{2,40}(?:by|using|since|from|via)[ \t]{1,3}[^=\n]{1,40}(?=\n[ \t]{0,40}=)", re.I)
"""A step's justification in words after a wide gap at the end of its line, `= (U_k^T - U_k^T) X X^T
   by (a)`, then `= 0` on the next line: a note, so the chain goes on."""
_ARROW_NOTE_RE = regex(r"(?:←|⟵|<--?)(?![=-])[ \t]{0,3}[^\n=←⟵<]{1,60}$", re.M)
"""A step's justification after an arrow at the end of its line, `= (U_kU_kᵀ − I)U_kΛ_k   ← eigen-relation`:
a note, so the chain goes on at the next line's `=`."""
_OPEN_SHAPE_NOTE_RE = regex(r"\(\w{1,3}[×x]\w{1,3}$")
_BULLET_RE = regex(r"^[ \t>]*(?:[-*+•·▪◦‣]|\d{1,2}[.)])[ \t]+", re.M)
"""A list item's bullet or number: `- U_kᵀU_k = I_k` states U_kᵀU_k = I_k, not its negative, and
`1. W_2ᵀ(...) = 0` does not multiply it by 1."""
_EQUATION_TAG_RE = regex(
    r"^([ \t>#]{0,8}(?:\*\*|__)?)\((?:[ivx]{1,4}|[a-z]|[A-Z]\d{1,2}|\d{1,2})\)(?=[ \t])"
    r"|[ \t]{2,40}\((?:\d{1,2}|[A-Z]\d{1,2}|[ivx]{1,4})['′]{0,2}\)(?=[ \t]{0,8}$)",
    re.M,
)
"""A part label or an equation's tag at the start of a line (after a heading's or a code comment's
`#` too), or a tag after a wide gap at its end: `**(ii) W1 = U_k^T, W2 = U_k satisfy ...**`, `(C1)  W2^T
(W2 W1 - I) X X^T = 0`, `#   (a)  U_k.T U_k = I_k`, `... = 0     (1')` do not multiply the formula by
(ii), C1, a or 1."""
_ENGLISH_RE = regex(r"[a-z]{3,}")
_LABEL_END_RE = regex(r"[^:=]:[*_]*$|[^*]\*\*$")
"""A word that ends a formula run: a label's colon (not `=:`, which names what comes before it), or
the close of a bold span (`**A := W₂W₁** (m×m)`: the shape note after it is not part of the formula)."""
_MATH_CHARS = set("_^=(){}\\+*/ᵀ⊤∇∂₁₂ₖ²·−‖@")
_OPERATOR_WORDS = frozenset({"*", "@", "+", "-", "−"})
_TRACE_WORD_RE = regex(r"^\(?(?:tr|trace|Tr)\(")
_SPELLED_GREEK_WORD_RE = regex(
    r"^\(?(?:"
    + "|".join(sorted(n for n in (*SPELLED_GREEK, *SPELLED_SHORT) if n[0].isupper()))
    + r")(?:[_^][\w{}^_]{0,8})?\)?$"
)
"""A capitalised Greek name spelled out as a whole word, with an index or power: `Lambda_k`, `Sigma^2`."""
_SYMBOL_WORD_RE = regex(r"^[A-ZΑ-Ω]{1,3}$|^(?:[A-ZΑ-Ω][0-9k]?){1,4}$|^[0-9]+$|^[-+=]$")
"""Matrix names (`X`, `W1`, `Σ`, `Λk`) and their products (`W2W1`, `W1U`), numbers and lone operators:
formula words without math characters."""
_COURSE_WORD_RE = regex(r"^(?:HW|CS|EE)\d")
"""A homework or course number (`HW7`, `CS189`), not a product of matrices."""
ACRONYMS = frozenset({"SVD", "EVD", "PCA", "PSD", "SGD", "MSE", "RNN", "CNN", "GPU"})
"""Capital words that name a method or a device, never a product of matrices ("the SVD X = USVᵀ")."""


@dataclass(frozen=True)
class Candidate:
    text: str
    start: int
    """Offset of the snippet's region in the answer."""
    source: Source


def find_candidates(answer: str) -> list[Candidate]:
    """Math snippets in reading order; each is one expression, equation or equation chain.

    Memoised per answer text: every q3b check of an answer reads the same snippets.
    """
    known = _candidates.get(answer)
    if known is None:
        known = tuple(_find_candidates(answer))
        _candidates.put(answer, known)
    return list(known)


def _find_candidates(answer: str) -> list[Candidate]:
    """The snippets of each paragraph (text between blank lines), each paragraph read once per
    process: an answer is also part of the earlier text its definitions are looked up in, and a
    reply's paragraphs recur in every later part's earlier text.

    Reading paragraph by paragraph finds what reading the whole text does: no region crosses a
    blank line unless its paragraph leaves an opener unclosed (`$$`, `\\[`, `\\begin`,
    `\\boxed{`), and from such a paragraph on the rest of the text is read as one piece.
    """
    pieces: list[tuple[tuple[Candidate, ...], int]] = []
    paragraphs = answer.split("\n\n")
    offset = 0
    for k, paragraph in enumerate(paragraphs):
        known = _paragraphs.get(paragraph)
        if known is None:
            known = _read(spoken_as_math(paragraph))  # "two times W two transpose times ..." in symbols
            _paragraphs.put(paragraph, known)
        cands, closed = known
        if not closed and k < len(paragraphs) - 1:
            pieces.append((_read(answer[offset:])[0], offset))
            break
        if cands:
            pieces.append((cands, offset))
        offset += len(paragraph) + 2
    unique: list[Candidate] = []
    seen: set[str] = set()
    for cands, offset in pieces:
        for cand in cands:
            if cand.text and cand.text not in seen:
                seen.add(cand.text)
                unique.append(Candidate(cand.text, cand.start + offset, cand.source) if offset else cand)
                if len(unique) == MAX_CANDIDATES:
                    return unique
    return unique


def _read(answer: str) -> tuple[tuple[Candidate, ...], bool]:
    """Every snippet of the text in order of start (repeats included), and whether every region
    opener in it was closed, so that text after it cannot change what it holds."""
    if "$" not in answer and "\\" not in answer:  # every region opens with one: only plain text
        return tuple(_plain(answer)), True
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    regions, closed = _display_regions(answer)
    for start, end, body in regions:
        taken.append((start, end))
        found.extend(_from_region(body, start, "display"))
    display = list(taken)
    starts = [a for a, _ in display]
    for start, end, body in _inline_regions(answer):
        k = bisect_right(starts, start) - 1
        if k >= 0 and start < display[k][1]:
            continue
        taken.append((start, end))
        found.extend(_from_region(body, start, "inline"))
    boxed, boxes_closed = _boxed(answer)
    for start, body in boxed:
        # "\boxed{\begin{aligned} ... \\ ... \end{aligned}}": each row of a boxed block is boxed
        found.extend(Candidate(c.text, c.start, "boxed") for c in _from_region(body, start, "boxed"))
    masked = _mask(answer, taken)
    found.extend(_plain(masked))
    found.sort(key=lambda c: c.start)
    return tuple(found), closed and boxes_closed


CHECK_MARKS = "✓✔✅☑"
_LATEX_SPACES = ("\\qquad", "\\quad", "\\,", "\\;", "\\:", "\\")
"""Spacing commands before a closing mark (`\\ ` is a backslash once the space is stripped)."""


def _drop_check_mark(row: str) -> str:
    """`... = 0 \\ ✅` inside math: the mark says the step holds; it is no factor. (A cross mark stays:
    it says the statement is false.) Trimmed from the end by plain string steps, linear in the row."""
    row = row.rstrip().removesuffix("\ufe0f")
    if not row or row[-1] not in CHECK_MARKS:
        return row
    row = row[:-1].rstrip()
    while (cut := next((len(sp) for sp in _LATEX_SPACES if row.endswith(sp)), 0)) > 0:
        row = row[:-cut].rstrip()
    return row


MATRIX_ENVIRONMENTS = frozenset(
    {"bmatrix", "pmatrix", "vmatrix", "Bmatrix", "Vmatrix", "matrix", "smallmatrix", "array"}
)
MATRIX_PLACEHOLDER = r" \hwunsupportedmatrix "
"""What an explicit matrix (`\\begin{bmatrix} 0 & 0 \\\\ 0 & -D \\end{bmatrix}`) becomes: one unsupported
side of its chain, so that its rows do not cut the chain and `A = [blocks] = 0` still states A = 0."""


def _opaque_matrices(body: str) -> str:
    """`body` with each explicit matrix replaced by `MATRIX_PLACEHOLDER` (one forward scan)."""
    out: list[str] = []
    unclosed: set[str] = set()  # environments with no `\\end` after some point: none after any later one
    i = 0
    while (j := body.find("\\begin{", i)) >= 0:
        close = body.find("}", j + 7, j + 7 + 16)
        env = body[j + 7 : close] if close > 0 else ""
        end = body.find(f"\\end{{{env}}}", close) if env in MATRIX_ENVIRONMENTS and env not in unclosed else -1
        if end < 0:
            if env in MATRIX_ENVIRONMENTS:
                unclosed.add(env)
            out.append(body[i : j + 7])
            i = j + 7
            continue
        out.append(body[i:j])
        out.append(" 0 " if _all_zero(body[close + 1 : end]) else MATRIX_PLACEHOLDER)
        i = end + len(env) + 6
    out.append(body[i:])
    return "".join(out)


def _all_zero(cells: str) -> bool:
    """Whether a matrix's body holds only zeros (`0 & 0 \\\\ 0 & 0`, `0 \\\\ 0`): the zero matrix, whatever its
    blocks' sizes, so `(V_2V_1 - I)DV_1^T = [...][...] = [0; 0]` states the product is zero."""
    rest = cells.replace("&", " ").replace("\\\\", " ").replace("0", " ")
    return "0" in cells and not rest.strip()


def _from_region(body: str, start: int, source: Source) -> list[Candidate]:
    if "\\begin{" in body:
        body = _opaque_matrices(body)
    if "\\\\" not in body and "&" not in body:
        return [Candidate(_drop_check_mark(body.strip()), start, source)]
    body = _ROW_ENV_RE.sub(" ", body)
    statements: list[str] = []
    for row in _ROW_BREAK_RE.split(body):
        row = _drop_check_mark(_ANNOTATION_RE.sub("", row.replace("&", " ")).strip())
        if not row:
            continue
        if statements and row[0] in "=+-":
            statements[-1] += " " + row
        else:
            statements.append(row)
    return [Candidate(s, start, "aligned") for s in statements]


def _boxed(answer: str) -> tuple[list[tuple[int, str]], bool]:
    """(start, body) of each `\\boxed{...}`, and whether text after the answer could close or open
    one (a brace still open at the end, or a `\\boxed` ending it)."""
    if "\\boxed" not in answer:
        return [], True
    found = boxed(answer, BOXED_MAX_CHARS)
    # a brace still open at the end: one that never closes, within reach of the answer's end
    closed = not answer.rstrip().endswith("\\boxed") and all(
        shut or end + BOXED_MAX_CHARS < len(answer) for _, end, _, shut in found
    )
    return [(start, body) for start, _, body, _ in found if body is not None], closed


def _mask(answer: str, spans: list[tuple[int, int]]) -> str:
    """The answer with every character of the spans but line breaks turned into a space (one
    pass, whatever the spans' order or overlaps)."""
    if not spans:
        return answer
    pieces: list[str] = []
    pos = 0
    for a, b in sorted(spans):
        a = max(a, pos)
        if b <= a:
            continue
        pieces.append(answer[pos:a])
        pieces.append("\n".join(" " * len(line) for line in answer[a:b].split("\n")))
        pos = b
    pieces.append(answer[pos:])
    return "".join(pieces)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _mathy(word: str) -> bool:
    if word in _OPERATOR_WORDS:
        return True  # `2 * W2.T @ (W2 @ W1 - I) @ C`: a product spaced out in plain text
    core = word.strip('.,;:!?*`"')
    if not core:
        return False
    if core.endswith(".T") and len(core) > 2 and not core.endswith(".T.T"):  # one level: no recursion
        return _mathy(core[:-2]) or core[-3] == ")"  # `W2.T`, `(W2 @ W1).T`: NumPy's transpose
    if core.endswith("'") and len(core) > 1 and core[-2] != "'":  # one level: no recursion
        return _mathy(core[:-1]) or core[-2] == ")"  # `W2'`, `(W1*X)'`: MATLAB's transpose
    if core.strip("()") in ACRONYMS or _COURSE_WORD_RE.match(core):
        return False  # also `(SVD)`, `(SVD;` opening a comment after the formula
    if _TRACE_WORD_RE.match(core):
        return True
    if _SPELLED_GREEK_WORD_RE.match(core):
        return True  # `Lambda_k`, `Sigma^2`: a matrix named in words
    if _ENGLISH_RE.search(core.replace("\\", " \\")) and "\\" not in core:
        return False
    if core[0] == "(" and len(core) > 2 and core[1:].isalpha() and core[1:].islower():
        return False  # `(an m×m matrix)`: a parenthetical in words, not a factor
    if word.endswith(",") and _OPEN_SHAPE_NOTE_RE.match(core):
        return False  # `(m×m, symmetric)`: a shape note that goes on in words
    if "\\" in core:
        return not re.search(r"\\(?:text|textbf|emph)\b", core)
    return bool(_MATH_CHARS & set(core)) or bool(_SYMBOL_WORD_RE.match(core))


def _plain(masked: str) -> list[Candidate]:
    """Runs of formula-like words in text outside math delimiters."""
    out = []
    # A line that starts with `=` continues the previous line's chain.
    if "(" in masked:
        masked = _SHAPE_NOTE_RE.sub(lambda m: " " * len(m.group(0)), masked)
    if "=" in masked:
        if "(" in masked:
            masked = _STEP_NOTE_RE.sub(lambda m: " " * len(m.group(0)), masked)
        masked = _WORD_NOTE_RE.sub(lambda m: " " * len(m.group(0)), masked)
        if "←" in masked or "⟵" in masked or "<-" in masked:
            masked = _ARROW_NOTE_RE.sub(lambda m: " " * len(m.group(0)), masked)
        masked = _CONTINUATION_RE.sub(lambda m: " " * len(m.group(0)), masked)
    masked = _BULLET_RE.sub(lambda m: " " * len(m.group(0)), masked)
    if "(" in masked:
        masked = _EQUATION_TAG_RE.sub(
            lambda m: (m.group(1) or "") + " " * (len(m.group(0)) - len(m.group(1) or "")), masked
        )
    for line_match in _LINE_RE.finditer(masked):
        line = line_match.group(0)
        # Flags per word in one C-level pass; match objects only for lines with a formula-like word.
        flags = list(map(_mathy, line.split()))
        if True not in flags:
            continue
        words = list(_WORD_RE.finditer(line))
        # Runs of formula-like words; a word that ends in a colon ends its run (`W₁ (k×m):** ∇_{W₁}L
        # = ...` labels the formula after it), as does one that closes a bold span.
        runs: list[tuple[int, int]] = []
        first = None
        for j, (mathy, word) in enumerate(zip(flags, words)):
            if not mathy:
                if first is not None:
                    runs.append((first, j - 1))
                first = None
                continue
            if first is None:
                first = j
            if _LABEL_END_RE.search(word.group()):
                runs.append((first, j))
                first = None
        if first is not None:
            runs.append((first, len(words) - 1))
        for a, b in runs:
            text = line[words[a].start() : words[b].end()].strip(' .,;:!?*`"')
            if _formula_like(text):
                out.append(Candidate(text, line_match.start() + words[a].start(), "plain"))
    return out


def _formula_like(text: str) -> bool:
    letters = sum(map(str.isupper, text))
    return letters >= 1 and ("=" in text or "^" in text or "ᵀ" in text or letters >= 2)


def answer_statements(
    answer: str,
    shapes: Mapping[str, tuple[str, str]] | None = None,
    deadline: Deadline | None = None,
) -> tuple[list[tuple[Candidate, Statement]], list[tuple[Candidate, MathError]]]:
    """Every statement the answer makes, with where it came from; unusable snippets with why.

    Memoised per answer text and shape table: every q3b check reads the same answer.
    """
    deadline = deadline or Deadline()
    key = (answer, table_key(shapes))
    known = _answers.get(key)
    if known is not None:
        return list(known[0]), list(known[1])
    statements: list[tuple[Candidate, Statement]] = []
    errors: list[tuple[Candidate, MathError]] = []
    for cand in find_candidates(answer):
        try:
            found, errs = snippet_statements(cand, shapes, deadline)
        except MathError as exc:
            errors.append((cand, exc))
            break
        statements.extend((cand, s) for s in found)
        errors.extend((cand, e) for e in errs)
    if not deadline.expired:
        _answers.put(key, (tuple(statements), tuple(errors)))
    return statements, errors


def snippet_statements(
    cand: Candidate, shapes: Mapping[str, tuple[str, str]] | None, deadline: Deadline
) -> tuple[list[Statement], list[MathError]]:
    """The statements of one snippet and why parts of it are unusable; raises only once the
    deadline has passed (an unreadable snippet is an error, not the end of the answer)."""
    if len(cand.text) > MAX_INPUT_CHARS:
        return [], [MathError("limit", "the formula is too long")]
    try:
        return parse_statements(cand.text, shapes, deadline)
    except MathError as exc:
        if deadline.expired:
            raise
        return [], [exc]


_candidates: Memo[tuple[Candidate, ...]] = Memo(ANSWER_MEMO_SIZE)
_paragraphs: Memo[tuple[tuple[Candidate, ...], bool]] = Memo(PARAGRAPH_MEMO_SIZE)
_answers: Memo[tuple[tuple[tuple[Candidate, Statement], ...], tuple[tuple[Candidate, MathError], ...]]] = Memo(
    ANSWER_MEMO_SIZE
)
