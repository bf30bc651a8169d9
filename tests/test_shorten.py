"""shorten(): one line, cut with an ellipsis; and say(): text printed as it is."""

from __future__ import annotations

import io

from rich.console import Console

from hw7grade.report.console import say
from hw7grade.shorten import shorten


def test_short_text_is_only_flattened():
    assert shorten("a  b\n\tc ", 10) == "a b c"


def test_long_text_is_cut_to_the_limit_with_an_ellipsis():
    assert shorten("abcdefghij", 5) == "abcd…"
    assert len(shorten("x " * 100, 40)) == 40


def test_limit_reached_exactly_is_not_cut():
    assert shorten("abcde", 5) == "abcde"


def test_say_prints_markup_and_long_lines_as_they_are():
    out = io.StringIO()
    console = Console(file=out, width=20, force_terminal=False)
    say(console, "[bold]model[/] text that is longer than twenty columns")
    assert out.getvalue() == "[bold]model[/] text that is longer than twenty columns\n"
