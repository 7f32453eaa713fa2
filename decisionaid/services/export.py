"""Exporting stored answers: FHIR R4 QuestionnaireResponse resources in a Bundle, or CSV.

FHIR: one QuestionnaireResponse per visit and questionnaire. ``questionnaire`` is the
Questionnaire's ``url|version`` (the version the visit answered), items are flat with
``linkId`` = item id, and answers are ``valueCoding`` (system = the questionnaire url, code = the
option value as text) for scale, choice and multi items, ``valueBoolean`` for yes/no and
``valueString`` for text — the same scheme ``decisionaid export-questionnaires`` writes. The
responses of one visit share an ``identifier`` system ``urn:decisionaid:visit`` value.

CSV: one row per answer. The service user appears only as a pseudonym (a random id), unless
names are asked for. Only an admin (or the command line) may export. Every export is
audit-logged: one event with the counts, and one against each person it contains, so "Who has
looked at my information" shows it.
"""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from decisionaid.content.model import Content, Item, text_in
from decisionaid.errors import UserError
from decisionaid.files import write_private
from decisionaid.i18n import N_, _
from decisionaid.services import audit, roles
from decisionaid.services.appointments import Identifiers, identifiers_of
from decisionaid.services.clock import Clock, utc_now
from decisionaid.storage import Database
from decisionaid.storage import repository as repo
from decisionaid.storage.models import Answer, ServiceUser, Visit

FORMATS = ("fhir", "csv")
VISIT_SYSTEM = "urn:decisionaid:visit"
USER_SYSTEM = "urn:decisionaid:service-user"
FHIR_STATUS = {
    "in_progress": "in-progress",
    "incomplete": "stopped",
    "complete": "completed",
    "reviewed": "completed",
}
CSV_COLUMNS = [
    "visit_id",
    "visit_state",
    "visit_started_at",
    "user",
    "questionnaire_id",
    "questionnaire_version",
    "item_id",
    "value",
    "answered_at",
]
# With names: the profile's first name and clinic id, and the two identifiers the chart uses
# (from the appointment when the visit is linked to one, a guest's too).
NAME_COLUMNS = ["first_name", "date_of_birth", "clinic_id", "name", "record_number",
                "appointment_at", "prescriber"]
_BATCH = 500


@dataclass(frozen=True)
class ExportResult:
    path: Path
    visits: int
    answers: int


@dataclass(frozen=True)
class _StoredAnswer:
    questionnaire_id: str
    version: int
    item_id: str
    value: object
    answered_at: datetime


@dataclass(frozen=True)
class _StoredVisit:
    id: int
    state: str
    language: str
    started_at: datetime
    finished_at: datetime | None
    pseudonym: str | None
    first_name: str | None
    date_of_birth: date | None
    clinic_id: str | None
    service_user_id: int | None
    answers: list[_StoredAnswer]
    identity: Identifiers = field(default_factory=Identifiers)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _visits(db: Database, since: date | None, only: int | None = None) -> Iterator[_StoredVisit]:
    """Visits started on or after ``since`` (local midnight), oldest first, in batches
    (``only``: that one visit)."""
    cutoff = datetime.combine(since, time(0)).astimezone().astimezone(UTC) if since else None
    last_id = 0
    while True:

        def batch(session: Session, after: int = last_id) -> list[_StoredVisit]:
            query = (
                select(
                    Visit.id,
                    Visit.state,
                    Visit.language,
                    Visit.started_at,
                    Visit.finished_at,
                    ServiceUser.pseudonym,
                    ServiceUser.first_name,
                    ServiceUser.date_of_birth,
                    ServiceUser.clinic_id,
                    Visit.service_user_id,
                )
                .outerjoin(ServiceUser, ServiceUser.id == Visit.service_user_id)
                .where(Visit.id > after)
                .order_by(Visit.id)
                .limit(_BATCH)
            )
            if cutoff is not None:
                query = query.where(Visit.started_at >= cutoff)
            if only is not None:
                query = query.where(Visit.id == only)
            rows = session.execute(query).all()
            answers: dict[int, list[_StoredAnswer]] = {r.id: [] for r in rows}
            if rows:
                for a in session.execute(
                    select(Answer).where(Answer.visit_id.in_(list(answers))).order_by(Answer.id)
                ).scalars():
                    answers[a.visit_id].append(
                        _StoredAnswer(
                            a.questionnaire_id,
                            a.questionnaire_version,
                            a.item_id,
                            repo.decode(a.value),
                            a.answered_at,
                        )
                    )
            who = identifiers_of(session, list(answers))
            return [_StoredVisit(*r, answers[r.id], who.get(r.id, Identifiers(None)))
                    for r in rows]

        rows = db.read(batch)
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


def stored_visit(db: Database, visit_id: int) -> _StoredVisit | None:
    """One visit with its answers and its person's profile, as exports read it."""
    return next(_visits(db, None, only=visit_id), None)


def _item(content: Content | None, questionnaire_id: str, item_id: str) -> Item | None:
    if content is None:
        return None
    try:
        return content.questionnaire(questionnaire_id).item(item_id)
    except KeyError:
        return None


def questionnaire_url(content: Content | None, questionnaire_id: str) -> str:
    if content is not None:
        try:
            return content.questionnaire(questionnaire_id).url
        except KeyError:
            pass
    return f"urn:decisionaid:questionnaire:{questionnaire_id}"  # a questionnaire since removed


def _fhir_answers(url: str, item: Item | None, value: object, language: str) -> list[dict]:
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        if isinstance(v, bool):
            out.append({"valueBoolean": v})
        elif (item.type == "text") if item is not None else isinstance(value, str):
            # Without the item (a questionnaire since removed) a lone string reads as text.
            out.append({"valueString": str(v)})
        else:
            coding: dict = {"system": url, "code": str(v)}
            option = item.option(v) if item is not None else None
            if option is not None:
                coding["display"] = text_in(option.label, language)
            out.append({"valueCoding": coding})
    return out


def questionnaire_responses(
    visit: _StoredVisit, content: Content | None, include_names: bool
) -> list[dict]:
    by_questionnaire: dict[str, list[_StoredAnswer]] = {}
    for a in visit.answers:
        by_questionnaire.setdefault(a.questionnaire_id, []).append(a)
    resources = []
    for qid, answers in by_questionnaire.items():
        url = questionnaire_url(content, qid)
        order = {}
        if content is not None:
            with contextlib.suppress(KeyError):
                order = {i.id: n for n, i in enumerate(content.questionnaire(qid).items)}
        answers = sorted(answers, key=lambda a: (order.get(a.item_id, len(order)), a.item_id))
        resource: dict = {
            "resourceType": "QuestionnaireResponse",
            "id": f"visit-{visit.id}-{qid}",
            "identifier": {"system": VISIT_SYSTEM, "value": str(visit.id)},
            "questionnaire": f"{url}|{answers[0].version}",
            "status": FHIR_STATUS[visit.state],
            "authored": _iso(max(a.answered_at for a in answers)),
            "language": visit.language,
            "item": [
                {
                    "linkId": a.item_id,
                    "answer": _fhir_answers(
                        url, _item(content, qid, a.item_id), a.value, visit.language
                    ),
                }
                for a in answers
            ],
        }
        subject: dict = {}
        if visit.pseudonym is not None:
            subject["identifier"] = {"system": USER_SYSTEM, "value": visit.pseudonym}
        if include_names and visit.identity.name:
            subject["display"] = _display(visit.identity)
        if subject:
            resource["subject"] = subject
        resources.append(resource)
    return resources


def _display(identity: Identifiers) -> str:
    """"Rosa Martinez (born 1982-03-14, record MRN-100)": two identifiers in one line."""
    more = [f"born {identity.date_of_birth.isoformat()}" if identity.date_of_birth else "",
            f"record {identity.record_number}" if identity.record_number else ""]
    more = [m for m in more if m]
    return f"{identity.name} ({', '.join(more)})" if more else str(identity.name)


def _csv_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write_atomically(path: Path, write) -> None:
    """Write a private file (0600) through a fresh temporary name beside ``path``: a failed
    export leaves no half file, and a planted file or link is never written through."""
    path = Path(path)
    if path.is_dir():
        raise UserError(_("{path} is a folder: give a file name, e.g. -o {example}",
                          path=path, example=path / 'export.json'))
    if not path.parent.is_dir():
        raise UserError(_("the folder {parent} does not exist", parent=path.parent))
    write_private(path, write, "w", encoding="utf-8", newline="")


def export(
    db: Database,
    path: Path,
    *,
    format: str,
    content: Content | None = None,
    since: date | None = None,
    include_names: bool = False,
    by: object | None = None,
    clock: Clock = utc_now,
) -> ExportResult:
    """Write the answers of every visit since ``since`` (all if None) to ``path``. ``by``: the
    signed-in admin (None: the command line, as the operating-system user)."""
    who = roles.require(roles.caller(by), roles.ADMIN, N_("export answers"))
    if format not in FORMATS:
        raise UserError(_("unknown export format {format!r}: use fhir or csv", format=format))
    counts = {"visits": 0, "answers": 0}
    people: set[int] = set()

    def count(visit: _StoredVisit) -> _StoredVisit:
        counts["visits"] += 1
        counts["answers"] += len(visit.answers)
        if visit.service_user_id is not None:
            people.add(visit.service_user_id)
        return visit

    def write_fhir(f) -> None:
        # Streamed, so a large database is not held in memory.
        f.write('{"resourceType": "Bundle", "type": "collection", "timestamp": ')
        f.write(json.dumps(_iso(clock())) + ', "entry": [')
        first = True
        for visit in map(count, _visits(db, since)):
            for resource in questionnaire_responses(visit, content, include_names):
                f.write("" if first else ",")
                first = False
                f.write("\n  " + json.dumps({"resource": resource}, ensure_ascii=False))
        f.write("\n]}\n")

    def write_csv(f) -> None:
        writer = csv.writer(f)
        writer.writerow(CSV_COLUMNS + (NAME_COLUMNS if include_names else []))
        for visit in map(count, _visits(db, since)):
            for a in visit.answers:
                row = [
                    visit.id,
                    visit.state,
                    _iso(visit.started_at),
                    visit.pseudonym or "guest",
                    a.questionnaire_id,
                    a.version,
                    a.item_id,
                    _csv_value(a.value),
                    _iso(a.answered_at),
                ]
                if include_names:
                    who = visit.identity
                    born = who.date_of_birth or visit.date_of_birth
                    row += [
                        visit.first_name or "",
                        born.isoformat() if born else "",
                        visit.clinic_id or "",
                        who.name or "",
                        who.record_number or "",
                        _iso(who.appointment_at) if who.appointment_at else "",
                        who.prescriber or "",
                    ]
                writer.writerow(row)

    _write_atomically(path, write_fhir if format == "fhir" else write_csv)
    now = clock()

    def record(session: Session) -> None:
        fields = roles.audit_fields(who)
        audit.record(session, audit.EXPORT, at=now, format=format, visits=counts["visits"],
                     answers=counts["answers"], names=include_names,
                     since=since.isoformat() if since else None, people=len(people), **fields)
        for person in sorted(people):
            audit.record(session, audit.EXPORTED_PERSON, at=now, service_user_id=person,
                         format=format,
                         names=include_names, **fields)

    try:
        db.write(record)
    except BaseException:
        # Who was exported is only known once written: no copy stays without its record.
        Path(path).unlink(missing_ok=True)
        raise
    return ExportResult(Path(path), counts["visits"], counts["answers"])
