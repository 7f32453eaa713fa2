"""The kiosk window: the top bar, one screen at a time, the idle warning, and saving's line.

What comes next is not decided here: the Qt-free ``KioskFlow`` (services/kiosk_flow.py) says
which screen follows what the person did (sign-in outcomes, resume, intro, question, safety,
stories, review, change-from-review, print, done), and this window shows it. Every answer is
stored before the next screen is shown; a save that takes long shows "Saving…" without freezing
the screen, and one that fails leaves the person where they were (docs/kiosk.md, "Saving").

Screens are built fresh and the old one destroyed, with one exception for speed: during a visit
the section intro and one question screen per kind of answer are kept and refilled for each
item (``QuestionScreen.load``). When the visit ends for any reason those are destroyed with
the rest, and empty ones are made ready for the next person while the welcome screen waits, so
nothing of a previous user survives a reset.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QTimer, Signal
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from decisionaid.config import Config
from decisionaid.ui.common.operations import run_in_background
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.timers import QtTimers
from decisionaid.ui.common.top_bar import TopBar
from decisionaid.ui.common.widgets import label
from decisionaid.ui.common.writing_direction import follow_language
from decisionaid.ui.kiosk.idle import IdleWatcher, KioskTimes, StillThere
from decisionaid.ui.kiosk.screen_stack import ScreenStack
from decisionaid.ui.kiosk.signin_screens import SignInScreens
from decisionaid.ui.kiosk.staff_screens import StaffScreens
from decisionaid.ui.kiosk.visit_screens import VisitScreens
from decisionaid.ui.kiosk.welcome_screen import WelcomeScreen

if TYPE_CHECKING:
    from decisionaid.services.clock import Timers
    from decisionaid.services.kiosk_flow import KioskFlow
    from decisionaid.ui.kiosk.session import KioskServices

# Only the welcome screen is imported before the first paint: the kiosk's start is measured to
# that paint. The other screens load when first shown (or once the welcome screen is up,
# ``warm_up``), so the first touch does not wait for them either.
_LATER = (
    "decisionaid.ui.kiosk.first_time_screen", "decisionaid.ui.kiosk.signin_screen", "decisionaid.ui.kiosk.intro_screen",
    "decisionaid.ui.kiosk.question_screen", "decisionaid.ui.kiosk.safety_screen", "decisionaid.ui.kiosk.review_screen",
    "decisionaid.ui.kiosk.print_screen", "decisionaid.ui.kiosk.done_screen", "decisionaid.ui.kiosk.resume_screen",
    "decisionaid.ui.kiosk.peer_signin_screen", "decisionaid.ui.kiosk.staff_screen",
    "decisionaid.ui.kiosk.suggestions_screen", "decisionaid.engine.visit",
    "decisionaid.services.chart_outbox",  # a printed page goes to the health record
    "decisionaid.ui.common.player",  # the stories' player, on the screen's thread
)


def warm_up() -> None:
    """Import the screens the welcome screen leads to (call after it is painted)."""
    import importlib

    for name in _LATER:
        importlib.import_module(name)


log = logging.getLogger(__name__)


_TAPS = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
}


class _TapFilter(QObject):
    """Drops taps and keys meant for the window's screen or top bar (``KioskWindow.hold_taps``)."""

    def __init__(self, window: KioskWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:
        if event.type() not in _TAPS or not isinstance(watched, QWidget):
            return False
        return any(part is watched or part.isAncestorOf(watched)
                   for part in (self.window.stack, self.window.top_bar))


class KioskWindow(QWidget):
    """``screen_changed(name)`` after each new screen (tests and the demo wait on it);
    ``welcome_painted`` once the first welcome screen has been drawn."""

    screen_changed = Signal(str)
    welcome_painted = Signal()
    leave_requested = Signal()

    def __init__(self, services: KioskServices | None, *, config: Config | None = None,
                 theme: Theme | None = None, speaker=None,
                 times: KioskTimes | None = None, player_factory: Callable[[], object] | None = None,
                 open_peer_station: Callable[[], None] | None = None,
                 today: Callable[[], date] = date.today, timers: Timers | None = None):
        """``services`` may come later (``set_services``): the welcome screen is drawn first
        and its buttons wake up once the content and the database are open. ``timers``: where
        every timed part gets its timers (None: Qt's; tests and the demo hand in ``FakeTime``)."""
        super().__init__()
        self.setObjectName("KioskWindow")  # a window: the style sheet's background is drawn
        self.services = services
        self.config = services.config if services else config
        self.content = services.content if services else None
        self.languages = self.config.languages
        self.default_theme = theme or Theme()
        self.theme = self.default_theme
        self.timers: Timers = timers or QtTimers()
        if speaker is None:
            from decisionaid.ui.common.speech import Speaker

            speaker = Speaker(self, voices=self.config.voices, timers=self.timers)
        self.speaker = speaker
        self.times = times or KioskTimes.for_timeout(self.config.idle_timeout_s)
        self.player_factory = player_factory  # may come later, with the services
        self.language = self.languages[0]
        follow_language(self.language)
        # What comes next is the flow's to say (Qt-free, services/kiosk_flow.py).
        self.flow: KioskFlow | None = self._make_flow(services)
        # The screens' helpers use the window only as a KioskHost (ui/kiosk/host.py).
        self.visit_screens = VisitScreens(self, self, config=self.config, speaker=speaker,
                                          times=self.times, timers=self.timers,
                                          make_player=lambda: self.player_factory())
        self.sign_in_screens = SignInScreens(self, today=today,
                                             start_visit=self.visit_screens.start_visit)
        self.staff_screens = StaffScreens(self, config=self.config, show=self.visit_screens.show,
                                          leave=self.leave, open_peer_station=open_peer_station,
                                          timers=self.timers)
        self.screen: QWidget | None = None
        self.shown = 0  # counts screens put up, a refilled one included (tests wait on it)
        self.overlay: StillThere | None = None
        self._painted = False
        self._day_closed = False
        self._taps_held = False
        self._tap_filter = _TapFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.top_bar = TopBar(self.config.site_name, self.languages, self.theme, self.times.staff_hold_ms,
                              self.timers)
        self.top_bar.language_chosen.connect(self.set_language)
        self.top_bar.text_size_chosen.connect(lambda size: self.set_theme(self.theme.with_text_size(size)))
        self.top_bar.contrast_chosen.connect(lambda high: self.set_theme(self.theme.with_contrast(high)))
        self.top_bar.corner.held.connect(self.show_staff)
        self.top_bar.stories.connect(self.show_library)
        # "I'd like help" and "Read to me" in the top bar, "talk to someone now" on the safety screen.
        from decisionaid.ui.kiosk.help import KioskHelp

        self.help = KioskHelp(self)
        # "This kiosk is resting" while the database cannot be reached (resting.py).
        from decisionaid.ui.kiosk.resting import Resting

        self.resting = Resting(self)
        layout.addWidget(self.top_bar)
        self.stack = ScreenStack()
        layout.addWidget(self.stack, 1)
        # "Saving…" while a save takes long, and "not saved, try again" when one fails.
        self.notice = label("notice")
        self.notice.setObjectName("save_notice")
        side = self.theme.px(56)
        self.notice.setContentsMargins(side, 0, side, self.theme.px(12))
        self.notice.hide()
        layout.addWidget(self.notice)
        self.idle = IdleWatcher(self.times, self, self.timers)
        self.idle.warn.connect(self.warn_idle)
        self.theme.apply()
        self.go_welcome()

    # --- screens --------------------------------------------------------------------------------
    def show_screen(self, screen: QWidget, name: str) -> None:
        """Put ``screen`` up and destroy the one before it (unless it is kept for refilling)."""
        self.speaker.stop()
        self.top_bar.close_languages()
        old = self.screen
        if old is not screen:
            self.visit_screens.close_story()  # a story left any way at all: playback stops, the view is kept
            focused = QApplication.focusWidget()
            if old is not None and focused is not None and old.isAncestorOf(focused):
                # Let go of it first: otherwise Qt walks every widget in the window looking
                # for the next one to take the focus, only for the new screen to take it.
                focused.clearFocus()
            screen.setObjectName(screen.objectName() or name)
            if self.stack.indexOf(screen) < 0:
                self.stack.addWidget(screen)
            self.stack.setCurrentWidget(screen)
        self.screen = screen
        self.screen_name = name
        self.shown += 1
        self.notice.hide()
        if old is not None and old is not screen and not self.stack.is_kept(old):
            self._destroy(old)
        if name == "welcome":
            self.idle.disarm()
            screen.installEventFilter(self)
        else:
            self.idle.arm()
        self.top_bar.show_state(self.language, self.theme)
        # During a visit the library is one tap away; before sign-in the welcome screen has
        # its own button, and after the visit there is nothing to come back to.
        self.top_bar.stories_button.setVisible(self.visit is not None and name != "library")
        self.screen_changed.emit(name)

    def _destroy(self, screen: QWidget) -> None:
        # Gone from the stack at once; destroyed as soon as the new screen is on show.
        self.stack.removeWidget(screen)
        screen.hide()
        screen.deleteLater()

    # --- the screens kept for refilling (the stack keeps them) --------------------------------
    def kept(self, key: str, make: Callable[[], QWidget]) -> QWidget:
        return self.stack.kept(key, make)

    def has_kept(self, key: str) -> bool:
        return self.stack.has_kept(key)

    def drop_pool(self) -> None:
        """Destroy the kept screens (a visit is over, or the look has changed); the one on
        show goes when the next screen replaces it."""
        for screen in self.stack.drop_kept():
            if screen is not self.screen:
                self._destroy(screen)

    def eventFilter(self, watched, event) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint and watched is self.screen:
            self._painted = True
            self.welcome_painted.emit()
            if self.services is not None:
                self._after_start()
        return False

    def _make_flow(self, services: KioskServices | None) -> KioskFlow | None:
        if services is None:
            return None
        from decisionaid.services.kiosk_flow import KioskFlow

        return KioskFlow(services.visits, services.content, stories=self.player_factory is not None)

    def set_services(self, services: KioskServices) -> None:
        self.services = services
        self.content = services.content
        self.flow = self._make_flow(services)
        if self.screen_name == "welcome":
            self.screen.set_ready(True)
        self.help.keep_delivering()  # calls an earlier run kept on disk
        if self._painted:
            # The buttons wake up first; the rest of the kiosk is made ready in the next turn
            # of the event loop (a screen needed before that is made when first shown).
            QTimer.singleShot(0, self, self._after_start)

    def _after_start(self) -> None:
        """Once the welcome screen is up and the services are open: load the other screens,
        and close earlier days' unfinished visits (off the UI thread), once per kiosk."""
        if self._day_closed:
            return
        self._day_closed = True
        warm_up()
        self.visit_screens.prepare()
        visits = self.services.visits

        def failed(error: Exception) -> None:
            log.warning("could not close earlier days' visits: %s", type(error).__name__)

        run_in_background(visits.close_day, lambda _count: None, failed, self)
        # The key that seals calls for help kept on disk, made now rather than at the first press.
        outbox = getattr(self.services, "outbox", None)
        if outbox is not None:
            run_in_background(outbox.prepare, lambda _none: None,
                              lambda error: log.warning("could not prepare the kept calls' key: %s",
                                                        type(error).__name__), self)
        # The same at closing time each day, while the kiosk keeps running.
        from decisionaid.ui.common.closing import ClosingTimer

        self.closing = ClosingTimer(visits, self.config, self, self.timers)
        self.closing.start()
        # The machine's checks each hour, and at once when the nightly backup failed: the
        # peer station shows what fails until it is mended.
        from decisionaid.ui.common.machine_checks import MachineCheckTimer

        if getattr(visits, "db", None) is not None:
            self.machine_checks = MachineCheckTimer(self.config, visits.db, self, self.timers)
            self.closing.closed.connect(
                lambda day: day.backup_problem and self.machine_checks.run_now())
            self.machine_checks.start()

    def go_welcome(self) -> None:
        screen = WelcomeScreen(self.language, self.theme, self.speaker, self.config.site_name, self.languages)
        screen.set_ready(self.services is not None)
        screen.returning.connect(self.show_sign_in)
        screen.first_time.connect(self.show_first_time)
        screen.peer.connect(self.show_peer_sign_in)
        screen.stories.connect(self.show_library)
        screen.language_chosen.connect(self.set_language)
        self.show_screen(screen, "welcome")

    def reset(self) -> None:
        """Forget the user: every screen destroyed, defaults back, the welcome screen."""
        self._close_overlay()
        self.visit_screens.drop_saving()
        self.notice.hide()
        self.visit_screens.close_story()  # the view is recorded for the visit it belongs to
        if self.flow is not None:
            self.flow.reset()
        self.language = self.languages[0]
        follow_language(self.language)
        self.drop_pool()
        if self.theme != self.default_theme:
            self.set_theme(self.default_theme)
        self.go_welcome()
        if self._day_closed:
            self.visit_screens.prepare()

    def start_again(self) -> None:
        """After an unexpected error: the welcome screen, saying so calmly."""
        try:
            self.reset()
        except Exception as e:  # the reset itself failed: the plainest welcome screen
            log.error("the kiosk could not reset cleanly: %s", type(e).__name__)
            if self.flow is not None:
                self.flow.reset()
            self.go_welcome()
        self.tell("started_again")

    # --- look and language ---------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        if language not in self.languages:
            return
        self.language = language
        follow_language(language)  # mirrored for a right-to-left language, before the words
        if self.flow is not None:
            self.flow.set_language(language)
        if self.screen is not None:
            self.screen.retranslate(language)  # a story on show goes on playing, in new words
        if self.notice.isVisible() and self.saving is not None:
            self.tell("saving")
        self.top_bar.show_state(language, self.theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.drop_pool()  # sized for the old look: made again for the new one
        theme.apply()
        self.top_bar.show_state(self.language, theme)
        if self._day_closed:
            self.visit_screens.prepare()

    # --- sign-in: the SignInScreens' (signin_screens.py) ---------------------------------------
    def show_sign_in(self) -> None:
        self.sign_in_screens.sign_in()

    def show_first_time(self) -> None:
        self.sign_in_screens.first_time()

    def show_peer_sign_in(self) -> None:
        self.sign_in_screens.peer_sign_in()

    # --- the visit: its screens are the VisitScreens' (visit_screens.py) ---------------------
    @property
    def visit(self):
        """The visit in progress, if any (tests and the demo look at it)."""
        return self.flow.visit if self.flow is not None else None

    @property
    def finished_visit_id(self) -> int | None:
        return self.flow.finished_visit_id if self.flow is not None else None

    @property
    def saving(self):
        return self.visit_screens.saving

    def start_visit(self, profile) -> None:
        self.visit_screens.start_visit(profile)

    def show_current(self) -> None:
        self.visit_screens.show_current()

    def show_library(self) -> None:
        self.visit_screens.show_library()

    def tell(self, key: str | None) -> None:
        """The window's one line about saving, under the screen (hidden with None)."""
        from decisionaid.ui.common.strings import t

        if key is None:
            self.notice.hide()
            return
        self.notice.setText(t(key, self.language))
        self.notice.show()

    def hold(self, holding: bool) -> None:
        """While a slow save is on its way: "Saving…", and the screen and the top bar shown
        taking no taps (``hold_taps``; ``hold(False)`` lets go of both)."""
        if not holding:
            self.hold_taps(False)
        self.stack.setEnabled(not holding)
        self.top_bar.setEnabled(not holding)
        self.tell("saving" if holding else None)

    def hold_taps(self, holding: bool) -> None:
        """From a save's start: taps and keys meant for the screen or the top bar are dropped
        (the idle warning, laid over them, takes its own), with nothing greyed out: most saves
        land within a frame, and nothing should flicker for them."""
        if holding != self._taps_held:
            self._taps_held = holding
            app = QApplication.instance()
            (app.installEventFilter if holding else app.removeEventFilter)(self._tap_filter)

    # --- idle and staff -------------------------------------------------------------------------
    def warn_idle(self) -> None:
        if self.overlay is not None:
            return
        if self.visit_screens.story_playing:
            self.idle.arm()  # watching a story is not being away; a paused one is
            return
        self.speaker.stop()
        self.top_bar.close_languages()
        self.overlay = StillThere(self, self.language, self.theme, self.times, self.timers)
        self.overlay.still_here.connect(self._still_here)
        self.overlay.expired.connect(self.reset)
        if self.resting.card is not None:
            self.resting.card.raise_()  # resting stays on top of everything

    def _still_here(self) -> None:
        self._close_overlay()
        self.idle.arm()

    def _close_overlay(self) -> None:
        if self.overlay is not None:
            self.overlay.hide()
            self.overlay.deleteLater()
            self.overlay = None

    def cover(self, area: QRect) -> None:
        """Be exactly ``area`` (the screen, or the window's frame on a desktop), whatever the
        screens inside it would like: a screen that needs more room scrolls or reflows inside
        the window; it never pushes the window past the edge of the glass. Without a window
        manager nothing else would stop a tall screen (a story in Spanish at the largest text)
        from growing the window, and nothing would shrink it again for the next person."""
        self.setFixedSize(area.size())
        self.move(area.topLeft())

    def fill(self, screen) -> None:
        """Show full screen on ``screen`` (a ``QScreen``), and stay its size if it changes.
        Without a window manager (a bare X server) "full screen" alone changes nothing."""
        self.cover(screen.geometry())
        screen.geometryChanged.connect(self.cover)
        self.showFullScreen()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.overlay is not None:
            self.overlay.setGeometry(self.rect())
        self.resting.follow()

    def show_staff(self) -> None:
        self.staff_screens.show()

    def leave(self) -> None:
        self.leave_requested.emit()
        self.close()

    def closeEvent(self, event) -> None:
        self.idle.close()
        self.visit_screens.close_story()
        super().closeEvent(event)
