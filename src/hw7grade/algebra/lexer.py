"""LaTeX (and plain-text) matrix algebra -> tokens.

Only the subset models write for matrix algebra is recognised; every other command becomes an
`unsup` token so the parser can say which construct it does not handle.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..regexes import regex
from .limits import MAX_INPUT_CHARS, MAX_NUMBER_DIGITS, Deadline, MathError

UNICODE_SPELLINGS = (
    ("^⊤", "^T"),
    ("^ᵀ", "^T"),
    ("⊤", "^T"),
    ("ᵀ", "^T"),
    ("⁻¹", "^{-1}"),
    ("²", "^2"),
    ("³", "^3"),
    ("−", "-"),
    ("–", "-"),
    ("·", r"\cdot "),
    ("⋅", r"\cdot "),
    ("×", r"\times "),
    ("∇", r"\nabla "),
    ("∂", r"\partial "),
    ("₀", "_0"),
    ("₁", "_1"),
    ("₂", "_2"),
    ("₃", "_3"),
    ("₄", "_4"),
    ("₅", "_5"),
    ("₆", "_6"),
    ("₇", "_7"),
    ("₈", "_8"),
    ("₉", "_9"),
    ("′", "^T"),
    ("ₖ", "_k"),
    ("ₘ", "_m"),
    ("ₙ", "_n"),
    ("λ", r"\lambda "),
    ("σ", r"\sigma "),
    ("Σ", r"\Sigma "),
    ("Λ", r"\Lambda "),
    ("≈", r"\approx "),
    ("≠", r"\neq "),
    ("∈", r"\in "),
    ("⟺", r"\iff "),
    ("⇔", r"\iff "),
    ("⇒", r"\Rightarrow "),
    ("⟹", r"\Rightarrow "),
    ("→", r"\Rightarrow "),
    ("≤", r"\leq "),
    ("≥", r"\geq "),
    ("ℒ", r"\loss "),
    ("𝓛", r"\loss "),  # bold script, as models write it ("∂𝓛/∂W₂")
    ("‖", r"\| "),
)
_FONT_RE = regex(
    r"\\(?P<command>mathbf|boldsymbol|bm|mathrm|mathit|mathsf|mathnormal|pmb|mathbfit|textbf|textit|textrm"
    r"|operatorname\*?|text|mbox|mathbb|mathcal|mathscr)(?:\s*\{(?P<inner>[^{}]*)\}|[ \t]{1,3}(?P<bare>[A-Za-z0-9]))"
)
"""A font command and its argument: braced, or one letter or digit after a space (`^{\\mathsf T}`)."""
_SIMPLE_INNER_RE = regex(r"^\s*(?:[A-Za-z0-9]|\\[A-Za-z]+)(?:\s*_\s*(?:\{\s*\w+\s*\}|\w))?\s*$")
_TRACE_WORDS = {"tr", "Tr", "trace", "Trace", "TR"}
_LOSS_LETTERS = {"L", "J"}
_MAX_FONT_PASSES = 8
_TRACE_CALL_RE = regex(r"(?:trace|Trace|tr|Tr)(?=\s*\()")
_TRACE_CALL_WINDOW = 8
"""Characters looked at for a plain-text `tr(` / `trace (` call."""

GREEK = frozenset(
    {
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "varepsilon",
        "eta",
        "theta",
        "kappa",
        "lambda",
        "mu",
        "nu",
        "xi",
        "rho",
        "sigma",
        "tau",
        "phi",
        "varphi",
        "chi",
        "psi",
        "omega",
        "Gamma",
        "Delta",
        "Theta",
        "Lambda",
        "Xi",
        "Sigma",
        "Phi",
        "Psi",
        "Omega",
    }
)
SPELLED_GREEK = frozenset(name for name in GREEK if len(name) >= 4)
"""Greek names read as the letter without a backslash (`U_k Lambda_k`, `Sigma = X X^T`); shorter
ones (`mu`, `xi`, `Phi`) are too easily a product of single letters."""
SPELLED_SHORT = {"Sig": "Sigma", "Lam": "Lambda"}
"""ASCII shorthands of a capital Greek name, read as it when a whole word (`X = U Sig V^T`)."""
_SPELLED_GREEK_MAX = max(map(len, SPELLED_GREEK))
_SPELLED_GREEK_MIN = min(map(len, [*SPELLED_GREEK, *SPELLED_SHORT]))
"""A letter starts a spelled Greek name only if this many letters start there (a cheap test first)."""
_IGNORED = {
    "left",
    "right",
    "big",
    "Big",
    "bigg",
    "Bigg",
    "bigl",
    "bigr",
    "Bigl",
    "Bigr",
    "biggl",
    "biggr",
    "Biggl",
    "Biggr",
    "displaystyle",
    "textstyle",
    "limits",
    "nolimits",
    "nonumber",
    "notag",
    "boxed",
    "mathstrut",
    "checkmark",  # `= 0 \checkmark`: the step holds; the mark is no factor (as ✓ is not)
}
_SPACES = {",", ";", ":", "!", ">", " ", "enspace", "thinspace", "medspace", "thickspace"}
_NEGATIVE_SPACES = {"!"}
r"""`\!` pulls its neighbours together: they stay adjacent, unlike after the other spaces."""
_SEPARATORS = {
    "quad",
    "qquad",
    "Rightarrow",
    "implies",
    "iff",
    "Longrightarrow",
    "Leftrightarrow",
    "therefore",
    "because",
    "hwsep",
    "newline",
}
_RELATIONS = {
    "approx",
    "neq",
    "ne",
    "leq",
    "le",
    "geq",
    "ge",
    "in",
    "sim",
    "propto",
    "equiv",
    "simeq",
    "cong",
    "subset",
    "subseteq",
    "lt",
    "gt",
    "mapsto",
    "to",
}
_MULS = {"cdot", "times", "ast", "cdotp"}
_FRACS = {"frac", "dfrac", "tfrac", "cfrac"}
_TOPS = {"top", "intercal", "T"}
_DROP_WITH_ARG = {"label", "tag", "hspace", "vspace"}


_new_token = tuple.__new__
"""`Token(kind, text, pos, adjacent)` is `_new_token(Token, (kind, text, pos, adjacent))`: the same
tuple, without the Python-level `__new__` of the named tuple (the lexer builds one per token)."""


class Token(NamedTuple):
    """A named tuple rather than a frozen dataclass: answers hold thousands of tokens, and a
    tuple is several times cheaper to build."""

    kind: str
    """num, letter, greek, op, mul, frac, nabla, partial, top, trace, loss, norm, sep, rel, row, unsup."""
    text: str
    pos: int
    adjacent: bool = False
    """True when no whitespace separates this token from the previous one (`W1`, not `W 1`)."""


def _unwrap_fonts(text: str) -> str:
    """`\\mathbf{W}_1` -> `W_1`, `\\mathrm{tr}` -> `\\trace`, `\\text{and}` -> a separator."""

    def repl(match: re.Match[str]) -> str:
        command = match["command"].rstrip("*")
        inner = (match["inner"] if match["inner"] is not None else match["bare"]).strip()
        if inner in _TRACE_WORDS:
            return r" \trace "
        if command in ("mathcal", "mathscr"):
            return r" \loss " if inner in _LOSS_LETTERS else inner
        if command == "mathbb":
            return inner if inner in ("I", "1", "0") else r" \hwunsupportedmathbb "
        if command in ("text", "mbox", "textrm", "textbf", "textit"):
            if not inner or not any(c.isalnum() for c in inner):
                return " "
            if len(inner) == 1 and inner.isalpha():
                return inner
            return r" \hwsep "
        if command.startswith("operatorname"):
            return r" \hwunsupportedoperatorname "
        if inner in ("T", r"\top", r"\intercal"):
            return "T"
        out = inner if _SIMPLE_INNER_RE.match(inner) else "{" + inner + "}"
        # `X^\top\mathbf{W}_1` must not become the command `\topW`.
        return " " + out if _after_command(match.string, match.start()) else out

    for _ in range(_MAX_FONT_PASSES):
        new = _FONT_RE.sub(repl, text)
        if new == text:
            break
        text = new
    return text


def _after_command(text: str, end: int) -> bool:
    """Whether `text[:end]` ends with a `\\command` name (looks back a bounded number of letters)."""
    i = end
    while i > 0 and end - i < _MAX_COMMAND_LOOKBACK and text[i - 1].isalpha():
        i -= 1
    return i < end and i > 0 and text[i - 1] == "\\"


_MAX_COMMAND_LOOKBACK = 16


ASCII_ARROWS = (("<==>", r" \iff "), ("<=>", r" \iff "), ("==>", r" \Rightarrow "), ("=>", r" \Rightarrow "))
"""Plain-text arrows between two statements ("dL/dW1 = 0  <=>  W2^T W2 W1 X X^T = W2^T X X^T"), longest
first: each separates statements as its LaTeX spelling does."""


_ANNOTATED_RELATION_RE = regex(
    r"\\(?:overset|stackrel|underset)[ \t]{0,3}\{(?:[^{}\n]|\{[^{}\n]{0,16}\}){0,24}\}"
    r"[ \t]{0,3}\{[ \t]{0,3}([^{}\n]{1,12}?)[ \t]{0,3}\}"
)
"""`A \\overset{(1)}{=} B`, `\\stackrel{\\text{def}}{=}`: the relation, its note above or below dropped."""


_BRACES = ("\\underbrace", "\\overbrace")


def _without_brace_labels(text: str) -> str:
    """`\\underbrace{W_1 U}_{V_1}` as `{W_1 U}`: the label under the brace names the group, it is no
    subscript. One pass: each brace's group is closed once, and its label skipped once."""
    out: list[str] = []
    marked: list[int] = []  # depths at which an underbrace's group opened
    depth = 0
    i, n = 0, len(text)
    while i < n:
        if text.startswith(_BRACES, i):
            j = i + (len(_BRACES[0]) if text.startswith(_BRACES[0], i) else len(_BRACES[1]))
            while j < n and text[j] == " ":
                j += 1
            if j < n and text[j] == "{":
                marked.append(depth)
                i = j  # the group's brace is copied below
                continue
        c = text[i]
        out.append(c)
        i += 1
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if marked and marked[-1] == depth:
                marked.pop()
                j = i
                while j < n and text[j] == " ":
                    j += 1
                if j + 1 < n and text[j] in "_^" and text[j + 1] == "{":
                    level, j = 0, j + 1
                    while j < n:
                        level += {"{": 1, "}": -1}.get(text[j], 0)
                        j += 1
                        if level == 0:
                            break
                    i = j
    return "".join(out)


def normalise(text: str) -> str:
    if "brace" in text:
        text = _without_brace_labels(text)
    if "set" in text or "stackrel" in text:
        text = _ANNOTATED_RELATION_RE.sub(r" \1 ", text)
    if not text.isascii():  # every `UNICODE_SPELLINGS` spelling holds a non-ASCII character
        for old, new in UNICODE_SPELLINGS:
            if old in text:
                text = text.replace(old, new)
    if "=>" in text:
        for old, new in ASCII_ARROWS:
            if old in text:
                text = text.replace(old, new)
    return _unwrap_fonts(text) if "\\" in text else text


def tokenize(text: str, deadline: Deadline | None = None) -> list[Token]:
    if len(text) > MAX_INPUT_CHARS:
        raise MathError("limit", f"the input is {len(text)} characters; the limit is {MAX_INPUT_CHARS}")
    text = normalise(text)
    tokens: list[Token] = []
    i, n = 0, len(text)
    gap = True
    while i < n:
        if deadline is not None and i % 256 == 0:
            deadline.check()
        ch = text[i]
        if ch.isspace() or ch == "~":
            gap = True
            i += 1
            continue
        start = i
        if ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit()):
            j = i
            while j < n and (text[j].isdigit() or (text[j] == "." and j + 1 < n and text[j + 1].isdigit())):
                j += 1
            number = text[i:j]
            if len(number) > MAX_NUMBER_DIGITS:
                raise MathError("limit", f"the number at character {i + 1} has more than {MAX_NUMBER_DIGITS} digits")
            tokens.append(_new_token(Token, ("num", number, start, not gap)))
            i = j
        elif ch.isalpha() and ch.isascii():
            # Plain-text `tr(A)` / `trace(A)` is the trace, not t times r.
            word = _TRACE_CALL_RE.match(text, i, i + _TRACE_CALL_WINDOW) if ch in "tT" else None
            prev_alpha = i > 0 and text[i - 1].isalpha()
            if word and not prev_alpha:
                tokens.append(_new_token(Token, ("trace", word.group(0), start, not gap)))
                i += len(word.group(0))
            elif ch == "g" and not prev_alpha and text.startswith("grad_", i):
                # Plain-text `grad_W1 L`: the gradient, as `\nabla_{W_1} L`
                tokens.append(_new_token(Token, ("nabla", "grad", start, not gap)))
                i += 4
            elif not prev_alpha and text[i : i + _SPELLED_GREEK_MIN].isalpha() and (spelled := _spelled_greek(text, i)):
                tokens.append(_new_token(Token, ("greek", SPELLED_SHORT.get(spelled, spelled), start, not gap)))
                i += len(spelled)
            else:
                tokens.append(_new_token(Token, ("letter", ch, start, not gap)))
                i += 1
        elif ch == "\\":
            end = _command(text, i, tokens, gap)
            name, i = text[i + 1 : end], end
            if name in _SPACES and name not in _NEGATIVE_SPACES:  # `W_1U \;(k\times m)`: not adjacent
                gap = True
                continue
        elif ch == "@":  # NumPy's and PyTorch's matrix product: `W2.T @ (W2 @ W1 - I)`
            tokens.append(_new_token(Token, ("op", "*", start, not gap)))
            i += 1
        elif (
            ch == "."
            and not gap
            and text.startswith("T", i + 1)
            and (i + 2 == n or not text[i + 2].isalnum())
            and tokens
            and (tokens[-1].kind in ("letter", "num") or tokens[-1].text == ")")
        ):
            # `W2.T`, `(W2 @ W1).T`: NumPy's transpose, as `^T`
            tokens.append(_new_token(Token, ("op", "^", start, True)))
            tokens.append(_new_token(Token, ("top", "T", start + 1, True)))
            i += 2
        elif ch in "+-*/^_()[]{}=,;&":
            if ch == "=" and tokens and tokens[-1].kind == "op" and tokens[-1].text == ":":
                tokens.pop()
            tokens.append(_new_token(Token, ("op", ch, start, not gap)))
            i += 1
        elif ch == ":" and i + 1 < n and text[i + 1] == "=":
            i += 1  # `:=` is `=`
        elif ch == ":" and tokens and tokens[-1].kind == "op" and tokens[-1].text == "=":
            i += 1  # `=:` too (`W₂W₁ = U_kU_kᵀ =: P` names the side before it)
        elif ch == "?" and tokens and tokens[-1].kind == "op" and tokens[-1].text == "=" and not gap:
            i += 1  # `A =? B`: the equation to be checked, which the lines after it show
        elif ch in "<>":
            tokens.append(_new_token(Token, ("rel", ch, start, not gap)))
            i += 1
        elif ch == "|":
            tokens.append(_new_token(Token, ("unsup", "|", start, not gap)))
            i += 1
        elif ch in ".:!?":
            tokens.append(_new_token(Token, ("sep", ch, start, not gap)))
            i += 1
        elif (
            ch == "'"
            and not gap
            and tokens
            and (tokens[-1].kind in ("letter", "num") or tokens[-1].text in (")", "}", "]"))
            and (i + 1 == n or not text[i + 1].isalnum())
        ):
            # `W2' * (I - W2*W1) * X*X'`: MATLAB's transpose, as `^T`, right after what it transposes
            tokens.append(_new_token(Token, ("op", "^", start, True)))
            tokens.append(_new_token(Token, ("top", "T", start, True)))
            i += 1
        elif ch == "'":
            tokens.append(_new_token(Token, ("unsup", "' (prime)", start, not gap)))
            i += 1
        else:
            tokens.append(_new_token(Token, ("unsup", ch, start, not gap)))
            i += 1
        gap = False
    # Both a shape note and a leading tag open with `(`, which only a `(` in the text gives.
    return _without_shape_notes(tokens) if "(" in text else tokens


def _spelled_greek(text: str, i: int) -> str | None:
    """The Greek name spelled out at `i` as a whole word (`Lambda` in `Lambda_k`, `Sig`), or None."""
    j = i
    end = min(len(text), i + _SPELLED_GREEK_MAX + 1)
    while j < end and text[j].isalpha():
        j += 1
    name = text[i:j]
    return name if name in SPELLED_GREEK or name in SPELLED_SHORT else None


def _without_shape_notes(tokens: list[Token]) -> list[Token]:
    """Drop a shape note after a matrix, `V_1 = W_1 U (k×m)`: a spaced `(a × b)` of two sizes
    (single lower-case letters or numbers), words before or after them allowed (`(\\text{diagonal, }
    m\\times m)`), that follows a matrix name, `)`, a transpose or a zero; and a leading tag, `(C1)
    V_2^T D = 0`. Read as products they would scale the statement by k·m or by a matrix C. One pass,
    seven tokens looked at per position."""
    if len(tokens) < 5:
        return tokens
    out: list[Token] = []
    i, n = 0, len(tokens)
    tag = _leading_tag(tokens)
    if tag:
        i = tag
    while i < n:
        t = tokens[i]
        if t.kind == "op" and t.text == "(" and not t.adjacent and _ends_matrix_or_zero(out) and i + 4 < n:
            # Words in the note are separators: `(\text{diagonal, } m\times m)`.
            j = i + 1 + (tokens[i + 1].kind == "sep")
            a, times, b = tokens[j : j + 3] if j + 3 <= n else (t, t, t)
            k = j + 3 + (j + 3 < n and tokens[j + 3].kind == "sep")
            close = tokens[k] if k < n else t
            if (
                _is_size(a)
                and (times.kind == "mul" or (times.kind == "letter" and times.text == "x"))
                and _is_size(b)
                and close.kind == "op"
                and close.text == ")"
            ):
                i = k + 1
                continue
        out.append(t)
        i += 1
    return out


def _is_size(t: Token) -> bool:
    return (t.kind == "letter" and t.text.islower()) or (t.kind == "num" and t.text.isdigit())


def _ends_matrix_or_zero(out: list[Token]) -> bool:
    """Whether the tokens so far end with a matrix or a zero: `= 0 (k×m)` is a zero of that shape."""
    return _ends_matrix(out) or (bool(out) and out[-1].kind == "num" and out[-1].text == "0")


def _ends_matrix(out: list[Token]) -> bool:
    """Whether the tokens so far end with a matrix: `W`, `W_2`, `W2`, `W^T`, `(...)`."""
    if not out:
        return False
    t = out[-1]
    if t.kind in ("num", "letter") and len(out) > 2 and out[-2].text == "_":
        t = out[-3]  # `W_2`, `U_k`: the subscript's matrix
    elif t.kind == "num" and t.adjacent and len(out) > 1:
        t = out[-2]  # `W2`: the subscript written without `_`
    return (
        (t.kind in ("letter", "greek") and t.text[:1].isupper())  # `W`, `Σ` (a capital Greek letter names a matrix)
        or t.kind == "top"
        or (t.kind == "op" and t.text in ")}")
    )


def _leading_tag(tokens: list[Token]) -> int:
    """How many tokens a leading `(C1) ` / `(E2) ` tag takes (0 when there is none): a letter and
    a number in parentheses, then a space (`(W1)^T X` and `(W1)X` are matrices, not tags)."""
    if len(tokens) > 4 and tokens[0].text == "(" and tokens[1].kind == "letter" and tokens[3].text == ")":
        after = tokens[4]
        if (
            tokens[2].kind == "num"
            and tokens[2].adjacent
            and tokens[3].adjacent
            and not after.adjacent
            and after.text not in ("^", "_")
            and after.kind != "top"
        ):
            return 4
    return 0


def _command(text: str, i: int, tokens: list[Token], gap: bool) -> int:
    n = len(text)
    if i + 1 >= n:
        tokens.append(_new_token(Token, ("unsup", "\\", i, not gap)))
        return n
    nxt = text[i + 1]
    if nxt == "\\":
        tokens.append(_new_token(Token, ("row", "\\\\", i, not gap)))
        return i + 2
    if nxt == "|":
        tokens.append(_new_token(Token, ("norm", r"\|", i, not gap)))
        return i + 2
    if nxt in "{}":
        tokens.append(_new_token(Token, ("unsup", "\\" + nxt, i, not gap)))
        return i + 2
    if not nxt.isalpha():
        if nxt in _SPACES:
            return i + 2
        tokens.append(_new_token(Token, ("unsup", "\\" + nxt, i, not gap)))
        return i + 2
    j = i + 1
    while j < n and text[j].isalpha():
        j += 1
    name = text[i + 1 : j]
    adjacent = not gap
    if name in _IGNORED:
        if name in ("left", "right") and j < n and text[j] == ".":
            return j + 1
        return j
    if name in _SPACES:
        return j
    if name in _DROP_WITH_ARG:
        return _skip_group(text, j)
    if name in _SEPARATORS:
        tokens.append(_new_token(Token, ("sep", name, i, adjacent)))
    elif name in _RELATIONS:
        tokens.append(_new_token(Token, ("rel", name, i, adjacent)))
    elif name in _MULS:
        tokens.append(_new_token(Token, ("mul", name, i, adjacent)))
    elif name in _FRACS:
        tokens.append(_new_token(Token, ("frac", name, i, adjacent)))
    elif name == "nabla":
        tokens.append(_new_token(Token, ("nabla", name, i, adjacent)))
    elif name == "partial":
        tokens.append(_new_token(Token, ("partial", name, i, adjacent)))
    elif name in _TOPS:
        tokens.append(_new_token(Token, ("top", name, i, adjacent)))
    elif name in ("trace", "tr", "Tr"):
        tokens.append(_new_token(Token, ("trace", name, i, adjacent)))
    elif name in ("loss", "ell"):
        tokens.append(_new_token(Token, ("loss", name, i, adjacent)))
    elif name in GREEK:
        tokens.append(_new_token(Token, ("greek", name, i, adjacent)))
    elif name in ("lVert", "rVert", "Vert"):
        tokens.append(_new_token(Token, ("norm", r"\|", i, adjacent)))
    elif name in ("vert", "lvert", "rvert"):
        tokens.append(_new_token(Token, ("unsup", r"\| (norm)", i, adjacent)))
    else:
        tokens.append(_new_token(Token, ("unsup", "\\" + name.replace("hwunsupported", ""), i, adjacent)))
    return j


def _skip_group(text: str, j: int) -> int:
    """Skip `{...}` after commands whose argument is not mathematics (`\\label`, `\\tag`)."""
    n = len(text)
    while j < n and text[j].isspace():
        j += 1
    if j >= n or text[j] != "{":
        return j
    depth = 0
    while j < n:
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return n
