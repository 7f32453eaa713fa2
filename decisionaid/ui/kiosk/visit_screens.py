"""The visit's screens on the kiosk window: built as the flow says, wired to what the person does.

``KioskFlow`` (services/kiosk_flow.py) decides which screen comes next; this puts it up on the
window (through ``KioskHost``: the little of the window it may use), connects its buttons back
to the flow, waits for saves without ever holding up the screen's thread (taps held from the
save's start, "Saving…" past ``SAVE_HOLD_S`` on the window's timers), and runs the stories.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from decisionaid.errors import UserError
from decisionaid.services.saving_times import SAVE_HOLD_S
from decisionaid.ui.common.memory import release_free_memory
from decisionaid.ui.common.operations import run_in_background

if TYPE_CHECKING:
    from decisionaid.config import Config
    from decisionaid.content.model import Content, ItemRef
    from decisionaid.services.clock import Timers
    from decisionaid.services.kiosk_flow import Show
    from decisionaid.services.kiosk_visit import Pending
    from decisionaid.ui.kiosk.host import KioskHost
    from decisionaid.ui.kiosk.idle import KioskTimes

log = logging.getLogger("decisionaid.ui.kiosk.window")


def calm(action: Callable) -> Callable:
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
    """Brings a save's outcome from the saving thread to the window's: the relay lives on the
    window's thread, so its slot runs there, queued, whichever thread emits ``done``."""

    done = Signal(object)

    def __init__(self, parent: QObject, receive: Callable[[object], None]):
        super().__init__(parent)
        self._receive = receive
        self.done.connect(self._deliver)

    @Slot(object)
    def _deliver(self, value: object) -> None:
        self._receive(value)


class VisitScreens(QObject):
    """The screens of a visit, from sign-in to the thank-you, on ``host`` (the window, which is
    also the parent: its timers and background work end with the window)."""

    def __init__(self, host: KioskHost, parent: QObject, *, config: Config, speaker,
                 times: KioskTimes, timers: Timers, make_player: Callable[[], object]):
        super().__init__(parent)
        self.host = host
        self.config = config
        self.speaker = speaker
        self.times = times
        self.timers = timers
        self._make_player = make_player
        self.saving: Pending | None = None  # the save the screen is waiting for, if any
        self.story = None  # the story screen on show, if one is
        self._story_forced_shut = False
        self._starting: object | None = None  # a visit being opened, until it is
        self._player = None  # the kiosk's one media player, made when the first story opens
        self._save_relay = _Relay(self, self._save_done)
        # "Saving…" once a save (or a visit being opened) has taken SAVE_HOLD_S.
        self._slow_timer = timers.timer(SAVE_HOLD_S, self._slow, self)

    @property
    def content(self) -> Content | None:
        return self.host.services.content if self.host.services is not None else None

    def start_again(self) -> None:
        self.host.start_again()

    def drop_saving(self) -> None:
        """The person is gone (a reset): a save still on its way concerns no one on screen."""
        self._starting = None  # a visit being opened is left for the end of the day to close
        if self.saving is not None:
            self.saving = None
            self.host.hold(False)
        self._slow_timer.stop()

    @property
    def story_playing(self) -> bool:
        return self.story is not None and self.story is self.host.screen and self.story.is_playing

    def start_visit(self, profile) -> None:
        """Open the visit off the screen's thread (a database held by another program must not
        freeze the screen); "Saving…" shows if it takes long, and a second tap does nothing."""
        if self._starting is not None:
            return
        host, flow, language = self.host, self.host.flow, self.host.language
        self._starting = token = object()

        def opened(visit) -> None:
            if self._starting is token:
                self._starting = None
                self._slow_timer.stop()
                host.tell(None)
                self._begin(flow, visit, profile, language)

        def failed(error: Exception) -> None:
            if self._starting is token:
                self._starting = None
                self._slow_timer.stop()
                log.error("could not start a visit: %s", type(error).__name__)
                host.tell("save_problem")
                host.resting.check()

        self._slow_timer.start(SAVE_HOLD_S)
        run_in_background(flow.opener(profile, language), opened, failed, self)

    @calm
    def _begin(self, flow, visit, profile, language: str) -> None:
        self.show(flow.begin(visit, profile, language))

    def show_current(self) -> None:
        self.show(self.host.flow.current())

    def show(self, shown: Show) -> None:
        """Put up the screen the flow says comes next."""
        if shown.name == "intro":
            screen = self.host.kept("intro", self.new_intro)
            screen.load(shown.screen, self.host.language, can_go_back=shown.can_go_back)
            # At the start of a signed-in visit, the person may see who has looked at it all.
            screen.who_looked_button.setVisible(
                not shown.can_go_back and self._person() is not None)
            self.host.show_screen(screen, "intro")
        elif shown.name == "item":
            from decisionaid.ui.kiosk.question_screen import QuestionScreen

            item_type = shown.screen.item.type
            screen = self.host.kept(QuestionScreen.for_item(item_type), lambda: self.new_question(item_type))
            screen.load(shown.screen, self.host.language, can_go_back=shown.can_go_back, stories=shown.stories)
            self.host.show_screen(screen, f"item:{item_type}")
        elif shown.name == "safety":
            from decisionaid.ui.kiosk.safety_screen import SafetyScreen

            screen = SafetyScreen(self.host.language, self.host.theme, self.speaker, self.config.crisis_text)
            screen.carry_on.connect(lambda: self._act(self.host.flow.start_confirm))
            screen.went_back.connect(self.go_back)
            self.host.show_screen(screen, "safety")
        elif shown.name == "stories":
            from decisionaid.ui.kiosk.suggestions_screen import SuggestionsScreen

            screen = SuggestionsScreen(self.content, list(shown.suggestions), list(shown.watched), self.host.language,
                                       self.host.theme)
            screen.chosen.connect(lambda vid: self.watch(vid, after=self.show_stories))
            screen.went_on.connect(self.show_review)
            screen.went_back.connect(self._back_from_stories)
            self.host.show_screen(screen, "stories")
        elif shown.name == "review":
            from decisionaid.ui.kiosk.review_screen import ReviewScreen

            screen = ReviewScreen(self.host.flow.review_parts, self.host.language, self.host.theme, at=shown.at)
            screen.change.connect(self.change)
            screen.went_back.connect(self.go_back)
            screen.confirmed.connect(self.finish)
            self.host.show_screen(screen, "review")
        elif shown.name == "resume":
            from decisionaid.ui.kiosk.resume_screen import ResumeScreen

            screen = ResumeScreen(self.host.language, self.host.theme, shown.first_name or "")
            screen.carry_on.connect(self.show_current)
            screen.from_start.connect(self._from_start)
            screen.who_looked.connect(self.show_who_looked)
            self.host.show_screen(screen, "resume")
        elif shown.name == "print":
            self.show_print(shown.visit_id)
            self.host.drop_pool()  # nor is any question screen of the visit kept
        else:
            self.host.reset()

    def _person(self) -> int | None:
        flow = self.host.flow
        visit = flow.visit if flow is not None else None
        return getattr(visit, "service_user_id", None) if visit is not None else None

    @calm
    def show_who_looked(self) -> None:
        """"Who has looked at my answers", read (and the reading recorded) off the screen's
        thread; Back returns to where the visit is."""
        from decisionaid.services import reads
        from decisionaid.ui.kiosk.who_looked_screen import WhoLookedScreen

        person = self._person()
        if person is None:
            return
        profiles = self.host.services.profiles
        screen = WhoLookedScreen(self.host.language, self.host.theme, self.speaker)
        screen.went_back.connect(self.show_current)
        self.host.show_screen(screen, "who_looked")
        run_in_background(lambda: reads.own_access(profiles.db, person, at=profiles.clock()),
                          screen.show_events, lambda _e: screen.show_trouble(), screen)

    @calm
    def _from_start(self) -> None:
        self.show(self.host.flow.from_start())

    def new_intro(self) -> QWidget:
        from decisionaid.ui.kiosk.intro_screen import IntroScreen

        screen = IntroScreen(self.host.language, self.host.theme, self.speaker)
        screen.started.connect(lambda: self._act(self.host.flow.start_confirm))
        screen.skipped.connect(lambda: self._act(self.host.flow.start_skip_section))
        screen.went_back.connect(self.go_back)
        screen.who_looked.connect(self.show_who_looked)
        return screen

    def new_question(self, item_type: str, options: int = 0) -> QWidget:
        """A question screen whose buttons act on whatever visit and item it shows."""
        from decisionaid.ui.kiosk.question_screen import QuestionScreen

        screen = QuestionScreen(item_type, self.host.language, self.host.theme, self.speaker, options=options)
        screen.answered.connect(lambda value: self._act(lambda: self.host.flow.start_confirm(value), screen))
        screen.skipped.connect(lambda: self._act(self.host.flow.start_skip, screen))
        screen.went_back.connect(self.go_back)
        screen.watch.connect(self.watch)
        return screen

    # --- saving: waited for briefly, then "Saving…" ---------------------------------------------
    @calm
    def _act(self, start: Callable[[], Pending], screen=None) -> None:
        """Do what the person asked (confirm, skip…): stored first, then what comes next.

        The screen takes no taps from the moment the save starts until its outcome is known;
        past ``SAVE_HOLD_S`` "Saving…" shows too (the idle warning still comes). The screen's
        thread never waits for the save. A save that fails leaves the person where they were,
        their choice still made, to try again."""
        from decisionaid.engine import InvalidAnswer

        if self.saving is not None:
            return  # a save is on its way: a tap now must not land on the next question
        self.host.tell(None)
        try:
            pending = start()
        except InvalidAnswer:
            if screen is not None:
                screen.show_problem("answer_problem")
            return
        self._await(pending, self.host.flow.moved)

    @calm
    def finish(self) -> None:
        """The review is confirmed: once everything is stored, the visit is closed."""
        if self.saving is None:
            self.host.tell(None)
            self._await(self.host.flow.start_finish(), self.host.flow.finished)

    def _await(self, pending: Pending, outcome: Callable[[Pending], Show]) -> None:
        if pending.done():
            self._landed(pending, outcome)
            return
        self.saving = pending
        self.host.hold_taps(True)
        self._slow_timer.start(SAVE_HOLD_S)
        flow = self.host.flow
        pending.when_done(lambda: self._save_relay.done.emit((flow, pending, outcome)))

    def _slow(self) -> None:
        """A save (or the visit's opening) has taken ``SAVE_HOLD_S``: say so."""
        if self.saving is not None:
            self.host.hold(True)
        elif self._starting is not None:
            self.host.tell("saving")

    @calm
    def _save_done(self, delivered) -> None:
        flow, pending, outcome = delivered
        if pending is not self.saving or flow is not self.host.flow:
            return  # the kiosk was reset (the idle timeout) meanwhile
        self.saving = None
        self._slow_timer.stop()
        self.host.hold(False)
        self._landed(pending, outcome)

    def _landed(self, pending: Pending, outcome: Callable[[Pending], Show]) -> None:
        from decisionaid.services.kiosk_visit import NotSaved

        try:
            shown = outcome(pending)
        except (NotSaved, UserError) as e:  # UserError: the visit was closed meanwhile
            cause = e.__cause__ if isinstance(e, NotSaved) else e
            log.error("not saved: %s", type(cause).__name__)
            self.host.tell("not_saved")
            self.host.resting.check()  # the database gone, rather than busy: rest
            return
        self.host.resting.lift()
        self.show(shown)

    @calm
    def go_back(self) -> None:
        self.show(self.host.flow.back())

    def show_review(self) -> None:
        self.show(self.host.flow.review())

    @calm
    def change(self, ref: ItemRef) -> None:
        self.show(self.host.flow.change(ref))

    def show_print(self, visit_id: int) -> None:
        from decisionaid.ui.kiosk.print_screen import PrintScreen

        make, own = self.host.services.make_page, self.host.services.make_own_page
        # A copy in the person's own language, when the prescriber's page is in another.
        make_own = (lambda: own(visit_id)) if own and self.host.language != self.config.report_lang else None
        preview = self.host.services.make_preview
        screen = PrintScreen(self.host.language, self.host.theme, lambda: make(visit_id), self.host.services.printer,
                             self.config.site_name, make_own_pdf=make_own,
                             make_preview_pdf=(lambda: preview(visit_id)) if preview else None)
        screen.printed.connect(lambda: self._printed(visit_id))
        screen.finished.connect(lambda: self.show_done(page_in_hand=screen.page_printed))
        screen.went_back.connect(lambda: self._back_from_page(screen))
        self.host.show_screen(screen, "print")

    @calm
    def _back_from_page(self, screen) -> None:
        """Back from the page: the review again, unless the page was printed meanwhile (at
        another moment, or by a peer worker), when Back goes and the page stays."""
        from decisionaid.services.visit_records import VisitClosed

        try:
            shown = self.host.flow.back_from_page()
        except VisitClosed:
            screen.no_way_back()
            return
        self.show(shown)

    def _printed(self, visit_id: int) -> None:
        try:
            self.host.flow.printed(visit_id)
        except UserError as e:
            log.warning("could not record the print: %s", type(e).__name__)

    def show_done(self, *, page_in_hand: bool = True) -> None:
        from decisionaid.ui.kiosk.done_screen import DoneScreen

        self.host.flow.done()
        screen = DoneScreen(self.host.language, self.host.theme, self.times.done_ms, self.timers,
                            page_in_hand=page_in_hand)
        screen.timed_out.connect(self.host.reset)
        self.host.show_screen(screen, "done")

    # --- stories --------------------------------------------------------------------------------
    @calm
    def show_stories(self) -> None:
        self.show(self.host.flow.offer_stories())

    @calm
    def show_library(self) -> None:
        """"Stories from peers", from the welcome screen or the top bar: every story, those the
        answers suggest first; the way out leads back to the question the person was on (or to
        the welcome screen before sign-in). Not offered once a visit is finished."""
        from decisionaid.ui.kiosk.suggestions_screen import SuggestionsScreen

        if self.host.services is None or self.host.flow.finished_visit_id is not None or self.host.screen_name == "library":
            return
        back = self.show_current if self.host.flow.in_visit else self.host.go_welcome
        screen = SuggestionsScreen(self.content, self.host.flow.suggestions, self.host.flow.watched, self.host.language, self.host.theme,
                                   library=True)
        screen.chosen.connect(lambda vid: self.watch(vid, after=self.show_library))
        screen.went_on.connect(back)
        self.host.show_screen(screen, "library")

    @calm
    def _back_from_stories(self) -> None:
        self.show(self.host.flow.back_from_stories())

    @property
    def player(self):
        """The kiosk's one media player: every story screen shares it, so none is ever dropped
        while its pipeline runs."""
        if self._player is None:
            self._player = self._make_player()
        return self._player

    @calm
    def watch(self, vignette_id: str, after: Callable[[], None] | None = None) -> None:
        from decisionaid.ui.kiosk.vignette_screen import VignetteScreen

        vignette = self.content.vignettes[vignette_id]
        flow, visit_id = self.host.flow, self.host.flow.visit_id
        screen = VignetteScreen(self.player, vignette, self.host.language, self.speaker,
                                theme=self.host.theme)

        def closed(seconds: float, finished: bool) -> None:
            # Closed by Done, or because the kiosk moved on (idle reset, staff, language): the
            # view is recorded either way, but only Done leads on to the next screen.
            same_visit = visit_id is not None and flow.visit_id == visit_id
            if same_visit:
                flow.watched_story(vignette_id, seconds, finished)
            if self.story is screen:
                self.story = None
            if self.host.screen is screen and flow.visit_id == visit_id and not self._story_forced_shut:
                (after or self.show_current)()

        screen.closed.connect(closed)
        self.story = screen
        self.host.show_screen(screen, "vignette")

    def close_story(self) -> None:
        """Close the story on show, if one is, without leading on from it."""
        if self.story is None or self.story is not self.host.screen:
            return
        self._story_forced_shut = True
        try:
            self.story.close_screen()
        finally:
            self._story_forced_shut = False

    def prepare(self) -> None:
        """Make the empty intro and question screens a visit will need, one per turn of the
        event loop so a touch on the welcome screen never waits for more than one; then give
        the memory the last visit freed back to the system."""
        content = self.content
        if content is None:
            return
        from decisionaid.ui.kiosk.question_screen import QuestionScreen

        host = self.host
        theme = host.theme
        most: dict[str, int] = {}  # the most options any item of a type has
        for q in content.questionnaires:
            for item in q.items:
                most[item.type] = max(most.get(item.type, 0), len(item.options or ()))
        wanted: dict[str, Callable[[], QWidget]] = {"intro": self.new_intro}
        for item_type, options in most.items():
            key = QuestionScreen.for_item(item_type)
            wanted.setdefault(key, lambda t=item_type, n=options: self.new_question(t, n))
        missing = [(key, make) for key, make in wanted.items() if not host.has_kept(key)]

        def next_one() -> None:
            if host.theme is not theme:
                return
            if not missing:
                release_free_memory()
                return
            key, make = missing.pop(0)
            if not host.has_kept(key):
                host.kept(key, make).ensurePolished()
            QTimer.singleShot(0, self, next_one)

        QTimer.singleShot(0, self, next_one)
