"""`hw7grade math A B`: verdict and reason on stdout; exit 0 equivalent, 1 different, 2 error."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app

runner = CliRunner()
G1 = r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top"


@pytest.mark.parametrize(
    "reference, candidate, code, first_line",
    [
        (G1, r"W_2^T W_2 W_1 X X^T = W_2^T X X^T", 0, "equivalent"),
        (G1, r"\nabla_{W_1} L = W_2^T (W_2 W_1 - I) X X^T", 1, "scalar multiple"),
        (G1, r"\nabla_{W_2} L = 2 W_2^T (W_2 W_1 - I) X X^T", 1, "wrong variable"),
        (G1, r"\nabla_{W_1} L = 2 W_2^T (W_2 W_1 + I) X X^T", 1, "not equivalent"),
        (G1, r"\nabla_{W_1} L = 2 W_2^T (W_2 W_1 - I) X^T X", 2, "shape error"),
        (G1, r"\nabla_{W_1} L = 2 W_2^T (W_2 W_1 - I X X^T", 2, "parse error"),
        (G1, r"\|X\|_F", 2, "unsupported"),
        (G1, "9^{9^{9^{9}}}", 2, "limit"),
    ],
)
def test_exit_codes(reference, candidate, code, first_line):
    result = runner.invoke(app, ["math", reference, candidate])
    assert result.exit_code == code, result.output
    assert result.output.splitlines()[0] == first_line


def test_explains_the_scalar_factor():
    result = runner.invoke(app, ["math", G1, r"\nabla_{W_1} L = -2 W_2^T (W_2 W_1 - I) X X^T"])
    assert "factor: answer = -1 x reference" in result.output


def test_custom_shapes():
    ok = runner.invoke(app, ["math", "(A B)^T", "B^T A^T", "--shape", "A=p,q", "--shape", "B=q,r"])
    assert ok.exit_code == 0, ok.output
    differ = runner.invoke(app, ["math", "A B", "B A", "--shape", "A=p,p", "--shape", "B=p,p"])
    assert differ.exit_code == 1 and "not equivalent" in differ.output


def test_unknown_symbol_says_how_to_give_its_shape():
    result = runner.invoke(app, ["math", "A", "A"])
    assert result.exit_code == 2 and "--shape A=ROWS,COLS" in result.output


@pytest.mark.parametrize("bad", ["A", "A=p", "=p,q", "A=p,"])
def test_bad_shape_option_is_one_clear_error(bad):
    result = runner.invoke(app, ["math", "X", "X", "--shape", bad])
    assert result.exit_code == 2
    assert "Error: --shape" in result.output and "NAME=ROWS,COLS" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "hostile", ["__import__('os').system('x')", "(" * 500, "}" * 50, "\\", "$$", "\x00\x01", "^^^", "X" * 10000]
)
def test_no_traceback_for_any_input(hostile):
    result = runner.invoke(app, ["math", G1, hostile])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_a_huge_declared_shape_is_a_limit_not_an_allocation():
    import resource
    import time

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = CliRunner().invoke(app, ["math", "X", "X", "--shape", "X=99999999,99999999"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "limit",
        "  reference: a declared dimension of 99999999 is over the limit of 32",
    ]
    assert time.perf_counter() - start < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB: nothing sized by the shape


def test_verbose_prints_the_formulas_and_difference_in_unicode():
    result = CliRunner().invoke(
        app,
        [
            "math",
            "-v",
            r"\nabla_{W_1}\mathcal{L} = 2 W_2^\top (W_2 W_1 - I) X X^\top",
            r"\nabla_{W_1} L = 2 W_2^T W_2 W_1 X X^T",
        ],
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[1] == "  the term −2·W₂ᵀXXᵀ is missing"
    at = lines.index("  found − expected, expanded:")
    assert lines[at + 1 : at + 3] == ["        T    T", "    2⋅W₂ ⋅X⋅X "]
    assert lines[-1] == "  decided by: modular"


def test_verbose_match_shows_the_symbolic_certificate():
    result = CliRunner().invoke(app, ["math", "-v", r"X X^T W_2", r"(W_2^T X X^T)^T"])
    assert result.exit_code == 0
    assert "  certificate: symbolic: answer − reference expands to 0" in result.output.splitlines()


@pytest.mark.parametrize(
    "reference, candidate, code, first",
    [
        (r"\frac{341}{26}", "13.1", 0, "equivalent"),
        (r"\frac{341}{26}", "13.2", 1, "not equivalent"),
        ("341", "5 min 41 s", 0, "equivalent"),
        (r"\frac{\sqrt{2}}{2}", r"\sin(\pi/4)", 0, "equivalent"),
        ("341", "__import__('os')", 2, "unsupported"),
    ],
)
def test_scalar_mode(reference, candidate, code, first):
    result = CliRunner().invoke(app, ["math", "--scalar", reference, candidate])
    assert (result.exit_code, result.output.splitlines()[0]) == (code, first)


def test_an_expression_may_start_with_a_minus():
    result = runner.invoke(app, ["math", "2X", "-2X"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[:2] == ["scalar multiple", "  it is -1 times the expected expression"]
    same = runner.invoke(app, ["math", "-X", "-X"])
    assert (same.exit_code, same.output.splitlines()[0]) == (0, "equivalent")


@pytest.mark.parametrize(
    "candidate, message",
    [
        ("X.__class__.__mro__", "answer: '.' at character 2 is not part of an expression"),
        (r"X \text{ is the data}", r"answer: text in \text{...}"),
        ("X, W_1", "answer: ',' at character 2 is not part of an expression"),
        ("X +", "answer: "),
    ],
)
def test_text_that_is_not_the_expression_is_a_parse_error(candidate, message):
    result = runner.invoke(app, ["math", "X", candidate])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[0] == "parse error"
    assert result.output.splitlines()[1].startswith("  " + message)


def test_the_reference_is_read_whole_too():
    result = runner.invoke(app, ["math", "X.__class__", "X"])
    assert result.exit_code == 2 and result.output.splitlines()[1].startswith("  reference: '.'")


def test_default_shapes_come_from_the_course_file(tmp_path):
    (tmp_path / "course.yaml").write_text("homework: HW9\nshapes:\n  A: [p, q]\n  B: [q, p]\n", encoding="utf-8")
    ok = runner.invoke(app, ["math", "(A B)^T", "B^T A^T", "--rubrics", str(tmp_path)])
    assert ok.exit_code == 0, ok.output
    unknown = runner.invoke(app, ["math", "X", "X", "--rubrics", str(tmp_path)])
    assert unknown.exit_code == 2 and "--shape X=ROWS,COLS" in unknown.output
