"""Visits: the use-cases the kiosk and the peer station call.

The kiosk's side (start, pick up, save as it goes, finish) is ``KioskVisits`` and the
``KioskVisit`` it hands out; this adds what the peer station does with a visit: view it,
force-finish it, acknowledge its flags, review it (which locks it), and the close of the day.
Everything returned is plain data (``visit_records``).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from decisionaid.content.model import Content, ItemRef
from decisionaid.engine import Visit, VisitSummary
from decisionaid.engine.visit import Answer as AnswerValue
from decisionaid.errors import UserError
from decisionaid.i18n import N_, _
from decisionaid.services import audit, check_ins, roles
from decisionaid.services.clock import Clock, Timers, local_day_start, utc_now
from decisionaid.services.visit_records import (
    DECISION_MARKS,
    FlagRecord,
    PastVisit,
    UnknownVisit,
    VisitClosed,
    VisitLocked,
    VisitRecord,
    check_in_progress,
    flag_record,
    read_visit,
)
from decisionaid.services.visit_saving import KioskVisits
from decisionaid.storage import Database
from decisionaid.storage import repository as repo
from decisionaid.storage.models import FINISHED_STATES, Answer, Flag, PeerReview
from decisionaid.storage.models import Visit as VisitRow

# The note kept with a concern flag that closed because its visit was reviewed.
REVIEW_CLOSED_NOTE = "closed with the review of the visit"


class VisitService(KioskVisits):
    def __init__(self, db: Database, content: Content, *, clock: Clock = utc_now,
                 timers: Timers | None = None):
        super().__init__(db, content, clock=clock, timers=timers)
        self._trend = [
            ItemRef(q.id, i.id) for q in content.questionnaires for i in q.items if i.trend
        ]

    # --- peer station ---------------------------------------------------------------------------
    def view(self, visit_id: int, *, staff_id: int | None) -> VisitRecord:
        """A visit in full, as a staff member opens it (audit-logged)."""
        now = self.clock()

        def work(session: Session) -> VisitRecord:
            roles.require_staff_id(session, staff_id, roles.REPORTS, N_("open a visit"))
            record = read_visit(session, visit_id)
            audit.record(
                session,
                audit.VIEW,
                at=now,
                actor="peer",
                staff_id=staff_id,
                visit_id=visit_id,
                service_user_id=record.service_user_id,
            )
            return record

        return self.db.write(work)

    def summary(self, record: VisitRecord) -> VisitSummary:
        """The engine's summary of a stored visit, in the visit's language."""
        return Visit(self.content, language=record.language, answers=record.answers).summary()

    def force_finish(self, visit_id: int, *, staff_id: int | None, actor: str = "peer") -> None:
        """End a visit still in progress as ``incomplete`` (the user left)."""
        now = self.clock()

        def work(session: Session) -> None:
            roles.require_staff_id(session, staff_id, roles.PEER_WORK, N_("end a visit"))
            done = session.execute(
                update(VisitRow)
                .where(VisitRow.id == visit_id, VisitRow.state == "in_progress")
                .values(state="incomplete", finished_at=now, updated_at=now)
            )
            if done.rowcount == 0:
                check_in_progress(session, visit_id)  # raises the right error
            check_ins.raise_for(session, self.content, [visit_id], now)
            audit.record(
                session,
                audit.FORCE_FINISH,
                at=now,
                actor=actor,
                staff_id=staff_id,
                visit_id=visit_id,
            )

        self.db.write(work)

    def close_day(self, before: datetime | None = None, *, idle_since: datetime | None = None) -> int:
        """Mark visits left in progress ``incomplete`` (their flags stay open); returns how many.

        Without arguments, those started before today (a kiosk starting). At closing time,
        those started ``before`` it; with ``idle_since``, a visit started or answered since
        then is left open, as someone is still answering it.
        """
        now = self.clock()
        cutoff = before if before is not None else local_day_start(now)

        def work(session: Session) -> int:
            stale = update(VisitRow).where(VisitRow.state == "in_progress",
                                           VisitRow.started_at < cutoff)
            if idle_since is not None:
                answering = select(Answer.visit_id).where(Answer.answered_at >= idle_since)
                stale = stale.where(VisitRow.started_at < idle_since,
                                    VisitRow.id.not_in(answering))
            done = session.execute(
                stale.values(state="incomplete", finished_at=now, updated_at=now)
                .returning(VisitRow.id)
                .execution_options(synchronize_session=False)
            )
            closed = list(done.scalars())
            if closed:
                audit.record(session, audit.CLOSE_DAY, at=now, actor="system", visits=len(closed))
                check_ins.raise_for(session, self.content, closed, now)
            return len(closed)

        return self.db.write(work)

    def open_before(self, moment: datetime) -> int:
        """How many visits started before ``moment`` are still in progress."""
        return self.db.read(lambda session: session.scalar(
            select(func.count()).select_from(VisitRow)
            .where(VisitRow.state == "in_progress", VisitRow.started_at < moment)) or 0)

    def acknowledge_flag(self, flag_id: int, *, staff_id: int | None, note: str) -> FlagRecord:
        """A staff member has checked in: the flag stops showing as open. A note is required."""
        if not isinstance(note, str) or not note.strip():
            raise UserError(_("write a note saying what was done about the flag"))
        now = self.clock()

        def work(session: Session) -> FlagRecord:
            roles.require_staff_id(session, staff_id, roles.PEER_WORK, N_("acknowledge a flag"))
            row = session.get(Flag, flag_id)
            if row is None:
                raise UserError(_("there is no flag with id {flag_id}", flag_id=flag_id))
            if row.acknowledged_at is not None:
                raise UserError(_("flag {flag_id} was already acknowledged", flag_id=flag_id))
            row.acknowledged_by = staff_id
            row.acknowledged_at = now
            row.acknowledgement_note = note.strip()
            audit.record(
                session,
                audit.FLAG_ACKNOWLEDGED,
                at=now,
                actor="peer",
                staff_id=staff_id,
                visit_id=row.visit_id,
                severity=row.severity,
            )
            session.flush()
            return flag_record(row)

        return self.db.write(work)

    def open_flags(self) -> list[FlagRecord]:
        """Flags no one has acknowledged yet, safety first, oldest first."""
        query = (
            select(Flag)
            .where(Flag.acknowledged_at.is_(None))
            .order_by((Flag.severity == "safety").desc(), Flag.raised_at, Flag.id)
        )
        return self.db.read(lambda s: [flag_record(r) for r in s.scalars(query)])

    def review(
        self,
        visit_id: int,
        *,
        staff_id: int | None,
        shared_decision: str,
        follow_up: list[str] | tuple[str, ...] = (),
        note: str = "",
        marks: list[str] | tuple[str, ...] = (),
    ) -> VisitRecord:
        """Record the shared decision, which of its four marks it has (``DECISION_MARKS``) and
        the follow-up needs; the visit is then locked, and its open concern flags close with it
        (the consultation was where they were talked about). Safety flags stay until someone
        checks in with the person and acknowledges them."""
        unknown = [m for m in marks if m not in DECISION_MARKS]
        if unknown:
            raise UserError(_("unknown decision mark {unknown!r}: use {marks}",
                              unknown=unknown[0], marks=', '.join(DECISION_MARKS)))
        now = self.clock()

        def work(session: Session) -> VisitRecord:
            roles.require_staff_id(session, staff_id, roles.REPORTS, N_("record the decision"))
            state = session.scalar(
                select(VisitRow.state).where(VisitRow.id == visit_id).with_for_update()
            )
            if state is None:
                raise UnknownVisit(visit_id)
            if state == "reviewed":
                raise VisitLocked(_("visit {visit_id} is already reviewed and locked",
                                    visit_id=visit_id))
            if state == "in_progress":
                raise VisitClosed(_("visit {visit_id} is still in progress: finish it first",
                                    visit_id=visit_id))
            session.execute(
                insert(PeerReview).values(
                    visit_id=visit_id,
                    peer_id=staff_id,
                    shared_decision=shared_decision.strip(),
                    follow_up=json.dumps([f.strip() for f in follow_up if f.strip()]),
                    marks=json.dumps([m for m in DECISION_MARKS if m in marks]),
                    note=note.strip(),
                    reviewed_at=now,
                )
            )
            closed = session.execute(
                update(Flag)
                .where(Flag.visit_id == visit_id, Flag.severity == "concern",
                       Flag.acknowledged_at.is_(None))
                .values(acknowledged_by=staff_id, acknowledged_at=now,
                        acknowledgement_note=REVIEW_CLOSED_NOTE)
                .execution_options(synchronize_session=False)
            ).rowcount
            session.execute(
                update(VisitRow)
                .where(VisitRow.id == visit_id)
                .values(state="reviewed", updated_at=now)
            )
            audit.record(
                session, audit.REVIEW, at=now, actor="peer", staff_id=staff_id, visit_id=visit_id,
                marks=sum(m in marks for m in DECISION_MARKS),
                concerns_closed=closed,
            )
            from decisionaid.services import chart_outbox  # loaded after the kiosk's start

            chart_outbox.enqueue(session, visit_id, "reviewed", now, self.chart_destinations)
            return read_visit(session, visit_id)

        return self.db.write(work)

    def history(self, visit_id: int, limit: int = 5) -> list[PastVisit]:
        """The same user's earlier finished visits' answers to `trend` items, newest first, at
        most ``limit`` of them (a guest visit has none)."""
        if not self._trend:
            return []

        def work(session: Session) -> list[PastVisit]:
            this = session.execute(
                select(VisitRow.service_user_id, VisitRow.started_at).where(VisitRow.id == visit_id)
            ).one_or_none()
            if this is None:
                raise UnknownVisit(visit_id)
            if this.service_user_id is None:
                return []
            earlier = session.execute(
                select(VisitRow.id, VisitRow.started_at)
                .where(
                    VisitRow.service_user_id == this.service_user_id,
                    VisitRow.started_at < this.started_at,
                    VisitRow.state.in_(FINISHED_STATES),
                )
                .order_by(VisitRow.started_at.desc())
                .limit(limit)
            ).all()
            if not earlier:
                return []
            found: dict[int, dict[ItemRef, AnswerValue]] = {v.id: {} for v in earlier}
            for row in session.execute(
                select(
                    Answer.visit_id, Answer.questionnaire_id, Answer.item_id, Answer.value
                ).where(
                    Answer.visit_id.in_(list(found)),
                    tuple_(Answer.questionnaire_id, Answer.item_id).in_(
                        [(r.questionnaire, r.item) for r in self._trend]
                    ),
                )
            ):
                found[row.visit_id][ItemRef(row.questionnaire_id, row.item_id)] = repo.decode(
                    row.value
                )
            return [PastVisit(v.id, v.started_at, found[v.id]) for v in earlier]

        return self.db.read(work)
