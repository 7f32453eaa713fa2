"""One service user: their visits, how each `trend` item has moved, their Power Statement and
Personal Medicine over time, and "Who has looked at my information" (printable for them).
"Reset PIN" is here too: the person then chooses a new PIN at the kiosk with a peer worker."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from decisionaid.services.peer_queries import PAGE_SIZE, AccessLine, state_words
from decisionaid.services.staff import StaffMember
from decisionaid.ui.station.charts import LineChart
from decisionaid.ui.station.common import (
    day,
    day_and_time,
    fill,
    in_background,
    message_label,
    selected_key,
    show_message,
    table,
)
from decisionaid.ui.station.services import PeerServices

SECTION_WORDS = {"power_statement": "Power Statement", "personal_medicine": "Personal Medicine"}


class PersonScreen(QWidget):
    open_visit = Signal(int)
    named = Signal(str)  # the person's first name, once read

    def __init__(self, services: PeerServices, member: StaffMember, service_user_id: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.member = member
        self.user_id = service_user_id
        self.page = 0
        self.visit_ids: list[int] = []
        self.rows: list[list[str]] = []
        self.access: list[AccessLine] = []
        self.name = ""

        self.title = QLabel("Reading…")
        self.title.setObjectName("person_title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.reset_pin_button = QPushButton("Reset PIN")
        self.reset_pin_button.setObjectName("reset_pin")
        self.reset_pin_button.setToolTip(
            "For someone who forgot their PIN: the old one stops working, and they choose a "
            "new one at the kiosk the next time a peer worker signs them in.")
        self.tabs = QTabWidget()

        visits = QWidget()
        self.visits = table(["Date", "Status", "Open flags"])
        self.visits.setObjectName("person_visits")
        self.visits.setColumnWidth(0, 220)
        self.visits.setColumnWidth(1, 120)
        self.more = QPushButton("Show older visits")
        self.more.hide()
        vl = QVBoxLayout(visits)
        vl.addWidget(self.visits)
        vl.addWidget(self.more)
        self.tabs.addTab(visits, "Visits")

        self.charts = QWidget()
        self.chart_grid = QGridLayout(self.charts)
        scroll = QScrollArea()
        scroll.setWidget(self.charts)
        scroll.setWidgetResizable(True)
        self.tabs.addTab(scroll, "How they've been")

        self.words = table(["Visit", "Part", "Question", "In their words"])
        self.words.setObjectName("own_words")
        self.words.setWordWrap(True)
        for column, width in enumerate((110, 150, 320)):
            self.words.setColumnWidth(column, width)
        self.tabs.addTab(self.words, "Power Statement and Personal Medicine")

        looked = QWidget()
        self.looked = table(["When", "Who", "What", "Visit"])
        self.looked.setObjectName("who_looked")
        for column, width in enumerate((200, 160, 260)):
            self.looked.setColumnWidth(column, width)
        self.print_button = QPushButton("Print this for them")
        self.save_button = QPushButton("Save as PDF…")
        ll = QVBoxLayout(looked)
        ll.addWidget(QLabel("Every time someone opened, printed, reviewed or exported this "
                            "person's information (newest first)."))
        ll.addWidget(self.looked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        ll.addLayout(buttons)
        self.tabs.addTab(looked, "Who has looked at my information")

        self.message = message_label()
        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.reset_pin_button)
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

        self.visits.cellDoubleClicked.connect(
            lambda *_: selected_key(self.visits) and self.open_visit.emit(selected_key(self.visits)))
        self.more.clicked.connect(self._more)
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._save)
        self.reset_pin_button.clicked.connect(self._reset_pin)
        self.load()

    def load(self) -> None:
        in_background(self, self._read, self._show, lambda m: show_message(self.message, m, error=True))

    def _read(self):
        # The services check the role and record the opening: someone may ask about it.
        s, uid, by = self.services, self.user_id, self.member
        profile = s.queries.profile(uid, by=by)
        return (profile, s.queries.visits_of(uid, by=by), s.queries.trends(uid, by=by),
                s.queries.own_words(uid, by=by), s.queries.who_looked(uid, by=by))

    def _reset_pin(self) -> None:
        from decisionaid.services.profiles import ProfileService

        s, uid, by = self.services, self.user_id, self.member
        profiles = ProfileService(s.db, hasher=s.hasher, clock=s.clock)
        in_background(
            self, lambda: profiles.reset_pin(uid, by=by),
            lambda _: show_message(
                self.message, "PIN reset. The next time a peer worker signs them in at the "
                "kiosk, they choose a new PIN."),
            lambda m: show_message(self.message, f"Could not reset the PIN: {m}", error=True))

    def _show(self, found) -> None:
        profile, visits, trends, words, looked = found
        self.name = profile.first_name
        clinic = f" · clinic id {profile.clinic_id}" if profile.clinic_id else ""
        waiting = (" · signed up alone with the same name and birthday as someone else: "
                   "sign them in at the kiosk to confirm") if profile.pending else ""
        self.title.setText(
            f"{profile.first_name} · born {profile.date_of_birth:%d %b %Y}{clinic}{waiting}")
        self.named.emit(profile.first_name)
        self._add_visits(visits)
        for i, series in enumerate(trends):
            chart = LineChart(series.question, series.low, series.high, series.labels,
                              [(f"{t.astimezone():%d %b}", v) for t, v in series.points])
            self.chart_grid.addWidget(chart, i // 2, i % 2)
        if not trends:
            self.chart_grid.addWidget(QLabel("No finished visits with these answers yet."), 0, 0)
        fill(self.words, [[day(w.started_at), SECTION_WORDS.get(w.section, w.section),
                           w.question, w.text] for w in words])
        self.words.resizeRowsToContents()
        self.access = looked
        fill(self.looked, [[day_and_time(a.at), a.who, a.what, str(a.visit_id or "")]
                           for a in looked])

    def _add_visits(self, visits) -> None:
        for v in visits:
            flags = f"⚠ {v.open_safety_flags} safety" if v.open_safety_flags else (
                f"{v.open_flags} concern" if v.open_flags else "")
            self.rows.append([day_and_time(v.started_at), state_words(v), flags])
            self.visit_ids.append(v.id)
        fill(self.visits, self.rows, self.visit_ids)
        self.more.setVisible(len(visits) == PAGE_SIZE)

    def _more(self) -> None:
        self.page += 1
        s, uid, page = self.services, self.user_id, self.page
        in_background(self, lambda: s.queries.visits_of(uid, page, by=self.member),
                      self._add_visits,
                      lambda m: show_message(self.message, m, error=True))

    # --- "Who has looked at my information", on paper ------------------------------------------
    def access_html(self) -> str:
        rows = "".join(
            f"<tr><td>{day_and_time(a.at)}</td><td>{_html(a.who)}</td><td>{_html(a.what)}</td></tr>"
            for a in self.access
        )
        return (
            f"<h2>Who has looked at my information</h2>"
            f"<p>{_html(self.services.config.site_name)} — for {_html(self.name)}, "
            f"printed {day_and_time(self.services.clock())}</p>"
            f"<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
            f"<tr><th>When</th><th>Who</th><th>What</th></tr>{rows}</table>"
            f"<p>Ask a peer worker if anything here surprises you.</p>"
        )

    def _print(self) -> None:
        s, html, paper = self.services, self.access_html(), self.services.config.paper
        show_message(self.message, "Printing…")
        in_background(self, lambda: s.printer.print_pdf(access_pdf(html, paper), "Who has looked"),
                      lambda _: show_message(self.message, "Sent to the printer."),
                      lambda m: show_message(self.message, f"Could not print: {m}", error=True))

    def _save(self) -> None:
        path = self.services.dialogs.save_file(self, "Save as PDF", "who-has-looked.pdf",
                                               "PDF (*.pdf)")
        if path is None:
            return
        html, paper = self.access_html(), self.services.config.paper
        in_background(self, lambda: path.write_bytes(access_pdf(html, paper)),
                      lambda _: show_message(self.message, f"Saved {path}."),
                      lambda m: show_message(self.message, f"Could not save: {m}", error=True))


def access_pdf(html: str, paper: str = "letter") -> bytes:
    """A simple PDF of ``html`` (QTextDocument is safe off the UI thread)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    size = QPageSize.PageSizeId.A4 if paper == "a4" else QPageSize.PageSizeId.Letter
    writer.setPageLayout(QPageLayout(QPageSize(size), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
    del writer
    buffer.close()
    return bytes(data.data())


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
