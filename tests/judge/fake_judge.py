"""A scripted judge for the fake server: reads the criteria and the fenced answer out of the
request (either wire format) and answers with points chosen by the test, quoting the answer."""

from __future__ import annotations

import json
import re
from typing import Callable, Mapping

from providers.fake_server import Refusal, Reply, ToolReply

FENCE_RE = re.compile(r"^(=====ANSWER-[0-9A-F]+=====)$", re.M)


def criteria_names(body: dict) -> list[str]:
    if "tools" in body:
        schema = body["tools"][0]["input_schema"]
    else:
        schema = body["response_format"]["json_schema"]["schema"]
    return schema["properties"]["criteria"]["items"]["properties"]["name"]["enum"]


def user_text(body: dict) -> str:
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


def answer_in(body: dict) -> str:
    text = user_text(body)
    fence = FENCE_RE.search(text).group(1)
    return text.split(fence)[-2].strip()  # the header names the fence too


def first_words(answer: str, n: int = 6) -> str:
    """A real quote: the first words of the answer's first line with letters, exactly as written."""
    line = next(line for line in answer.splitlines() if re.search(r"[A-Za-z]{3}", line))
    return " ".join(line.split()[:n])


def scores(body: dict, points: Mapping[str, float], quote: str | None = None) -> dict:
    answer = answer_in(body)
    return {
        "criteria": [
            {
                "name": name,
                "points": points.get(name, 0.0),
                "evidence": quote if quote is not None else first_words(answer),
                "reason": f"scripted {name}",
            }
            for name in criteria_names(body)
        ]
    }


def judge_with(points: Mapping[str, float] | Callable[[dict], Mapping[str, float]], quote: str | None = None):
    """A responder giving these points per criterion name (missing names get 0)."""

    def respond(body: dict):
        chosen = points(body) if callable(points) else points
        return ToolReply(scores(body, chosen, quote))

    return respond


def wrong_shape(body: dict):
    return Reply(json.dumps({"scores": "all good"}))


def refusal(body: dict):
    return Refusal("I will not grade homework.")
