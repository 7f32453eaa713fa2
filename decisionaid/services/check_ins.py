"""Safety check-ins: a safety question the person left unanswered asks a peer worker to check in.

A visit that ends (the person finished, a peer worker ended it, or closing time did) with a
safety question on its path and no answer — skipped, or not reached — gets one "please ask"
item per such question. It is its own kind of item, apart from the red safety flags: the Today
board and the prescriber's list show it as "Please ask — not answered" until a staff member
writes a note saying they checked in, as for a flag. It is raised when the visit ends, not at
the skip, because the person may still come back to the question from the review screen.

``acknowledgements`` gives, for the printed page, who checked in about each alert of a visit
(flags and check-ins), when, and the note's first line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from decisionaid.content.model import Content, ItemRef, text_in
from decisionaid.errors import UserError
from decisionaid.i18n import N_, _
from decisionaid.services import audit, roles
from decisionaid.services.clock import Clock, utc_now
from decisionaid.storage import Database
from decisionaid.storage import repository as repo
from decisionaid.storage.models import Answer, Flag, SafetyCheckIn, ServiceUser, Staff
from decisionaid.storage.models import Visit as VisitRow

STAFF_LANGUAGE = "en"  # the content's language for staff when none is chosen


@dataclass(frozen=True)
class OpenCheckIn:
    """A safety question left unanswered that no one has checked in about yet."""

    id: int
    visit_id: int
    first_name: str | None  # None: a guest
    questionnaire_id: str
    item_id: str
    question: str  # in the staff's language
    raised_at: datetime


@dataclass(frozen=True)
class Acknowledgement:
    """Who checked in about one alert of a visit, when, and the first line of their note.
    ``key``: (questionnaire id, item or score id, is a score)."""

    key: tuple[str, str, bool]
    by: str
    at: datetime
    note: str


def unanswered_safety(content: Content, answers) -> tuple[tuple[str, str], ...]:
    # The report's rule for what prints as "Not answered", so the page and the board agree.
    from decisionaid.report.data import unanswered_safety as rule

    return rule(content, answers)


def raise_for(session: Session, content: Content, visit_ids: list[int], now: datetime) -> int:
    """Within the caller's transaction: a check-in for each safety question these (just ended)
    visits left unanswered. Raised once: a second call adds nothing. Returns how many."""
    if not visit_ids:
        return 0
    answers: dict[int, dict[ItemRef, object]] = {v: {} for v in visit_ids}
    for visit_id, questionnaire_id, item_id, value in session.execute(
        select(Answer.visit_id, Answer.questionnaire_id, Answer.item_id, Answer.value)
        .where(Answer.visit_id.in_(visit_ids))
    ):
        answers[visit_id][ItemRef(questionnaire_id, item_id)] = repo.decode(value)
    rows = [
        {"visit_id": visit_id, "questionnaire_id": q, "item_id": item, "raised_at": now}
        for visit_id, given in answers.items()
        for q, item in unanswered_safety(content, given)
    ]
    repo.insert_ignoring_duplicates(session.connection(), SafetyCheckIn, rows)
    return len(rows)


def withdraw_open(session: Session, visit_id: int) -> None:
    """Within the caller's transaction: the visit is open again (Back from the page), so its
    check-ins no one has done yet go; ending it again raises those still unanswered."""
    session.execute(delete(SafetyCheckIn).where(SafetyCheckIn.visit_id == visit_id,
                                                SafetyCheckIn.acknowledged_at.is_(None)))


class CheckIns:
    def __init__(self, db: Database, content: Content, *, clock: Clock = utc_now,
                 language: str = STAFF_LANGUAGE):
        self.db = db
        self.content = content
        self.clock = clock
        self.language = language  # of the questions named (English where the content has none)

    def open_check_ins(self, *, by: object | None = None) -> list[OpenCheckIn]:
        """Check-ins no one has done yet, oldest first (from any day)."""
        roles.require(roles.caller(by), roles.REPORTS, N_("see the check-ins"))
        return self.db.read(self.read_open)

    def read_open(self, session: Session, limit: int = 50, visit_id: int | None = None) -> list[OpenCheckIn]:
        query = (
            select(SafetyCheckIn, ServiceUser.first_name)
            .join(VisitRow, VisitRow.id == SafetyCheckIn.visit_id)
            .outerjoin(ServiceUser, ServiceUser.id == VisitRow.service_user_id)
            .where(SafetyCheckIn.acknowledged_at.is_(None))
            .order_by(SafetyCheckIn.raised_at, SafetyCheckIn.id)
            .limit(limit)
        )
        if visit_id is not None:
            query = query.where(SafetyCheckIn.visit_id == visit_id)
        rows = session.execute(query)
        return [OpenCheckIn(c.id, c.visit_id, name, c.questionnaire_id, c.item_id,
                            self.question(c.questionnaire_id, c.item_id), c.raised_at)
                for c, name in rows]

    def question(self, questionnaire_id: str, item_id: str) -> str:
        try:
            return text_in(self.content.item(ItemRef(questionnaire_id, item_id)).text, self.language)
        except KeyError:
            return item_id

    def acknowledge(self, check_in_id: int, *, staff_id: int | None, note: str) -> None:
        """A staff member has checked in with the person: the item leaves the board. A note is
        required, as for a flag."""
        if not isinstance(note, str) or not note.strip():
            raise UserError(_("write a note saying what was done about the check-in"))
        now = self.clock()

        def work(session: Session) -> None:
            roles.require_staff_id(session, staff_id, roles.PEER_WORK, N_("record a check-in"))
            row = session.get(SafetyCheckIn, check_in_id)
            if row is None:
                raise UserError(_("there is no check-in with id {check_in_id}",
                                  check_in_id=check_in_id))
            if row.acknowledged_at is not None:
                return  # another peer worker got there first
            session.execute(update(SafetyCheckIn).where(SafetyCheckIn.id == check_in_id).values(
                acknowledged_by=staff_id, acknowledged_at=now, acknowledgement_note=note.strip()))
            audit.record(session, audit.FLAG_ACKNOWLEDGED, at=now, actor="peer", staff_id=staff_id,
                         visit_id=row.visit_id, severity="check-in")

        self.db.write(work)

    def for_visit(self, visit_id: int) -> list[OpenCheckIn]:
        """A visit's check-ins not yet done."""
        return self.db.read(lambda s: self.read_open(s, limit=1000, visit_id=visit_id))

    def acknowledgements(self, visit_id: int) -> list[Acknowledgement]:
        """Who checked in about each of the visit's alerts (flags and unanswered safety
        questions), for the printed page."""

        def work(session: Session) -> list[Acknowledgement]:
            found = []
            for q, source, is_score, name, at, note in session.execute(
                select(Flag.questionnaire_id, Flag.source_id, Flag.is_score, Staff.name,
                       Flag.acknowledged_at, Flag.acknowledgement_note)
                .outerjoin(Staff, Staff.id == Flag.acknowledged_by)
                .where(Flag.visit_id == visit_id, Flag.acknowledged_at.is_not(None))
            ):
                found.append(Acknowledgement((q, source, bool(is_score)), name or "", at, first_line(note)))
            for q, item, name, at, note in session.execute(
                select(SafetyCheckIn.questionnaire_id, SafetyCheckIn.item_id, Staff.name,
                       SafetyCheckIn.acknowledged_at, SafetyCheckIn.acknowledgement_note)
                .outerjoin(Staff, Staff.id == SafetyCheckIn.acknowledged_by)
                .where(SafetyCheckIn.visit_id == visit_id, SafetyCheckIn.acknowledged_at.is_not(None))
            ):
                found.append(Acknowledgement((q, item, False), name or "", at, first_line(note)))
            return found

        return self.db.read(work)


def first_line(note: str | None, limit: int = 120) -> str:
    line = (note or "").strip().splitlines()[0].strip() if (note or "").strip() else ""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
