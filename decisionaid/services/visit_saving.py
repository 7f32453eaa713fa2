"""The kiosk's side of the visit service: start a visit or pick one up where it was left, store
what a ``KioskVisit`` confirms, note the stories watched, finish the visit and mark it printed."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, select, tuple_, update
from sqlalchemy.orm import Session

from decisionaid.content.model import Content, ItemRef, text_in
from decisionaid.engine import Visit
from decisionaid.engine.visit import Answer as AnswerValue
from decisionaid.engine.visit import answer_text
from decisionaid.errors import UserError
from decisionaid.i18n import N_, _
from decisionaid.services import audit, check_ins, roles
from decisionaid.services.appointments import link_signed_in
from decisionaid.services.clock import Clock, ThreadTimers, Timers, local_day_bounds, utc_now
from decisionaid.services.flag_changes import FlagChanges, write_flag_changes
from decisionaid.services.kiosk_visit import SAVE_GIVE_UP_S, KioskVisit
from decisionaid.services.visit_records import (
    UnknownVisit,
    VisitClosed,
    VisitLocked,
    VisitRecord,
    check_in_progress,
    read_visit,
    state_words,
)
from decisionaid.storage import Database
from decisionaid.storage import repository as repo
from decisionaid.storage.models import FINISHED_STATES, Answer, Flag, ServiceUser, VignetteView
from decisionaid.storage.models import Visit as VisitRow

if TYPE_CHECKING:
    from decisionaid.services.help_outbox import HelpOutbox


class KioskVisits:
    """Visits as the kiosk starts, saves and finishes them (``VisitService`` adds the peer
    station's side). ``start`` and the ``resume*`` methods hand out a ``KioskVisit``."""

    def __init__(self, db: Database, content: Content, *, clock: Clock = utc_now,
                 timers: Timers | None = None):
        self.db = db
        self.content = content
        self.clock = clock
        # When a safety answer that could not be stored is tried again (tests: FakeTime).
        self.timers: Timers = timers or ThreadTimers()
        self._versions = {q.id: q.version for q in content.questionnaires}
        self._carry = [
            ItemRef(q.id, i.id) for q in content.questionnaires for i in q.items if i.carry_forward
        ]
        self._saver: ThreadPoolExecutor | None = None
        # Where a safety answer the database could not take is kept (services/help_outbox.py).
        self.outbox: HelpOutbox | None = None
        # The health record's destinations a printed or reviewed page is owed to
        # (services/chart_outbox.py); none: nothing is sent.
        self.chart_destinations: tuple[str, ...] = ()

    def start(self, service_user_id: int | None = None, language: str | None = None) -> KioskVisit:
        """A new visit, guest or for a profile. A profile with a visit in progress today gets
        that visit back instead, where it was left."""
        if service_user_id is not None:
            resumed = self.resume_today(service_user_id)
            if resumed is not None:
                return resumed
        now = self.clock()

        def work(session: Session) -> tuple[int, str, dict[ItemRef, AnswerValue]]:
            lang = language
            carry: dict[ItemRef, AnswerValue] = {}
            if service_user_id is not None:
                user_language = session.scalar(
                    select(ServiceUser.language).where(ServiceUser.id == service_user_id)
                )
                if user_language is None:
                    raise UserError(_("there is no service-user profile with id {service_user_id}",
                                      service_user_id=service_user_id))
                lang = lang or user_language
                carry = self._carry_forward(session, service_user_id)
            lang = lang or self.content.languages[0]
            visit_id = session.scalar(
                insert(VisitRow)
                .values(
                    service_user_id=service_user_id,
                    state="in_progress",
                    language=lang,
                    started_at=now,
                    updated_at=now,
                )
                .returning(VisitRow.id)
            )
            if service_user_id is not None:  # the kiosk is told nothing of the schedule
                link_signed_in(session, visit_id, service_user_id, now)
            return visit_id, lang, carry

        visit_id, lang, carry = self.db.write(work)
        engine_visit = Visit(self.content, language=lang, carry_forward=carry)
        return KioskVisit(self, visit_id, service_user_id, engine_visit)

    def resume_today(self, service_user_id: int) -> KioskVisit | None:
        """This profile's visit still in progress today, positioned where it was left."""
        start, end = local_day_bounds(self.clock())

        def work(session: Session):
            visit_id = session.scalar(
                select(VisitRow.id)
                .where(
                    VisitRow.service_user_id == service_user_id,
                    VisitRow.state == "in_progress",
                    VisitRow.started_at >= start,
                    VisitRow.started_at < end,
                )
                .order_by(VisitRow.started_at.desc())
                .limit(1)
            )
            if visit_id is None:
                return None
            return (
                visit_id,
                read_visit(session, visit_id),
                self._carry_forward(session, service_user_id),
            )

        found = self.db.read(work)
        if found is None:
            return None
        visit_id, record, carry = found
        engine_visit = Visit(
            self.content, language=record.language, answers=record.answers, carry_forward=carry
        )
        return KioskVisit(self, visit_id, service_user_id, engine_visit, record.flags)

    def resume(self, visit_id: int) -> KioskVisit:
        """Any visit still in progress, by id (e.g. after the kiosk restarted)."""
        record = self.load(visit_id)
        if record.state != "in_progress":
            raise VisitClosed(
                _("visit {visit_id} is {state}, not in progress",
                  visit_id=visit_id, state=state_words(record.state))
            )
        carry = (
            self.db.read(lambda s: self._carry_forward(s, record.service_user_id))
            if record.service_user_id is not None
            else {}
        )
        engine_visit = Visit(
            self.content, language=record.language, answers=record.answers, carry_forward=carry
        )
        return KioskVisit(self, visit_id, record.service_user_id, engine_visit, record.flags)

    def reopen(self, visit_id: int) -> KioskVisit:
        """Back from the page to the review: a visit just finished at the kiosk is in progress
        again, but only while its page has not been printed (the printed page is what the
        prescriber reads, so it must stay the stored visit) and no one has reviewed it.
        ``VisitClosed`` otherwise, saying why."""
        now = self.clock()

        def work(session: Session) -> None:
            done = session.execute(
                update(VisitRow)
                .where(VisitRow.id == visit_id, VisitRow.state == "complete", VisitRow.printed_at.is_(None))
                .values(state="in_progress", finished_at=None, updated_at=now)
            )
            if done.rowcount == 0:
                row = session.get(VisitRow, visit_id)
                if row is None:
                    raise UnknownVisit(visit_id)
                if row.printed_at is not None:
                    raise VisitClosed(_("visit {visit_id} cannot be reopened: its page was "
                                        "printed", visit_id=visit_id))
                raise VisitClosed(_("visit {visit_id} is {state}, not just finished",
                                    visit_id=visit_id, state=state_words(row.state)))
            check_ins.withdraw_open(session, visit_id)  # the person may answer now; asked again at the end

        self.db.write(work)
        return self.resume(visit_id)

    @property
    def saver(self) -> ThreadPoolExecutor:
        """The one thread the kiosk's saves run on, in the order they were made."""
        if self._saver is None:
            self._saver = ThreadPoolExecutor(1, thread_name_prefix="kiosk-save")
        return self._saver

    def store_changes(
        self,
        visit_id: int,
        save: Mapping[ItemRef, AnswerValue],
        cleared: list[ItemRef],
        flags: FlagChanges,
        *,
        within: float = SAVE_GIVE_UP_S,
    ) -> None:
        """Store a kiosk visit's answers saved and cleared and its flag changes, in one
        transaction that waits for a lock at most ``within`` seconds."""
        now = self.clock()

        def work(connection: Connection) -> None:
            check_in_progress(connection, visit_id)
            repo.delete_answers(
                connection, visit_id, [(ref.questionnaire, ref.item) for ref in cleared]
            )
            repo.save_answers(
                connection,
                visit_id,
                [
                    (ref.questionnaire, self._versions[ref.questionnaire], ref.item, value)
                    for ref, value in save.items()
                ],
                now,
            )
            write_flag_changes(connection, visit_id, flags, now)

        self.db.write_within(work, within)

    def deliver_safety_flag(self, visit_id: int, questionnaire_id: str, item_id: str, value: object,
                            raised_at: datetime) -> None:
        """The safety flag of an answer the kiosk kept on disk while the database was away,
        raised at the time the person answered. Whatever the visit's state: a peer worker
        still checks in. Delivered twice, it is stored once."""
        item = self.content.item(ItemRef(questionnaire_id, item_id))

        def work(connection: Connection) -> None:
            language = connection.scalar(select(VisitRow.language).where(VisitRow.id == visit_id))
            if language is None:
                raise UnknownVisit(visit_id)
            repo.insert_ignoring_duplicates(connection, Flag, [{
                "visit_id": visit_id, "severity": "safety", "questionnaire_id": questionnaire_id,
                "source_id": item_id, "is_score": False, "question": text_in(item.text, language),
                "answer": answer_text(item, value, language), "raised_at": raised_at,
            }])

        self.db.write_statements(work)

    def set_language(self, visit_id: int, language: str) -> None:
        now = self.clock()

        def work(session: Session) -> None:
            check_in_progress(session, visit_id)
            session.execute(
                update(VisitRow)
                .where(VisitRow.id == visit_id)
                .values(language=language, updated_at=now)
            )

        self.db.write(work)

    def record_view(
        self, visit_id: int, vignette_id: str, seconds_watched: float, finished: bool
    ) -> None:
        """Note that a vignette was watched (for how long, and to the end or not)."""
        now = self.clock()

        def work(session: Session) -> None:
            state = session.scalar(select(VisitRow.state).where(VisitRow.id == visit_id))
            if state is None:
                raise UnknownVisit(visit_id)
            if state == "reviewed":
                raise VisitLocked(_("visit {visit_id} is reviewed and locked", visit_id=visit_id))
            session.execute(
                insert(VignetteView).values(
                    visit_id=visit_id,
                    vignette_id=vignette_id,
                    seconds_watched=max(0.0, float(seconds_watched)),
                    finished=bool(finished),
                    viewed_at=now,
                )
            )

        self.db.write(work)

    def finish(self, visit_id: int, *, language: str | None = None) -> VisitRecord:
        """The user reached the end: the visit is complete and never edited again."""
        now = self.clock()

        def work(session: Session) -> VisitRecord:
            values: dict = {"state": "complete", "finished_at": now, "updated_at": now}
            if language:
                values["language"] = language
            done = session.execute(
                update(VisitRow)
                .where(VisitRow.id == visit_id, VisitRow.state == "in_progress")
                .values(**values)
            )
            if done.rowcount == 0:
                check_in_progress(session, visit_id)  # raises the right error
            check_ins.raise_for(session, self.content, [visit_id], now)
            return read_visit(session, visit_id)

        return self.db.write(work)

    def mark_printed(
        self, visit_id: int, *, actor: str = "kiosk", staff_id: int | None = None
    ) -> None:
        now = self.clock()

        def work(session: Session) -> None:
            roles.require_staff_id(session, staff_id, roles.REPORTS, N_("reprint a report"))
            done = session.execute(
                update(VisitRow).where(VisitRow.id == visit_id).values(printed_at=now)
            )
            if done.rowcount == 0:
                raise UnknownVisit(visit_id)
            audit.record(
                session, audit.PRINT, at=now, actor=actor, staff_id=staff_id, visit_id=visit_id
            )
            from decisionaid.services import chart_outbox  # loaded after the kiosk's start

            chart_outbox.enqueue(session, visit_id, "printed", now, self.chart_destinations)

        self.db.write(work)


    def load(self, visit_id: int) -> VisitRecord:
        """A visit in full, for the report and other internal use (not audit-logged)."""
        return self.db.read(lambda s: read_visit(s, visit_id))

    # --- internals ------------------------------------------------------------------------------
    def _carry_forward(self, session: Session, service_user_id: int) -> dict[ItemRef, AnswerValue]:
        """The latest answer to each `carry_forward` item from this user's earlier visits."""
        if not self._carry:
            return {}
        rows = session.execute(
            select(Answer.questionnaire_id, Answer.item_id, Answer.value)
            .join(VisitRow, VisitRow.id == Answer.visit_id)
            .where(
                VisitRow.service_user_id == service_user_id,
                VisitRow.state.in_(FINISHED_STATES),
                tuple_(Answer.questionnaire_id, Answer.item_id).in_(
                    [(r.questionnaire, r.item) for r in self._carry]
                ),
            )
            .order_by(VisitRow.started_at.desc(), Answer.answered_at.desc())
        )
        found: dict[ItemRef, AnswerValue] = {}
        for row in rows:
            found.setdefault(ItemRef(row.questionnaire_id, row.item_id), repo.decode(row.value))
        return found
