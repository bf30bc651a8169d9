"""The README's worked example (GPT-4o vs Claude on Q7) is what the fake-server run prints."""

from __future__ import annotations

import re
from pathlib import Path

from .readme_eval_run import COMMAND, run

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _block() -> list[str]:
    match = re.search(r"<!-- eval-example -->\n```text\n(.*?)```", README, flags=re.S)
    assert match, "README lost its worked example"
    return match.group(1).splitlines()


def _flat(line: str) -> str:
    return " ".join(line.split())


def test_readme_example_tables_are_what_the_run_prints(tmp_path):
    shown = _block()
    assert shown[0].startswith("$ hw7grade " + " ".join(COMMAND[:7]))
    rows = [line for line in shown if line.startswith(("│", "gpt-4o:", "claude-"))]
    assert len(rows) == 12 + 2  # six rows in each table, and the usage line per model
    printed = {_flat(line) for line in run(tmp_path).splitlines()}
    missing = [row for row in rows if _flat(row) not in printed]
    assert missing == []
