"""Asking the judge: one structured call per answer through the same cache, retries and fault
handling as `ask`, at most `concurrency` calls in flight, one retry when the reply has the wrong
shape. A judge that cannot score an answer makes it `unscored`, never a guess.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Sequence

from ..collector import paused
from ..errors import Hw7gradeError
from ..providers.asker import Asker
from ..providers.base import Provider, ProviderParams
from ..providers.models import ModelSpec
from .model import CriterionScore, JudgeResult, JudgeStatus
from .parse import ShapeError, parse_reply
from .prompt import SYSTEM, judge_messages
from .schema import structured_output

if TYPE_CHECKING:
    from ..rubric.model import Part

SHAPE_RETRIES = 1
"""A reply in the wrong shape is asked again this many times, then the answer is unscored."""
JUDGE_MAX_TOKENS = 1500
JUDGE_TIMEOUT_S = 120.0
DEFAULT_JUDGE_CONCURRENCY = 4
REFUSAL_CHARS = 160


@dataclass(frozen=True)
class JudgeJob:
    """One answer to score: the rubric part (its prompt, reference and criteria) and the text."""

    part: "Part"
    """A part with `judge: true`."""
    answer: str


@dataclass
class Judge:
    spec: ModelSpec
    connect: Callable[[], Provider]
    """Builds the provider at the first request: importing its SDK costs about as much as grading
    a class, and with `grade --judge` the first request comes while files are still being graded."""
    endpoint: str | None
    asker: Asker
    concurrency: int = DEFAULT_JUDGE_CONCURRENCY
    failures: list[Hw7gradeError] = field(default_factory=list)
    """Requests that still failed after retries (their answers are unscored); sets the exit code."""
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _connect_lock: threading.Lock = field(default_factory=threading.Lock)
    _provider: Provider | None = None

    @property
    def name(self) -> str:
        return self.spec.qualified

    @property
    def provider(self) -> Provider:
        with self._connect_lock:
            if self._provider is None:
                with paused():  # an SDK's import: thousands of long-lived objects, a tenth of its CPU in collections
                    self._provider = self.connect()
            return self._provider

    def close(self) -> None:
        """Stop requests in flight (Ctrl-C); a provider never built has none."""
        self.asker.cancel.set()
        if self._provider is not None:
            self._provider.close()

    def params(self, part: "Part") -> ProviderParams:
        return ProviderParams(
            max_tokens=JUDGE_MAX_TOKENS,
            system=SYSTEM,
            timeout_s=JUDGE_TIMEOUT_S,
            structured=structured_output(part.criteria),
        )

    def score(self, job: JudgeJob) -> JudgeResult:
        part, answer = job.part, job.answer
        params = self.params(part)
        problem: str | None = None
        for _ in range(1 + SHAPE_RETRIES):
            messages = judge_messages(part.prompt, part.reference, part.criteria, answer, problem)
            try:
                completion = self.asker.answer(self.provider, self.endpoint, messages, params)
            except Hw7gradeError as error:
                with self._lock:
                    self.failures.append(error)
                return self._unscored(part, f"the judge request failed: {error}")
            if completion.finish_reason == "refusal":
                text = " ".join(completion.text.split())[:REFUSAL_CHARS]
                return self._unscored(
                    part, f"the judge refused to score this answer ({text or 'no reason given'})", completion.model
                )
            try:
                scores = parse_reply(completion.text, part.criteria, answer)
            except ShapeError as error:
                problem = str(error)
                continue
            return JudgeResult(self.name, _status(scores), scores, answered_by=completion.model)
        return self._unscored(part, f"the judge's reply had the wrong shape twice ({problem})")

    def score_all(self, jobs: Sequence[JudgeJob]) -> list[JudgeResult]:
        """Results in job order; Ctrl-C stops new calls and ends those in flight."""
        if not jobs:
            return []
        pool = ThreadPoolExecutor(max_workers=min(self.concurrency, len(jobs)), thread_name_prefix="judge")
        try:
            return list(pool.map(self.score, jobs))
        except BaseException:
            self.close()
            raise
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def _unscored(self, part: "Part", reason: str, answered_by: str | None = None) -> JudgeResult:
        criteria = tuple(CriterionScore(c.name, c.check, "unscored", 0.0, c.points, "", reason) for c in part.criteria)
        return JudgeResult(self.name, "unscored", criteria, reason, answered_by)


def _status(scores: Sequence[CriterionScore]) -> JudgeStatus:
    scored = sum(1 for s in scores if s.status == "scored")
    return "scored" if scored == len(scores) else ("unscored" if scored == 0 else "partial")


def make_judge(
    name: str, concurrency: int = DEFAULT_JUDGE_CONCURRENCY, use_cache: bool = True, max_retries: int | None = None
) -> Judge:
    """The judge for `--judge NAME`: same aliases, keys, cache and retry policy as `ask`."""
    from ..providers.cache import ResponseCache, default_cache_dir
    from ..providers.models import make_provider, require_key, resolve_model
    from ..providers.registry import endpoint_for
    from ..providers.retry import RetryPolicy

    spec = resolve_model(name)
    require_key(spec.provider)
    policy = RetryPolicy.from_env() if max_retries is None else RetryPolicy.from_env(max_retries)
    asker = Asker(policy=policy, cache=ResponseCache(default_cache_dir()) if use_cache else None, use_stream=False)
    endpoint = endpoint_for(spec.provider, None)
    return Judge(spec, lambda: make_provider(spec), endpoint, asker, concurrency)


def same_model(judge: ModelSpec, tested: str | None) -> bool:
    """True when the judge looks like the model under test (one id is a prefix of the other:
    `gpt-4o` and `gpt-4o-2024-08-06`, `claude-opus` and `claude-opus-5-5`)."""
    if not tested:
        return False
    a = judge.model.lower()
    b = tested.lower().partition(":")[2] if ":" in tested else tested.lower()
    return a.startswith(b) or b.startswith(a)
