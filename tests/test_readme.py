"""README examples are run: every `$ hw7grade ...` line in a ```console block must work as shown.

A command's exit status is 0 unless the line ends with `# exit N`; the lines after a command, up
to the next `$`, must each appear in its output (whitespace-normalised).
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _examples() -> list[tuple[str, int, list[str]]]:
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        current = None
        for line in block.splitlines():
            if line.startswith("$ "):
                command, _, comment = line[2:].partition("#")
                match = re.search(r"exit (\d+)", comment)
                current = (command.strip(), int(match.group(1)) if match else 0, [])
                examples.append(current)
            elif current is not None and line.strip():
                current[2].append(line.strip())
    return examples


EXAMPLES = _examples()


def test_readme_has_examples():
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("command, exit_code, expected", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_readme_example(command, exit_code, expected, tmp_path, monkeypatch):
    argv = shlex.split(command)
    if argv[0] != "hw7grade":
        pytest.skip("not an hw7grade command")
    monkeypatch.chdir(REPO)
    # Outputs the examples write go to a temp folder, not into the repository.
    argv = [str(tmp_path / a) if a.startswith("out/") else a for a in argv[1:]]
    result = CliRunner().invoke(
        app,
        argv,
        terminal_width=200,
        env={"COLUMNS": "200", **{k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}},
    )
    assert result.exit_code == exit_code, result.output
    flat = " ".join(result.output.split())
    for line in expected:
        assert " ".join(line.split()) in flat


def test_readme_python_example_runs(monkeypatch, capsys):
    block = re.search(r"```python\n(from hw7grade import.*?)```", README, flags=re.S)
    assert block, "README lost its Python example"
    monkeypatch.chdir(REPO)
    exec(compile(block.group(1), "README.md", "exec"), {})  # our own README, not model output
    assert "('q7b', 'final', 'correct')" in capsys.readouterr().out
