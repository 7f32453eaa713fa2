"""The stored data: service users, visits and what happened in them, staff, and the audit log.

Times are stored as naive UTC and read back as timezone-aware UTC (``UTCDateTime``), so SQLite
and PostgreSQL behave the same. Answer values are JSON text: ``int``, ``str``, ``bool`` or a list
of them, exactly as the engine gave them.

The schema is changed only through Alembic migrations (``migrations/versions``); a change here
without a new revision fails the test that compares the two.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

VISIT_STATES = ("in_progress", "incomplete", "complete", "reviewed")
FINISHED_STATES = VISIT_STATES[1:]  # no longer answered at the kiosk
SEVERITIES = ("concern", "safety")
STAFF_ROLES = ("peer", "admin", "prescriber")
HELP_KINDS = ("help", "talk-now")

# Stable constraint names, so migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A moment in time: stored as naive UTC, returned as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a stored time must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


# Byte order on PostgreSQL too, so a prefix search is an index range scan in any locale.
NAME_KEY = String(80).with_variant(String(80, collation="C"), "postgresql")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ServiceUser(Base):
    """An optional profile: a visit may also be a guest visit with none."""

    __tablename__ = "service_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A random id for exports and logs: says nothing about the person.
    pseudonym: Mapped[str] = mapped_column(String(32), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    # first_name folded for search: lower case, no accents, single spaces (see profiles).
    name_key: Mapped[str] = mapped_column(NAME_KEY)
    date_of_birth: Mapped[date] = mapped_column(Date)
    clinic_id: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_pin_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Signed up alone at the kiosk with a name and birthday someone already has: kept apart
    # (and never tried by the kiosk's own sign-in) until a peer worker signs the person in.
    pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A peer worker reset the PIN: the person chooses a new one when a peer next signs them in.
    must_choose_pin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        Index("ix_service_users_name_key_date_of_birth", "name_key", "date_of_birth"),
        Index("ix_service_users_clinic_id", "clinic_id"),
    )


class Visit(Base):
    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_users.id", ondelete="CASCADE")
    )
    state: Mapped[str] = mapped_column(String(16), default="in_progress")
    language: Mapped[str] = mapped_column(String(8))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)  # last change of state or language
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint(_in("state", VISIT_STATES), name="state"),
        Index("ix_visits_started_at", "started_at"),
        Index("ix_visits_service_user_id_started_at", "service_user_id", "started_at"),
        Index("ix_visits_state_started_at", "state", "started_at"),
    )


class Answer(Base):
    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text)  # JSON
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("visit_id", "questionnaire_id", "item_id"),)


class VignetteView(Base):
    __tablename__ = "vignette_views"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    vignette_id: Mapped[str] = mapped_column(String(64))
    seconds_watched: Mapped[float] = mapped_column(Float)
    finished: Mapped[bool] = mapped_column(Boolean)
    viewed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Flag(Base):
    """A concern or safety flag raised in a visit; shown at the peer station until acknowledged."""

    __tablename__ = "flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    severity: Mapped[str] = mapped_column(String(8))
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[str] = mapped_column(String(64))  # the item id, or the score id
    is_score: Mapped[bool] = mapped_column(Boolean, default=False)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledgement_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(_in("severity", SEVERITIES), name="severity"),
        UniqueConstraint("visit_id", "questionnaire_id", "source_id", "is_score"),
        Index("ix_flags_acknowledged_at_severity", "acknowledged_at", "severity"),
    )


class PeerReview(Base):
    """What a peer worker or the prescriber recorded after the consultation; its visit is
    then locked."""

    __tablename__ = "peer_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), unique=True)
    peer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    shared_decision: Mapped[str] = mapped_column(Text)
    follow_up: Mapped[str] = mapped_column(Text)  # JSON list of follow-up needs
    # JSON list of the four marks of a good decision that were ticked (DECISION_MARKS)
    marks: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    note: Mapped[str] = mapped_column(Text)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The language the station and the desk speak to this account; None: the site's first.
    language: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (CheckConstraint(_in("role", STAFF_ROLES), name="role"),)


class SignInGuard(Base):
    """Tries at a kiosk sign-in or sign-up, counted per name + date of birth (whether or not
    anyone has them) and per kiosk. ``key`` is a hash, so a row names no one."""

    __tablename__ = "sign_in_guards"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    """Who did what, to which visit or profile, when. ``details`` is JSON of counts, ids and
    dates only: never an answer and never a name."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    action: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(16))  # kiosk | peer | cli | system
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    # Plain ids, not foreign keys: the event outlives a purged visit.
    visit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    service_user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    details: Mapped[str] = mapped_column(Text, default="{}")


class HelpRequest(Base):
    """"I'd like help" (or, on the safety screen, "I want to talk to someone now") pressed at a
    kiosk: shown at the peer station until a peer worker marks it handled. The person's name is
    read from their visit when shown, never copied here."""

    __tablename__ = "help_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # None: asked before signing in (the welcome or sign-in screens).
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # help | talk-now
    kiosk: Mapped[str] = mapped_column(String(64))
    screen: Mapped[str] = mapped_column(String(40))
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The kiosk's own id for the request (made when it was pressed and kept on the kiosk's
    # disk until delivered): a retry after a lost connection finds the row and adds none.
    request_key: Mapped[str | None] = mapped_column(String(36), unique=True)
    handled_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint(_in("kind", HELP_KINDS), name="kind"),
        Index("ix_help_requests_handled_at_raised_at", "handled_at", "raised_at"),
        Index("ix_help_requests_visit_id", "visit_id"),
    )


class SafetyCheckIn(Base):
    """A safety question the person left unanswered (skipped, or not reached in a visit left
    early): a "please ask" for a peer worker, apart from the red safety flags, shown until a
    staff member writes down that they checked in."""

    __tablename__ = "safety_check_ins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[str] = mapped_column(String(64))
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledgement_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("visit_id", "questionnaire_id", "item_id"),
        Index("ix_safety_check_ins_acknowledged_at", "acknowledged_at"),
    )


class DatabaseIdentity(Base):
    """This database's own id (one row, made with the schema): a backup carries it, so a
    backup can be checked to be of this database and not of one used before."""

    __tablename__ = "database_identity"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime)


CHECK_STATES = ("ok", "warn", "fail")


class MachineCheck(Base):
    """The latest ``doctor`` result of one machine (kiosk or peer station), replaced by each
    run: the peer station shows a failing one to staff until a later run passes."""

    __tablename__ = "machine_checks"

    machine: Mapped[str] = mapped_column(String(64), primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(8))  # ok | warn | fail: the worst finding
    findings: Mapped[str] = mapped_column(Text, default="[]")  # JSON: name, state, found, fix

    __table_args__ = (CheckConstraint(_in("state", CHECK_STATES), name="state"),)


DELIVERY_EVENTS = ("printed", "saved", "reviewed")
DELIVERY_STATES = ("pending", "sent", "failed")


class ChartDelivery(Base):
    """The outbox for the clinic's health record: a visit's page and answers owed to one
    destination (``folder`` or ``fhir``), written in the same transaction as the print, save or
    review it reports, then sent (and retried) by ``services/chart_outbox.py``. No name, answer
    or note is kept here: what is sent is made from the visit when it is sent."""

    __tablename__ = "chart_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(16))  # printed | saved | reviewed
    destination: Mapped[str] = mapped_column(String(16))  # folder | fhir
    state: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When the sender may try next; None: not by itself (refused: wait for "Send again").
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A sender working on it until then: another sender leaves it alone.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (
        CheckConstraint(_in("event", DELIVERY_EVENTS), name="event"),
        CheckConstraint(_in("state", DELIVERY_STATES), name="state"),
        Index("ix_chart_deliveries_state_next_attempt_at", "state", "next_attempt_at"),
        Index("ix_chart_deliveries_visit_id", "visit_id"),
    )


class Appointment(Base):
    """One of the day's appointments, imported from the clinic's schedule (CSV or FHIR).

    ``source_key`` is the schedule's own identifier for the appointment (``fhir:`` + the
    Appointment id, ``csv:`` + the id column, or a digest of day, time, name and date of birth
    when the export has no id), so importing the same schedule again updates it in place. The
    FHIR references (``patient_ref``, ``prescriber_ref``) are kept as given, to tie what the
    clinic later receives back to its own records."""

    __tablename__ = "appointments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_key: Mapped[str] = mapped_column(String(200), unique=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    given_name: Mapped[str] = mapped_column(String(80))
    family_name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(NAME_KEY)  # given_name folded as profiles fold names
    date_of_birth: Mapped[date] = mapped_column(Date)
    record_number: Mapped[str | None] = mapped_column(String(40))
    patient_ref: Mapped[str | None] = mapped_column(String(200))
    prescriber: Mapped[str] = mapped_column(String(120))
    prescriber_ref: Mapped[str | None] = mapped_column(String(200))
    visit_type: Mapped[str] = mapped_column(String(80))
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("visits.id", ondelete="SET NULL"), unique=True
    )
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_appointments_starts_at", "starts_at"),
        Index("ix_appointments_name_key_date_of_birth", "name_key", "date_of_birth"),
    )
