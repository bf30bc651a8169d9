"""Check types, registered in one place: add a module and list its spec class in `CHECK_TYPES`."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from .base import CheckContext, CheckResult, CheckSpec, Status
from .choice import ChoiceCheck
from .concepts import ConceptsCheck
from .forbidden import ForbiddenCheck
from .math_equiv import MathEquivCheck
from .numbers import NumbersCheck
from .pca_satisfies import PcaSatisfiesCheck
from .scalar_equiv import ScalarEquivCheck
from .sequence import SequenceCheck
from .shown import ShownCheck
from .stance import StanceCheck
from .word_count import WordCountCheck

CHECK_TYPES: tuple[type[CheckSpec], ...] = (
    ChoiceCheck,
    SequenceCheck,
    NumbersCheck,
    ConceptsCheck,
    ForbiddenCheck,
    ShownCheck,
    StanceCheck,
    WordCountCheck,
    MathEquivCheck,
    PcaSatisfiesCheck,
    ScalarEquivCheck,
)

AnyCheck = Annotated[Union[CHECK_TYPES], Field(discriminator="type")]  # type: ignore[valid-type]  # a Union of a tuple

__all__ = ["AnyCheck", "CHECK_TYPES", "CheckContext", "CheckResult", "CheckSpec", "Status"]
