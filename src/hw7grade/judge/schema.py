"""The shape the judge must answer in: a JSON schema (OpenAI `json_schema`, Anthropic tool input).

Written to OpenAI's strict subset (every property required, no extra properties, no numeric
bounds), so the same schema works for both providers; ranges are checked on our side (`parse.py`).
"""

from __future__ import annotations

import json
from typing import Sequence

from ..providers.base import StructuredOutput
from .criteria import Criterion

TOOL_NAME = "record_scores"
TOOL_DESCRIPTION = "Record the points for every criterion, each with a verbatim quote from the answer."


def judge_schema(criteria: Sequence[Criterion]) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["criteria"],
        "properties": {
            "criteria": {
                "type": "array",
                "description": "One entry per criterion, each criterion exactly once.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name", "points", "evidence", "reason"],
                    "properties": {
                        "name": {"type": "string", "enum": [c.name for c in criteria]},
                        "points": {"type": "number", "description": "From 0 to the criterion's points."},
                        "evidence": {"type": "string", "description": "Verbatim quote from the answer; empty if none."},
                        "reason": {"type": "string", "description": "One sentence."},
                    },
                },
            }
        },
    }


def structured_output(criteria: Sequence[Criterion]) -> StructuredOutput:
    schema = json.dumps(judge_schema(criteria), sort_keys=True, separators=(",", ":"))
    return StructuredOutput(name=TOOL_NAME, description=TOOL_DESCRIPTION, schema_json=schema)
