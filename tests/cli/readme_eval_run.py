"""The README's worked example (GPT-4o vs Claude on Q7, 5 samples each, a nudge follow-up), run
against the loopback fake server with scripted answers: `test_readme_eval_example.py` checks that the
README shows what this run prints. Run it as a script to print the output again:
`.venv/bin/python tests/cli/readme_eval_run.py`."""

from __future__ import annotations

import sys
import threading
from collections import deque
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cli.conftest import CORRECT as Q7B_RIGHT  # noqa: E402
from cli.conftest import WRONG as Q7B_WRONG
from cli.conftest import provider_env
from providers.fake_server import ANTHROPIC_PATH, OPENAI_PATH, FakeServer, Reply  # noqa: E402

NUDGE = "Re-read the question and check your answer."
ANSWERS = {
    ("q7a", True): "h_t has only read the first t source words, so an early English word cannot depend on later "
    "source words, and word order differs between Spanish and English.\n\nAnswer: h_t has not seen the "
    "rest of the sentence.",
    ("q7a", False): "The decoder would have too many parameters and train slowly.\n\nAnswer: it is slower to train.",
    ("q7b", True): Q7B_RIGHT,
    ("q7b", False): Q7B_WRONG,
    ("q7c", True): "At evaluation the decoder reads its own previous outputs.\n\nAnswer: w1 = <sos>, w2 = I, w3 = saw, "
    "w4 = a, w5 = dog",
    ("q7c", False): "At evaluation it reads the reference.\n\nAnswer: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog",
}
# Per model and part: whether each of the 5 first answers is right, then each nudged answer in turn.
SCRIPT = {
    ("gpt-4o", "q7a"): ("RRRWR", "R"),
    ("gpt-4o", "q7b"): ("RWRRW", "RW"),
    ("gpt-4o", "q7c"): ("WWRWR", "RWR"),
    ("claude", "q7a"): ("RRRRR", ""),
    ("claude", "q7b"): ("RRRRW", "R"),
    ("claude", "q7c"): ("RWRRR", "W"),
}
COMMAND = ["ask", "q7", "--model", "gpt4o", "--model", "claude", "--samples", "5", "--follow-up", NUDGE]


def responder(family: str):
    queues = {
        (part, turn): deque(script[turn])
        for (model, part), script in SCRIPT.items()
        if model == family
        for turn in (0, 1)
    }
    lock = threading.Lock()

    def answer(body: dict) -> Reply:
        asked = [m["content"] for m in body["messages"] if m["role"] == "user"]
        part = asked[0].split(".", 1)[0].removeprefix("Question ")
        turn = 0 if len(asked) == 1 else 1
        with lock:
            right = queues[(part, turn)].popleft() == "R"
        return Reply(ANSWERS[(part, right)], input_tokens=420, output_tokens=180)

    return answer


def run(tmp: Path) -> str:
    from typer.testing import CliRunner

    from hw7grade.cli import app

    dirs = {"save": tmp / "runs", "cache": tmp / "cache", "json": tmp / "q7.json"}
    with FakeServer() as server:
        server.respond_with(OPENAI_PATH, responder("gpt-4o")).respond_with(ANTHROPIC_PATH, responder("claude"))
        result = CliRunner().invoke(
            app,
            [*COMMAND, "--save-dir", str(dirs["save"]), "--json", str(dirs["json"])],
            env=provider_env(server, dirs, COLUMNS="160"),
            catch_exceptions=False,
        )
    assert result.exit_code == 0, result.output
    return result.output


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        print(run(Path(folder)))
