"""Evaluation runs end to end (issue 17): the real SDKs against the loopback server, through `ask`.

Question context, whole-question mode, repeated samples (own cache entries), scripted follow-ups
and their self-correction figures, reasoning models, tokens and cost, `--max-cost`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.providers.models import aliases
from hw7grade.report.intervals import wilson
from hw7grade.rubric.model import load_rubric
from hw7grade.runs.plan import part_message
from hw7grade.transcripts.native import NativeTranscript
from providers.fake_server import ANTHROPIC_PATH, OPENAI_PATH, Reply

from .conftest import CORRECT, WRONG, provider_env

runner = CliRunner()
Q7C_RIGHT = (
    "At evaluation the decoder reads its own previous outputs.\n\n"
    "Answer: w1 = <sos>, w2 = I, w3 = saw, w4 = a, w5 = dog"
)
Q7C_WRONG = "At evaluation it reads the reference.\n\nAnswer: w1 = <sos>, w2 = I, w3 = see, w4 = a, w5 = dog"
NUDGE = "Re-read the question and check your answer."


def ask(server, dirs, *args: str, **env: str | None):
    return runner.invoke(
        app,
        ["ask", *args, "--save-dir", str(dirs["save"]), "--json", str(dirs["json"])],
        env=provider_env(server, dirs, COLUMNS="200", **env),
        catch_exceptions=False,
    )


def saved(dirs) -> list[NativeTranscript]:
    return [NativeTranscript.model_validate_json(f.read_text()) for f in sorted(dirs["save"].glob("*.json"))]


def stats(dirs) -> dict[tuple[str, str], dict]:
    report = json.loads(dirs["json"].read_text())
    return {(s["model"], s["part"]): s for s in report["stats"]}


def user_texts(server, path=OPENAI_PATH) -> list[list[str]]:
    return [
        [m["content"] for m in r.body["messages"] if m["role"] == "user"] for r in server.requests if r.path == path
    ]


# -- 1. the question as the homework asks it ----------------------------------------------------


def test_each_part_is_sent_with_its_question_context(server, dirs):
    server.openai(Reply(CORRECT))
    result = ask(server, dirs, "q7b", "--model", "gpt4o")
    assert result.exit_code == 0, result.output
    rubric = load_rubric(Path("rubrics"))
    [[sent]] = user_texts(server)
    assert sent == part_message(rubric, rubric.part("q7b"))
    assert sent.startswith("Question q7b. Machine translation from Spanish to English with an encoder-decoder model.")
    assert "correct English translation of each sentence is available" in sent
    assert sent.endswith("Which five tokens are fed to the decoder as w1..w5 during training? Explain.")
    assert json.loads(dirs["json"].read_text())["run"]["mode"] == "part"


def test_whole_question_sends_one_message_and_grades_each_part(server, dirs):
    reply = f"**q7b.** {CORRECT}\n\n**q7c.** {Q7C_WRONG}"
    server.openai(Reply(reply))
    result = ask(server, dirs, "q7b", "q7c", "--model", "gpt4o", "--whole-question")
    assert result.exit_code == 0, result.output
    [[sent]] = user_texts(server)
    assert sent.count("Machine translation from Spanish") == 1
    assert sent.index("Question q7b. Same translator") < sent.index("Question q7c. Continuing")
    [transcript] = saved(dirs)
    assert transcript.parts == ["q7b", "q7c"] and transcript.parameters["mode"] == "whole-question"
    report = json.loads(dirs["json"].read_text())
    assert report["run"]["mode"] == "whole-question"
    finals = {p["id"]: p["verdict"] for p in report["transcripts"][0]["parts"] if p["attempt"] == "final"}
    assert finals == {"q7b": "correct", "q7c": "incorrect"}


def test_the_four_questions_have_a_context_and_every_part_a_hint_that_keeps_the_answer():
    rubric = load_rubric(Path("rubrics"))
    assert {f.question: bool(f.context.strip()) for f in rubric.files} == {
        "q3": True,
        "q4": True,
        "q7": True,
        "q8": True,
    }
    assert all(p.hint.strip() for p in rubric.parts)
    # A hint nudges; it never hands over the answer the checks look for.
    give_aways = ["<sos>", "MSELoss", "saw, a, dog", "see, a, dog", "341", "26 s", "Weight Decay and", "U_k^T"]
    assert not [(p.id, g) for p in rubric.parts for g in give_aways if g.lower() in p.hint.lower()]


# -- 2. repeated samples ---------------------------------------------------------------------------


def test_samples_are_separate_requests_cache_entries_and_transcripts(server, dirs):
    server.openai(Reply(CORRECT), Reply(WRONG), Reply(CORRECT), Reply(CORRECT))
    md, html = dirs["json"].with_suffix(".md"), dirs["json"].with_suffix(".html")
    result = ask(
        server,
        dirs,
        "q7b",
        "--model",
        "gpt4o",
        "--samples",
        "4",
        "--concurrency",
        "1",
        "--markdown",
        str(md),
        "--html",
        str(html),
    )
    assert result.exit_code == 0, result.output
    assert (
        "| gpt-4o | q7b | 4 | 75% [25%, 100%] | 3/4 [30%, 95%] | @2 100% | 3 correct, 1 incorrect |" in md.read_text()
    )
    assert 'data-share="0.7500"' in html.read_text() and 'data-low="0.3006" data-high="0.9544"' in html.read_text()
    assert server.count(OPENAI_PATH) == 4
    rubric_caches = ("rubric-compiled", "rubric-listing")
    responses = [f for f in dirs["cache"].rglob("*.json") if f.parent.name not in rubric_caches]  # not the rubric
    assert len(responses) == 4
    assert sorted(t.parameters.get("sample", 0) for t in saved(dirs)) == [0, 1, 2, 3]
    s = stats(dirs)[("gpt-4o", "q7b")]
    assert (s["n"], s["correct"], s["mean"]) == (4, 3, 0.75)
    low, high = wilson(3, 4)
    assert s["share_correct_ci"] == [round(low, 4), round(high, 4)] == [0.3006, 0.9544]
    # pass@2 = 1 - C(1,2)/C(4,2) = 1; pass@1 = 3/4
    assert s["pass_at_k"] == {"1": 0.75, "2": 1.0}
    assert s["verdicts"] == {"correct": 3, "incorrect": 1}
    row = [c.strip() for c in next(line for line in result.output.splitlines() if "3 correct" in line).split("│")]
    assert row[1:-1] == ["gpt-4o", "q7b", "4", "75% [25%, 100%]", "3/4 [30%, 95%]", "@2 100%", "3 correct, 1 incorrect"]
    again = ask(server, dirs, "q7b", "--model", "gpt4o", "--samples", "4")
    assert again.exit_code == 0 and server.count(OPENAI_PATH) == 4  # all four from the cache


# -- 3. scripted follow-ups ---------------------------------------------------------------------


def test_nudge_after_a_wrong_answer_and_fixed_counted(server, dirs):
    server.openai(Reply(WRONG), Reply(CORRECT), Reply(CORRECT))
    result = ask(server, dirs, "q7b", "--model", "gpt4o", "--samples", "2", "--follow-up", NUDGE, "--concurrency", "1")
    assert result.exit_code == 0, result.output
    assert server.count(OPENAI_PATH) == 3  # the correct first answer gets no nudge
    nudged = [u for u in user_texts(server) if len(u) == 2]
    assert len(nudged) == 1 and nudged[0][1] == NUDGE
    s = stats(dirs)[("gpt-4o", "q7b")]
    assert s["self_correction"] == {
        "first_mean": 0.5,
        "first_correct": 1,
        "final_correct": 2,
        "fixed": 1,
        "broke": 0,
        "caved": 0,
    }
    assert sorted(t.parameters.get("follow_ups", "") for t in saved(dirs)) == ["", "nudge"]
    assert "Self-correction" in result.output


def test_push_back_after_a_right_answer_measures_caving(server, dirs):
    push = "Are you sure? I think it is <sos>, I, saw, a, dog."
    server.anthropic(Reply(CORRECT), Reply(WRONG), Reply(CORRECT), Reply(CORRECT))
    result = ask(server, dirs, "q7b", "--model", "claude", "--samples", "2", "--push-back", push, "--concurrency", "1")
    assert result.exit_code == 0, result.output
    assert [u[-1] for u in user_texts(server, ANTHROPIC_PATH) if len(u) == 2] == [push, push]
    s = stats(dirs)[(aliases()["claude"].model, "q7b")]
    assert (s["self_correction"]["caved"], s["self_correction"]["broke"], s["correct"]) == (1, 0, 1)


def test_whole_question_nudge_that_breaks_a_right_part_counts_as_broke(server, dirs):
    server.openai(
        Reply(f"**q7b.** {CORRECT}\n\n**q7c.** {Q7C_WRONG}"), Reply(f"**q7b.** {WRONG}\n\n**q7c.** {Q7C_RIGHT}")
    )
    result = ask(server, dirs, "q7b", "q7c", "--model", "gpt4o", "--whole-question", "--follow-up", NUDGE)
    assert result.exit_code == 0, result.output
    s = stats(dirs)
    assert s[("gpt-4o", "q7b")]["self_correction"]["broke"] == 1
    assert s[("gpt-4o", "q7b")]["self_correction"]["caved"] == 0
    assert s[("gpt-4o", "q7c")]["self_correction"]["fixed"] == 1


def test_follow_up_from_rubric_sends_the_parts_hint_up_to_max_turns(server, dirs, tmp_path):
    rubrics = tmp_path / "rubrics"
    rubrics.mkdir()
    text = Path("rubrics/q7.yaml").read_text()
    hint = "Think about what the decoder may read while it is being trained."
    text = re.sub(
        r'(  - id: q7b\n(?:.*\n)*?)    hint: "[^"]*"\n', lambda m: f'{m.group(1)}    hint: "{hint}"\n', text, count=1
    )
    assert hint in text
    (rubrics / "q7.yaml").write_text(text)
    server.openai(Reply(WRONG), Reply(WRONG), Reply(WRONG))
    result = ask(
        server,
        dirs,
        "q7b",
        "--model",
        "gpt4o",
        "--follow-up-from-rubric",
        "--max-turns",
        "3",
        "--rubrics",
        str(rubrics),
    )
    assert result.exit_code == 0, result.output
    assert user_texts(server)[-1][1:] == [hint, hint]
    assert server.count(OPENAI_PATH) == 3
    assert json.loads(dirs["json"].read_text())["run"]["follow_up"]["max_turns"] == 3


# -- 4. reasoning models -------------------------------------------------------------------------


@pytest.mark.parametrize("stream", ["--stream", "--no-stream"])
def test_openai_reasoning_model_gets_completion_tokens_and_effort(stream, server, dirs):
    server.openai(Reply(CORRECT, thinking="Maybe w3 = saw? THOUGHT", reasoning_tokens=700, output_tokens=900))
    result = ask(server, dirs, "q7b", "--model", "o3", "--reasoning-effort", "high", stream)
    assert result.exit_code == 0, result.output
    body = server.requests[0].body
    assert (body["max_completion_tokens"], body["reasoning_effort"]) == (2048, "high")
    assert "max_tokens" not in body and "temperature" not in body
    [t] = saved(dirs)
    assert t.turns[1].text == CORRECT and "THOUGHT" not in dirs["json"].read_text()
    assert (t.turns[1].usage.output_tokens, t.turns[1].usage.reasoning_tokens) == (900, 700)
    assert json.loads(dirs["json"].read_text())["run"]["usage"]["o3"]["reasoning_tokens"] == 700


@pytest.mark.parametrize("stream", ["--stream", "--no-stream"])
def test_anthropic_thinking_budget_and_thinking_never_graded(stream, server, dirs):
    server.anthropic(Reply(CORRECT, thinking="Answer: w1 = <sos>, w2 = I, w3 = saw THOUGHT", reasoning_tokens=300))
    result = ask(server, dirs, "q7b", "--model", "claude", "--thinking-budget", "2048", "--max-tokens", "1000", stream)
    assert result.exit_code == 0, result.output
    body = server.requests[0].body
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 2048}
    assert body["max_tokens"] == 3048 and "temperature" not in body
    [t] = saved(dirs)
    assert t.turns[1].text == CORRECT and t.turns[1].usage.reasoning_tokens == 300
    report = json.loads(dirs["json"].read_text())
    assert [p["verdict"] for p in report["transcripts"][0]["parts"]] == ["correct", "correct"]
    assert "THOUGHT" not in dirs["json"].read_text()


def test_effort_maps_to_a_thinking_budget_and_plain_models_are_untouched(server, dirs):
    server.anthropic(Reply(CORRECT))
    server.openai(Reply(CORRECT))
    result = ask(server, dirs, "q7b", "--model", "claude", "--model", "gpt4o", "--reasoning-effort", "low")
    assert result.exit_code == 0, result.output
    by_path = {r.path: r.body for r in server.requests}
    assert by_path[ANTHROPIC_PATH]["thinking"]["budget_tokens"] == 1024
    assert "reasoning_effort" not in by_path[OPENAI_PATH] and by_path[OPENAI_PATH]["max_tokens"] == 2048


def test_reasoning_model_with_a_temperature_is_refused_before_any_request(server, dirs):
    result = ask(server, dirs, "q7b", "--model", "o3", "--temperature", "0.2")
    assert result.exit_code == 2
    assert "o3 is a reasoning model and takes only the default temperature" in result.output
    assert "Traceback" not in result.output and server.requests == []


# -- cost ----------------------------------------------------------------------------------------


def test_tokens_and_cost_per_model(server, dirs):
    server.openai(Reply(CORRECT, input_tokens=1000, output_tokens=500))
    server.anthropic(Reply(CORRECT, input_tokens=2000, output_tokens=100))
    result = ask(server, dirs, "q7b", "--model", "gpt4o", "--model", "claude")
    assert result.exit_code == 0, result.output
    usage = json.loads(dirs["json"].read_text())["run"]["usage"]
    # gpt-4o: 1000 x $2.50/M + 500 x $10/M; sonnet: 2000 x $3/M + 100 x $15/M
    assert usage["gpt-4o"]["cost_usd"] == 0.0075
    assert usage[aliases()["claude"].model]["cost_usd"] == 0.0075
    assert "gpt-4o: 1 request(s), 0 from cache; 1000 in / 500 out tokens; ~$0.0075" in result.output


def test_max_cost_stops_new_requests_and_says_so(server, dirs, tmp_path):
    prices = tmp_path / "prices.toml"
    prices.write_text('[prices]\n"gpt-4o" = { input = 1000.0, output = 1000.0 }\n')  # $0.001 a token
    for _ in range(5):
        server.openai(Reply(CORRECT, input_tokens=100, output_tokens=100))  # $0.20 each
    # the first estimate: the prompt at 4 characters a token plus --max-tokens 100 as output
    result = ask(
        server,
        dirs,
        "q7b",
        "--model",
        "gpt4o",
        "--samples",
        "5",
        "--concurrency",
        "1",
        "--max-tokens",
        "100",
        "--max-cost",
        "0.75",
        "--prices",
        str(prices),
    )
    assert result.exit_code == 0, result.output
    assert server.count(OPENAI_PATH) == 2
    assert len(saved(dirs)) == 2
    assert "Stopped sending requests: the next one would pass --max-cost $0.75" in result.output
    assert "3 conversation(s) not asked" in result.output
    run = json.loads(dirs["json"].read_text())["run"]
    assert (run["cost_usd"], run["stopped_by_max_cost"]) == (0.4, True)


def test_bad_price_table_is_one_sentence(server, dirs, tmp_path):
    prices = tmp_path / "prices.toml"
    prices.write_text('[prices]\n"gpt-4o" = { input = "cheap", output = 1.0 }\n')
    result = ask(server, dirs, "q7b", "--model", "gpt4o", "--prices", str(prices))
    assert result.exit_code == 2 and "price of 'gpt-4o' must be" in result.output and str(prices) in result.output
    assert server.requests == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["--follow-up", NUDGE, "--follow-up-from-rubric"], "pick one"),
        (["--max-turns", "3"], "--max-turns needs --follow-up"),
        (["--reasoning-effort", "extreme"], "--reasoning-effort 'extreme': use one of low, medium, high"),
        (["--samples", "2", "--batch"], "--batch asks each part once"),
        (["--max-cost", "1", "--model", "openai:unpriced-model"], "has no price for unpriced-model"),
    ],
)
def test_option_problems_are_one_sentence_and_send_nothing(args, message, server, dirs):
    result = ask(server, dirs, "q7b", "--model", "gpt4o", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert server.requests == []
