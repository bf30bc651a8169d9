"""`numbers` with `exact:`: a value given as an exact expression, compared through sympy."""

import pytest

from hw7grade.checks.base import CheckContext
from hw7grade.checks.numbers import NumbersCheck

SPEEDUP = NumbersCheck(values=[{"value": 13.1, "exact": r"\frac{341}{26}", "label": "speed-up"}], points=1)
BASELINE = NumbersCheck(values=[{"value": 341, "unit": "s", "exact": "341"}], points=1)
REPRODUCED = NumbersCheck(values=[{"value": 341, "unit": "s", "exact": "341", "also": [356]}], points=1)
"""`exact:` and `also:` together: the exact value or another value the sources report."""


@pytest.mark.parametrize(
    "check, answer, status",
    [
        (SPEEDUP, "It is 13.1 times faster.", "passed"),
        (SPEEDUP, "about 13 times faster", "passed"),
        (SPEEDUP, "13.115 times faster", "passed"),
        (SPEEDUP, "It is 13.2 times faster.", "failed"),
        (BASELINE, "The run took 5 min 41 s.", "passed"),
        (BASELINE, "The run took 5 min 40 s.", "failed"),
        (REPRODUCED, "The run took 5 min 41 s.", "passed"),
        (REPRODUCED, "The reproduction took 356 s.", "passed"),
        (REPRODUCED, "The run took 350 s.", "failed"),
    ],
)
def test_exact_values(check, answer, status):
    assert check.run(CheckContext(answer)).status == status
