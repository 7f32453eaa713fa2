"""The report's words: one Jinja2 template per section in ``templates/``, its fixed words from
the ``report`` gettext catalogue of the report's language (``decisionaid.i18n``).

A template writes one paragraph a line, each line starting with its kind (``h:`` a heading,
``p:`` body text, ``quote:`` the Power Statement, ``safety:``/``concern:`` an alert…), which
the layout maps to a style; the kind is never translated. The words after it are marked for
translation with Jinja's i18n extension (``_("…")``, ``ngettext`` where a count appears,
``pgettext`` where a short word needs its sense); month names, the two date formats and the
names of languages ("(in Spanish)") come from the same catalogue, through this module.

Every value a template prints is made safe for ReportLab's paragraph markup (``&``, ``<`` and
``>`` escaped, line breaks kept, characters the font lacks replaced), and so is every
translation and every value put into one, so neither an answer nor a translator's slip can
break the page; a value the template names but the data lacks is an error
(``StrictUndefined``), never a blank.

One Jinja environment per language, cached: the translations are the environment's globals,
so a page in Spanish and one in English can be written at the same time on two threads. A
catalogue read again (``i18n.forget_loaded``, new site folders) gets a new environment.
"""

from __future__ import annotations

import gettext
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from decisionaid import i18n
from decisionaid.report.fonts import printable

DOMAIN = "report"
TEMPLATE_DIR = Path(__file__).parent / "templates"

# The sections, in the order the page prints them (DESIGN: header first, shared decision box
# last; the footer is drawn at the foot of the page).
SECTIONS = (
    "header",
    "alerts",
    "power_statement",
    "today",
    "how_ive_been",
    "medicines",
    "personal_medicine",
    "questions",
    "suggestions",
    "shared_decision",
    "footer",
)
CELL = Markup("\ue000")  # separates table cells; private use, so never in printed user text

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _safe(value: object) -> object:
    """Every printed value: text made printable and escaped; ``**bold**`` and breaks kept."""
    if isinstance(value, Markup) or value is None:
        return value
    if isinstance(value, bool | int | float):
        return value
    text = str(escape(printable(str(value))))
    text = _BOLD.sub(r"<b>\1</b>", text).replace("\n", "<br/>")
    return Markup(text)


@lru_cache(maxsize=2048)  # a page's few hundred words, rendered many times while it is fitted
def _markup(translation: str) -> Markup:
    """A translation as paragraph markup: printable, and ``&``, ``<``, ``>`` escaped (a
    catalogue holds words, never markup: the templates keep the bold and the colours)."""
    text = printable(translation)
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _fill(translation: str, values: dict[str, object], source: str) -> Markup:
    """``translation`` with ``values`` put in; the English ``source`` when the translation
    names a value the page does not have (a slip in a clinic's catalogue must not stop a
    page from printing)."""
    # Always a format string, as Jinja's "newstyle" gettext: "%%" is a percent sign.
    text = _markup(translation)
    if not values and "%" not in text:
        return text
    # Every value is made safe first (escaped Markup, or a number), so plain formatting is.
    safe = {name: _safe(value) for name, value in values.items()}
    try:
        return Markup(str.__mod__(text, safe))
    except (KeyError, ValueError, TypeError):
        return Markup(str.__mod__(_markup(source), safe))


# --- the words Python writes: months, dates, language names ----------------------------------


def _months(t: gettext.NullTranslations) -> tuple[str, ...]:
    return (
        t.pgettext("month", "January"), t.pgettext("month", "February"),
        t.pgettext("month", "March"), t.pgettext("month", "April"),
        t.pgettext("month", "May"), t.pgettext("month", "June"),
        t.pgettext("month", "July"), t.pgettext("month", "August"),
        t.pgettext("month", "September"), t.pgettext("month", "October"),
        t.pgettext("month", "November"), t.pgettext("month", "December"),
    )


def _short_months(t: gettext.NullTranslations) -> tuple[str, ...]:
    # Translators: a month in a short date ("Apr 8"), the column of the trend table.
    return (
        t.pgettext("month, short", "Jan"), t.pgettext("month, short", "Feb"),
        t.pgettext("month, short", "Mar"), t.pgettext("month, short", "Apr"),
        t.pgettext("month, short", "May"), t.pgettext("month, short", "Jun"),
        t.pgettext("month, short", "Jul"), t.pgettext("month, short", "Aug"),
        t.pgettext("month, short", "Sep"), t.pgettext("month, short", "Oct"),
        t.pgettext("month, short", "Nov"), t.pgettext("month, short", "Dec"),
    )


def _language_names(t: gettext.NullTranslations) -> dict[str, str]:
    # Translators: a language's name as it reads inside a sentence of yours: "(in Spanish)",
    # "answered in Spanish" (Spanish writes "español", in lower case).
    return {
        "en": t.pgettext("language name", "English"),
        "es": t.pgettext("language name", "Spanish"),
        "fr": t.pgettext("language name", "French"),
        "pt": t.pgettext("language name", "Portuguese"),
        "zh": t.pgettext("language name", "Chinese"),
        "vi": t.pgettext("language name", "Vietnamese"),
        "ar": t.pgettext("language name", "Arabic"),
        "ru": t.pgettext("language name", "Russian"),
    }


_ENGLISH_NAMES = _language_names(gettext.NullTranslations())


def _cldr_language_name(code: str, language: str) -> str | None:
    """The name of ``code`` in ``language`` from the Unicode CLDR data Babel carries; None when
    either is unknown there. Babel is imported only here: the page rarely needs it."""
    try:
        from babel import Locale

        return Locale.parse(language.replace("-", "_")).languages.get(code.replace("-", "_"))
    except (ImportError, ValueError, LookupError):
        return None


def _format_or(translated: str, source: str) -> str:
    """A date format as translated, or the English one if it names something else."""
    try:
        translated % {"month": "", "day": 1, "year": 2000}
    except (KeyError, ValueError, TypeError):
        return source
    return translated


class _Words:
    """The words of one report language that are not in a template: months, dates, language
    names."""

    def __init__(self, language: str, t: gettext.NullTranslations):
        # A language with no catalogue prints in English, names of languages too.
        self.language = language if isinstance(t, gettext.GNUTranslations) else i18n.SOURCE_LANGUAGE
        self.months = _months(t)
        self.short_months = _short_months(t)
        # Translators: a date written out in full, e.g. "April 8, 2025". Keep the three names.
        long_format = t.pgettext("date", "%(month)s %(day)s, %(year)s")
        # Translators: a short date in the trend table, e.g. "Apr 8". Keep the two names.
        short_format = t.pgettext("date, short", "%(month)s %(day)s")
        self.long_format = _format_or(long_format, "%(month)s %(day)s, %(year)s")
        self.short_format = _format_or(short_format, "%(month)s %(day)s")
        self.names = _language_names(t)
        self._found: dict[str, str] = {}

    def long_date(self, day: date) -> str:
        month = self.months[day.month - 1]
        return self.long_format % {"month": month, "day": day.day, "year": day.year}

    def short_date(self, day: date) -> str:
        month = self.short_months[day.month - 1]
        return self.short_format % {"month": month, "day": day.day}

    def language_name(self, code: str) -> str:
        """The name of the language ``code`` in the report's language: the catalogue's, else
        the CLDR's, else the English name, else the code itself."""
        name = self.names.get(code)
        untranslated = name is None or (name == _ENGLISH_NAMES.get(code)
                                        and self.language != i18n.SOURCE_LANGUAGE)
        if not untranslated:
            return name  # type: ignore[return-value]
        if code not in self._found:
            self._found[code] = (_cldr_language_name(code, self.language) or name or code)
        return self._found[code]


def words(language: str) -> _Words:
    """Month names, date formats and language names in ``language``, from its catalogue."""
    return _Words(language, i18n.catalogue(DOMAIN, language))


def language_name(code: str, language: str) -> str:
    """The name of the language ``code`` in ``language`` ("Spanish", "español")."""
    return words(language).language_name(code)


# --- the templates' environment, one per language --------------------------------------------


def _translators(t: gettext.NullTranslations) -> dict[str, Callable[..., Markup]]:
    """``gettext``, ``ngettext``, ``pgettext`` and ``npgettext`` as the templates call them
    (Jinja's "newstyle": values by name, ``%(name)s`` in the message, ``num`` the count)."""

    def gettext_(message: str, /, **values: object) -> Markup:
        return _fill(t.gettext(message), values, message)

    def ngettext_(singular: str, plural: str, num: int, /, **values: object) -> Markup:
        values.setdefault("num", num)
        return _fill(t.ngettext(singular, plural, num), values, singular if num == 1 else plural)

    def pgettext_(context: str, message: str, /, **values: object) -> Markup:
        return _fill(t.pgettext(context, message), values, message)

    def npgettext_(context: str, singular: str, plural: str, num: int, /,
                   **values: object) -> Markup:
        values.setdefault("num", num)
        return _fill(t.npgettext(context, singular, plural, num), values,
                     singular if num == 1 else plural)

    # "_" is gettext itself: the extension's own "_" looks "gettext" up again on every call.
    return {"gettext": gettext_, "_": gettext_, "ngettext": ngettext_, "pgettext": pgettext_,
            "npgettext": npgettext_}


class _SharedBytecode(jinja2.BytecodeCache):
    """The compiled templates, shared by every language's environment (the code does not
    depend on the language: the words are looked up as it runs)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_bytecode = _SharedBytecode()
_environments: dict[str, tuple[gettext.NullTranslations, jinja2.Environment]] = {}
_lock = threading.Lock()


def _new_environment(language: str, t: gettext.NullTranslations) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        finalize=_safe,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_bytecode,
    )
    # The templates call the translators with values by name (Jinja's "newstyle" gettext);
    # installed as our own callables so every value and word is made printable and escaped.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(_translators(t))
    said = _Words(language, t)
    env.globals["cell"] = CELL
    env.globals["language_name"] = said.language_name
    env.filters["long_date"] = said.long_date
    env.filters["short_date"] = said.short_date
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    return env


def environment(language: str = i18n.SOURCE_LANGUAGE) -> jinja2.Environment:
    """The templates' environment for a page in ``language`` (cached per language)."""
    t = i18n.catalogue(DOMAIN, language)
    cached = _environments.get(language)
    if cached is None or cached[0] is not t:
        with _lock:
            cached = _environments.get(language)
            if cached is None or cached[0] is not t:
                cached = (t, _new_environment(language, t))
                _environments[language] = cached
    return cached[1]


@dataclass(frozen=True)
class Line:
    """One paragraph of the report: its kind (a style) and its ReportLab markup."""

    kind: str
    markup: str

    @property
    def cells(self) -> list[str]:
        return self.markup.split(CELL)


def section_lines(section: str, language: str, **values: object) -> list[Line]:
    """The lines one section's template writes for ``values``, in ``language`` (a language
    with no report catalogue prints in English)."""
    template = environment(language).get_template(f"{section}.j2")
    lines = []
    for raw in template.render(**values).split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        kind, sep, markup = raw.partition(":")
        if not sep:
            raise ValueError(f"{section}.j2 wrote a line with no kind: {raw!r}")
        lines.append(Line(kind.strip(), markup.strip()))
    return lines
