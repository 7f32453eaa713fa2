"""The print screen: a picture of the page (made off the UI thread), "Print my page", "Ask a
peer worker", and "I'm finished". The page is in the prescriber's language; a person who
answered in another language can also print a copy in theirs.

The picture is for a screen in a shared waiting room: it is the page in the person's own
language without the alerts box (a line on it says the paper has that box), so nobody walking
past reads a safety flag off the screen. The paper is the whole page (docs/kiosk.md)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout

from decisionaid.ui.common.operations import run_in_background
from decisionaid.ui.common.preview import pdf_preview
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import NavBar, Screen, WholeButton, button, label

log = logging.getLogger("decisionaid.ui.kiosk.print")


class PrintScreen(Screen):
    page_ready = Signal()  # the preview is on screen (or the page could not be made)
    print_finished = Signal(bool)  # True: sent to the printer
    printed = Signal()  # the visit's page went to the printer: record it
    finished = Signal()
    ask_peer = Signal()
    went_back = Signal()  # Back, to the review: offered only until something is printed

    def __init__(self, language: str, theme: Theme, make_pdf: Callable[[], bytes], printer,
                 paper_title: str = "decisionaid",
                 make_own_pdf: Callable[[], bytes] | None = None,
                 make_preview_pdf: Callable[[], bytes] | None = None):
        """``make_own_pdf``: the same page in the person's own language, when it is not the
        prescriber's; None hides the button that prints it. ``make_preview_pdf``: the page as
        the screen shows it (no alerts box); None shows the page to be printed."""
        super().__init__(language, theme)
        self.printer = printer
        self.make_own_pdf = make_own_pdf
        self.pdf: bytes | None = None
        self.preview_image: QImage | None = None
        self.paper_title = paper_title
        # In the page (which scrolls when the text is large and the screen small).
        layout = QHBoxLayout()
        page = self.page_layout()
        page.addLayout(layout, 1)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(40))
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The picture fits the room the buttons leave, never the other way round.
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setMinimumSize(theme.px(160), theme.px(220))
        self.preview.setWordWrap(True)  # "Making your page…" on a narrow screen
        self.preview.installEventFilter(self)
        self.preview.setProperty("role", "panel")
        self.worded(self.preview, "page_making")
        self.preview.setAccessibleName(t("page_preview", language))
        layout.addWidget(self.preview, 5)
        column = QVBoxLayout()
        column.setSpacing(theme.px(24))
        self.title = self.worded(label("title"), "page_title")
        self.title.setObjectName("title")
        column.addWidget(self.title)
        column.addWidget(self.worded(label("help"), "page_body"))
        self.status = label("notice")
        self.status.setObjectName("status")
        self.status.hide()
        self._status_key: str | None = None
        self.page_printed = False  # the prescriber's page went to the printer
        column.addWidget(self.status)
        column.addStretch(1)
        self.print_button = self.worded(button("primary", name="print", kind=WholeButton), "print")
        self.print_button.setMinimumHeight(theme.px(120))
        self.print_button.setEnabled(False)
        self.own_button = self.worded(button("", name="print_own", kind=WholeButton), "print_own")
        self.own_button.setVisible(make_own_pdf is not None)
        self.peer_button = self.worded(button("", name="ask_peer", kind=WholeButton), "ask_peer")
        self.finish_button = self.worded(button("", name="finish", kind=WholeButton), "finish")
        column.addWidget(self.print_button)
        column.addWidget(self.own_button)
        column.addWidget(self.peer_button)
        column.addWidget(self.finish_button)
        layout.addLayout(column, 4)
        self.print_button.clicked.connect(self.print_page)
        self.own_button.clicked.connect(self.print_own_copy)
        self.peer_button.clicked.connect(self._ask_peer)
        self.finish_button.clicked.connect(self.finished)
        # Back, where it is on every screen: to the review, to mend a mistake seen in the page.
        self.nav = NavBar(self, skip=False)
        self.nav.next_button.hide()
        page.addWidget(self.nav)
        self.nav.back.connect(self.went_back)
        width = theme.px(900)

        def work():
            pdf = make_pdf()
            try:
                image = pdf_preview(make_preview_pdf() if make_preview_pdf is not None else pdf, width)
            except (OSError, ValueError):
                image = None
            return pdf, image

        run_in_background(work, self._made, self._not_made, self)

    def _made(self, result) -> None:
        self.pdf, self.preview_image = result
        if self.preview_image is not None:
            self._show_preview()
            self.preview.setToolTip("")
        self.print_button.setEnabled(True)
        self.page_ready.emit()

    def _not_made(self, error: Exception) -> None:
        self._set_status("page_failed")
        self.preview.setText("")
        self.page_ready.emit()

    def _show_preview(self) -> None:
        self._texts = [(w, fn) for w, fn in self._texts if w is not self.preview]
        room = self.preview.contentsRect().size()
        pixmap = QPixmap.fromImage(self.preview_image).scaled(
            room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setPixmap(pixmap)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.preview and event.type() == event.Type.Resize and self.preview_image is not None:
            self._show_preview()
        return False

    def no_way_back(self) -> None:
        """Something was printed: the page is the visit as stored, so Back goes. Its row
        stays, empty: without it the buttons just pressed would slide down under the finger."""
        policy = self.nav.back_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.nav.back_button.setSizePolicy(policy)
        self.nav.back_button.hide()

    def _printing(self, busy: bool) -> None:
        """Back waits while a page is on its way to the printer: once it is printed it goes
        (``no_way_back``); if it could not be printed nothing changed, and Back comes back."""
        self.nav.back_button.setEnabled(not busy)

    def print_page(self) -> None:
        if self.pdf is None:
            return
        self._printing(True)
        self.print_button.setEnabled(False)
        self._set_status("printing")
        pdf, printer, title = self.pdf, self.printer, self.paper_title
        run_in_background(lambda: printer.print_pdf(pdf, title), self._printed, self._print_failed, self)

    def _printed(self, _result) -> None:
        self.page_printed = True
        self.no_way_back()
        self._set_status("printed")
        self.print_button.setEnabled(True)
        self.printed.emit()
        self.print_finished.emit(True)

    def _print_failed(self, error: Exception) -> None:
        self._failed(error)
        self._set_status("print_failed")
        self.print_button.setEnabled(True)
        self.print_finished.emit(False)

    def print_own_copy(self) -> None:
        """Print the page in the person's own language, for them to keep (the visit's page
        for the prescriber is the one recorded as printed)."""
        if self.make_own_pdf is None:
            return
        self._printing(True)
        self.own_button.setEnabled(False)
        self._set_status("printing")
        make, printer, title = self.make_own_pdf, self.printer, self.paper_title
        run_in_background(lambda: printer.print_pdf(make(), title), self._own_printed,
                          self._own_failed, self)

    def _own_printed(self, _result) -> None:
        self.no_way_back()
        self._set_status("printed")
        self.own_button.setEnabled(True)

    def _own_failed(self, error: Exception) -> None:
        self._failed(error)
        self._set_status("print_failed")
        self.own_button.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        # The printer's own words (CUPS: "the printer 'front' is paused: …"); they name the
        # printer and the trouble, never the person or an answer.
        log.warning("the page could not be printed: %s: %s", type(error).__name__, error)
        if not self.nav.back_button.isHidden():
            self._printing(False)

    def _ask_peer(self) -> None:
        self._set_status("peer_coming")
        self.ask_peer.emit()

    @property
    def status_key(self) -> str | None:
        """What the status line says (a catalogue key: printed, print_failed, …), if shown."""
        return self._status_key

    def _set_status(self, key: str) -> None:
        self._status_key = key
        self.status.setText(t(key, self.language))
        self.status.show()

    def on_language(self, language: str) -> None:
        self.preview.setAccessibleName(t("page_preview", language))
        if self._status_key:
            self.status.setText(t(self._status_key, language))
