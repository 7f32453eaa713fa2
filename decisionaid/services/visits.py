"""Visits: the use-cases the kiosk and the peer station call.

The kiosk drives a ``KioskVisit``: each ``confirm``/``skip`` commits what it changes (answers saved
and cleared, flags) in one transaction, and only then moves the engine on, so a crash, a power cut
or a failed save loses nothing the user has confirmed and never files an answer under a question
they did not see (see ``KioskVisit``). The peer station lists, views, force-finishes,
acknowledges flags and reviews (which locks the visit). Everything returned is plain data.

Flags are kept in step with the answers, with one exception: a safety flag, once raised, stays
until a staff member acknowledges it, even if the user changes the answer (the kiosk has told the
user a peer worker will check in).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Connection, and_, case, delete, func, insert, select, tuple_, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from decisionaid.content.model import Content, ItemRef
from decisionaid.engine import FlagEntry, Plan, Step, Visit, VisitSummary
from decisionaid.engine.visit import Answer as AnswerValue
from decisionaid.errors import UserError
from decisionaid.services import audit, roles
from decisionaid.services.clock import Clock, local_day_bounds, local_day_start, utc_now
from decisionaid.storage import Database
from decisionaid.storage import repository as repo
from decisionaid.storage.models import (
    Answer,
    Flag,
    PeerReview,
    ServiceUser,
    VignetteView,
)
from decisionaid.storage.models import Visit as VisitRow

FINISHED_STATES = ("incomplete", "complete", "reviewed")
# The note kept with a concern flag that closed because its visit was reviewed.
REVIEW_CLOSED_NOTE = "closed with the review of the visit"
log = logging.getLogger(__name__)


class UnknownVisit(UserError):
    def __init__(self, visit_id: int):
        super().__init__(f"there is no visit with id {visit_id}")


class VisitClosed(UserError):
    """The visit is no longer in progress (finished, force-finished, reviewed)."""


class VisitLocked(UserError):
    """A reviewed visit is locked: nothing in it changes."""


# --- plain data --------------------------------------------------------------------------------
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


# --- the kiosk's handle on one visit -----------------------------------------------------------
# A save a person is waiting on gives up after this long waiting for the database (a lock held
# by another process, a server that does not answer): better told "not saved, try again" than
# left waiting. The kiosk shows "Saving..." after SAVE_HOLD_S.
SAVE_GIVE_UP_S = 5.0
SAVE_HOLD_S = 1.5
SAVE_FIRST_TRY_S = 0.05  # the wait for SQLite's lock before the save moves off the screen's thread
# How often a safety answer that could not be stored is tried again, in the background.
SAFETY_RETRY_S = 1.0

_MISSING = object()


def _waiting_for_lock(error: BaseException) -> bool:
    """SQLite's "database is locked": another writer holds the lock (worth waiting for)."""
    text = str(getattr(error, "orig", "") or "").lower()
    return isinstance(error, OperationalError) and ("locked" in text or "busy" in text)


class NotSaved(Exception):
    """What the person confirmed could not be stored, so the visit has not moved. The cause
    (full disk, lock, lost server) is chained; it is for the log, not for the screen."""


class Pending:
    """A save on its way to storage. ``wait(seconds)`` says whether it is done; the
    ``KioskVisit`` method that made it turns it into the outcome (``complete``)."""

    def __init__(self, future: Future | None, plan: Plan | None = None):
        self._future = future
        self.plan = plan

    def wait(self, seconds: float | None = None) -> bool:
        if self._future is None:
            return True
        try:
            self._future.exception(timeout=seconds)
        except FutureTimeout:
            return False
        return True

    def done(self) -> bool:
        return self._future is None or self._future.done()

    def when_done(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` once done (at once if it is; otherwise on the saving thread)."""
        if self._future is None:
            callback()
        else:
            self._future.add_done_callback(lambda _f: callback())

    def error(self) -> BaseException | None:
        return None if self._future is None else self._future.exception()

    def result(self):
        return None if self._future is None else self._future.result()


class KioskVisit:
    """One visit in progress at the kiosk: the engine's visit, saved as it goes.

    An action that moves the visit (confirm, skip, skip a section) is worked out first
    (``Visit.plan_*``), stored, and only then made (``Visit.commit``): a failed save leaves the
    visit where it was, and the same action can be tried again. The one exception is a safety
    answer: the safety screen is shown even when its save fails, and what the person confirmed
    is then tried again in the background until it is stored.

    Saves run one at a time on the service's saving thread, so a save never holds up the
    screen for long: ``start_confirm`` (and the other ``start_*``) hand back a ``Pending`` the
    kiosk waits on briefly, then ``complete``. ``confirm``/``skip``/``skip_section`` do both at
    once. Call everything but the saving itself from one thread (the kiosk's).
    """

    def __init__(
        self,
        service: VisitService,
        visit_id: int,
        service_user_id: int | None,
        visit: Visit,
        stored_flags: list[FlagRecord] | None = None,
    ):
        self._service = service
        self.id = visit_id
        self.service_user_id = service_user_id
        self.visit = visit
        self.resumed = stored_flags is not None  # True: picked up where it was left
        self._lock = threading.Lock()  # guards the fields below, never held while writing
        self._writing = threading.Lock()  # one store at a time, from either thread
        # What is stored, as this kiosk last wrote it: only differences are written.
        self._stored_answers: dict[ItemRef, AnswerValue] = visit.answers
        self._stored_flags: dict[FlagKey, tuple[str, str]] = {
            _flag_key(f): (f.severity, f.answer) for f in stored_flags or []
        }
        # What the person has confirmed (the engine's answers and flags as last committed);
        # it differs from what is stored only while a safety answer waits to be stored.
        self._confirmed: tuple[dict[ItemRef, AnswerValue], list[FlagEntry]] = (
            visit.answers,
            visit.flags,
        )
        self._owed: dict[FlagKey, FlagEntry] = {}  # safety flags shown but not yet stored
        self._queued = 0  # saves submitted and not finished
        self._retry_timer: threading.Timer | None = None
        self._given_up = False

    @property
    def current(self):
        return self.visit.current

    @property
    def unsaved(self) -> bool:
        """True while something the person confirmed (a safety answer) waits to be stored."""
        with self._lock:
            return bool(self._owed)

    # --- moving on: stored first ----------------------------------------------------------------
    def start_confirm(self, value: object = None) -> Pending:
        """Start confirming the current screen (InvalidAnswer at once if the value does not
        fit); ``complete`` the result."""
        return self._start(self.visit.plan_confirm(value))

    def start_skip(self) -> Pending:
        return self._start(self.visit.plan_skip())

    def start_skip_section(self) -> Pending:
        return self._start(self.visit.plan_skip_section())

    def complete(self, pending: Pending) -> Step:
        """Wait for the save, then move the visit on; NotSaved (the visit where it was) if it
        failed, except after a safety answer, which moves on to the safety screen anyway."""
        assert pending.plan is not None
        pending.wait()
        error = pending.error()
        if isinstance(error, UserError):
            raise error  # the visit was closed (by a peer worker, the end of the day)
        if error is not None and pending.plan.step.safety is None:
            raise NotSaved("the answer was not stored") from error
        if error is not None:
            log.warning("a safety answer is not stored yet, retrying: %s", type(error).__name__)
        return self.visit.commit(pending.plan)

    def confirm(self, value: object = None) -> Step:
        """Confirm the current screen; returns once the change is committed to disk."""
        return self.complete(self.start_confirm(value))

    def skip(self) -> Step:
        return self.complete(self.start_skip())

    def skip_section(self) -> Step:
        return self.complete(self.start_skip_section())

    def back(self) -> None:
        self.visit.back()

    def go_to(self, ref: ItemRef) -> None:
        self.visit.go_to(ref)

    def go_to_end(self) -> None:
        self.visit.go_to_end()

    # --- the rest of the visit ---------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Switch the visit's language; stored on the saving thread (waited for briefly: a
        failure is logged, the switch on screen stands)."""
        self.visit.language = language
        pending = self._submit(lambda: self._service.set_language(self.id, language))
        pending.wait(SAVE_HOLD_S)

    def record_view(self, vignette_id: str, seconds_watched: float, finished: bool) -> None:
        """Note a story watched; stored on the saving thread (waited for briefly; a failure
        is logged)."""
        self._submit(
            lambda: self._service.record_view(self.id, vignette_id, seconds_watched, finished)
        ).wait(SAVE_HOLD_S)

    def start_finish(self) -> Pending:
        """Start closing the visit as complete, once everything confirmed is stored; the
        result (``finished``) is the stored visit."""
        with self._lock:
            answers, flags = self._confirmed

        def work() -> VisitRecord:
            self._store(answers, flags, ())
            return self._service.finish(self.id, language=self.visit.language)

        return self._submit(work)

    def finished(self, pending: Pending) -> VisitRecord:
        """The finished visit, or NotSaved (the visit is still in progress)."""
        pending.wait()
        error = pending.error()
        if isinstance(error, UserError):
            raise error
        if error is not None:
            raise NotSaved("the visit could not be finished") from error
        return pending.result()

    def finish(self) -> VisitRecord:
        """Close the visit as complete: from now on it is a snapshot that is never edited."""
        return self.finished(self.start_finish())

    def flush(self, seconds: float | None = None) -> bool:
        """Wait until every save submitted so far has run (tests, closing the kiosk)."""
        return self._submit(lambda: None).wait(seconds)

    # --- saving ------------------------------------------------------------------------------------
    def _start(self, plan: Plan) -> Pending:
        answers, flags, force = plan.answers, plan.flags, list(plan.step.saved)
        with self._lock:
            if not self._queued and not self._owed and not force and not self._differs(answers, flags):
                return Pending(None, plan)  # nothing to store (an intro's Start, an info screen)

        # First on this thread, waiting for SQLite's lock only a moment: a handoff to the saving
        # thread costs milliseconds on a busy machine, a frame's worth. A lock held elsewhere
        # sends the save to the saving thread, which waits longer while the screen says so.
        if self._service.db.dialect == "sqlite" and self._writing.acquire(blocking=False):
            try:
                self._store_now(answers, flags, force, SAVE_FIRST_TRY_S)
            except Exception as e:
                if not _waiting_for_lock(e):
                    self._not_stored(plan, e)
                    failed: Future = Future()
                    failed.set_exception(e)
                    return Pending(failed, plan)
            else:
                with self._lock:
                    self._confirmed = (answers, flags)
                return Pending(None, plan)
            finally:
                self._writing.release()

        def work() -> None:
            try:
                self._store(answers, flags, force)
            except Exception as e:
                self._not_stored(plan, e)
                raise
            with self._lock:
                self._confirmed = (answers, flags)

        return self._submit(work, plan)

    def _not_stored(self, plan: Plan, error: Exception) -> None:
        log.warning("kiosk save failed: %s", type(error).__name__)
        if plan.step.safety is not None and not isinstance(error, UserError):
            with self._lock:
                self._confirmed = (plan.answers, plan.flags)
                self._owed[_flag_key(plan.step.safety)] = plan.step.safety
            self._retry_later()

    def _submit(self, work: Callable[[], object], plan: Plan | None = None) -> Pending:
        with self._lock:
            self._queued += 1

        def run():
            try:
                return work()
            except Exception as e:
                log.info("kiosk saving thread: %s", type(e).__name__)
                raise
            finally:
                with self._lock:
                    self._queued -= 1

        return Pending(self._service.saver.submit(run), plan)

    def _differs(self, answers: Mapping[ItemRef, AnswerValue], flags: list[FlagEntry]) -> bool:
        return answers != self._stored_answers or bool(
            _flag_changes(self._stored_flags, self._wanted_flags(flags)).any
        )

    def _wanted_flags(self, flags: list[FlagEntry]) -> dict[FlagKey, FlagEntry]:
        """The flags to store: the answers' own, and every safety flag the person was shown
        (stored as safety even if the answer has changed since: a peer worker will check in)."""
        wanted = {_flag_key(f): f for f in flags}
        for key, owed in self._owed.items():
            now = wanted.get(key)
            if now is None or now.severity != "safety":
                wanted[key] = replace(now or owed, severity="safety")
        return wanted

    def _store(
        self,
        answers: Mapping[ItemRef, AnswerValue],
        flags: list[FlagEntry],
        force: list[ItemRef],
    ) -> None:
        """Make what is stored match ``answers`` and ``flags`` in one transaction (on the saving
        thread). ``force``: answers written even if unchanged (their time is the confirm's)."""
        with self._writing:
            self._store_now(answers, flags, force, SAVE_GIVE_UP_S)

    def _store_now(
        self,
        answers: Mapping[ItemRef, AnswerValue],
        flags: list[FlagEntry],
        force: list[ItemRef],
        within: float,
    ) -> None:
        """``_store`` with ``_writing`` held, waiting for a lock at most ``within``."""
        with self._lock:
            stored = self._stored_answers
            save = {
                ref: value
                for ref, value in answers.items()
                if ref in force or stored.get(ref, _MISSING) != value
            }
            cleared = [ref for ref in stored if ref not in answers]
            changes = _flag_changes(self._stored_flags, self._wanted_flags(flags))
        if not save and not cleared and not changes.any:
            return
        self._service.store_changes(self.id, save, cleared, changes, within=within)
        with self._lock:
            self._stored_answers = dict(answers)
            self._stored_flags = changes.after
            for key in list(self._owed):
                if changes.after.get(key, ("",))[0] == "safety":
                    del self._owed[key]

    def _retry_later(self) -> None:
        with self._lock:
            if self._retry_timer is not None or self._given_up:
                return
            self._retry_timer = threading.Timer(SAFETY_RETRY_S, self._retry)
            self._retry_timer.daemon = True  # never keeps a closing kiosk alive
            self._retry_timer.start()

    def _retry(self) -> None:
        def work() -> None:
            with self._lock:
                self._retry_timer = None
                answers, flags = self._confirmed
                if not self._owed:
                    return
            try:
                self._store(answers, flags, ())
            except (UnknownVisit, VisitClosed):
                with self._lock:
                    self._given_up = True  # finished by a peer worker: nothing more can change
                log.warning("a safety answer could not be stored: the visit was closed")
            except Exception:
                self._retry_later()
            else:
                log.info("a safety answer that had failed to save is now stored")

        self._submit(work)


# --- the service -------------------------------------------------------------------------------
class VisitService:
    def __init__(self, db: Database, content: Content, *, clock: Clock = utc_now):
        self.db = db
        self.content = content
        self.clock = clock
        self._versions = {q.id: q.version for q in content.questionnaires}
        self._trend = [
            ItemRef(q.id, i.id) for q in content.questionnaires for i in q.items if i.trend
        ]
        self._carry = [
            ItemRef(q.id, i.id) for q in content.questionnaires for i in q.items if i.carry_forward
        ]
        self._saver: ThreadPoolExecutor | None = None

    # --- kiosk ----------------------------------------------------------------------------------
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
                    raise UserError(f"there is no service-user profile with id {service_user_id}")
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
                self._load(session, visit_id),
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
                f"visit {visit_id} is {record.state.replace('_', ' ')}, not in progress"
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
                    raise VisitClosed(f"visit {visit_id} cannot be reopened: its page was printed")
                raise VisitClosed(f"visit {visit_id} is {row.state.replace('_', ' ')}, not just finished")

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
        flags: _FlagChanges,
        *,
        within: float = SAVE_GIVE_UP_S,
    ) -> None:
        """Store a kiosk visit's answers saved and cleared and its flag changes, in one
        transaction that waits for a lock at most ``within`` seconds."""
        now = self.clock()

        def work(connection: Connection) -> None:
            self._check_in_progress(connection, visit_id)
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
            _write_flag_changes(connection, visit_id, flags, now)

        self.db.write_within(work, within)

    def _check_in_progress(self, session: Session | Connection, visit_id: int) -> None:
        """Raise unless the visit is in progress; holds it there until the transaction ends
        (SQLite: the write lock is already held; PostgreSQL: a row lock)."""
        state = session.scalar(
            select(VisitRow.state).where(VisitRow.id == visit_id).with_for_update()
        )
        if state is None:
            raise UnknownVisit(visit_id)
        if state != "in_progress":
            raise VisitClosed(
                f"visit {visit_id} is {state.replace('_', ' ')}: it can no longer change"
            )

    def set_language(self, visit_id: int, language: str) -> None:
        now = self.clock()

        def work(session: Session) -> None:
            self._check_in_progress(session, visit_id)
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
                raise VisitLocked(f"visit {visit_id} is reviewed and locked")
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
                self._check_in_progress(session, visit_id)  # raises the right error
            return self._load(session, visit_id)

        return self.db.write(work)

    def mark_printed(
        self, visit_id: int, *, actor: str = "kiosk", staff_id: int | None = None
    ) -> None:
        now = self.clock()

        def work(session: Session) -> None:
            roles.require_staff_id(session, staff_id, roles.REPORTS, "reprint a report")
            done = session.execute(
                update(VisitRow).where(VisitRow.id == visit_id).values(printed_at=now)
            )
            if done.rowcount == 0:
                raise UnknownVisit(visit_id)
            audit.record(
                session, audit.PRINT, at=now, actor=actor, staff_id=staff_id, visit_id=visit_id
            )

        self.db.write(work)

    # --- peer station ---------------------------------------------------------------------------
    def view(self, visit_id: int, *, staff_id: int | None) -> VisitRecord:
        """A visit in full, as a staff member opens it (audit-logged)."""
        now = self.clock()

        def work(session: Session) -> VisitRecord:
            roles.require_staff_id(session, staff_id, roles.REPORTS, "open a visit")
            record = self._load(session, visit_id)
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

    def load(self, visit_id: int) -> VisitRecord:
        """A visit in full, for the report and other internal use (not audit-logged)."""
        return self.db.read(lambda s: self._load(s, visit_id))

    def summary(self, record: VisitRecord) -> VisitSummary:
        """The engine's summary of a stored visit, in the visit's language."""
        return Visit(self.content, language=record.language, answers=record.answers).summary()

    def force_finish(self, visit_id: int, *, staff_id: int | None, actor: str = "peer") -> None:
        """End a visit still in progress as ``incomplete`` (the user left)."""
        now = self.clock()

        def work(session: Session) -> None:
            roles.require_staff_id(session, staff_id, roles.PEER_WORK, "end a visit")
            done = session.execute(
                update(VisitRow)
                .where(VisitRow.id == visit_id, VisitRow.state == "in_progress")
                .values(state="incomplete", finished_at=now, updated_at=now)
            )
            if done.rowcount == 0:
                self._check_in_progress(session, visit_id)  # raises the right error
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
                .execution_options(synchronize_session=False)
            )
            if done.rowcount:
                audit.record(session, audit.CLOSE_DAY, at=now, actor="system", visits=done.rowcount)
            return done.rowcount

        return self.db.write(work)

    def open_before(self, moment: datetime) -> int:
        """How many visits started before ``moment`` are still in progress."""
        return self.db.read(lambda session: session.scalar(
            select(func.count()).select_from(VisitRow)
            .where(VisitRow.state == "in_progress", VisitRow.started_at < moment)) or 0)

    def acknowledge_flag(self, flag_id: int, *, staff_id: int | None, note: str) -> FlagRecord:
        """A staff member has checked in: the flag stops showing as open. A note is required."""
        if not isinstance(note, str) or not note.strip():
            raise UserError("write a note saying what was done about the flag")
        now = self.clock()

        def work(session: Session) -> FlagRecord:
            roles.require_staff_id(session, staff_id, roles.PEER_WORK, "acknowledge a flag")
            row = session.get(Flag, flag_id)
            if row is None:
                raise UserError(f"there is no flag with id {flag_id}")
            if row.acknowledged_at is not None:
                raise UserError(f"flag {flag_id} was already acknowledged")
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
            return _flag(row)

        return self.db.write(work)

    def open_flags(self) -> list[FlagRecord]:
        """Flags no one has acknowledged yet, safety first, oldest first."""
        query = (
            select(Flag)
            .where(Flag.acknowledged_at.is_(None))
            .order_by((Flag.severity == "safety").desc(), Flag.raised_at, Flag.id)
        )
        return self.db.read(lambda s: [_flag(r) for r in s.scalars(query)])

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
            raise UserError(f"unknown decision mark {unknown[0]!r}: use {', '.join(DECISION_MARKS)}")
        now = self.clock()

        def work(session: Session) -> VisitRecord:
            roles.require_staff_id(session, staff_id, roles.REPORTS, "record the decision")
            state = session.scalar(
                select(VisitRow.state).where(VisitRow.id == visit_id).with_for_update()
            )
            if state is None:
                raise UnknownVisit(visit_id)
            if state == "reviewed":
                raise VisitLocked(f"visit {visit_id} is already reviewed and locked")
            if state == "in_progress":
                raise VisitClosed(f"visit {visit_id} is still in progress: finish it first")
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
            return self._load(session, visit_id)

        return self.db.write(work)

    def todays_visits(self) -> list[VisitInfo]:
        """Today's visits (local day), newest first, with their open flags."""
        start, end = local_day_bounds(self.clock())
        return self.db.read(
            lambda s: visit_infos(
                s,
                visit_info_query()
                .where(VisitRow.started_at >= start, VisitRow.started_at < end)
                .order_by(VisitRow.started_at.desc(), VisitRow.id.desc()),
            )
        )

    def user_visits(self, service_user_id: int, limit: int = 100) -> list[VisitInfo]:
        """One profile's visits, newest first."""
        return self.db.read(
            lambda s: visit_infos(
                s,
                visit_info_query()
                .where(VisitRow.service_user_id == service_user_id)
                .order_by(VisitRow.started_at.desc(), VisitRow.id.desc())
                .limit(limit),
            )
        )

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

    def _load(self, session: Session, visit_id: int) -> VisitRecord:
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
            _flag(f)
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


FlagKey = tuple[str, str, bool]  # questionnaire id, item or score id, is a score


def _flag_key(flag: FlagEntry | FlagRecord) -> FlagKey:
    return (flag.questionnaire_id, flag.source_id, flag.is_score)


@dataclass(frozen=True)
class _FlagChanges:
    add: list[FlagEntry]
    change: list[tuple[FlagEntry, str]]  # the entry and the severity to store
    remove: list[FlagKey]
    after: dict[FlagKey, tuple[str, str]]  # what is stored afterwards: severity, answer

    @property
    def any(self) -> bool:
        return bool(self.add or self.change or self.remove)


def _flag_changes(
    stored: dict[FlagKey, tuple[str, str]], wanted: dict[FlagKey, FlagEntry]
) -> _FlagChanges:
    """What to write so the stored flags follow the answers. A safety flag is never removed
    or softened here: it waits for a staff member (see the module docstring)."""
    add, change, remove = [], [], []
    after = dict(stored)
    for key, entry in wanted.items():
        if key not in stored:
            add.append(entry)
            after[key] = (entry.severity, entry.answer)
        elif stored[key] != (entry.severity, entry.answer):
            severity = "safety" if "safety" in (stored[key][0], entry.severity) else "concern"
            change.append((entry, severity))
            after[key] = (severity, entry.answer)
    for key, (severity, _) in stored.items():
        if key not in wanted and severity != "safety":
            remove.append(key)
            del after[key]
    return _FlagChanges(add, change, remove, after)


def _write_flag_changes(
    connection: Connection, visit_id: int, changes: _FlagChanges, now: datetime
) -> None:
    repo.insert_ignoring_duplicates(
        connection,
        Flag,
        [
            {
                "visit_id": visit_id,
                "severity": f.severity,
                "questionnaire_id": f.questionnaire_id,
                "source_id": f.source_id,
                "is_score": f.is_score,
                "question": f.question,
                "answer": f.answer,
                "raised_at": now,
            }
            for f in changes.add
        ],
    )

    def where(key: FlagKey):
        # An acknowledged flag is a record of what a staff member saw: it is never changed.
        return and_(
            Flag.visit_id == visit_id,
            Flag.questionnaire_id == key[0],
            Flag.source_id == key[1],
            Flag.is_score == key[2],
            Flag.acknowledged_at.is_(None),
        )

    for entry, severity in changes.change:
        connection.execute(
            update(Flag)
            .where(where(_flag_key(entry)))
            .values(severity=severity, question=entry.question, answer=entry.answer)
        )
    for key in changes.remove:
        connection.execute(delete(Flag).where(where(key), Flag.severity != "safety"))


def _flag(row: Flag) -> FlagRecord:
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


def visit_info_query():
    """The columns a ``VisitInfo`` is made of; add ``where``/``order_by``/``limit`` and pass the
    query to ``visit_infos``. Shared by the visit service and the peer station's queries."""
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
    """Run a ``visit_info_query`` and attach each visit's count of open flags."""
    rows = session.execute(query).all()
    if not rows:
        return []
    counts: Mapping[int, tuple[int, int]] = {
        r.visit_id: (r.open, r.safety)
        for r in session.execute(
            select(
                Flag.visit_id,
                func.count().label("open"),
                func.sum(case((Flag.severity == "safety", 1), else_=0)).label("safety"),
            )
            .where(and_(Flag.visit_id.in_([r.id for r in rows]), Flag.acknowledged_at.is_(None)))
            .group_by(Flag.visit_id)
        )
    }
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
        )
        for r in rows
    ]
