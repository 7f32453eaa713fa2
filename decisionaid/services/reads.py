"""Reads of a person's data, recorded before the data is shown or printed.

Every read of someone's answers, visits or reports writes its audit row, in a transaction
that commits before the caller gets anything to show: if the row cannot be written, nothing is
shown, and a print never goes out without its record. The person can see these rows at the
kiosk ("Who has looked at my answers") and with a peer worker at the station.

Screens that refresh every few seconds (the Today board, its safety alerts, help requests,
search as one types) record each thing shown once a day per staff member: one line a day says
all there is to say.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from decisionaid.i18n import N_
from decisionaid.services import audit, roles
from decisionaid.storage import Database
from decisionaid.storage.models import AuditEvent, Staff
from decisionaid.storage.models import Visit as VisitRow


def record_report_read(db: Database, visit_id: int, *, by: object, at: datetime,
                       action: str = audit.REPORT_VIEW, **details: object) -> int | None:
    """Check ``by`` may read reports and record that this visit's report is about to be
    rendered, printed or saved (``action``), against the visit and its person; committed
    before it returns. The person's id (None for a guest visit)."""
    who = roles.require(roles.caller(by), roles.REPORTS, N_("read a report"))

    def work(session: Session) -> int | None:
        person = session.scalar(select(VisitRow.service_user_id).where(VisitRow.id == visit_id))
        audit.record(session, action, at=at, visit_id=visit_id, service_user_id=person,
                     **details, **roles.audit_fields(who))
        return person

    return db.write(work)


def record_once_today(db: Database, who: object, action: str, shown: dict,
                      day_start: datetime, now: datetime, *, by_person: bool = False) -> None:
    """Record ``action`` for each shown visit (``{visit_id: person}``; with ``by_person``,
    ``{person: None}``) not yet recorded today for ``who``."""
    if not shown:
        return
    fields = roles.audit_fields(who)
    column = AuditEvent.service_user_id if by_person else AuditEvent.visit_id
    mine = (AuditEvent.staff_id == fields["staff_id"] if fields["staff_id"] is not None
            else AuditEvent.staff_id.is_(None))
    seen_query = select(column).where(
        AuditEvent.action == action, AuditEvent.at >= day_start, mine, column.in_(list(shown)),
    )

    def work(session: Session) -> None:
        seen = set(session.scalars(seen_query))
        for key, person in sorted((k, v) for k, v in shown.items() if k not in seen):
            ids = ({"service_user_id": key} if by_person
                   else {"visit_id": key, "service_user_id": person})
            audit.record(session, action, at=now, **ids, **fields)

    db.write(work)


@dataclass(frozen=True)
class AccessEvent:
    """One event about a person or one of their visits, with who did it."""

    at: datetime
    action: str
    actor: str  # kiosk | peer | cli | system
    staff_name: str | None
    staff_role: str | None
    visit_id: int | None
    os_user: str | None  # for the command line


def access_events(session: Session, service_user_id: int, limit: int = 200,
                  actions: Iterable[str] | None = None) -> list[AccessEvent]:
    """The audit events about this person or any of their visits, newest first (only
    ``actions``, if given), with the staff member's name and role."""
    visit_ids = select(VisitRow.id).where(VisitRow.service_user_id == service_user_id)
    query = (
        select(AuditEvent, Staff.name, Staff.role)
        .outerjoin(Staff, Staff.id == AuditEvent.staff_id)
        .where(or_(AuditEvent.service_user_id == service_user_id,
                   AuditEvent.visit_id.in_(visit_ids)))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    if actions is not None:
        query = query.where(AuditEvent.action.in_(list(actions)))
    found = []
    for event, name, role in session.execute(query):
        os_user = json.loads(event.details or "{}").get("os_user")
        found.append(AccessEvent(event.at, event.action, event.actor, name, role,
                                 event.visit_id, os_user))
    return found


# Appointment events (services/appointments.py), kept off the person's own list at the kiosk.
SCHEDULE_ACTIONS = frozenset({"appointment-linked", "appointment-arrived"})


def own_access(db: Database, service_user_id: int, *, at: datetime,
               limit: int = 200) -> list[AccessEvent]:
    """For the person themself, signed in at the kiosk: what staff and the command line did
    with their data, newest first (not the kiosk's own doings, which were theirs). Their
    looking is recorded too, first."""

    def work(session: Session) -> list[AccessEvent]:
        audit.record(session, audit.OWN_LOOK, at=at, actor="kiosk",
                     service_user_id=service_user_id)
        events = access_events(session, service_user_id, limit * 2)
        # Nothing of the clinic's schedule at the kiosk: not even that a visit was linked to
        # an appointment (the station's list of who looked shows it).
        return [e for e in events
                if (e.staff_name is not None or e.actor == "cli")
                and e.action not in SCHEDULE_ACTIONS][:limit]

    return db.write(work)
