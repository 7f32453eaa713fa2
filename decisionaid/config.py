"""Site configuration: a TOML file, environment overrides and defaults that just work.

Where the file is found, in order: ``--config FILE``, ``$DECISIONAID_CONFIG``, then
``config.toml`` in the platform's config directory; with none, the built-in defaults apply.
``$DECISIONAID_DATABASE_URL`` and ``$DECISIONAID_DB_KEY`` override the file.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path

from decisionaid import i18n
from decisionaid.errors import ConfigError
from decisionaid.health_record import HealthRecordSettings
from decisionaid.health_record import parse as parse_health_record
from decisionaid.i18n import PSEUDO_LANGUAGES, _, missing_catalogue
from decisionaid.i18n.words import W
from decisionaid.resources import shipped_root

APP_NAME = "decisionaid"
# The folder holding the shipped questionnaires/ and vignettes/: the source tree in a checkout,
# the package's own copy in an installed wheel (see decisionaid/resources.py).
PROJECT_ROOT = shipped_root()
# The built-in crisis message names a member of staff and the site's emergency number. The
# kiosk shows it, so it is one of the kiosk's words: its translations are in the kiosk
# catalogue (decisionaid/i18n/babel/kiosk.cfg extracts it from here).
DEFAULT_CRISIS_MESSAGE = W(
    "crisis_message",
    "If you are in danger right now, please tell the front desk or any staff member. "
    "You can also call or text 988, the Suicide and Crisis Lifeline, at any time, day "
    "or night. In an emergency, call {emergency}.")
PAPER_SIZES = ("letter", "a4")
# ISO 639-1: the two-letter codes languages are named by (content files, catalogues, voices),
# and the three-letter codes of languages spoken in clinics that have no two-letter one.
LANGUAGE_CODES = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de
dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia
id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo
lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl
ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk
tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
ast ceb chr ckb fil haw hmn kea mfe nah yue
""".split()) | frozenset(PSEUDO_LANGUAGES)  # noqa: SIM905 (a block reads better than a list)
# (PSEUDO_LANGUAGES: two developer-only codes for testing the screens in any language, see
# docs/translating.md; ISO 639 keeps qaa-qtz for local use, so no real language has them.)
KNOWN_KEYS = {
    "site_name",
    "languages",
    "paper",
    "idle_timeout_s",
    "crisis_message",
    "database_url",
    "db_key",
    "db_key_file",
    "plain_database",
    "database_without_tls",
    "content_dir",
    "printer",
    "emergency_number",
    "peer_idle_timeout_s",
    "report_language",
    "backup_keep",
    "closing_time",
    "kiosk_name",
    "voices",
    "reading_targets",
    "reading_level_fails",
    "health_record",
    "report_identifiers",
    "report_trim_order",
    "appointments",
}
# The regional voices "Read to me" prefers for each language, in order (BCP 47 tags); where the
# machine has none of them, the language in any country. Most of the clinics' Spanish speakers
# are from Latin America, so a Spain voice is the last resort, not the first.
DEFAULT_VOICES = {"en": ("en-US",), "es": ("es-419", "es-MX", "es-US")}

# What the report's header names the person by: their name and date of birth (and the record
# number when known), or their initials and record number (date of birth without a record
# number). See docs/report.md.
REPORT_IDENTIFIERS = ("name_dob", "initials_record")
# The report's parts that may be shortened to fit the page, the first trimmed first
# (docs/report.md). Alerts are never trimmed and are not in the list; the videos are always
# listed ("videos" shortens their titles).
TRIM_PARTS = ("how_ive_been", "personal_medicine", "questions", "alert_answers", "trends",
              "videos", "today", "medicines", "power_statement")
# The fields of an appointment a schedule CSV's columns map to (docs/peer-station.md).
APPOINTMENT_FIELDS = ("id", "name", "given_name", "family_name", "date_of_birth",
                      "record_number", "date", "time", "prescriber", "visit_type")


@dataclass(frozen=True)
class AppointmentSettings:
    """How the day's schedule comes in: the CSV export's column names (by field), how its
    dates and times are written, and the folder watched for new exports (None: none)."""

    columns: tuple[tuple[str, str], ...] = tuple(
        (f, f) for f in APPOINTMENT_FIELDS if f not in ("given_name", "family_name"))
    date_formats: tuple[str, ...] = ("%Y-%m-%d", "%m/%d/%Y")
    time_formats: tuple[str, ...] = ("%H:%M", "%I:%M %p")
    delimiter: str = ","
    watch_folder: Path | None = None
    poll_seconds: int = 60

    def column(self, field_name: str) -> str | None:
        return dict(self.columns).get(field_name)


# The kiosk reads its configuration before its first screen is drawn, so on Linux (where it
# runs) the XDG base directories are worked out here; platformdirs, which gives the same
# answer there, is only imported elsewhere.
def _xdg(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "")
    base = Path(value) if os.path.isabs(value) else Path.home() / default
    return base / APP_NAME


def data_dir() -> Path:
    if sys.platform.startswith("linux"):
        return _xdg("XDG_DATA_HOME", ".local/share")
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    """Where every part of decisionaid logs (set up by ``decisionaid.app``)."""
    return data_dir() / "logs" / "decisionaid.log"


def config_dir() -> Path:
    if sys.platform.startswith("linux"):
        return _xdg("XDG_CONFIG_HOME", ".config")
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'decisionaid.db'}"


@dataclass(frozen=True)
class Config:
    site_name: str = "Decision Support Centre"
    languages: tuple[str, ...] = ("en", "es")
    paper: str = "letter"
    idle_timeout_s: int = 180
    peer_idle_timeout_s: int = 600  # the peer station signs staff out after this long idle
    emergency_number: str = "911"
    # None: the built-in message, naming a staff member and ``emergency_number``.
    crisis_message: dict[str, str] | None = None
    database_url: str = field(default_factory=default_database_url)
    db_key: str | None = None
    # The file holding the database key when db_key is not set (docs/install.md, The database
    # key); None: no key file (a configuration made in code, or plain_database).
    db_key_file: Path | None = None
    key_from: str | None = None  # where db_key came from, as it may be shown (never the key)
    # An SQLite database (and its backups) without encryption, on purpose: doctor fails it.
    plain_database: bool = False
    # PostgreSQL on another machine without TLS, on purpose: doctor fails it.
    database_without_tls: bool = False
    content_dir: Path = PROJECT_ROOT  # the shipped content unless the site names its own folder
    printer: str | None = None  # a CUPS queue name; None: the system's default printer
    # The prescriber's language for the report's labels, headings and alerts; None: the
    # site's first language (English if the report cannot be written in that one).
    report_language: str | None = None
    backup_keep: int = 7  # how many nightly backups are kept in the data folder's backups/
    # Local time at which unfinished visits are closed and the nightly backup runs.
    closing_time: time = time(18, 0)
    # How this kiosk is named at the peer station (help requests); "": the machine's name.
    kiosk_name: str = ""
    # For each language, the regional voices to read it in, best first (see DEFAULT_VOICES).
    voices: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_VOICES))
    # decisionaid check: the reading level each language's texts should meet, over the defaults
    # (content/readability.py), and whether a text above it fails the check or only warns.
    reading_targets: dict[str, float] = field(default_factory=dict)
    reading_level_fails: bool = False
    # Where printed, saved and reviewed reports go in the clinic's health record.
    health_record: HealthRecordSettings = field(default_factory=HealthRecordSettings)
    report_identifiers: str = "name_dob"
    report_trim_order: tuple[str, ...] = TRIM_PARTS
    appointments: AppointmentSettings = field(default_factory=AppointmentSettings)
    source: Path | None = None  # the file this came from, if any

    def __post_init__(self) -> None:
        # Every way a Config is made (file, environment, --database, code) meets the same rules
        # for the settings that guard the health data.
        _check_database_url(self.database_url, "database_url")
        if self.db_key is not None:
            _check_db_key(self.db_key, "db_key")
            if self.plain_database:
                raise ConfigError(_("plain_database = true and a database key are both set: "
                                    "remove plain_database to keep the database encrypted"))
        if not self.database_without_tls and (host := network_without_tls(self.database_url)):
            raise ConfigError(
                _("database_url reaches PostgreSQL at {host} without TLS, so names and answers "
                  "would cross the network readable: add ?sslmode=verify-full (docs/install.md), "
                  "or set database_without_tls = true if this network is trusted on purpose",
                  host=host))

    @property
    def report_lang(self) -> str:
        """The language the report is printed in for the prescriber."""
        if self.report_language:
            return self.report_language
        first = self.languages[0]
        return first if first in report_languages(self.content_dir) else i18n.SOURCE_LANGUAGE

    @property
    def vignettes_dir(self) -> Path:
        return self.content_dir / "vignettes"

    @property
    def locale_dir(self) -> Path:
        """The site's own catalogues (``LANG/LC_MESSAGES/DOMAIN.po``): a language added as files,
        or the shipped words reworded; searched before the shipped ones."""
        return self.content_dir / "locale"

    def crisis_text(self, language: str) -> str:
        """The crisis message in ``language`` (the site's own, else the built-in one)."""
        if self.crisis_message:
            return self.crisis_message.get(language) or next(iter(self.crisis_message.values()))
        key, english = DEFAULT_CRISIS_MESSAGE[:2]
        template = i18n.catalogue("kiosk", language).pgettext(key, english)
        return template.format(emergency=self.emergency_number)


def _where(path: Path | None) -> str:
    return f"{path}: " if path else ""


def _control_character(text: str, allow: str = "") -> str | None:
    """The first control character in ``text`` as U+XXXX (NUL, \\x0b, ESC…), if any."""
    for char in text:
        if (char < " " or "\x7f" <= char <= "\x9f") and char not in allow:
            return f"U+{ord(char):04X}"
    return None


def _refuse_control_characters(raw: dict, where: str) -> None:
    """One line naming the setting, never its value (it may be the database key)."""

    def walk(name: str, value: object, allow: str) -> None:
        if isinstance(value, str) and (char := _control_character(value, allow)):
            raise ConfigError(_("{where}{name} holds a control character ({char}); remove it",
                                where=where, name=name, char=char))
        if isinstance(value, list):
            for entry in value:
                walk(name, entry, allow)
        if isinstance(value, dict):
            for key, entry in value.items():
                walk(f"{name}.{key}", key, "")
                walk(f"{name}.{key}", entry, allow)

    for key, value in raw.items():
        walk(str(key).encode("unicode_escape").decode(), key, "")
        # Texts shown to people may break lines; nothing else may hold a control character.
        walk(key, value, {"crisis_message": "\n\t", "appointments": "\t"}.get(key, ""))


def _parse(raw: dict, source: Path | None) -> Config:
    where = _where(source)
    _refuse_control_characters(raw, where)
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            _("{where}unknown setting '{unknown}'; the settings are: {settings}",
              where=where, unknown=unknown[0], settings=', '.join(sorted(KNOWN_KEYS)))
        )
    values: dict = {}
    if "site_name" in raw:
        if not isinstance(raw["site_name"], str) or not raw["site_name"].strip():
            raise ConfigError(_("{where}site_name must be a non-empty text, e.g. site_name = "
                                "\"Main St Clinic\"", where=where))
        values["site_name"] = raw["site_name"].strip()
    if "kiosk_name" in raw:
        name = raw["kiosk_name"]
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > 64:
            raise ConfigError(_("{where}kiosk_name must be a short text (at most 64 characters), "
                                "e.g. kiosk_name = \"Waiting room, left\"", where=where))
        values["kiosk_name"] = name.strip()
    if "languages" in raw:
        langs = raw["languages"]
        if (
            not isinstance(langs, list)
            or not langs
            or not all(isinstance(x, str) and x.isalpha() and x.islower() and 2 <= len(x) <= 3 for x in langs)
        ):
            raise ConfigError(_("{where}languages must be a list of language codes, e.g. "
                                "languages = [\"en\", \"es\"]", where=where))
        if len(set(langs)) != len(langs):
            raise ConfigError(_("{where}languages lists a language twice", where=where))
        unknown_code = next((x for x in langs if x not in LANGUAGE_CODES), None)
        if unknown_code is not None:
            raise ConfigError(_("{where}languages: '{unknown_code}' is not a language code; use "
                                "ISO 639-1 codes, e.g. languages = [\"en\", \"es\"]",
                                where=where, unknown_code=unknown_code))
        values["languages"] = tuple(langs)
    if "paper" in raw:
        paper = str(raw["paper"]).lower()
        if paper not in PAPER_SIZES:
            raise ConfigError(_("{where}paper must be \"letter\" or \"a4\", not {value!r}",
                                where=where, value=raw['paper']))
        values["paper"] = paper
    if "idle_timeout_s" in raw:
        t = raw["idle_timeout_s"]
        if isinstance(t, bool) or not isinstance(t, int) or not 60 <= t <= 3600:
            raise ConfigError(_("{where}idle_timeout_s must be a whole number of seconds from 60 "
                                "to 3600, not {t!r}", where=where, t=t))
        values["idle_timeout_s"] = t
    if "peer_idle_timeout_s" in raw:
        t = raw["peer_idle_timeout_s"]
        if isinstance(t, bool) or not isinstance(t, int) or not 60 <= t <= 14400:
            raise ConfigError(_("{where}peer_idle_timeout_s must be a whole number of seconds "
                                "from 60 to 14400, not {t!r}", where=where, t=t))
        values["peer_idle_timeout_s"] = t
    if "crisis_message" in raw:
        msg = raw["crisis_message"]
        if isinstance(msg, str) and msg.strip():
            msg = {lang: msg.strip() for lang in values.get("languages", Config.languages)}
        if not isinstance(msg, dict) or not msg or not all(
            isinstance(v, str) and v.strip() for v in msg.values()
        ):
            raise ConfigError(
                _("{where}crisis_message must be a text, or a table of texts by language "
                  "([crisis_message] en = \"…\" es = \"…\")", where=where)
            )
        values["crisis_message"] = {k: v.strip() for k, v in msg.items()}
    if "database_url" in raw:
        values["database_url"] = _check_database_url(raw["database_url"], f"{where}database_url")
    if "db_key" in raw:
        values["db_key"] = _check_db_key(raw["db_key"], f"{where}db_key")
    for name in ("plain_database", "database_without_tls"):
        if name in raw:
            if not isinstance(raw[name], bool):
                raise ConfigError(_("{where}{name} must be true or false, not {value!r}",
                                    where=where, name=name, value=raw[name]))
            values[name] = raw[name]
    if "db_key_file" in raw:
        if not isinstance(raw["db_key_file"], str) or not raw["db_key_file"].strip():
            raise ConfigError(_("{where}db_key_file must be a file path in quotes, e.g. "
                                "db_key_file = \"/etc/decisionaid/db.key\"", where=where))
        key_file = Path(raw["db_key_file"]).expanduser()
        values["db_key_file"] = key_file if key_file.is_absolute() or source is None \
            else source.parent / key_file
    if "content_dir" in raw:
        if not isinstance(raw["content_dir"], str):
            raise ConfigError(_("{where}content_dir must be a folder path in quotes", where=where))
        path = Path(raw["content_dir"]).expanduser()
        if not path.is_absolute() and source is not None:
            path = source.parent / path
        values["content_dir"] = path
    if "reading_targets" in raw:
        targets = raw["reading_targets"]
        if not isinstance(targets, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 120 for v in targets.values()
        ):
            raise ConfigError(_("{where}reading_targets must be a table of numbers by language, "
                                "e.g. [reading_targets] en = 8 es = 60 (a grade for English, an "
                                "ease for Spanish)", where=where))
        values["reading_targets"] = {str(k): float(v) for k, v in targets.items()}
    if "reading_level_fails" in raw:
        if not isinstance(raw["reading_level_fails"], bool):
            raise ConfigError(_("{where}reading_level_fails must be true or false", where=where))
        values["reading_level_fails"] = raw["reading_level_fails"]
    if "printer" in raw:
        if not isinstance(raw["printer"], str) or not raw["printer"].strip():
            raise ConfigError(_("{where}printer must be a print queue name, e.g. printer = "
                                "\"FrontDesk\"", where=where))
        values["printer"] = raw["printer"].strip()
    if "emergency_number" in raw:
        number = raw["emergency_number"]
        if isinstance(number, int) and not isinstance(number, bool):
            number = str(number)
        if not isinstance(number, str) or not number.strip() or len(number) > 20:
            raise ConfigError(_("{where}emergency_number must be a short phone number in quotes, "
                                "e.g. emergency_number = \"911\"", where=where))
        values["emergency_number"] = number.strip()
    if "backup_keep" in raw:
        n = raw["backup_keep"]
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 365:
            raise ConfigError(_("{where}backup_keep must be a whole number from 1 to 365, not "
                                "{n!r}", where=where, n=n))
        values["backup_keep"] = n
    if "report_language" in raw:
        values["report_language"] = _report_language(
            raw["report_language"], values.get("content_dir", PROJECT_ROOT), where)
    if "closing_time" in raw:
        values["closing_time"] = _closing_time(raw["closing_time"], where)
    if "voices" in raw:
        values["voices"] = _voices(raw["voices"], where)
    if "health_record" in raw:
        values["health_record"] = parse_health_record(raw["health_record"], where, source)
    if "report_identifiers" in raw:
        if raw["report_identifiers"] not in REPORT_IDENTIFIERS:
            raise ConfigError(_("{where}report_identifiers must be \"name_dob\" or "
                                "\"initials_record\", not {value!r}",
                                where=where, value=raw['report_identifiers']))
        values["report_identifiers"] = raw["report_identifiers"]
    if "report_trim_order" in raw:
        values["report_trim_order"] = _trim_order(raw["report_trim_order"], where)
    if "appointments" in raw:
        values["appointments"] = _appointments(raw["appointments"], source, where)
    config = Config(**values, source=source)
    if config.crisis_message is not None:
        missing = [lang for lang in config.languages if lang not in config.crisis_message]
        if missing:
            raise ConfigError(_("{where}crisis_message has no text for language '{missing}'",
                                where=where, missing=missing[0]))
    for lang in config.languages:
        words = missing_catalogue("kiosk", lang, config.locale_dir)
        if words is not None:
            raise ConfigError(_("{where}languages: the kiosk has no words in '{language}' yet; add "
                                "{file}, translated from decisionaid/i18n/locale/kiosk.pot "
                                "(see docs/translating.md)", where=where, language=lang, file=words))
    return config


def report_languages(content_dir: Path = PROJECT_ROOT) -> list[str]:
    """The languages the one-page report can be written in: English and every language with a
    ``report`` catalogue, the site's (``locale/`` in its content folder) or a shipped one. Read
    from the folders, not from the catalogues a running program has set (the configuration is
    read first)."""
    return i18n.languages_with_catalogues("report", extra_dirs=[content_dir / "locale"])


def _report_language(lang: object, content_dir: Path, where: str) -> str:
    available = report_languages(content_dir)
    if isinstance(lang, str) and lang in available:
        return lang
    if not isinstance(lang, str) or lang not in LANGUAGE_CODES:
        raise ConfigError(
            _("{where}report_language must be one of {languages} (the languages the "
              "report is written in), not {lang!r}",
              where=where, languages=", ".join(available), lang=lang))
    po = content_dir / "locale" / lang / "LC_MESSAGES" / "report.po"
    pot = i18n.PACKAGE_LOCALE_DIR / "report.pot"
    raise ConfigError(
        _("{where}report_language must be one of {languages} (the languages the report is "
          "written in), not {lang!r}: to print it in {lang!r}, add {po}, translated from {pot}",
          where=where, languages=", ".join(available), lang=lang, po=po, pot=pot))


def _voices(value: object, where: str) -> dict[str, tuple[str, ...]]:
    """``[voices]`` in the file: ``es = ["es-MX", "es-419"]`` (or one tag); languages not
    named keep their default."""
    example = 'e.g. [voices] es = ["es-MX", "es-419"]'
    if not isinstance(value, dict):
        raise ConfigError(_("{where}voices must be a table of languages, {example}",
                            where=where, example=example))
    voices = dict(DEFAULT_VOICES)
    for language, tags in value.items():
        tags = [tags] if isinstance(tags, str) else tags
        if not isinstance(tags, list) or not tags or not all(
                isinstance(tag, str) and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag) for tag in tags):
            raise ConfigError(_("{where}voices.{language} must be a language tag or a list of "
                                "them, {example}", where=where, language=language, example=example))
        voices[language] = tuple(tags)
    return voices


def _trim_order(order: object, where: str) -> tuple[str, ...]:
    if (not isinstance(order, list) or sorted(map(str, order)) != sorted(TRIM_PARTS)):
        raise ConfigError(_("{where}report_trim_order must list each of {parts} once, the "
                            "first trimmed first", where=where, parts=', '.join(TRIM_PARTS)))
    return tuple(order)


def _texts(value: object, name: str, where: str) -> tuple[str, ...]:
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not value or not all(
            isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(_("{where}appointments.{name} must be a text or a list of texts",
                            where=where, name=name))
    return tuple(value)


def _appointments(raw: object, source: Path | None, where: str) -> AppointmentSettings:
    known = {"columns", "date_formats", "time_formats", "delimiter", "watch_folder",
             "poll_seconds"}
    if not isinstance(raw, dict) or set(raw) - known:
        odd = sorted(set(raw) - known) if isinstance(raw, dict) else ["?"]
        raise ConfigError(_("{where}[appointments] has an unknown setting '{odd}'; the settings "
                            "are: {settings}",
                            where=where, odd=odd[0], settings=', '.join(sorted(known))))
    values: dict = {}
    if "columns" in raw:
        columns = raw["columns"]
        if not isinstance(columns, dict) or not all(
                isinstance(v, str) and v.strip() for v in columns.values()):
            raise ConfigError(_("{where}[appointments.columns] maps fields to column names, e.g. "
                                "date_of_birth = \"DOB\"", where=where))
        unknown = sorted(set(columns) - set(APPOINTMENT_FIELDS))
        if unknown:
            raise ConfigError(_("{where}[appointments.columns] has an unknown field '{unknown}'; "
                                "the fields are: {fields}",
                                where=where, unknown=unknown[0],
                                fields=', '.join(APPOINTMENT_FIELDS)))
        merged = dict(AppointmentSettings().columns)
        if "given_name" in columns or "family_name" in columns:
            merged.pop("name")
        merged.update({k: v.strip() for k, v in columns.items()})
        values["columns"] = tuple(merged.items())
    for name in ("date_formats", "time_formats"):
        if name in raw:
            values[name] = _texts(raw[name], name, where)
    if "delimiter" in raw:
        if not isinstance(raw["delimiter"], str) or len(raw["delimiter"]) != 1:
            raise ConfigError(_("{where}appointments.delimiter must be one character, e.g. \";\"",
                                where=where))
        values["delimiter"] = raw["delimiter"]
    if "watch_folder" in raw:
        if not isinstance(raw["watch_folder"], str) or not raw["watch_folder"].strip():
            raise ConfigError(_("{where}appointments.watch_folder must be a folder path in quotes",
                                where=where))
        folder = Path(raw["watch_folder"]).expanduser()
        values["watch_folder"] = source.parent / folder if source and not folder.is_absolute() \
            else folder
    if "poll_seconds" in raw:
        n = raw["poll_seconds"]
        if isinstance(n, bool) or not isinstance(n, int) or not 5 <= n <= 3600:
            raise ConfigError(_("{where}appointments.poll_seconds must be a whole number from 5 "
                                "to 3600, not {n!r}", where=where, n=n))
        values["poll_seconds"] = n
    return AppointmentSettings(**values)


def _closing_time(value: object, where: str) -> time:
    # TOML has a local-time type (closing_time = 18:00:00); a quoted "18:00" is accepted too.
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, str):
        hours, _colon, minutes = value.strip().partition(":")
        if hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60:
            return time(int(hours), int(minutes))
    raise ConfigError(_("{where}closing_time must be a time of day, e.g. closing_time = \"18:00\"",
                        where=where))


MIN_KEY_LENGTH = 8


def _check_db_key(key: object, name: str) -> str:
    """The database key, whatever it came from: a text of at least 8 characters, no control
    characters (SQLCipher would take a NUL as the end of the key)."""
    if not isinstance(key, str) or len(key) < MIN_KEY_LENGTH:
        raise ConfigError(_("{name} must be a text of at least {length} characters",
                            name=name, length=MIN_KEY_LENGTH))
    if char := _control_character(key):
        raise ConfigError(_("{name} holds a control character ({char}); remove it",
                            name=name, char=char))
    return key


def _check_database_url(url: object, name: str) -> str:
    """The one place a database URL is checked, wherever it came from (file, environment,
    --database): storage may then rely on a known kind and, for SQLite, an absolute file."""
    if not isinstance(url, str) or not url.startswith(("sqlite://", "postgresql")):
        shown = repr(url) if not isinstance(url, str) or not _control_character(url) else "a URL with a control character"
        raise ConfigError(_("{name} must start with sqlite:/// or postgresql+psycopg://, not "
                            "{shown}", name=name, shown=shown))
    if char := _control_character(url):
        raise ConfigError(_("{name} holds a control character ({char}); remove it",
                            name=name, char=char))
    if url.startswith("sqlite://"):
        path = url[len("sqlite://"):].partition("?")[0]
        if not path.startswith("/") or path == "/":
            raise ConfigError(_("{name} must name a database file, e.g. "
                                "sqlite:////var/lib/decisionaid/decisionaid.db", name=name))
        file = path[1:]
        if not os.path.isabs(file):
            # Relative to whichever folder a command happens to run in: a second, empty database.
            raise ConfigError(
                _("{name} names a relative path ({file}), which changes with the folder a "
                  "command runs in; give the absolute path: sqlite:///{absolute}",
                  name=name, file=file, absolute=Path(file).expanduser().absolute())
            )
    return url


def _secrets_in(raw: dict) -> list[str]:
    """The secrets a config file holds, by name: such a file must be private to its owner."""
    held = ["db_key"] if "db_key" in raw else []
    url = raw.get("database_url")
    if isinstance(url, str) and url_password(url):
        held.append("the database password")
    return held


def url_password(url: str) -> str | None:
    """The password written in a database URL (user:PASSWORD@host, or ?password=), if any."""
    from urllib.parse import parse_qs, urlsplit

    try:
        parts = urlsplit(url)
        return parts.password or (parse_qs(parts.query).get("password") or [None])[0]
    except ValueError:
        return None


LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1", "[::1]")
TLS_MODES = ("require", "verify-ca", "verify-full")


def network_without_tls(url: str) -> str | None:
    """The host of a PostgreSQL URL that reaches another machine without TLS, else None.

    As libpq reads it: the URL's host and sslmode, else a service file's (``?service=``,
    ``PGSERVICE``), else ``PGHOST`` and ``PGSSLMODE``; no host is the local socket."""
    from urllib.parse import parse_qs, unquote, urlsplit

    if not url.startswith("postgresql"):
        return None
    try:
        parts = urlsplit(url)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        netloc_host = parts.hostname or ""
    except ValueError:
        return None
    service = _service_settings(query.get("service") or os.environ.get("PGSERVICE", ""))
    host = unquote(netloc_host) or query.get("host") or service.get("host") \
        or os.environ.get("PGHOST", "")
    mode = query.get("sslmode") or service.get("sslmode") or os.environ.get("PGSSLMODE", "")
    hosts = [h.strip() for h in host.split(",")]
    remote = [h for h in hosts if h.lower() not in LOCAL_HOSTS and not h.startswith(("/", "@"))
              and not h.startswith("127.")]
    return remote[0] if remote and mode not in TLS_MODES else None


def _service_settings(name: str) -> dict[str, str]:
    """The settings of the libpq connection service ``name`` (the user's file, then the
    system's), as libpq would use them; nothing if there is no such service."""
    import configparser

    if not name:
        return {}
    home = Path.home() / ".pg_service.conf"
    user = Path(os.environ["PGSERVICEFILE"]) if os.environ.get("PGSERVICEFILE") else home
    system = Path(os.environ.get("PGSYSCONFDIR", "/etc/postgresql-common")) / "pg_service.conf"
    for path in (user, system):
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError):
            continue
        if parser.has_section(name):
            return dict(parser.items(name))
    return {}


def default_key_file() -> Path:
    """Where a new install keeps its database key: the configuration folder, never the data
    folder (a copy of the data folder must not carry its own key)."""
    return config_dir() / "db.key"


def _with_key(config: Config) -> Config:
    """``config`` with the database key from a systemd credential or the key file, when the
    configuration does not set one itself (see ``decisionaid.secret_files``)."""
    from decisionaid import secret_files

    if config.plain_database:
        return replace(config, db_key_file=None)
    key_file = config.db_key_file or default_key_file()
    if config.db_key is not None:
        return replace(config, db_key_file=key_file)
    credential = secret_files.credential_path()
    if credential is not None:
        key = _check_db_key(secret_files.read_key(credential), f"the credential {credential}")
        return replace(config, db_key=key, db_key_file=key_file,
                       key_from=f"the systemd credential {secret_files.CREDENTIAL_NAME}")
    if key_file.is_file():
        key = _check_db_key(secret_files.read_key(key_file), f"the key file {key_file}")
        return replace(config, db_key=key, db_key_file=key_file, key_from=str(key_file))
    return replace(config, db_key_file=key_file)


def config_path(explicit: str | os.PathLike | None = None) -> Path | None:
    """The config file in force, or None for the built-in defaults."""
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ConfigError(_("config file not found: {path}", path=path))
        return path
    env = os.environ.get("DECISIONAID_CONFIG")
    if env:
        path = Path(env).expanduser()
        if not path.is_file():
            raise ConfigError(_("DECISIONAID_CONFIG names a file that does not exist: {path}",
                                path=path))
        return path
    path = config_dir() / "config.toml"
    return path if path.is_file() else None


def load_config(explicit: str | os.PathLike | None = None) -> Config:
    """The site configuration: file (if any), then environment overrides."""
    path = config_path(explicit)
    raw: dict = {}
    if path is not None:
        import tomllib

        try:
            with open(path, "rb") as f:
                raw = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(_("{path}: not valid TOML ({error})", path=path, error=e)) from None
        except RecursionError:
            raise ConfigError(_("{path}: lists or tables nested too deeply; no setting needs "
                                "more than two levels", path=path)) from None
        except UnicodeDecodeError:
            raise ConfigError(_("{path}: not UTF-8 text; save it as UTF-8", path=path)) from None
        except OSError as e:
            raise ConfigError(_("{path}: cannot read ({strerror})", path=path,
                                strerror=e.strerror)) from None
    config = _parse(raw, path)
    if path is not None:
        from decisionaid.secret_files import require_private

        for secret in _secrets_in(raw):
            require_private(path, secret)
    if "db_key" in raw:
        config = replace(config, key_from=f"db_key in {path}")
    env_url = os.environ.get("DECISIONAID_DATABASE_URL")
    if env_url:
        config = replace(config, database_url=_check_database_url(env_url, "DECISIONAID_DATABASE_URL"))
    env_key = os.environ.get("DECISIONAID_DB_KEY")
    if env_key:
        config = replace(config, db_key=_check_db_key(env_key, "DECISIONAID_DB_KEY"),
                         key_from="DECISIONAID_DB_KEY")
    return _with_key(config)
