"""Time hw7grade's matrix-algebra check against Math-Verify's parse + verify on the same inputs.

Run: `.venv/bin/python benchmarks/math_equiv.py [--repeat N]`. Math-Verify is optional (not a
project dependency); without it only our numbers are printed. Math-Verify is also not a correct
judge here (it treats matrices as commuting scalars); this measures cost, not verdicts.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Callable

PAIRS: list[tuple[str, str]] = [
    (r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top",
     r"\nabla_{W_1} \mathcal{L} = -2W_2^T (\mathbf{X} - W_2 W_1 \mathbf{X}) \mathbf{X}^T"),
    (r"\nabla_{W_2}\mathcal{L} = 2 (W_2 W_1 - I) X X^\top W_1^\top",
     r"\nabla_{W_2} \mathcal{L} = -2(\mathbf{X} - W_2 W_1 \mathbf{X})(W_1 \mathbf{X})^\top"),
    (r"W_2^\top W_2 W_1 X X^\top - W_2^\top X X^\top", r"W_2^\top (W_2 W_1 - I) X X^\top"),
    (r"\operatorname{tr}(W_2 W_1 X X^\top)", r"\mathrm{tr}(W_1 X X^\top W_2)"),
]
"""Reference/answer pairs; for Math-Verify the gradient left-hand sides are dropped (it rejects them)."""

ANSWER = r"""Gradient with respect to W_2:
$$\nabla_{W_2} \mathcal{L} = -2(\mathbf{X} - W_2 W_1 \mathbf{X})(W_1 \mathbf{X})^\top = 0$$
Gradient with respect to W_1:
$$\nabla_{W_1} \mathcal{L} = -2W_2^T (\mathbf{X} - W_2 W_1 \mathbf{X}) \mathbf{X}^T = 0$$
"""


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up (imports, caches)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _rhs(text: str) -> str:
    return text.split("=", 1)[1] if r"\nabla" in text else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300, help="timed runs per measurement (default 300)")
    args = parser.parse_args()

    from hw7grade.algebra import HW7_SHAPES, compare
    from hw7grade.checks import CheckContext
    from hw7grade.checks.math_equiv import MathEquivCheck

    ours = [_median_ms(lambda a=a, b=b: compare(a, b), args.repeat) for a, b in PAIRS]
    ours_median = statistics.median(ours)
    check = MathEquivCheck(points=2, references=[PAIRS[0][0]])
    ctx = CheckContext(answer=ANSWER, shapes=HW7_SHAPES)
    check_ms = _median_ms(lambda: check.run(ctx), args.repeat)
    verdicts = [compare(a, b).status for a, b in PAIRS]
    print(f"hw7grade compare(): median {ours_median:.3f} ms per pair (per pair: {', '.join(f'{t:.3f}' for t in ours)}); verdicts: {verdicts}")
    print(f"hw7grade math_equiv check on a two-formula answer: median {check_ms:.3f} ms")

    try:
        from math_verify import parse, verify
    except ImportError:
        print("Math-Verify is not installed (pip install math-verify): comparison skipped.")
        return

    def mv(a: str, b: str) -> bool:
        return verify(parse(f"${_rhs(a)}$"), parse(f"${_rhs(b)}$"))

    theirs = [_median_ms(lambda a=a, b=b: mv(a, b), args.repeat) for a, b in PAIRS]
    theirs_median = statistics.median(theirs)
    mv_verdicts = [mv(a, b) for a, b in PAIRS]
    print(f"Math-Verify parse+verify: median {theirs_median:.3f} ms per pair (per pair: {', '.join(f'{t:.3f}' for t in theirs)}); verdicts: {mv_verdicts}")
    print(f"ratio (Math-Verify / hw7grade): {theirs_median / ours_median:.1f}x")


if __name__ == "__main__":
    main()
