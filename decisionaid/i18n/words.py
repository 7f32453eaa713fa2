"""How the screens declare their words: ``W(key, english)`` and ``P(key, singular, plural)``.

The English is the source text translators see (``msgid``); the key is the message context
(``msgctxt``), so the same English may be translated apart on two screens. Both calls are
extraction keywords (``W:1c,2``, ``P:1c,2,3``, see ``decisionaid/i18n/babel/``), so a word
written here reaches the catalogues with ``make translations``, and nowhere else.
"""

from __future__ import annotations

from typing import NamedTuple


class Word(NamedTuple):
    """One thing a screen says: its key, its English, and its English plural when counted."""

    key: str
    english: str
    plural: str | None = None


def W(key: str, english: str, /) -> Word:
    """A word of a screen, ``{name}`` blanks filled where it is shown."""
    return Word(key, english)


def P(key: str, singular: str, plural: str, /) -> Word:
    """A counted word: the language's plural rule picks the form for ``n`` (``{n}`` is filled)."""
    return Word(key, singular, plural)


def words(*entries: Word) -> dict[str, Word]:
    """The words by key; a key given twice is a mistake caught at import."""
    found: dict[str, Word] = {}
    for entry in entries:
        if entry.key in found:
            raise ValueError(f"the word key {entry.key!r} is given twice; keys must be unique")
        found[entry.key] = entry
    return found
