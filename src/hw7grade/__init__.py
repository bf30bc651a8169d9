"""hw7grade: ask LLMs homework questions and grade their answers against rubrics.

The small public API, loaded on first use so that `import hw7grade` (and `hw7grade --help`)
stays light:

    from hw7grade import load_rubric, read_transcript, grade_conversation
    rubric = load_rubric()                       # rubrics/*.yaml, validated
    for conversation in read_transcript("chat.md"):
        result = grade_conversation(conversation, rubric)   # first and final attempt per part
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "Hw7gradeError": "hw7grade.errors",
    "Conversation": "hw7grade.conversation",
    "Turn": "hw7grade.conversation",
    "load_rubric": "hw7grade.rubric.model",
    "Rubric": "hw7grade.rubric.model",
    "read_transcript": "hw7grade.transcripts",
    "parse_transcript": "hw7grade.transcripts",
    "grade_conversation": "hw7grade.grading.score",
    "grade_files": "hw7grade.grading.files",
    "Report": "hw7grade.results",
    "report_to_dict": "hw7grade.report.json_report",
    "compare_math": "hw7grade.algebra",
}
_RENAMED = {"compare_math": "compare"}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'hw7grade' has no attribute {name!r}")
    value = getattr(import_module(_API[name]), _RENAMED.get(name, name))
    globals()[name] = value
    return value
