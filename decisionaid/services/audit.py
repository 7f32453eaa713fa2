"""The audit log: who did what, to which visit or profile, and when.

``record`` is called inside the transaction of the change it describes, so the event and the
change are committed together. Details hold counts, ids, dates and reasons only: never an
answer, a note or a name (the log may be read by people who may not see those).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from decisionaid.i18n import N_
from decisionaid.storage import Database
from decisionaid.storage.models import AuditEvent

ACTORS = ("kiosk", "peer", "cli", "system")

# The actions the log holds.
VIEW = "view"
PRINT = "print"
EXPORT = "export"
PURGE = "purge"
FORCE_FINISH = "force-finish"
CLOSE_DAY = "close-day"
REVIEW = "review"
FLAG_ACKNOWLEDGED = "flag-acknowledged"
SIGN_IN_FAILED = "sign-in-failed"
PROFILE_LOCKED = "profile-locked"
PROFILE_CREATED = "profile-created"
PIN_RESET = "pin-reset"
PROFILE_UNLOCKED = "profile-unlocked"  # a peer worker lifted the lock on a person's sign-in
PROFILES_MERGED = "profiles-merged"  # two profiles of one person made one, at the station
EXPORTED_PERSON = "export-person"  # one per person an export contains (beside the EXPORT event)
PURGED_PERSON = "purge-person"  # one per person whose visits a purge deleted
BOARD_VIEW = "board-view"  # a visit's row shown on the Today board (once a day per staff)
SEARCH_VIEW = "search-view"  # a person shown in search results
PERSON_VIEW = "person-view"  # a person's page opened (their visits, trends, own words)
REPORT_VIEW = "report-view"  # a visit's report rendered (reprint, the report command)
REPORT_SAVED = "report-saved"  # a visit's report saved as a PDF file at the station
REPORTS_LIST_VIEW = "reports-view"  # a visit listed in today's reports (once a day per staff)
STAFF_COMMAND = "command"  # a decisionaid command run at the command line
PIN_CHOSEN = "pin-chosen"  # a new PIN chosen at the kiosk, with a peer worker there
PEER_SIGN_IN = "peer-sign-in"  # a peer worker signed the person in at the kiosk
SIGN_UP_SAME_DETAILS = "sign-up-same-details"  # someone signed up with this person's details
HELP_REQUESTED = "help-requested"  # "I'd like help" (or "talk to someone now") at a kiosk
HELP_HANDLED = "help-handled"  # a peer worker marked a help request handled
VISITS_VIEW = "visits-view"  # a person's list of visits shown
TRENDS_VIEW = "trends-view"  # a person's answers over time shown
OWN_WORDS_VIEW = "own-words-view"  # a person's Power Statement and Personal Medicine shown
WHO_LOOKED_VIEW = "who-looked-view"  # who has looked at a person's data, shown
SAFETY_VIEW = "safety-view"  # a safety answer shown in the station's alerts (once a day)
HELP_VIEW = "help-view"  # a help request shown at the station (once a day)
OWN_LOOK = "own-look"  # the person looked at who has seen their answers, at the kiosk

_ALLOWED = (int, float, bool, type(None))


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    action: str
    actor: str
    staff_id: int | None
    visit_id: int | None
    service_user_id: int | None
    details: dict


def record(
    session: Session,
    action: str,
    *,
    at: datetime,
    actor: str,
    staff_id: int | None = None,
    visit_id: int | None = None,
    service_user_id: int | None = None,
    **details: object,
) -> None:
    """Add one event to the transaction ``session`` is in."""
    if actor not in ACTORS:
        raise ValueError(f"unknown actor {actor!r}")
    for key, value in details.items():
        # Strings are allowed only as short codes (a format, a reason), never free text.
        if not isinstance(value, _ALLOWED) and not (isinstance(value, str) and len(value) <= 32):
            raise ValueError(f"audit detail {key!r} must be a number, a flag or a short code")
    session.execute(
        insert(AuditEvent).values(
            at=at,
            action=action,
            actor=actor,
            staff_id=staff_id,
            visit_id=visit_id,
            service_user_id=service_user_id,
            details=json.dumps(details, sort_keys=True),
        )
    )


def note(db: Database, action: str, *, by: object, at: datetime, **fields: object) -> None:
    """Record one event in a transaction of its own, saying who (``by``: a staff member or
    ``roles.command_line()``) did it: for views and commands that change nothing else."""
    from decisionaid.services import roles

    db.write(lambda s: record(s, action, at=at, **fields, **roles.audit_fields(by)))


def events(
    db: Database,
    *,
    by: object | None = None,
    action: str | None = None,
    visit_id: int | None = None,
    service_user_id: int | None = None,
    limit: int = 200,
) -> list[AuditRecord]:
    """The newest events first, optionally only one action, visit or profile: the whole log,
    for admins (``by``; None: the command line). A person's own page uses
    ``PeerQueries.who_looked``."""
    from decisionaid.services import roles

    roles.require(roles.caller(by), roles.ADMIN, N_("read the audit log"))
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    if visit_id is not None:
        query = query.where(AuditEvent.visit_id == visit_id)
    if service_user_id is not None:
        query = query.where(AuditEvent.service_user_id == service_user_id)

    def work(session: Session) -> list[AuditRecord]:
        return [
            AuditRecord(
                e.id,
                e.at,
                e.action,
                e.actor,
                e.staff_id,
                e.visit_id,
                e.service_user_id,
                json.loads(e.details),
            )
            for e in session.scalars(query)
        ]

    return db.read(work)
