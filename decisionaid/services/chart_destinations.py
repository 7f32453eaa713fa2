"""The two places a report can go in the clinic's health record: a document-import folder and
a FHIR R4 server. Each ``deliver`` either finishes or raises ``DeliveryError`` with one line
for the station (never a name, an answer or a token); ``retry`` says whether trying again later
may help (a network down, a server busy) or a person must fix something first.
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from pathlib import Path

from decisionaid.errors import ConfigError, UserError
from decisionaid.files import write_private
from decisionaid.health_record import FHIR, FOLDER, HealthRecordSettings
from decisionaid.i18n import _
from decisionaid.services.chart_documents import ChartPacket

TIMEOUT_S = 30
# Answers that say "later": the server is busy, down for a moment or behind a slow proxy.
TEMPORARY_STATUS = {408, 425, 429, 500, 502, 503, 504}


class DeliveryError(Exception):
    def __init__(self, message: str, *, retry: bool = True):
        super().__init__(message)
        self.retry = retry


class FolderDestination:
    """Writes the PDF (and, when asked, the answers as a FHIR bundle) into the folder the
    health record imports from: a fresh file renamed into place (never half a file), 0600."""

    name = FOLDER

    def __init__(self, settings: HealthRecordSettings):
        self.settings = settings

    def deliver(self, packet: ChartPacket) -> None:
        folder = self.settings.folder
        if folder is None or not Path(folder).is_dir():
            raise DeliveryError(_("the health record folder {folder} is not there (a network "
                                  "share not mounted?): mount it or fix health_record.folder",
                                  folder=folder))
        target = Path(folder) / packet.file_name
        try:
            write_private(target, packet.pdf)
            if self.settings.fhir_json_in_folder:
                write_private(target.with_suffix(".fhir.json"),
                              json.dumps(packet.bundle, ensure_ascii=False).encode("utf-8"))
        except UserError as e:
            # The file's name holds the record number: the reason names the folder only.
            reason = str(e).replace(str(target), "the file").replace(packet.file_name, "the file")
            raise DeliveryError(_("the report was not written into {folder}: {reason}",
                                  folder=folder, reason=reason)) from None


class FhirDestination:
    """Posts the transaction bundle to the FHIR server's base URL with the bearer token."""

    name = FHIR

    def __init__(self, settings: HealthRecordSettings, *, timeout: float = TIMEOUT_S):
        self.settings = settings
        self.timeout = timeout

    def deliver(self, packet: ChartPacket) -> None:
        url = self.settings.fhir_url
        if not url:
            raise DeliveryError(_("no FHIR server is configured (health_record.fhir_url)"),
                                retry=False)
        try:
            token = self.settings.fhir_token()
        except ConfigError as e:
            raise DeliveryError(str(e), retry=False) from None
        headers = {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = json.dumps(packet.bundle, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout,
                                        context=ssl.create_default_context()) as response:
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as e:
            retry = e.code in TEMPORARY_STATUS
            if e.code == 401:
                refused = _("the FHIR server refused the report (HTTP {code}: check the token)",
                            code=e.code)
            elif e.code == 403:
                refused = _("the FHIR server refused the report (HTTP {code}: the token may not "
                            "write these resources)", code=e.code)
            else:
                refused = _("the FHIR server refused the report (HTTP {code})", code=e.code)
            raise DeliveryError(refused, retry=retry) from None
        except OSError as e:  # no network, refused, timed out, TLS (URLError is one)
            reason = getattr(e, "reason", None) or e
            if isinstance(reason, ssl.SSLCertVerificationError):
                raise DeliveryError(_("the FHIR server's certificate could not be verified: "
                                      "install the clinic's CA certificate"), retry=False) from None
            raise DeliveryError(_("the FHIR server cannot be reached ({short}); it is sent when "
                                  "it answers", short=_short(reason))) from None
        except ValueError:
            raise DeliveryError(_("the FHIR server's answer was not FHIR JSON")) from None
        failed = [e.get("response", {}).get("status", "?") for e in answer.get("entry", [])
                  if not str(e.get("response", {}).get("status", "")).startswith("2")]
        if answer.get("resourceType") != "Bundle" or failed:
            raise DeliveryError(_("the FHIR server did not store the report ({failed})",
                                  failed=', '.join(failed)) if failed else
                                _("the FHIR server did not store the report (no transaction "
                                  "response)"))


def _short(reason: object) -> str:
    text = getattr(reason, "strerror", None) or str(reason)
    return text.splitlines()[0][:120] if text else type(reason).__name__


def destinations_for(settings: HealthRecordSettings) -> dict[str, object]:
    """The configured destinations by name."""
    found: dict[str, object] = {}
    if settings.folder is not None:
        found[FOLDER] = FolderDestination(settings)
    if settings.fhir_url:
        found[FHIR] = FhirDestination(settings)
    return found
