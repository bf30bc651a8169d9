"""Parts by id: which question a part belongs to, and choosing parts by id prefix (`q7`, `q3b`,
`q8a.ii`). Shared by the validated rubric and its cached listing, so `ask` can choose and send
parts before the rubric's models are imported."""

from __future__ import annotations

from typing import Iterable, Protocol, Sequence, TypeVar

from ..errors import RubricError
from ..regexes import regex

PART_ID_RE = regex(r"^q\d+[a-z]?(\.[ivx]+)?$")
_QUESTION_RE = regex(r"q\d+")


class HasId(Protocol):
    @property
    def id(self) -> str: ...


P = TypeVar("P", bound=HasId)


def question_of(part_id: str) -> str:
    """`q3b.ii` -> `q3`, `q7b` -> `q7`; ValueError for an id that does not start with a question."""
    match = _QUESTION_RE.match(part_id)
    if match is None:
        raise ValueError(f"{part_id!r} is not a part id (q9a, q3b.ii)")
    return match.group(0)


def select(parts: Sequence[P], prefixes: Iterable[str] | None) -> list[P]:
    """Parts whose id starts with any prefix (`q7`, `q3b`, `q8a.ii`); `all`/None = every part."""
    wanted = [p.strip().lower() for p in (prefixes or []) if p.strip()]
    if not wanted or "all" in wanted:
        return list(parts)
    chosen = [p for p in parts if any(_has_prefix(p.id, w) for w in wanted)]
    for w in wanted:
        if not any(_has_prefix(p.id, w) for p in parts):
            ids = ", ".join(p.id for p in parts)
            raise RubricError(f"No rubric part matches {w!r}; known parts: {ids}.")
    return chosen


def _has_prefix(part_id: str, prefix: str) -> bool:
    """q7 selects q7a, q8a selects q8a.i; but q8 is not q80 and q8a.i is not q8a.ii."""
    if part_id == prefix:
        return True
    if not part_id.startswith(prefix):
        return False
    following = part_id[len(prefix)]
    return following == "." or (prefix[-1].isdigit() and following.isalpha())
