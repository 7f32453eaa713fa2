"""The day's schedule as the clinic's systems write it: a CSV export with the columns named in
the configuration, or a FHIR R4 bundle of ``Appointment``s with their ``Patient`` and
``Practitioner``. Plain parsing, no database: each file gives the appointments it holds and
one line per row it could not read (``FILE:LINE: what is wrong``), so the rest still comes in.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from decisionaid.config import AppointmentSettings
from decisionaid.errors import UserError
from decisionaid.i18n import N_, _

SCHEDULE_SUFFIXES = (".csv", ".json")


@dataclass(frozen=True)
class ScheduledVisit:
    """One appointment read from a schedule file."""

    source_key: str  # the schedule's own id for it (see storage.models.Appointment)
    starts_at: datetime  # aware UTC
    given_name: str
    family_name: str
    date_of_birth: date
    prescriber: str
    visit_type: str
    record_number: str | None = None
    patient_ref: str | None = None  # FHIR "Patient/123", when the schedule gave one
    prescriber_ref: str | None = None


@dataclass(frozen=True)
class ScheduleFile:
    path: Path
    kind: str  # csv | fhir
    visits: tuple[ScheduledVisit, ...] = ()
    problems: tuple[str, ...] = field(default=())  # "FILE:LINE: what is wrong", one a row


class ScheduleUnreadable(UserError):
    """The whole file could not be read (missing, not UTF-8, not a schedule)."""


def read_schedule(path: Path, settings: AppointmentSettings) -> ScheduleFile:
    """The appointments in ``path``: FHIR JSON (``.json``) or CSV (anything else)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ScheduleUnreadable(_("{path}: no such file", path=path)) from None
    except UnicodeDecodeError:
        raise ScheduleUnreadable(_("{path}: not UTF-8 text; export the schedule as UTF-8",
                                   path=path)) from None
    except OSError as e:
        raise ScheduleUnreadable(_("{path}: cannot read ({strerror})",
                                   path=path, strerror=e.strerror)) from None
    if Path(path).suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _read_fhir(Path(path), text)
    return _read_csv(Path(path), text, settings)


# --- names, dates, times ------------------------------------------------------------------------
def split_name(name: str) -> tuple[str, str]:
    """(given, family) from "Family, Given" or "Given Family"."""
    name = " ".join(name.split())
    if "," in name:
        family, _comma, given = name.partition(",")
        return given.strip(), family.strip()
    given, _space, family = name.partition(" ")
    return given, family


def _date(text: str, formats: tuple[str, ...], what: str) -> date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", *formats):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("{what} {text!r} is not a date in the form {formats}", what=_(what),
                       text=text, formats=_(" or ").join(_shown(f) for f in formats)))


def _time(day: date, text: str, formats: tuple[str, ...]) -> datetime:
    text = " ".join(text.split())
    for fmt in formats:
        try:
            moment = datetime.combine(day, datetime.strptime(text, fmt).time())
        except ValueError:
            continue
        return moment.astimezone().astimezone(UTC)  # the clinic's local time
    raise ValueError(_("time {text!r} is not a time in the form {formats}",
                       text=text, formats=_(" or ").join(_shown(f) for f in formats)))


def _shown(fmt: str) -> str:
    words = {"%Y": "YYYY", "%m": "MM", "%d": "DD", "%H": "HH", "%I": "hh", "%M": "MM",
             "%p": "AM/PM", "%y": "YY"}
    return re.sub(r"%[A-Za-z]", lambda m: words.get(m.group(0), m.group(0)), fmt)


def _digest(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]


# --- CSV ----------------------------------------------------------------------------------------
def _read_csv(path: Path, text: str, settings: AppointmentSettings) -> ScheduleFile:
    reader = csv.reader(text.splitlines(), delimiter=settings.delimiter)
    header = next(reader, None)
    if not header:
        raise ScheduleUnreadable(_("{path}: empty file; a schedule CSV starts with a header line",
                                   path=path))
    columns = {name.strip(): i for i, name in enumerate(header)}
    wanted = dict(settings.columns)
    needed = ["date_of_birth", "time", "prescriber"]
    needed += ["given_name", "family_name"] if "name" not in wanted else ["name"]
    missing = [wanted[f] for f in needed if wanted.get(f) not in columns]
    if missing:
        raise ScheduleUnreadable(
            _("{path}:1: no column named {missing!r}; the header has {columns} (map the columns "
              "under [appointments.columns] in the configuration)", path=path, missing=missing[0],
              columns=', '.join(repr(c) for c in columns) or _("no columns")))
    visits, problems = [], []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row=row) -> str:
            index = columns.get(wanted.get(name, ""))
            return row[index].strip() if index is not None and index < len(row) else ""

        try:
            visits.append(_csv_visit(cell, settings))
        except ValueError as e:
            problems.append(f"{path}:{line}: {e}")
    return ScheduleFile(path, "csv", tuple(visits), tuple(problems))


def _csv_visit(cell, settings: AppointmentSettings) -> ScheduledVisit:
    if settings.column("name"):
        given, family = split_name(cell("name"))
    else:
        given, family = " ".join(cell("given_name").split()), " ".join(cell("family_name").split())
    if not given:
        raise ValueError(_("no name"))
    born = _date(cell("date_of_birth"), settings.date_formats, N_("date of birth"))
    when = cell("time")
    if cell("date"):
        starts = _time(_date(cell("date"), settings.date_formats, N_("date")), when,
                       settings.time_formats)
    else:  # one column holding the date and the time
        day, _space, clock = when.partition(" ")
        if not clock:
            raise ValueError(_("time {when!r} has no date (map a date column, or export both)",
                               when=when))
        starts = _time(_date(day, settings.date_formats, N_("date")), clock, settings.time_formats)
    prescriber = " ".join(cell("prescriber").split())
    if not prescriber:
        raise ValueError(_("no prescriber"))
    record = cell("record_number") or None
    key = cell("id")
    source_key = f"csv:{key}" if key else "csv:" + _digest(starts.isoformat(), given.casefold(),
                                                            family.casefold(), born)
    return ScheduledVisit(source_key, starts, given[:80], family[:80], born, prescriber[:120],
                          (cell("visit_type") or "")[:80], record and record[:40])


# --- FHIR R4 ------------------------------------------------------------------------------------
def _line_of(text: str, resource_type: str, resource_id: str | None) -> int:
    """The line a resource's id is on in the file (1 when it cannot be found)."""
    if resource_id:
        found = re.search(r'"id"\s*:\s*"' + re.escape(resource_id) + '"', text)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return 1


def _human_name(resource: dict) -> tuple[str, str]:
    names = resource.get("name") or []
    name = next((n for n in names if n.get("use") == "official"), names[0] if names else {})
    given = " ".join(name.get("given") or [])
    family = name.get("family") or ""
    if not given and not family and name.get("text"):
        return split_name(name["text"])
    return given, family


def _record_number(patient: dict) -> str | None:
    identifiers = patient.get("identifier") or []
    for identifier in identifiers:
        codes = (identifier.get("type") or {}).get("coding") or []
        if any(c.get("code") == "MR" for c in codes) and identifier.get("value"):
            return str(identifier["value"])[:40]
    first = next((i for i in identifiers if i.get("value")), None)
    return str(first["value"])[:40] if first else None


def _concept(value: dict | list | None) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if not value:
        return ""
    coding = value.get("coding") or [{}]
    return value.get("text") or coding[0].get("display") or coding[0].get("code") or ""


def _read_fhir(path: Path, text: str) -> ScheduleFile:
    try:
        bundle = json.loads(text)
    except json.JSONDecodeError as e:
        raise ScheduleUnreadable(_("{path}:{lineno}: not valid JSON ({msg})",
                                   path=path, lineno=e.lineno, msg=e.msg)) from None
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise ScheduleUnreadable(_("{path}: not a FHIR Bundle (resourceType is {kind!r})",
                                   path=path, kind=bundle.get('resourceType')
                                   if isinstance(bundle, dict) else None))
    resources: dict[str, dict] = {}
    appointments = []
    for entry in bundle.get("entry") or []:
        resource = entry.get("resource") or {}
        kind, rid = resource.get("resourceType"), resource.get("id")
        if entry.get("fullUrl"):
            resources[entry["fullUrl"]] = resource
        if kind and rid:
            resources[f"{kind}/{rid}"] = resource
        if kind == "Appointment":
            appointments.append(resource)
    visits, problems = [], []
    for appointment in appointments:
        line = _line_of(text, "Appointment", appointment.get("id"))
        try:
            visits.append(_fhir_visit(appointment, resources))
        except ValueError as e:
            problems.append(f"{path}:{line}: Appointment/{appointment.get('id', '?')}: {e}")
    return ScheduleFile(path, "fhir", tuple(visits), tuple(problems))


def _fhir_visit(appointment: dict, resources: dict[str, dict]) -> ScheduledVisit:
    if appointment.get("status") in ("cancelled", "entered-in-error", "noshow"):
        raise ValueError(_("status is {status}, not imported",
                           status=appointment['status']))
    patient = practitioner = None
    patient_ref = practitioner_ref = None
    practitioner_name = ""
    for participant in appointment.get("participant") or []:
        actor = participant.get("actor") or {}
        reference = actor.get("reference") or ""
        if reference.startswith("Patient/") or resources.get(reference, {}).get(
                "resourceType") == "Patient":
            patient, patient_ref = resources.get(reference), reference
        elif reference.startswith("Practitioner/") or resources.get(reference, {}).get(
                "resourceType") == "Practitioner":
            practitioner, practitioner_ref = resources.get(reference), reference
            practitioner_name = actor.get("display") or ""
    if patient is None:
        raise ValueError(_("no Patient in the bundle for this appointment"))
    given, family = _human_name(patient)
    if not given:
        raise ValueError(_("{patient_ref} has no name", patient_ref=patient_ref))
    if not patient.get("birthDate"):
        raise ValueError(_("{patient_ref} has no birthDate", patient_ref=patient_ref))
    born = _date(patient["birthDate"], (), "birthDate")
    if not appointment.get("start"):
        raise ValueError(_("no start time"))
    try:
        starts = datetime.fromisoformat(appointment["start"].replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(_("start {start!r} is not a FHIR instant",
                           start=appointment['start'])) from None
    starts = (starts if starts.tzinfo else starts.astimezone()).astimezone(UTC)
    if practitioner is not None:
        name = (practitioner.get("name") or [{}])[0]
        practitioner_name = name.get("text") or " ".join(
            [*(name.get("prefix") or []), *(name.get("given") or []), name.get("family") or ""]
        ).strip() or practitioner_name
    if not practitioner_name:
        raise ValueError(_("no Practitioner (the prescriber) for this appointment"))
    visit_type = _concept(appointment.get("appointmentType")) or _concept(
        appointment.get("serviceType"))
    if patient_ref and patient_ref.startswith("urn:"):
        patient_ref = f"Patient/{patient['id']}" if patient.get("id") else None
    if practitioner_ref and practitioner_ref.startswith("urn:"):
        practitioner_ref = f"Practitioner/{practitioner['id']}" \
            if practitioner and practitioner.get("id") else None
    # "fhir:" + the schedule's own Appointment id, which the health record can be pointed
    # back to; without one, a digest under a prefix of its own (it is no FHIR id).
    key = (f"fhir:{appointment['id']}" if appointment.get("id")
           else "fhir-digest:" + _digest(starts.isoformat(), given, family, born))
    return ScheduledVisit(key, starts, given[:80], family[:80], born,
                          " ".join(practitioner_name.split())[:120], visit_type[:80],
                          _record_number(patient), patient_ref, practitioner_ref)
