"""Property-based: random matrix polynomials written two equal ways are judged equal, and small
mutations (one coefficient, one letter) are caught."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hw7grade.algebra import compare
from hw7grade.rubric.course import default_course

HW7_SHAPES = dict(default_course().shapes)
"""The bundled course file's shapes (X, W_1, W_2, U_k)."""

# letter -> (rows, cols) under HW7 shapes: X m x n, W_1 k x m, W_2 m x k, U_k m x k.
LETTERS = {
    "X": ("m", "n"),
    "X^T": ("n", "m"),
    "W_1": ("k", "m"),
    "W_1^T": ("m", "k"),
    "W_2": ("m", "k"),
    "W_2^T": ("k", "m"),
    "U_k": ("m", "k"),
    "U_k^T": ("k", "m"),
}
DIMS = ("k", "m", "n")


def _flip(letter: str) -> str:
    return letter[:-2] if letter.endswith("^T") else letter + "^T"


@st.composite
def words(draw, start: str, end: str):
    """A product of letters whose shapes chain from `start` rows to `end` columns (length 1-4)."""
    for _ in range(20):
        length = draw(st.integers(1, 4))
        dim, word = start, []
        for i in range(length):
            choices = sorted(l for l, (r, c) in LETTERS.items() if r == dim and (i < length - 1 or c == end))
            if not choices:
                break
            letter = draw(st.sampled_from(choices))
            word.append(letter)
            dim = LETTERS[letter][1]
        if len(word) == length and dim == end:
            return tuple(word)
    return ()


@st.composite
def polynomials(draw):
    start, end = draw(st.sampled_from(DIMS)), draw(st.sampled_from(DIMS))
    terms: dict[tuple[str, ...], int] = {}
    for _ in range(draw(st.integers(1, 4))):
        word = draw(words(start, end))
        if word:
            terms[word] = draw(st.sampled_from([-3, -2, -1, 1, 2, 3]))
    if not terms:
        # Always something: a sized identity when the shape is square, else one letter path.
        terms[(f"I_{start}",) if start == end else draw(words(start, end)) or ("X",)] = 1
    return start, end, terms


def render(terms: dict[tuple[str, ...], int], order: list[int] | None = None) -> str:
    items = list(terms.items())
    if order is not None:
        # `order` is a permutation of range(4); keep the indices that exist.
        items = [items[i] for i in order if i < len(items)]
    out = []
    for word, c in items:
        body = " ".join(word)
        out.append(f"{'+' if c > 0 else '-'} {abs(c)} {body}")
    text = " ".join(out)
    return text[2:] if text.startswith("+ ") else text


def render_transposed(terms: dict[tuple[str, ...], int]) -> str:
    """`(T)^T` where T is the transposed polynomial: equal to `terms`."""
    flipped = {tuple(_flip(l) if not l.startswith("I_") else l for l in reversed(w)): c for w, c in terms.items()}
    return r"\left(" + render(flipped) + r"\right)^\top"


def render_with_identities(terms: dict[tuple[str, ...], int]) -> str:
    padded = {}
    for word, c in terms.items():
        padded[tuple(x for letter in word for x in (letter, "I"))] = c
    return render(padded).replace(" I I", " I")


@settings(max_examples=120, deadline=None)
@given(
    polynomials(), st.permutations(list(range(4))), st.sampled_from(["reorder", "transpose", "identities", "factor"])
)
def test_equal_forms_are_equivalent(poly, order, rewrite):
    _start, _end, terms = poly
    reference = render(terms)
    if rewrite == "reorder":
        candidate = render(terms, order)
    elif rewrite == "transpose":
        candidate = render_transposed(terms)
    elif rewrite == "identities":
        candidate = render_with_identities(terms)
    else:
        candidate = "2 \\cdot \\frac{1}{2} (" + reference + ")"
    result = compare(reference, candidate, HW7_SHAPES)
    assert result.status == "equivalent", (reference, candidate, result)


@settings(max_examples=120, deadline=None)
@given(polynomials(), st.data())
def test_mutations_are_caught(poly, data):
    _start, _end, terms = poly
    reference = render(terms)
    word = data.draw(st.sampled_from(sorted(terms)))
    mutated = dict(terms)
    kind = data.draw(st.sampled_from(["coefficient", "letter", "drop"]))
    swaps = {"W_1": "U_k^T", "U_k^T": "W_1", "W_2": "U_k", "U_k": "W_2", "W_1^T": "U_k", "W_2^T": "U_k^T"}
    positions = [i for i, l in enumerate(word) if l in swaps]
    if kind == "letter" and positions:
        i = data.draw(st.sampled_from(positions))
        new_word = word[:i] + (swaps[word[i]],) + word[i + 1 :]
        c = mutated.pop(word)
        mutated[new_word] = mutated.get(new_word, 0) + c
    elif kind == "drop" and len(terms) > 1:
        mutated.pop(word)
    else:
        mutated[word] += 1
    mutated = {w: c for w, c in mutated.items() if c}
    if not mutated:
        return  # a one-term polynomial whose coefficient became 0: nothing to compare
    result = compare(reference, render(mutated), HW7_SHAPES)
    assert result.status != "equivalent", (reference, render(mutated), result)
