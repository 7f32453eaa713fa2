"""Retention: delete visits older than a number of days, keeping an audit event of it.

A visit goes with its answers, flags, vignette views and peer review. Profiles stay (a person
may come back); the audit log keeps its events, which hold ids and counts only: one for the
purge and one against each person whose visits went. Only an admin (or the command line) may
purge.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from decisionaid.errors import UserError
from decisionaid.i18n import N_, _
from decisionaid.services import audit, roles
from decisionaid.services.clock import Clock, local_day_start, utc_now
from decisionaid.storage import Database
from decisionaid.storage.models import Answer, Flag, PeerReview, VignetteView, Visit

SAFE_MINIMUM_DAYS = 30


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime  # visits started before this were deleted
    visits: int
    answers: int
    flags: int
    views: int
    reviews: int


def cutoff_for(days: int, now: datetime) -> datetime:
    """Local midnight ``days`` days ago: whole days are kept, never part of one."""
    return local_day_start(now - timedelta(days=days))


def purge(
    db: Database,
    older_than_days: int,
    *,
    by: object | None = None,
    clock: Clock = utc_now,
) -> PurgeResult:
    """Delete every visit started more than ``older_than_days`` days ago (see SAFE_MINIMUM_DAYS;
    the caller asks for confirmation below it). ``by``: the signed-in admin (None: the command
    line, as the operating-system user)."""
    who = roles.require(roles.caller(by), roles.ADMIN, N_("delete old visits"))
    if (
        isinstance(older_than_days, bool)
        or not isinstance(older_than_days, int)
        or older_than_days < 1
    ):
        raise UserError(_("the number of days must be a whole number of at least 1"))
    now = clock()
    cutoff = cutoff_for(older_than_days, now)

    def work(session: Session) -> PurgeResult:
        old = select(Visit.id).where(Visit.started_at < cutoff)
        people = sorted(set(session.scalars(
            select(Visit.service_user_id).where(Visit.started_at < cutoff,
                                                Visit.service_user_id.is_not(None))
        )))
        counts = {}
        for name, model in (
            ("answers", Answer),
            ("flags", Flag),
            ("views", VignetteView),
            ("reviews", PeerReview),
        ):
            counts[name] = _delete(session, model, old)
        visits = session.execute(delete(Visit).where(Visit.started_at < cutoff)).rowcount
        result = PurgeResult(cutoff, visits, **counts)
        fields = roles.audit_fields(who)
        audit.record(
            session,
            audit.PURGE,
            at=now,
            older_than_days=older_than_days,
            cutoff=cutoff.date().isoformat(),
            visits=visits,
            **counts,
            **fields,
        )
        for person in people:
            audit.record(session, audit.PURGED_PERSON, at=now, service_user_id=person,
                         cutoff=cutoff.date().isoformat(), **fields)
        return result

    return db.write(work)


def _delete(session: Session, model, visits: Select) -> int:
    return session.execute(delete(model).where(model.visit_id.in_(visits))).rowcount


def count_older(db: Database, older_than_days: int, clock: Clock = utc_now) -> int:
    """How many visits a purge would delete (for a confirmation prompt)."""
    cutoff = cutoff_for(older_than_days, clock())
    return db.read(
        lambda s: (
            s.scalar(select(func.count()).select_from(Visit).where(Visit.started_at < cutoff)) or 0
        )
    )
