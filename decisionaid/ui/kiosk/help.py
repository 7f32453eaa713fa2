"""The top bar's "I'd like help" and "Read to me", and the safety screen's "I want to talk to
someone now".

Help: a press stores a request (``services/help.py``) off the UI thread; the peer station shows
it within seconds, and the person sees a calm card, "A peer worker is coming", which they close
with OK (or keep going; it covers the screen, not the top bar). Offered on every screen from
sign-in to the thank-you, not on the welcome screen (which says a peer worker is nearby) nor
where a peer worker is already there (the staff and peer sign-in screens).

When the database cannot be reached, a press is still never lost: it is kept on the kiosk's
disk (``services/help_outbox.py``) and delivered, in order and with its time, as soon as the
database answers (tried every ``KioskTimes.retry_ms``). Until then the person is told the truth
— "Please wave to a peer worker: the kiosk could not reach them" — and the kiosk calls for help
out loud (a beep and the card read aloud) so staff in the room notice; once delivered, the card
says "A peer worker has been asked".

Read to me: a screen with a Read to me of its own (questions, section starts, the safety and
welcome screens, a story's transcript) keeps it beside its words; every other screen, and a
card while one is on show, is read from the top bar's, in the screen's order
(``Screen.spoken_text``).
"""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from decisionaid.ui.common.operations import run_in_background
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.widgets import button, centred, label, sentences, spoken_words
from decisionaid.ui.kiosk.overlay_card import OverlayCard

log = logging.getLogger(__name__)

NO_HELP_ON = ("welcome", "staff", "peer_sign_in")
# The kinds of request (services/help.py, not imported here: it loads the database layer, and
# this module loads before the kiosk's first paint).
HELP, TALK_NOW = "help", "talk-now"
OWN_READERS = ("read_aloud", "readAloudButton")


def has_own_reader(screen: QWidget | None) -> bool:
    """The screen has its own Read to me (shown or, for a question the content says is not
    read aloud, hidden on purpose)."""
    if screen is None:
        return False
    return any(b.objectName() in OWN_READERS for b in screen.findChildren(QAbstractButton))


class Card(OverlayCard):
    """A calm message laid over the screen (not the top bar): a title, a line, and OK."""

    def __init__(self, parent: QWidget, title_key: str | None, body_key: str, language: str, theme):
        super().__init__(parent, theme, width=1300, spacing=28)
        self.setObjectName("help_card")
        self.keys = (title_key, body_key)
        column = self.column
        self.title = centred(label("huge"))
        self.title.setObjectName("help_title")
        self.title.setVisible(title_key is not None)
        self.body = centred(label("lead"))
        self.body.setObjectName("help_body")
        self.ok = button("primary", name="help_ok")
        self.ok.setMinimumHeight(theme.px(110))
        column.addWidget(self.title)
        column.addWidget(self.body)
        column.addWidget(self.ok)
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        title_key, body_key = self.keys
        if title_key:
            self.title.setText(t(title_key, language))
        self.body.setText(t(body_key, language))
        self.ok.setText(t("help_ok", language))
        self.setAccessibleName(self.title.text() or self.body.text())  # a dialog: named by its words

    def spoken_text(self) -> str:
        return sentences(spoken_words(self.box))


def beep() -> None:
    """A short sound to turn heads in the room; silently nothing where there is no audio."""
    with contextlib.suppress(Exception):
        QApplication.beep()


class KioskHelp(QObject):
    """Wires the window's top bar and safety screen to help requests and reading aloud.

    ``chime`` (a beep; tests replace it) and the window's speaker sound the local call for help.
    ``waiting``: this visit's presses kept on disk and not yet delivered (key -> kind)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.card: Card | None = None
        self.chime = beep
        self.waiting: dict[str, str] = {}
        self._delivering = False
        self.retry = window.timers.timer(window.times.retry_ms / 1000, self.deliver_kept, self,
                                         repeat=True)
        bar = window.top_bar
        bar.help.connect(lambda: self.ask(HELP))
        bar.read.connect(self.read)
        bar.language_chosen.connect(self._language)
        window.screen_changed.connect(self._screen_changed)
        window.installEventFilter(self)

    @property
    def offered(self) -> bool:
        services = self.window.services
        return services is not None and getattr(services, "help", None) is not None

    def _screen_changed(self, name: str) -> None:
        window, screen = self.window, self.window.screen
        window.top_bar.help_button.setVisible(self.offered and name not in NO_HELP_ON)
        self._show_reader()
        talk = getattr(screen, "talk_now", None)
        if talk is not None and not screen.property("help_wired"):
            screen.setProperty("help_wired", True)
            talk.connect(lambda: self.ask(TALK_NOW))
            screen.talk_button.setVisible(self.offered)
        old_ask = screen.findChild(QAbstractButton, "ask_peer") if screen is not None else None
        if old_ask is not None and self.offered:
            old_ask.hide()  # the print screen's own "Ask a peer worker": the top bar has help
        if name == "welcome":
            self.close_card()  # the next person never sees the last one's message
            self.waiting.clear()  # still delivered, but not announced to the next person
        self.keep_delivering()

    def _show_reader(self) -> None:
        """The top bar's Read to me: for a card (which covers the screen's own), or for a
        screen without a Read to me of its own."""
        window = self.window
        window.top_bar.read_button.setVisible(self.card is not None or not has_own_reader(window.screen))

    # --- help -------------------------------------------------------------------------------------
    def ask(self, kind: str) -> None:
        window = self.window
        if not self.offered:
            return
        requests, flow = window.services.help, window.flow
        outbox = getattr(window.services, "outbox", None)
        visit_id = (flow.visit_id or flow.finished_visit_id) if flow is not None else None
        screen = window.screen_name
        body = "talk_coming_body" if kind == TALK_NOW else "help_coming_body"

        def failed(error: Exception) -> None:
            log.error("could not send a help request: %s", type(error).__name__)
            self.show_card(None, "help_not_sent")

        if outbox is None:
            run_in_background(lambda: requests.ask(screen=screen, visit_id=visit_id, kind=kind),
                              lambda _id: self.show_card("help_coming_title", body), failed, self)
            return

        def work() -> tuple[str, set[str]]:
            # Kept on disk first; then everything kept, oldest first, this press last.
            call = outbox.ask(kind, screen=screen, visit_id=visit_id)
            return call.key, {c.key for c in outbox.deliver()}

        def done(result: tuple[str, set[str]]) -> None:
            key, delivered = result
            self.waiting = {k: v for k, v in self.waiting.items() if k not in delivered}
            if key in delivered:
                self.show_card("help_coming_title", body)
                return
            self.waiting[key] = kind
            self.call_locally()
            self.keep_delivering()

        run_in_background(work, done, failed, self)

    def call_locally(self) -> None:
        """The card that asks the person to wave, sounded so staff in the room hear it."""
        self.show_card("help_wave_title", "help_wave_body")
        self.chime()
        speaker = self.window.speaker
        if speaker.available and self.card is not None:
            speaker.say(self.card.spoken_text(), self.window.language)

    def keep_delivering(self) -> None:
        """Try the database again every ``retry_ms`` while anything is kept on disk."""
        services = self.window.services
        outbox = getattr(services, "outbox", None) if services is not None else None
        if outbox is not None and outbox.pending() and not self.retry.is_active():
            self.retry.start()

    def deliver_kept(self) -> None:
        """Deliver what is kept on disk (off the UI thread); the person whose call got through
        is told a peer worker has been asked."""
        outbox = getattr(self.window.services, "outbox", None)
        if outbox is None or self._delivering:
            return
        self._delivering = True

        def done(delivered) -> None:
            self._delivering = False
            keys = {call.key for call in delivered}
            ours = [kind for key, kind in self.waiting.items() if key in keys]
            self.waiting = {k: v for k, v in self.waiting.items() if k not in keys}
            if not outbox.pending():
                self.retry.stop()
            if ours:
                body = "talk_coming_body" if TALK_NOW in ours else "help_coming_body"
                self.show_card("help_asked_title", body)

        def failed(error: Exception) -> None:
            self._delivering = False
            log.error("could not deliver the kept calls: %s", type(error).__name__)

        run_in_background(outbox.deliver, done, failed, self)

    # --- reading ----------------------------------------------------------------------------------
    def read(self) -> None:
        window = self.window
        target = self.card if self.card is not None else window.screen
        if target is None:
            return
        speaker = window.speaker
        if not speaker.available or not speaker.say(target.spoken_text(), window.language):
            self.show_card(None, "no_speech")

    # --- the card ---------------------------------------------------------------------------------
    def show_card(self, title_key: str | None, body_key: str) -> None:
        self.close_card()
        window = self.window
        self.card = Card(window, title_key, body_key, window.language, window.theme)
        self.card.ok.clicked.connect(self.close_card)
        self.card.setGeometry(window.stack.geometry())
        self.card.show()
        self.card.raise_()
        if window.overlay is not None:
            window.overlay.raise_()  # "Are you still there?" stays on top
        self._show_reader()

    def close_card(self) -> None:
        if self.card is not None:
            self.window.speaker.stop()
            self.card.hide()
            self.card.deleteLater()
            self.card = None
            self._show_reader()

    def _language(self, language: str) -> None:
        if self.card is not None:
            self.card.retranslate(language)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self.card is not None:
            self.card.setGeometry(self.window.stack.geometry())
        return False
