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

import functools
import logging
import traceback
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from decisionaid.config import Config
from decisionaid.errors import UserError
from decisionaid.ui.common.memory import release_free_memory
from decisionaid.ui.common.operations import run_in_background
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import TopBar, label
from decisionaid.ui.kiosk.idle import IdleWatcher, KioskTimes, StillThere
from decisionaid.ui.kiosk.session import KioskServices, StaffAuthError
from decisionaid.ui.kiosk.welcome_screen import WelcomeScreen

if TYPE_CHECKING:
    from decisionaid.content.model import ItemRef
    from decisionaid.services.kiosk_flow import KioskFlow, Show
    from decisionaid.services.visits import Pending
    from decisionaid.ui.kiosk.peer_signin_screen import PeerSignInScreen
    from decisionaid.ui.kiosk.staff_screen import StaffScreen

# Only the welcome screen is imported before the first paint: the kiosk's start is measured to
# that paint. The other screens load when first shown (or once the welcome screen is up,
# ``warm_up``), so the first touch does not wait for them either.
_LATER = (
    "decisionaid.ui.kiosk.first_time_screen", "decisionaid.ui.kiosk.signin_screen", "decisionaid.ui.kiosk.intro_screen",
    "decisionaid.ui.kiosk.question_screen", "decisionaid.ui.kiosk.safety_screen", "decisionaid.ui.kiosk.review_screen",
    "decisionaid.ui.kiosk.print_screen", "decisionaid.ui.kiosk.done_screen", "decisionaid.ui.kiosk.resume_screen",
    "decisionaid.ui.kiosk.peer_signin_screen", "decisionaid.ui.kiosk.staff_screen",
    "decisionaid.ui.kiosk.suggestions_screen", "decisionaid.engine.visit",
)


def warm_up() -> None:
    """Import the screens the welcome screen leads to (call after it is painted)."""
    import importlib

    for name in _LATER:
        importlib.import_module(name)


log = logging.getLogger(__name__)


def _calm(action: Callable) -> Callable:
    """An unexpected error in what the person asked for is logged (its kind and where, never a
    value: no name, no answer) and the kiosk starts again, calmly, with the answers confirmed so
    far kept (they are stored before each move); never a frozen screen or a traceback."""

    @functools.wraps(action)
    def guarded(self, *args, **kwargs):
        try:
            return action(self, *args, **kwargs)
        except Exception as e:
            where = "".join(traceback.format_tb(e.__traceback__))  # code lines, not values
            log.error("unexpected %s in the kiosk (%s); started again\n%s", type(e).__name__,
                      action.__name__, where)
            self.start_again()
            return None

    return guarded


class _Relay(QObject):
    """Brings a save's outcome from the saving thread to the window's (a queued signal)."""

    done = Signal(object)


class ScreenStack(QWidget):
    """Where the screens go: one shown, filling it, the others (the kept ones) hidden.

    Like ``QStackedWidget`` but cheaper to switch: that one turns updates off and on again
    across every screen it holds, the hidden ones included, each time the screen changes."""

    def __init__(self):
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._current: QWidget | None = None

    def addWidget(self, screen: QWidget) -> None:
        screen.hide()
        self._layout.addWidget(screen)

    def indexOf(self, screen: QWidget) -> int:
        return self._layout.indexOf(screen)

    def currentWidget(self) -> QWidget | None:
        return self._current

    def setCurrentWidget(self, screen: QWidget) -> None:
        old, self._current = self._current, screen
        if old is screen:
            return
        screen.setGeometry(self.rect())  # laid out at its real size, once
        screen.show()
        if old is not None:
            old.hide()

    def removeWidget(self, screen: QWidget) -> None:
        self._layout.removeWidget(screen)
        if self._current is screen:
            self._current = None


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
                 today: Callable[[], date] = date.today):
        """``services`` may come later (``set_services``): the welcome screen is drawn first
        and its buttons wake up once the content and the database are open."""
        super().__init__()
        self.setObjectName("KioskWindow")  # a window: the style sheet's background is drawn
        self.services = services
        self.config = services.config if services else config
        self.content = services.content if services else None
        self.languages = self.config.languages
        self.default_theme = theme or Theme()
        self.theme = self.default_theme
        if speaker is None:
            from decisionaid.ui.common.speech import Speaker

            speaker = Speaker(self)
        self.speaker = speaker
        self.times = times or KioskTimes.for_timeout(self.config.idle_timeout_s)
        self.player_factory = player_factory
        self._player = None  # the kiosk's one media player, made when the first story opens
        self.open_peer_station = open_peer_station
        self.today = today
        self.language = self.languages[0]
        # What comes next is the flow's to say (Qt-free, services/kiosk_flow.py).
        self.flow: KioskFlow | None = self._make_flow(services)
        self.story = None  # the story screen on show, if one is
        self.screen: QWidget | None = None
        self.shown = 0  # counts screens put up, a refilled one included (tests wait on it)
        self.pool: dict[str, QWidget] = {}  # the intro and question screens kept for refilling
        self.overlay: StillThere | None = None
        self._painted = False
        self._day_closed = False
        self._story_forced_shut = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.top_bar = TopBar(self.config.site_name, self.languages, self.theme, self.times.staff_hold_ms)
        self.top_bar.language_chosen.connect(self.set_language)
        self.top_bar.text_size_chosen.connect(lambda size: self.set_theme(self.theme.with_text_size(size)))
        self.top_bar.contrast_chosen.connect(lambda high: self.set_theme(self.theme.with_contrast(high)))
        self.top_bar.corner.held.connect(self.show_staff)
        self.top_bar.stories.connect(self.show_library)
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
        self.saving: Pending | None = None  # the save the screen is waiting for, if any
        self._save_relay = _Relay(self)
        self._save_relay.done.connect(self._save_done)
        self.idle = IdleWatcher(self.times, self)
        self.idle.warn.connect(self._warn_idle)
        self.theme.apply()
        self.go_welcome()

    # --- screens --------------------------------------------------------------------------------
    def show_screen(self, screen: QWidget, name: str) -> None:
        """Put ``screen`` up and destroy the one before it (unless it is kept for refilling)."""
        self.speaker.stop()
        old = self.screen
        if old is not screen:
            self._close_story()  # a story left any way at all: playback stops, the view is kept
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
        if old is not None and old is not screen and not self._pooled(old):
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

    # --- the screens kept for refilling ---------------------------------------------------------
    def _pooled(self, screen: QWidget) -> bool:
        return any(kept is screen for kept in self.pool.values())

    def _kept(self, key: str, make: Callable[[], QWidget]) -> QWidget:
        screen = self.pool.get(key)
        if screen is None:
            screen = self.pool[key] = make()
            screen.setObjectName(key)
            self.stack.addWidget(screen)
        return screen

    def _drop_pool(self) -> None:
        """Destroy the kept screens (a visit is over, or the look has changed); the one on
        show goes when the next screen replaces it."""
        pool, self.pool = self.pool, {}
        for screen in pool.values():
            if screen is not self.screen:
                self._destroy(screen)

    def _prepare_pool(self) -> None:
        """Make the empty intro and question screens a visit will need, one per turn of the
        event loop so a touch on the welcome screen never waits for more than one; then give
        the memory the last visit freed back to the system."""
        if self.content is None:
            return
        from decisionaid.ui.kiosk.question_screen import QuestionScreen

        theme = self.theme
        most: dict[str, int] = {}  # the most options any item of a type has
        for q in self.content.questionnaires:
            for item in q.items:
                most[item.type] = max(most.get(item.type, 0), len(item.options or ()))
        wanted: dict[str, Callable[[], QWidget]] = {"intro": self._new_intro}
        for item_type, options in most.items():
            key = QuestionScreen.for_item(item_type)
            wanted.setdefault(key, lambda t=item_type, n=options: self._new_question(t, n))
        missing = [(key, make) for key, make in wanted.items() if key not in self.pool]

        def next_one() -> None:
            if self.theme is not theme:
                return
            if not missing:
                release_free_memory()
                return
            key, make = missing.pop(0)
            if key not in self.pool:
                self._kept(key, make).ensurePolished()
            QTimer.singleShot(0, self, next_one)

        QTimer.singleShot(0, self, next_one)

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
        if self._painted:
            self._after_start()

    def _after_start(self) -> None:
        """Once the welcome screen is up and the services are open: load the other screens,
        and close earlier days' unfinished visits (off the UI thread), once per kiosk."""
        if self._day_closed:
            return
        self._day_closed = True
        warm_up()
        self._prepare_pool()
        visits = self.services.visits

        def failed(error: Exception) -> None:
            log.warning("could not close earlier days' visits: %s", type(error).__name__)

        run_in_background(visits.close_day, lambda _count: None, failed, self)
        # The same at closing time each day, while the kiosk keeps running.
        from decisionaid.ui.common.closing import ClosingTimer

        self.closing = ClosingTimer(visits, self.config, self)
        self.closing.start()

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
        if self.saving is not None:  # its outcome no longer concerns anyone on screen
            self.saving = None
            self._hold(False)
        self.notice.hide()
        self._close_story()  # the view is recorded for the visit it belongs to
        if self.flow is not None:
            self.flow.reset()
        self.language = self.languages[0]
        self._drop_pool()
        if self.theme != self.default_theme:
            self.set_theme(self.default_theme)
        self.go_welcome()
        if self._day_closed:
            self._prepare_pool()

    def start_again(self) -> None:
        """After an unexpected error: the welcome screen, saying so calmly."""
        try:
            self.reset()
        except Exception as e:  # the reset itself failed: the plainest welcome screen
            log.error("the kiosk could not reset cleanly: %s", type(e).__name__)
            if self.flow is not None:
                self.flow.reset()
            self.go_welcome()
        self._tell("started_again")

    # --- look and language ---------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        if language not in self.languages:
            return
        self.language = language
        if self.flow is not None:
            self.flow.set_language(language)
        if self.story is not None and self.story is self.screen:
            self.story.close_screen()  # the story was in the old language: back to its offer
        elif self.screen is not None:
            self.screen.retranslate(language)
        if self.notice.isVisible() and self.saving is not None:
            self._tell("saving")
        self.top_bar.show_state(language, self.theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._drop_pool()  # sized for the old look: made again for the new one
        theme.apply()
        self.top_bar.show_state(self.language, theme)
        if self._day_closed:
            self._prepare_pool()

    # --- sign-in --------------------------------------------------------------------------------
    def show_sign_in(self) -> None:
        from decisionaid.ui.kiosk.signin_screen import SignInScreen

        screen = SignInScreen(self.language, self.theme, self.today)
        screen.cancelled.connect(self.reset)
        screen.submitted.connect(lambda name, born, pin: self._sign_in(screen, name, born, pin))
        self.show_screen(screen, "sign_in")

    def _sign_in(self, screen, name: str, born: date, pin: str) -> None:
        profiles = self.services.profiles

        from decisionaid.services.kiosk_flow import sign_in_outcome

        def done(result) -> None:
            outcome = sign_in_outcome(result)
            if outcome.action == "start":
                self.start_visit(outcome.profile)
            elif outcome.key == "locked":
                screen.locked()
            else:
                screen.not_matched()

        run_in_background(lambda: profiles.sign_in(name, born, pin), done,
                          lambda e: self._trouble(screen, e), screen)

    def show_first_time(self) -> None:
        from decisionaid.ui.kiosk.first_time_screen import FirstTimeScreen

        screen = FirstTimeScreen(self.language, self.theme, self.today)
        screen.cancelled.connect(self.reset)
        screen.guest.connect(lambda: self.start_visit(None))
        screen.create.connect(lambda name, born, pin: self._create(screen, name, born, pin))
        self.show_screen(screen, "first_time")

    def _create(self, screen, name: str, born: date, pin: str) -> None:
        """Sign-up on the person's own: never says whether the details or the PIN are taken
        (see services/profiles.py); the only refusal is the pause after too many tries."""
        profiles, language = self.services.profiles, self.language

        from decisionaid.services.kiosk_flow import sign_up_outcome

        def done(result) -> None:
            outcome = sign_up_outcome(result)
            if outcome.action == "start":
                self.start_visit(outcome.profile)
            else:
                screen.refused(outcome.key)

        run_in_background(lambda: profiles.sign_up(name, born, pin, language), done,
                          lambda e: self._trouble(screen, e), screen)

    def _peer_create(self, screen, name: str, born: date, pin: str) -> None:
        """Sign-up with a peer worker there: a PIN another person with the same details has is
        refused openly, as the peer can see who is signing up."""
        profiles, language = self.services.profiles, self.language

        from decisionaid.services.profiles import ProfileError

        def failed(error: Exception) -> None:
            if isinstance(error, ProfileError):
                screen.refused("pin_taken")
            else:
                self._trouble(screen, error)

        run_in_background(
            lambda: profiles.create(name, born, pin, language, staff_id=screen.staff_id),
            self.start_visit, failed, screen)

    def show_peer_sign_in(self) -> None:
        from decisionaid.ui.kiosk.peer_signin_screen import PeerSignInScreen

        screen = PeerSignInScreen(self.language, self.theme, self.today)
        screen.cancelled.connect(self.reset)
        staff = self.services.staff

        def staff_checked(member) -> None:
            screen.staff_id = getattr(member, "id", None)
            screen.staff_accepted()

        def staff_failed(error: Exception) -> None:
            if isinstance(error, StaffAuthError):
                screen.staff_refused(str(error) or "")
            else:
                self._trouble(screen, error)

        screen.staff_submitted.connect(
            lambda name, pin: run_in_background(lambda: staff.verify(name, pin), staff_checked, staff_failed, screen)
        )
        screen.guest.connect(lambda: self.start_visit(None))
        screen.find.connect(lambda name, born: self._peer_find(screen, name, born))
        screen.find_with_pin.connect(lambda name, born, pin: self._peer_find(screen, name, born, pin))
        screen.create.connect(lambda name, born, pin: self._peer_create(screen, name, born, pin))
        screen.pin_chosen.connect(lambda pin: self._choose_pin(screen, pin))
        self.show_screen(screen, "peer_sign_in")

    def _peer_find(self, screen: PeerSignInScreen, name: str, born: date, pin: str | None = None) -> None:
        profiles, staff_id = self.services.profiles, screen.staff_id

        from decisionaid.services.kiosk_flow import peer_find_outcome

        def done(result) -> None:
            outcome = peer_find_outcome(result, with_pin=pin is not None)
            if outcome.action == "choose_pin":
                screen.choose_new_pin(outcome.profile)  # after a reset at the peer station
            elif outcome.action == "start":
                self.start_visit(outcome.profile)
            elif outcome.action == "needs_pin":
                screen.needs_pin()
            else:
                screen.refused(outcome.key)

        if pin is None:
            work = lambda: profiles.peer_find(name, born, staff_id=staff_id)  # noqa: E731
        else:
            work = lambda: profiles.peer_sign_in(name, born, pin, staff_id=staff_id)  # noqa: E731
        run_in_background(work, done, lambda e: self._trouble(screen, e), screen)

    def _choose_pin(self, screen: PeerSignInScreen, pin: str) -> None:
        profiles, profile = self.services.profiles, screen.profile

        from decisionaid.services.profiles import ProfileError

        def failed(error: Exception) -> None:
            if isinstance(error, ProfileError):
                screen.refused("pin_taken")
            else:
                self._trouble(screen, error)

        run_in_background(lambda: profiles.choose_pin(profile.id, pin, staff_id=screen.staff_id),
                          self.start_visit, failed, screen)

    def _trouble(self, screen, error: Exception) -> None:
        log.error("kiosk action failed: %s", type(error).__name__)
        self._tell("save_problem")

    # --- the visit: shown as the flow says ----------------------------------------------------
    @property
    def visit(self):
        """The visit in progress, if any (tests and the demo look at it)."""
        return self.flow.visit if self.flow is not None else None

    @property
    def finished_visit_id(self) -> int | None:
        return self.flow.finished_visit_id if self.flow is not None else None

    @_calm
    def start_visit(self, profile) -> None:
        try:
            shown = self.flow.start(profile, self.language)
        except UserError as e:
            log.error("could not start a visit: %s", type(e).__name__)
            self._trouble(self.screen, e)
            return
        self._show(shown)

    def show_current(self) -> None:
        self._show(self.flow.current())

    def _show(self, shown: Show) -> None:
        """Put up the screen the flow says comes next."""
        if shown.name == "intro":
            screen = self._kept("intro", self._new_intro)
            screen.load(shown.screen, self.language, can_go_back=shown.can_go_back)
            self.show_screen(screen, "intro")
        elif shown.name == "item":
            from decisionaid.ui.kiosk.question_screen import QuestionScreen

            item_type = shown.screen.item.type
            screen = self._kept(QuestionScreen.for_item(item_type), lambda: self._new_question(item_type))
            screen.load(shown.screen, self.language, can_go_back=shown.can_go_back, stories=shown.stories)
            self.show_screen(screen, f"item:{item_type}")
        elif shown.name == "safety":
            from decisionaid.ui.kiosk.safety_screen import SafetyScreen

            screen = SafetyScreen(self.language, self.theme, self.speaker, self.config.crisis_text)
            screen.carry_on.connect(lambda: self._act(self.flow.start_confirm))
            screen.went_back.connect(self.go_back)
            self.show_screen(screen, "safety")
        elif shown.name == "stories":
            from decisionaid.ui.kiosk.suggestions_screen import SuggestionsScreen

            screen = SuggestionsScreen(self.content, list(shown.suggestions), list(shown.watched), self.language,
                                       self.theme)
            screen.chosen.connect(lambda vid: self.watch(vid, after=self.show_stories))
            screen.went_on.connect(self.show_review)
            screen.went_back.connect(self._back_from_stories)
            self.show_screen(screen, "stories")
        elif shown.name == "review":
            from decisionaid.ui.kiosk.review_screen import ReviewScreen

            screen = ReviewScreen(self.flow.review_parts, self.language, self.theme)
            screen.change.connect(self.change)
            screen.went_back.connect(self.go_back)
            screen.confirmed.connect(self.finish)
            self.show_screen(screen, "review")
        elif shown.name == "resume":
            from decisionaid.ui.kiosk.resume_screen import ResumeScreen

            screen = ResumeScreen(self.language, self.theme, shown.first_name or "")
            screen.carry_on.connect(self.show_current)
            screen.from_start.connect(self._from_start)
            self.show_screen(screen, "resume")
        elif shown.name == "print":
            self.show_print(shown.visit_id)
            self._drop_pool()  # nor is any question screen of the visit kept
        else:
            self.reset()

    @_calm
    def _from_start(self) -> None:
        self._show(self.flow.from_start())

    def _new_intro(self) -> QWidget:
        from decisionaid.ui.kiosk.intro_screen import IntroScreen

        screen = IntroScreen(self.language, self.theme, self.speaker)
        screen.started.connect(lambda: self._act(self.flow.start_confirm))
        screen.skipped.connect(lambda: self._act(self.flow.start_skip_section))
        screen.went_back.connect(self.go_back)
        return screen

    def _new_question(self, item_type: str, options: int = 0) -> QWidget:
        """A question screen whose buttons act on whatever visit and item it shows."""
        from decisionaid.ui.kiosk.question_screen import QuestionScreen

        screen = QuestionScreen(item_type, self.language, self.theme, self.speaker, options=options)
        screen.answered.connect(lambda value: self._act(lambda: self.flow.start_confirm(value), screen))
        screen.skipped.connect(lambda: self._act(self.flow.start_skip, screen))
        screen.went_back.connect(self.go_back)
        screen.watch.connect(self.watch)
        return screen

    # --- saving: waited for briefly, then "Saving…" ---------------------------------------------
    @_calm
    def _act(self, start: Callable[[], Pending], screen=None) -> None:
        """Do what the person asked (confirm, skip…): stored first, then what comes next.

        The save is waited for here at most ``SAVE_HOLD_S``; past that "Saving…" shows and the
        screen takes no taps until the outcome is known (the idle warning still comes). A save
        that fails leaves the person where they were, their choice still made, to try again."""
        from decisionaid.engine import InvalidAnswer

        if self.saving is not None:
            return  # a save is on its way: a tap now must not land on the next question
        self.notice.hide()
        try:
            pending = start()
        except InvalidAnswer:
            if screen is not None:
                screen.show_problem("answer_problem")
            return
        self._await(pending, self.flow.moved)

    @_calm
    def finish(self) -> None:
        """The review is confirmed: once everything is stored, the visit is closed."""
        if self.saving is None:
            self.notice.hide()
            self._await(self.flow.start_finish(), self.flow.finished)

    def _await(self, pending: Pending, outcome: Callable[[Pending], Show]) -> None:
        from decisionaid.services.visits import SAVE_HOLD_S

        if pending.wait(SAVE_HOLD_S):
            self._landed(pending, outcome)
            return
        self.saving = pending
        self._hold(True)
        flow = self.flow
        pending.when_done(lambda: self._save_relay.done.emit((flow, pending, outcome)))

    @_calm
    def _save_done(self, delivered) -> None:
        flow, pending, outcome = delivered
        if pending is not self.saving or flow is not self.flow:
            return  # the kiosk was reset (the idle timeout) meanwhile
        self.saving = None
        self._hold(False)
        self._landed(pending, outcome)

    def _landed(self, pending: Pending, outcome: Callable[[Pending], Show]) -> None:
        from decisionaid.services.visits import NotSaved

        try:
            shown = outcome(pending)
        except (NotSaved, UserError) as e:  # UserError: the visit was closed meanwhile
            cause = e.__cause__ if isinstance(e, NotSaved) else e
            log.error("not saved: %s", type(cause).__name__)
            self._tell("not_saved")
            return
        self._show(shown)

    def _hold(self, holding: bool) -> None:
        """While a save is on its way: "Saving…", and no taps on the screen or the top bar."""
        self.stack.setEnabled(not holding)
        self.top_bar.setEnabled(not holding)
        self._tell("saving" if holding else None)

    def _tell(self, key: str | None) -> None:
        """The window's one line about saving, under the screen (hidden with None)."""
        from decisionaid.ui.common.strings import t

        if key is None:
            self.notice.hide()
            return
        self.notice.setText(t(key, self.language))
        self.notice.show()

    @_calm
    def go_back(self) -> None:
        self._show(self.flow.back())

    def show_review(self) -> None:
        self._show(self.flow.review())

    @_calm
    def change(self, ref: ItemRef) -> None:
        self._show(self.flow.change(ref))

    def show_print(self, visit_id: int) -> None:
        from decisionaid.ui.kiosk.print_screen import PrintScreen

        make, own = self.services.make_page, self.services.make_own_page
        # A copy in the person's own language, when the prescriber's page is in another.
        make_own = (lambda: own(visit_id)) if own and self.language != self.config.report_lang else None
        screen = PrintScreen(self.language, self.theme, lambda: make(visit_id), self.services.printer,
                             self.config.site_name, make_own_pdf=make_own)
        screen.printed.connect(lambda: self._printed(visit_id))
        screen.finished.connect(self.show_done)
        self.show_screen(screen, "print")

    def _printed(self, visit_id: int) -> None:
        try:
            self.flow.printed(visit_id)
        except UserError as e:
            log.warning("could not record the print: %s", type(e).__name__)

    def show_done(self) -> None:
        from decisionaid.ui.kiosk.done_screen import DoneScreen

        self.flow.done()
        screen = DoneScreen(self.language, self.theme, self.times.done_ms)
        screen.timed_out.connect(self.reset)
        self.show_screen(screen, "done")

    # --- stories --------------------------------------------------------------------------------
    @_calm
    def show_stories(self) -> None:
        self._show(self.flow.offer_stories())

    @_calm
    def show_library(self) -> None:
        """"Stories from peers", from the welcome screen or the top bar: every story, those the
        answers suggest first; the way out leads back to the question the person was on (or to
        the welcome screen before sign-in). Not offered once a visit is finished."""
        from decisionaid.ui.kiosk.suggestions_screen import SuggestionsScreen

        if self.services is None or self.finished_visit_id is not None or self.screen_name == "library":
            return
        back = self.show_current if self.flow.in_visit else self.go_welcome
        screen = SuggestionsScreen(self.content, self.flow.suggestions, self.flow.watched, self.language, self.theme,
                                   library=True)
        screen.chosen.connect(lambda vid: self.watch(vid, after=self.show_library))
        screen.went_on.connect(back)
        self.show_screen(screen, "library")

    @_calm
    def _back_from_stories(self) -> None:
        self._show(self.flow.back_from_stories())

    @property
    def player(self):
        """The kiosk's one media player: every story screen shares it, so none is ever dropped
        while its pipeline runs."""
        if self._player is None:
            self._player = self.player_factory()
        return self._player

    @_calm
    def watch(self, vignette_id: str, after: Callable[[], None] | None = None) -> None:
        from decisionaid.ui.kiosk.vignette_screen import VignetteScreen

        vignette = self.content.vignettes[vignette_id]
        flow, visit_id = self.flow, self.flow.visit_id
        screen = VignetteScreen(self.player, vignette, self.language, self.speaker)

        def closed(seconds: float, finished: bool) -> None:
            # Closed by Done, or because the kiosk moved on (idle reset, staff, language): the
            # view is recorded either way, but only Done leads on to the next screen.
            same_visit = visit_id is not None and flow.visit_id == visit_id
            if same_visit:
                flow.watched_story(vignette_id, seconds, finished)
            if self.story is screen:
                self.story = None
            if self.screen is screen and flow.visit_id == visit_id and not self._story_forced_shut:
                (after or self.show_current)()

        screen.closed.connect(closed)
        self.story = screen
        self.show_screen(screen, "vignette")

    def _close_story(self) -> None:
        """Close the story on show, if one is, without leading on from it."""
        if self.story is None or self.story is not self.screen:
            return
        self._story_forced_shut = True
        try:
            self.story.close_screen()
        finally:
            self._story_forced_shut = False

    # --- idle and staff -------------------------------------------------------------------------
    def _warn_idle(self) -> None:
        if self.overlay is not None:
            return
        if self.story is not None and self.story is self.screen and self.story.is_playing:
            self.idle.arm()  # watching a story is not being away; a paused one is
            return
        self.speaker.stop()
        self.overlay = StillThere(self, self.language, self.theme, self.times)
        self.overlay.still_here.connect(self._still_here)
        self.overlay.expired.connect(self.reset)

    def _still_here(self) -> None:
        self._close_overlay()
        self.idle.arm()

    def _close_overlay(self) -> None:
        if self.overlay is not None:
            self.overlay.hide()
            self.overlay.deleteLater()
            self.overlay = None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.overlay is not None:
            self.overlay.setGeometry(self.rect())

    def show_staff(self) -> None:
        from decisionaid.ui.kiosk.staff_screen import StaffScreen

        screen = StaffScreen(self.language, self.theme)
        screen.cancelled.connect(self._leave_staff)
        staff = self.services.staff

        def failed(error: Exception) -> None:
            screen.refused(str(error) if isinstance(error, StaffAuthError) else "")

        screen.submitted.connect(
            lambda name, pin: run_in_background(lambda: staff.verify(name, pin), lambda _s: screen.accepted(), failed, screen)
        )
        screen.leave.connect(self.leave)
        screen.open_peer.connect(self._open_peer)
        screen.test_page.connect(lambda: self._test_page(screen))
        screen.check_machine.connect(lambda: self._check_machine(screen))
        self.show_screen(screen, "staff")

    @_calm
    def _leave_staff(self) -> None:
        if self.flow is None:
            self.reset()
        else:
            self._show(self.flow.after_staff())

    def _open_peer(self) -> None:
        if self.open_peer_station is not None:
            self.open_peer_station()
        self.leave()

    def _test_page(self, screen: StaffScreen) -> None:
        from decisionaid.ui.kiosk.session import test_page_pdf

        printer = self.services.printer
        run_in_background(lambda: printer.print_pdf(test_page_pdf(self.config), "test page"),
                          lambda _r: screen.tell("test_page_sent"), lambda e: screen.tell(str(e)), screen)

    def _check_machine(self, screen: StaffScreen) -> None:
        """The 'decisionaid doctor' lines: the plain checks off the UI thread, then the speech,
        media and screen checks, which need Qt, on it."""
        from decisionaid.services.doctor import run_checks
        from decisionaid.ui.common.doctor import QT_CHECKS

        config = self.config

        def done(findings) -> None:
            for check in QT_CHECKS:
                findings += check(config)
            screen.show_checks([f.line() for f in findings])

        run_in_background(lambda: run_checks(config=config), done,
                          lambda e: screen.show_checks([str(e)]), screen)

    def leave(self) -> None:
        self.leave_requested.emit()
        self.close()

    def closeEvent(self, event) -> None:
        self.idle.close()
        self._close_story()
        super().closeEvent(event)
