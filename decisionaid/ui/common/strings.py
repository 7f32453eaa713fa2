"""Looking up the program's words: ``t(key, language)`` and ``tn(key, n, language)`` over the
kiosk's words (``kiosk_words``) and the station's (``station_words``).

The English is in the code; every other language is a gettext catalogue (``kiosk`` or
``station`` domain, see :mod:`decisionaid.i18n`), looked up by the key as message context. A
message a catalogue leaves untranslated is said in English (``decisionaid check`` lists them).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from decisionaid import i18n
from decisionaid.i18n.words import Word
from decisionaid.ui.common.kiosk_words import KIOSK_WORDS
from decisionaid.ui.common.station_words import STATION_WORDS

# Both catalogues, for lookup; a key is in exactly one of them (a test checks).
STRINGS: dict[str, Word] = {**KIOSK_WORDS, **STATION_WORDS}
DOMAIN_OF: dict[str, str] = {**dict.fromkeys(KIOSK_WORDS, "kiosk"),
                             **dict.fromkeys(STATION_WORDS, "station")}

# The on-screen keyboard's keys that are not letters or numbers: the word read aloud for each.
SYMBOL_KEYS: dict[str, str] = {
    ",": "symbol_comma", ".": "symbol_full_stop", "'": "symbol_apostrophe", "-": "symbol_dash",
    "?": "symbol_question_mark", "¿": "symbol_opening_question_mark",
    "!": "symbol_exclamation_mark", "¡": "symbol_opening_exclamation_mark",
    "/": "symbol_slash", ":": "symbol_colon", ";": "symbol_semicolon",
    "(": "symbol_open_bracket", ")": "symbol_close_bracket", "$": "symbol_dollar",
    "&": "symbol_and_sign", "@": "symbol_at_sign", '"': "symbol_quotation_mark",
    "%": "symbol_percent", "+": "symbol_plus", "=": "symbol_equals", "#": "symbol_number_sign",
    "*": "symbol_star", "_": "symbol_underscore", "<": "symbol_less_than",
    ">": "symbol_greater_than", "[": "symbol_open_square_bracket",
    "]": "symbol_close_square_bracket", "~": "symbol_tilde", "€": "symbol_euro", "£": "symbol_pound",
}


class _LanguageNames(Mapping[str, str]):
    """Each language's name in itself, as its kiosk catalogue gives it (``i18n.language_name``)."""

    def __getitem__(self, language: str) -> str:
        return i18n.language_name(language)

    def __iter__(self) -> Iterator[str]:
        return iter(i18n.languages_with_catalogues("kiosk"))

    def __len__(self) -> int:
        return len(i18n.languages_with_catalogues("kiosk"))


LANGUAGE_NAMES: Mapping[str, str] = _LanguageNames()


def t(key: str, language: str, **values: object) -> str:
    """The string ``key`` in ``language`` (English if untranslated), with ``{name}`` filled."""
    word = STRINGS[key]
    if language == i18n.SOURCE_LANGUAGE:
        text = word.english
    else:
        text = i18n.catalogue(DOMAIN_OF[key], language).pgettext(key, word.english)
    return text.format(**values) if values else text


def tn(key: str, n: int, language: str, /, **values: object) -> str:
    """The counted string ``key`` in the form ``language`` uses for ``n``; ``{n}`` is filled
    with ``n`` unless ``values`` gives it (e.g. ``n="1,024"``, grouped for reading)."""
    word = STRINGS[key]
    if word.plural is None:
        raise KeyError(f"{key!r} is not a counted word: declare it with P(key, singular, plural)")
    text = i18n.catalogue(DOMAIN_OF[key], language).npgettext(key, word.english, word.plural, n)
    return text.format(**{"n": n, **values})


def symbol_name(ch: str, language: str) -> str:
    """A keyboard key's name for a screen reader: the symbol's name, or the key itself."""
    key = SYMBOL_KEYS.get(ch)
    return ch if key is None else t(key, language)


def month_names(language: str) -> list[str]:
    return t("months", language).split(",")


def keys() -> list[str]:
    return list(STRINGS)
