"""One error type for users: the CLI catches `Hw7gradeError` once and prints its message."""

from __future__ import annotations


class Hw7gradeError(Exception):
    """A problem the user can fix; the message says how. `exit_code` is what the CLI exits with."""

    exit_code: int = 2


class RubricError(Hw7gradeError):
    """A rubric file is missing, malformed, or names an unknown part or field."""


class TranscriptError(Hw7gradeError):
    """A transcript file cannot be read (bad JSON, binary, empty, too large, unknown format)."""


class OutputError(Hw7gradeError):
    """A report or saved file cannot be written: not a regular file, read-only, full, bad name."""


class UsageError(Hw7gradeError):
    """A command-line argument does not make sense (unknown part id, bad option value)."""


class ProviderError(Hw7gradeError):
    """A model provider failed after retries (rate limits, server errors, timeouts)."""

    exit_code = 3


class AuthError(Hw7gradeError):
    """Missing or rejected API key, or no quota: retrying cannot help."""

    exit_code = 2
