"""`terminal.echo` and `echo_text` write exactly what `typer.echo` writes (of the visible text, and
of the text as given), with or without importing typer."""

from __future__ import annotations

import io
import sys

import pytest
import typer

from hw7grade.report import terminal

MESSAGES = ["plain", "Error: a.md: no such file.", "tabs\tand \x1b[31mescapes\x1b[0m \x9b and ✓ κ — …", ""]


def _stream(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", write_through=True)


ECHOES = [
    (terminal.echo, lambda m, err: typer.echo(terminal.visible(m), err=err)),
    (terminal.echo_text, lambda m, err: typer.echo(m, err=err)),  # ESC included: click strips codes off a terminal
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "ascii"])
@pytest.mark.parametrize("err", [False, True])
@pytest.mark.parametrize("echoes", ECHOES)
def test_echo_writes_what_typer_echo_writes(monkeypatch, encoding, err, echoes):
    written = []
    for write in echoes:
        stream = _stream(encoding)
        monkeypatch.setattr(sys, "stderr" if err else "stdout", stream)
        for message in MESSAGES:
            try:
                write(message, err=err)
            except UnicodeEncodeError as exc:  # ascii: click re-wraps the stream, so it never gets here
                written.append(repr(exc))
        written.append(stream.buffer.getvalue())
    ours, typers = written[: len(written) // 2], written[len(written) // 2 :]
    assert ours == typers
    assert ours[-1]  # something was written


def test_echo_with_no_stream_writes_nothing(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    terminal.echo("nowhere")  # no error, as click


def test_only_plain_text_streams_are_written_directly():
    assert terminal._takes_text_as_is(_stream("utf-8"))
    assert not terminal._takes_text_as_is(_stream("ascii"))  # click re-wraps it as UTF-8
    assert not terminal._takes_text_as_is(io.BytesIO())
