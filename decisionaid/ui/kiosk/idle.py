"""The idle timeout: after a quiet spell, "Are you still there?" with a countdown and a large
"I'm still here"; when the countdown ends, ``expired`` (the kiosk then clears everything).

The delays come from ``KioskTimes`` and the timers from the window's ``Timers`` factory, so tests
move fake time through the minutes instead of waiting for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from decisionaid.services.clock import Timers
from decisionaid.ui.common.strings import t, tn
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import button, centred, label, sentences
from decisionaid.ui.kiosk.overlay_card import OverlayCard


@dataclass(frozen=True)
class KioskTimes:
    """Every delay the kiosk waits for, in milliseconds."""

    idle_ms: int = 150_000  # quiet time before the warning (timeout minus the warning)
    warning_s: int = 30  # the countdown shown in the warning
    tick_ms: int = 1000  # one second of that countdown
    staff_hold_ms: int = 3000  # press in the corner to reach the staff menu
    done_ms: int = 12_000  # the thank-you screen clears itself after this
    retry_ms: int = 3000  # trying the database again: calls kept on disk, the resting screen

    @classmethod
    def for_timeout(cls, idle_timeout_s: int) -> KioskTimes:
        return cls(idle_ms=max(1, idle_timeout_s - 30) * 1000)


_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Watches every touch on the kiosk's window while ``armed``.

    It listens on the window's native window (``windowHandle``), where each touch, click and
    key arrives once, rather than on the whole application, which sees every internal event
    of every widget (and would cost the kiosk time on every screen change).
    """

    warn = Signal()

    def __init__(self, times: KioskTimes, window: QWidget, timers: Timers):
        super().__init__(window)
        self.timer = timers.timer(times.idle_ms / 1000, self.warn.emit, self)
        self.armed = False
        self._watched = None
        self.window = window

    def _watch(self) -> None:
        handle = self.window.windowHandle()
        if handle is not None and handle is not self._watched:
            handle.installEventFilter(self)
            self._watched = handle

    def arm(self) -> None:
        self._watch()
        self.armed = True
        self.timer.start()

    def disarm(self) -> None:
        self.armed = False
        self.timer.stop()

    def touched(self) -> None:
        if self.armed:
            self.timer.start()

    def eventFilter(self, watched, event) -> bool:
        if self.armed and event.type() in _ACTIVITY:
            self.timer.start()
        return False

    def close(self) -> None:
        self.disarm()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None


class StillThere(OverlayCard):
    """The warning, laid over the whole kiosk. ``still_here`` or ``expired``."""

    still_here = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget, language: str, theme: Theme, times: KioskTimes,
                 timers: Timers):
        super().__init__(parent, theme, width=1400, spacing=32)
        self.setObjectName("still_there")
        self.setAccessibleName(t("still_there", language))  # a dialog is named by its question
        self.language = language
        self.left = times.warning_s
        column = self.column
        self.title = centred(label("huge", t("still_there", language)))
        self.body = label("lead")
        self.body.setObjectName("countdown")
        centred(self.body)
        self.button = button("primary", t("still_here", language), name="still_here")
        self.button.setMinimumHeight(theme.px(160))
        column.addWidget(self.title)
        column.addWidget(self.body)
        column.addWidget(self.button)
        # The warning covers the top bar, so it has its own "Read to me" (the kiosk's speaker).
        self.speaker = getattr(parent, "speaker", None)
        self.read_button = button("", t("read_aloud", language), name="read_aloud")
        self.read_button.setVisible(self.speaker is not None)
        self.read_button.clicked.connect(self._read)
        column.addWidget(self.read_button)
        self.ticker = timers.timer(times.tick_ms / 1000, self._tick, self, repeat=True)
        self.button.clicked.connect(self._still_here)
        self._show_count()
        # Room for three lines whatever the text size, so the countdown is never cut off.
        self.body.ensurePolished()
        self.body.setMinimumHeight(self.body.fontMetrics().lineSpacing() * 3 + 8)
        self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.ticker.start()

    def spoken_text(self) -> str:
        return sentences(list((self.title.text(), self.body.text(), self.button.text())))

    def _read(self) -> None:
        self.speaker.say(self.spoken_text(), self.language)

    def _show_count(self) -> None:
        self.body.setText(tn("still_there_body", self.left, self.language))

    def _tick(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.ticker.stop()
            self.expired.emit()
            return
        self._show_count()

    def _still_here(self) -> None:
        self.ticker.stop()
        if self.speaker is not None:
            self.speaker.stop()  # the warning goes: so does its reading
        self.still_here.emit()
