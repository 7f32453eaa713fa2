"""The stored visit as plain data, and how it is read: what the report, the kiosk and the peer
station get back from the visit services (no session or row escapes them)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, case, func, select
from sqlalchemy.orm import Session

from decisionaid.content.model import ItemRef
from decisionaid.engine import FlagEntry
from decisionaid.engine.visit import Answer as AnswerValue
from decisionaid.errors import UserError
from decisionaid.i18n import N_, _
from decisionaid.storage import repository as repo
from decisionaid.storage.models import (
    Answer,
    Flag,
    PeerReview,
    SafetyCheckIn,
    ServiceUser,
    VignetteView,
)
from decisionaid.storage.models import Visit as VisitRow


def shown_state(state: str, printed: bool) -> str:
    """The state a peer worker is shown: one of ``VISIT_STATES``, or ``printed`` for a finished
    visit whose page was printed (each has its words in the station's catalogue)."""
    return "printed" if state == "complete" and printed else state


# A visit's state in an error line (the station's screens have their own words for them).
STATE_WORDS = {"in_progress": N_("in progress"), "incomplete": N_("incomplete"),
               "complete": N_("complete"), "reviewed": N_("reviewed")}


def state_words(state: str) -> str:
    """``state`` (one of ``VISIT_STATES``) in words of the current language."""
    return _(STATE_WORDS.get(state, state.replace("_", " ")))


class UnknownVisit(UserError):
    def __init__(self, visit_id: int):
        super().__init__(_("there is no visit with id {visit_id}", visit_id=visit_id))


class VisitClosed(UserError):
    """The visit is no longer in progress (finished, force-finished, reviewed)."""


class VisitLocked(UserError):
    """A reviewed visit is locked: nothing in it changes."""



@dataclass(frozen=True)
class FlagRecord:
    id: int
    visit_id: int
    severity: str
    questionnaire_id: str
    source_id: str
    is_score: bool
    question: str
    answer: str
    raised_at: datetime
    acknowledged_by: int | None = None
    acknowledged_at: datetime | None = None
    note: str | None = None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    def entry(self) -> FlagEntry:
        return FlagEntry(
            self.severity,
            self.questionnaire_id,
            self.source_id,
            self.question,
            self.answer,  # type: ignore[arg-type]
            self.is_score,
        )


@dataclass(frozen=True)
class ViewRecord:
    vignette_id: str
    seconds_watched: float
    finished: bool
    viewed_at: datetime


# The four marks of a good shared decision, ticked by whoever records it as they check it.
DECISION_MARKS = ("own-voice", "specific", "plain-language", "will-do")


@dataclass(frozen=True)
class ReviewRecord:
    peer_id: int | None  # who recorded it: a peer worker or the prescriber
    shared_decision: str
    follow_up: list[str]
    note: str
    reviewed_at: datetime
    marks: tuple[str, ...] = ()  # of DECISION_MARKS, in that order


@dataclass(frozen=True)
class VisitInfo:
    """A visit as a line in the peer station's lists."""

    id: int
    service_user_id: int | None
    first_name: str | None  # None: a guest visit
    state: str
    language: str
    started_at: datetime
    finished_at: datetime | None
    printed_at: datetime | None
    open_flags: int = 0
    open_safety_flags: int = 0
    open_check_ins: int = 0  # safety questions left unanswered that no one has yet checked in on

    @property
    def shown_state(self) -> str:
        return shown_state(self.state, self.printed_at is not None)


@dataclass(frozen=True)
class VisitRecord:
    """A stored visit in full: what the report and the peer station's visit view need."""

    id: int
    service_user_id: int | None
    pseudonym: str | None
    first_name: str | None
    state: str
    language: str
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    printed_at: datetime | None
    number: int | None  # this user's visit number (1 = first); None for a guest
    answers: dict[ItemRef, AnswerValue]
    versions: dict[str, int]  # questionnaire id -> version answered
    answered_at: dict[ItemRef, datetime]
    flags: list[FlagRecord]
    views: list[ViewRecord]
    review: ReviewRecord | None

    @property
    def locked(self) -> bool:
        return self.state == "reviewed"


@dataclass(frozen=True)
class PastVisit:
    """An earlier visit's answers to `trend` items, for the report's change since last time."""

    visit_id: int
    started_at: datetime
    answers: dict[ItemRef, AnswerValue]



def flag_record(row: Flag) -> FlagRecord:
    return FlagRecord(
        row.id,
        row.visit_id,
        row.severity,
        row.questionnaire_id,
        row.source_id,
        row.is_score,
        row.question,
        row.answer,
        row.raised_at,
        row.acknowledged_by,
        row.acknowledged_at,
        row.acknowledgement_note,
    )


def read_visit(session: Session, visit_id: int) -> VisitRecord:
    """A stored visit in full, read in ``session``."""
    row = session.execute(
        select(VisitRow, ServiceUser.pseudonym, ServiceUser.first_name)
        .outerjoin(ServiceUser, ServiceUser.id == VisitRow.service_user_id)
        .where(VisitRow.id == visit_id)
    ).one_or_none()
    if row is None:
        raise UnknownVisit(visit_id)
    visit, pseudonym, first_name = row
    answers: dict[ItemRef, AnswerValue] = {}
    answered_at: dict[ItemRef, datetime] = {}
    versions: dict[str, int] = {}
    for a in session.scalars(
        select(Answer).where(Answer.visit_id == visit_id).order_by(Answer.id)
    ):
        ref = ItemRef(a.questionnaire_id, a.item_id)
        answers[ref] = repo.decode(a.value)
        answered_at[ref] = a.answered_at
        versions[a.questionnaire_id] = a.questionnaire_version
    flags = [
        flag_record(f)
        for f in session.scalars(
            select(Flag).where(Flag.visit_id == visit_id).order_by(Flag.id)
        )
    ]
    views = [
        ViewRecord(v.vignette_id, v.seconds_watched, v.finished, v.viewed_at)
        for v in session.scalars(
            select(VignetteView)
            .where(VignetteView.visit_id == visit_id)
            .order_by(VignetteView.id)
        )
    ]
    review_row = session.scalar(select(PeerReview).where(PeerReview.visit_id == visit_id))
    review = (
        ReviewRecord(
            review_row.peer_id,
            review_row.shared_decision,
            json.loads(review_row.follow_up),
            review_row.note,
            review_row.reviewed_at,
            tuple(json.loads(review_row.marks or "[]")),
        )
        if review_row
        else None
    )
    number = None
    if visit.service_user_id is not None:
        number = session.scalar(
            select(func.count())
            .select_from(VisitRow)
            .where(
                VisitRow.service_user_id == visit.service_user_id,
                VisitRow.started_at <= visit.started_at,
            )
        )
    return VisitRecord(
        visit.id,
        visit.service_user_id,
        pseudonym,
        first_name,
        visit.state,
        visit.language,
        visit.started_at,
        visit.updated_at,
        visit.finished_at,
        visit.printed_at,
        number,
        answers,
        versions,
        answered_at,
        flags,
        views,
        review,
    )


def check_in_progress(session: Session | Connection, visit_id: int) -> None:
    """Raise unless the visit is in progress; holds it there until the transaction ends
    (SQLite: the write lock is already held; PostgreSQL: a row lock)."""
    state = session.scalar(
        select(VisitRow.state).where(VisitRow.id == visit_id).with_for_update()
    )
    if state is None:
        raise UnknownVisit(visit_id)
    if state != "in_progress":
        raise VisitClosed(
            _("visit {visit_id} is {state}: it can no longer change",
              visit_id=visit_id, state=state_words(state))
        )


def visit_info_query():
    """The columns a ``VisitInfo`` is made of; add ``where``/``order_by``/``limit`` and pass the
    query to ``visit_infos``. Shared by the peer station's queries and the prescriber's desk."""
    return select(
        VisitRow.id,
        VisitRow.service_user_id,
        ServiceUser.first_name,
        VisitRow.state,
        VisitRow.language,
        VisitRow.started_at,
        VisitRow.finished_at,
        VisitRow.printed_at,
    ).outerjoin(ServiceUser, ServiceUser.id == VisitRow.service_user_id)


def visit_infos(session: Session, query) -> list[VisitInfo]:
    """Run a ``visit_info_query`` and attach each visit's count of open flags and of the
    unanswered safety questions not yet checked in on."""
    rows = session.execute(query).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    counts: Mapping[int, tuple[int, int]] = {
        r.visit_id: (r.open, r.safety)
        for r in session.execute(
            select(
                Flag.visit_id,
                func.count().label("open"),
                func.sum(case((Flag.severity == "safety", 1), else_=0)).label("safety"),
            )
            .where(and_(Flag.visit_id.in_(ids), Flag.acknowledged_at.is_(None)))
            .group_by(Flag.visit_id)
        )
    }
    asks: Mapping[int, int] = dict(session.execute(
        select(SafetyCheckIn.visit_id, func.count())
        .where(and_(SafetyCheckIn.visit_id.in_(ids), SafetyCheckIn.acknowledged_at.is_(None)))
        .group_by(SafetyCheckIn.visit_id)).all())
    return [
        VisitInfo(
            r.id,
            r.service_user_id,
            r.first_name,
            r.state,
            r.language,
            r.started_at,
            r.finished_at,
            r.printed_at,
            *(int(x or 0) for x in counts.get(r.id, (0, 0))),
            open_check_ins=int(asks.get(r.id, 0)),
        )
        for r in rows
    ]
