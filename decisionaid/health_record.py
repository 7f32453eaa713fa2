"""Where reports and answers go in the clinic's health record: the ``[health_record]`` table of
the configuration (docs/health-record.md).

    [health_record]
    record_number_system = "urn:oid:2.16.840.1.113883.3.9999.1"   # the clinic's MRN system
    folder = "/srv/ehr-import"                    # a document-import folder the record watches
    file_name = "{record_number}_{date}_{visit}.pdf"
    fhir_url = "https://ehr.example.org/fhir/R4"  # a FHIR R4 server (https; http on localhost)
    fhir_token_file = "/etc/decisionaid/fhir.token"   # or the systemd credential

The bearer token is never in the configuration: it is read, when sending, from the systemd
credential ``decisionaid-fhir-token`` or from ``fhir_token_file`` (which must be 0600).
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from decisionaid.errors import ConfigError
from decisionaid.i18n import _

FOLDER = "folder"
FHIR = "fhir"
TOKEN_CREDENTIAL = "decisionaid-fhir-token"
DEFAULT_FILE_NAME = "{record_number}_{date}_{visit}_{kind}.pdf"
FILE_NAME_FIELDS = ("record_number", "clinic_id", "date", "visit", "kind", "birth_date")
KEYS = {"record_number_system", "folder", "file_name", "fhir_url", "fhir_token_file",
        "fhir_json_in_folder"}
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class HealthRecordSettings:
    record_number_system: str | None = None
    folder: Path | None = None
    file_name: str = DEFAULT_FILE_NAME
    fhir_json_in_folder: bool = False  # also write the answers as a FHIR bundle beside the PDF
    fhir_url: str | None = None
    fhir_token_file: Path | None = None

    @property
    def destinations(self) -> tuple[str, ...]:
        """The destinations each report goes to, by name: ``folder`` and/or ``fhir``."""
        return tuple(name for name, on in ((FOLDER, self.folder), (FHIR, self.fhir_url)) if on)

    def fhir_token(self) -> str | None:
        """The bearer token: the systemd credential, else the private token file; None: none
        configured. Raises ``ConfigError`` (one line, with the fix) for a readable file."""
        from decisionaid.secret_files import require_private

        folder = os.environ.get("CREDENTIALS_DIRECTORY")
        candidates = [Path(folder) / TOKEN_CREDENTIAL] if folder else []
        if self.fhir_token_file is not None:
            candidates.append(self.fhir_token_file)
        for path in candidates:
            if path.is_file():
                require_private(path, "the FHIR server's token")
                token = path.read_text(encoding="utf-8").strip()
                if token:
                    return token
        if self.fhir_token_file is not None:
            raise ConfigError(_("the FHIR token file {file} is missing or empty: put "
                                "the bearer token in it and run chmod 600 on it",
                                file=self.fhir_token_file))
        return None


def parse(raw: object, where: str, source: Path | None) -> HealthRecordSettings:
    """The ``[health_record]`` table, checked; one line naming the first problem."""
    if not isinstance(raw, dict):
        raise ConfigError(_("{where}health_record must be a table: [health_record]", where=where))
    if "fhir_token" in raw:
        raise ConfigError(_("{where}health_record.fhir_token would leave the token readable in "
                            "the configuration: put it in a file only you can read and name it "
                            "in fhir_token_file (chmod 600)", where=where))
    unknown = sorted(set(raw) - KEYS)
    if unknown:
        raise ConfigError(_("{where}unknown setting 'health_record.{unknown}'; the settings are: "
                            "{settings}",
                            where=where, unknown=unknown[0], settings=', '.join(sorted(KEYS))))
    values: dict = {}

    def text(name: str, example: str) -> str:
        value = raw[name]
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(_("{where}health_record.{name} must be a text, e.g. {name} = "
                                "{example}", where=where, name=name, example=example))
        return value.strip()

    def path(name: str, example: str) -> Path:
        p = Path(text(name, example)).expanduser()
        return p if p.is_absolute() or source is None else source.parent / p

    if "record_number_system" in raw:
        values["record_number_system"] = text("record_number_system", '"urn:oid:1.2.3.4"')
    if "folder" in raw:
        values["folder"] = path("folder", '"/srv/ehr-import"')
    if "file_name" in raw:
        values["file_name"] = check_file_name(text("file_name", f'"{DEFAULT_FILE_NAME}"'), where)
    if "fhir_json_in_folder" in raw:
        if not isinstance(raw["fhir_json_in_folder"], bool):
            raise ConfigError(_("{where}health_record.fhir_json_in_folder must be true or false",
                                where=where))
        values["fhir_json_in_folder"] = raw["fhir_json_in_folder"]
    if "fhir_url" in raw:
        values["fhir_url"] = check_fhir_url(text("fhir_url", '"https://ehr.example.org/fhir/R4"'),
                                            where)
    if "fhir_token_file" in raw:
        values["fhir_token_file"] = path("fhir_token_file", '"/etc/decisionaid/fhir.token"')
    return HealthRecordSettings(**values)


def check_file_name(pattern: str, where: str = "") -> str:
    fields = [f for _text, f, _spec, _conv in string.Formatter().parse(pattern) if f is not None]
    bad = [f for f in fields if f not in FILE_NAME_FIELDS]
    if bad or "/" in pattern or "\\" in pattern or not pattern.endswith(".pdf"):
        raise ConfigError(_("{where}health_record.file_name must be a file name ending in .pdf "
                            "made of {fields}, e.g. \"{example}\"",
                            where=where, fields=', '.join('{' + f + '}' for f in FILE_NAME_FIELDS),
                            example=DEFAULT_FILE_NAME))
    return pattern


def check_fhir_url(url: str, where: str = "") -> str:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url.rstrip("/")
    if parts.scheme == "http" and parts.hostname in LOCAL_HOSTS:
        return url.rstrip("/")  # the same machine: nothing crosses a network
    raise ConfigError(_("{where}health_record.fhir_url must start with https:// (answers and the "
                        "page cross the network), not {url!r}", where=where, url=url))
