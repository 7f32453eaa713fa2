"""The outbox for the clinic's health record (STYLE.md, "Transactional outbox").

``enqueue`` is called inside the transaction that prints, saves or reviews a visit: one row
per configured destination, so the delivery is stored exactly when the fact is. ``ChartOutbox``
sends what is due — the page rendered from the stored visit, the answers and the
DocumentReference (services/chart_documents.py) — marks it sent, or keeps it with its error and
tries again later with exponential back-off (30 s, 1 min, 2 min… at most an hour). A refusal a
person must fix (a bad token, a certificate) waits for "Send again". It survives restarts (the
rows are in the database) and works offline (nothing is lost while a server is down); the
receiver never stores anything twice because every resource is sent with an identifier of its
own (``chart_documents``), so a delivery interrupted after the server stored it is harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from decisionaid.content.model import Content
from decisionaid.errors import UserError
from decisionaid.health_record import HealthRecordSettings
from decisionaid.i18n import N_, _
from decisionaid.services import roles
from decisionaid.services.chart_destinations import DeliveryError, destinations_for
from decisionaid.services.chart_documents import build_packet
from decisionaid.services.clock import Clock, utc_now
from decisionaid.services.export import stored_visit
from decisionaid.storage import Database
from decisionaid.storage.models import (
    DELIVERY_EVENTS,
    Appointment,
    ChartDelivery,
    ServiceUser,
    Visit,
)

log = logging.getLogger(__name__)

FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
CLAIM = timedelta(minutes=5)  # how long a sender may take before another may try
SHOWN = 200  # the station lists the newest deliveries


def enqueue(session: Session, visit_id: int, event: str, at: datetime,
            destinations: tuple[str, ...]) -> int:
    """Owe ``visit_id``'s page and answers to each destination, in the caller's transaction.
    A delivery of the same visit, event and destination still waiting is not doubled."""
    if event not in DELIVERY_EVENTS:
        raise ValueError(f"unknown delivery event {event!r}")
    added = 0
    for destination in destinations:
        waiting = session.scalar(select(ChartDelivery.id).where(
            ChartDelivery.visit_id == visit_id, ChartDelivery.event == event,
            ChartDelivery.destination == destination, ChartDelivery.state != "sent"))
        if waiting is not None:
            continue
        session.add(ChartDelivery(visit_id=visit_id, event=event, destination=destination,
                                  state="pending", created_at=at, attempts=0,
                                  next_attempt_at=at))
        added += 1
    return added


def back_off(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: 30 s, 1 min, 2 min… at most an hour."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_WAIT)


@dataclass(frozen=True)
class DeliveryLine:
    """One delivery as the station and ``decisionaid outbox status`` show it."""

    id: int
    visit_id: int
    first_name: str | None  # None: a guest
    event: str
    destination: str
    state: str  # pending | sent | failed
    created_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    sent_at: datetime | None
    error: str | None


class ChartOutbox:
    """Sends what is owed to the health record. ``make_page(visit_id, event)`` renders the PDF."""

    def __init__(self, db: Database, content: Content | None, settings: HealthRecordSettings,
                 make_page: Callable[[int], bytes], *, clock: Clock = utc_now,
                 destinations: dict[str, object] | None = None):
        self.db = db
        self.content = content
        self.settings = settings
        self.make_page = make_page
        self.clock = clock
        self.destinations = destinations if destinations is not None \
            else destinations_for(settings)

    # --- what the station shows -----------------------------------------------------------------
    def lines(self, *, by: object = None, limit: int = SHOWN) -> list[DeliveryLine]:
        """The newest deliveries: waiting and failed first, then sent."""
        roles.require(roles.caller(by), roles.PEER_WORK,
                      N_("see what was sent to the health record"))

        def work(session: Session) -> list[DeliveryLine]:
            rows = session.execute(
                select(ChartDelivery, ServiceUser.first_name)
                .join(Visit, Visit.id == ChartDelivery.visit_id)
                .outerjoin(ServiceUser, ServiceUser.id == Visit.service_user_id)
                .order_by((ChartDelivery.state == "sent"), ChartDelivery.id.desc())
                .limit(limit)).all()
            return [DeliveryLine(d.id, d.visit_id, name, d.event, d.destination, d.state,
                                 d.created_at, d.attempts, d.next_attempt_at, d.sent_at,
                                 d.last_error) for d, name in rows]

        return self.db.read(work)

    def counts(self) -> dict[str, int]:
        """How many deliveries are pending, sent and failed."""
        from sqlalchemy import func

        rows = self.db.read(lambda s: s.execute(
            select(ChartDelivery.state, func.count()).group_by(ChartDelivery.state)).all())
        return {"pending": 0, "sent": 0, "failed": 0, **{state: n for state, n in rows}}

    # --- sending --------------------------------------------------------------------------------
    def send_again(self, delivery_id: int, *, by: object = None) -> DeliveryLine:
        """A person asks for a failed (or waiting) delivery now: it is tried at once."""
        roles.require(roles.caller(by), roles.PEER_WORK,
                      N_("send a report to the health record again"))
        now = self.clock()
        done = self.db.write(lambda s: s.execute(
            update(ChartDelivery)
            .where(ChartDelivery.id == delivery_id, ChartDelivery.state != "sent")
            .values(next_attempt_at=now, claimed_until=None)).rowcount)
        if not done:
            raise UserError(_("delivery {delivery_id} is not waiting: it was sent, or is not "
                              "there", delivery_id=delivery_id))
        self._send_one(delivery_id)
        return next(line for line in self.lines(by=by, limit=10_000) if line.id == delivery_id)

    def send_due(self) -> int:
        """Send every delivery whose time has come, oldest first; returns how many were sent.
        Never raises for a delivery that fails: it is kept with its error."""
        now = self.clock()
        due = self.db.read(lambda s: list(s.scalars(
            select(ChartDelivery.id)
            .where(ChartDelivery.state != "sent", ChartDelivery.next_attempt_at <= now)
            .order_by(ChartDelivery.id))))
        return sum(self._send_one(delivery_id) for delivery_id in due)

    def _claim(self, delivery_id: int) -> ChartDelivery | None:
        now = self.clock()

        def work(session: Session):
            claimed = session.execute(
                update(ChartDelivery)
                .where(ChartDelivery.id == delivery_id, ChartDelivery.state != "sent",
                       or_(ChartDelivery.claimed_until.is_(None),
                           ChartDelivery.claimed_until <= now))
                .values(claimed_until=now + CLAIM)).rowcount
            if not claimed:
                return None
            row = session.get(ChartDelivery, delivery_id)
            session.expunge(row)
            return row

        return self.db.write(work)

    def _send_one(self, delivery_id: int) -> bool:
        row = self._claim(delivery_id)
        if row is None:
            return False  # sent meanwhile, or another sender has it
        try:
            self._deliver(row)
        except DeliveryError as e:
            self._failed(row, str(e), e.retry)
            return False
        except Exception as e:  # a page that cannot be made: kept, named, tried again later
            log.exception("a report for the health record could not be prepared")
            self._failed(row, _("the report could not be prepared ({kind}); see the log",
                                kind=type(e).__name__), True)
            return False
        now = self.clock()
        self.db.write(lambda s: s.execute(
            update(ChartDelivery).where(ChartDelivery.id == row.id)
            .values(state="sent", sent_at=now, attempts=row.attempts + 1, last_error=None,
                    next_attempt_at=None, claimed_until=None)))
        log.info("delivery %d (visit %d, %s) sent to the health record's %s", row.id,
                 row.visit_id, row.event, row.destination)
        return True

    def _deliver(self, row: ChartDelivery) -> None:
        destination = self.destinations.get(row.destination)
        if destination is None:
            raise DeliveryError(_("the destination {destination!r} is no longer configured in "
                                  "[health_record]", destination=row.destination), retry=False)
        visit = stored_visit(self.db, row.visit_id)
        if visit is None:
            raise DeliveryError(_("visit {visit_id} is no longer stored", visit_id=row.visit_id),
                                retry=False)
        packet = build_packet(self.settings, self.content, visit, row.event,
                              self.make_page(row.visit_id),
                              appointment=self._appointment(row.visit_id))
        destination.deliver(packet)

    def _appointment(self, visit_id: int) -> str | None:
        """"Appointment/ID" when the visit is linked to an appointment of the clinic's FHIR
        schedule, so the record files the page with it; None otherwise (a CSV schedule's
        appointments have no FHIR id)."""
        key = self.db.read(lambda s: s.scalar(
            select(Appointment.source_key).where(Appointment.visit_id == visit_id)))
        if key and key.startswith("fhir:"):
            return f"Appointment/{key.removeprefix('fhir:')}"
        return None

    def _failed(self, row: ChartDelivery, error: str, retry: bool) -> None:
        now = self.clock()
        attempts = row.attempts + 1
        later = now + back_off(attempts) if retry else None
        self.db.write(lambda s: s.execute(
            update(ChartDelivery).where(ChartDelivery.id == row.id)
            .values(state="failed", attempts=attempts, last_error=error[:300],
                    next_attempt_at=later, claimed_until=None)))
        log.warning("delivery %d to the health record's %s failed (try %d): %s", row.id,
                    row.destination, attempts, error)
