"""Out of order, calmly: "This kiosk is resting — please see the front desk".

When the database cannot be reached — as the kiosk starts, or when a save fails and the
database does not answer — the kiosk covers the whole window (top bar too) with one calm card,
in every language it offers at once (the person may not read the first one), and keeps trying
every ``KioskTimes.retry_ms`` off the UI thread. When the database answers again the card goes
by itself: at start the welcome screen wakes up; during a visit the person is back on the same
question, with their choice, and Next saves it. The kiosk never exits and restarts in a loop
over a lost server (which used to flash the welcome screen seven times in 45 seconds).

``timer`` is the Qt timer that paces the tries (tests fire it by hand, as time moving on).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from decisionaid.ui.common.operations import run_in_background
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.widgets import centred, label
from decisionaid.ui.kiosk.overlay_card import OverlayCard

log = logging.getLogger(__name__)


def unreachable(error: BaseException) -> bool:
    """The database server did not answer (worth waiting for), as opposed to a refusal that
    needs an admin (bad content, a damaged file, a wrong key)."""
    from decisionaid.storage.database import DatabaseUnreachable

    return isinstance(error, DatabaseUnreachable)


class RestingCard(OverlayCard):
    """The card itself: the same two lines in each of the kiosk's languages."""

    def __init__(self, parent: QWidget, languages: tuple[str, ...], theme):
        super().__init__(parent, theme, width=1500, spacing=20)
        self.setObjectName("resting")
        self.lines: list[tuple[str, str]] = []
        for language in languages:
            words = (t("resting_title", language), t("resting_body", language))
            if words in self.lines:
                continue  # a language without words of its own: said once, not twice
            self.lines.append(words)
            title = centred(label("huge"))
            title.setText(words[0])
            title.setObjectName(f"resting_title_{language}")
            body = centred(label("lead"))
            body.setText(words[1])
            self.column.addWidget(title)
            self.column.addWidget(body)
        self.setAccessibleName(" / ".join(title for title, _ in self.lines))

    def spoken_text(self) -> str:
        return " ".join(f"{title}. {body}" for title, body in self.lines)


class Resting(QObject):
    """Shows the resting card and tries the database again until it answers.

    ``changed(bool)``: the kiosk started or stopped resting (the watchdog's status line)."""

    changed = Signal(bool)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.card: RestingCard | None = None
        self.timer = window.timers.timer(window.times.retry_ms / 1000, self.try_again, self,
                                         repeat=True)
        self._attempt: Callable[[], object] | None = None
        self._on_back: Callable[[object], None] | None = None
        self._on_refused: Callable[[Exception], None] | None = None
        self._trying = False

    @property
    def resting(self) -> bool:
        return self.card is not None

    # --- at start: open the services, resting while the database is away -------------------------
    def open_services(self, attempt: Callable[[], object], on_back: Callable[[object], None],
                      on_refused: Callable[[Exception], None]) -> None:
        """Run ``attempt`` off the UI thread; its result goes to ``on_back``. While it fails
        because the database cannot be reached, rest and try again; any other failure goes
        to ``on_refused`` (the kiosk says why and stops)."""
        self._attempt, self._on_back, self._on_refused = attempt, on_back, on_refused

        def failed(error: Exception) -> None:
            if unreachable(error):
                log.warning("the database cannot be reached; the kiosk rests and tries again: %s", error)
                self.rest()
            else:
                self._attempt = None
                on_refused(error)

        run_in_background(attempt, self._back, failed, self)

    # --- during a visit: a save failed; is the database there? -------------------------------------
    def check(self) -> None:
        """A save just failed: rest if the database does not answer now (a lock or a full disk
        is said on the question's own line instead)."""
        if self.resting or self.window.services is None:
            return
        db = self.window.services.visits.db

        def answered(ok: bool) -> None:
            if not ok and not self.resting:
                log.warning("the database does not answer; the kiosk rests and tries again")
                self._attempt = lambda: self._probe(db)
                self._on_back = self._on_refused = None
                self.rest()

        run_in_background(lambda: self._answers(db), answered, lambda _e: None, self)

    @staticmethod
    def _answers(db) -> bool:
        from decisionaid.storage.database import answers_now

        return answers_now(db)

    def _probe(self, db) -> None:
        from decisionaid.storage.database import DatabaseUnreachable

        if not self._answers(db):
            raise DatabaseUnreachable("the database does not answer")

    # --- resting ----------------------------------------------------------------------------------
    def rest(self) -> None:
        window = self.window
        if self.card is None:
            window.speaker.stop()
            self.card = RestingCard(window, tuple(window.languages), window.theme)
            self.card.setGeometry(window.rect())
            self.card.show()
            self.card.raise_()
            self.changed.emit(True)
        self.timer.start()

    def try_again(self) -> None:
        if self._trying or self._attempt is None:
            return
        self._trying = True

        def failed(error: Exception) -> None:
            self._trying = False
            if not unreachable(error):
                self.timer.stop()
                self._lift()
                refused, self._attempt = self._on_refused, None
                if refused is not None:
                    refused(error)

        run_in_background(self._attempt, self._back_after_try, failed, self)

    def _back_after_try(self, result) -> None:
        self._trying = False
        self._back(result)

    def _back(self, result) -> None:
        self.timer.stop()
        on_back, self._attempt = self._on_back, None
        if self.resting:
            log.warning("the database answers again; the kiosk is back")
        self._lift()
        if on_back is not None:
            on_back(result)

    def lift(self) -> None:
        """A save went through: the database is there, whatever the last try said."""
        if self.resting and self._on_back is None:
            self.timer.stop()
            self._attempt = None
            self._lift()

    def _lift(self) -> None:
        if self.card is not None:
            self.card.hide()
            self.card.deleteLater()
            self.card = None
            self.changed.emit(False)

    def follow(self) -> None:
        """The window was resized: the card still covers it."""
        if self.card is not None:
            self.card.setGeometry(self.window.rect())
