"""Help, one tap away: a person at a kiosk presses "I'd like help" (any screen) or "I want to
talk to someone now" (the safety screen); the peer station shows the request within seconds,
apart from safety flags, until a peer worker marks it handled.

A request holds the kiosk, the screen, the time and the visit (if the person has signed in or
chosen guest): the name shown at the station is read from the visit's profile each time, so a
purged visit takes its requests with it. Raising and handling are audit-logged.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from decisionaid.errors import UserError
from decisionaid.i18n import N_, _
from decisionaid.services import audit, reads, roles
from decisionaid.services.clock import Clock, local_day_bounds, utc_now
from decisionaid.storage import Database
from decisionaid.storage.models import HELP_KINDS, HelpRequest, ServiceUser, Visit

HELP = "help"
TALK_NOW = "talk-now"


class UnknownHelpRequest(UserError):
    def __init__(self, request_id: int):
        super().__init__(_("there is no help request {request_id}", request_id=request_id))


@dataclass(frozen=True)
class OpenHelpRequest:
    id: int
    kind: str  # help | talk-now
    kiosk: str
    screen: str  # the kiosk's name for the screen the person was on, e.g. "item:scale"
    raised_at: datetime
    visit_id: int | None
    first_name: str | None  # None: a guest, or not signed in yet (visit_id None)


def kiosk_name(configured: str | None = None) -> str:
    """The name a kiosk gives itself at the station: the configured one, else the machine's."""
    name = (configured or "").strip() or socket.gethostname() or "kiosk"
    return name[:64]


class HelpRequests:
    def __init__(self, db: Database, *, kiosk: str | None = None, clock: Clock = utc_now):
        self.db = db
        self.kiosk = kiosk_name(kiosk)
        self.clock = clock

    def ask(self, *, screen: str, visit_id: int | None = None, kind: str = HELP,
            request_key: str | None = None, raised_at: datetime | None = None) -> int:
        """Raise a request from this kiosk; returns its id. A second press while one from the
        same visit (or, before sign-in, the same kiosk) is still open adds no new one: the peer
        worker is already on the way.

        ``request_key``: the kiosk's own id for the press (``help_outbox``), so asking again
        after a lost connection finds the request instead of adding one; ``raised_at``: when
        the person pressed (default: now), kept when it is delivered later."""
        if kind not in HELP_KINDS:
            raise ValueError(f"unknown kind of help request {kind!r}")
        now = raised_at or self.clock()
        screen = screen[:40]

        def work(session: Session) -> int:
            if request_key is not None:
                known = session.scalar(select(HelpRequest.id).where(HelpRequest.request_key == request_key))
                if known is not None:
                    return known  # delivered before; the answer was lost on the way back
            same = select(HelpRequest).where(HelpRequest.handled_at.is_(None), HelpRequest.kind == kind)
            if visit_id is not None:
                same = same.where(HelpRequest.visit_id == visit_id)
            else:
                same = same.where(HelpRequest.visit_id.is_(None), HelpRequest.kiosk == self.kiosk)
            open_one = session.scalars(same.limit(1)).first()
            person = session.scalar(select(Visit.service_user_id).where(Visit.id == visit_id)) if visit_id else None
            if open_one is not None:
                open_one.screen = screen  # where to find them now
                return open_one.id
            row = HelpRequest(visit_id=visit_id, kind=kind, kiosk=self.kiosk, screen=screen, raised_at=now,
                              request_key=request_key)
            session.add(row)
            session.flush()
            audit.record(session, audit.HELP_REQUESTED, at=now, actor="kiosk", visit_id=visit_id,
                         service_user_id=person, request=row.id, kind=kind)
            return row.id

        return self.db.write(work)

    def open_requests(self, *, by: object | None = None) -> list[OpenHelpRequest]:
        """Requests not yet handled, oldest first (the one waiting longest at the top)."""
        who = roles.require(roles.caller(by), roles.PEER_WORK, N_("see help requests"))
        query = (
            select(HelpRequest, ServiceUser.first_name)
            .outerjoin(Visit, Visit.id == HelpRequest.visit_id)
            .outerjoin(ServiceUser, ServiceUser.id == Visit.service_user_id)
            .where(HelpRequest.handled_at.is_(None))
            .order_by(HelpRequest.raised_at, HelpRequest.id)
        )

        def work(session: Session) -> list[OpenHelpRequest]:
            return [
                OpenHelpRequest(r.id, r.kind, r.kiosk, r.screen, r.raised_at, r.visit_id, name)
                for r, name in session.execute(query)
            ]

        found = self.db.read(work)
        # A request names the person: recorded against their visit before it is shown.
        reads.record_once_today(self.db, who, audit.HELP_VIEW,
                                {r.visit_id: None for r in found if r.visit_id is not None},
                                local_day_bounds(self.clock())[0], self.clock())
        return found

    def handled(self, request_id: int, *, by: object | None = None) -> None:
        """A peer worker has gone to the person: the request leaves the station's list."""
        member = roles.require(roles.caller(by), roles.PEER_WORK, N_("mark help requests handled"))
        fields = roles.audit_fields(member)
        now = self.clock()

        def work(session: Session) -> None:
            row = session.get(HelpRequest, request_id)
            if row is None:
                raise UnknownHelpRequest(request_id)
            if row.handled_at is not None:
                return  # another peer worker got there first
            session.execute(update(HelpRequest).where(HelpRequest.id == request_id)
                            .values(handled_at=now, handled_by=fields["staff_id"]))
            person = session.scalar(select(Visit.service_user_id).where(Visit.id == row.visit_id))
            audit.record(session, audit.HELP_HANDLED, at=now, visit_id=row.visit_id, service_user_id=person,
                         request=request_id, **fields)

        self.db.write(work)
