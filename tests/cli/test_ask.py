"""`hw7grade ask` end to end: the real SDKs against the local fake server, through the base-URL
variables, with fake keys that must never reach the output, the transcripts, the cache or the report."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.providers.models import aliases
from hw7grade.transcripts.native import NativeTranscript
from providers.fake_server import (
    ANTHROPIC_PATH,
    OPENAI_PATH,
    Drop,
    MidStreamError,
    Reply,
    Slow,
    Status,
)

from .conftest import CORRECT, WRONG, provider_env

runner = CliRunner()


def ask(server, dirs, *args: str, input: str | None = None, **env: str | None):
    return runner.invoke(
        app,
        ["ask", *args, "--save-dir", str(dirs["save"])],
        env=provider_env(server, dirs, **env),
        input=input,
        catch_exceptions=False,
    )


def transcripts(dirs) -> list[NativeTranscript]:
    files = sorted(dirs["save"].glob("*.json")) if dirs["save"].exists() else []
    return [NativeTranscript.model_validate_json(f.read_text()) for f in files]


def assert_no_key_anywhere(result, dirs) -> None:
    assert "KEYSECRET" not in result.output
    for folder in (dirs["save"], dirs["cache"], dirs["json"].parent):
        for f in folder.rglob("*") if folder.exists() else []:
            if f.is_file():
                assert "KEYSECRET" not in f.read_text(errors="replace"), f


@pytest.mark.parametrize("alias, path", [("gpt4o", OPENAI_PATH), ("claude", ANTHROPIC_PATH)])
def test_ask_streams_grades_saves_and_reports(alias, path, server, dirs):
    (server.openai if path == OPENAI_PATH else server.anthropic)(Reply(CORRECT, input_tokens=40, output_tokens=30))
    result = ask(server, dirs, "q7b", "--model", alias, "--json", str(dirs["json"]))
    assert result.exit_code == 0, result.output
    assert "w5 = dog" in result.output and "q7b" in result.output
    request = server.requests[0]
    assert request.path == path and request.body["stream"] is True
    assert request.body["messages"][-1]["content"].startswith("Question q7b. ")
    [saved] = transcripts(dirs)
    spec = aliases()[alias]
    assert (saved.provider, saved.model, saved.parts) == (spec.provider, spec.model, ["q7b"])
    assert [t.role for t in saved.turns] == ["user", "assistant"]
    answer = saved.turns[1]
    assert answer.text == CORRECT and answer.model.startswith(spec.model)
    assert (answer.usage.input_tokens, answer.usage.output_tokens) == (40, 30)
    assert answer.latency_s is not None and not answer.cached
    assert saved.parameters["max_tokens"] == 2048 and saved.parameters["model_asked"] == alias
    report = json.loads(dirs["json"].read_text())
    assert report["schema"] == "hw7grade.report/1"
    final = [p for p in report["transcripts"][0]["parts"] if p["attempt"] == "final"]
    assert [(p["id"], p["score"], p["max_score"]) for p in final] == [("q7b", 3.0, 3.0)]
    assert_no_key_anywhere(result, dirs)


def test_repeated_ask_comes_from_the_cache_and_no_cache_asks_again(server, dirs):
    server.openai(Reply(CORRECT), Reply(WRONG), Reply(CORRECT))
    first = ask(server, dirs, "q7b", "--model", "gpt4o")
    second = ask(server, dirs, "q7b", "--model", "gpt4o")
    assert first.exit_code == second.exit_code == 0
    assert server.count(OPENAI_PATH) == 1
    assert "cache" in second.output
    cached = transcripts(dirs)
    assert [t.turns[1].cached for t in cached].count(True) == 1
    fresh = ask(server, dirs, "q7b", "--model", "gpt4o", "--no-cache")
    assert fresh.exit_code == 0 and server.count(OPENAI_PATH) == 2
    assert "saw" in fresh.output
    changed = ask(server, dirs, "q7b", "--model", "gpt4o", "--max-tokens", "99")
    assert changed.exit_code == 0 and server.count(OPENAI_PATH) == 3  # other parameters, other key
    assert_no_key_anywhere(fresh, dirs)


def test_another_model_is_not_answered_from_the_cache(server, dirs):
    server.openai(Reply(CORRECT), Reply(WRONG))
    first = ask(server, dirs, "q7b", "--model", "gpt4o")
    other = ask(server, dirs, "q7b", "--model", "gpt4o-mini")  # same provider, prompt and parameters
    assert first.exit_code == other.exit_code == 0
    assert [r.body["model"] for r in server.requests] == ["gpt-4o", "gpt-4o-mini"]
    assert "saw" in other.output
    assert sorted((t.model, t.turns[1].cached) for t in transcripts(dirs)) == [
        ("gpt-4o", False),
        ("gpt-4o-mini", False),
    ]


@pytest.mark.parametrize("kind", ["openai", "anthropic"])
def test_transient_faults_are_retried_and_never_saved_half(kind, server, dirs):
    script = server.openai if kind == "openai" else server.anthropic
    script(Status(429, headers={"retry-after": "1"}), Status(500), MidStreamError(), Drop(), Reply(CORRECT))
    model = "gpt4o" if kind == "openai" else "claude"
    result = ask(server, dirs, "q7b", "--model", model)
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 5
    assert result.output.count("retry ") == 4
    assert "Partial answer" not in result.output
    [saved] = transcripts(dirs)
    assert saved.turns[1].text == CORRECT


def test_failure_after_retries_exits_3_and_saves_nothing(server, dirs):
    server.anthropic(Status(500), Status(503))
    result = ask(server, dirs, "q7b", "--model", "claude", "--max-retries", "1")
    assert result.exit_code == 3
    assert len(server.requests) == 2
    assert "Gave up after 2 attempt(s)" in result.output
    assert transcripts(dirs) == []
    assert not dirs["cache"].exists() or not any(p.is_file() for p in dirs["cache"].rglob("*"))


def test_timeout_is_retried_then_fails_with_exit_3(server, dirs):
    server.openai(Slow(5), Slow(5))
    result = ask(server, dirs, "q7b", "--model", "gpt4o", "--timeout", "0.3", "--max-retries", "1")
    assert result.exit_code == 3
    assert "timeout" in result.output and len(server.requests) == 2


@pytest.mark.parametrize(
    "step, words",
    [
        (Status(401, echo_key=True), "OPENAI_API_KEY"),
        (
            Status(
                429,
                body={
                    "error": {
                        "message": "You exceeded your current quota",
                        "type": "insufficient_quota",
                        "code": "insufficient_quota",
                    }
                },
            ),
            "quota",
        ),
    ],
)
def test_auth_and_quota_errors_are_not_retried_and_exit_2(step, words, server, dirs):
    server.openai(step)
    result = ask(server, dirs, "q7b", "--model", "gpt4o")
    assert result.exit_code == 2
    assert len(server.requests) == 1
    assert words in result.output
    assert_no_key_anywhere(result, dirs)


def test_missing_key_exits_2_before_any_request(server, dirs):
    result = ask(server, dirs, "q7b", "--model", "gpt4o", "--model", "claude", ANTHROPIC_API_KEY=None)
    assert result.exit_code == 2
    assert "Set ANTHROPIC_API_KEY" in result.output
    assert server.requests == []


def test_many_models_and_parts_run_concurrently_behind_a_table(server, dirs):
    server.openai(*[Reply(CORRECT) for _ in range(3)])
    server.anthropic(*[Reply(CORRECT) for _ in range(3)])
    result = ask(
        server, dirs, "q7", "--model", "gpt4o", "--model", "claude", "--concurrency", "3", "--json", str(dirs["json"])
    )
    assert result.exit_code == 0, result.output
    assert server.count(OPENAI_PATH) == 3 and server.count(ANTHROPIC_PATH) == 3
    saved = transcripts(dirs)
    assert sorted((t.provider, t.parts[0]) for t in saved) == sorted(
        (p, q) for p in ("openai", "anthropic") for q in ("q7a", "q7b", "q7c")
    )
    asked = {r.body["messages"][-1]["content"].split(".")[0] for r in server.requests}
    assert asked == {"Question q7a", "Question q7b", "Question q7c"}
    assert "status" in result.output  # the progress table's header
    assert len(json.loads(dirs["json"].read_text())["transcripts"]) == 6


def test_concurrency_bounds_the_requests_in_flight(server, dirs):
    server.openai(*[Reply(CORRECT, delay_s=0.15) for _ in range(3)])
    server.anthropic(*[Reply(CORRECT, delay_s=0.15) for _ in range(3)])
    result = ask(server, dirs, "q7", "--model", "gpt4o", "--model", "claude", "--concurrency", "2")
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 6 and server.max_in_flight == 2


def test_one_failing_conversation_does_not_sink_the_others(server, dirs):
    server.openai(Reply(CORRECT))
    server.anthropic(Status(401))
    result = ask(server, dirs, "q7b", "--model", "gpt4o", "--model", "claude")
    assert result.exit_code == 2
    assert [t.provider for t in transcripts(dirs)] == ["openai"]
    assert "Anthropic rejected the API key" in result.output


def test_interactive_follow_up_is_streamed_regraded_and_saved(server, dirs):
    server.openai(Reply(WRONG), Reply(CORRECT))
    follow_up = "Read the question again: the correct translation is 'I see a dog'"
    result = ask(
        server,
        dirs,
        "q7b",
        "--model",
        "gpt4o",
        "--interactive",
        "--json",
        str(dirs["json"]),
        input=f"{follow_up}\n/grade\n/save\n/quit\n",
    )
    assert result.exit_code == 0, result.output
    second = server.requests[1].body["messages"]
    assert [m["role"] for m in second] == ["system", "user", "assistant", "user"]
    assert second[-1]["content"] == follow_up and second[2]["content"] == WRONG
    [saved] = transcripts(dirs)
    assert [t.role for t in saved.turns] == ["user", "assistant", "user", "assistant"]
    assert saved.turns[3].text == CORRECT
    # the re-grade compares the first attempt (wrong) with the final one (right)
    parts = json.loads(dirs["json"].read_text())["transcripts"][0]["parts"]
    assert {p["attempt"]: p["score"] for p in parts if p["id"] == "q7b"} == {"first": 0.0, "final": 3.0}
    assert "Unknown command" not in result.output and "saved" in result.output


def test_model_command_switches_the_answering_model(server, dirs):
    server.openai(Reply(WRONG))
    server.anthropic(Reply(CORRECT))
    result = ask(server, dirs, "q7b", "--model", "gpt4o", "--interactive", input="/model claude\nTry again.\n/quit\n")
    assert result.exit_code == 0, result.output
    assert server.count(ANTHROPIC_PATH) == 1
    [saved] = transcripts(dirs)
    assert saved.provider == "openai"
    assert saved.turns[3].model.startswith(aliases()["claude"].model)


def test_without_a_terminal_it_never_waits_for_input(server, dirs):
    server.openai(Reply(CORRECT))
    result = ask(server, dirs, "q7b", "--model", "gpt4o", input="this must not be read\n")
    assert result.exit_code == 0
    assert "you>" not in result.output and len(server.requests) == 1


def test_interactive_needs_a_single_conversation(server, dirs):
    result = ask(server, dirs, "q7", "--model", "gpt4o", "--interactive")
    assert result.exit_code == 2 and "exactly one model and one part" in result.output
    assert server.requests == []


def test_no_stream_makes_a_plain_request(server, dirs):
    server.anthropic(Reply(CORRECT))
    result = ask(server, dirs, "q7b", "--model", "claude", "--no-stream")
    assert result.exit_code == 0, result.output
    assert not server.requests[0].body.get("stream")
    assert transcripts(dirs)[0].turns[1].text == CORRECT


def test_base_url_option_overrides_the_environment(server, dirs):
    server.openai(Reply(CORRECT))
    result = ask(
        server,
        dirs,
        "q7b",
        "--model",
        "openai:local-model",
        "--base-url",
        server.openai_base_url,
        OPENAI_BASE_URL="http://127.0.0.1:9/v1",
    )
    assert result.exit_code == 0, result.output
    assert server.requests[0].body["model"] == "local-model"


def test_parameters_reach_the_request_and_the_transcript(server, dirs):
    server.openai(Reply(CORRECT))
    result = ask(
        server, dirs, "q7b", "--model", "gpt4o", "--temperature", "0.2", "--max-tokens", "300", "--system", "Be terse."
    )
    assert result.exit_code == 0, result.output
    body = server.requests[0].body
    assert (body["temperature"], body["max_tokens"], body["messages"][0]["content"]) == (0.2, 300, "Be terse.")
    params = transcripts(dirs)[0].parameters
    assert (params["temperature"], params["max_tokens"], params["system"]) == (0.2, 300, "Be terse.")


@pytest.mark.parametrize(
    "args, message",
    [
        (["q99", "--model", "gpt4o"], "q99"),
        (["q7b", "--model", "gpt-nine"], "Unknown model"),
        (["q7b", "--model", "claude", "--base-url", "http://127.0.0.1:9/v1"], "--base-url"),
    ],
)
def test_usage_errors_exit_2_without_requests(args, message, server, dirs):
    result = ask(server, dirs, *args)
    assert result.exit_code == 2 and message in result.output
    assert server.requests == []


def test_live_markdown_keeps_angle_bracket_tokens():
    from rich.console import Console

    from hw7grade.cli.ask import _markdown

    console = Console(width=80, record=True, force_terminal=True)
    console.print(_markdown("**Answer:** w1 = <sos>, w2 = I, then `<eos>`"))
    assert "w1 = <sos>, w2 = I, then <eos>" in console.export_text()


@pytest.mark.parametrize("kind, model", [("openai", "gpt4o"), ("anthropic", "claude")])
def test_sdk_debug_logs_do_not_show_the_key(kind, model, server, dirs):
    import os
    import subprocess

    (server.openai if kind == "openai" else server.anthropic)(Status(500), Reply(CORRECT))
    env = {**os.environ, **provider_env(server, dirs), "OPENAI_LOG": "debug", "ANTHROPIC_LOG": "debug"}
    env = {k: v for k, v in env.items() if v is not None}
    done = subprocess.run(
        [sys.executable, "-m", "hw7grade", "ask", "q7b", "--model", model, "--save-dir", str(dirs["save"])],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "DEBUG" in done.stderr  # the SDK did log
    assert "KEYSECRET" not in done.stdout + done.stderr


def test_ctrl_c_keeps_completed_conversations_and_nothing_half_written(server, dirs):
    import os
    import signal
    import subprocess
    import time

    server.openai(Reply(CORRECT), Slow(30), Slow(30))
    env = {k: v for k, v in {**os.environ, **provider_env(server, dirs)}.items() if v is not None}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hw7grade",
            "ask",
            "q7",
            "--model",
            "gpt4o",
            "--concurrency",
            "3",
            "--save-dir",
            str(dirs["save"]),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 20
    while not list(dirs["save"].glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    while len(server.requests) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 130, stderr
    assert time.monotonic() - started < 5  # requests in flight are abandoned, not waited for
    assert "Interrupted." in stderr and "1 complete conversation(s) saved" in stderr
    assert [t.turns[1].text for t in transcripts(dirs)] == [CORRECT]
    assert [p.name for p in dirs["save"].iterdir() if not p.name.endswith(".json")] == []


def test_local_server_needs_no_key(server, dirs):
    """The `local` row: an OpenAI-compatible server (Ollama, vLLM) asked with no key set at all."""
    server.openai(Reply(CORRECT))
    result = ask(
        server,
        dirs,
        "q7b",
        "--model",
        "local:llama3.1",
        OPENAI_API_KEY=None,
        ANTHROPIC_API_KEY=None,
        HW7GRADE_LOCAL_API_KEY=None,
        HW7GRADE_LOCAL_BASE_URL=server.openai_base_url,
    )
    assert result.exit_code == 0, result.output
    request = server.requests[0]
    assert request.path == OPENAI_PATH and request.body["model"] == "llama3.1"
    assert request.headers["authorization"] == "Bearer no-key"
    [saved] = transcripts(dirs)
    assert (saved.provider, saved.model) == ("local", "llama3.1")


def test_the_default_system_prompt_is_the_course_files(server, dirs, tmp_path):
    import shutil
    from pathlib import Path

    folder = tmp_path / "rubrics"
    shutil.copytree(Path(__file__).resolve().parents[2] / "rubrics", folder)
    (folder / "course.yaml").write_text("homework: HW9\nsystem_prompt: Answer as a HW9 student.\n", encoding="utf-8")
    server.openai(Reply(CORRECT), Reply(CORRECT))
    assert ask(server, dirs, "q7b", "--model", "gpt4o", "--rubrics", str(folder)).exit_code == 0
    assert server.requests[0].body["messages"][0] == {"role": "system", "content": "Answer as a HW9 student."}
    assert ask(server, dirs, "q7b", "--model", "gpt4o", "--no-cache").exit_code == 0
    bundled = server.requests[1].body["messages"][0]["content"]
    assert bundled.startswith("You are answering one part of a deep-learning homework.") and bundled.endswith(
        "'Answer:'."
    )


def test_a_successful_ask_caches_the_validated_rubric_and_the_next_ask_reads_it(server, dirs, monkeypatch):
    from hw7grade.rubric import compiled, listing, model

    server.openai(Reply(CORRECT), Reply(CORRECT))
    assert ask(server, dirs, "q7b", "--model", "gpt4o", "--no-cache").exit_code == 0
    assert len(list((dirs["cache"] / compiled.COMPILED_DIRNAME).glob("*.json"))) == 1
    assert len(list((dirs["cache"] / listing.LISTING_DIRNAME).glob("*.json"))) == 1  # the prompts, for the request
    monkeypatch.setattr(model, "load_rubric", lambda _d: pytest.fail("validated again"))
    result = ask(server, dirs, "q7b", "--model", "gpt4o", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "w5 = dog" in result.output


ASK_PROBE = """
import json, sys, time

imported = {}


class Clock:
    def find_spec(self, name, path=None, target=None):
        imported.setdefault(name, time.monotonic())


sys.meta_path.insert(0, Clock())
log = sys.argv[2]
sys.argv = ["hw7grade", *json.loads(sys.argv[1])]
from hw7grade.cli import main

try:
    main()
except SystemExit:
    pass
with open(log, "w") as out:
    json.dump(imported, out)
"""
GRADING = ("hw7grade.grading", "hw7grade.checks", "hw7grade.text", "hw7grade.transcripts", "hw7grade.rubric.model")


def test_ask_sends_its_request_before_importing_grading(server, dirs, tmp_path):
    """Timed on one clock (CLOCK_MONOTONIC): the loopback server's arrival time of the request, and
    the moment the asking process first imported each module."""
    import json
    import os
    import subprocess
    import sys
    import time

    arrivals: list[float] = []
    record = server.record

    def stamped(seen) -> None:
        arrivals.append(time.monotonic())
        record(seen)

    server.record = stamped
    server.openai(Reply(CORRECT), Reply(CORRECT))
    log = tmp_path / "imports.json"
    env = {k: v for k, v in {**os.environ, **provider_env(server, dirs)}.items() if v is not None}
    for _ in range(2):  # the first fills the rubric caches; the second reads them
        argv = ["ask", "q7b", "--model", "gpt4o", "--save-dir", str(dirs["save"]), "--no-cache"]
        probe = [sys.executable, "-c", ASK_PROBE, json.dumps(argv), str(log)]
        done = subprocess.run(probe, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    imported = json.loads(log.read_text())
    before = sorted(m for m, t in imported.items() if m.startswith(GRADING) and t < arrivals[-1])
    after = sorted(m for m, t in imported.items() if m.startswith(GRADING) and t > arrivals[-1])
    assert before == []
    assert "hw7grade.grading.score" in after and "hw7grade.rubric.model" in after  # the answer was graded
    assert "openai" in imported and imported["openai"] < arrivals[-1]
    assert imported.get("typer", float("inf")) > arrivals[-1]  # a plain command line is parsed without typer
