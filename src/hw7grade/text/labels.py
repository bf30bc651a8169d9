"""Part labels: the small grammar of how people name a homework part.

A label names a question number, a part letter and a roman sub-part, any of them optional:
`Q7b`, `Question 7 (b)`, `7 b)`, `Problem 7, part (a):`, `8a-iii`, `Q8 (a)(ii)`, `q3b.ii`,
`HW6 Question 2`, and the relative `(b)`, `b)`, `Part (b):`, `(ii)` (and, at a line's start,
`ii.`) that take their question from the context. A key of structured data the user asked for is a
label too: `"b": [...]` (JSON), `a:` / `ii:` (YAML), `q7b = [...]` (code), `b,<s>,I,...` (a CSV
row), `<answer part="q7b">` (XML), `[q8a.i]` (INI). Every pattern here runs on a bounded window (a
line's first characters, or a few dozen characters after a trigger), so reading a label costs the
same on any text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from ..regexes import regex
from .menus import in_menu, menu_spans
from .number_words import NUMBER_WORDS

LINE_WINDOW = 96
"""Characters of a line looked at for a label at its start."""
DECORATION_MAX = 24
"""Leading decoration (#, *, >, bullets, emoji) skipped before a label."""
_KEYCAP = "[0-9#*]\ufe0f?\u20e3"
_KEYCAP_RE = regex(_KEYCAP)
"""A keycap emoji (1️⃣ is "1", U+FE0F, U+20E3): decoration, not a number."""
_TEXT_MACRO = r"\\(?:(?:text(?:bf|it|rm)?|math(?:rm|bf)|emph|(?:sub){0,2}section\*?|paragraph\*?)\{|item[ \t]{0,2}\[?)"
_TEXT_MACRO_RE = regex(_TEXT_MACRO)
"""A LaTeX text wrapper a display-math line may open its label with: "$$\\text{(b)}\\quad w_1 = ...$$",
or a LaTeX document's heading or item: "\\subsection*{(a)(i) Number of linear layers}", "\\item[(b)]"."""

_DOT_END = r"\.(?=[\s*_]|$)"
"""A closing full stop: before a space, emphasis or the line's end ("a) i. text", "**a) i.**"), not "i.e."."""

ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_ROMAN = r"(?:viii|vii|iii|ix|iv|vi|ii|v|x|i)"
_SUB = rf"(?:[a-h]|{_ROMAN})"

_FOREIGN_QUESTION_WORDS = (
    r"pregunta|ejercicio|problema|aufgabe|frage|exercice|questão|questao|exercício|exercicio|domanda|esercizio"
    r"|opgave|vraag|soal|soru|câu|bài|문제"
)
"""Words of other languages for a homework question before its number: Spanish, German, French, Portuguese,
Italian, Dutch, Indonesian, Turkish, Vietnamese and Korean ("pregunta 7", "Aufgabe 3b", "câu 7a", "문제 8")."""
_FOREIGN_PART_WORDS = r"inciso|apartado|parte|teilaufgabe|teil|partie|punto|bagian"
"""Words of other languages for a part before its letter or numeral ("inciso b", "apartado (a)", "Teil (i)",
"partie b", "bagian c")."""
# Absolute: a question word and number ("Question 7", "Q7"), or a bare number with a part
# ("7b", "7(b)", "7 b)", "Question 7 a:", "8a-iii"). A letter after a space must be closed,
# parenthesised, followed by a colon, a question mark ("hw7 7 a?"), a spaced dash ("7 a — one
# problem?") or by the next label of a list ("7 b and 7 c"), so "question 7 a teammate" names no part (a).
_LETTER = (
    rf"(?:[ \t]{{0,2}}(?:,[ \t]{{0,2}}|\.(?=\())?(?:(?:part|{_FOREIGN_PART_WORDS})[ \t]{{0,2}})?\((?P<l1>[a-h])\)"
    rf"|[ \t]{{0,2}}(?:,[ \t]{{0,2}})?(?:parts?|{_FOREIGN_PART_WORDS})[ \t]{{0,2}}(?P<l3>[a-h])(?![a-z])"
    r"|[ \t]{1,2}(?P<l4>[a-h])(?:\)|[.?](?=\s|$)|:(?=\s|$)|(?=[ \t]{1,2}[—–][ \t])"
    # or a list of such labels goes on: "7 b and 7 c", "7 b, 7 c"
    r"|(?=[ \t]{0,2}(?:,|and|&|or)[ \t]{1,3}(?:q[ \t]{0,2})?\d{1,2}[ \t]{0,2}[a-h](?![a-z])))"
    rf"|[ \t]{{1,2}}(?P<l5>[a-h])[ \t]{{1,2}}(?P<r5>{_ROMAN})(?![a-z])"
    # "7 a, b, c please", "7 a, b and c", "q4 b and c": a letter that heads a bare list of letters
    r"|[ \t]{1,2}(?P<l6>[a-h])"
    r"(?=(?:[ \t]{0,2},[ \t]{0,2}(?:and[ \t]{1,3})?|[ \t]{1,2}(?:and|&)[ \t]{1,2})[b-h](?![\w(]))"
    # "q7 b tokens", "Q4 c pls", "question three b part two": after a question word's number, a letter
    # standing alone as a word ("a" is the article; a bare "7 b" may be a size)
    r"|(?(q)[ \t]{1,2}(?P<l7>[b-h])(?![\w(.'’\-])|(?(qword)[ \t]{1,2}(?P<l9>[b-h])(?![\w(.'’\-])|(?!)))"
    # "question seven a, the translation one": the article is never followed by a comma
    r"|(?(q)[ \t]{1,2}(?P<l11>a)(?=,[ \t])|(?(qword)[ \t]{1,2}(?P<l12>a)(?=,[ \t])|(?!)))"
    # "Q8 a3", "q8 a1 and a3": after a question word's number, a letter with a sub-part's number straight after it
    r"|(?(q)[ \t]{1,2}(?P<l10>[a-h])(?=[1-4](?![\w.]))|(?!))"
    r"|[.\-]?(?P<l2>[a-h])(?![a-z])"
    # "8aii", "3bi": a letter with its numeral straight after it, nothing after the numeral
    r"|(?P<l8>[a-h])(?=(?:iii|ii|iv|i)(?![a-z])))"
)
_PRONOUN_I_NEXT = frozenset(
    (
        "am m was have had do did dont didnt can cant could would will should shall might must may think "
        "thought got get need needed want wanted tried try know knew just also still only really already "
        "actually guess believe understand understood mean meant feel felt see saw found find used use put "
        "said say asked ask made make like hope wonder suppose assume agree disagree doubt forgot remember "
        "read wrote write derived computed calculated checked solved missed left skipped never always even "
        "basically probably honestly dunno keep kept hate love"
    ).split()
)
"""Words that follow the pronoun "i" ("3b i think so", "8a i did"): before one of them a lone "i" is
the word, not a sub-part."""
_GLOSSED_I = (
    rf"(?-i:(?=[ \t]{{1,2}}(?!(?:{'|'.join(sorted(_PRONOUN_I_NEXT, key=lambda w: (-len(w), w)))})(?![a-z]))"
    r"[a-z]{2,24}(?:[ \t]{1,2}[a-z]{2,24})?[ \t]{0,2}(?:[.,;:!?+&/)\n]|$))"
    # "and 3b i too i guess": asked as well
    r"|(?=[ \t]{1,2}(?:too|as[ \t]well)(?![a-z])))"
)
"""A lowercase "i" after a lettered label with a gloss of a word or two ending its item ("3b i grads.",
"3b i gradients + momentum"), or before "too" ("and 3b i too i guess"): the sub-part, as a pronoun's clause
rarely ends that soon."""
_ROMAN_PART = (
    # "3b, (ii)", "8a.(ii)"; not "question 3. (i) derive ...", where the full stop ends a sentence
    rf"(?:[ \t]{{0,2}}(?:,[ \t]{{0,2}}|\.)?(?:part[ \t]{{0,2}})?\((?P<r1>{_ROMAN})\)"
    rf"|[ \t]{{0,2}}(?:,[ \t]{{0,2}})?part[ \t]{{0,2}}(?P<r3>{_ROMAN})(?![a-z])"
    rf"|\)?[ \t]{{1,2}}(?P<r4>{_ROMAN})(?:\)|{_DOT_END}|:(?=\s)|\?)"
    rf"|[.\-]?(?P<r2>{_ROMAN})(?![a-z])"
    # A sub-part by number after a letter: "3b-2", "8a.1", "8a3", "8(a)(1)", "3b part one" (kept only after
    # a letter).
    rf"|[.\-]?(?P<r6>[1-4])(?![\w.])|\((?P<r9>[1-4])\)"
    rf"|[ \t]{{1,2}}part[ \t]{{1,2}}(?P<r7>[1-4]|one|two|three|four)(?![\w])"
    # "8a ii loss": a numeral of two letters or more standing alone after a letter ("i" is a word,
    # unless "ii" follows it in a list: "8a i/ii/iii", "8a i, ii and iii", "8a i / 8a ii", or it is
    # glossed, below)
    rf"|(?(r5)(?!)|[ \t]{{1,2}}(?P<r8>ii|iii|iv|vi|vii|viii|ix"
    rf"|i(?=[ \t]{{0,2}}(?:[,/&]|and)[ \t]{{0,3}}(?:\d{{1,2}}[a-h][ \t]{{0,2}})?ii(?![\w(])|[ \t]{{1,2}}ii(?![\w(]))"
    # ... or it ends a clause there: "hw7 3b i, gradients of ... set to 0" (the pronoun goes on to its verb),
    # or its line: "8a i"
    rf"|i(?=[,:;](?:[ \t]|$)|[ \t]{{0,2}}[.!]?[ \t]{{0,2}}$)"
    rf"|i{_GLOSSED_I})(?![\w(])))"
)
_QUESTION_WORDS = {word: digits for digits, word in NUMBER_WORDS.items() if 1 <= int(digits) <= 10}
"""A question number in words after "question" or "problem" ("question seven part a")."""
_ROMAN_QUESTIONS = {"II": "2", "III": "3", "IV": "4", "VI": "6", "VII": "7", "VIII": "8", "IX": "9"}
_ROMAN_QUESTION = "|".join(sorted(_ROMAN_QUESTIONS, key=len, reverse=True))
"""Capital Roman question numbers of two letters or more (a lone `X` is the data matrix)."""
_ROMAN_Q_NEXT = r"(?:[ \t.\-]{0,2}\(?[a-h]\)|[.\-][a-h](?![a-z]))"
"""What must follow a bare capital Roman question number: a lettered part ("VII (b)", "VII.b)", "IV-b",
"VII.a")."""
NUMBERED_SUB = {"1": "i", "2": "ii", "3": "iii", "4": "iv", "one": "i", "two": "ii", "three": "iii", "four": "iv"}
"""A sub-part's number, in digits or in words, as its numeral ("part 2" or "sub part two" is (ii))."""
_ORDINAL_PREFIX = "第"
"""The Chinese mark of an ordinal before a label ("### 第 (i) 部分", "第3题(b)"): read as decoration before a
relative label, as a bullet is, and as "question" before a number."""
_QUESTION_MEASURE = "题題问問"
"""Chinese and Japanese words for a question after its number ("第3题", "第3問")."""
_ABSOLUTE = regex(
    rf"(?:(?:hw|homework|assignment)[ .#]{{0,2}}(?P<hw>\d{{1,2}})[ \t,:;.\-–—]{{0,4}})?"
    # "第3题(b)", "第 8 题 b": the Chinese "question 3", its ordinal mark and measure word around the number
    rf"(?:(?:(?:questions?|{_FOREIGN_QUESTION_WORDS}|problems?|prob\.|exercise|ex\.|q|\#)[ \t.#]{{0,3}}"
    rf"|{_ORDINAL_PREFIX}[ \t]{{0,2}}(?=\d{{1,2}}[ \t]{{0,2}}[{_QUESTION_MEASURE}]))"
    rf"(?P<q>\d{{1,2}})(?:[ \t]{{0,2}}[{_QUESTION_MEASURE}])?"
    # a bare number, or one in brackets before a bracketed letter: "(4)(a) Initial vs. final"
    rf"|(?:(?P<po>\()(?=\d{{1,2}}\)[ \t]{{0,2}}\([a-h]\)))?(?P<qbare>\d{{1,2}})(?(po)\)|(?!\)))"
    rf"|(?:question|problem)[ \t]{{1,3}}(?P<qword>{'|'.join(_QUESTION_WORDS)})\b"
    # "VII (b)", "problem VII": a question numbered in capital Roman numerals (a lettered part after
    # a bare one, so the pronoun "I" and a stray "IV" name nothing)
    rf"|(?:(?:question|problem)[ \t]{{1,3}})?(?-i:(?P<qroman>{_ROMAN_QUESTION}))\b(?={_ROMAN_Q_NEXT})"
    rf"|(?:question|problem)[ \t]{{1,3}}(?-i:(?P<qroman2>{_ROMAN_QUESTION}))\b)(?![\d])"
    rf"{_LETTER}?{_ROMAN_PART}?",
    re.IGNORECASE,
)
# Relative: "(b)", "b)", "Part (b)", "Part b", "(ii)", "(a)(ii)", "part ii".
_RELATIVE = regex(
    rf"(?:(?:{_FOREIGN_PART_WORDS}|parts?)(?:[ \t]{{0,2}}\((?P<p1>{_SUB})\)|[ \t]{{1,2}}(?P<p2>{_SUB})(?![a-z]))"
    rf"|\((?P<b1>{_SUB})\)|(?P<b2>{_SUB})\)|(?-i:(?P<b3>[a-h])\.(?P<rl>{_ROMAN}))(?![a-z])"
    # "a(i) How many layers?": a letter with its numeral in brackets straight after it.
    rf"|(?-i:(?P<b4>[a-h]))(?=\((?:i{{1,3}}|iv)\))"
    # "a ii) which loss?": a letter, a space and its numeral closed by a bracket
    rf"|(?-i:(?P<b5>[a-h]))(?=[ \t]{{1,2}}(?-i:{_ROMAN})\)))"
    # a numeral closed by a bracket or a full stop ("a) ii)", "b. ii."), or after "part" by a colon too
    # ("part a iii: which of these ...")
    # ... or after a comma and the word "part" ("Part a, part (i)", "(a), sub-part (ii)")
    rf"(?:[ \t]{{0,2}}(?:,[ \t]{{0,2}}(?:sub[ \t-]?)?part[ \t]{{0,2}})?\((?P<r>{_ROMAN})\)"
    rf"|[ \t]{{1,2}}(?P<rd>{_ROMAN})(?:\)|{_DOT_END}|(?(p2):(?=[ \t]|$)|(?!))))?",
    re.IGNORECASE,
)
_DOTTED = regex(rf"(?P<x>{_SUB}){_DOT_END}", re.IGNORECASE)
"""At a line's start only: "i. How many layers?", "**b. Training**" (in running text "a." is a word)."""
_BARE_NEXT = regex(
    rf"(?:[ \t]{{0,2}},[ \t]{{0,2}}(?:and[ \t]{{1,3}})?|[ \t]{{1,3}}(?:and|&)[ \t]{{1,3}})(?P<x>{_SUB})(?![\w(])"
)
"""After "parts b" (a bare letter), the rest of its list: "parts b and c", "part a, b, and c"."""
_LETTER_NEXT = regex(r"(?:[ \t]{0,2},[ \t]{0,2}(?:and[ \t]{1,3})?|[ \t]{1,3}(?:and|&)[ \t]{1,3})(?P<x>[b-h])(?![\w(])")
"""After a letter written on its question's number ("7b"), the rest of its list: "7b and c", "8a, b"
("a" and "i" after it are the article and the pronoun)."""
_CAPITAL_NEXT = regex(r"(?:[ \t]{0,2},[ \t]{0,2}(?:and[ \t]{1,3})?|[ \t]{1,3}(?:and|&)[ \t]{1,3})(?P<x>[A-H])(?![\w(])")
"""The rest of a list of capital letters: "need B and C"."""
_LIST_NUMBER = regex(r"\d{1,2}[.)][ \t]{1,4}")
# What may follow a label at the start of a line: its end, punctuation, emphasis, or a title.
_AFTER_LABEL = regex(r"(?:$|[\s:.)*_—–\-|,}\]：，。）]|\*\*|/(?=[ \t]{0,2}(?:\(|\d{1,2}[a-h(]|[a-h]\b)))")
"""What may follow a label: a space, a stop, a bracket, emphasis, or a slash before the next label
("7(b)/(c) Decoder inputs", "7b/c"); full-width punctuation too ("第3题(b)：..."), and the bracket closing a
LaTeX item's label ("\\item[(b)]")."""
_MENTION_START = rf"(?:^|\b(?=\w)|(?=[#(,.;:?!){_ORDINAL_PREFIX}]))"
"""Where a mention can start: a line's start, a word's start or one of these marks. Every alternative of
`_MENTION_ALTERNATIVES` starts at one of them, so checking this once per position, before the engine tries
the alternatives one by one, finds the same mentions in under half the time."""
# Triggers of a mention inside running text (user turns): where a label may start.
_MENTION_ALTERNATIVES = (
    r"\b(?:hw|homework|assignment|question|problem|prob\.|exercise|q(?=[ .#]{0,3}\d)|part)|\#(?=\d)|第(?=[ \t]{0,2}\d)"
    rf"|\b(?:{_FOREIGN_QUESTION_WORDS}|{_FOREIGN_PART_WORDS})\b"
    # not in "0/1/2/3 (ii)" or "0, 1, 2, 3 (ii)": a list of choices
    # ... but after "w/ " (with) it may be: "need help w/ 3bi and 3bii"
    r"|(?<![/.])(?:(?<!/ )|(?<=\bw/ ))(?<!\d, )(?<!\d,)\b\d{1,2}(?=[a-h(\s.\-])|\("
    rf"|\b(?-i:{_ROMAN_QUESTION})\b(?={_ROMAN_Q_NEXT})"
    rf"|^[ \t>*#\-]{{0,8}}(?P<ls>{_SUB}\)|(?-i:[a-h]\.{_ROMAN})\b|(?-i:[a-h][ \t]{{1,2}}{_ROMAN}\)))"
    # "a: vertical stacking ...", "b: training-time inputs", "* b — what I learnt" heading a line of a
    # list of parts
    r"|^[ \t>*\-]{0,8}(?P<lc>(?-i:[a-h]))(?=:[ \t]|[ \t]{1,2}[—–][ \t])"
    # "for b)", "... done. ii) next", and "now ii) show ...", "and c) the eval one": a bracketed label
    # after a preposition, a stop or a word the turn goes on with
    rf"|(?:\b(?:for|in|on|about|to|and|now|then|also|next)|[:;.,?!])[ \t]{{1,3}}(?P<lp>{_SUB}\))"
    # "(a) i. how many layers? ii. which loss? iii. what do we need?": a numeral of two letters or
    # more with its full stop, after a sentence's end (or an item's bracketed choices: "(0/1/2/3)  ii.", or
    # two spaces that set items apart: "CrossEntropyLoss  iii. which do you need"), goes on a run of items
    r"|(?:[.?!)][ \t]{1,3}|(?<=\w  ))(?P<ln>(?-i:iii|ii|iv))\.(?=[ \t])"
    # "just b for now", "only c, please", "ok now c, same thing": a bare letter the turn restricts
    # itself to or turns to ("a" is the article)
    r"|\b(?:just|only|now)[ \t]{1,3}(?P<lj>[b-h]|iii|ii|iv)(?=[ \t]{0,3}(?:[.,;:!?]|$|for\b|please\b|now\b|too\b))"
    # "can you redo b so it sounds less formal", "fix c please": a bare letter an editing verb works on
    # ... or one the user keeps to do themself: "I'll do b myself", "do c later"
    r"|\b(?:redo|rewrite|fix|shorten|expand|rephrase|reword|polish|lengthen|simplify|do)[ \t]{1,3}(?P<lv>(?-i:[b-h]))"
    r"(?=[ \t]{0,3}(?:[.,;:!?]|$)|[ \t]{1,3}(?:so|to|and|please|pls|again|but|more|less|in|with|for"
    r"|myself|later|on[ \t]my[ \t]own|by[ \t]myself|first|next)\b)"
    # "same for c (eval time)", "and for b?", "what about c": a bare letter the turn carries on to
    r"|\b(?:same|and|also|what|how)[ \t]{1,3}(?:for|about)[ \t]{1,3}(?P<lf>[b-h])"
    r"(?=[ \t]{0,3}(?:[.,;:!?(]|$)|[ \t]{1,3}(?:then|too|though|now)\b)"
    # "my guesses for a: 2, MSE, ...", "notes about c: ...": a bare letter after "for" or "about" and
    # before a colon ("a" the article is never followed by one)
    r"|\b(?:for|about)[ \t]{1,3}(?P<lo>(?-i:[a-h]))(?=:[ \t])"
    # "for q7 I need B and C: ...": a list of capital letters a turn asks for
    r"|\b(?:need|want|do|does|doing|answer)[ \t]{1,3}(?P<lk>(?-i:[A-H]))"
    r"(?=(?:[ \t]{0,2},[ \t]{0,2}(?-i:[A-H])){0,6}(?:[ \t]{0,2},)?[ \t]{1,3}(?:and|&)[ \t]{1,3}(?-i:[A-H])(?![\w(]))"
    # "so for c it's the same shift?", "for b, shouldn't w5 be the end token": a bare letter a sentence opens
    # on after "for", then a comma or the clause about it
    r"|(?:^|[.!?][ \t]{1,3})[ \t]{0,3}(?:(?:so|and|ok(?:ay)?|but|also|now|then)[ \t,]{1,3})?for[ \t]{1,3}"
    r"(?P<lb>(?-i:[b-h]))(?=,|[ \t]{1,3}(?:it['’]?s|it|is|isn['’]?t|should|shouldn['’]?t|would|wouldn['’]?t|does"
    r"|doesn['’]?t|do|did|why|i|the[ \t]{1,3}answer)\b)"
    # "and b? what goes into w1..w5", "ok. and a? one problem ...", a turn opening "c, same thing at eval"
    # ... or heading a list of letters: "ok and b and c. b is training time ..."
    # ... or at a sentence's start: "ok. b and c together: ..."; or after a line's acknowledgement: "ok c?
    # same but eval", "thanks, b?"
    r"|(?:\b(?:and|also|now|then)[ \t]{1,3}|\b(?:just|only)[ \t]{1,3}(?:(?:need|want)[ \t]{1,3})?|^[ \t]{0,3}"
    r"|^[ \t]{0,3}(?:ok(?:ay)?|k|cool|great|nice|perfect|thanks|thx|ty|alright|got[ \t]it)[ \t]{0,2}[,.!]?[ \t]{1,3}"
    r"|[.!?][ \t]{1,3})(?P<lq>(?-i:[a-h]))"
    r"(?=[ \t]{0,2}\?|[ \t]{1,3}(?:and|&)[ \t]{1,3}(?-i:[b-h])(?![\w(]))"
    r"|\A[ \t]{0,3}(?P<lt>(?-i:[a-h]))(?=[ \t]{0,2}[,?:][ \t])"
    # "k. and a", "ok and b", "why is <eos> not in b": a bare letter ending its line after a word the turn
    # goes on with or a preposition ("a" is an article only before its noun), not the last of a list
    # ("answer a and b", read whole elsewhere)
    r"|(?<!\b[a-h][ \t])\b(?:and|also|now|then|in|for|about)[ \t]{1,3}(?P<le>(?-i:[a-h]))"
    r"(?=[ \t]{0,2}[.!?]{0,3}[ \t]{0,3}$)"
    # "b in like 100 words", "ok. c ~100 words": a bare letter opening a sentence, then the length asked;
    # "ok cool. b now.", "c next?": ... then the turn to it
    r"|(?:^|[.!?][ \t]{1,3})[ \t]{0,3}(?P<lw>(?-i:[b-h]))"
    r"(?=[ \t]{1,3}(?:(?:in[ \t]{1,3}(?:(?:like|about|around)[ \t]{1,3})?)?[~≈]?[ \t]{0,2}\d{2,3}[ \t]{0,2}words?\b"
    r"|(?:now|next)[ \t]{0,2}(?:[.,;:!?]|$)))"
    # "I need the two token questions, b and c": a bare list of letters that ends the sentence after a
    # comma that no letter stands before ("a, b and c" is read whole, above)
    r"|(?<!\b[a-h]),[ \t]{1,3}(?P<lz>(?-i:[a-h]))(?=[ \t]{1,3}(?:and|&)[ \t]{1,3}(?-i:[b-h])[ \t]{0,2}(?:[.!?]|$))"
    # "how many layers, what do i tick for (iii), and b": a list's last item, a bare letter ("and a
    # dog" is the article)
    r"|,[ \t]{0,2}(?:and|&)[ \t]{1,3}(?P<la>(?-i:[b-h]))(?=[ \t]{0,2}(?:[.!?]|$))"
    # "k and c (test time)": a letter the turn carries on to, glossed in brackets
    r"|\b(?:and|also|now|then)[ \t]{1,3}(?P<lg>(?-i:[b-h]))(?=[ \t]{1,2}\()"
    # "and then c is the same question but at eval time": a letter the turn likens to the one before
    r"|(?:\b(?:and|also|now|then)[ \t]{1,3}|[.!?][ \t]{1,3}|^[ \t]{0,3})(?P<lm>(?-i:[b-h]))"
    r"(?=[ \t]{1,3}is[ \t]{1,3}(?:(?:just|basically|really)[ \t]{1,3})?(?:the[ \t]{1,3})?"
    r"same[ \t]{1,3}(?:question|thing|idea|setup|deal|q|but)\b)"
    # "thanks. b is \"comment what you learned\"", "and c asks which approach ...": a letter a sentence opens
    # on, then what that part asks, quoted or told
    r"|(?:\b(?:and|also|now|then)[ \t]{1,3}|[.!?][ \t]{1,3}|^[ \t]{0,3})(?P<ly>(?-i:[a-h]))"
    r"(?=[ \t]{1,3}(?:is[ \t]{1,3}(?:about\b|asking\b|[\"“'‘])|asks\b|wants\b))"
)
_MENTION_TRIGGER = regex(f"{_MENTION_START}(?:{_MENTION_ALTERNATIVES})", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Label:
    """A (possibly partial) reference to a part."""

    q: str | None = None
    letter: str | None = None
    roman: str | None = None
    homework: str | None = None
    start: int = 0
    end: int = 0
    ordinal: int | None = None
    """"the second sub-part": the nth part one level below the context (a letter, or a numeral under a
    lettered part that has them); `LAST` or `MIDDLE` for "the last part", "the middle part"."""
    halves: bool = False
    """The place is a half ("the second half"): of the level with two parts."""

    @property
    def relative(self) -> bool:
        return self.q is None


_BARE_GROUPS = ("lj", "lc", "lf", "lo", "lb", "lk", "lq", "lz", "lt", "le", "lw", "la", "lg", "lm", "ln", "lv", "ly")
"""The groups of `_MENTION_TRIGGER` that hold a bare letter or numeral."""


def _worded(m: re.Match[str]) -> str | None:
    """The question number when a question word names it ("Q7", "question seven", "VII (b)"), not a
    bare "7b"."""
    return m.group("q") or m.group("qword") or m.group("qroman") or m.group("qroman2")


def _absolute(m: re.Match[str], offset: int) -> Label:
    letter = (
        m.group("l1")
        or m.group("l2")
        or m.group("l3")
        or m.group("l4")
        or m.group("l5")
        or m.group("l6")
        or m.group("l7")
        or m.group("l8")
        or m.group("l9")
        or m.group("l10")
        or m.group("l11")
        or m.group("l12")
        or ""
    ).lower() or None
    roman = (m.group("r1") or m.group("r2") or m.group("r3") or m.group("r4") or m.group("r5") or "").lower() or None
    end = m.end()
    # A sub-part by number or a spaced numeral ("3b-2", "8a ii"), only after a letter: "Q7-2" and
    # "Q7 ii" name no sub-part, and the label ends at its question.
    number, spaced = m.group("r6") or m.group("r7") or m.group("r9"), m.group("r8")
    if letter and (number or spaced):
        roman = NUMBERED_SUB[number.lower()] if number else spaced.lower()
    elif number or spaced:
        end = next(m.end(g) for g in ("q", "qbare", "qword", "qroman", "qroman2") if m.group(g))
    q = (
        m.group("q")
        or m.group("qbare")
        or _QUESTION_WORDS.get((m.group("qword") or "").lower())
        or _ROMAN_QUESTIONS.get(m.group("qroman") or m.group("qroman2") or "")
    )
    return Label(q, letter, roman, m.group("hw"), offset + m.start(), offset + end)


def _relative(m: re.Match[str], offset: int) -> Label:
    group = next(g for g in ("p1", "p2", "b1", "b2", "b3", "b4", "b5") if m.group(g))
    x, roman = m.group(group), m.group("r") or m.group("rd") or m.group("rl")
    if roman and x.lower() in ROMANS and x.lower() not in "abcdefgh":
        # "(ii)(iii)": two numerals, two labels; this one ends at its own closing parenthesis.
        return _sub_label(x, None, offset + m.start(), offset + m.end(group) + (group in ("p1", "b1", "b2")))
    return _sub_label(x, roman, offset + m.start(), offset + m.end())


def _sub_label(x: str, roman: str | None, start: int, end: int) -> Label:
    """A relative label: `x` is a numeral when it can only be one (i, v, x; ii, iv, ...), else a letter."""
    x, r = x.lower(), (roman or "").lower() or None
    if x in ROMANS and r is None and x not in "abcdefgh":
        return Label(None, None, x, None, start, end)
    return Label(None, x, r, None, start, end)


def skip_decoration(line: str) -> int:
    """Offset of the first character after leading Markdown marks, bullets and emoji."""
    i = 0
    limit = min(len(line), DECORATION_MAX)
    while i < limit:
        # "### 1️⃣ HW7 8a-ii": a keycap emoji numbers the heading, it names no question;
        # "$$\text{(b)}\quad ...$$": a text wrapper holds the label, it is not the line's first word
        wrapper = _KEYCAP_RE.match(line, i) or _TEXT_MACRO_RE.match(line, i)
        if wrapper:
            i = wrapper.end()
        elif line[i] == _ORDINAL_PREFIX and line[i + 1 : i + 4].lstrip(" \t").startswith("("):
            i += 1  # "### 第 (i) 部分": the mark before a bracketed label; "第3题(b)" is the label itself
        elif line[i].isalnum() or line[i] == "(":
            break
        else:
            i += 1
    return i


LAST = -1
MIDDLE = -2
BEFORE_LAST = -100
"""`BEFORE_LAST - k` is the kth part before the last ("the last two parts": `BEFORE_LAST - 1`, `LAST`)."""
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": LAST,
    "final": LAST,
    "middle": MIDDLE,
}
"""Words that name a part by its place ("the second sub-part", "the last part", "the middle part"),
and the place: a count from the start, or `LAST` or `MIDDLE` (of an odd number of parts)."""
_ORDINAL = "|".join(ORDINALS)
_PART_WORD = r"(?:sub[ \t-]?(?:part|question)|part|half|bit|bullet)"

# A line that may start with a label (checked at C speed over a whole answer): after decoration,
# a question/part word, a number, an opening parenthesis, or a letter or numeral closed by ")".
_TURNING_WORDS = r"as[ \t]for|for|on|regarding|now|next"
"""Lead words that turn to a part, punctuated or not: "For (b), ...", "On **(a)** I'd rather not ...",
"Now part (ii). I'll follow the SVD route"."""
_LEAD_WORDS = (
    rf"(?P<turn>{_TURNING_WORDS})|corrected|revised|updated|fixed|completed|final"
    r"|revisiting|reconsidering|redoing|correcting|completing|finishing"
    r"|(?:correction|fix|update|completion)[ \t]{1,2}(?:to|for|of|on)"
    r"|(?:let[ \t]me|let['’]s|let[ \t]us|i['’]ll)[ \t]{1,2}(?:start|begin|think|do|take|tackle|look|work)"
    r"(?:[ \t]{1,2}(?:with|about|at|on|through))?|starting[ \t]{1,2}(?:with|on)"
)
"""Words a paragraph may open with before the part it turns to: "For (b), ...", "Corrected (c): ...",
"Revisiting (a): ...", "Correction to (c): ...", "Fix to (i): ...", "Completing (ii): ...", and an
announcement of the part it takes up: "Let me think about 7c first.", "Starting with (b):"."""
_EMPHASIS = r"(?:\*\*|__|\*|_)?"
_LEAD = rf"(?:{_LEAD_WORDS})(?:[ \t]{{1,2}}answer(?:[ \t]{{1,2}}(?:for|to))?)?[ \t]{{1,2}}{_EMPHASIS}"
_LEAD_THEN = rf"(?:\(|part|q[ \t.#]{{0,3}}\d|question|\d|{_SUB}\))"
"""What may follow a lead: a relative label ("(b)", "b)", "part b") or an absolute one ("7(b)", "Q4(a)")."""
LABEL_LINE_CANDIDATE = regex(
    rf"^(?:[^\w(\n]|{_ORDINAL_PREFIX}|{_KEYCAP}|{_TEXT_MACRO}){{0,{DECORATION_MAX}}}"
    r"(?:q[ \t.#]{0,3}\d|question|problem|prob\.|part|hw|homework|assignment|exercise|ex\."
    rf"|{_FOREIGN_QUESTION_WORDS}|{_FOREIGN_PART_WORDS}"
    rf"|\d{{1,2}}(?:[a-h]|[{_QUESTION_MEASURE}]|[ \t]{{0,2}}\(|[ \t]{{1,2}}[a-h]\)|[.\-][a-h]"
    rf"|[ \t]{{0,2}}[,:]?[ \t]{{0,2}}part"
    rf"|[.)][ \t]{{1,4}}[^\w\n]{{0,4}}"
    rf"(?:\(|part|question|problem|hw|homework|q[ \t.#]{{0,3}}\d|{_SUB}\)|\d{{1,2}}\([a-h]\)))"
    rf"|\(|{_SUB}[).]|[a-h]\((?:i{{1,3}}|iv)\)|(?-i:{_ROMAN_QUESTION}){_ROMAN_Q_NEXT}|{_LEAD}{_LEAD_THEN}"
    r"|why[ \t]{1,2}\("
    rf"|(?:the[ \t]{{1,3}})?(?:{_ORDINAL})[ \t]{{1,3}}(?:sub|part)"
    rf"|{_SUB}(?:[._\-]?{_ROMAN})?[\"']?[ \t]{{0,3}}[:,]"  # a bare key: `"b": [...]`, `ii:`, `b,<s>,I,...`
    # a heading's title, then its label in brackets: "**ResNet blog (4a):**", "**2. Loss function (8a ii)**"
    r"|[^\n()*#:]{1,48}?\([^()\n]{0,8}\d[a-h](?:\((?:i{1,3}|iv)\)|[ .\-]?(?:i{1,3}|iv))?\)"
    # the user's own mark, then its question in brackets: "P1 (Q3b, linear autoencoder)"
    r"|(?-i:[A-Z])\d{1,2}[ \t]{1,2}\((?:q[ \t.#]{0,3})?\d"
    # a heading's own item and number, then the part: "**Card 1 — 3b(i)**", "### Slide 2: Q7(b)", "**P2 — Q7**"
    r"|(?:[a-z]{2,12}[ \t]{1,2}|[a-z])\d{1,2}[ \t]{0,2}(?:[—–:\-]|→|->|=>)[ \t]{0,2}"
    r"(?:(?:q[ \t.#]{0,3}|question[ \t]{1,2}|problem[ \t]{1,2})\d{1,2}|\d{1,2}[ \t]{0,2}\(?[a-h]\b))",
    re.IGNORECASE | re.MULTILINE,
)


_TITLE_THEN_RELATIVE_RE = regex(
    r"[ \t]{0,3}(?:#{1,6}[ \t]{1,3}|\*\*|__)(?P<title>[^\n()]{3,80}?)[ \t]{0,3}[—–:,-]?[ \t]{0,3}(?:part[ \t]{1,3})?"
    rf"\((?:part[ \t]{{1,3}})?(?P<x>{_SUB})\)[ \t]{{0,2}}:?[ \t]{{0,2}}(?:\*\*|__)?[ \t]{{0,2}}:?[ \t]{{0,2}}",
    re.IGNORECASE,
)


def titled_heading(line: str) -> tuple[str, Label] | None:
    """A heading that ends on a relative label, "#### 🏁 How to Train Your ResNet — (a)", "### Translation
    model, part (a)", "## The first-order conditions (part i)": the title and the label (its question left
    for the caller, who knows the questions' names and their parts' cues), else None."""
    m = _TITLE_THEN_RELATIVE_RE.fullmatch(line)
    if m is None:
        return None
    x = m.group("x").lower()
    letter, roman = (x, None) if len(x) == 1 and x in "abcdefgh" else (None, x)
    return m.group("title"), Label(None, letter, roman, None, m.start("x") - 1, m.end("x") + 1)


TITLE_MAX_WORDS = 6
_NUMBERED_TITLE = regex(r"[ \t]{0,3}(\d{1,2})[.)][ \t]{1,4}[A-Z][^\n.!?:;,]{0,60}")


def numbered_title(line: str) -> str | None:
    """The question number of a title line such as "7. Machine Translation" (a pasted answer's
    heading in plain text): a number and a few capitalised words, no sentence."""
    m = _NUMBERED_TITLE.fullmatch(line.rstrip())
    if m is None or len(line.split()) > TITLE_MAX_WORDS + 1:
        return None
    return m.group(1)


LINE_LABEL_CACHE_SIZE = 4096

_KEY_CHARS = r"[A-Za-z0-9_.()\-]{1,32}"
_KEY_LINE_RE = regex(
    rf"[ \t]{{0,16}}(?:[-{{,[][ \t]{{0,3}})?"
    rf"(?:\"(?P<k1>{_KEY_CHARS})\"|'(?P<k2>{_KEY_CHARS})'|(?P<k3>{_KEY_CHARS})(?:\[[\"'](?P<k4>{_KEY_CHARS})[\"']\])?)"
    r"[ \t]{0,3}(?P<sep>:(?=\s|$)|=(?!=)|,(?=\S))"
)
"""A key of structured data: JSON/YAML (`"b": ...`, `ii:`), code (`q7b = ...`), a CSV row's first cell."""
_KEY_RE = regex(
    r"(?:(?P<word>q|question|problem|part|hw7)[._\- ]?)?(?P<q>\d{1,2})?[._\- ]?"
    r"(?:\(?(?P<l>[a-h])\)?)?[._\- ]?(?:\(?(?P<r>iv|iii|ii|i)\)?)?(?:_\w{0,30})?",
    re.IGNORECASE,
)
"""A key's label, then perhaps an underscore and words ("iii_needed", "q7b_inputs")."""
CSV_MIN_COMMAS = 3


def key_label(line: str) -> Label | None:
    """The part a structured-data key names (`"q8a_iii":`, `part_b:`, `b,<s>,I,see,a,dog`). A bare
    letter or numeral is a key only in lower case and never before `=` (`A:` opens an answer in a
    Q/A layout, `i = 0` is code), and a CSV cell only on a row of several cells."""
    if line.lstrip(" \t").startswith("<"):
        return _xml_label(line)  # (a key line never starts with "<")
    if (section := _SECTION_RE.fullmatch(line)) is not None:
        label = label_of_key(section.group("key"))  # "[q8a.iii]": an INI or TOML section ("[1]" is a footnote's)
        if label is None or section.group("key").isdigit():
            return None
        return replace(label, start=section.start("key"), end=section.end("key"))
    m = _KEY_LINE_RE.match(line)
    if m is None:
        return None
    group = next(g for g in ("k1", "k2", "k3") if m.group(g))
    label = label_of_key(m.group(group))
    if m.group("k4"):
        # 'q8a["iii_needed"] = [...]': an entry of the dict the variable holds
        inner = label_of_key(m.group("k4"))
        if label is None or inner is None or label.q is None or inner.q is not None:
            return None
        label = replace(label, letter=inner.letter or label.letter, roman=inner.roman or label.roman)
        group = "k4"
    if label is None:
        return None
    sep = m.group("sep")
    if label.q is None and m.group(group)[:5].lower() != "part_" and (sep == "=" or not m.group(group).islower()):
        return None
    if sep == "," and line.count(",") < CSV_MIN_COMMAS:
        return None
    return replace(label, start=m.start(group), end=m.end(group))


_SECTION_RE = regex(rf"[ \t]{{0,16}}\[{{1,2}}[\"']?(?P<key>{_KEY_CHARS})[\"']?\]{{1,2}}[ \t]*")
_XML_KEY_RE = regex(
    rf"[ \t]{{0,16}}<(?:[A-Za-z_]{{1,16}}[ \t]{{1,3}}(?:part|id|name|question)=[\"'](?P<attr>{_KEY_CHARS})[\"']"
    rf"|(?P<tag>{_KEY_CHARS}))[^<>\n]{{0,40}}>"
)
"""An XML element that names a part: `<answer part="q7b">`, `<part id="b">`, `<q8a_iii>`."""


def _xml_label(line: str) -> Label | None:
    m = _XML_KEY_RE.match(line)
    if m is None:
        return None
    label = label_of_key(m.group("attr") or m.group("tag"))
    if label is None or (m.group("tag") and label.q is None):
        return None  # `<b>`, `<i>`: HTML's bold and italic, no part
    group = "attr" if m.group("attr") else "tag"
    return replace(label, start=m.start(group), end=m.end(group))


def label_of_key(text: str) -> Label | None:
    """The part a key names ("q8a_iii", "b", "part_b"), if any."""
    key = _KEY_RE.fullmatch(text)
    if key is None or not (key.group("q") or key.group("l") or key.group("r")):
        return None
    letter, roman = (key.group("l") or "").lower() or None, (key.group("r") or "").lower() or None
    return Label(key.group("q"), letter, roman, None)


@lru_cache(maxsize=LINE_LABEL_CACHE_SIZE)
def _question_label_at(window: str, at: int) -> re.Match[str] | None:
    """An absolute label at `at` that names its question in words or by a bare number ("Question 7(b)",
    "Q7(b)", "7(b)") and ends where a label may; else None."""
    m = _ABSOLUTE.match(window, at)
    return m if m and (_worded(m) or m.group("qbare")) and _AFTER_LABEL.match(window, m.end()) else None


def line_label(line: str) -> Label | None:
    """The label a line starts with (after decoration), if the line reads as a label: a heading,
    a bold lead, a list marker or a table cell that names a part, or a key of structured data."""
    key = key_label(line)
    if key is not None:
        return key
    start = skip_decoration(line)
    window = line[start : start + LINE_WINDOW]
    item = _LIST_NUMBER.match(window)
    if item:
        # "1. (i) Two linear layers", "## 2. Question 7(b)": a numbered item whose text starts
        # with a part label.
        inner = item.end() + skip_decoration(window[item.end() :])
        m = _RELATIVE.match(window, inner)
        if m and _AFTER_LABEL.match(window, m.end()):
            return _relative(m, start)
        m = _ABSOLUTE.match(window, inner)
        # a heading's item, then a part with its letter in brackets: "### 2) 8(a)(iii)" (not "2. 7 layers", nor
        # "4. **8(b): Yes.**", an item of a list that numbers the parts its own way)
        bracketed = m is not None and m.group("qbare") and "(" in m.group(0) and "#" in line[:start]
        if (
            m
            and (_worded(m) or m.group("hw") and m.group("qbare") or bracketed)
            and _AFTER_LABEL.match(window, m.end())
        ):
            return _absolute(m, start)  # "## 2. Question 7(b)", "### 2. HW7 3(b)(ii)"
    m = _question_label_at(window, 0)
    if m:
        label = _absolute(m, start)
        if _worded(m) or label.letter or label.roman:
            return label
    m = _RELATIVE.match(window)
    if m and _AFTER_LABEL.match(window, m.end()):
        return _relative(m, start)
    m = _DOTTED.match(window)
    if m:
        if m.group("x").isupper():
            # "### A. Q7(b): Training inputs": a capital mark of the reply's own list, then the part
            a = _question_label_at(window, m.end() + skip_decoration(window[m.end() :]))
            if a and (label := _absolute(a, start)).letter:
                return label
        return _sub_label(m.group("x"), None, start + m.start(), start + m.end())
    if "#" in line[:start] or "*" in line[:start]:
        # "### Second part — training", "**Third sub-part:**": a heading that names a part by its place
        placed = _ORDINAL_HEADING_RE.match(window)
        if placed:
            return Label(None, None, None, None, start, start + placed.end(), ORDINALS[placed.group("n").lower()])
    if "#" in line[:start] or "*" in line[:start]:
        # "**ResNet blog (4a):**", "### Training inputs (7b)": a heading's short title, then its label
        titled = _TITLED_HEADING_RE.match(window)
        m = _ABSOLUTE.fullmatch(titled.group("label")) if titled else None
        if titled and m and (_worded(m) or m.group("qbare")) and (m.group("l1") or m.group("l2")):
            label = _absolute(m, start + titled.start("label"))
            return replace(label, start=start, end=start + titled.end())
    if "#" in line[:start] or "*" in line[:start]:
        # "**Card 1 — 3b(i)**", "### Slide 2: Q7(b)": a heading numbering the reply's own items, then
        # the part by its question's number
        numbered = _NUMBERED_LEAD_RE.match(window)
        m = _question_label_at(window, numbered.end()) if numbered else None
        if m:
            label = _absolute(m, start)
            # ... or its question alone, all the heading holds ("**P2 — Q7**")
            if label.letter or _HEADING_END.fullmatch(line, start + m.end()) is not None:
                return label
    if (own := _OWN_MARK_BRACKET_RE.match(window)) is not None:
        # "P1 (Q3b, linear autoencoder / PCA)": the user's own mark, then the question it stands for in brackets
        m = _ABSOLUTE.match(window, own.end())
        if m and (_worded(m) or m.group("qbare")) and window[m.end() : m.end() + 1] in (",", ")", ":", " "):
            return replace(_absolute(m, start), start=start)
    if (why := _why_heading(line, start)) is not None:
        # "### 🔹 Why (b) uses the true sentence", "**Why (c) is different**": a heading on the reasons for a part
        m = _RELATIVE.match(line, why.end(), start + LINE_WINDOW)
        if m and _AFTER_LABEL.match(line, m.end(), start + LINE_WINDOW):
            return _relative(m, 0)
    lead = _FOR_LEAD.match(window)
    if lead:
        # "For (b), let me run an experiment.", "Corrected (c): ...", "**Corrected 7(b) — Training:**",
        # "Corrected answer for Q4(a):": a paragraph that opens on the part it turns to.
        m = _RELATIVE.match(window, lead.end())
        # "For (b), ...", "Corrected (c): ...", and a letter closed by its own parenthesis, "Corrected
        # b) Training:" (not "Fixed (b) typo here", a sentence)
        if m and (
            _FOR_END.match(window, m.end())
            or _HEADING_END.fullmatch(line, start + m.end()) is not None  # "🔧 **Correction for (c)**" alone
            or (m.group("b2") and _AFTER_LABEL.match(window, m.end()))
            or (lead.group("turn") and window[lead.end() - 1] in "*_" and _TURNED_END.match(window, m.end()))
        ):
            return _relative(m, start)
        m = _ABSOLUTE.match(window, lead.end())
        if m and (_worded(m) or m.group("qbare")) and _AFTER_LABEL.match(window, m.end()):
            label = _absolute(m, start)
            if label.letter or label.roman:
                return label
    return None


_FOR_LEAD = regex(rf"{_LEAD}(?={_LEAD_THEN})", re.IGNORECASE)
_WHY_RE = regex(r"why[ \t]{1,2}(?=\()", re.IGNORECASE)


def explains_part(line: str) -> bool:
    """Whether the line is a heading on the reasons for a part: "### 🔹 Why (b) uses the true sentence"."""
    return _why_heading(line, skip_decoration(line)) is not None


def _why_heading(line: str, start: int) -> re.Match[str] | None:
    """The "Why" that opens a heading or bold line after its decoration (`start`), if it does."""
    return _WHY_RE.match(line, start) if "#" in line[:start] or "*" in line[:start] else None


_TITLED_HEADING_RE = regex(
    r"[^\n()*#:]{1,48}?\((?P<label>[^()\n]{1,12}?(?:\([^()\n]{1,4}\))?)\)[ \t]{0,2}:?[ \t]{0,2}(?:\*\*|__|$)"
)
"""A heading's title and its label in brackets at the heading's end ("ResNet blog (4a):**", "Loss
function (Q8a(ii))**")."""
_OWN_MARK_BRACKET_RE = regex(r"[A-Z]\d{1,2}[ \t]{1,2}\(")
"""A mark of the user's own, a capital and a number, and a bracket opening on the question ("P1 (")."""
_NUMBERED_LEAD_RE = regex(r"(?:[A-Za-z]{2,12}[ \t]{1,2}|[A-Z])\d{1,2}[ \t]{0,2}(?:[—–:\-]|→|->|=>)[ \t]{0,2}")
"""A heading's own item and its number before the part's label ("Card 1 — ", "Slide 2: ", "P1 — ",
"Section 1 → ")."""
_ORDINAL_HEADING_RE = regex(
    rf"(?:the[ \t]{{1,3}})?(?P<n>{_ORDINAL})[ \t]{{1,3}}{_PART_WORD}(?=[ \t]{{0,3}}(?:[—–:\-.]|\*\*|$))",
    re.IGNORECASE,
)


def opens_with_lead(line: str) -> bool:
    """Whether the line names its part after a word that sums up ("✅ Corrected answer (c): ...",
    "Final (b): ..."): the text before it is that part's working. A turning word ("For (ii): ...",
    "Now part (ii).") turns away from the text before it, which answered something else."""
    start = skip_decoration(line)
    lead = _FOR_LEAD.match(line, start, start + LINE_WINDOW)
    return lead is not None and lead.group("turn") is None


def display_math_after(line: str, inside: bool) -> bool:
    """Whether a display-math block of several lines ("\\[" or "$$" alone, then lines, then "\\]" or
    "$$") is open after `line`, given whether it was open before it."""
    s = line.strip()
    if s.count("$$") % 2:
        return not inside
    if inside:
        return "\\]" not in s
    return s.startswith("\\[") and "\\]" not in s


_REVISED_AFTER_RE = regex(
    r"[ \t]{0,2}[,:.—–\-]?[ \t]{0,2}(?:\*\*|__)?[ \t]{0,2}\(?"
    r"(?:completed|corrected|correction|revised|updated|fixed|redone|rewritten|amended|written[ \t]out)\b",
    re.IGNORECASE,
)


def revises(line: str, label: Label) -> bool:
    """Whether a label line says its part is answered again: "**Corrected (i):**", "**(i), completed.**",
    "### (i) (revised)". Such a part is no step of the part the turn asked."""
    return opens_with_lead(line) or _REVISED_AFTER_RE.match(line, label.end) is not None


_FOR_END = regex(
    rf"{_EMPHASIS}(?:[ \t]{{1,2}}first)?[ \t]{{0,2}}(?:[,:]|\.(?:[ \t]|$))|[,:.](?:\*\*|__)(?:[ \t]|$)", re.IGNORECASE
)
"""What ends a lead's label: a comma, colon or full stop, inside its bold ("**Corrected (ii).** With
W_1 = ...") or after it, "first" before it or not ("Let me start with (c) first.")."""
_HEADING_END = regex(rf"{_EMPHASIS}[ \t]{{0,4}}")
"""The rest of a line that a lead and its label make up alone: a heading ("**Correction for (a)**")."""
_TURNED_END = regex(rf"{_EMPHASIS}[ \t]")
"""After a turning word's emphasised label ("On **(a)** I'd rather not ..."), a space is enough; not
after a plain one: "For (b) we feed the reference" in an answer to (c) compares, and "Fixed (b) typo
here" is a sentence."""


_ORDINAL_RE = regex(
    rf"\b(?P<n>{_ORDINAL})(?P<more>(?:[ \t]{{0,2}}(?:,|and|&)[ \t]{{1,3}}(?:the[ \t]{{1,3}})?(?:{_ORDINAL})\b){{0,3}})"
    rf"[ \t]{{1,3}}(?P<word>{_PART_WORD})s?\b",
    re.IGNORECASE,
)
"""A part named by its place: "the first part", "the second sub-part", "2nd subquestion", and a list of
them, "the second and third parts"."""
_ORDINAL_WORD_RE = regex(rf"\b(?:{_ORDINAL})\b", re.IGNORECASE)
_FIRST_FEW = {"two": 2, "2": 2, "three": 3, "3": 3}
_FIRST_FEW_RE = regex(
    rf"\b(?P<end>first|last)[ \t]{{1,3}}(?P<count>{'|'.join(_FIRST_FEW)})[ \t]{{1,3}}"
    r"(?:sub[ \t-]?)?(?:parts|questions)\b",
    re.IGNORECASE,
)
"""Parts named by a count from the start or the end: "the first two parts", "the last two parts"."""


def _places(end: str, count: int) -> list[int]:
    """The places of the first or last `count` parts, in order."""
    if end == "first":
        return list(range(1, count + 1))
    return [BEFORE_LAST - k for k in range(count - 1, 0, -1)] + [LAST]


NEXT_ITEM_WINDOW = 400
"""How far after a bare item "b)" or "i)" the next one, "c)" or "ii)", is looked for in running text."""


def _next_items(text: str, found: list[Label]) -> list[Label]:
    """`found` with the bare items that continue a run of lettered or numbered ones mid-sentence: in
    "a) ... b) ~100 words on what I learned c) ~100 words on ...", "c)" follows "learned" with no
    punctuation, as "ii)" follows "layers" in "i) number of linear layers ii) loss function"; after
    an item closed by a full stop, the next opens a line the same way: "(a) i. how many layers\nii.
    which loss\niii. which do you need"."""
    out: list[Label] = []
    for i, label in enumerate(found):
        out.append(label)
        cur = label
        closer = text[label.end - 1 : label.end]
        # (a question's own label goes on by full stops only: "q8 (a) i. ...\nii. ...", not "Q7 b) ... c)")
        while (cur.q is None or (closer == "." and cur.roman)) and closer in (")", "."):
            if cur.letter is not None and cur.roman is None and cur.letter < "h":
                letter, roman = chr(ord(cur.letter) + 1), None
            elif cur.roman in ROMANS[:-1]:  # "(a) i. ...\nii. ...": the numerals go on, not the letter
                letter, roman = None, ROMANS[ROMANS.index(cur.roman) + 1]
            else:
                break
            nxt = letter or roman or ""
            limit = min(len(text), cur.end + NEXT_ITEM_WINDOW)
            if i + 1 < len(found):
                limit = min(limit, found[i + 1].start)
            at = text.find(f" {nxt})", cur.end, limit) if closer == ")" else _dotted_line(text, nxt, cur.end, limit)
            if at < 0:
                break
            at += closer == ")"  # past the space before "c)"
            cur = Label(None, letter, roman, None, at, at + len(nxt) + 1)
            out.append(cur)
    return out


def _dotted_line(text: str, item: str, start: int, limit: int) -> int:
    """Where the first line between `start` and `limit` opens on `item` and a full stop ("ii. which
    loss"), after list marks or indentation only ("   ii. loss fn?"); -1 if none."""
    at = text.find(f"{item}. ", start, limit)
    while at >= 0 and not opens_line(text, at, " \t>-*"):
        at = text.find(f"{item}. ", at + 1, limit)
    return at


MENTIONS_CACHE_SIZE = 4096
"""Texts whose labels are kept: segmenting a reply asks for each of its lines several times."""


def mentions(text: str, ordinals: bool = False) -> list[Label]:
    """Every label named anywhere in running text (a user's message), in order; with `ordinals`,
    also parts named by their place ("the second sub-part", "7.2"), which only a user's turn reads so
    (a reply's "## 1.1 Stationarity equations" numbers its own sections)."""
    return list(_cached_mentions(text, ordinals))


@lru_cache(maxsize=MENTIONS_CACHE_SIZE)
def _cached_mentions(text: str, ordinals: bool) -> tuple[Label, ...]:
    return tuple(_all_mentions(text, ordinals))


def _all_mentions(text: str, ordinals: bool) -> list[Label]:
    found = list(_scanned(text))
    if not ordinals:
        return found
    if "." in text:
        found = _with_dotted(text, found)
    found = _with_turned_to(text, found)
    places = list(_ORDINAL_RE.finditer(text))
    counts = list(_FIRST_FEW_RE.finditer(text))
    if not places and not counts:
        return found
    placed = [
        Label(
            None,
            None,
            None,
            None,
            w.start(),
            w.end() if m.group("more") else m.end(),
            ORDINALS[w.group(0).lower()],
            m.group("word").lower() == "half",
        )
        for m in places
        for w in _ORDINAL_WORD_RE.finditer(
            text, m.start(), m.start("more") + len(m.group("more")) if m.group("more") else m.end("n")
        )
    ]
    placed += [
        Label(None, None, None, None, m.start(), m.end(), n)
        for m in counts
        for n in _places(m.group("end").lower(), _FIRST_FEW[m.group("count").lower()])
    ]
    # "just the last part of 8": after a place and "of", a bare number is the question's
    starts = {lab.start for lab in found}
    placed += [
        Label(of.group("q"), None, None, None, of.start("q"), of.end("q"))
        for m in places
        if (of := _OF_NUMBER_RE.match(text, m.end())) is not None and of.start("q") not in starts
    ]
    # "the first part" holds the word "part", a label of its own only when a letter follows it
    spans = [(m.start(), m.end()) for m in (*places, *counts)]
    kept = [lab for lab in found if not any(a <= lab.start < b for a, b in spans)]
    return sorted(kept + placed, key=lambda lab: lab.start)


@lru_cache(maxsize=MENTIONS_CACHE_SIZE)
def _scanned(text: str) -> tuple[Label, ...]:
    """The labels of running text before places are read: one scan serves both readings of a turn. A
    lettered menu's letters and options are none ("A) 3  B) 2": no Q3(b))."""
    found = [_after_number_run(text, label) for label in _next_items(text, _mentions(text))]
    menus = menu_spans(text) if found else []
    if menus:
        found = [label for label in found if not in_menu(menus, label.start)]
    return tuple(found)


_NUMBER_RUN_BEFORE_RE = regex(r"\d(?:[ \t]{0,2}[,/|][ \t]{0,2}|[ \t]{1,2})$")
"""Before a label's number, another number: the number is the last of a run of options ("0 1 2 3 (ii)")."""


def _after_number_run(text: str, label: Label) -> Label:
    """The label, or its part alone when its question's number ends a run of numbers: "options 0 1 2 3
    (ii) loss fn?" names (ii), not question 3's (ii)."""
    if label.q is None or not text[label.start : label.start + 1].isdigit():
        return label
    if _NUMBER_RUN_BEFORE_RE.search(text, max(0, label.start - 6), label.start) is None:
        return label
    bracket = text.find("(", label.start, label.end)
    if bracket < 0 or not (label.letter or label.roman):
        return label
    return replace(label, q=None, start=bracket)


_DOTTED_LABEL_RE = regex(r"(?<![\w.])([1-9]\d?)\.([1-4])(?![\w%×'’/]|\.\w)")
"""A question's number and the place of its part, "7.2", "3.1" (not "4.3×", "0.5", "1.25")."""
_DOTTED_AFTER_RE = regex(
    r"[ \t]{0,3}(?:[:;?)\]|=—–]|-(?:[ \t]|$)|\*\*|$|(?:,[ \t]{0,3})?(?:and|or|&)(?![\w])"
    r"|,[ \t]{0,3}[1-9]\d?\.[1-4](?![\w%×'’/]))",
    re.M,
)
_DOTTED_JOIN_RE = regex(r"[ \t]{0,3}(?:,[ \t]{0,3})?(?:(?:and|or|&)[ \t]{1,3})?")
"""Between two dotted labels of a list: "7.1, 7.2, 7.3", "7.2 and 7.3"."""
_DOTTED_BEFORE_RE = regex(
    r"\b(?:do|did|done|for|and|about|on|part|question|q|problem|redo|fix|check|is|hw ?7"
    r"|need|needs|want|wrote|written|finished|skip|(?:wrote|did|done|finished)[ \t]{1,3}up)[ \t]{1,3}$",
    re.I,
)
_DOTTED_NOT_BEFORE_RE = regex(
    r"\b(?:section|sec|eq|equation|figure|fig|table|post|step|version|chapter|theorem|lemma|ch|v|python)\.?[ \t]{0,2}$",
    re.I,
)
DOTTED_LOOKBACK = 16
"""How far before a dotted label the words that point at it, or make it a number, are looked for."""


def _with_dotted(text: str, found: list[Label]) -> list[Label]:
    """The labels with those written as a question's number, a dot and a part's place ("7.2 = which 5
    tokens ...", "can you do 7.2 and 7.3?", "### Part 3.1 —", "| 3.1 |") added: the place-th part of
    the question (see `Label.ordinal`). A label before such a mark or a word pointing at it, or one after
    it, makes it one; "section 3.2" and "4.3× speed-up" are numbers."""
    starts = [label.start for label in found]
    added: list[Label] = []
    replaced: set[int] = set()
    for m in _DOTTED_LABEL_RE.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        homework = None
        if k >= 0 and found[k].end > m.start():
            # "hw7 7.3": a question's bare number read before is the dotted label's, else it is inside one
            bare = found[k]
            if bare.end != m.start() + len(m.group(1)) or bare.q != m.group(1) or bare.letter or bare.roman:
                continue
            replaced.add(k)
            homework = bare.homework
        before = text[max(0, m.start() - DOTTED_LOOKBACK) : m.start()]
        if _DOTTED_NOT_BEFORE_RE.search(before):
            continue
        if (
            homework is not None
            or opens_line(text, m.start(), " \t#*>|-")  # "7.2: ...", "### 3.1 ...", "| 3.1 |"
            or (added and _DOTTED_JOIN_RE.fullmatch(text, added[-1].end, m.start()) is not None)
            or _DOTTED_AFTER_RE.match(text, m.end())
            or _DOTTED_BEFORE_RE.search(before)
        ):
            start = found[k].start if homework is not None else m.start()
            added.append(Label(m.group(1), None, None, homework, start, m.end(), int(m.group(2))))
        else:
            replaced.discard(k)
    if not added:
        return found
    kept = [label for k, label in enumerate(found) if k not in replaced]
    return sorted(kept + added, key=lambda label: label.start)


_OF_NUMBER_RE = regex(r"[ \t]{1,3}of[ \t]{1,3}(?P<q>\d{1,2})(?![\w(]|\.\d)")
_TURNED_TO_RE = regex(
    r"\b(?:back|over|on|moving(?:[ \t]{1,3}on)?|switching|returning|going|jumping|turning)[ \t]{1,3}to[ \t]{1,3}"
    r"(?P<q>\d{1,2})(?=[ \t]{0,2}(?:[,:;!?]|\.(?!\d)|[—–-][ \t]|$))",
    re.I | re.M,
)
"""A bare number a turn goes back or on to, ending its clause: "back to 7. can you confirm (b)", "moving
on to 8:"; a number before a word ("back to 4 epochs") is a count."""


def _with_turned_to(text: str, found: list[Label]) -> list[Label]:
    """The labels with the questions a turn goes back or on to by their bare number added."""
    starts = {label.start for label in found}
    added = [
        Label(m.group("q"), None, None, None, m.start("q"), m.end("q"))
        for m in _TURNED_TO_RE.finditer(text)
        if m.start("q") not in starts
    ]
    return sorted(found + added, key=lambda label: label.start) if added else found


def _mentions(text: str) -> list[Label]:
    found: list[Label] = []
    covered = 0
    for t in _MENTION_TRIGGER.finditer(text):
        bare = next(
            (g for g in _BARE_GROUPS if t.group(g)),
            None,
        )
        if bare:
            if t.start(bare) >= covered:
                x = t.group(bare).lower()
                letter, roman = (None, x) if len(x) > 1 else (x, None)  # "only ii": a numeral
                found.append(Label(None, letter, roman, None, t.start(bare), t.end(bare)))
                covered = _bare_list(text, found[-1], found) if bare in ("lq", "lz", "lv", "lk") else t.end(bare)
            continue
        at = t.start("ls") if t.group("ls") else t.start("lp") if t.group("lp") else t.start()
        if at < covered:
            continue
        window = text[at : at + LINE_WINDOW]
        m = _ABSOLUTE.match(window)
        if m and (_worded(m) or m.group("qbare")):
            label = _absolute(m, at)
            if m.group("qbare") and not m.group("hw") and _in_algebra(text, at, found):
                continue
            if window[0] == "#" and not (m.group("hw") or label.letter or label.roman):
                continue  # "issue #12": a number, unless a homework or a part names it a question
            if _worded(m) or label.letter or label.roman or m.group("hw"):
                found.append(label)
                bare = m.group("l3") or m.group("r3") or m.group("l6")
                if bare:
                    covered = _bare_list(text, label, found)
                elif m.group("l2") and not label.roman:
                    covered = _bare_list(text, label, found, _LETTER_NEXT)
                else:
                    covered = label.end
                if label.letter and label.roman:
                    covered = _numeral_run(text, covered, label.roman, found, label.letter)
                if label.letter and not label.roman:
                    covered = _slash_list(text, covered, found)
                if label.letter:
                    covered = _slashed_labels(text, covered, found)
                continue
        m = _ITEM_LABEL_RE.match(window)
        if m and _opens_item(text, at):
            # "- 7 b the tokens fed to the decoder": a list item opening on a question and a lone letter
            found.append(Label(m.group("q"), m.group("x"), None, None, at, at + m.end()))
            covered = at + m.end()
            continue
        m = _RELATIVE.match(window)
        if m and window[0] == "(" and _MATH_SYMBOL_BEFORE.search(text, max(0, at - MATH_SYMBOL_LOOKBACK), at):
            continue  # "split as c = a·b between W2 (a) and W1 (b)": a symbol's name, not a part's
        if m:
            label = _relative(m, at)
            found.append(label)
            covered = label.end
        else:
            continue
        if m.group("p2"):  # "part b", not "(b)"
            covered = _bare_list(text, label, found)
    return found


MATH_SYMBOL_LOOKBACK = 8
"""How far before a bracketed letter the symbol it names is looked for."""
_MATH_SYMBOL_BEFORE = regex(r"(?<![A-Za-z])(?-i:[A-PR-Z])(?:[0-9₀-₉]{1,2}|_\{?\w{1,3}\}?|[ᵀ⊤])[ \t]{1,2}$")
"""A matrix or vector written as a capital with a digit or subscript ("W2", "W₁", "U_k", "Xᵀ"), right
before a bracketed letter: the letter names the symbol ("W2 (a)"), it is no part's label ("Q7 (a)" is
read as a question's before this)."""


_ITEM_LABEL_RE = regex(r"(?P<q>\d{1,2})[ \t]{1,2}(?P<x>[b-h])(?![\w(.'’\-])")
"""At a line's start, after list marks only: a question's number and a lone letter ("a" is the article)."""
_ITEM_MARKS = " \t-*•+>"
ITEM_MARKS_MAX = 8
"""How far before a label its line's list marks are looked for."""


def _opens_item(text: str, at: int) -> bool:
    """Whether only list marks stand before `at` on its line (a line's start, "- ", "  * ")."""
    return opens_line(text, at, _ITEM_MARKS)


def after_line_label(text: str) -> str:
    """The text from where the label its first line opens on ends ("## 4(b) — fine\n..." -> " — fine\n..."),
    else the text, stripped: what a part's text says under its own label."""
    first, newline, rest = text.strip().partition("\n")
    label = line_label(first)
    return first[label.end :] + newline + rest if label is not None else text.strip()


def opens_line(text: str, at: int, marks: str) -> bool:
    """Whether only `marks` stand before `at` on its line, looked for at most `ITEM_MARKS_MAX`
    characters back (so that many marks on one long line cost no rescan of it each)."""
    lo = max(0, at - ITEM_MARKS_MAX)
    newline = text.rfind("\n", lo, at)
    return (newline >= 0 or lo == 0) and not text[newline + 1 : at].strip(marks)


_OPERATORS = frozenset("=+*^×·≤≥≈−<>")
_BEFORE_MINUS = frozenset(" \t([{=")
OPERATOR_LOOKBACK = 3


def _in_algebra(text: str, at: int, found: list[Label]) -> bool:
    """A bare "2c" right after an operator is algebra ("2ab = 2c", "a² + 2b"), unless the operator
    joins it to the label before it ("4a + 4b"); nor is one opening a list item ("* 7b why?")."""
    if _opens_item(text, at):
        return False
    if at and text[at - 1] == "-" and (at == 1 or text[at - 2] in _BEFORE_MINUS):
        return True  # "is -2 E X X^T": a minus sign, not a range's dash ("7a-7c") or a bullet ("- 7b")
    before = text[max(0, at - OPERATOR_LOOKBACK) : at].rstrip(" \t")
    if not before or before[-1] not in _OPERATORS:
        return False
    if before.endswith("**") and (len(before) < OPERATOR_LOOKBACK or not before[-3].isalnum()):
        return False  # "**7b**", "**(4)(a)**": bold, not a power ("x**2c")
    if before[-2:].lower() == "w/" and (len(before) == 2 or not before[-3].isalnum()):
        return False  # "need help w/ 3bi and 3bii": "with", not a division
    return not (found and before[-1] == "+" and not text[found[-1].end : at].strip(" \t+"))


_NUMERAL_NEXT = regex(
    r"(?:[ \t]{0,2}[,/&+][ \t]{0,2}(?:and[ \t]{1,3})?|[ \t]{1,3}and[ \t]{1,3}|[ \t]{1,2})"
    rf"(?P<x>{_ROMAN})(?![\w(])",
    re.IGNORECASE,
)


_LETTER_NUMBER_NEXT = regex(
    r"(?:[ \t]{0,2}[,/&+][ \t]{0,2}(?:and[ \t]{1,3})?|[ \t]{1,3}and[ \t]{1,3})(?P<l>[a-h])(?P<n>[1-4])(?![\w.])",
    re.IGNORECASE,
)
"""...or the letter again with a sub-part's number: "Q8 a1 and a3"."""


def _numeral_run(text: str, end: int, roman: str, found: list[Label], letter: str | None = None) -> int:
    """Append the numerals that continue a lettered label's own ("q8 a i ii iii", "8a i, ii and
    iii", "Q8 a1 and a3"), each later than the one before (so "3b i i think" is one label); the run's end."""
    while True:
        if (m := _NUMERAL_NEXT.match(text, end)) is not None:
            x, start = m.group("x").lower(), m.start("x")
        elif (m := _LETTER_NUMBER_NEXT.match(text, end)) is not None and m.group("l").lower() == letter:
            x, start = NUMBERED_SUB[m.group("n")], m.start("l")
        else:
            return end
        if ROMANS.index(x) <= ROMANS.index(roman):
            return end
        found.append(Label(None, None, x, None, start, m.end()))
        end, roman = m.end(), x


_SLASH_NEXT = regex(r"[/+](?P<x>[a-h])(?![\w(])")
"""After a lettered label, the letters that follow it by slashes or plus signs: "7b/c", "Q4 a/b/c",
"q7 b+c"."""


def _slash_list(text: str, end: int, found: list[Label]) -> int:
    """Append the letters after `end` that continue a slash list ("7b/c"); its end."""
    while (m := _SLASH_NEXT.match(text, end)) is not None:
        found.append(Label(None, m.group("x"), None, None, m.start("x"), m.end()))
        end = m.end()
    return end


_SLASH_THEN_LABEL = regex(r"[ \t]{0,2}/[ \t]{0,2}(?=\d{1,2}[a-h])")


def _slashed_labels(text: str, end: int, found: list[Label]) -> int:
    """Append the full labels that follow a lettered one by slashes ("8ai / 8aii / 8aiii"), which a
    number after a slash otherwise is not (a fraction's, "a/ 2c", or a choice list's, "0/1/2/3");
    their end."""
    while (slash := _SLASH_THEN_LABEL.match(text, end)) is not None:
        m = _ABSOLUTE.match(text[slash.end() : slash.end() + LINE_WINDOW])
        if m is None or not m.group("qbare"):
            break
        label = _absolute(m, slash.end())
        if not label.letter:
            break
        found.append(label)
        end = _numeral_run(text, label.end, label.roman, found) if label.roman else label.end
    return end


def _bare_list(text: str, first: Label, found: list[Label], following: re.Pattern[str] | None = None) -> int:
    """Append the letters that continue a bare list after `first` ("parts b and c"); its end. The item
    after "and" is the list's last: in "I only need a and c, b I've done" the b opens a clause."""
    end = first.end
    if following is None:
        following = _CAPITAL_NEXT if text[first.start : first.end].isupper() else _BARE_NEXT
    while (m := following.match(text, end)) is not None:
        x = m.group("x").lower()
        roman = first.roman is not None and first.letter is None
        found.append(Label(None, None if roman else x, x if roman else None, None, m.start("x"), m.end()))
        end = m.end()
        if "and" in m.group().lower() or "&" in m.group():
            break
    return end
