"""`stance`: the answer's yes/no position (q8b)."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from ..regexes import regex
from ..text.analysis import Analysed, analyse, find_hits
from ..text.answers import TITLE_ARROW_MAX_WORDS, TITLE_ARROW_RE, TRAILING_MARK_RE, strip_decoration, table_cells
from ..text.labels import line_label
from ..text.phrases import PhraseSet
from ..text.sentences import Sentence
from .base import CheckContext, CheckResult, CheckSpec

_ANSWER_PREFIX_RE = regex(
    r"^[\"']?(?:(?:the\s{1,3})?(?:(?:final|short|correct|corrected|revised|updated|new|my|overall)\s{1,3}){0,2}"
    r"(?:answer|verdict|conclusion)s?[\"']?[ \t]{0,3}"  # a JSON key too: '"answer": "yes"'
    r"(?:\([^)\n]{0,12}\)[ \t]{0,3}|(?:for|to|on)[ \t]{1,3}(?:part[ \t]{1,3})?[^\s:]{1,12}[ \t]{0,3})?"
    # "### (b) revised: **Yes**, ...": after a part's label, the word that marks a revision.
    r"|(?:corrected|revised|updated|final)(?=[ \t]{0,3}[:：—])[ \t]{0,3})"
    r"(?:is[ \t]{0,3})?[:：—=-]?[ \t]{0,3}",
    re.I,
)
_DISCOURSE_RE = regex(
    r"^(?:(?:so|thus|hence|therefore|overall|in\s+short|in\s+summary|in\s+conclusion|i'd\s+argue|i\s+would\s+argue"
    r"|i'd\s+say|i\s+would\s+say|i\s+think|i\s+believe|i\s+argue"
    r"|(?:i'd|i\s+would|i)\s+lean(?:\s+towards?)?|leaning(?:\s+towards?)?"
    r"|roughly|approximately|essentially|basically|mostly|largely|broadly|in\s+practice)[\s,:—-]{0,3}){1,3}",
    re.I,
)
"""Words a stance may follow at a sentence's start ("So yes:", "I'd argue no.", a hedge: "Roughly, yes.", "I'd
lean towards **no**, though ...")."""
_LEADING_RE = regex(r"^(yes|no)\b[\"'”’]?(?=\s*(?:$|[,.;:!—)\-✅✓✔❌✗]|\s+\w))", re.I)
"""A sentence that opens on its stance, quoted or not ("Yes, ...", '"Yes" is the right conclusion')."""
_NO_NOUN_RE = regex(
    r"^no\s+(?!it\b|the\s+\w+\s+(?:does|is|will)|because|since|—|-)\w"
    r"|^no[\s,—–-]{1,4}not[ \t]{1,3}(?:exactly|quite|necessarily|entirely|precisely|perfectly)\b",
    re.I,
)
""""No regularisation is needed" opens with a determiner, not with a stance; "No, not exactly" qualifies a
claim the user put (exact orthonormality), it takes no stance on the question."""
_INLINE_RE = regex(
    r"\b(?:(?:answer|verdict|position)(?:[ \t]{1,3}(?:to|for|on)(?:[ \t]{1,3}[^\s]{1,20}){1,3})?"
    r"\s{1,3}(?:is|remains|stays|becomes)[ \t]{0,3}:?"
    r"|(?:change[sd]?|changing|revise[sd]?|switch(?:es|ed)?|update[sd]?)\s{1,3}(?:the|my)\s{1,3}answer\s{1,3}to"
    r"|(?:makes?|made|making)\s{1,3}(?:the|my)\s{1,3}answer"
    r"|(?:i'd|i\s{1,3}would|i)\s{1,3}(?:still\s{1,3}|also\s{1,3}|definitely\s{1,3}|actually\s{1,3})?(?:say|argue|maintain))"
    r"[ \t*_\"']{0,5}(?:(?:actually|definitely|clearly|simply|still|indeed)[ \t]{1,3})?(yes|no|affirmative)\b",
    re.I,
)
"""A stance inside a sentence: "the answer is yes" (or "affirmative"), "the answer to (b) is yes", "my answer
remains: yes", "but I'd still say yes", "that changes the answer to **yes**", "and that makes the answer **yes**"."""
_ARGUES_IT_DOES_RE = regex(
    r"\b(?:i'd|i\s{1,3}would|i)\s{1,3}(?:still\s{1,3})?(?:say|argue|maintain|think|believe)\s{1,3}(?:that\s{1,3})?"
    r"it\s{1,3}(?P<st>does|doesn['’]t|does\s{1,3}not)(?=[ \t*_]{0,3}(?:[:;,.!—–(]|$))",
    re.I,
)
"""The stance as the question's own verb, ending its clause: "I'd argue that it does: a small λ pushes W2
toward ...", "I think it doesn't."."""
_QUOTED_STANCE_RE = regex(
    r"[*_\"'“‘]{1,6}(yes|no)[*_\"'”’]{1,6}[ \t]{1,3}is[ \t]{1,3}(?:the|a)[ \t]{1,3}(?:[a-z]{1,12}[ \t]{1,3})?"
    r"(?:answer|conclusion|verdict|call)\b",
    re.I,
)
"""A quoted or bold stance named as the answer inside a sentence: "on reflection I think **"No"** is
the better answer here" (at a sentence's start `_LEADING_RE` reads it)."""
_ENDORSED_RE = regex(
    r"\b(?:answer|conclusion|verdict)[ \t]{0,3}\([ \t*_\"'`]{0,5}(yes|no)[ \t*_\"'`.!]{0,5}\)"
    r"[ \t]{0,3}(?:is|was)[ \t]{1,3}(?:right|correct|fine)\b",
    re.I,
)
"""A stance a reply endorses in brackets: "Your conclusion (**yes**) is right, but ..."."""
_CLAUSE_STANCE_RE = regex(
    r"(?::|;[ \t]{0,3}(?:and|but|so)?|[—–][ \t]{0,3}(?:and|but|so)?|,[ \t]{0,3}(?:but|so))[ \t*_]{0,4}(yes|no)"
    r"(?=[ \t*_]{0,3}[,.;!—])",
    re.I,
)
"""A clause after a colon, a semicolon, a dash or ", but" / ", so", that opens on its stance: "... so W2ᵀW2 ≈
I_k: **yes, there is a bias**", "...; and yes, a small nonzero λ does bias W₂ toward ...", "... for its own sake
— but yes, for small nonzero λ there is a genuine bias"."""
_CELL_RE = regex(r"[\s*_`\"'.!✅✓✔❌✗]{0,8}(yes|no)[\s*_`\"'.!✅✓✔❌✗]{0,8}(?:\([^()|]{1,30}\)[\s.]{0,3})?", re.I)
"""A table cell that is nothing but a yes or a no, qualified in brackets or not ("| orthonormal W2? |
**Yes** | see below |", "| **Yes** (approximately) |")."""


_CORRECTED_CELL_RE = regex(r"[\s*_`✅✓✔❌✗]{0,8}(?:→|->|=>|⇒)[\s*_`]{0,4}(yes|no)[\s*_`.!✅✓✔]{0,6}", re.I)
"""A table cell that corrects a stance to another: "❌ → Yes", "✗ -> **No**"."""


_TITLE_TAIL_RE = regex(
    r"(?:[ \t][—–-]|:|[ \t](?:→|->|=>))[ \t]{0,3}(yes|no)(?:[ \t]{0,2}[,;]?[ \t]{1,2}[A-Za-z]{1,15}){0,2}"
    r"(?:[ \t]{1,3}[\[(][A-Za-z \t]{1,20}[\])])?[^\w]{0,4}$",
    re.I,
)
"""A part's heading that ends on its answer after a dash, colon or arrow, a word or two of hedge after
it or not, and a bracketed tag ("... in W2: yes.", "Bias toward orthonormality → **Yes**", "... with
small λ — yes, approximately", "... in W2: Yes  [revised]")."""
_NUMBERED_TITLE_RE = regex(r"[ \t]{0,3}\(?\d{1,2}[.)][ \t]{1,3}\S")
NUMBERED_TITLE_MAX_WORDS = 14
"""A numbered section's title this short may end on its answer, as a part's heading does ("4.
Orthonormal columns with small λ — yes, approximately")."""


_OPENING_HEADING_RE = regex(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3}(?P<h>[^\n]{1,200})|(?:\*\*|__)(?P<b>[^*_\n]{1,200})(?:\*\*|__)[ \t]{0,2}$)", re.M
)


def _opening_heading(answer: str) -> str | None:
    """The answer's first line when it is a heading (Markdown or a bold line) of a short title: where,
    when no sentence states a position, the part's heading may end on it."""
    m = _OPENING_HEADING_RE.match(answer.lstrip("\n"))
    heading = m and (m.group("h") or m.group("b"))
    return heading if heading and len(heading.split()) <= NUMBERED_TITLE_MAX_WORDS else None


_VERDICT_RE = regex(
    r"[ \t*_✅✓✔❌✗]{0,6}(?:(?:verdict|answer)[ \t*_]{0,3}:[ \t*_]{0,3})?(true|false|correct|incorrect|right|wrong)\b"
    r"(?![ \t]{1,3}(?:that|if|when|for|about|to)\b)",
    re.I,
)
"""A statement opening on a verdict on a claim: "Verdict: True.", "**Correct** — there is such a bias"."""
_UPHOLDING = frozenset({"true", "correct", "right"})
_PLAIN_VERDICTS = frozenset({"true", "false"})
VERDICT_SCAN_CHARS = 400
"""How far into the raw answer a verdict word is looked for in bold."""


def _unlabelled(text: str) -> str:
    """The sentence after its part's label, if it opens on one ("8(b) ✅ Correct" -> "✅ Correct")."""
    body = strip_decoration(text)
    label = line_label(body)
    return body[label.end :] if label is not None and label.start == 0 else body


def _as_verdict(answer: str, said: re.Match[str]) -> bool:
    """Whether the word is given as a verdict: "true" or "false" always, "correct" or "right" only in bold,
    after a mark or after "Verdict:" ("Right. With λ = 0 ..." agrees with the user's follow-up, it judges
    no claim)."""
    word = said.group(1).casefold()
    if word in _PLAIN_VERDICTS or ":" in said.group() or any(c in said.group() for c in "✅✓✔❌✗"):
        return True
    opening = answer[:VERDICT_SCAN_CHARS].casefold()
    return any(f"{mark}{word}" in opening for mark in ("**", "__", "** ", "**✅ ", "✅ **"))


VERDICT_OPENING_SENTENCES = 2
"""Opening statements a verdict may be (after a title: "## Question 8(b): Orthonormal columns", then "**Correct**")."""


_ARROWED_STANCE_RE = regex(r"(?P<st>yes|no)[^\w]{0,4}", re.I)
"""What ends a heading of a short title and an arrow (`TITLE_ARROW_RE`) when it states a stance."""


_FINAL_MARK_RE = regex(
    r"\b(?:(?:final|my|overall|corrected|revised|updated)[ \t]{1,3}(?:answer|verdict|conclusion)|in[ \t]{1,3}conclusion"
    r"|verdict)\b"
    r"|\bactually[ \t,:*_]{1,5}(?=(?:yes|no)\b)",
    re.I,
)
"""Words that state a stance as the reply's final answer, before it in its sentence ("So my answer is yes",
"**Final answer:** No", "Verdict: yes", "✅ Corrected answer: **Yes.**"), or as the answer a reconsidering
reply comes to ("So the answer to (b) is actually yes")."""


def _stated_final(sentence: str, stance: str) -> bool:
    """Whether the sentence states its stance after words that make it the final answer."""
    mark = _FINAL_MARK_RE.search(sentence)
    return mark is not None and re.search(rf"\b{stance}\b", sentence[mark.end() :], re.I) is not None


def _leading(sentence: Sentence) -> tuple[str, int] | None:
    """The stance a sentence opens with ("Yes, ...", "✓ Answer: No.", "Corrected answer (b): Yes.",
    "The answer is yes")."""
    if line_label(sentence.text) is not None or (
        _NUMBERED_TITLE_RE.match(sentence.text) and len(sentence.text.split()) <= NUMBERED_TITLE_MAX_WORDS
    ):
        tail = _TITLE_TAIL_RE.search(sentence.text)
        if tail:  # "### (b) Bias toward orthonormal columns — Yes": the heading ends on its answer
            return tail.group(1).casefold(), tail.start(1)
    body = sentence.text.strip()
    titled = TITLE_ARROW_RE.match(body)
    if titled and len(titled.group("title").split()) <= TITLE_ARROW_MAX_WORDS:
        # "**Bias toward orthonormal columns → Yes**": the heading ends on its answer
        stance = _ARROWED_STANCE_RE.fullmatch(body, titled.end())
        if stance:
            return stance.group("st").casefold(), stance.start("st")
    if sentence.text.lstrip().startswith("|"):
        for a, b in table_cells(sentence.text):
            if (m := _CORRECTED_CELL_RE.fullmatch(sentence.text, a, b)) is not None:
                return m.group(1).casefold(), m.start(1)  # "| No | ❌ → Yes |": the stance it is corrected to
        stances = [
            (m.group(1).casefold(), a + m.start(1))
            for a, b in table_cells(sentence.text)
            if (m := _CELL_RE.fullmatch(sentence.text, a, b)) is not None
        ]
        if len({st for st, _ in stances}) == 1:
            return stances[0]
    body = strip_decoration(sentence.text)
    label = line_label(body)
    if label is not None:
        body = strip_decoration(body[label.end :])
    body = _ANSWER_PREFIX_RE.sub("", body, count=1).lstrip(" *\"'")
    body = _DISCOURSE_RE.sub("", body, count=1).lstrip(" *\"'")
    m = _LEADING_RE.match(body)
    if m and not (m.group(1).casefold() == "no" and _NO_NOUN_RE.match(body)):
        return m.group(1).casefold(), 0
    inline = _INLINE_RE.search(sentence.text)
    if inline:
        said = inline.group(1).casefold()
        return ("yes" if said == "affirmative" else said), inline.start()
    argued = _ARGUES_IT_DOES_RE.search(sentence.text)
    if argued:
        return ("yes" if argued.group("st").casefold() == "does" else "no"), argued.start("st")
    quoted = _QUOTED_STANCE_RE.search(sentence.text)
    if quoted:
        return quoted.group(1).casefold(), quoted.start(1)
    endorsed = _ENDORSED_RE.search(sentence.text) if "(" in sentence.text else None
    if endorsed:
        return endorsed.group(1).casefold(), endorsed.start(1)
    text = sentence.text
    joined = ":" in text or ";" in text or "—" in text or "–" in text or ", but" in text or ", so" in text
    after_joint = _CLAUSE_STANCE_RE.search(text) if joined else None
    if after_joint:
        return after_joint.group(1).casefold(), after_joint.start(1)
    return None


class StanceCheck(CheckSpec):
    type: Literal["stance"] = "stance"
    reads_any_answer: ClassVar[bool] = True
    expected: Literal["yes", "no"]
    yes_phrases: list[str] = Field(default_factory=list)
    """Extra phrasings of "yes" for this question ("does induce a bias")."""
    no_phrases: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _phrases_can_match(self) -> "StanceCheck":
        self._stance_phrases()
        return self

    def _stance_phrases(self) -> PhraseSet:
        """The yes- and no-phrases in one automaton (built once: `PhraseSet.build` caches it)."""
        return PhraseSet.build({"yes": tuple(self.yes_phrases), "no": tuple(self.no_phrases)})

    def _events(self, a: Analysed) -> list[tuple[int, int, str, str]]:
        """(sentence index, offset, stance, evidence) for every stance statement, in any order.

        A negated yes-phrase ("does not induce a bias") states "no"; a negated no-phrase states nothing."""
        events: list[tuple[int, int, str, str]] = []
        for s in a.sentences:
            if s.text.rstrip().endswith("?"):
                continue
            lead = _leading(s)
            # A sentence marked ✗ rejects what it says, except a "No ❌" that marks its own stance.
            if lead and (not s.rejected or (lead[0] == "no" and TRAILING_MARK_RE.search(s.text))):
                events.append((s.index, lead[1], lead[0], s.text))
        for hit in find_hits(self._stance_phrases(), a):
            if hit.negation is None:
                events.append((hit.sentence.index, hit.start, hit.key, hit.sentence.text))
            elif hit.negation == "negated" and hit.key == "yes":
                events.append((hit.sentence.index, hit.start, "no", hit.sentence.text))
        return events

    def _verdict(self, a: Analysed, ctx: CheckContext) -> tuple[int, int, str, str] | None:
        """A position the answer gives as a verdict on the claim it was asked to judge, in its first
        statement ("**Verdict: True.**", "**Correct — there is such a bias.**", "False."): true upholds
        the claim the question states, yes unless the question's own words say no ("true or false: there
        is no bias?"); false says the other."""
        opening = [s for s in a.sentences if not s.text.rstrip().endswith("?")][:VERDICT_OPENING_SENTENCES]
        found = (
            (s, m) for s in opening if (m := _VERDICT_RE.match(_unlabelled(s.text))) and _as_verdict(ctx.answer, m)
        )
        first, said = next(found, (None, None))
        if first is None or said is None:
            return None
        claim = "yes"
        for hit in find_hits(self._stance_phrases(), analyse(ctx.question, "")):
            if hit.key == "no" or hit.negation == "negated":
                claim = "no"
        upheld = said.group(1).casefold() in _UPHOLDING
        stance = claim if upheld else ("no" if claim == "yes" else "yes")
        return first.index, 0, stance, first.text

    def run(self, ctx: CheckContext) -> CheckResult:
        a = analyse(ctx.answer, ctx.question)
        events = self._events(a)
        if not events and (heading := _opening_heading(ctx.answer)) is not None:
            tail = _TITLE_TAIL_RE.search(heading)
            if tail:  # "**B4 - Bias toward orthonormal columns in W2: Yes**": a heading in the user's own scheme
                events = [(0, 0, tail.group(1).casefold(), heading)]
        if not events and (verdict := self._verdict(a, ctx)) is not None:
            events = [verdict]
        if not events:
            return self.failed(None, "no yes/no position found")
        # The first stance, unless a later one is stated as the final answer ("At first glance I'd say
        # **no** ... So my answer is yes").
        _, _, stance, evidence = min(events, key=lambda e: (not _stated_final(e[3], e[2]), e[:2]))
        if stance == self.expected:
            return self.passed(evidence, f"answers {stance}")
        return self.failed(evidence, f"answers {stance}, expected {self.expected}")
