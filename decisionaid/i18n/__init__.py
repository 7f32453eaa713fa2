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
import logging
import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

log = logging.getLogger(__name__)

DOMAINS = ("kiosk", "station", "report", "messages")
SOURCE_LANGUAGE = "en"
PACKAGE_LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# A catalogue names its own language and writing direction through these two messages, so a
# language added as files needs no code (Qt's own translations do the same).
LANGUAGE_NAME_CONTEXT = "language_name"
LANGUAGE_DIRECTION_CONTEXT = "language_direction"

# Two developer-only languages from ISO 639's range for local use (qaa-qtz), never a real one:
# ``qps`` says every word longer and accented, ``qpr`` the same right to left. Their catalogues
# are written by ``decisionaid.i18n.pseudo`` to show untranslated, clipped or unmirrored words.
PSEUDO_LANGUAGES = ("qps", "qpr")

SAME_MOMENT_S = 2.0

_lock = threading.Lock()
_site_dirs: tuple[Path, ...] = ()
_cache: dict[tuple[str, str], gettext.NullTranslations] = {}
_current_language: str | None = None


# --- where catalogues are ---------------------------------------------------------------------


def set_site_dirs(dirs: Iterable[Path]) -> None:
    """Search these ``locale`` folders (a clinic's own catalogues) before the shipped ones."""
    global _site_dirs
    wanted = tuple(Path(d) for d in dirs)
    with _lock:
        if wanted != _site_dirs:  # every start names them again: keep what is loaded
            _site_dirs = wanted
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


def catalogue_files(
    domain: str, language: str, dirs: Iterable[Path] | None = None
) -> list[Path]:
    """The PO (or MO) files for ``domain`` in ``language``, the one searched first first
    (in ``dirs`` and the shipped folder, when given: a configuration not yet in use)."""
    found = []
    for base in search_dirs() if dirs is None else (*dirs, PACKAGE_LOCALE_DIR):
        for name in _candidates(language):
            folder = base / name / "LC_MESSAGES"
            for suffix in (".po", ".mo"):
                path = folder / f"{domain}{suffix}"
                if _is_file(path):
                    found.append(path)
                    break
            else:
                continue
            break
    return found


def _shipped_languages() -> dict[str, frozenset[str]]:
    """The languages the package has a catalogue for, by domain: read once, when the program
    starts (the configuration is checked against them with no further look at the disk)."""
    found: dict[str, set[str]] = {}
    try:
        folders = list(PACKAGE_LOCALE_DIR.iterdir())
    except OSError:
        return {}
    for folder in folders:
        messages = folder / "LC_MESSAGES"
        for domain in DOMAINS:
            if _is_file(messages / f"{domain}.po") or _is_file(messages / f"{domain}.mo"):
                found.setdefault(domain, set()).add(folder.name.replace("_", "-"))
    return {domain: frozenset(codes) for domain, codes in found.items()}


def missing_catalogue(domain: str, language: str, site_dir: Path) -> Path | None:
    """The file to add so ``language`` has a ``domain`` catalogue (``None``: it has one), as a
    clinic adds it: ``site_dir/LANG/LC_MESSAGES/DOMAIN.po``."""
    if language == SOURCE_LANGUAGE or language in SHIPPED_LANGUAGES.get(domain, ()):
        return None
    if catalogue_files(domain, language, [site_dir]):
        return None
    return site_dir / language.replace("-", "_") / "LC_MESSAGES" / f"{domain}.po"


def languages_with_catalogues(domain: str = "kiosk", extra_dirs: Iterable[Path] = ()) -> list[str]:
    """Every language with a catalogue for ``domain`` (English, the source, always).
    ``extra_dirs``: ``locale`` folders to look in too (a site's, before :func:`set_site_dirs`)."""
    found = {SOURCE_LANGUAGE}
    for base in (*(Path(d) for d in extra_dirs), *search_dirs()):
        try:
            folders = list(base.iterdir())
        except OSError:  # none there, or a folder this account may not read: no catalogues
            continue
        for folder in folders:
            messages = folder / "LC_MESSAGES"
            if _is_file(messages / f"{domain}.po") or _is_file(messages / f"{domain}.mo"):
                found.add(folder.name.replace("_", "-"))
    return sorted(found)


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file this account can see; a folder it may not enter (another
    account's content folder) holds no catalogue for it, rather than stopping the program."""
    try:
        return path.is_file()
    except OSError:
        return False


# --- loading ----------------------------------------------------------------------------------


def _load_file(path: Path) -> gettext.GNUTranslations:
    """A compiled catalogue: the ``.mo`` beside a ``.po`` when it is at least as new, else the
    ``.po`` compiled in memory (a translator's fresh edit, a source checkout)."""
    if path.suffix == ".po":
        compiled = path.with_suffix(".mo")
        # An installer writes both in the same moment, the .mo a hair earlier or later: only a
        # .po saved clearly after its .mo (a translator's edit) is the newer one.
        if _is_file(compiled) and compiled.stat().st_mtime >= path.stat().st_mtime - SAME_MOMENT_S:
            path = compiled
    if path.suffix == ".mo":
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.GNUTranslations(io.BytesIO(compile_po(path)))


def compile_po(path: Path) -> bytes:
    """The ``.mo`` bytes of the PO file at ``path`` (fuzzy entries left out, as msgfmt does);
    read without Babel, which a kiosk need not load to start (see :mod:`decisionaid.i18n.po`).
    A file that cannot be read raises :class:`~decisionaid.i18n.po.PoError` (``FILE:LINE``)."""
    from decisionaid.i18n import po

    return po.to_mo(po.read(path))


def _load_chain(files: list[Path]) -> gettext.NullTranslations | None:
    """The catalogues of ``files``, the first searched first; one that cannot be read is left
    out, and said in the log once, so its words show from the next one (or in English)."""
    chain = []
    for path in files:
        try:
            chain.append(_load_file(path))
        except (OSError, ValueError, UnicodeDecodeError) as e:
            log.warning("the catalogue %s cannot be read, so its words show from the next one "
                        "or in English: %s", path, e)
    for later in chain[1:]:
        chain[0].add_fallback(later)
    return chain[0] if chain else None


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
            if language != SOURCE_LANGUAGE:
                found = _load_chain(catalogue_files(domain, language))
            if found is None:  # English, or no catalogue: the source's words
                found = gettext.NullTranslations()
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


SHIPPED_LANGUAGES = _shipped_languages()
