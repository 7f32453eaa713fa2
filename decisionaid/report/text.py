"""The report's words: one Jinja2 template per section and language, in ``templates/LANG/``.

A template writes one paragraph a line, each line starting with its kind (``h:`` a heading,
``p:`` body text, ``quote:`` the Power Statement, ``safety:``/``concern:`` an alert…), which
the layout maps to a style. Every value a template prints is made safe for ReportLab's
paragraph markup (``&``, ``<`` and ``>`` escaped, line breaks kept, characters the font lacks
replaced), so no answer can break the page; a value the template names but the data lacks
is an error (``StrictUndefined``), never a blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from decisionaid.report.fonts import printable

TEMPLATE_DIR = Path(__file__).parent / "templates"
LANGUAGES = ("en", "es")

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

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# Language names, in each report language, for "(in Spanish)" beside what a person wrote.
_LANGUAGE_NAMES = {
    "en": {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese",
           "zh": "Chinese", "vi": "Vietnamese", "ar": "Arabic", "ru": "Russian"},
    "es": {"en": "inglés", "es": "español", "fr": "francés", "pt": "portugués",
           "zh": "chino", "vi": "vietnamita", "ar": "árabe", "ru": "ruso"},
}


def language_name(code: str, language: str) -> str:
    """The name of the language ``code`` in ``language`` (the code itself if not known)."""
    return _LANGUAGE_NAMES.get(language, _LANGUAGE_NAMES["en"]).get(code, code)


def _safe(value: object) -> object:
    """Every printed value: text made printable and escaped; ``**bold**`` and breaks kept."""
    if isinstance(value, Markup) or value is None:
        return value
    if isinstance(value, bool | int | float):
        return value
    text = str(escape(printable(str(value))))
    text = _BOLD.sub(r"<b>\1</b>", text).replace("\n", "<br/>")
    return Markup(text)


def _long_date(day: date, language: str) -> str:
    month = _MONTHS.get(language, _MONTHS["en"])[day.month - 1]
    if language == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{month} {day.day}, {day.year}"


def _short_date(day: date, language: str) -> str:
    month = _MONTHS.get(language, _MONTHS["en"])[day.month - 1][:3]
    return f"{day.day} {month}" if language == "es" else f"{month} {day.day}"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        finalize=_safe,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["cell"] = CELL
    env.filters["long_date"] = _long_date
    env.filters["short_date"] = _short_date
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    env.globals["language_name"] = language_name
    return env


@dataclass(frozen=True)
class Line:
    """One paragraph of the report: its kind (a style) and its ReportLab markup."""

    kind: str
    markup: str

    @property
    def cells(self) -> list[str]:
        return self.markup.split(CELL)


def section_lines(section: str, language: str, **values: object) -> list[Line]:
    """The lines one section's template writes for ``values``."""
    if language not in LANGUAGES:
        language = "en"
    template = environment().get_template(f"{language}/{section}.j2")
    lines = []
    for raw in template.render(**values).split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        kind, sep, markup = raw.partition(":")
        if not sep:
            raise ValueError(f"{language}/{section}.j2 wrote a line with no kind: {raw!r}")
        lines.append(Line(kind.strip(), markup.strip()))
    return lines
