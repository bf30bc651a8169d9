"""Scripted follow-ups: after each answer the conversation is graded; an answer short of full marks
gets a nudge (`--follow-up TEXT`, or the part's rubric `hint` with `--follow-up-from-rubric`), a
full-marks answer gets the misleading `--push-back TEXT` once, up to `--max-turns` answers.

A push-back ends the script: what the model does after it (keep or cave) is what it measures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..rubric.model import Rubric

GENERIC_NUDGE = "Re-read the question and check your answer."
DEFAULT_MAX_TURNS = 2
FULL = 1e-9


@dataclass(frozen=True)
class FollowUpPolicy:
    nudges: tuple[str, ...] = ()
    """Sent in order after short answers; the last one repeats."""
    from_rubric: bool = False
    push_back: str | None = None
    max_turns: int = 1
    """Most answers a conversation gets (the first one included)."""

    @property
    def active(self) -> bool:
        return self.max_turns > 1 and bool(self.nudges or self.from_rubric or self.push_back)

    def describe(self) -> dict[str, object]:
        return {
            "nudges": list(self.nudges),
            "from_rubric": self.from_rubric,
            "push_back": self.push_back,
            "max_turns": self.max_turns,
        }

    def next_message(self, rubric: Rubric, finals: list, sent: list[str]) -> tuple[str, str] | None:
        """(kind, text) of the next follow-up, given the latest attempt's scores and the kinds sent."""
        if len(sent) + 1 >= self.max_turns or "push_back" in sent:
            return None
        short = [p for p in finals if p.score < p.max_score - FULL]
        if not short:
            return ("push_back", self.push_back) if self.push_back else None
        if self.from_rubric:
            return "nudge", self._hints(rubric, [p.id for p in short], len(finals) > 1)
        if self.nudges:
            nudges_sent = sent.count("nudge")
            return "nudge", self.nudges[min(nudges_sent, len(self.nudges) - 1)]
        return None

    @staticmethod
    def _hints(rubric: Rubric, part_ids: list[str], label: bool) -> str:
        hints = [(pid, " ".join(rubric.part(pid).hint.split()) or GENERIC_NUDGE) for pid in part_ids]
        if not label:
            return hints[0][1]
        return "\n".join(f"{pid}: {text}" for pid, text in hints)


def converse(session, asker, policy: FollowUpPolicy, rubric: Rubric, on_text=None, on_retry=None):
    """The first answer, then the policy's follow-ups; returns the last completion.

    The kinds sent are recorded in the transcript's parameters (`"follow_ups": "nudge,push_back"`)."""
    from ..grading.score import grade_conversation
    from .cost import BudgetExhausted

    completion = session.reply(asker, on_text, on_retry)
    if not policy.active:
        return completion
    sent: list[str] = []
    while True:
        graded = grade_conversation(session.transcript().to_conversation(), rubric, only=session.part_ids)
        step = policy.next_message(rubric, graded.finals, sent)
        if step is None:
            return completion
        kind, text = step
        try:
            completion = session.follow_up(text, asker, on_text, on_retry)
        except BudgetExhausted:
            return completion  # the answers so far stand; the run says why it stopped
        sent.append(kind)
        session.settings["follow_ups"] = ",".join(sent)
