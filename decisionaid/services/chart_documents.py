"""What goes into the clinic's health record for one visit: the page as PDF, a FHIR R4
``DocumentReference`` for it and the answers as ``QuestionnaireResponse``s, tied to the
``Patient`` — as one FHIR transaction bundle, and the file name a document-import folder gets.

Sending the same thing twice changes nothing (docs/health-record.md): the Patient is created
only if none has the clinic's record number (``ifNoneExist``), and the DocumentReference and
each QuestionnaireResponse are conditional updates on an identifier of their own, stable per
visit and kind (``visit-12-report``, ``visit-12-reviewed``; ``visit-12-<questionnaire>``).
Without a record number the person travels as a contained Patient (first name and date of
birth) with the project's pseudonym as identifier: nothing is created on the server for them.
"""

from __future__ import annotations

import base64
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from decisionaid.content.model import Content
from decisionaid.health_record import HealthRecordSettings
from decisionaid.services.export import USER_SYSTEM, _StoredVisit, questionnaire_responses

DOCUMENT_SYSTEM = "urn:decisionaid:document"
RESPONSE_SYSTEM = "urn:decisionaid:questionnaire-response"
# The kind of page: the one printed or saved, and the one with the decision once reviewed.
KINDS = {"printed": "report", "saved": "report", "reviewed": "reviewed"}
TITLES = {"report": "Decision support visit: one-page report",
          "reviewed": "Decision support visit: one-page report with the shared decision"}
LOINC = {"system": "http://loinc.org", "code": "51855-5", "display": "Patient Note"}


@dataclass(frozen=True)
class ChartPacket:
    """One visit's delivery: the PDF, the transaction bundle and the folder's file name."""

    pdf: bytes
    bundle: dict
    file_name: str
    document_identifier: str


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def document_identifier(visit_id: int, event: str) -> str:
    return f"visit-{visit_id}-{KINDS[event]}"


def _safe(text: str) -> str:
    # A file name part: letters, digits, dot, dash and underscore only.
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "none"


def _record_number(visit: _StoredVisit) -> str | None:
    """The schedule's record number when the visit is linked to an appointment (a guest's
    too), else the profile's clinic id."""
    return visit.identity.record_number or visit.clinic_id


def _born(visit: _StoredVisit):
    return visit.identity.date_of_birth or visit.date_of_birth


def file_name(settings: HealthRecordSettings, visit: _StoredVisit, event: str) -> str:
    """The clinic's pattern filled in, e.g. ``A1234_2026-12-07_12_report.pdf``."""
    record, born = _record_number(visit), _born(visit)
    values = {
        "record_number": _safe(record or "no-record-number"),
        "clinic_id": _safe(record or "no-record-number"),
        "date": visit.started_at.astimezone().date().isoformat(),
        "visit": str(visit.id),
        "kind": KINDS[event],
        "birth_date": born.isoformat() if born else "unknown",
    }
    return _safe(settings.file_name.format(**values))


def _patient(settings: HealthRecordSettings, visit: _StoredVisit) -> dict:
    patient: dict = {"resourceType": "Patient"}
    identifiers = []
    record = _record_number(visit)
    if record and settings.record_number_system:
        identifiers.append({"use": "usual", "system": settings.record_number_system,
                            "value": record})
    if visit.pseudonym:
        identifiers.append({"system": USER_SYSTEM, "value": visit.pseudonym})
    if identifiers:
        patient["identifier"] = identifiers
    if visit.identity.appointment_at is not None and visit.identity.name:
        patient["name"] = [{"text": visit.identity.name}]  # as the clinic's schedule names them
    elif visit.first_name:
        patient["name"] = [{"given": [visit.first_name]}]
    if _born(visit):
        patient["birthDate"] = _born(visit).isoformat()
    return patient


def build_packet(settings: HealthRecordSettings, content: Content | None, visit: _StoredVisit,
                 event: str, pdf: bytes, *, encounter: str | None = None,
                 appointment: str | None = None) -> ChartPacket:
    """The delivery for ``visit`` after ``event`` (printed, saved or reviewed). ``encounter``
    and ``appointment``: references ("Encounter/…") when the visit is linked to one."""
    kind = KINDS[event]
    doc_id = document_identifier(visit.id, event)
    patient = _patient(settings, visit)
    entries: list[dict] = []
    contained: list[dict] = []
    record = _record_number(visit)
    if record and settings.record_number_system:
        patient_url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{settings.record_number_system}|{record}')}"
        entries.append({
            "fullUrl": patient_url,
            "resource": patient,
            "request": {"method": "POST", "url": "Patient",
                        "ifNoneExist": f"identifier={settings.record_number_system}|{record}"},
        })
        subject: dict = {"reference": patient_url}
    else:
        contained.append({**patient, "id": "patient"})
        subject = {"reference": "#patient"}
    context: dict = {}
    if encounter:
        context["encounter"] = [{"reference": encounter}]
    if appointment:
        context["related"] = [{"reference": appointment}]
    document: dict = {
        "resourceType": "DocumentReference",
        "identifier": [{"system": DOCUMENT_SYSTEM, "value": doc_id}],
        "status": "current",
        "type": {"coding": [LOINC], "text": TITLES[kind]},
        "subject": subject,
        "date": _iso(visit.finished_at or visit.started_at),
        "description": TITLES[kind],
        "content": [{"attachment": {
            "contentType": "application/pdf",
            "data": base64.b64encode(pdf).decode("ascii"),
            "title": file_name(settings, visit, event),
            "creation": _iso(visit.finished_at or visit.started_at),
        }}],
    }
    if contained:
        document["contained"] = contained
    if context:
        document["context"] = context
    entries.append({"resource": document, "request": {
        "method": "PUT", "url": f"DocumentReference?identifier={DOCUMENT_SYSTEM}|{doc_id}"}})
    for response in questionnaire_responses(visit, content, include_names=False):
        qid = response.pop("id").removeprefix(f"visit-{visit.id}-")
        response_id = f"visit-{visit.id}-{qid}"
        response["identifier"] = {"system": RESPONSE_SYSTEM, "value": response_id}
        response["subject"] = subject
        if contained:
            response["contained"] = [dict(c) for c in contained]
        if encounter:
            response["encounter"] = {"reference": encounter}
        entries.append({"resource": response, "request": {
            "method": "PUT", "url": f"QuestionnaireResponse?identifier={RESPONSE_SYSTEM}|{response_id}"}})
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": entries}
    return ChartPacket(pdf, bundle, file_name(settings, visit, event), doc_id)
