"""`ask --batch` and `hw7grade batch status|collect|resend|list` end to end: the real SDKs against
the loopback server, each command in a fresh CliRunner call (as from a new process), with fake keys
that must never reach the output, the state files, the transcripts or the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.runs.state import BatchState
from hw7grade.transcripts.native import NativeTranscript
from providers.fake_server import (
    ANTHROPIC_PATH,
    FILES_ROUTE,
    OPENAI_PATH,
    Expired,
    Reply,
    Status,
)

from .conftest import CORRECT, WRONG, provider_env

runner = CliRunner()


def run(server, dirs, *args: str):
    return runner.invoke(app, list(args), env=provider_env(server, dirs), catch_exceptions=False)


def submit(server, dirs, *args: str):
    return run(server, dirs, "ask", *args, "--batch", "--save-dir", str(dirs["save"]))


def state_files(dirs) -> list[Path]:
    return sorted((dirs["cache"] / "batches").glob("*.json"))


def state(dirs, batch_id: str) -> BatchState:
    return BatchState.model_validate_json((dirs["cache"] / "batches" / f"{batch_id}.json").read_text())


def transcripts(dirs) -> list[NativeTranscript]:
    files = sorted(dirs["save"].glob("*.json")) if dirs["save"].exists() else []
    return [NativeTranscript.model_validate_json(f.read_text()) for f in files]


def assert_no_key_anywhere(dirs, *results) -> None:
    for result in results:
        assert "KEYSECRET" not in result.output
    for folder in (dirs["save"], dirs["cache"], dirs["json"].parent):
        for f in folder.rglob("*") if folder.exists() else []:
            if f.is_file():
                assert "KEYSECRET" not in f.read_text(errors="replace"), f


@pytest.mark.parametrize("alias, path", [("gpt4o", OPENAI_PATH), ("claude", ANTHROPIC_PATH)])
def test_submit_then_collect_saves_grades_and_lists_failures(alias, path, server, dirs):
    server.batch_polls = 1
    (server.openai if path == OPENAI_PATH else server.anthropic)(Expired(), Reply(CORRECT), Status(500))
    submitted = submit(server, dirs, "q7b", "q7c", "q7a", "--model", alias, "--temperature", "0.3")
    assert submitted.exit_code == 0, submitted.output
    assert server.count(path) == 0  # nothing asked live
    [state_file] = state_files(dirs)
    batch_id = state_file.stem
    assert f"hw7grade batch collect {batch_id}" in submitted.output
    saved = state(dirs, batch_id)
    assert [r.part_id for r in saved.requests] == ["q7a", "q7b", "q7c"]  # rubric order
    assert saved.params.temperature == 0.3 and saved.requests[1].messages[0].content.startswith("Question q7b. ")

    early = run(server, dirs, "batch", "collect", batch_id)
    assert early.exit_code == 0 and "in_progress" in early.output and "collect again later" in early.output
    assert transcripts(dirs) == []

    collected = run(server, dirs, "batch", "collect", batch_id, "--json", str(dirs["json"]))
    assert collected.exit_code == 3, collected.output
    [transcript] = transcripts(dirs)
    assert transcript.parts == ["q7b"] and transcript.turns[1].text == CORRECT
    assert transcript.parameters["batch_id"] == batch_id and transcript.parameters["temperature"] == 0.3
    assert transcript.turns[1].model.startswith(saved.model) and not transcript.turns[1].cached
    report = json.loads(dirs["json"].read_text())
    [final] = [p for p in report["transcripts"][0]["parts"] if p["attempt"] == "final"]
    assert (final["id"], final["score"], final["max_score"]) == ("q7b", 3.0, 3.0)
    assert "errored: q7c" in collected.output and "expired: q7a" in collected.output
    assert f"hw7grade batch resend {batch_id}" in collected.output
    after = state(dirs, batch_id)
    assert [r.status for r in after.requests] == ["expired", "succeeded", "errored"] and after.collected_at
    assert_no_key_anywhere(dirs, submitted, early, collected)


def test_collected_answers_fill_the_cache_and_a_later_submit_skips_them(server, dirs):
    server.openai(Reply(CORRECT))
    batch_id = _submitted_id(submit(server, dirs, "q7b", "--model", "gpt4o"), dirs)
    assert run(server, dirs, "batch", "collect", batch_id).exit_code == 0
    live = run(server, dirs, "ask", "q7b", "--model", "gpt4o", "--save-dir", str(dirs["save"]), "--no-stream")
    assert live.exit_code == 0 and server.count(OPENAI_PATH) == 0 and "cache" in live.output
    again = submit(server, dirs, "q7b", "--model", "gpt4o")
    assert again.exit_code == 0 and "answered from the cache" in again.output and "3 / 3 points" in again.output
    assert server.count("/v1/batches") == 1 and len(state_files(dirs)) == 1
    assert len(transcripts(dirs)) == 3


def test_no_cache_submits_even_what_the_cache_has(server, dirs):
    server.openai(Reply(CORRECT), Reply(CORRECT))
    first = _submitted_id(submit(server, dirs, "q7b", "--model", "gpt4o"), dirs)
    run(server, dirs, "batch", "collect", first)
    result = submit(server, dirs, "q7b", "--model", "gpt4o", "--no-cache")
    assert result.exit_code == 0 and server.count("/v1/batches") == 2


def test_resend_submits_only_what_failed_and_links_the_batches(server, dirs):
    server.anthropic(Expired(), Reply(CORRECT), Status(529), Reply(WRONG), Reply(CORRECT))
    first = _submitted_id(submit(server, dirs, "q7b", "q7c", "q7a", "--model", "claude"), dirs)
    not_yet = run(server, dirs, "batch", "resend", first)
    assert not_yet.exit_code == 2 and "has not been collected" in not_yet.output
    assert run(server, dirs, "batch", "collect", first).exit_code == 3
    resent = run(server, dirs, "batch", "resend", first)
    assert resent.exit_code == 0, resent.output
    second = next(p.stem for p in state_files(dirs) if p.stem != first)
    assert f"resent as batch {second}" in resent.output
    new = state(dirs, second)
    assert [r.part_id for r in new.requests] == ["q7a", "q7c"] and new.resent_from == first
    assert state(dirs, first).resent_as == [second]
    assert [r.resent_in for r in state(dirs, first).requests] == [second, None, second]
    entries = server.requests[-1].body["requests"]
    assert [e["params"]["messages"][0]["content"][:14] for e in entries] == ["Question q7a. ", "Question q7c. "]
    assert "Nothing to resend" in run(server, dirs, "batch", "resend", first).output
    done = run(server, dirs, "batch", "collect", second)
    assert done.exit_code == 0, done.output
    assert sorted(t.parts[0] for t in transcripts(dirs)) == ["q7a", "q7b", "q7c"]
    listing = run(server, dirs, "batch", "list")
    assert listing.exit_code == 0
    assert f"resent as {second}" in listing.output and f"resent from {first}" in listing.output


def test_status_reports_progress_and_a_second_collect_changes_nothing(server, dirs):
    server.batch_polls = 1
    server.openai(Reply(CORRECT))
    batch_id = _submitted_id(submit(server, dirs, "q7b", "--model", "gpt4o"), dirs)
    running = run(server, dirs, "batch", "status", batch_id)
    assert running.exit_code == 0 and "in_progress" in running.output and "total 1" in running.output
    ended = run(server, dirs, "batch", "status", batch_id)
    assert "completed" in ended.output and f"hw7grade batch collect {batch_id}" in ended.output
    assert run(server, dirs, "batch", "collect", batch_id).exit_code == 0
    again = run(server, dirs, "batch", "collect", batch_id)
    assert again.exit_code == 0 and "was collected" in again.output
    assert len(transcripts(dirs)) == 1


def test_collect_wait_polls_until_the_batch_ends(server, dirs):
    server.batch_polls = 3
    server.openai(Reply(CORRECT))
    batch_id = _submitted_id(submit(server, dirs, "q7b", "--model", "gpt4o"), dirs)
    result = run(server, dirs, "batch", "collect", batch_id, "--wait", "--poll-every", "0.01")
    assert result.exit_code == 0, result.output
    assert result.output.count("next poll in") == 3 and len(transcripts(dirs)) == 1


def test_collect_wait_stops_at_the_timeout(server, dirs):
    server.batch_polls = 100
    server.openai(Reply(CORRECT))
    batch_id = _submitted_id(submit(server, dirs, "q7b", "--model", "gpt4o"), dirs)
    result = run(server, dirs, "batch", "collect", batch_id, "--wait", "--poll-every", "0.01", "--timeout", "0.05")
    assert result.exit_code == 0 and "still in_progress" in result.output and transcripts(dirs) == []


def test_state_dir_option_and_list(server, dirs, tmp_path):
    server.openai(Reply(CORRECT))
    elsewhere = tmp_path / "states"
    result = submit(server, dirs, "q7b", "--model", "gpt4o", "--state-dir", str(elsewhere))
    [path] = elsewhere.glob("*.json")
    assert f"--state-dir {elsewhere}" in result.output and state_files(dirs) == []
    assert "No batches" in run(server, dirs, "batch", "list").output
    listing = run(server, dirs, "batch", "list", "--state-dir", str(elsewhere))
    assert path.stem in listing.output and "openai:gpt-4o" in listing.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--interactive"], "cannot be combined with --interactive"),
        (["--judge", "claude"], "pass --judge to `hw7grade batch collect`"),
    ],
)
def test_batch_with_options_that_need_an_answer_is_a_usage_error(server, dirs, args, message):
    result = submit(server, dirs, "q7b", "--model", "gpt4o", *args)
    assert result.exit_code == 2 and message in result.output
    assert server.requests == []


@pytest.mark.parametrize("batch_id, message", [("batch_unknown", "No batch batch_unknown"), ("../x", "not a batch id")])
def test_unknown_or_unsafe_batch_ids_are_usage_errors(server, dirs, batch_id, message):
    result = run(server, dirs, "batch", "collect", batch_id)
    assert result.exit_code == 2 and message in result.output


def test_auth_and_provider_failures_exit_2_and_3_without_the_key(server, dirs):
    server.script(FILES_ROUTE, Status(401, echo_key=True))
    rejected = submit(server, dirs, "q7b", "--model", "gpt4o")
    assert rejected.exit_code == 2 and "OPENAI_API_KEY" in rejected.output
    server.script(FILES_ROUTE, *[Status(500)] * 3)
    failed = submit(server, dirs, "q7b", "--model", "gpt4o", "--max-retries", "2")
    assert failed.exit_code == 3 and "Gave up" in failed.output
    assert state_files(dirs) == []
    assert_no_key_anywhere(dirs, rejected, failed)


def test_a_state_file_that_is_not_ours_is_named(server, dirs):
    folder = dirs["cache"] / "batches"
    folder.mkdir(parents=True)
    (folder / "batch_x.json").write_text('{"schema": "hw7grade.batch/1", "secret": 1}')
    result = run(server, dirs, "batch", "status", "batch_x")
    assert result.exit_code == 2 and "batch_x.json" in result.output
    assert "unreadable state file" in run(server, dirs, "batch", "list").output


def _submitted_id(result, dirs) -> str:
    assert result.exit_code == 0, result.output
    return max(state_files(dirs), key=lambda p: p.stat().st_mtime_ns).stem


def test_a_state_file_naming_another_server_is_refused_and_gets_no_key(server, dirs):
    from providers.fake_server import FakeServer

    server.openai(Reply(CORRECT))
    submit(server, dirs, "q7b", "--model", "gpt4o", "--base-url", server.openai_base_url)
    [state_file] = state_files(dirs)
    batch_id = state_file.stem
    with FakeServer() as elsewhere:
        data = json.loads(state_file.read_text())
        data["base_url"] = elsewhere.openai_base_url  # a copied or edited state file
        state_file.write_text(json.dumps(data))
        for command in ("status", "collect"):
            result = run(server, dirs, "batch", command, batch_id)
            assert result.exit_code == 2, result.output
            assert result.output.startswith(
                f"Error: The state of batch {batch_id} names the server {elsewhere.openai_base_url}, "
                f"but the endpoint configured now is {server.openai_base_url} (from OPENAI_BASE_URL)"
            )
        assert elsewhere.requests == []
        run(server, dirs, "batch", "status", batch_id, "--base-url", elsewhere.openai_base_url)
        assert [r.path for r in elsewhere.requests] == [f"/v1/batches/{batch_id}"]  # an explicit --base-url does


def test_the_configured_endpoint_is_polled_when_the_state_names_the_same_one(server, dirs):
    server.openai(Reply(CORRECT))
    submit(server, dirs, "q7b", "--model", "gpt4o", "--base-url", server.openai_base_url + "/")
    [state_file] = state_files(dirs)
    result = run(server, dirs, "batch", "status", state_file.stem)
    assert result.exit_code == 0, result.output
    assert "provider status:" in result.output


def test_state_and_cache_files_are_private(server, dirs):
    import stat

    server.openai(Reply(CORRECT))
    submit(server, dirs, "q7b", "--model", "gpt4o")
    [state_file] = state_files(dirs)
    assert stat.S_IMODE(state_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(state_file.parent.stat().st_mode) == 0o700
    collected = run(server, dirs, "batch", "collect", state_file.stem)
    assert collected.exit_code == 0, collected.output
    cached = [f for f in dirs["cache"].rglob("*.json") if f.parent.name != "batches"]  # HW7GRADE_CACHE_DIR itself
    assert cached and {stat.S_IMODE(f.stat().st_mode) for f in cached} == {0o600}
    [saved] = sorted(dirs["save"].glob("*.json"))
    assert stat.S_IMODE(saved.stat().st_mode) == 0o666 & ~_umask()  # a transcript is an ordinary file


def _umask() -> int:
    from hw7grade import atomic

    return atomic._UMASK
