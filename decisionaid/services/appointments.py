"""Today's appointments: imported from the clinic's schedule, shown on the Today board, linked
to the visits people make at the kiosk.

A schedule file comes in by hand (``decisionaid appointments import FILE``) or by itself from a
watched folder (``ScheduleFolder``). An appointment already held (the same schedule id, or the
same time, name and date of birth from another export of the same day) is updated in place,
so importing a day again, or from CSV and from FHIR, gives the same board.

A visit is linked to an appointment by a peer worker (one tap, which also marks the person
arrived) or by itself when a signed-in person's name and date of birth match exactly one of
today's appointments not yet linked. The kiosk is never told: linking happens inside the visit
service's own transaction and returns nothing to the screen.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from decisionaid.config import AppointmentSettings
from decisionaid.errors import UserError
from decisionaid.i18n import N_, _
from decisionaid.services import audit, roles
from decisionaid.services.clock import Clock, local_day_bounds, utc_now
from decisionaid.services.profiles import name_key
from decisionaid.services.schedule_files import (
    SCHEDULE_SUFFIXES,
    ScheduledVisit,
    ScheduleUnreadable,
    read_schedule,
)
from decisionaid.storage import Database
from decisionaid.storage.models import Appointment, ServiceUser
from decisionaid.storage.models import Visit as VisitRow

IMPORTED = "appointments-import"
LINKED = "appointment-linked"
ARRIVED = "appointment-arrived"
# Where an appointment is in the day, in the order the board's words list them.
STATUSES = ("expected", "arrived", "at_kiosk", "report_ready", "seen")


@dataclass(frozen=True)
class ImportResult:
    file: Path
    kind: str  # csv | fhir
    added: int
    updated: int
    problems: tuple[str, ...]  # "FILE:LINE: what is wrong", one per row left out

    def summary(self) -> str:
        return _("{file}: {added} appointments added, {updated} updated, {left_out} rows not "
                 "imported", file=self.file, added=self.added, updated=self.updated,
                 left_out=len(self.problems))


@dataclass(frozen=True)
class AppointmentLine:
    """One of today's appointments, as the Today board shows it."""

    id: int
    starts_at: datetime
    name: str  # "Given Family"
    date_of_birth: date
    record_number: str | None
    prescriber: str
    visit_type: str
    status: str  # one of STATUSES
    visit_id: int | None
    arrived_at: datetime | None


@dataclass(frozen=True)
class Identifiers:
    """How a visit's person is named on every page that may enter the chart."""

    name: str | None = None  # None: a guest visit not linked to an appointment
    date_of_birth: date | None = None
    record_number: str | None = None
    appointment_at: datetime | None = None
    prescriber: str | None = None

    @property
    def initials(self) -> str:
        return "".join(part[0].upper() + "." for part in (self.name or "").split() if part)


def status_of(arrived_at: datetime | None, visit_state: str | None) -> str:
    if visit_state == "reviewed":
        return "seen"
    if visit_state in ("complete", "incomplete"):
        return "report_ready"
    if visit_state == "in_progress":
        return "at_kiosk"
    return "arrived" if arrived_at is not None else "expected"


def full_name(given: str, family: str) -> str:
    return " ".join(f"{given} {family}".split())


def _write_visit(session: Session, row: ScheduledVisit, now: datetime) -> bool:
    """Store ``row``; True when it was new."""
    found = session.scalar(select(Appointment).where(Appointment.source_key == row.source_key))
    if found is None:  # the same appointment from another export of the same day
        found = session.scalar(select(Appointment).where(
            Appointment.starts_at == row.starts_at,
            Appointment.name_key == name_key(row.given_name),
            func.lower(Appointment.family_name) == row.family_name.lower(),
            Appointment.date_of_birth == row.date_of_birth,
        ))
    values = dict(
        starts_at=row.starts_at, given_name=row.given_name, family_name=row.family_name,
        name_key=name_key(row.given_name), date_of_birth=row.date_of_birth,
        record_number=row.record_number, prescriber=row.prescriber, visit_type=row.visit_type,
        imported_at=now,
    )
    if found is None:
        session.add(Appointment(source_key=row.source_key, patient_ref=row.patient_ref,
                                prescriber_ref=row.prescriber_ref, **values))
        return True
    for key, value in values.items():
        setattr(found, key, value)
    # A reference from either export is kept: the other may not carry it.
    found.record_number = row.record_number or found.record_number
    found.patient_ref = row.patient_ref or found.patient_ref
    found.prescriber_ref = row.prescriber_ref or found.prescriber_ref
    return False


def link_signed_in(session: Session, visit_id: int, service_user_id: int, now: datetime) -> None:
    """Inside the visit's own transaction: link it to the one appointment today, not yet
    linked, whose name and date of birth are the person's. Two or none: nothing (a peer
    worker links by hand)."""
    person = session.get(ServiceUser, service_user_id)
    if person is None:
        return
    start, end = local_day_bounds(now)
    matches = session.scalars(select(Appointment).where(
        Appointment.name_key == person.name_key,
        Appointment.date_of_birth == person.date_of_birth,
        Appointment.starts_at >= start, Appointment.starts_at < end,
        Appointment.visit_id.is_(None),
    ).limit(2)).all()
    if len(matches) != 1:
        return
    matches[0].visit_id = visit_id
    matches[0].arrived_at = matches[0].arrived_at or now
    audit.record(session, LINKED, at=now, actor="kiosk", visit_id=visit_id,
                 service_user_id=service_user_id, appointment_id=matches[0].id, how="name-dob")


def identifiers_for(session: Session, visit_id: int, *, schedule: bool = True) -> Identifiers:
    """The person's identifiers for a visit: the appointment's when linked (a guest gets
    them too), else the profile's first name, date of birth and clinic id. ``schedule=False``:
    the profile's alone, for anything shown at the kiosk."""
    return identifiers_of(session, [visit_id], schedule=schedule).get(visit_id, Identifiers(None))


def identifiers_of(session: Session, visit_ids: list[int], *,
                   schedule: bool = True) -> dict[int, Identifiers]:
    """``identifiers_for`` for many visits in one query."""
    if not visit_ids:
        return {}
    found = {}
    for visit_id, person, appointment in session.execute(
        select(VisitRow.id, ServiceUser, Appointment)
        .outerjoin(ServiceUser, ServiceUser.id == VisitRow.service_user_id)
        .outerjoin(Appointment, Appointment.visit_id == VisitRow.id)
        .where(VisitRow.id.in_(visit_ids))
    ):
        if appointment is not None and schedule:
            found[visit_id] = Identifiers(
                full_name(appointment.given_name, appointment.family_name),
                appointment.date_of_birth,
                appointment.record_number or (person.clinic_id if person else None),
                appointment.starts_at, appointment.prescriber)
        elif person is not None:
            found[visit_id] = Identifiers(person.first_name, person.date_of_birth,
                                          person.clinic_id)
        else:
            found[visit_id] = Identifiers(None)
    return found


def appointment_lines(session: Session, start: datetime, end: datetime) -> list[AppointmentLine]:
    """The appointments from ``start`` to ``end``, earliest first, each with its status."""
    query = (
        select(Appointment, VisitRow.state)
        .outerjoin(VisitRow, VisitRow.id == Appointment.visit_id)
        .where(Appointment.starts_at >= start, Appointment.starts_at < end)
        .order_by(Appointment.starts_at, Appointment.family_name, Appointment.id)
    )
    return [
        AppointmentLine(a.id, a.starts_at, full_name(a.given_name, a.family_name),
                        a.date_of_birth, a.record_number, a.prescriber, a.visit_type,
                        status_of(a.arrived_at, state), a.visit_id, a.arrived_at)
        for a, state in session.execute(query)
    ]


class Appointments:
    def __init__(self, db: Database, *, clock: Clock = utc_now):
        self.db = db
        self.clock = clock

    def import_file(self, path: Path, settings: AppointmentSettings, *,
                    by: object | None = None) -> ImportResult:
        """Import a schedule file: every good row stored, each bad one reported with its
        file and line. Raises ``ScheduleUnreadable`` when the file as a whole cannot be read."""
        who = roles.require(roles.caller(by), roles.PEER_WORK, N_("import the schedule"))
        schedule = read_schedule(Path(path), settings)
        now = self.clock()

        def work(session: Session) -> tuple[int, int]:
            added = sum(_write_visit(session, row, now) for row in schedule.visits)
            audit.record(session, IMPORTED, at=now, kind=schedule.kind, added=added,
                         updated=len(schedule.visits) - added,
                         bad_rows=len(schedule.problems), **roles.audit_fields(who))
            return added, len(schedule.visits) - added

        added, updated = self.db.write(work)
        return ImportResult(Path(path), schedule.kind, added, updated, schedule.problems)

    def today(self) -> list[AppointmentLine]:
        """Today's appointments, earliest first, with where each person is in their visit."""
        start, end = local_day_bounds(self.clock())
        return self.db.read(lambda session: appointment_lines(session, start, end))

    def link(self, appointment_id: int, visit_id: int, *, by: object | None = None) -> None:
        """Link a visit to an appointment and mark the person arrived."""
        who = roles.require(roles.caller(by), roles.PEER_WORK, N_("link a visit to an appointment"))
        now = self.clock()

        def work(session: Session) -> None:
            appointment = session.get(Appointment, appointment_id)
            visit = session.get(VisitRow, visit_id)
            if appointment is None or visit is None:
                raise UserError(_("that appointment or visit is no longer there; refresh the board"))
            if appointment.visit_id not in (None, visit_id):
                raise UserError(_("this appointment is already linked to visit {visit_id}",
                                  visit_id=appointment.visit_id))
            other = session.scalar(select(Appointment).where(Appointment.visit_id == visit_id,
                                                             Appointment.id != appointment_id))
            if other is not None:  # a visit belongs to one appointment: the peer's choice wins
                other.visit_id = None
                session.flush()
            appointment.visit_id = visit_id
            appointment.arrived_at = appointment.arrived_at or now
            audit.record(session, LINKED, at=now, visit_id=visit_id,
                         service_user_id=visit.service_user_id, appointment_id=appointment_id,
                         how="peer", **roles.audit_fields(who))

        self.db.write(work)

    def mark_arrived(self, appointment_id: int, *, by: object | None = None) -> None:
        who = roles.require(roles.caller(by), roles.PEER_WORK, N_("mark an arrival"))
        now = self.clock()

        def work(session: Session) -> None:
            appointment = session.get(Appointment, appointment_id)
            if appointment is None:
                raise UserError(_("that appointment is no longer there; refresh the board"))
            appointment.arrived_at = appointment.arrived_at or now
            audit.record(session, ARRIVED, at=now, appointment_id=appointment_id,
                         visit_id=appointment.visit_id, **roles.audit_fields(who))

        self.db.write(work)

    def identifiers(self, visit_id: int) -> Identifiers:
        return self.db.read(lambda session: identifiers_for(session, visit_id))


class ScheduleFolder:
    """A folder the clinic's system drops schedule exports into. ``poll`` (called on the
    station's timer) imports each file and moves it to ``done/`` (with a ``.problems.txt``
    beside it when some rows were left out) or, when nothing in it could be read, ``failed/``."""

    def __init__(self, appointments: Appointments, settings: AppointmentSettings,
                 folder: Path, *, by: object | None = None):
        self.appointments = appointments
        self.settings = settings
        self.folder = Path(folder)
        self.by = by

    def waiting(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir()
                      if p.is_file() and p.suffix.lower() in SCHEDULE_SUFFIXES
                      and not p.name.startswith("."))

    def poll(self) -> list[ImportResult | str]:
        """Import every waiting file: an ``ImportResult`` each, or the line saying why a file
        could not be read at all."""
        results: list[ImportResult | str] = []
        for path in self.waiting():
            try:
                result = self.appointments.import_file(path, self.settings, by=self.by)
            except ScheduleUnreadable as e:
                self._move(path, "failed", (str(e),))
                results.append(str(e))
                continue
            failed = not (result.added or result.updated) and bool(result.problems)
            self._move(path, "failed" if failed else "done", result.problems)
            results.append(result)
        return results

    def _move(self, path: Path, where: str, problems: tuple[str, ...]) -> None:
        target = self.folder / where
        target.mkdir(mode=0o700, exist_ok=True)
        stamp = self.appointments.clock().astimezone().strftime("%Y%m%d-%H%M%S")
        moved = target / f"{path.stem}.{stamp}{path.suffix}"
        shutil.move(str(path), moved)
        if problems:
            moved.with_suffix(".problems.txt").write_text("\n".join(problems) + "\n",
                                                          encoding="utf-8")
