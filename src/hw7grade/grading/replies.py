"""Cut one assistant reply into the parts it answers: at the labels it starts lines with (headings,
bold leads, list markers, table columns), at a numbered lead that answers the user's numbered item,
and inside a paragraph where it turns to another part. Text before any label belongs to the parts
the reply was asked (`default`)."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import replace
from typing import Collection, Mapping, Sequence

from ..regexes import regex
from ..text.answers import ROW_MARK_RE, table_cells
from ..text.delimited import as_markdown_tables
from ..text.diffs import as_new_side
from ..text.labels import (
    LABEL_LINE_CANDIDATE,
    ROMANS,
    Label,
    display_math_after,
    explains_part,
    key_label,
    line_label,
    mentions,
    numbered_title,
    opens_with_lead,
    revises,
    skip_decoration,
    titled_heading,
)
from ..text.latex_lists import outer_items
from ..text.non_answer import remarks_on_answer
from ..text.normalize import normalize
from ..text.ordinal_leads import with_ordinal_paragraphs
from ..text.quiz import only_asks
from .asks import LIST_BETWEEN, OWN_ROMANS, SENTENCE_END_CHAR_RE, capital_mark, own_mark
from .blanks import blank_heads
from .parts import FOREIGN, Context, PartIndex, context_of, numbered_part, question_of, restates
from .practice import exercise_heads, heads_answer_key, key_heads

_DIGIT_RE = regex(r"\d")
DISPLAY_MAX_LINES = 40
"""A display-math block longer than this was left open by mistake: the lines after it are text."""


_NUMBERED_LEAD_RE = regex(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3}(?:\*\*|__)?|\*\*|__)[ \t]{0,2}(?:[^\w\s(*]{1,3}[ \t]{1,2})?"
    r"(?:\(?([1-9])(?:[.)]\)?|\ufe0f?\u20e3)|(?i:part)[ \t]{1,2}([1-9])[ \t]{0,2}[—–:-]"
    r"|(?i:answer)[ \t]{1,2}(?i:(?:to|for)[ \t]{1,2}(?:question|item|q|no\.|\#)[ \t]{0,2})?([1-9])"
    r"(?:[ \t]{0,2}[—–:-])?)(?=[\s*_]|$)"
)
"""A heading or bold lead that opens on a number, after an emoji or not: "### 1. Starting point",
"**(2) Loss function: ...**", "## 📊 1) Baseline vs. final", "## 1️⃣ Baseline vs. final", "### Part 2 —
U_k satisfies them", "### Answer 3", "**Answer to Question 2:**" (the user's item 2)."""


def _lead_number(lead: re.Match[str]) -> str:
    """The number a `_NUMBERED_LEAD_RE` lead opens on."""
    return lead.group(1) or lead.group(2) or lead.group(3)


def _own_sections(text: str, asked: list[str], index: PartIndex) -> dict[str, str]:
    """A reply with no label line whose headings or bold leads "Answer 1" ("Part 1 —") to "Answer N" run
    to N, the number of parts asked ("### Answer 1" to "### Answer 4" for 8(a)(i) to 8(b)): each numbers
    the asked part at its place, keyed as a user's list is ("8.1"), unless its words name another asked
    part ("### Part 1 — The approach that stood out" first, for 4(b) and (c)). Else {}."""
    numbers: list[str] = []
    for line in text.split("\n"):
        if LABEL_LINE_CANDIDATE.match(line) and line_label(line) is not None:
            return {}
        if (lead := _NUMBERED_LEAD_RE.match(line)) is not None and lead.group(1) is None:
            numbers.append(_lead_number(lead))  # "Answer 2", "Part 2 —": not "2)", which may number the user's items
            named = _one_part_named(line[lead.end() :], asked, index)
            if named is not None and asked[len(numbers) - 1 : len(numbers)] != [named]:
                return {}
    if numbers != [str(k) for k in range(1, len(asked) + 1)]:
        return {}
    return {f"{question_of(part)[1:]}.{k}": part for k, part in enumerate(asked, 1)}


_FAQ_LEAD_RE = regex(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3})?(?:\*\*|__)?[ \t]{0,2}(?:Q|Question[ \t]{1,2})([1-9])"
    r"(?:[.:)]|[ \t]{1,2}[—–-])[ \t*_]"
)
"""A heading or bold lead of a reply laid out as questions and answers: "**Q1. How many linear layers?**",
"**Q1 — Training**", "## Question 2 — Decoder inputs during training"."""
_FAQ_ANSWER_RE = regex(r"[ \t]{0,3}(?:\*\*|__)?A[.:)](?:\*\*|__)?[ \t]")
"""The mark of an FAQ's answer: "**A.** Two. ...", "A: Two."."""


def _faq_sections(text: str, asked: list[str], index: PartIndex) -> dict[str, str]:
    """A reply laid out as an FAQ whose questions run "Q1" to "QN", N at least the number of parts asked,
    when no question 1 is ours (so "Q1" is no label): each of the first numbers the asked part at its
    place, keyed as a user's list is ("8.1"), though "Q3" or "Q4" would name a question of ours
    elsewhere; a question past them is the reply's own ("**Q5. Does the 1/n matter?**"). Else {}."""
    if "1" in index.questions:
        return {}
    numbers = [m.group(1) for line in text.split("\n") if (m := _FAQ_LEAD_RE.match(line)) is not None]
    if len(asked) < 2 or numbers != [str(k) for k in range(1, len(numbers) + 1)] or len(numbers) < len(asked):
        return {}
    return {f"{question_of(part)[1:]}.{k}": part for k, part in enumerate(asked, 1)}


def _renumbered(
    text: str, numbering: Mapping[str, str], context: Context, index: PartIndex, asked: list[str]
) -> Mapping[str, str]:
    """The user's numbering as a reply that numbers its sections in its own order reads it ("I'll take
    them in the order you asked", then "### Part 1 — Problem with feeding h_t into decoder step t" for
    the user's "2)"): when two or more numbered headings' words each name a different asked part, none
    the part the user's list gave its number, the numbers stand for the parts so named (a single heading
    naming none for the one listed part left). Else `numbering` as it is."""
    parts = list(dict.fromkeys([*numbering.values(), *asked]))
    heads: list[tuple[str, str | None, str | None]] = []  # number, the part the list gave it, the part its words name
    for line in text.split("\n"):
        if (lead := _NUMBERED_LEAD_RE.match(line)) is None:
            continue
        number = _lead_number(lead)
        if any(number == n for n, _, _ in heads):
            return numbering  # steps numbered again within an answer
        said = _one_part_named(_emphasised(line, lead.end()), parts, index)
        heads.append((number, numbered_part(numbering, context, number), said))
    named = [said for _, _, said in heads if said is not None]
    left = {listed for _, listed, _ in heads if listed is not None} - set(named)
    if (
        len(heads) < 2
        or len(named) < max(2, len(heads) - 1)
        or len(set(named)) != len(named)
        or any(said is not None and said == listed for _, listed, said in heads)
        or all(listed is None for _, listed, _ in heads)
        or len(left) != len(heads) - len(named)
    ):
        return numbering
    numbers = {number for number, _, _ in heads}
    kept = {key: part for key, part in numbering.items() if key.rsplit(".", 1)[1] not in numbers}
    for number, _, said in heads:
        part = said if said is not None else next(iter(left))
        kept[f"{question_of(part)[1:]}.{number}"] = part
    return kept


def section_numbers(pieces: list[tuple[str, str, bool, bool]]) -> dict[str, str]:
    """The parts a reply's sections answer by the numbers their headings or bold leads open on ("### 1.
    Stationarity equations", "### 2. Plugging in the PCA solution"), keyed "question.number", when two
    or more are numbered; a later "for 1, ..." names that part."""
    found = {f"{question_of(pid)[1:]}.{number}": pid for pid, text, _, _ in pieces if (number := _section_number(text))}
    return found if len(set(found.values())) >= 2 else {}


def _section_number(text: str) -> str | None:
    """The number a section's heading or bold lead opens on ("### 2. Loss", "**Q2 — Evaluation**"), or its
    plain title ("1. Baseline and final result" alone on its line)."""
    if (m := _NUMBERED_LEAD_RE.match(text)) is not None:
        return _lead_number(m)
    if (m := _FAQ_LEAD_RE.match(text)) is not None:
        return m.group(1)  # "**Q1 — Training**": the reply's own question numbers
    first = text.split("\n", 1)[0]
    if (m := _PLAIN_NUMBER_RE.match(first)) is not None and _plain_heading(first, "") is not None:
        return first[: m.end()].strip().rstrip(".)")
    return None


def numbers_own_steps(text: str, numbering: Mapping[str, str]) -> bool:
    """Whether the reply's numbered headings or bold leads go past the user's list ("**1. Teacher
    forcing**" ... "**3. The inputs**" after a list of two): they number the reply's own steps."""
    listed = {key.rsplit(".", 1)[1] for key in numbering}
    numbers = [_lead_number(m) for line in text.split("\n") if (m := _NUMBERED_LEAD_RE.match(line))]
    return len(numbers) >= 2 and any(n not in listed for n in numbers)


_FENCE_OPEN_RE = regex(r"^[ \t]{0,3}```([^`\n]{0,40})$", re.M)


def _fence_language(info: str) -> str:
    return info.strip().casefold()


PROSE_FENCES = frozenset(("", "text", "txt", "md", "markdown", "plain", "plaintext", "notes", "latex", "tex"))
"""Languages of a fenced block that holds text rather than code (none at all among them; a LaTeX
write-up is a document, not a program)."""
_CODE_COMMENT_RE = regex(r"[ \t]{0,16}(?:#(?![#!])|//|\"\"\"|\'\'\')[ \t]{0,3}")
"""A comment or a docstring's opening in code: "# (ii) the data term ...", a docstring's "(ii) Claim: ..."."""


_PLACE_AFTER_RE = regex(r"\.([1-9])(?![\w.])")
"""Right after a question's number, the place of an item under it: "Question 5.2"."""


def split_answer(
    text: str,
    context: Context,
    index: PartIndex,
    default: list[str],
    named: list[str],
    explicit: bool,
    numbering: Mapping[str, str] | None = None,
    items: tuple[str | None, ...] = (),
    own_marks: Mapping[str, tuple[str, tuple[str, ...]]] | None = None,
    questions_named: Collection[str] | None = None,
    blanks: Mapping[str, str] | None = None,
    menu_options: Mapping[str, frozenset[str]] | None = None,
) -> tuple[list[tuple[str, str, bool, bool]], Context]:
    """Cut an assistant message at part labels; text before the first label goes to `default`
    (when it is one part). A relative label naming a part the turn did not ask is content (a
    numbered step "(i)" inside an answer to (ii)), not a label. `items` are the parts of the user's
    list items in order (see `UserTurn.items`); `own_marks`, the question and parts of each mark
    of the user's own list (see `UserTurn.own_marks`); `questions_named`, the question numbers the
    user's turn named, when known: a heading with a number that is no question of ours and that the turn
    did not name ("### ✅ Problem 1: Source and target lengths differ") numbers the reply's own points,
    and is content, not another homework's question. `blanks`, the parts of the blanks in the user's
    notes (see `blanks.blank_parts`); `menu_options`, the options of the user's lettered menus by letter
    (see `menus.menu_items`): a line that names one after its letter ("- B) `nn.L1Loss` ...") is no label."""
    text = _run_on_labels(_one_label_a_line(as_markdown_tables(as_new_side(text))))
    if len(named or default) > 1:
        text = _clauses_turned(text, context, index, named or default)
        if each := _line_each(text, named or default, index):
            # "2; nn.MSELoss; Weight Decay + SGD" after "how many layers, which loss, and which of ...":
            # a one-line reply answers the parts asked in order, between separators
            return [(part, piece, explicit, False) for part, piece in zip(named or default, each)], context
    pieces: list[tuple[str, str, bool, bool]] = []
    current: list[str] = list(default)
    buffer: list[str] = []
    saw_label = False
    grouped = False  # the last label line named a group of parts, the text under it unassigned
    in_fence = False
    prose_fence = False  # ... a block with no language, or a text one: notes, not code
    # ... unless the reply has code: its blocks with no language are code or the code's output ("(b) 37 words")
    code_reply = any(_fence_language(m.group(1)) not in PROSE_FENCES for m in _FENCE_OPEN_RE.finditer(text))
    in_display = False  # inside a display-math block of several lines ("\[" ... "\]")
    display_lines = 0
    turn_q = context.q
    reply_named_q = False  # this reply named the question its relative labels belong to ("## Q7")

    def flush() -> None:
        if buffer and (len(current) == 1 or shared):
            by_paragraph = _paragraph_each(buffer[1:], current, index) if headed_list else None
            if by_paragraph is not None:
                # "**(b) & (c) Reflection and Most Interesting Approach**", then one paragraph for each
                pieces.extend((part, block, True, True) for part, block in zip(current, by_paragraph))
            else:
                pieces.extend((part, "\n".join(buffer), explicit or saw_label, saw_label) for part in current)
        buffer.clear()

    # where a heading without a label starts an asked part's answer (None: another homework's item)
    cue_heads: Mapping[int, str | None] = {}
    faq: dict[str, str] = {}
    if len(default) > 1:
        cue_heads = _item_headings(text, items, default, index) or cue_headings(text, default, index)
        if not numbering:
            # (the user's own numbered list, "Q1: ... Q4: ...", numbers the reply's "Q1" ... instead)
            faq = _faq_sections(text, default, index) if questions_named is None or "1" not in questions_named else {}
            numbering = faq or _own_sections(text, default, index)
    if blanks and (filled := blank_heads(text, blanks)):
        # "- **How many linear layers:** 2" after the user's "- how many linear layers: ???": each
        # filled line heads the part of the user's line
        cue_heads = {**cue_heads, **filled}
    # "**2.** 2 — one for the encoder ..." under a practice test's answer key: the part question 2 asked
    # "**Exercise 9.4.2 (Training inputs).**" in a reply laid out as a textbook section: the part at its place
    keyed = (
        (key_heads(text, named or default, index) or exercise_heads(text, named or default, index))
        if len(named or default) > 1
        else {}
    )
    cue_heads = {**cue_heads, **keyed} if keyed else cue_heads
    if len(default) > 1 and not cue_heads and (item_each := _item_each(text, default, index)):
        # "Here's a summary:" and one long bullet for each part asked, in order, with no label
        cue_heads = item_each
    if len(default) > 1 and named in (default, []) and not cue_heads:
        # "First, the vertical design ... Second, training uses ... For the last one, ...", or three
        # paragraphs of prose for three parts the turn named, or asked in words: one paragraph each, in
        # order, with no label
        ordered = with_ordinal_paragraphs(text, len(default))
        if each_paragraph := _paragraph_each_part(ordered, default, context, index, counted=ordered != text):
            text, cue_heads = ordered, each_paragraph
    listing = False  # `current` holds the parts a label line listed
    shared = False  # ... and says one thing of them all ("**(i) and (ii)** are both correct as written")
    headed_list = False  # ... or heads an answer to each ("### (a)(i) & (ii) — Model and loss")
    if numbering:
        numbering = _renumbered(text, numbering, context, index, default)
    across = numbering is not None and len({question_of(p) for p in numbering.values()}) > 1
    plain_items = _plain_numbered_run(text) if across else {}
    titles = _plain_numbered_titles(text) if numbering else {}
    columns: dict[int, str] = {}  # a table whose header names parts: column -> part
    in_table = False  # the line before was a table's
    scores: bool | None = False  # ... and the table scores the parts ("| Part | Max | My score |"); None: some rows
    column_rows: dict[str, list[str]] = {}
    pos = 0
    own_run = _own_run(text, index, questions_named)
    options = _option_items(text, named or default, index)
    aside = False  # inside a side scenario's section ("### What if ...?")
    headed: set[str] = set()  # the parts the reply heads with a heading ("## (a) ..."), while it heads them so
    heading_piece = -1  # the place in `pieces` of the text under the last part's heading
    substep: str | None = None  # the letter of the last of the answer's own steps lettered under such a heading
    key_at: int | None = None  # where the reply's answer key starts, after its questions (in `pieces`)
    for line in text.split("\n"):
        at, pos = pos, pos + len(line) + 1
        if key_at is None and not in_fence and heads_answer_key(line):
            # "# Answer Key" after a practice test's questions: what comes before it only asks
            flush()
            key_at = len(pieces)
        if "```" in line and line.lstrip().startswith("```"):
            in_fence = not in_fence
            prose_fence = in_fence and not code_reply and _fence_language(line.strip().strip("`")) in PROSE_FENCES
        was_in_display = in_display and display_lines < DISPLAY_MAX_LINES  # an unclosed "\[" stops mattering
        in_display = display_math_after(line, was_in_display)
        display_lines = display_lines + 1 if in_display else 0
        if line.lstrip().startswith("|") and not in_fence:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if columns and not _TABLE_RULE.fullmatch(line.strip()):
                for k, pid in columns.items():
                    if k < len(cells):
                        column_rows.setdefault(pid, []).append(f"{cells[0]} = {cells[k]}")
            elif not columns:
                # a header's cue words name columns; a body row's ("| Loss | nn.MSELoss | ... |") do not
                # (of the parts asked, or those the label line above names: "Q7 (b) and (c): decoder inputs")
                columns = _part_columns(
                    cells, context, index, named, turn_q, (default or current) if not in_table else []
                )
            if not in_table:
                scores = _scores_header(cells)
            in_table = True
            if scores is True or (scores is None and _scores_only(cells[1:])):
                # "| Part | Max | My score | Comment |", then "| (a) | 4 | 4 | ... |": a row scores its part,
                # answering nothing
                continue
            if columns and len(current) > 1 and set(columns.values()) <= set(current):
                continue  # a side-by-side table under a line over its parts: each column is its part's
        else:
            columns = {}
            in_table = scores = False
        # a tag inside a display block ("\text{(B)}\quad (W_2W_1 - I) ... = 0") is no part label
        if in_fence:
            # inside a code block only a key of structured data ('"b": [...]', "ii:") or a comment
            # or docstring that opens on a label ("# (ii) the data term is ...") is a label
            label = key_label(line) if not line.lstrip().startswith("```") else None
            if label is None and prose_fence and LABEL_LINE_CANDIDATE.match(line):
                # notes pasted back in a plain block ("(a)(i)   number of linear layers: 2"): its labels
                label = line_label(line)
            comment = _CODE_COMMENT_RE.match(line)
            if label is None and comment is not None:
                label = line_label(line[comment.end() :])
                label = (
                    replace(label, start=label.start + comment.end(), end=label.end + comment.end()) if label else None
                )
        else:
            label = line_label(line) if not was_in_display and LABEL_LINE_CANDIDATE.match(line) else None
            if in_table and (row := _row_label(line)) is not None:
                label = row  # "| 3 (i) | 8(a)(i) | ... |": the row's mark is the user's item's, not Q3(i)
        if at in keyed or at in options:
            label = None  # "**Problem 2. B — <sos>, I, see, a, dog.**": the key's number, not a question 2
        elif label is not None and menu_options and label.q is None and _names_option(line, label, menu_options):
            label = None  # "- B) `nn.L1Loss` measures ..." under the user's "A) ... B) nn.L1Loss": an option
        if (
            label is None
            and not in_fence
            and saw_label
            and (ps := _POSTSCRIPT_RE.match(line)) is not None
            and len(revised := _parts_named(line[ps.end() :], context, index, named or default)) == 1
        ):
            # "**Edit:** ... I need to correct (b). ...", "P.S. For (c), ...": a postscript on one part answers
            # it again; one that corrects it stands in place of the answer above
            flush()
            if _CORRECTS_RE.search(line) is not None:
                pieces[:] = [piece for piece in pieces if piece[0] != revised[0]]
            current, context = revised, context_of(revised[0])
            listing = grouped = shared = headed_list = False
            buffer.append(line)
            continue
        if aside:
            if label is None and not (
                _SECTION_BREAK_RE.fullmatch(line.strip()) or _SHORT_LEAD_RE.fullmatch(line.strip())
            ):
                continue  # the text of a side scenario ("Extra scenario: the model samples 'I saw the dog'")
            aside = False  # ... up to a label, a heading or a short lead alone ("Summary:")
        if label is None and not in_fence and (variant := _VARIANT_RE.match(line)) is not None:
            # "### What if the model sampled 'I saw the dog'?", "Extra scenario: ...", "- what-if evaluation:
            # <s>, I, saw, the, dog": a variant the answer works through beside the part, not its answer
            aside = _LIST_ITEM_RE.match(line) is None and (variant.group("noun") is not None or _is_heading_line(line))
            if aside or variant.group("noun") is not None or _LIST_ITEM_RE.match(line) is not None:
                continue
        if label is None and headed and _SECTION_BREAK_RE.fullmatch(line.strip()) is not None:
            headed.clear()  # "---", "**Final Answer**": the headed part's section is over
        if label is not None and headed and _substep(label, line, context, index, headed, substep):
            # "## (c) Most interesting approach", then "**(a) What they did:** ...", "**(b) Result:** ...":
            # under a part's heading, letters below a heading's rank, from one the reply has headed already,
            # number the answer's own steps
            substep, label = label.letter, None
        elif label is not None:
            substep = None
        if label is not None and label.q is None and label.letter and _DIGIT_RE.search(line, label.end):
            # "## Part (c) — Q4(c), most interesting approach": the part the line names in full.
            label = next((m for m in mentions(line) if m.q is not None and restates(label, m, line)), label)
        if label is None and not in_fence and not was_in_display and (titled := titled_heading(line)) is not None:
            # "#### 🏁 How to Train Your ResNet — (a)", "### Translation model, part (a)": the part of the
            # question the heading's title names; "## The first-order conditions (part i)": the part of the
            # reply's question whose cue words the title holds
            q = index.question_titled(titled[0])
            if q not in index.questions and context.q not in (None, FOREIGN):
                ids = index.resolve(titled[1], context)
                q = context.q if len(ids) == 1 and index.by_cues(titled[0], ids) else None
            label = replace(titled[1], q=q) if q in index.questions else None
        if label is None and context.q is None and turn_q is None and not in_fence:
            # With no question known yet, "7. Machine Translation" names the question that the
            # "(a)", "(b)" below belong to; once one is known, such a line is a list item.
            q = numbered_title(line)
            label = Label(q) if q in index.questions else None
            if label is None:
                # "Notes on HW7 Question 4 (the ResNet blog)": a line that names one of our
                # questions in its text sets the context of the "(a)" below without labelling it.
                named_qs = {m.q for m in mentions(line) if m.q and not m.letter and not m.roman}
                if len(named_qs) == 1 and (q := next(iter(named_qs))) in index.questions:
                    context, reply_named_q = Context(q), True
        if (
            label is None
            and not in_fence
            and (bare := _BARE_NUMBER_HEADING_RE.fullmatch(line)) is not None
            and bare.group(1) in index.questions
            and (questions_named is None or bare.group(1) in questions_named)
            and (bare.group(2) is None or index.question_named(bare.group(2)) == bare.group(1))
        ):
            # "**4**", then "(a) ...", "(b) ...": a heading that is a question's number alone sets the
            # question of the letters below it, as "## Q4" does, and heads the part of it asked
            flush()
            context, reply_named_q, saw_label = Context(bare.group(1)), True, True
            current = [p for p in (named or default) if question_of(p)[1:] == bare.group(1)]
            grouped, shared, headed_list, listing = len(current) > 1, False, False, False
            buffer.append(line)
            continue
        own = capital_mark(line) if own_marks and not in_fence else None
        capital = own[0] if own is not None else None
        known = own is not None and own_marks and (own[0] in own_marks or own[0].rpartition(".")[0] in own_marks)
        if own is not None and known and (label is None or label.q is not None):
            # "## B1 — First-order conditions", "Q-B: What I learned", "**Problem II(b): ...**" after the
            # user's "B1. ...", "Q-B: ...", "Problem II ... (b) ...": the mark of the user's own item, read
            # as the label of what the user's item asks (not as "II(b)", a question 2 we do not have)
            label = Label(None, own[0][-1].lower(), start=skip_decoration(line), end=own[1])
        if faq and label is not None and _FAQ_ANSWER_RE.match(line) is not None:
            label = None  # "**A.** Two. ..." under "**Q1. ...**": the answer's mark, not a part (a)
        if label is not None and faq and label.letter is None and (lead := _FAQ_LEAD_RE.match(line)) is not None:
            # "**Q3. What do I need ...?**" in a reply laid out as an FAQ: its third question, not our Q3
            flush()
            saw_label = True
            k = int(lead.group(1))
            current = default[k - 1 : k]  # none past the parts asked
            context = context_of(current[0]) if current else context
            buffer.append(line)
            continue
        if label is not None:
            # "### Question 5.2 — Training" after the user's "5.2: ...": the user's two-level mark
            place = _PLACE_AFTER_RE.match(line, label.end) if label.q is not None and label.letter is None else None
            dotted = f"{label.q}.{place.group(1)}" if place is not None else None
            marks = (capital if label.q is None else None, dotted, own_mark(label, line), own_mark(label))
            lettered = next((own_marks[m] for m in marks if m and m in own_marks), None) if own_marks else None
            if lettered is None and own_marks and capital is not None and capital.count(".") == 2:
                # "**B(a)(ii) — Loss**" after the user's "Problem B ... (a) (i) ... (ii) ...": that numeral's
                # part of the item
                item, _, numeral = capital.rpartition(".")
                group = own_marks.get(item)
                if group is not None and OWN_ROMANS.index(numeral) < len(group[1]):
                    lettered = (group[0], (group[1][OWN_ROMANS.index(numeral)],))
            if lettered is not None:
                # "**c) Training inputs to the decoder**" after the user's "c) hw7 the RNN translation
                # ... one", "## Q1: Baseline" after the user's "Q1. what training time ...": what the
                # user's item so marked asks
                target: tuple[Context, list[str]] | None = (Context(lettered[0]), list(lettered[1]))
            elif _own_point(label, index, questions_named, own_run):
                # "**Answer to Question 2:**" after the user's "1) ... 2) ... 3) ...": the item so numbered
                numbered = numbered_part(numbering, context, label.q or "") if numbering else None
                if numbered is not None and _steps_under_heading(numbered, current, heading_piece, pieces):
                    numbered = None
                target = (context_of(numbered), [numbered]) if numbered is not None else None
            else:
                target = _label_target(
                    label, context, index, named, turn_q, reply_named_q, revises(line, label), not saw_label
                )
            if lettered is None and target is not None and label.q is None and label.letter and not reply_named_q:
                target = _by_heading_cues(line, label.letter, target, index, named) if label.roman is None else target
            if target is not None and label.q is None and len(current) == 1 and current[0] in target[1][1:]:
                # "Facts used: (a) U_k^T U_k = I_k, (b) X X^T U_k = U_k L_k" inside the answer to
                # 3(b)(ii): a letter that names the group the text is already in is a list item.
                target = None
            if target is not None:
                if not saw_label and len(current) > 1 and opens_with_lead(line) and not mentions("\n".join(buffer)):
                    # "You're right, at evaluation ... w_3 = saw ...", then "✅ Corrected answer (c):
                    # <sos>, I, saw, a, dog": the opening is the working of the part the line sums up.
                    current = list(target[1])
                elif (
                    (not saw_label or grouped)
                    and lettered is None  # a mark of the user's or the reply's own list skips no part
                    and len(current) > 1
                    and target[1][:1] == current[1:2]
                    and question_of(current[0]) == question_of(current[1])
                ):
                    # The reply opens on the first asked part unlabelled and labels the second
                    # ("Step 1 ... Step 3", then "(ii)"): the opening answers the first, unless
                    # it talks about the parts ("happy to do (c), but (b) is yours to write"). Not
                    # across questions: "Let me go through these.", then "### HW7 8a-i", is no
                    # answer to the 7(a) asked too. Nor is a sentence that only introduces the reply
                    # ("Let's work through the decoder inputs first."). So does the text under a line
                    # that names the group ("Problem 3(b) — solution draft", then "Now part (ii).").
                    body = buffer[1:] if grouped else buffer
                    opening = "\n".join(body)
                    lines = sum(1 for b in body if b.strip())
                    # "I mixed up ... in part (b). With teacher forcing ...": naming only that first
                    # part, the opening still answers it.
                    # "Your (i) is fine — both gradients have the right shapes ...": one that names the first
                    # part by its label says so in fewer words
                    least = (
                        OPENING_NAMED_MIN_WORDS
                        if _names_first(opening, current[0], context, index)
                        else OPENING_MIN_WORDS
                    )
                    if _names_only_first(opening, current[:1], context, index) and (
                        lines > 1 or len(opening.split()) >= least
                    ):
                        current = current[:1]
                elif (
                    (not saw_label or grouped)
                    and lettered is None
                    and (len(current) > 1 or not (current or named))
                    and (opened := _opening_part(buffer, current or index.ids, target[1], context, index)) is not None
                ):
                    # "Let's start with 7(a): the main problem is ...", then "**4(c) — ...**": an opening
                    # that names one asked part by its label, at length, answers it (in a pasted answer
                    # with nothing asked, any part)
                    current = [opened]
                flush()
                if revises(line, label) and len(target[1]) == 1:
                    # "**Corrected (c):** ...", "(c) Correction to (c) above: ..." in the reply that answered
                    # (c) under its label above it: the reply's answer is the revision, not both (an
                    # opening before the first label, "You're right, the answer is yes.", stays)
                    pieces[:] = [piece for piece in pieces if not (piece[0] == target[1][0] and piece[3])]
                saw_label = True
                context, current = target
                if line.lstrip().startswith("#"):
                    headed.update(current)
                    heading_piece = len(pieces)
                elif headed:
                    headed.clear()  # a part labelled below a heading's rank: the reply's parts are not headings
                listing = False
                if (
                    len(current) > 1
                    and line.lstrip().startswith(("#", "**", "__"))
                    and (one := _one_part_named(_emphasised(line, label.end), current, index)) is not None
                ):
                    # "### 8(a) — Loss", "**Q8 loss:** `nn.MSELoss` ...": the group's part its heading's
                    # words name (a bold lead's words only, not the answer after it)
                    current = [one]
                if len(current) > 1 and 0 < len(asked_here := [p for p in current if p in named]) < len(current):
                    # "**Q7 inputs:** ..." when only 7(b) of Q7 was asked; "**HW7 Q4 — ...**" over the
                    # answers to 4(a) and 4(c), the two asked
                    current = asked_here
                grouped = len(current) > 1
                shared = headed_list = False
                if len(current) == 1 and (listed := _listed_parts(line, context, index, named)):
                    # "7(b) and 7(c)", then paragraphs "Training. ..." and "Evaluation. ...": the line
                    # heads both parts, and the leads below it cut the text between them.
                    heads = cue_headings(text, listed, index)
                    if any(h > at for h in heads):
                        current, cue_heads, listing = listed, heads, True
                    elif _SAID_OF_ALL_RE.search(line) is not None:
                        # "**(i) and (ii)** are both correct as written": what the line says is of each
                        current, shared = listed, True
                    elif (line.lstrip().startswith(("#", "**", "__")) or not text[:at].strip()) and _labels_listed(
                        line, mentions(line)
                    ):
                        # so is what a heading over both heads ("### (a)(i) & (ii) — Model and loss", then
                        # "2 linear layers, trained with nn.MSELoss"; a paste's title line "Q7 (b) and (c):
                        # decoder inputs" too), unless a paragraph answers each
                        current, shared, headed_list = listed, True, True
                reply_named_q = reply_named_q or label.q is not None
                if grouped and not listing and len(each := _separated(line[label.end :])) == len(current):
                    # "**(a)** 2 linear layers · `nn.MSELoss` · Weight Decay + SGD": one line answers the
                    # group's parts in order, between separators
                    pieces.extend((part, piece.strip(), True, True) for part, piece in zip(current, each))
                    saw_label = True
                    continue
                if line.lstrip().startswith("|"):
                    # "| 8a-i | **2** | ... |": the label's cell names the part; it is no answer ("8", "7b").
                    line = line[: label.start] + " " * (label.end - label.start) + line[label.end :]
        elif at in cue_heads and not in_fence and not _numbered_as_listed(line, numbering, context):
            # "**What I learnt**" ... "**Most interesting approach**" in a reply to both essay parts: a
            # short heading with no label heads the one asked part its cue words name.
            head = cue_heads[at]
            cued = [head] if head is not None else []  # a heading over another homework's item: not ours
            if current != cued:
                if (
                    (not saw_label or listing or grouped)
                    and len(current) >= 2
                    and current[1:2] == cued
                    and (len(current) == 2 or _names_part("\n".join(buffer), current[0], context, index))
                ):
                    # "**Numbers (start → end)** ... **Most interesting approach**": the opening
                    # before the second asked part's heading answers the first, as does the text under
                    # a line naming the question of both ("**HW7 Q4 — How to Train Your ResNet**"); of
                    # three or more, an opening that names the first ("2. **Why that breaks the vertical
                    # design (your part a).**", then "3. **Teacher forcing.**" for 7(b)).
                    current = current[:1]
                flush()
                saw_label = True
                current = cued
                listing = False
                context = context_of(head) if head is not None else context
        elif (numbering or len(default) > 1) and not in_fence and (lead := _NUMBERED_LEAD_RE.match(line)):
            # "**1. Number of linear layers: 2**" after the user's "1. how many linear layers": a
            # heading or bold lead numbered as the user's list was (a plain list item is content),
            # under the question the reply is on when the user numbered several. With no such list, in a
            # reply to parts of several questions, a heading "### 1) First-order optimality conditions"
            # heads the one asked part its words name.
            numbered = numbered_part(numbering, context, _lead_number(lead)) if numbering else None
            if (
                numbered is None
                and not numbering
                and len({question_of(p) for p in default}) > 1  # one question's steps are read below
                and not mentions(line)
            ):
                # A heading by its cue words; a heading or bold lead by the title of a question of
                # which one part was asked ("**4) ResNet blog**").
                cued = index.by_cues(line, default) if line.lstrip().startswith("#") else []
                numbered = (cued[0] if len(cued) == 1 else None) if cued else _titled_part(line, default, index)
            if numbered is not None and _steps_under_heading(numbered, current, heading_piece, pieces):
                numbered = None
            if numbered is not None:
                flush()
                saw_label = True
                current = [numbered]
                context = context_of(numbered)
        elif (
            at in titles
            and not in_fence
            and (numbered := numbered_part(numbering or {}, context, titles[at])) is not None
        ):
            # "3) Most interesting approach" alone between blank lines after the user's "3) most interesting
            # approach + why": a plain title numbered as the user's list was
            flush()
            saw_label = True
            current = [numbered]
            context = context_of(numbered)
        elif (
            at in plain_items
            and not in_fence
            and (numbered := numbered_part(numbering or {}, context, plain_items[at]))
        ):
            # "1. Setting the gradient ...", "2. The authors start from ..." after the user's "1. Q3b(i) —
            # ...", "2. Q4(a) — ...": a plain list answering a list that ran across questions, item by item
            # (the context stays the turn's: "3. (i) ..." is read under the question the turn ended on)
            flush()
            saw_label = True
            current = [numbered]
        buffer.append(line)
    flush()
    if key_at is not None:
        # "**Problem 2.** Which of these is w1..w5? A) <sos>, I, saw ... B) ...", then under the key
        # "**Problem 2. B — <sos>, I, see, a, dog.**": a part the key answers is only asked above it
        # (a full write-up above a short answer sheet is an answer too)
        in_key = {piece[0] for piece in pieces[key_at:]}
        pieces = [p for k, p in enumerate(pieces) if k >= key_at or p[0] not in in_key or not only_asks(p[1])]
    for pid, rows in column_rows.items():
        pieces.append((pid, "\n".join(rows), True, True))
        saw_label = True
    if not saw_label and len(default) > 1:
        # "... h_t only encodes the first t words ...; for (b), training uses teacher forcing ...; and
        # for (c), at evaluation ...": one paragraph for several parts, cut where each is turned to.
        pieces = _inline_pieces(text, context, index, default, explicit)
    if not saw_label and not default:
        return [], context
    # "### Why (b) uses the true sentence": the reasons for an answer, under the part's label, a new answer
    # only if they answer it again (see `score._explains`)
    pieces = [(p, t, e and not explains_part(t.partition("\n")[0]), lab) for p, t, e, lab in pieces]
    return pieces, context


LINE_EACH_MAX_WORDS = 12
"""Most words of each answer in a one-line reply that answers several parts between separators."""


_SIDE_BY_SIDE_SEPARATORS = ";|•·"
GAP_LOOKBACK = 16
"""How far before a label its gap or separator is looked for (a fixed window: linear in the line)."""
COLON_AFTER_RE = regex(r"[ \t]{0,2}:")
"""A colon right after a label, spaces allowed before it."""


def _after_gap(line: str, at: int) -> bool:
    """Whether a wide gap ("    ") or a separator (";", "|", "•") stands right before `at` in the line."""
    before = line[max(0, at - GAP_LOOKBACK) : at]
    bare = before.rstrip(" \t")
    return bool(bare) and (len(before) - len(bare) >= 2 or bare[-1] in _SIDE_BY_SIDE_SEPARATORS)


def _one_label_a_line(text: str) -> str:
    """The text with each labelled answer of a line of them on a line of its own: "Q7(b): <sos>, I, see,
    a, dog    Q7(c): <sos>, I, saw, a, dog" is two lines. The line must open on a label and a colon, and
    each further label of its kind stands after a wide gap or a separator, before a colon (a table's
    rows are left as they are). Each line is read once."""
    if "  " not in text and not any(c in text for c in _SIDE_BY_SIDE_SEPARATORS):
        return text
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if "  " not in line and not any(c in line for c in _SIDE_BY_SIDE_SEPARATORS):
            continue
        first = line_label(line)
        if first is None or line.lstrip().startswith("|") or COLON_AFTER_RE.match(line, first.end) is None:
            continue
        cuts = [
            m.start
            for m in mentions(line)
            if m.start > first.end
            and (m.q is not None) == (first.q is not None)
            and COLON_AFTER_RE.match(line, m.end) is not None
            and _after_gap(line, m.start)
        ]
        if cuts:
            bounds = [0, *cuts, len(line)]
            lines[k] = "\n".join(line[a:b].rstrip(" \t" + _SIDE_BY_SIDE_SEPARATORS) for a, b in zip(bounds, bounds[1:]))
    return "\n".join(lines)


RUN_ON_MIN_CHARS = 300
"""A line this long that opens on a part's label may hold the next parts' answers run on, its line breaks lost."""
_TITLE_COLON_RE = regex(r"(?:[ \t]{1,2}(?:[\w'’()/,-]{1,24}[ \t]{1,2}){0,7}[\w'’()/,-]{1,24})?[ \t]{0,2}:")
"""After a label, a short title and a colon, or the colon alone: "(b) Training time:"."""
_SENTENCE_ENDED_RE = regex(r"[.!?)][ \t]{1,3}$")


def _run_on_labels(text: str) -> str:
    """The text with each labelled answer of a long line that lost its breaks on a line of its own: "(a)
    Problem with passing h_t ...: ... no h_4 for the 4th decoder step. (b) Training time: With teacher
    forcing ... (c) Evaluation time: ...". The line opens on a relative label, a short title and a colon;
    each cut is at the next letter or numeral in turn, after a sentence's end, before its own title's colon.
    Each line is read once."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if len(line) < RUN_ON_MIN_CHARS:
            continue
        first = line_label(line)
        if first is None or first.q is not None or _TITLE_COLON_RE.match(line, first.end) is None:
            continue
        cuts: list[int] = []
        last = first
        for m in mentions(line):
            if m.start <= last.end or m.q is not None or not _follows(last, m):
                continue
            if _SENTENCE_ENDED_RE.search(line, max(0, m.start - GAP_LOOKBACK), m.start) and _TITLE_COLON_RE.match(
                line, m.end
            ):
                cuts.append(m.start)
                last = m
        if cuts:
            bounds = [0, *cuts, len(line)]
            lines[k] = "\n".join(line[a:b].rstrip() for a, b in zip(bounds, bounds[1:]))
    return "\n".join(lines)


def _follows(before: Label, label: Label) -> bool:
    """Whether `label` is the letter or numeral right after `before`'s ("(b)" after "(a)", "(ii)" after "(i)")."""
    if before.roman is None and label.roman is None and before.letter and label.letter:
        return ord(label.letter) == ord(before.letter) + 1
    if before.roman and label.roman and before.letter == label.letter:
        return (
            label.roman in ROMANS
            and before.roman in ROMANS
            and ROMANS.index(label.roman) == ROMANS.index(before.roman) + 1
        )
    return False


def _line_each(text: str, asked: list[str], index: PartIndex) -> list[str]:
    """The answers of a reply that is one line with no label, one for each part asked between separators
    ("2; nn.MSELoss; Weight Decay + SGD", "2 / MSE / WD + SGD"), each short, none cued to a later asked
    part than its place (the line is in the asked order); else []."""
    line = text.strip()
    if not line or "\n" in line or len(line.split()) > LINE_EACH_MAX_WORDS * len(asked) or mentions(line):
        return []
    each = _separated(line)
    if len(each) == 1:
        each = line.split(" / ")
    each = [piece.strip() for piece in each]
    if len(each) != len(asked) or not all(0 < len(piece.split()) <= LINE_EACH_MAX_WORDS for piece in each):
        return []
    for k, piece in enumerate(each):
        cued = index.most_cued(piece, asked)
        if len(cued) == 1 and asked.index(cued[0]) != k:
            return []  # "MSELoss; 2; ...": not in the asked order
    return each


def _separated(rest: str) -> list[str]:
    """The answers of a group's parts given on one line, between "·", "•" or ";" outside brackets ("2 ·
    nn.MSELoss · Weight Decay + SGD", "2 linear layers; `nn.MSELoss`; Weight Decay + SGD (...; ...)")."""
    pieces: list[str] = []
    depth, at = 0, 0
    for k, ch in enumerate(rest):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif ch in "·•;" and depth == 0:
            pieces.append(rest[at:k])
            at = k + 1
    pieces.append(rest[at:])
    return pieces if len(pieces) > 1 and all(p.strip() for p in pieces) else [rest]


_BARE_NUMBER_HEADING_RE = regex(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3}(?:\*\*|__)?|\*\*|__)[ \t]{0,2}(\d{1,2})[.):]?"
    r"(?:[ \t]{1,2}[—–-]?[ \t]{0,2}([A-Za-z][^\n*_#]{0,60}?))?[ \t]{0,2}(?:\*\*|__)?[ \t]{0,2}"
)
"""A heading or bold line that is a number alone ("**4**", "## 7."), or a number and the title of that
question ("## 4 How to Train Your ResNet"): a question's, when the turn named it."""


_PLAIN_ITEM_RE = regex(r"([1-9])[.)][ \t]", re.M)
"""A plain list item's number at a line's very start (no indent: a top-level item)."""


def _plain_numbered_run(text: str) -> dict[int, str]:
    """Line offset -> number of the reply's top-level plain list items numbered 1, 2, ... in order (a
    number out of order ends the run), when there are two or more. Not under a reply's own section
    headings ("### Gradient with respect to W_2", ..., "### Summary", then "1. ... 2. ..."): there the
    items are that section's."""
    run: dict[int, str] = {}
    at = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if (m := _PLAIN_ITEM_RE.match(line)) is not None:
            if not run and _sectioned_before(lines, i):
                return {}
            if int(m.group(1)) != len(run) + 1:
                break
            run[at] = m.group(1)
        at += len(line) + 1
    return run if len(run) >= 2 else {}


TITLE_MAX_WORDS = 8
"""Most words of a plain numbered line that stands alone between blank lines as a section's title."""


def _plain_numbered_titles(text: str) -> dict[int, str]:
    """Line offset -> number of the plain numbered lines that stand alone as titles ("3) Most interesting
    approach" between blank lines, no sentence's end), when there are two or more: a reply without
    Markdown heads its sections so, in whatever order it takes the user's numbered list."""
    found: dict[int, str] = {}
    at = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = _PLAIN_ITEM_RE.match(line)
        if (
            m is not None
            and len(line.split()) <= TITLE_MAX_WORDS
            and not line.rstrip().endswith((".", "?", "!", ";", ","))
            and (i == 0 or not lines[i - 1].strip())
            and (i + 1 == len(lines) or not lines[i + 1].strip())
        ):
            found[at] = m.group(1)
        at += len(line) + 1
    return found if len(set(found.values())) >= 2 else {}


def _row_label(row: str) -> Label | None:
    """The label of a table row whose first cell is only a mark, the user's item's letter or number, and
    whose second cell opens on a part's label: "| **a** | Q7(a): the decoder doubles its parameters |
    **False** | ... |", "| 9 | (c) Progressive resizing | ✅ Verified |"."""
    cells = table_cells(row)
    if len(cells) < 3 or ROW_MARK_RE.fullmatch(row, cells[0][0], cells[0][1]) is None:
        return None
    lo, hi = cells[1]
    second = row[lo:hi]
    label = line_label(second) if LABEL_LINE_CANDIDATE.match(second.strip()) else None
    if label is None:
        return None
    return replace(label, start=label.start + lo, end=label.end + lo)


def _steps_under_heading(
    numbered: str, current: list[str], heading_piece: int, pieces: list[tuple[str, str, bool, bool]]
) -> bool:
    """Whether a lead numbered as the user's item for `numbered` numbers the steps of the part a heading
    opened (`heading_piece`: the place its text will take) instead: "**1. The data term has a
    symmetry.**" under "## Q8(b)", after "### 1. (i) ..." answered (i) under its own label."""
    return heading_piece == len(pieces) and numbered not in current and any(piece[0] == numbered for piece in pieces)


def _numbered_as_listed(line: str, numbering: Mapping[str, str] | None, context: Context) -> bool:
    """Whether the line is a heading or bold lead numbered as an item of the user's list was: its
    number, not its words, says its part ("### 4. ..." after a list of three heads by its words)."""
    lead = _NUMBERED_LEAD_RE.match(line) if numbering else None
    return (
        lead is not None and numbering is not None and numbered_part(numbering, context, _lead_number(lead)) is not None
    )


_CUE_HEADING_RE = regex(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3}(?:\*\*|__)?(?P<h>[^#\n]{1,80}?)(?:\*\*|__)?"
    r"|\*\*(?P<b>[^*\n]{1,120})\*\*|__(?P<u>[^_\n]{1,120})__)[ \t]{0,2}:?[ \t]{0,2}"
)
CUE_HEADING_MAX_WORDS = 10
"""A heading this short names its part ("**1. Problem with feeding h_t into decoder step t**"); a
longer line in bold is a sentence of the answer."""


def cue_headings(text: str, asked: list[str], index: PartIndex) -> dict[int, str]:
    """Where the reply's short headings without a label, or the short leads its paragraphs open on,
    name one asked part each by its cue words, or by a word of one part's cues alone (line offset ->
    part), when they name two parts or more, or the second of two asked: a reply laid out part by part."""
    heads: dict[int, str] = {}
    unnamed: list[int] = []  # headings that name no asked part ("**What's needed:**")
    unnamed_leads: list[int] = []  # paragraph leads that name none ("**Start and end:** ...")
    items: dict[int, int] = {}  # the reply's first numbered run "1.", "2.", ...: line offset -> number
    numbers: dict[int, int] = {}  # the numbers headings open on ("## 4. Components needed"): line offset -> number
    run_open = True
    leads_only = True  # every head is a paragraph's lead, none a heading
    pos = 0
    opens_paragraph = True
    lines = text.split("\n")
    within = asked  # the asked parts of the question whose section this is, once a heading names one
    section_level = 0  # that heading's level: a heading as high ends the section
    sectioned = len({question_of(p) for p in asked}) > 1  # only parts of several questions have sections
    for i, line in enumerate(lines):
        heading = _heading_at(lines, i)
        if sectioned and heading is not None and (section := _question_section(heading, asked, index)) is not None:
            within, section_level = section, _heading_level(line)
            if len(section) > 1 and _one_part_named(heading, section, index) is None:
                pos += len(line) + 1
                opens_paragraph = not line.strip()
                continue
        elif heading is not None and _heading_level(line) <= section_level:
            within, section_level = asked, 0
        item = _LIST_ITEM_RE.match(line)
        number = item.group("n") if item else None
        if number is not None and run_open:
            if int(number) == len(items) + 1:
                items[pos] = int(number)
            else:
                run_open = not items  # the run ended: a later list is another one
        lead = _paragraph_lead(line) if heading is None and (opens_paragraph or item) else None  # an item is a block
        if heading is not None and (numbered := _NUMBERED_LEAD_RE.match(line)) is not None:
            numbers[pos] = int(_lead_number(numbered))
        if heading is not None or lead is not None:
            named = _one_part_named(heading or lead or "", within, index)
            if named is None and heading is not None:
                named = _titled_part(heading, asked, index)  # "🔹 PCA check"
            if named is not None:
                heads[pos] = named
                leads_only = leads_only and heading is None
            elif heading is not None and not _heads_a_heading(lines, i):
                unnamed.append(pos)
            elif heading is None:
                unnamed_leads.append(pos)
        pos += len(line) + 1
        opens_paragraph = not line.strip()
    if len(set(heads.values())) > 1:
        heads = _first_heads(heads)
        return {
            **_numbered_like_asked(heads, items, asked),
            **_gaps_filled(heads, unnamed or unnamed_leads, asked, numbers),
            **heads,
        }
    # One part's heading alone cuts only to the second of two asked parts: the opening answered the
    # first. A paragraph's lead alone does not ("A small improvement: ..." in a reply to 8(b)), unless
    # one lead that names no part opens the reply before it, a lead for each asked part ("**Start
    # and end:** ...", "**Most interesting approach:** ...").
    parallel = (
        len(unnamed_leads) == 1
        and len(heads) == 1
        and unnamed_leads[0] < min(heads)
        and not text[: unnamed_leads[0]].strip()
    )
    if len(asked) == 2 and asked[0] not in heads.values() and (not leads_only or parallel):
        return heads
    # "## Why a small λ favors orthonormal columns" beside "**(i) ...**", "**(ii) ...**", "**(iii) ...**"
    # for Q8's four parts: a heading for the one asked part the reply's label lines leave out
    if len(heads) == 1 and not leads_only and _labelled_parts(lines, asked, index) == set(asked) - set(heads.values()):
        return heads
    return {}


def _labelled_parts(lines: list[str], asked: list[str], index: PartIndex) -> set[str]:
    """The asked parts that lines of the reply open on the label of, read under the asked questions."""
    questions = {question_of(p)[1:] for p in asked}
    found: set[str] = set()
    for line in lines:
        if not LABEL_LINE_CANDIDATE.match(line) or (label := line_label(line)) is None:
            continue
        for q in questions:
            found.update(p for p in index.resolve(label, Context(q)) if p in asked)
    return found


_NUMBERED_LINE_RE = regex(r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3})?(?:\*\*|__)?\(?([1-9])[.)][ \t]{1,3}\S")
NUMBERED_HEAD_MAX_WORDS = 12


def numbered_sections(text: str, parts: list[str]) -> list[tuple[str, str]]:
    """A pasted answer cut at its lines numbered 1 to N, each a short paragraph of its own, when N is
    the number of `parts`: section k answers the k-th part ("1) Where they started and where they
    ended up", "2) Takeaways", "3) The trick I liked" for Q4's three parts); else []."""
    lines = text.split("\n")
    heads: list[int] = []  # line indexes
    for i, line in enumerate(lines):
        m = _NUMBERED_LINE_RE.match(line)
        if (
            m is not None
            and int(m.group(1)) == len(heads) + 1
            and len(line.split()) <= NUMBERED_HEAD_MAX_WORDS
            and (i == 0 or not lines[i - 1].strip())
            and (i + 1 == len(lines) or not lines[i + 1].strip())
        ):
            heads.append(i)
    return _sections_at(lines, heads, parts)


def _sections_at(lines: list[str], starts: list[int], parts: list[str]) -> list[tuple[str, str]]:
    """The text from each start line to the next, as the answer to the part at its place, when the
    starts are as many as the parts (two or more); else []."""
    if len(starts) != len(parts) or len(parts) < 2:
        return []
    ends = [*starts[1:], len(lines)]
    return [(pid, "\n".join(lines[a:b]).strip()) for pid, a, b in zip(parts, starts, ends)]


def headed_sections(text: str, parts: list[str], index: PartIndex) -> list[tuple[str, str]]:
    """A pasted answer cut at its headings (Markdown, a line in bold, or a plain-text line alone between
    blank lines) when there are as many as `parts` and each heading that names a part by its cue words
    names the one at its place ("Where the series starts and where it ends", "What I took away from
    it", "The approach I found most interesting" for Q4's three parts), or each names one, in the paste's
    own order ("Answer 1: Decoder inputs when generating ..."); else []. A first line titling
    the question ("Problem 7 - Machine Translation") heads them all, not the first part. Fewer headings
    than parts, two or more, each naming a part of its own by cue words, cut the paste for those parts
    ("Problem with stacking the encoder and decoder vertically", "Decoder inputs during training": 7(a)
    and (b), and no answer to (c))."""
    lines = text.split("\n")
    heads: list[int] = []  # line indexes
    named_by: list[str | None] = []  # the part each heading names by cue words
    titled = False
    own = _own_numbered(lines, index)
    for i in range(len(lines)):
        heading = _heading_at(lines, i) or (_own_numbered_heading(lines, i, own[i]) if i in own else None)
        if heading is not None:
            named = _one_part_named(heading, parts, index)
            if not heads and not titled and named is None and not "".join(lines[:i]).strip():
                titled = index.question_titled(heading) is not None
                if titled:
                    continue
            heads.append(i)
            named_by.append(named)
    if len(heads) == len(parts) and all(n is None or n == p for n, p in zip(named_by, parts)):
        return _sections_at(lines, heads, parts)
    each = [n for n in named_by if n is not None]
    if len(heads) == len(parts) and len(each) == len(heads) and set(each) == set(parts):
        # "**Answer 1: Decoder inputs when generating a translation**", "**Answer 2: ... teacher
        # forcing**", "**Answer 3: Problem with passing h_t ...**": every part named, in the paste's order
        return _sections_at(lines, heads, each)
    if 2 <= len(heads) < len(parts) and len(each) == len(heads) and len(set(each)) == len(each):
        # ... unless a short line names a part left over, a heading not read as one ("Most interesting
        # approach: progressive resizing")
        left = [p for p in parts if p not in each]
        short = (line for line in lines if 0 < len(line.split()) <= HEADING_LINE_MAX_WORDS)
        if not any(index.by_cues(line, left) for line in short):
            return _sections_at(lines, heads, each)
    return []


HEADING_LINE_MAX_WORDS = 12
"""A line this short may be a heading the reader did not take for one."""

_OWN_NUMBER_RE = regex(
    r"[ \t]{0,3}(?:\*\*|__)?(?:question|problem|q)[ \t]{0,2}(?P<n>\d{1,2})[ \t]{0,2}[:.)—–-][ \t]{0,2}", re.I
)


def _own_numbered(lines: list[str], index: PartIndex) -> dict[int, int]:
    """The lines numbered as questions 1, 2, 3, ... in order, when the homework has no question 1: the
    paste's own numbering of the parts it answers ("Question 1: Problem with passing h_t to decoder
    step t", ..., "Question 3: Decoder inputs during evaluation"), line index -> where its title starts."""
    run: dict[int, int] = {}
    for i, line in enumerate(lines):
        m = _OWN_NUMBER_RE.match(line)
        if m is not None and int(m.group("n")) == len(run) + 1:
            run[i] = m.end()
    return run if len(run) >= 2 and "1" not in index.questions else {}


def _own_numbered_heading(lines: list[str], i: int, title_at: int) -> str | None:
    """The title after the paste's own number on line `i` (see `_own_numbered`), if it is a heading."""
    window = [lines[i - 1] if i else "", lines[i][title_at:].rstrip("*_ \t"), *lines[i + 1 : i + 3]]
    return _heading_at(window, 1)  # the lines around it, as `_heading_at` reads them


def _sectioned_before(lines: list[str], stop: int) -> bool:
    """Whether a heading of the reply's own sections comes before line `stop` (one on the first line
    that is not blank titles the whole reply): "### Gradient with respect to W_2", ..., "### Summary",
    then "1. ... 2. ...", a list that is that section's, not one item per part asked."""
    first = next((i for i, line in enumerate(lines[:stop]) if line.strip()), None)
    in_fence = False
    for i in range(stop):
        if lines[i].lstrip().startswith("```"):
            in_fence = not in_fence
        elif i != first and not in_fence and _HEADING_MARK_RE.match(lines[i]):
            return True
    return False


def listed_sections(text: str, parts: list[str], index: PartIndex) -> list[tuple[str, str]]:
    """A reply cut at the items of its one numbered list when they are as many as the parts asked and
    each item that names a part by its cue words names the one at its place ("1. **Two.** ...", "2.
    **`nn.MSELoss`.** ...", "3. **Weight decay + SGD optimizer.** ..." for 8(a)(i) to (iii)): the
    reply answers them in the order asked; else []."""
    lines = text.split("\n")
    items: list[int] = []  # line indexes
    for i, line in enumerate(lines):
        m = _LIST_ITEM_RE.match(line)
        if m is None or m.group("n") is None:
            continue
        if int(m.group("n")) != len(items) + 1 or len(items) >= len(parts):
            return []  # a second list, or more items than parts
        if not items and _sectioned_before(lines, i):
            return []
        named = _one_part_named(line[m.end() :], parts, index)
        if named is not None and named != parts[len(items)]:
            return []
        items.append(i)
    return _sections_at(lines, items, parts)


_HEADING_MARK_RE = regex(r"[ \t]{0,3}(#{1,6})[ \t]")


def _emphasised(line: str, start: int) -> str:
    """The rest of a bold lead from `start` ("**Q8 loss:** ..." -> " loss:"), or of a heading line."""
    if line.lstrip().startswith("#"):
        return line[start:]
    close = min((at for mark in ("**", "__") if (at := line.find(mark, start)) >= 0), default=len(line))
    return line[start:close]


def _item_headings(
    text: str, items: tuple[str | None, ...], asked: list[str], index: PartIndex
) -> dict[int, str | None]:
    """Where each item of the user's list is answered, in a reply with no label line (but one that
    is a heading naming its own item's part in full, "## Orthonormal columns (8b)") and as many
    top-level headings (or, with none, lines in bold alone) as the list has items, more than half of
    them naming no asked part or their own item's by cue words: line offset -> the item's part (None
    for another homework's item). "1) which loss 2) what to tick 3) the orthonormal one 4) from hw6:
    ..." then "## Choosing the criterion", "## What the training loop needs", "## Does the penalty
    favour orthonormal columns?", "## Inverted dropout scaling".

    With no such list, the headings stand for the asked parts in order when none names another's and
    one at least its own ("### Stationarity of the loss", "### Why the top eigenvectors work" for 3(b)
    (i) and (ii))."""
    listed = bool(items)
    items = items or tuple(asked)
    if len(items) < 2 or {p for p in items if p is not None} != set(asked):
        return {}
    levels: dict[int, list[tuple[int, str]]] = {}  # heading level -> (line offset, line)
    bold: list[tuple[int, str]] = []
    labelled: dict[int, Label] = {}  # line offset -> the full label a line opens with ("## ... (8b)")
    in_fence = False
    pos = 0
    for line in text.split("\n"):
        at, pos = pos, pos + len(line) + 1
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        if in_fence:
            continue
        if LABEL_LINE_CANDIDATE.match(line) and (label := line_label(line)) is not None:
            if not listed or label.q is None:
                return {}
            labelled[at] = label
        if (mark := _HEADING_MARK_RE.match(line)) is not None:
            levels.setdefault(len(mark.group(1)), []).append((at, line))
        elif line.lstrip().startswith(("**", "__")) and _cue_heading(line) is not None:
            bold.append((at, line))
    heads = levels[min(levels)] if levels else bold
    if len(heads) != len(items):
        return {}
    place = {at: k for k, (at, _) in enumerate(heads)}
    if any(at not in place or index.resolve(label, Context()) != [items[place[at]]] for at, label in labelled.items()):
        return {}  # a label line heads its own item's part, or the headings are not the items'
    named = [_one_part_named(line, asked, index) for _, line in heads]
    fits = sum(n in (None, part) for n, part in zip(named, items))
    if not (2 * fits > len(heads) if listed else fits == len(heads) and any(n is not None for n in named)):
        return {}
    return {at: part for (at, _), part in zip(heads, items)}


def parts_headed(text: str, parts: list[str], index: PartIndex) -> set[str]:
    """The parts of `parts` that the reply's headings name by their cue words, each heading one."""
    lines = text.split("\n")
    named = (_one_part_named(heading, parts, index) for i in range(len(lines)) if (heading := _heading_at(lines, i)))
    return {p for p in named if p is not None}


def _heading_at(lines: list[str], i: int) -> str | None:
    """The text of line `i` when it is a heading: Markdown, a line in bold, a short line after a symbol,
    a plain-text line alone between blank lines, or a definition list's term."""
    after_blank = i == 0 or not lines[i - 1].strip()
    alone = after_blank and (i + 1 == len(lines) or not lines[i + 1].strip())
    heading = _cue_heading(lines[i], alone)
    if heading is None and alone:
        heading = _plain_heading(lines[i], lines[i + 2] if i + 2 < len(lines) else "")
    if heading is None and after_blank and i + 1 < len(lines) and _DEFINITION_RE.match(lines[i + 1]):
        heading = _plain_heading(lines[i], "")  # a definition list's term: "Loss function", then ":   nn.MSELoss"
    return heading


def _heading_level(line: str) -> int:
    """A heading line's rank, 1 the highest: its `#` marks, or below every Markdown heading for one in
    bold or in plain text."""
    text = line.lstrip(" \t")
    marks = len(text) - len(text.lstrip("#"))
    return marks if marks else MARKDOWN_HEADING_LEVELS + 1


MARKDOWN_HEADING_LEVELS = 6

_DEFINITION_RE = regex(r":[ \t]{1,4}\S")
"""A Markdown definition list's definition line, under its term."""


def _heads_a_heading(lines: list[str], i: int) -> bool:
    """Whether the next line with text after line `i` is a heading too ("## 🛠️ Implementing it in
    PyTorch", then "### 📉 Loss function"): a heading over a group of sections answers no part itself."""
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1  # each blank run is walked once: only the heading just before it looks past it
    below = lines[j] if j < len(lines) else ""
    return _cue_heading(below) is not None or below.lstrip().startswith("#")


def _first_heads(heads: dict[int, str]) -> dict[int, str]:
    """The heads without those that return to a part after another part's ("## Summary", then "- Loss:
    `nn.MSELoss`" after the 8(b) section): a recap, not the part's answer."""
    kept: dict[int, str] = {}
    seen: set[str] = set()
    last = None
    for pos in sorted(heads):
        part = heads[pos]
        if part in seen and part != last:
            continue
        kept[pos] = last = part
        seen.add(part)
    return kept


def _gaps_filled(
    heads: dict[int, str], unnamed: list[int], asked: list[str], numbers: Mapping[int, int] | None = None
) -> dict[int, str]:
    """The headings that name no part, each as the asked part its place gives, where the named heads
    follow the order asked and the headings in a gap are as many as the parts asked there that no head
    names: "**Layers: 2**", "**Loss: MSELoss**", "**What's needed:**", "**Orthonormal columns: yes**"
    for 8(a)(i), (ii), (iii) and (b). After the last named head, fewer headings than parts left are the
    parts next in order when their `numbers` go on from the named heads' ("## 3. Loss function", then "## 4.
    Components needed" and an offer to do the rest): the reply stopped early. Else none in that gap."""
    if not unnamed or any(p not in asked for p in heads.values()):
        return {}
    asked = _in_questions_order(asked, [heads[pos] for pos in sorted(heads)])
    ranked = [(pos, asked.index(heads[pos])) for pos in sorted(heads)]
    if any(a[1] > b[1] for a, b in zip(ranked, ranked[1:])):
        # in another order (the user's: "first (b) ... then (a)(iii) ... and finally (a)(i)"), one heading
        # between two named ones heads the one asked part no heading names
        left = [p for p in asked if p not in heads.values()]
        between = [pos for pos in unnamed if min(heads) < pos < max(heads)]
        return {between[0]: left[0]} if len(left) == 1 and len(between) == 1 == len(unnamed) else {}
    named = set(heads.values())
    bounds = [(-1, -1), *ranked, (math.inf, len(asked))]
    filled: dict[int, str] = {}
    for (lo_pos, lo_rank), (hi_pos, hi_rank) in zip(bounds, bounds[1:]):
        gap = [pos for pos in unnamed if lo_pos < pos < hi_pos]
        wanted = [p for p in asked[lo_rank + 1 : hi_rank] if p not in named]
        if gap and len(gap) == len(wanted):
            filled.update(zip(gap, wanted))
        elif gap and hi_pos == math.inf and len(gap) < len(wanted) and _numbered_on(heads, gap, numbers or {}):
            filled.update(zip(gap, wanted))
    return filled


def _numbered_on(heads: dict[int, str], gap: list[int], numbers: Mapping[int, int]) -> bool:
    """Whether every named head and every heading of `gap` after them opens on a number, counting up by one."""
    if any(pos not in numbers for pos in [*heads, *gap]):
        return False
    run = [numbers[pos] for pos in sorted(heads)] + [numbers[pos] for pos in gap]
    return all(b == a + 1 for a, b in zip(run, run[1:]))


def _in_questions_order(asked: list[str], answered: list[str]) -> list[str]:
    """The asked parts with their questions in the order the reply answers them (Q7's parts before
    Q4's when its sections come first), each question's parts in the order asked; the questions it
    heads no part of after those."""
    first: dict[str, int] = {}
    for part in answered:
        first.setdefault(question_of(part), len(first))
    return sorted(asked, key=lambda p: first.get(question_of(p), len(first)))


def _numbered_like_asked(heads: dict[int, str], items: dict[int, int], asked: list[str]) -> dict[int, str]:
    """Each item of a numbered run as the asked part of its number, when the run is no longer than
    the parts asked and every head on it names the part of its own number ("1. **Linear layers:**
    2", "2. **Loss:** ...", "3. **Regularization:** ..." for 8(a)(i) to (iii)); else nothing."""
    on_items = [pos for pos in heads if pos in items]
    if len(on_items) < 2 or len(items) > len(asked):
        return {}
    if any(asked[items[pos] - 1] != heads[pos] for pos in on_items):
        return {}
    return {pos: asked[n - 1] for pos, n in items.items()}


_LIST_ITEM_RE = regex(r"[ \t]{0,3}(?:(?P<n>\d{1,2})[.)]|[-*+])[ \t]{1,4}")
_PARAGRAPH_LEAD_RE = regex(
    r"[ \t]{0,3}(?:(?:\d{1,2}[.)]|[-*+])[ \t]{1,4})?(?:\*\*|__)?(?:\(\d{1,2}\)[ \t]{1,3})?"
    r"(?P<lead>[A-Za-z][\w-]{0,24}(?:[ \t][\w-]{1,24}){0,3}"
    r"(?:[ \t]{1,2}\([^()\n]{1,48}\)|[ \t]{1,2}[—–][ \t]{1,2}[A-Za-z][\w-]{0,24}(?:[ \t][\w-]{1,24}){0,2})?)"
    r"(?:[ \t]{0,2}(?:\*\*|__)?[.:](?:\*\*|__)?(?:[ \t]|$)|\?(?:\*\*|__)(?:[ \t]|$)|(?:\*\*|__)[ \t]{1,2}[—–-][ \t]"
    r"|(?<=\))[ \t]{1,2}[—–-][ \t]|(?<=[\w)])(?:\*\*|__)[ \t]{0,2}$)"
)
"""A paragraph (or a list item) that opens on a lead of four words at most, a parenthesis or a dash and
three words more after them or not, then a full stop or a colon, in bold or not, or a question mark
in bold ("**Orthonormal columns?** No. ..."): "Training (teacher
forcing). The decoder ...", "Evaluation. At test time ...", "**Evaluation (w1–w5):** `<sos>`, ...",
"**(2) Evaluation — free running.** There is no reference ...", "**Training (teacher forcing)** - the
decoder is fed ...", and in plain text "Training (teacher forcing) - the decoder is fed ..."; or a list
item in bold alone, its sub-items under it ("- **Loss function**")."""


def _titled_part(words: str, asked: list[str], index: PartIndex) -> str | None:
    """The one asked part of the question a heading names by its title ("**4) ResNet blog**", "🔹 PCA
    check"), if only one of its parts was asked."""
    titled = index.question_named(words)
    of_it = [p for p in asked if question_of(p) == f"q{titled}"] if titled is not None else []
    return of_it[0] if len(of_it) == 1 else None


def _question_section(heading: str, asked: list[str], index: PartIndex) -> list[str] | None:
    """The asked parts of the question a heading names by its title ("## How to Train Your ResNet",
    "## Machine translation"), in a reply to parts of several questions, when it names none of another
    question by its cues (a word of one, as "Train" of 7(b)'s "training", does not): the leads below it
    are read among that question's parts only ("Training inputs" is 7(b)'s under Q7's heading, not Q4's
    "training time"). Else None."""
    titled = index.question_named(heading)
    if titled is None:
        return None
    section = [p for p in asked if question_of(p) == f"q{titled}"]
    cued = index.by_cues(heading, asked)
    return section if section and all(p in section for p in cued) else None


def _one_part_named(words: str, parts: list[str], index: PartIndex) -> str | None:
    """The one part of `parts` that a heading's words name, by a cue or by a word of its cues alone, not
    one of a question's name ("Regularised linear autoencoder — quick takeaways" holds "linear" of
    8(a)(i)'s "linear layers"; "Seq2seq: vertical stacking" names 7(a) by "stacking")."""
    cued = index.by_cues(words, parts)
    if cued:
        return cued[0] if len(cued) == 1 else None
    return index.one_by_cue_words(index.without_question_names(words), parts)


def _paragraph_each(lines: list[str], parts: list[str], index: PartIndex) -> list[str] | None:
    """The paragraphs under a heading that lists `parts`, one for each in order, when there are as many
    as parts (and a note after them), outside any fence, and none names another of them by its cue
    words; else None."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.lstrip().startswith("```"):
            return None
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs = ["\n".join(b) for b in blocks if b]
    if len(paragraphs) == len(parts) + 1 and remarks_on_answer(paragraphs[-1]):
        paragraphs.pop()  # "Let me know if you want me to adjust the length or tone!"
    if len(paragraphs) != len(parts):
        return None
    for part, paragraph in zip(parts, paragraphs):
        if (named := _one_part_named(paragraph, parts, index)) is not None and named != part:
            return None
    return paragraphs


def _labels_listed(line: str, found: list[Label]) -> bool:
    """Whether a line's labels (`found`, its mentions) stand together in one list ("### (a)(i) & (ii) —
    Model and loss"; not "### (ii) The principal components satisfy (i)")."""
    return all(LIST_BETWEEN.fullmatch(line, a.end, b.start) for a, b in zip(found, found[1:]))


_SAID_OF_ALL_RE = regex(r"\b(?:both|all[ \t]{1,3}(?:three|of[ \t]{1,3}them)|each)\b", re.I)
"""A label line that says one thing of every part it lists ("(i) and (ii) are both correct")."""


def _listed_parts(line: str, context: Context, index: PartIndex, named: list[str]) -> list[str]:
    """The parts of one question a label line names in a list ("7(b) and 7(c)", "Q7 (b) and (c) —
    decoder inputs"), two or more, of those the user asked if any; else []."""
    found: list[str] = []
    for m in mentions(line):
        ids = index.resolve(m, context)
        if m.q is not None or m.letter:
            # "(a)(i) & (ii)": the numeral after it is of the letter named before
            context = Context(m.q or context.q, m.letter)
        if len(ids) == 1 and ids[0] not in found and (not named or ids[0] in named):
            found.append(ids[0])
    return found if len(found) > 1 and len({question_of(p) for p in found}) == 1 else []


_STEP_LEADS = frozenset({"first", "second", "third", "fourth", "next", "then", "finally", "last", "lastly"})
"""Leads that number the steps of one answer ("- First: $V_2^T ...$", "Second: ..."), whatever part a
cue of which the word is part names ("first order")."""
_CONCLUDING_LEADS = frozenset({"so", "thus", "hence", "therefore", "overall", "summary", "in short", "in summary"})
"""Leads that sum up the answer before them ("So: **`<sos>`, I, see, a, dog**."): no part's title."""


def _paragraph_lead(line: str) -> str | None:
    """The lead a paragraph opens on, if it names no part by label ("Training (teacher forcing)") and
    is no step's number."""
    m = _PARAGRAPH_LEAD_RE.match(line)
    if m is None or mentions(m.group("lead")) or m.group("lead").lower() in _STEP_LEADS | _CONCLUDING_LEADS:
        return None
    return m.group("lead")


def _cue_heading(line: str, alone: bool = False) -> str | None:
    """The text of a heading or a line in bold of a few words ("### What I learnt", "**Most
    interesting approach**"), else None; a line in bold alone between blank lines is one at a
    Markdown heading's length ("**What five tokens are passed to the decoder at evaluation time?**")."""
    m = _CUE_HEADING_RE.fullmatch(line)
    limit = CUE_HEADING_MAX_WORDS
    if m is None:
        m, limit = _SYMBOL_HEADING_RE.fullmatch(line), SYMBOL_HEADING_MAX_WORDS
    if m is None or mentions(line):
        return None
    text = next(g for g in m.groups() if g is not None).strip()
    # "**Objective → `nn.MSELoss`**", "**Orthonormal columns for small λ: Yes.**": a title, then its answer
    title = _TITLE_AFTER_RE.split(text, 1)[0]
    marked = m.re is _CUE_HEADING_RE and (m.group("h") is not None or alone)  # "### Why the top-$k$ eigenvectors work"
    if not title.strip() or title.endswith(".") or (not marked and any(c in title for c in "`$=")):
        return None  # "**`nn.MSELoss`.**": an answer in bold, not a heading
    # "**Part 2 — does small λ bias W2 toward orthonormal columns?**": the words after its number
    words = len(text.split()) - (len(enumerated.group().split()) if (enumerated := _ENUMERATOR_RE.match(text)) else 0)
    return text if words <= (MARKED_HEADING_MAX_WORDS if marked else limit) else None


_ENUMERATOR_RE = regex(r"(?:part|step|section|item|task)[ \t]{1,2}\d{1,2}[ \t]{0,2}[—–:.-][ \t]{0,2}", re.I)
"""A heading's own number before its title ("Part 2 — ...", "Item 1. Problem with ..."), not counted among its
words."""
MARKED_HEADING_MAX_WORDS = 16
"""A Markdown heading is one at any length a heading runs to ("### 🚩 What goes wrong if step *t* of the
decoder gets $h_t$"); the shorter limit tells a line in bold that heads from one that is a sentence."""

_PLAIN_HEADING_RE = regex(r"(?P<first>[A-Z][a-z]{1,24})(?:[ \t][\w-]{1,24}){0,7}(?:[ \t]{1,2}\([^()\n]{1,24}\))?")
"""A few words, a short note in brackets after them or not ("What I learned (~100 words)")."""
_PLAIN_NUMBER_RE = regex(r"\d{1,2}[.)][ \t]{1,3}")
"""A plain heading's own number: "1. Baseline and final result" alone between blank lines."""
_CLAUSE_OPENERS = frozenset(
    "so then thus hence therefore now finally also and but or this that these those it its we i you "
    "here there if because since".split()
)
"""First words of a sentence that runs on into a display ("So a stationary point must satisfy"), not of
a heading."""


def _plain_heading(line: str, below: str) -> str | None:
    """A plain-text reply's heading: a short line of words alone between blank lines, with no mark
    after it ("Setting the gradients to zero", "Plugging in the eigenvectors"); not a sentence that
    leads into an indented display below it. Its own number is not among its words ("Part 1 - Problem
    with feeding h_t into decoder step t", "2. What I learned")."""
    enumerated = _ENUMERATOR_RE.match(line) or _PLAIN_NUMBER_RE.match(line)
    m = _PLAIN_HEADING_RE.fullmatch(line.rstrip(" \t"), enumerated.end() if enumerated else 0)
    if m is None or m.group("first").lower() in _CLAUSE_OPENERS or below[:1] in (" ", "\t"):
        return None
    return None if mentions(line) else m.group()


_SYMBOL_HEADING_RE = regex(
    r"[ \t]{0,3}[^\x00-\x7f\w\s]\ufe0f?[ \t]{1,2}(?:\*\*|__)?([A-Za-z][^\n.!?:;,*_]{0,48}[A-Za-z)])"
    r"(?:\*\*|__)?[ \t]{0,2}"
)
"""A short line after a symbol that is no ASCII mark, in bold or not ("🔹 Stacking issue", "▶ PCA check",
"🚂 **While training**"): a heading, where "- Stacking issue" is a list item."""
SYMBOL_HEADING_MAX_WORDS = 4


def _clauses_turned(text: str, context: Context, index: PartIndex, asked: list[str]) -> str:
    """The text with a line broken where, after a line that opens on one asked part's label, a clause
    turns to another's: "For (a), the problem is ...; for (b), training uses teacher forcing ...". The
    clause opens on the label, a few words before it at most, and the label leads what follows (words
    before it, or a comma, colon or dash after it): not "... (see (b) below)" or "; (c) is the other one"."""
    cuts: list[int] = []
    line_start = scanned = last_end = 0
    current_line = -1
    opened: set[str] | None = None  # the parts this line has turned to, when it opened on a label
    for label in mentions(text):
        newline = text.rfind("\n", scanned, label.start)
        line_start, scanned = (newline + 1 if newline >= 0 else line_start), label.start
        ids = index.resolve(label, context)
        one = ids[0] if len(ids) == 1 and ids[0] in asked else None
        if line_start != current_line:
            current_line = line_start
            lead_words = len(text[line_start : label.start].split())
            opened = {one} if one is not None and lead_words <= LINE_LEAD_MAX_WORDS else None
        elif opened is not None and one is not None and one not in opened:
            # the clause's start: after a sentence's end or a semicolon, else after a comma ("During training
            # (b) ..., whereas at evaluation (c) it is fed its own outputs")
            clause = _clause_end(text, last_end, label.start, ";.!?")
            clause = clause if clause >= 0 else _clause_end(text, last_end, label.start, ",")
            lead = text[clause + 1 : label.start].strip()
            if (
                clause >= 0
                and len(lead.split()) <= TURN_LEAD_MAX_WORDS
                and not any(c in lead for c in "([{")
                and (lead or _TURN_AFTER_RE.match(text, label.end))
            ):
                cuts.append(clause + 1)
                opened.add(one)
        last_end = label.end
    if not cuts:
        return text
    return "\n".join(text[a:b].lstrip(" \t") if a else text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)]))


def _names_option(line: str, label: Label, menu_options: Mapping[str, frozenset[str]]) -> bool:
    """Whether the line's label is a letter of the user's menus followed by the text of its option."""
    letter = line[label.start : label.end].strip("()[].*_ \t")
    said = line[label.end :].lstrip(" \t*_`:—–-").lower()
    return any(said.startswith(option) for option in menu_options.get(letter, ()))


def _clause_end(text: str, lo: int, hi: int, ends: str) -> int:
    """Where the last clause between `lo` and `hi` ends: the last of `ends` followed by a space, or a
    newline when `ends` has one ("w1..w5" and "0.5" end none), else -1."""
    return max(text.rfind(c if c == "\n" else c + space, lo, hi) for c in ends for space in " \t\n")


TURN_LEAD_MAX_WORDS = 3
"""Words before a label that turns a clause to another part ("; as for (b), ...", ", whereas at evaluation (c)")."""
_TURN_AFTER_RE = regex(r"[ \t]{0,2}[,:—–]")


_TITLE_AFTER_RE = regex(r"[ \t]{0,2}(?:→|⇒|->)|:[ \t]")


LINE_LEAD_MAX_WORDS = 3
"""Words before a part's label on a line that it opens again ("- Training (b): ...")."""


def _inline_pieces(
    text: str, context: Context, index: PartIndex, asked: list[str], explicit: bool
) -> list[tuple[str, str, bool, bool]]:
    """The text cut at the clauses that turn to each asked part by its label in running text: each
    part's first mention cuts at the start of its clause (after the last `;`, `.`, `!` or `?`), and
    the text before the second part's cut is the first's. Two parts at least, in order. A later
    mention cuts again only at a line's start: "I'd keep (c) ...", then "- Training (b): ..." and
    "- Evaluation (c): ..."."""
    cuts: list[tuple[int, list[str]]] = []
    last_end = first_at = 0
    for label in mentions(text):
        ids = index.resolve(label, context) if label.letter or label.roman else []
        if len(ids) != 1 or ids[0] not in asked:
            continue
        if any(ids[0] in p for _, p in cuts):
            line = text.rfind("\n", cuts[-1][0], label.start) + 1
            lead = text[line : label.start].strip(" \t-*•>#")
            if ids[0] in cuts[-1][1] or not line or lead.count(" ") >= LINE_LEAD_MAX_WORDS:
                continue
            cuts.append((line, [ids[0]]))
        elif not cuts:
            cuts.append((0, [ids[0]]))
            first_at = label.start
        elif _LABEL_JOINER_RE.fullmatch(text, last_end, label.start):
            cuts[-1][1].append(ids[0])  # "(a) and (b) can stay as they are": one clause about both
        else:
            clause = _clause_end(text, cuts[-1][0], label.start, ";.!?\n") + 1
            if (
                len(cuts) == 1
                and not any(c in text[first_at : label.start] for c in ".!?\n")
                and _PLAN_RE.search(text, max(text.rfind(c, 0, first_at) for c in ".!?\n") + 1, label.start)
            ):
                # "Let's start with part (i); I'll set up the notation so part (ii) drops out cleanly
                # afterwards.": a plan of the reply, in one sentence, cuts nothing
                return []
            cuts.append((clause if clause > cuts[-1][0] else label.start, [ids[0]]))
        last_end = label.end
    if sum(len(p) for _, p in cuts) < 2:
        return []
    ends = [at for at, _ in cuts[1:]] + [len(text)]
    return [(pid, text[at:end].strip(), explicit, True) for (at, pids), end in zip(cuts, ends) for pid in pids]


_PLAN_RE = regex(r"\b(?:let's|let me|I'll|I will|start with|afterwards|later on)\b", re.I)
"""Words of a sentence that plans the reply rather than answers ("Let's start with part (i); ...")."""
_LABEL_JOINER_RE = regex(r"[ \t]{0,3}(?:,|&|/|and|,[ \t]{0,3}and)?[ \t]{0,3}", re.IGNORECASE)
"""What joins two labels of one list ("(a) and (b)", "(a), (b)"): the clause after it is about both."""


OPENING_MIN_WORDS = 25
"""An unlabelled opening of one line this long may answer the first part asked; a shorter one
introduces the reply ("Let's work through the decoder inputs first.")."""
OPENING_NAMED_MIN_WORDS = 10
"""...and one that names that part by its label, this long ("Your (i) is fine, nothing to change there.")."""


def _opening_part(
    buffer: list[str], asked: Sequence[str], labelled: list[str], context: Context, index: PartIndex
) -> str | None:
    """The one asked part, of another question than the first label line's or before its part in the
    same question, that an opening of two lines or `OPENING_MIN_WORDS` names by its label, and no other
    asked part; else None."""
    opening = "\n".join(buffer)
    named = {p for m in mentions(opening) for p in index.resolve(m, context) if p in asked}
    if len(named) != 1:
        return None
    part = named.pop()
    if any(question_of(p) == question_of(part) and index.ids.index(p) <= index.ids.index(part) for p in labelled):
        return None  # ("I'll derive the gradients, then do part (ii)", then "### Part (i)": a plan)
    lines = sum(1 for b in buffer if b.strip())
    return part if lines > 1 or len(opening.split()) >= OPENING_MIN_WORDS else None


def _names_first(opening: str, first: str, context: Context, index: PartIndex) -> bool:
    """Whether the opening names the first part by its label."""
    return any(index.resolve(m, context) == [first] for m in mentions(opening))


def _names_only_first(opening: str, first: list[str], context: Context, index: PartIndex) -> bool:
    """An unlabelled opening names no part but the first, except in a sentence that names the first
    before it, a plan of the reply ("First I'll re-derive (i), then look at (ii)."): not "happy to do
    (c), but (b) is yours to write"."""
    stops = [m.end() for m in SENTENCE_END_CHAR_RE.finditer(opening)]
    naming_first: set[int] = set()  # sentences (by number) that have named the first part
    for m in mentions(opening):
        sentence = bisect_right(stops, m.start)
        parts = index.resolve(m, context)
        if not parts:
            continue  # names none of our parts
        if parts == first:
            naming_first.add(sentence)
        elif sentence not in naming_first:
            return False
    return True


_SCORE_HEADER_RE = regex(r"(?:my[ \t]{1,3})?(?:max(?:imum)?|score|points?|pts|marks?|grade|out[ \t]of)\b", re.I)
_ANSWER_HEADER_RE = regex(r"\b(?:answers?|solutions?)\b", re.I)


def _scores_header(cells: list[str]) -> bool | None:
    """Whether a table's first row heads scores: a cell names points or a score ("Max", "My score", "Points"),
    and none an answer (True); or, with an answer's column too ("| Part | Max | Original answer | Revised |"),
    the rows whose cells are only numbers (None: see `_scores_only`)."""
    if not any(_SCORE_HEADER_RE.match(cell.strip("*_ ")) for cell in cells):
        return False
    return None if any(_ANSWER_HEADER_RE.search(cell) for cell in cells) else True


_SCORE_CELL_RE = regex(
    r"[*_ ]{0,4}(?:\d{1,3}(?:\.\d{1,2})?(?:[ \t]{0,2}/[ \t]{0,2}\d{1,3})?)?[*_ ]{0,4}(?:\([^()\n]{0,200}\))?[ \t]{0,2}"
)


def _scores_only(cells: list[str]) -> bool:
    """Whether a row's cells are scores: numbers ("4", "3/4", "**10**"), a note in brackets after one, or empty."""
    return all(_SCORE_CELL_RE.fullmatch(cell) is not None for cell in cells)


_TABLE_RULE = regex(r"\|?[ \t:|-]{3,}")
"""A table's header rule (`|---|:---:|`)."""
TABLE_MAX_COLUMNS = 12


def _part_columns(
    cells: list[str], context: Context, index: PartIndex, named: list[str], turn_q: str | None, asked: list[str]
) -> dict[int, str]:
    """Columns of a table header that name one part each ("| Slot | 7 b) Training | 7 c) Evaluation |",
    "| | Training (b) | Evaluation (c) |"), by label or, with no label in the header, by the cue words
    of one asked part ("| Step | Training (teacher forcing) | Evaluation (free running) |"): two or
    more make a side-by-side table, read column by column."""
    found: dict[int, str] = {}
    labelled = False
    for k, cell in enumerate(cells[1:TABLE_MAX_COLUMNS], start=1):
        named_in = mentions(cell)
        label = line_label(cell) or (named_in[0] if len(named_in) == 1 else None)
        labelled = labelled or label is not None
        target = _label_target(label, context, index, named, turn_q) if label is not None else None
        if target is not None and len(target[1]) == 1:
            found[k] = target[1][0]
    if not labelled and len(asked) > 1:
        for k, cell in enumerate(cells[1:TABLE_MAX_COLUMNS], start=1):
            cued = index.by_cues(cell, asked)
            part = (cued[0] if len(cued) == 1 else None) if cued else index.one_by_cue_words(cell, asked)
            if part is not None:
                found[k] = part
    return found if len(found) >= 2 and len(set(found.values())) == len(found) else {}


def _with_letter(part_ids: list[str], letter: str) -> list[str]:
    """The parts lettered `letter`, in any question (`q7a`, `q8a.ii` for "a")."""
    return [p for p in part_ids if p[len(question_of(p)) :][:1] == letter]


def _by_heading_cues(
    line: str, letter: str, target: tuple[Context, list[str]], index: PartIndex, named: list[str]
) -> tuple[Context, list[str]]:
    """ "### (a) Problem with feeding h_t into step t" in a reply to "Q7(a) ... Q4(a)": when asked
    parts of several questions share the letter, the one whose cues the label's line holds."""
    lettered = _with_letter(named, letter)
    if len({question_of(p) for p in lettered}) < 2:
        return target
    cued = {question_of(p) for p in index.by_cues(line, lettered)}
    if len(cued) != 1:
        return target
    q = cued.pop()
    return Context(q[1:], letter), [p for p in lettered if question_of(p) == q]


RELETTERED_HEADING_MAX_WORDS = 8
"""The longest heading (after its label, within its bold or heading line) read for the part it names."""


def relettered(text: str, index: PartIndex, named: list[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """A reply that letters its answers (a), (b), ... its own way, for asked parts of one question,
    when the letters do not name those parts: letter -> (question, (part,)). One letter per asked part
    stands for them in order when a short heading names its part so by cue words and none names another
    asked part ("**(a) Training (Teacher Forcing)**", "**(b) Evaluation (Inference)**" in a reply to 7(b)
    and 7(c); "Part (a)", "Part (b)" for 3(b)(i) and (ii)); fewer letters than asked parts stand for the
    parts their headings name, when each names one and no two the same ("### (a) What I learned", "###
    (b) Most interesting approach" in a reply to all of Q4 whose words ask 4(b) and 4(c)), as do letters
    over parts of several questions, each heading naming one ("**A. First-order conditions ...**",
    "**B. Why not feed hₜ into decoder step t**" for 3(b)(i) and 7(a)). Numerals "(i)", "(ii)", ... do so
    for a question whose parts are lettered only. Else {}."""
    if len(named) < 2:
        return {}
    several = len({question_of(p) for p in named}) > 1  # "**A. First-order conditions ...**", "**B. Why ...**"
    letters: list[str] = []
    headings: list[str] = []
    for line in text.split("\n"):
        if not LABEL_LINE_CANDIDATE.match(line) or (label := line_label(line)) is None:
            continue
        if label.q is not None or (mark := own_mark(label)) is None or mark in letters:
            continue
        if len(listed := mentions(line)) > 1 and _labels_listed(line, listed) and all(m.q is None for m in listed):
            return {}  # "**(b) & (c) Reflection and Most Interesting Approach**": the question's own letters
        letters.append(mark)
        # a heading's words, marked or a plain line of its own ("(b) Decoder inputs at evaluation time (w1 ... w5)")
        marked = line.lstrip().startswith(("#", "**", "__"))
        headings.append(_emphasised(line, label.end) if marked else line[label.end :])
    # (i), (ii), ... are a reply's own marks too for a question whose parts are lettered only (Q7, Q4)
    romans = not any("." in p for p in named) and letters == list(OWN_ROMANS[: len(letters)])
    if len(letters) < 2 or len(letters) > len(named) or ("".join(letters) != "abcdefgh"[: len(letters)] and not romans):
        return {}
    cued = [
        (index.by_cues(heading, named) or [p for p in [index.one_by_cue_words(heading, named)] if p])
        if len(heading.split()) <= RELETTERED_HEADING_MAX_WORDS
        else []
        for heading in headings
    ]
    each_one = all(len(c) == 1 for c in cued) and len({c[0] for c in cued}) == len(cued)
    if several and not each_one:
        return {}
    if len(letters) == len(named) and not several and not (each_one and {c[0] for c in cued} == set(named)):
        parts = named
        if any(c and part not in c for c, part in zip(cued, parts)) or not any(
            c == [part] for c, part in zip(cued, parts)
        ):
            return {}
    elif each_one:
        # ... and so do as many letters as asked parts, each heading naming one ("(b) Decoder inputs at
        # evaluation time", "(c) Decoder inputs during training": the reply swapped 7(b) and 7(c))
        parts = [c[0] for c in cued]
    else:
        return {}

    def own(letter: str, part: str) -> bool:
        return index.resolve(Label(letter=letter), Context(question_of(part)[1:])) == [part]

    if all(own(letter, part) for letter, part in zip(letters, parts)):
        return {}  # the letters are the parts' own
    return {letter: (question_of(part)[1:], (part,)) for letter, part in zip(letters, parts)}


def _names_part(text: str, part: str, context: Context, index: PartIndex) -> bool:
    """Whether the text names the part by a label in its running text ("(your part a)")."""
    return any(part in index.resolve(label, context) for label in mentions(text))


def _own_point(
    label: Label, index: PartIndex, questions_named: Collection[str] | None, own_run: Collection[str] = ()
) -> bool:
    """Whether a reply's label is a number of its own points: a question number we do not have, or one
    of the reply's own run from 1 (`own_run`), with no homework named, that the user's turn did not name."""
    return (
        questions_named is not None
        and label.q is not None
        and label.homework is None
        and (label.q not in index.questions or label.q in own_run)
        and label.q not in questions_named
    )


def _own_run(text: str, index: PartIndex, questions_named: Collection[str] | None) -> frozenset[str]:
    """The numbers of a run of bare question labels that counts from 1 ("**Problem 1 (2 pts).**" ...
    "**Problem 4 (5 pts).**" in a practice exam on question 8): the reply numbers its own points, "Problem
    3" among them, when question 1 is none of ours. Those the user named stay questions."""
    if questions_named is None or "1" in index.questions:
        return frozenset()
    seen: list[str] = []
    for line in text.split("\n"):
        if not LABEL_LINE_CANDIDATE.match(line) or (label := line_label(line)) is None:
            continue
        if label.q is None or label.letter or label.roman or label.homework:
            continue
        if label.q not in seen:
            seen.append(label.q)
    if len(seen) < 2 or seen != [str(k) for k in range(1, len(seen) + 1)]:
        return frozenset()
    return frozenset(q for q in seen if q not in questions_named)


_BULLET_RE = regex(r"[ \t]{0,6}[-*+•][ \t]{1,4}")
_OPTION_BULLET_RE = regex(r"[ \t]{0,6}[-*+•][ \t]{1,4}(?:\*\*|__)?[ \t]{0,2}\(?[A-Ha-h][.)]")
"""A bullet that opens on a letter's mark, "- **(a) 0**", "- **B. 1**": the one kind read for its label."""
_FIRST_OPTION_BULLET_RE = regex(r"^[ \t]{0,6}[-*+•][ \t]{1,4}(?:\*\*|__)?[ \t]{0,2}\(?[Aa][.)]", re.M)
MENU_MIN_OPTIONS = 3


def _option_items(text: str, asked: Collection[str], index: PartIndex) -> frozenset[int]:
    """Line offsets of bullets lettered as options ("- **(a) 0** — ❌ ...", "- **(d) 3** — ❌ ..." under
    "### (i) How many linear layers?"): a run of three or more with consecutive letters from (a) that
    reaches past the last letter the asked questions have. They letter a choice's options, not parts."""
    if not asked or _FIRST_OPTION_BULLET_RE.search(text) is None:
        return frozenset()  # no bullet opens on "(a)": one scan says so
    last = max(
        (
            letter
            for p in index.ids
            if question_of(p) in {question_of(a) for a in asked}
            if (letter := context_of(p).letter) is not None
        ),
        default="a",
    )
    found: set[int] = set()
    run: list[int] = []
    pos = 0
    for line in text.split("\n"):
        at, pos = pos, pos + len(line) + 1
        if not line.strip() or (run and line[:1] in " \t" and _BULLET_RE.match(line) is None):
            continue  # a blank line or an item's continuation keeps the run going
        label = line_label(line) if _OPTION_BULLET_RE.match(line) is not None else None
        letter = label.letter if label is not None and label.q is None and label.roman is None else None
        if letter is not None and len(letter) == 1 and ord(letter) == ord("a") + len(run):
            run.append(at)
            continue
        if len(run) >= MENU_MIN_OPTIONS and chr(ord("a") + len(run) - 1) > last:
            found.update(run)
        run = [at] if letter == "a" else []
    if len(run) >= MENU_MIN_OPTIONS and chr(ord("a") + len(run) - 1) > last:
        found.update(run)
    return frozenset(found)


_VARIANT_RE = regex(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3}|[-*+][ \t]{1,3})?(?:\*\*|__)?[ \t]{0,2}(?:[^\w\s*_#]{1,3}[ \t]{1,2})?"
    r"(?:(?P<noun>what-if|extra[ \t]scenario|bonus[ \t](?:scenario|variant|case)|variant|hypothetical(?:ly)?"
    r"|alternative[ \t]scenario|side[ \t]scenario)\b|what[ \t]if\b)",
    re.I,
)
"""A line that opens a variant the answer works through beside the part: "Extra scenario:", "**Variant:**",
"- what-if ...", or a heading "### What if the model sampled 'I saw the dog'?"."""
_SHORT_LEAD_RE = regex(r"(?:\*\*|__)?[A-Z][\w-]{0,20}(?:[ \t][\w-]{1,20}){0,2}:?(?:\*\*|__)?:?")
"""A short line alone, "Summary:", "**Final answers**": what ends a side scenario's section."""


def _is_heading_line(line: str) -> bool:
    """Whether the line is a Markdown heading or a bold line alone."""
    stripped = line.strip()
    return stripped.startswith("#") or (
        stripped.startswith(("**", "__")) and stripped.endswith(("**", "__", "**:", "?**"))
    )


_POSTSCRIPT_RE = regex(
    r"[ \t]{0,3}(?:[-*>][ \t]{1,2})?(?:\*\*|__|\*|_)?[ \t]{0,2}"
    r"(?:edit(?:ed)?|update[d]?|p\.?[ \t]?s\.?|correction|erratum|addendum|one[ \t]more[ \t]thing)"
    r"(?:[ \t]{1,2}\d{0,2})?[ \t]{0,2}(?:\*\*|__|\*|_)?[ \t]{0,2}[:.—–-]",
    re.I,
)
"""A postscript's opening after the sign-off: "**Edit:**", "P.S.", "Update —", "One more thing:"."""
_CORRECTS_RE = regex(
    r"\b(?:correct(?:ion|ed|ing)?|wrong|mistake|mis-?(?:read|spoke|took)|fix(?:ed)?|instead|actually|should[ \t]be)\b",
    re.I,
)
"""Words that say a postscript corrects what it names, not only adds to it."""


def _parts_named(text: str, context: Context, index: PartIndex, asked: list[str]) -> list[str]:
    """The asked parts a line's labels name ("P.S. For (c), ...")."""
    found = {p for label in mentions(text) for p in index.resolve(label, context) if p in asked}
    return sorted(found)


_SECTION_BREAK_RE = regex(r"(?:[-*_][ \t]{0,2}){3,}|#{1,6}[ \t].{0,80}|(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__):?")
"""A rule, a heading or a bold line alone: what ends a part's section."""


_TOP_ITEM_RE = regex(r"(?:[-*+•]|\d{1,2}[.)])[ \t]{1,4}\S")
"""A list item at a line's start, not indented: "- ...", "* ...", "2. ..."."""
ITEM_EACH_MIN_WORDS = 20
"""Fewest words of a list item that answers a part on its own."""
ITEM_EACH_AROUND_LINES = 2
"""Most lines of text outside the list, before it and after it ("Here's a summary:", "Hope this helps!")."""


def _item_each(text: str, asked: list[str], index: PartIndex) -> dict[int, str]:
    """Line offset -> part for a reply that is one list with an item for each part asked, in order, and no
    label ("* The series begins from ... 341 seconds ...", "* The biggest lesson is ...", "* A really
    interesting approach is ..."; or a LaTeX document's "\\item"s): each long item answers the part at its
    place, unless its words name a later asked part above all (the list is in another order). Else {}."""
    items = _markdown_items(text)
    if items is None:
        return {}
    if not items:
        items = _latex_items(text)
    if len(items) != len(asked) or min((words for _, words in items), default=0) < ITEM_EACH_MIN_WORDS:
        return {}
    starts = [at for at, _ in items]
    heads = dict(zip(starts, asked))
    bounds = [*starts[1:], len(text)]
    for (at, part), end in zip(heads.items(), bounds):
        cued = index.most_cued(normalize(text[at:end]), asked)
        if len(cued) == 1 and cued[0] != part and asked.index(cued[0]) > asked.index(part):
            return {}  # an item on a later part: the list is not in the asked order
    return heads


def _paragraph_each_part(
    text: str, asked: list[str], context: Context, index: PartIndex, counted: bool = False
) -> dict[int, str]:
    """Line offset -> part for a reply with no label line and no code whose paragraphs, past a short
    opening ("Of course! Here's a breakdown:") and a closing remark, are one for each part asked, each
    holding a cue of the part at its place, none of another more often, and no other's label ("So the
    corrected answer for **(b)** is ..." is about (b)). Each has some length, unless the reply counts them
    ("First, ...", see `ordinal_leads`). A paragraph ending in a colon opens the one after it ("Second, the
    reflection:" over a quoted paragraph). Else {}."""
    blocks: list[list[int]] = []  # [offset, words, end] of each paragraph
    pos = 0
    joined = True  # the next line opens a new paragraph
    opens_next = False  # the last line ended in a colon
    for line in text.split("\n"):
        at, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            joined = True
            continue
        if stripped.startswith(("```", "~~~", "|")) or (
            LABEL_LINE_CANDIDATE.match(line) and line_label(line) is not None
        ):
            return {}
        if joined and not (blocks and opens_next):
            blocks.append([at, 0, at])
        joined = False
        opens_next = stripped.rstrip("*_ \t").endswith(":")
        blocks[-1][1] += len(line.split())
        blocks[-1][2] = at + len(line)
    paragraphs = [(at, words, text[at:end]) for at, words, end in blocks]
    if len(paragraphs) > len(asked) and remarks_on_answer(paragraphs[-1][2]):
        paragraphs.pop()
    if len(paragraphs) == len(asked) + 1 and paragraphs[0][1] < OPENING_MIN_WORDS and "\n" not in paragraphs[0][2]:
        paragraphs.pop(0)
    shortest = 0 if counted else ITEM_EACH_MIN_WORDS
    if len(paragraphs) != len(asked) or min(words for _, words, _ in paragraphs) < shortest:
        return {}
    for (_, _, paragraph), part in zip(paragraphs, asked):
        counts = index.cue_counts(normalize(paragraph))
        if not counts[part] or any(counts[other] > counts[part] for other in asked):
            return {}  # a paragraph on no part, or on another above all
        if any(p != part and p in asked for label in mentions(paragraph) for p in index.resolve(label, context)):
            return {}
    return {at: part for (at, _, _), part in zip(paragraphs, asked)}


def itemised_sections(text: str, parts: list[str], index: PartIndex) -> list[tuple[str, str]]:
    """A pasted answer that is one list with a long item for each of `parts`, in order (`_item_each`), cut
    at its items; else []."""
    heads = _item_each(text, parts, index) if len(parts) > 1 else {}
    starts = sorted(heads)
    return [(heads[at], text[at:end].strip()) for at, end in zip(starts, [*starts[1:], len(text)])]


def _markdown_items(text: str) -> list[tuple[int, int]] | None:
    """(line offset, words) of each item of a reply that is one Markdown list; [] when it is not one, None
    when a line is labelled."""
    items: list[tuple[int, int]] = []
    outside = 0
    pos = 0
    after_blank = True
    for line in text.split("\n"):
        at, pos = pos, pos + len(line) + 1
        if not line.strip():
            after_blank = True
            continue
        if LABEL_LINE_CANDIDATE.match(line) and line_label(line) is not None:
            return None
        if _TOP_ITEM_RE.match(line):
            items.append((at, len(line.split())))
        elif items and not after_blank or line[:1] in " \t" and items:
            items[-1] = (items[-1][0], items[-1][1] + len(line.split()))  # the item's text goes on
        else:
            outside += 1
            if items and outside > ITEM_EACH_AROUND_LINES or outside > 2 * ITEM_EACH_AROUND_LINES:
                return []
        after_blank = False
    return items


def _latex_items(text: str) -> list[tuple[int, int]]:
    """(line offset, words) of each item of a LaTeX document's outermost lists, each opening its line."""
    items = []
    for start, end in outer_items(text):
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip():
            return []
        items.append((line_start, len(text[start:end].split())))
    return items


def _substep(
    label: Label, line: str, context: Context, index: PartIndex, headed: set[str], substep: str | None
) -> bool:
    """Whether a letter below a heading's rank numbers a step of the headed part's answer: the reply heads its
    parts ("## (c) ..."), and the letter names a part headed earlier ("**(a) What they did:**" under "## (c)")
    or follows the step before it ("**(b) Result:**")."""
    if label.q is not None or label.letter is None or label.roman is not None or line.lstrip().startswith("#"):
        return False
    if substep is not None and ord(label.letter) == ord(substep) + 1:
        return True
    ids = index.resolve(label, context)
    return (
        label.letter == "a"
        and context.letter is not None
        and context.letter != "a"
        and bool(ids)
        and all(p in headed for p in ids)
    )


def _label_target(
    label: Label,
    context: Context,
    index: PartIndex,
    named: list[str],
    turn_q: str | None,
    reply_named_q: bool = False,
    revision: bool = False,
    first: bool = False,
) -> tuple[Context, list[str]] | None:
    """Where a label line sends the text after it, or None when the line is not a label here.
    Under a question the reply named itself ("## Q7"), "(a)" is that question's, whatever other
    question's (a) the turn asked (`reply_named_q`). A label the line says is answered again
    ("**(i), completed.**", `revision`) heads that part, asked in this turn or not. The reply's
    `first` label is read in the context the turn left, which may be another question's than the
    one the reply starts on ("3b(i) and (ii) check plz. and 8a ii at the end" -> "**Part (i)**")."""
    if label.q is not None:
        if index.is_foreign(label):
            return Context(FOREIGN), []
        if not (label.letter or label.roman) and label.q not in index.questions:
            return None
        new = Context(label.q, label.letter)
        return new, index.resolve(label, new)
    if context.q is None or context.q == FOREIGN:
        if turn_q is None or turn_q == FOREIGN:
            return None
        context = Context(turn_q)
    ids = index.resolve(label, context)
    if label.ordinal and not any(p in named for p in ids):
        return None  # "### Second part" heads an asked part only: else it is a step of the answer
    jumped = context.letter is not None and any(f"{question_of(p)}{context.letter}." not in p for p in ids)
    if label.letter is None and label.roman and (not ids or ((jumped or first) and not any(p in named for p in ids))):
        # "(i)" after a turn that ended on "(b)", or on "Q8(b)" after asking "Q3(b)(i), Q3(b)(ii)",
        # or on "8a ii" after asking "3b(i) and (ii)": the one asked part with that numeral.
        numbered = [p for p in named if p.endswith(f".{label.roman}")]
        if len(numbered) == 1:
            return Context(
                question_of(numbered[0])[1:], numbered[0].split(".")[0][len(question_of(numbered[0])) :] or None
            ), numbered
        if not ids:
            return None
    if (
        ids
        and named
        and label.letter
        and label.roman is None
        and not reply_named_q
        and not any(p in named for p in ids)
    ):
        # "(a)" in a reply to "Q4(a) ... Q7 b)": the one asked part with that letter, wherever the
        # context last was.
        lettered = _with_letter(named, label.letter)
        if len({question_of(p) for p in lettered}) == 1:
            q = question_of(lettered[0])
            return Context(q[1:], label.letter), lettered
    if not ids:
        return None
    if (
        label.letter is None
        and named
        and not revision
        and not any(p in named for p in ids)
        and all(question_of(p) == question_of(named[0]) for p in ids)
    ):
        return None  # "(i)" numbering steps inside an answer to (ii); a lettered "(b)" still cuts
    return Context(context.q, label.letter or context.letter), ids
