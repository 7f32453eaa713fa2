"""Possible duplicates: profiles with the same name and date of birth, and joining them.

Sign-up at the kiosk never says that someone already has the details typed (see
``profiles``), so one person may end up with two profiles (they forgot their PIN and signed up
again), or two people may share a name and a birthday. Only a peer worker, with the person in
front of them, can tell which: the station lists the others with the same details on each
person's page, and joins two profiles of one person into one, audited. The person at the kiosk
is never told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from decisionaid.errors import UserError
from decisionaid.i18n import N_, _
from decisionaid.services import audit, roles
from decisionaid.services.clock import Clock, utc_now
from decisionaid.services.profiles import UnknownProfile
from decisionaid.storage import Database
from decisionaid.storage.models import AuditEvent, ServiceUser, Visit


@dataclass(frozen=True)
class PossibleDuplicate:
    """Another profile with the same name and date of birth."""

    id: int
    first_name: str
    date_of_birth: date
    created_at: datetime
    visits: int
    last_visit: datetime | None


def possible_duplicates(db: Database, profile_id: int, *,
                        by: object | None = None) -> list[PossibleDuplicate]:
    """The other profiles with this one's name and date of birth, oldest first."""
    roles.require(roles.caller(by), roles.PEER_WORK, N_("see possible duplicates"))

    def work(session: Session) -> list[PossibleDuplicate]:
        row = session.get(ServiceUser, profile_id)
        if row is None:
            raise UnknownProfile(profile_id)
        counts = (select(Visit.service_user_id, func.count(Visit.id).label("n"),
                         func.max(Visit.started_at).label("last"))
                  .group_by(Visit.service_user_id).subquery())
        found = session.execute(
            select(ServiceUser, counts.c.n, counts.c.last)
            .outerjoin(counts, counts.c.service_user_id == ServiceUser.id)
            .where(ServiceUser.name_key == row.name_key,
                   ServiceUser.date_of_birth == row.date_of_birth,
                   ServiceUser.id != profile_id)
            .order_by(ServiceUser.id)
        )
        return [PossibleDuplicate(other.id, other.first_name, other.date_of_birth,
                                  other.created_at, n or 0, last)
                for other, n, last in found]

    return db.read(work)


def merge(db: Database, keep_id: int, other_id: int, *, by: object,
          clock: Clock = utc_now) -> None:
    """Join ``other_id`` into ``keep_id``: its visits (and their answers, flags, reviews) and
    its history in the audit log become ``keep_id``'s, and it is deleted. ``keep_id`` keeps its
    own PIN and details. Only profiles with the same name and date of birth are joined."""
    who = roles.require(roles.caller(by), roles.PEER_WORK, N_("join two profiles"))
    if keep_id == other_id:
        raise UserError(_("a profile cannot be joined with itself"))
    now = clock()

    def work(session: Session) -> None:
        keep, other = session.get(ServiceUser, keep_id), session.get(ServiceUser, other_id)
        if keep is None or other is None:
            raise UnknownProfile(keep_id if keep is None else other_id)
        if (keep.name_key, keep.date_of_birth) != (other.name_key, other.date_of_birth):
            raise UserError(_("only profiles with the same name and date of birth can be joined"))
        moved = session.execute(update(Visit).where(Visit.service_user_id == other_id)
                                .values(service_user_id=keep_id)).rowcount
        # The person's history follows them: "who has looked" shows all of it.
        session.execute(update(AuditEvent).where(AuditEvent.service_user_id == other_id)
                        .values(service_user_id=keep_id))
        session.execute(delete(ServiceUser).where(ServiceUser.id == other_id))
        audit.record(session, audit.PROFILES_MERGED, at=now, service_user_id=keep_id,
                     merged=other_id, visits=moved, **roles.audit_fields(who))

    db.write(work)
