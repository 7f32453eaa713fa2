"""The kiosk's handle on one visit in progress: each ``confirm``/``skip`` commits what it changes
(answers saved and cleared, flags) in one transaction, and only then moves the engine on, so a
crash, a power cut or a failed save loses nothing the user has confirmed and never files an
answer under a question they did not see.

Flags are kept in step with the answers, with one exception: a safety flag, once raised, stays
until a staff member acknowledges it, even if the user changes the answer (the kiosk has told the
user a peer worker will check in).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from decisionaid.content.model import ItemRef
from decisionaid.engine import FlagEntry, Plan, Step, Visit
from decisionaid.engine.visit import Answer as AnswerValue
from decisionaid.errors import UserError
from decisionaid.services.flag_changes import FlagKey, flag_changes, flag_key
from decisionaid.services.saving_times import (
    SAFETY_RETRY_S,
    SAVE_FIRST_TRY_S,
    SAVE_GIVE_UP_S,
    SAVE_HOLD_S,
)
from decisionaid.services.visit_records import FlagRecord, UnknownVisit, VisitClosed, VisitRecord

if TYPE_CHECKING:
    from decisionaid.services.clock import Timer
    from decisionaid.services.visit_saving import KioskVisits

log = logging.getLogger(__name__)


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
        service: KioskVisits,
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
            flag_key(f): (f.severity, f.answer) for f in stored_flags or []
        }
        # What the person has confirmed (the engine's answers and flags as last committed);
        # it differs from what is stored only while a safety answer waits to be stored.
        self._confirmed: tuple[dict[ItemRef, AnswerValue], list[FlagEntry]] = (
            visit.answers,
            visit.flags,
        )
        self._owed: dict[FlagKey, FlagEntry] = {}  # safety flags shown but not yet stored
        self._queued = 0  # saves submitted and not finished
        self._retry_timer: Timer | None = None
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
                self._owed[flag_key(plan.step.safety)] = plan.step.safety
            self._keep_on_disk(plan.step.safety, plan.answers)
            self._retry_later()

    def _keep_on_disk(self, flag: FlagEntry, answers: Mapping[ItemRef, AnswerValue]) -> None:
        """The flag a person was shown, kept on the kiosk's disk (``help_outbox``) so it reaches
        the station even if this process stops before the database is back."""
        outbox = self._service.outbox
        if outbox is not None:
            value = answers.get(ItemRef(flag.questionnaire_id, flag.source_id))
            outbox.keep_safety(self.id, flag.questionnaire_id, flag.source_id, value)

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
            flag_changes(self._stored_flags, self._wanted_flags(flags)).any
        )

    def _wanted_flags(self, flags: list[FlagEntry]) -> dict[FlagKey, FlagEntry]:
        """The flags to store: the answers' own, and every safety flag the person was shown
        (stored as safety even if the answer has changed since: a peer worker will check in)."""
        wanted = {flag_key(f): f for f in flags}
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
            changes = flag_changes(self._stored_flags, self._wanted_flags(flags))
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
            self._retry_timer = self._service.timers.timer(SAFETY_RETRY_S, self._retry, None)
            self._retry_timer.start()

    def _retry(self) -> None:
        def work() -> None:
            with self._lock:
                self._retry_timer = None
                answers, flags = self._confirmed
                if not self._owed:
                    return
            if self._service.outbox is not None:
                self._service.outbox.deliver()  # the flag first, with the time it was raised
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

