"""The program's own words in every language, from gettext catalogues.

Four catalogues (gettext *domains*), each one PO file per language that translators edit in
their own tools (Poedit, Weblate, Lokalize):

``kiosk``
    every word the kiosk says to the person using it;
``station``
    the peer station and the prescriber's desk;
``report``
    the fixed words of the printed page;
``messages``
    the command line's and the services' messages (errors, confirmations, ``check``).

The English text in the code is the source (``msgid``); the screens' words also carry their
key as the message context (``msgctxt``), so two screens may word the same English apart.
The shipped catalogues are in ``decisionaid/i18n/locale/LANG/LC_MESSAGES/DOMAIN.po`` (compiled
to ``.mo`` when the package is built). A clinic adds or overrides a language with files only:
the same layout under ``locale/`` in its content folder (see :func:`set_site_dirs`), searched
first. A ``.po`` file with no newer ``.mo`` beside it is read directly, so a translator's edit
shows at the next start without a build step.

Where a catalogue has no translation for a message, the English source is used: ``decisionaid
check`` lists what is untranslated in each language. Nothing here imports Qt.
"""

from __future__ import annotations

import gettext
import io
import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

DOMAINS = ("kiosk", "station", "report", "messages")
SOURCE_LANGUAGE = "en"
PACKAGE_LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# A catalogue names its own language and writing direction through these two messages, so a
# language added as files needs no code (Qt's own translations do the same).
LANGUAGE_NAME_CONTEXT = "language_name"
LANGUAGE_DIRECTION_CONTEXT = "language_direction"

_lock = threading.Lock()
_site_dirs: tuple[Path, ...] = ()
_cache: dict[tuple[str, str], gettext.NullTranslations] = {}
_current_language: str | None = None


# --- where catalogues are ---------------------------------------------------------------------


def set_site_dirs(dirs: Iterable[Path]) -> None:
    """Search these ``locale`` folders (a clinic's own catalogues) before the shipped ones."""
    global _site_dirs
    with _lock:
        _site_dirs = tuple(Path(d) for d in dirs)
        _cache.clear()


def site_dirs() -> tuple[Path, ...]:
    return _site_dirs


def search_dirs() -> tuple[Path, ...]:
    """The ``locale`` folders searched, first match wins: the site's, then the shipped one."""
    return (*_site_dirs, PACKAGE_LOCALE_DIR)


def _candidates(language: str) -> list[str]:
    """``es-MX`` → ``es_MX``, ``es``: the folder names a catalogue for ``language`` may use."""
    code = language.replace("-", "_")
    names = [code]
    if "_" in code:
        names.append(code.split("_", 1)[0])
    return names


def catalogue_files(domain: str, language: str) -> list[Path]:
    """The PO (or MO) files for ``domain`` in ``language``, the one searched first first."""
    found = []
    for base in search_dirs():
        for name in _candidates(language):
            folder = base / name / "LC_MESSAGES"
            for suffix in (".po", ".mo"):
                path = folder / f"{domain}{suffix}"
                if path.is_file():
                    found.append(path)
                    break
            else:
                continue
            break
    return found


def languages_with_catalogues(domain: str = "kiosk", extra_dirs: Iterable[Path] = ()) -> list[str]:
    """Every language with a catalogue for ``domain`` (English, the source, always).
    ``extra_dirs``: ``locale`` folders to look in too (a site's, before :func:`set_site_dirs`)."""
    found = {SOURCE_LANGUAGE}
    for base in (*(Path(d) for d in extra_dirs), *search_dirs()):
        if not base.is_dir():
            continue
        for folder in base.iterdir():
            messages = folder / "LC_MESSAGES"
            if (messages / f"{domain}.po").is_file() or (messages / f"{domain}.mo").is_file():
                found.add(folder.name.replace("_", "-"))
    return sorted(found)


# --- loading ----------------------------------------------------------------------------------


def _load_file(path: Path) -> gettext.GNUTranslations:
    """A compiled catalogue: the ``.mo`` beside a ``.po`` when it is at least as new, else the
    ``.po`` compiled in memory (a translator's fresh edit, a source checkout)."""
    if path.suffix == ".po":
        compiled = path.with_suffix(".mo")
        if compiled.is_file() and compiled.stat().st_mtime >= path.stat().st_mtime:
            path = compiled
    if path.suffix == ".mo":
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.GNUTranslations(io.BytesIO(compile_po(path)))


def compile_po(path: Path) -> bytes:
    """The ``.mo`` bytes of the PO file at ``path`` (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo  # only when a catalogue is not compiled
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def catalogue(domain: str, language: str) -> gettext.NullTranslations:
    """The translations of ``domain`` into ``language``: the site's catalogue, falling back to
    the shipped one, falling back to the English source. Cached until the site folders change."""
    key = (domain, language)
    found = _cache.get(key)
    if found is not None:
        return found
    with _lock:
        found = _cache.get(key)
        if found is None:
            found = gettext.NullTranslations()
            if language != SOURCE_LANGUAGE:
                chain = [_load_file(p) for p in catalogue_files(domain, language)]
                if chain:
                    found = chain[0]
                    for later in chain[1:]:
                        found.add_fallback(later)
            _cache[key] = found
    return found


def forget_loaded() -> None:
    """Read every catalogue again at next use (after a translator saved a file)."""
    with _lock:
        _cache.clear()


# --- what a language calls itself -------------------------------------------------------------


def language_name(language: str) -> str:
    """The language's name in itself ("Español"), as its kiosk catalogue gives it."""
    if language == SOURCE_LANGUAGE:
        return "English"
    name = catalogue("kiosk", language).pgettext(LANGUAGE_NAME_CONTEXT, "English")
    return language if name == "English" else name


def is_right_to_left(language: str) -> bool:
    """Whether ``language`` is written right to left, as its kiosk catalogue says."""
    if language == SOURCE_LANGUAGE:
        return False
    return catalogue("kiosk", language).pgettext(LANGUAGE_DIRECTION_CONTEXT, "ltr") == "rtl"


# --- the command line's and the services' language ---------------------------------------------


def language_from_environment(
    environ: Mapping[str, str] | None = None, available: Iterable[str] | None = None
) -> str:
    """The language a terminal user asked for, as gettext reads it: ``LANGUAGE`` (a list),
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; the first one with a catalogue, else English."""
    env = os.environ if environ is None else environ
    have = set(languages_with_catalogues("messages") if available is None else available)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if not value:
            continue
        for entry in value.split(":") if variable == "LANGUAGE" else [value]:
            code = entry.split(".", 1)[0].split("@", 1)[0]
            if code in ("", "C", "POSIX"):
                return SOURCE_LANGUAGE
            for name in _candidates(code):
                if name.replace("_", "-") in have:
                    return name.replace("_", "-")
        if variable != "LANGUAGE":
            return SOURCE_LANGUAGE  # the first one set decides, as in gettext
    return SOURCE_LANGUAGE


def set_language(language: str | None) -> None:
    """The language of :func:`_` from now on (``None``: from the environment)."""
    global _current_language
    _current_language = language


def current_language() -> str:
    global _current_language
    if _current_language is None:
        _current_language = language_from_environment()
    return _current_language


def _(message: str, /, **values: object) -> str:
    """``message`` (English) in the current language, with ``{name}`` filled from ``values``."""
    text = catalogue("messages", current_language()).gettext(message)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of a counted message for ``n`` in the current language (``{n}`` is filled)."""
    text = catalogue("messages", current_language()).ngettext(singular, plural, n)
    return text.format(n=n, **values)


def N_(message: str, /) -> str:
    """Marks ``message`` for the catalogue without translating it (translated where shown)."""
    return message
