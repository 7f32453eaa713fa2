"""The station's panels that keep themselves current: today's board, the help requests, the
prescriber's reports; and the bands of open items on the board (help requests, check-ins). Each
reads the database off the UI thread every ``services.poll_seconds`` while it is started (or
every ``poll_seconds`` it is given), never two reads at once, and shows what came back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from decisionaid.ui.station.common import in_background, message_label, show_message
from decisionaid.ui.station.services import PeerServices


class PolledPanel(QFrame):
    """A panel that reads ``read_work()`` on the station's timers; subclasses show the result
    (``show_read``) or the one line saying why it could not be read (``show_read_failed``)."""

    def __init__(self, services: PeerServices, parent: QWidget | None = None, *,
                 poll_seconds: float | None = None):
        super().__init__(parent)
        self.services = services
        self._reading = False
        self.read_once = False  # at least one read has come back (tests wait on it)
        self.reads = 0  # reads come back so far, shown or failed
        every = services.poll_seconds if poll_seconds is None else poll_seconds
        self.poll = services.timers.timer(every, self.refresh, self, repeat=True)

    @property
    def reading(self) -> bool:
        """A read is out and has not come back yet."""
        return self._reading

    def start(self) -> None:
        self.refresh()
        self.poll.start()

    def stop(self) -> None:
        self.poll.stop()

    def refresh(self) -> None:
        if self._reading:  # a slow read is still out: never stack them up
            return
        self._reading = True
        in_background(self, self.read_work(), self._read_done, self._read_failed)

    def read_work(self) -> Callable[[], Any]:
        """What to read, as a function to run off the UI thread."""
        raise NotImplementedError

    def show_read(self, result: Any) -> None:
        raise NotImplementedError

    def show_read_failed(self, message: str) -> None:
        raise NotImplementedError

    def _read_done(self, result: Any) -> None:
        self._reading = False
        self.show_read(result)
        self._came_back()

    def _read_failed(self, message: str) -> None:
        self._reading = False
        self.show_read_failed(message)
        self._came_back()

    def _came_back(self) -> None:
        self.read_once = True
        self.reads += 1


class ListBand(PolledPanel):
    """A coloured band on the Today board listing open items, one row each (hidden while there
    are none): its title counts them, rows already shown stay (a half-typed note is kept), rows
    no longer open go, and a new item sounds. Filled by its own reads (``show_read``) or by a
    read the board makes anyway (``show_items``, the poll then never started).

    ``name`` names the band (``{name}_band``) and its title (``{name}_title``) for its style
    sheet; subclasses make a row for an item (``make_row``) and the title (``title_for``)."""

    def __init__(self, services: PeerServices, name: str, style: str,
                 parent: QWidget | None = None):
        super().__init__(services, parent)
        self.setObjectName(f"{name}_band")
        self.setStyleSheet(style)
        self.rows: dict[int, QWidget] = {}
        self._seen: set[int] = set()
        self.title = QLabel()
        self.title.setObjectName(f"{name}_title")
        self.list = QVBoxLayout()
        self.list.setContentsMargins(0, 0, 0, 0)
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.list)
        layout.addWidget(self.message)
        self.hide()

    def make_row(self, item: Any) -> QWidget:
        raise NotImplementedError

    def title_for(self, count: int) -> str:
        raise NotImplementedError

    def new_items(self) -> None:
        """Something not shown before is open: say so."""
        self.services.sound()

    def show_items(self, found: list[Any]) -> None:
        ids = {item.id for item in found}
        for item_id in list(self.rows):
            if item_id not in ids:
                self.rows.pop(item_id).deleteLater()
        for position, item in enumerate(found):
            if item.id not in self.rows:
                row = self.make_row(item)
                self.rows[item.id] = row
                self.list.insertWidget(position, row)
        self.title.setText(self.title_for(len(found)))
        self.setVisible(bool(found))
        new = ids - self._seen
        self._seen |= ids
        if new:
            self.new_items()

    def show_read(self, result: Any) -> None:
        self.show_items(result)

    def show_read_failed(self, message: str) -> None:
        show_message(self.message, message, error=True)
