"""Matrix-algebra engine for answers like `\\nabla_{W_2}\\mathcal{L} = -2(X - W_2 W_1 X)(W_1 X)^\\top`.

Pure functions, no I/O. Model text is tokenised and parsed by hand (never eval/sympify), symbols
are non-commuting matrices with shapes from a table, and equivalence is decided exactly by
evaluation on seeded random integer matrices modulo a large prime (see `evaluate`).
Entry points: `compare`, `parse_statements`, `find_candidates`, `answer_statements`, `check_at_pca`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .candidates import Candidate, answer_statements, find_candidates
    from .equivalence import (
        ERROR_STATUSES,
        STATUSES,
        MathResult,
        Prepared,
        Statement,
        best_match,
        compare,
        compare_prepared,
        parse_statements,
        prepare,
    )
    from .limits import MATH_TIMEOUT_S, Deadline, MathError
    from .parser import canonical_name
    from .pca import PcaRoles, PcaVerdict, check_at_pca
    from .shapes import normalise_table

_HOMES = {
    "candidates": ("Candidate", "answer_statements", "find_candidates"),
    "equivalence": (
        "ERROR_STATUSES",
        "STATUSES",
        "MathResult",
        "Prepared",
        "Statement",
        "best_match",
        "compare",
        "compare_prepared",
        "parse_statements",
        "prepare",
    ),
    "limits": ("MATH_TIMEOUT_S", "Deadline", "MathError"),
    "parser": ("canonical_name",),
    "pca": ("PcaRoles", "PcaVerdict", "check_at_pca"),
    "shapes": ("normalise_table",),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}
"""Each entry point's module, imported on first use: a check that needs one helper (a numbers
check's exact value reads `scalars`) does not import the whole engine."""


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Candidate",
    "Deadline",
    "ERROR_STATUSES",
    "MATH_TIMEOUT_S",
    "MathError",
    "MathResult",
    "PcaRoles",
    "PcaVerdict",
    "Prepared",
    "STATUSES",
    "Statement",
    "answer_statements",
    "best_match",
    "canonical_name",
    "check_at_pca",
    "compare",
    "compare_prepared",
    "find_candidates",
    "normalise_table",
    "parse_statements",
    "prepare",
]
