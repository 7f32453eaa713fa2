"""How hard a content text is to read, by a published measure for each shipped language, and
which words and sentences make it hard, so ``decisionaid check`` can say so like an editor.

English: the Flesch–Kincaid grade level,
    grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
(the school grade a reader needs; lower is easier).

Spanish: the Fernández-Huerta reading ease, in the corrected form most tools use,
    ease = 206.84 − 60 × (syllables / words) − 1.02 × (words / sentences)
(0–100; higher is easier; 80–90 "easy", 70–80 "fairly easy").

Syllables are counted by rule, in pure Python (no dictionary): English counts groups of
vowels (a e i o u y), less a silent final "e" (but not "-le"), and the "-ed" / "-es" endings
that add no sound; Spanish counts vowel nuclei, where a weak vowel (i, u, ü unaccented) next to
another vowel joins it (a diphthong) and two strong vowels (a, e, o, or an accented í ú) are
split, and the "u" of que, qui, gue, gui is silent. Both give at least one syllable a word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from decisionaid.i18n import _

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?…]+|\n\s*\n|\n\s*[-•*]\s")
# A sentence of more words than this is named as a long one.
LONG_SENTENCE_WORDS = 20
# A word of this many syllables or more is named as a long one.
LONG_WORD_SYLLABLES = {"en": 3, "es": 5}
# The clinic's targets unless its configuration says otherwise (see docs/content-format.md).
DEFAULT_TARGETS = {"en": 10.0, "es": 50.0}
# Texts shorter than this are too short to measure (one long word would read as "grade 20").
MIN_WORDS = 4


@dataclass(frozen=True)
class Reading:
    language: str
    score: float
    words: int
    long_sentence: str | None  # the longest sentence, when it is long
    long_words: tuple[str, ...]

    @property
    def measure(self) -> str:
        return MEASURES[self.language][0]

    def too_hard(self, target: float) -> bool:
        return self.score > target if HIGHER_IS_HARDER[self.language] else self.score < target

    def describe(self, target: float) -> str:
        name, unit = MEASURES[self.language]
        score = f"{unit} {self.score:.1f}" if unit else f"{self.score:.0f}"
        goal = f"{unit} {target:g}" if unit else f"{target:g}"
        hard = []
        if self.long_sentence:
            words = len(WORD.findall(self.long_sentence))
            hard.append(_("a {words}-word sentence (\"{sentence}\"): split it", words=words,
                          sentence=_clip(self.long_sentence)))
        if self.long_words:
            hard.append(_("long words: {words}: use shorter ones",
                          words=", ".join(self.long_words)))
        reason = "; ".join(hard) or _("long words and sentences: use shorter ones")
        if HIGHER_IS_HARDER[self.language]:
            return _("reads at {score} ({measure}), above the target of {goal}: {reason}",
                     score=score, measure=name, goal=goal, reason=reason)
        return _("reads at {score} ({measure}), below the target of {goal}: {reason}",
                 score=score, measure=name, goal=goal, reason=reason)


def _clip(sentence: str, most: int = 60) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= most else sentence[: most - 1].rstrip() + "…"


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def syllables_en(word: str) -> int:
    w = _strip_accents(word.lower()).replace("’", "'").split("'")[0]
    if not w:
        return 1
    if len(w) <= 3:
        return 1
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        w = w[:-1]
    elif w.endswith(("ed", "es")) and not w.endswith(("ted", "ded", "ses", "zes", "ches", "shes", "ges", "ces", "xes")):
        w = w[:-2]
    groups = re.findall(r"[aeiouy]+", w)
    return max(1, len(groups))


_STRONG = set("aeoáéó") | set("íú")  # an accented weak vowel stands alone (hiatus)
_WEAK = set("iuü")


def syllables_es(word: str) -> int:
    w = word.lower()
    w = re.sub(r"(?<=[qg])u(?=[eéií])", "", w)  # que, qui, gue, gui: the u is silent
    if w == "y":
        return 1
    w = re.sub(r"y$", "i", w)  # hoy, muy: a final y is a vowel
    count = 0
    previous = ""
    for ch in w:
        if ch in _STRONG or ch in _WEAK:
            if not previous:
                count += 1
            elif previous in _STRONG and ch in _STRONG:
                count += 1  # two strong vowels: two syllables (le-er, dí-a)
            previous = ch
        else:
            previous = ""
    return max(1, count)


SYLLABLES = {"en": syllables_en, "es": syllables_es}
MEASURES = {"en": ("Flesch–Kincaid", "grade"), "es": ("Fernández-Huerta", "")}
HIGHER_IS_HARDER = {"en": True, "es": False}


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in SENTENCE_END.split(text)]
    return [p for p in parts if WORD.search(p)]


def plain(text: str) -> str:
    """The text as read: without the ``**bold**`` marks."""
    return text.replace("**", "")


def reading(text: str, language: str) -> Reading | None:
    """How hard ``text`` is in ``language``; None when the language has no measure here or the
    text is too short to measure."""
    count = SYLLABLES.get(language)
    if count is None:
        return None
    parts = sentences(plain(text))
    words = [w for part in parts for w in WORD.findall(part)]
    if len(words) < MIN_WORDS:
        return None
    syllables = sum(count(w) for w in words)
    per_sentence = len(words) / len(parts)
    per_word = syllables / len(words)
    if language == "en":
        score = 0.39 * per_sentence + 11.8 * per_word - 15.59
    else:
        score = 206.84 - 60 * per_word - 1.02 * per_sentence
    longest = max(parts, key=lambda p: len(WORD.findall(p)))
    long_sentence = longest if len(WORD.findall(longest)) > LONG_SENTENCE_WORDS else None
    limit = LONG_WORD_SYLLABLES[language]
    long_words = tuple(dict.fromkeys(w for w in words if count(w) >= limit))
    return Reading(language, score, len(words), long_sentence, long_words[:5])
