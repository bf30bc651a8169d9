from __future__ import annotations

import json
import threading

from hw7grade.providers.base import Completion, Message, ProviderParams, Usage
from hw7grade.providers.cache import ResponseCache, cache_key, default_cache_dir, request_record

MESSAGES = [Message("user", "Question q7b. tokens?")]
COMPLETION = Completion("w1 = <sos>", "gpt-4o-2024-08-06", "openai", Usage(3, 4), 1.25, "stop")


def record(**params):
    return request_record("openai", "gpt-4o", MESSAGES, ProviderParams(**params))


def test_round_trip_marks_the_answer_as_cached(tmp_path):
    cache = ResponseCache(tmp_path)
    key = cache_key(record(), None)
    assert cache.get(key) is None
    cache.put(key, record(), COMPLETION)
    hit = cache.get(key)
    assert hit is not None and hit.cached
    assert (hit.text, hit.model, hit.usage, hit.finish_reason) == (
        "w1 = <sos>",
        "gpt-4o-2024-08-06",
        Usage(3, 4),
        "stop",
    )


def test_key_depends_on_what_shapes_the_answer_but_not_the_timeout():
    base = cache_key(record(), None)
    assert cache_key(record(timeout_s=5.0), None) == base
    assert cache_key(record(temperature=0.5), None) != base
    assert cache_key(record(system="other"), None) != base
    assert cache_key(record(max_tokens=10), None) != base
    assert cache_key(record(), "http://127.0.0.1:9/v1") != base
    other_model = request_record("openai", "gpt-4.1", MESSAGES, ProviderParams())
    assert cache_key(other_model, None) != base


def test_endpoint_is_hashed_not_stored(tmp_path):
    cache = ResponseCache(tmp_path)
    endpoint = "http://user:secret-pass@127.0.0.1:9/v1"
    key = cache_key(record(), endpoint)
    path = cache.put(key, record(), COMPLETION)
    text = path.read_text()
    assert "secret-pass" not in text
    assert json.loads(text)["schema"] == "hw7grade.cache/1"


def test_corrupt_or_foreign_files_are_misses(tmp_path):
    cache = ResponseCache(tmp_path)
    key = cache_key(record(), None)
    path = cache.put(key, record(), COMPLETION)
    path.write_text("{not json")
    assert cache.get(key) is None
    path.write_text(json.dumps({"schema": "hw7grade.cache/1", "key": "other", "completion": {}}))
    assert cache.get(key) is None


def test_concurrent_writers_leave_one_complete_file(tmp_path):
    cache = ResponseCache(tmp_path)
    key = cache_key(record(), None)
    threads = [threading.Thread(target=cache.put, args=(key, record(), COMPLETION)) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    files = list(tmp_path.rglob("*"))
    assert [f.name for f in files if f.is_file()] == [f"{key}.json"]
    assert cache.get(key).text == COMPLETION.text


def test_cache_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HW7GRADE_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("HW7GRADE_CACHE_DIR")
    assert default_cache_dir().name == "responses"
