"""Time hw7grade's matrix-algebra check against Math-Verify's parse + verify on the same inputs.

Run: `.venv/bin/python benchmarks/math_equiv.py [--repeat N]`. Math-Verify is optional (not a
project dependency); without it only our numbers are printed. Math-Verify is also not a correct
judge here (it treats matrices as commuting scalars); this measures cost, not verdicts.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Callable

PAIRS: list[tuple[str, str]] = [
    (
        r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top",
        r"\nabla_{W_1} \mathcal{L} = -2W_2^T (\mathbf{X} - W_2 W_1 \mathbf{X}) \mathbf{X}^T",
    ),
    (
        r"\nabla_{W_2}\mathcal{L} = 2 (W_2 W_1 - I) X X^\top W_1^\top",
        r"\nabla_{W_2} \mathcal{L} = -2(\mathbf{X} - W_2 W_1 \mathbf{X})(W_1 \mathbf{X})^\top",
    ),
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
    from hw7grade.algebra.memo import clear_memos

    fn()  # warm-up (imports)
    times = []
    for _ in range(repeat):
        clear_memos()  # every run parses and evaluates from scratch, as Math-Verify does
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _rhs(text: str) -> str:
    return text.split("=", 1)[1] if r"\nabla" in text else text


SEEDS = Path("/work/shared/seeds")
REPO = Path(__file__).resolve().parents[1]


def seed_answers(repeat: int) -> None:
    """Per-check cost on real q3b answers (10-60 formula snippets each), as a batch pays it: the
    rubric's references are parsed once per process, each answer is new (its memos are cleared)."""
    from hw7grade.algebra import Deadline, find_candidates, normalise_table
    from hw7grade.algebra.matching import prepare_reference
    from hw7grade.algebra.memo import clear_memos
    from hw7grade.checks import CheckContext
    from hw7grade.grading.score import part_answers
    from hw7grade.rubric.model import load_rubric
    from hw7grade.transcripts import read_transcript

    rubric = load_rubric(REPO / "rubrics")
    files = (
        sorted(SEEDS.glob("*.txt"))
        + sorted((REPO / "transcripts").glob("*q3b*.md"))
        + [REPO / "transcripts" / "chatgpt-4o-hw7.md"]
    )
    jobs = []
    for path in files:
        if not path.exists():
            continue
        for conversation in read_transcript(path):
            for part_id, found in part_answers(conversation, rubric).items():
                if not part_id.startswith("q3b") or not found.attempts:
                    continue
                part = rubric.part(part_id)
                ctx = CheckContext(
                    answer=found.first.text, question=found.question, part_id=part_id, shapes=rubric.shapes_for(part_id)
                )
                checks = [c for c in part.checks if c.type in ("math_equiv", "pca_satisfies")]
                jobs.append((f"{path.name[:24]} {part_id}", ctx, checks))

    def warm_references() -> None:
        for part in rubric.parts:
            table = normalise_table(rubric.shapes_for(part.id))
            for check in part.checks:
                for ref in getattr(check, "references", []) if check.type in ("math_equiv", "pca_satisfies") else []:
                    prepare_reference(ref, table, Deadline())

    per_check: list[float] = []
    print("\nreal q3b answers, each check timed on a new answer (references parsed once per process):")
    for name, ctx, checks in jobs:
        answer_times: list[float] = []
        check_times: dict[str, list[float]] = {c.label: [] for c in checks}
        for _ in range(max(3, repeat // 20)):
            clear_memos()
            warm_references()
            start = time.perf_counter()
            for check in checks:
                t0 = time.perf_counter()
                check.run(ctx)
                check_times[check.label].append((time.perf_counter() - t0) * 1000)
            answer_times.append((time.perf_counter() - start) * 1000)
        medians = {k: statistics.median(v) for k, v in check_times.items()}
        per_check.extend(medians.values())
        detail = ", ".join(f"{k} {v:.2f}" for k, v in medians.items())
        print(
            f"  {name:40s} {len(find_candidates(ctx.answer)):3d} snippets: {detail} ms; whole answer "
            f"{statistics.median(answer_times):.2f} ms"
        )
    if per_check:
        print(
            f"per math check over these answers: min {min(per_check):.2f} ms, median "
            f"{statistics.median(per_check):.2f} ms, max {max(per_check):.2f} ms"
        )


WRONG = [
    (PAIRS[0][0], r"\nabla_{W_1} \mathcal{L} = 2 W_2^\top W_2 W_1 X X^\top"),
    (PAIRS[1][0], r"\nabla_{W_2} \mathcal{L} = 2 (W_2 W_1 + I) X X^\top W_1^\top"),
    (PAIRS[2][0], r"W_2^\top W_2 W_1 X X^\top = 3 W_2^\top X X^\top"),
]
"""Wrong answers: each needs an explanation (sympy's expanded difference)."""
SCALARS = [
    (r"\frac{341}{26}", "13.1"),
    (r"\frac{\sqrt{2}}{2}", r"\sin(\pi/4)"),
    (r"\log(8) + e^{2}", r"3\log 2 + \exp(2)"),
]


def sympy_costs(repeat: int) -> None:
    """sympy's one-off import (in a fresh interpreter) and what an explanation or a scalar comparison costs."""
    import subprocess
    import sys

    from hw7grade.algebra import compare
    from hw7grade.algebra.scalars import read_scalar, same_value

    code = "import time; t = time.perf_counter(); import sympy; print((time.perf_counter() - t) * 1000)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    ]
    print(f"sympy import in a fresh process: median {statistics.median(runs):.0f} ms (once per worker that needs it)")
    modular = [_median_ms(lambda a=a: compare(a, a.split("=", 1)[1] if "=" in a else a), repeat) for a, _ in WRONG]
    explained = [_median_ms(lambda a=a, b=b: compare(a, b), max(3, repeat // 10)) for a, b in WRONG]
    print(
        f"a verdict without explanation (modular): median {statistics.median(modular):.3f} ms; "
        f"a wrong answer with its sympy explanation: median {statistics.median(explained):.1f} ms "
        f"(per answer: {', '.join(f'{t:.1f}' for t in explained)})"
    )
    scalar = [
        _median_ms(lambda a=a, b=b: same_value(read_scalar(a), read_scalar(b)), max(3, repeat // 10))
        for a, b in SCALARS
    ]
    print(
        f"a scalar comparison (sympy): median {statistics.median(scalar):.2f} ms (per pair: "
        f"{', '.join(f'{t:.2f}' for t in scalar)})"
    )


def grading_and_view_costs(repeat: int) -> None:
    """CPU (time.process_time) of grading a wrong answer, which records the formulas and explains
    nothing, beside the view's explanation of it (`grade -v`, the HTML drill-down), memos cleared."""
    from hw7grade.algebra.memo import clear_memos
    from hw7grade.checks import CheckContext
    from hw7grade.checks.math_equiv import MathEquivCheck
    from hw7grade.report.mathml import _formula_html
    from hw7grade.report.pretty import formula_lines
    from hw7grade.rubric.course import default_course

    grading, terminal, html = [], [], []
    for reference, answer in WRONG:
        check, ctx = (
            MathEquivCheck(points=2, references=[reference]),
            CheckContext(f"$${answer}$$", shapes=default_course().shapes),
        )
        formula = check.run(ctx).formulas[0]
        runners = (
            (grading, lambda check=check, ctx=ctx: check.run(ctx)),
            (terminal, lambda formula=formula: formula_lines(formula)),
        )
        for timings, run in runners:
            runs = []
            for _ in range(max(3, repeat // 20)):
                clear_memos()
                start = time.process_time()
                run()
                runs.append((time.process_time() - start) * 1000)
            timings.append(statistics.median(runs))
        runs = []
        for _ in range(max(3, repeat // 20)):
            clear_memos()
            start = time.process_time()
            _formula_html(formula)
            runs.append((time.process_time() - start) * 1000)
        html.append(statistics.median(runs))
    print(
        f"a wrong answer, CPU per answer (memos cleared): grading {statistics.median(grading):.2f} ms "
        f"(no sympy); its explanation in grade -v {statistics.median(terminal):.1f} ms, "
        f"in the HTML drill-down (MathML) {statistics.median(html):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300, help="timed runs per measurement (default 300)")
    args = parser.parse_args()

    from hw7grade.algebra import compare
    from hw7grade.checks import CheckContext
    from hw7grade.checks.math_equiv import MathEquivCheck
    from hw7grade.rubric.course import default_course

    ours = [_median_ms(lambda a=a, b=b: compare(a, b), args.repeat) for a, b in PAIRS]
    ours_median = statistics.median(ours)
    check = MathEquivCheck(points=2, references=[PAIRS[0][0]])
    ctx = CheckContext(answer=ANSWER, shapes=default_course().shapes)
    check_ms = _median_ms(lambda: check.run(ctx), args.repeat)
    verdicts = [compare(a, b).status for a, b in PAIRS]
    print(
        f"hw7grade compare(): median {ours_median:.3f} ms per pair (per pair: {', '.join(f'{t:.3f}' for t in ours)}); "
        f"verdicts: {verdicts}"
    )
    print(f"hw7grade math_equiv check on a two-formula answer: median {check_ms:.3f} ms")

    grading_and_view_costs(args.repeat)
    sympy_costs(args.repeat)
    seed_answers(args.repeat)

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
    print(
        f"Math-Verify parse+verify: median {theirs_median:.3f} ms per pair (per pair: "
        f"{', '.join(f'{t:.3f}' for t in theirs)}); verdicts: {mv_verdicts}"
    )
    print(f"ratio (Math-Verify / hw7grade): {theirs_median / ours_median:.1f}x")


if __name__ == "__main__":
    main()
