"""Looking up the program's words: ``t(key, language)`` over the kiosk's catalogue
(``kiosk_words``) and the station's (``station_words``), and the keyboard's symbol names.

A language the site adds without words of its own falls back to English.
"""

from __future__ import annotations

from decisionaid.ui.common.kiosk_words import KIOSK_WORDS
from decisionaid.ui.common.station_words import STATION_WORDS

LANGUAGE_NAMES = {"en": "English", "es": "Español"}


# The on-screen keyboard's keys that are not letters or numbers, by name.
SYMBOL_NAMES: dict[str, tuple[str, str]] = {
    ",": ("comma", "coma"), ".": ("full stop", "punto"), "'": ("apostrophe", "apóstrofo"),
    "-": ("dash", "guion"), "?": ("question mark", "cierre de interrogación"),
    "¿": ("opening question mark", "apertura de interrogación"),
    "!": ("exclamation mark", "cierre de exclamación"),
    "¡": ("opening exclamation mark", "apertura de exclamación"),
    "/": ("slash", "barra"), ":": ("colon", "dos puntos"), ";": ("semicolon", "punto y coma"),
    "(": ("open bracket", "abre paréntesis"), ")": ("close bracket", "cierra paréntesis"),
    "$": ("dollar", "dólar"), "&": ("and sign", "signo y"), "@": ("at sign", "arroba"),
    '"': ("quotation mark", "comillas"), "%": ("percent", "por ciento"), "+": ("plus", "más"),
    "=": ("equals", "igual"), "#": ("number sign", "almohadilla"), "*": ("star", "asterisco"),
    "_": ("underscore", "guion bajo"), "<": ("less than", "menor que"),
    ">": ("greater than", "mayor que"), "[": ("open square bracket", "abre corchete"),
    "]": ("close square bracket", "cierra corchete"), "~": ("tilde", "tilde"),
    "€": ("euro", "euro"), "£": ("pound", "libra"),
}


# Both catalogues, for lookup; a key is in exactly one of them (a test checks).
STRINGS: dict[str, dict[str, str]] = {**KIOSK_WORDS, **STATION_WORDS}


def symbol_name(ch: str, language: str) -> str:
    """A keyboard key's name for a screen reader: the symbol's name, or the key itself."""
    names = SYMBOL_NAMES.get(ch)
    if names is None:
        return ch
    return names[1] if language == "es" else names[0]


def t(key: str, language: str, **values: object) -> str:
    """The string ``key`` in ``language`` (English if missing), with ``{name}`` filled."""
    texts = STRINGS[key]
    text = texts.get(language) or texts["en"]
    return text.format(**values) if values else text


def month_names(language: str) -> list[str]:
    return t("months", language).split(",")


def keys() -> list[str]:
    return list(STRINGS)
