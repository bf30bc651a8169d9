"""Which language an answer's prose is in, when it is not English: the phrase, stance and choice checks
read English, so an answer written in Chinese, Hindi or Spanish is not judged wrong for words they
cannot read."""

from __future__ import annotations

from ..regexes import regex

_SCRIPTS = (
    ("Chinese or Japanese", regex(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")),
    ("Korean", regex(r"[\uac00-\ud7af]")),
    ("Devanagari", regex(r"[\u0900-\u097f]")),
    ("Cyrillic", regex(r"[\u0400-\u04ff]")),
    ("Arabic", regex(r"[\u0600-\u06ff]")),
)
"""Scripts an answer may be written in, and a character of each (Greek is left out: it is the maths')."""
_LATIN_WORD_RE = regex(r"[A-Za-z]{2,}")
_MATH_OR_CODE_RE = regex(r"\$\$[^$]{0,2000}\$\$|\$[^$\n]{0,400}\$|`[^`\n]{0,200}`")
"""Formulas and code, whose letters are symbols whatever language the prose around them is in."""
FOREIGN_SHARE = 1.0
"""Characters of another script per English word at or above which the prose is in that script (a
Chinese character is about a word's worth of meaning)."""


_FUNCTION_WORDS = {
    "English": "the of and to is that in it for are with this not be",
    "Spanish": "el la los las que de del es por para una con pero como",
    "French": "le les des est que une pour dans avec pas sur qui du",
    "German": "der die das und ist nicht mit den ein eine auch sich zu",
    "Portuguese": "o os as que de do da em um uma para com não é",
}
"""Frequent short words of each language, few of them shared with another's list."""
_WORD_LANGUAGES = {
    word: [language for language, words in _FUNCTION_WORDS.items() if word in words.split()]
    for word in {w for words in _FUNCTION_WORDS.values() for w in words.split()}
}
"""Each function word, and the languages whose list holds it ("que": Spanish, French, Portuguese)."""
_WORD_RE = regex(r"[^\W\d_]{1,12}")
OTHER_LANGUAGE_MARGIN = 2.0
"""How many times English's count of its function words another language's must reach to be the prose's."""


def unread_script(text: str) -> str | None:
    """The name of the script or language the text's prose is mostly in, when it is not English; else
    None. Most answers have no character of another script: one scan each says so."""
    prose = _MATH_OR_CODE_RE.sub(" ", text) if "$" in text or "`" in text else text
    found = [(name, len(pattern.findall(prose))) for name, pattern in _SCRIPTS if pattern.search(prose) is not None]
    if found:
        name, count = max(found, key=lambda f: f[1])
        if count >= FOREIGN_SHARE * max(len(_LATIN_WORD_RE.findall(prose)), 1):
            return name
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    for word in _WORD_RE.findall(prose.lower()):
        for language in _WORD_LANGUAGES.get(word, ()):
            counts[language] += 1
    language, count = max(((k, v) for k, v in counts.items() if k != "English"), key=lambda kv: kv[1])
    return language if count >= OTHER_LANGUAGE_MARGIN * max(counts["English"], 1) else None
