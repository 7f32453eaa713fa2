"""One service user: their visits, how each `trend` item has moved, their Power Statement and
Personal Medicine over time, and "Who has looked at my information" (printable for them).
"Reset PIN" is here too: the person then chooses a new PIN at the kiosk with a peer worker; and,
when there are any, the lock on their sign-in and their possible duplicates (person_sign_in)."""

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

from decisionaid.services.peer_queries import PAGE_SIZE, AccessLine
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import t
from decisionaid.ui.station.charts import LineChart
from decisionaid.ui.station.common import (
    alerts_words,
    day,
    day_and_time,
    fill,
    in_background,
    message_label,
    selected_key,
    show_message,
    state_words,
    table,
)
from decisionaid.ui.station.person_sign_in import SignInAndDuplicates
from decisionaid.ui.station.services import PeerServices


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

        lang = services.language
        self.title = QLabel(t("station_reading", lang))
        self.title.setObjectName("person_title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.reset_pin_button = QPushButton(t("station_reset_pin", lang))
        self.reset_pin_button.setObjectName("reset_pin")
        self.reset_pin_button.setToolTip(t("station_reset_pin_tip", lang))
        self.tabs = QTabWidget()

        visits = QWidget()
        self.visits = table([t(f"station_col_{c}", lang) for c in ("date", "status", "open_flags")])
        self.visits.setObjectName("person_visits")
        self.visits.setColumnWidth(0, 220)
        self.visits.setColumnWidth(1, 120)
        self.more = QPushButton(t("station_show_older", lang))
        self.more.hide()
        vl = QVBoxLayout(visits)
        vl.addWidget(self.visits)
        vl.addWidget(self.more)
        self.tabs.addTab(visits, t("station_tab_visits", lang))

        self.charts = QWidget()
        self.chart_grid = QGridLayout(self.charts)
        scroll = QScrollArea()
        scroll.setWidget(self.charts)
        scroll.setWidgetResizable(True)
        self.tabs.addTab(scroll, t("station_tab_how_theyve_been", lang))

        self.words = table([t(f"station_col_{c}", lang)
                            for c in ("visit", "part", "question", "their_words")])
        self.words.setObjectName("own_words")
        self.words.setWordWrap(True)
        for column, width in enumerate((110, 150, 320)):
            self.words.setColumnWidth(column, width)
        self.tabs.addTab(self.words, t("station_tab_own_words", lang))

        looked = QWidget()
        self.looked = table([t(f"station_col_{c}", lang) for c in ("when", "who", "what", "visit")])
        self.looked.setObjectName("who_looked")
        for column, width in enumerate((200, 160, 260)):
            self.looked.setColumnWidth(column, width)
        self.print_button = QPushButton(t("station_print_for_them", lang))
        self.save_button = QPushButton(t("station_save_pdf_button", lang))
        ll = QVBoxLayout(looked)
        every_look = QLabel(t("station_every_look", lang))
        every_look.setWordWrap(True)  # one long sentence: wrapped, or it widens the window
        ll.addWidget(every_look)
        ll.addWidget(self.looked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        ll.addLayout(buttons)
        self.tabs.addTab(looked, t("station_tab_who_looked", lang))

        self.message = message_label()
        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.reset_pin_button)
        layout.addLayout(heading)
        # A locked sign-in and other profiles with the same details, when there are any.
        self.sign_in_box = SignInAndDuplicates(services, member, service_user_id, self.message)
        layout.addWidget(self.sign_in_box)
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
        lang = s.language
        # One click would stop a working PIN: ask first.
        if not s.dialogs.confirm(self, t("station_reset_pin", lang),
                                 t("station_reset_pin_confirm", lang, name=self.name)):
            return
        profiles = ProfileService(s.db, hasher=s.hasher, clock=s.clock)
        in_background(
            self, lambda: profiles.reset_pin(uid, by=by),
            lambda _: show_message(self.message, t("station_pin_was_reset", lang)),
            lambda m: show_message(self.message, t("station_could_not_reset_pin", lang, reason=m),
                                   error=True))

    def _show(self, found) -> None:
        profile, visits, trends, words, looked = found
        self.name = profile.first_name
        self.sign_in_box.show_person(profile)
        lang = self.services.language
        clinic = t("station_clinic_id", lang, clinic_id=profile.clinic_id) if profile.clinic_id else ""
        waiting = t("station_pending", lang) if profile.pending else ""
        self.title.setText(t("station_person_title", lang, name=profile.first_name,
                             born=day(profile.date_of_birth, lang), clinic=clinic,
                             waiting=waiting))
        self.named.emit(profile.first_name)
        self._add_visits(visits)
        for i, series in enumerate(trends):
            chart = LineChart(series.question, series.low, series.high, series.labels,
                              [(day(when, lang, year=False), v) for when, v in series.points])
            self.chart_grid.addWidget(chart, i // 2, i % 2)
        if not trends:
            self.chart_grid.addWidget(QLabel(t("station_no_trends", lang)), 0, 0)
        sections = {s: t(f"station_section_{s}", lang)
                    for s in ("power_statement", "personal_medicine")}
        fill(self.words, [[day(w.started_at, lang), sections.get(w.section, w.section),
                           w.question, w.text] for w in words])
        self.words.resizeRowsToContents()
        self.access = looked
        fill(self.looked, [[day_and_time(a.at, lang), a.who, a.what, str(a.visit_id or "")]
                           for a in looked])

    def _add_visits(self, visits) -> None:
        for v in visits:
            lang = self.services.language
            flags = open_alerts_words(v, lang)
            self.rows.append([day_and_time(v.started_at, lang),
                              state_words(v.state, v.printed_at is not None, lang), flags])
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
        lang = self.services.language
        rows = "".join(
            f"<tr><td>{day_and_time(a.at, lang)}</td><td>{_html(a.who)}</td><td>{_html(a.what)}</td></tr>"
            for a in self.access
        )
        head = "".join(f"<th>{t(f'station_col_{c}', lang)}</th>" for c in ("when", "who", "what"))
        made_for = t("station_looked_for", lang, site=_html(self.services.config.site_name),
                     name=_html(self.name), when=day_and_time(self.services.clock(), lang))
        return (
            f"<h2>{t('station_tab_who_looked', lang)}</h2>"
            f"<p>{made_for}</p>"
            f"<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
            f"<tr>{head}</tr>{rows}</table>"
            f"<p>{t('station_ask_if_surprised', lang)}</p>"
        )

    def _print(self) -> None:
        s, html, paper = self.services, self.access_html(), self.services.config.paper
        lang = s.language
        show_message(self.message, t("station_printing", lang))
        in_background(self, lambda: s.printer.print_pdf(access_pdf(html, paper),
                                                        t("station_tab_who_looked", lang)),
                      lambda _: show_message(self.message, t("station_sent_to_printer", lang)),
                      lambda m: show_message(self.message, t("station_could_not_print", lang,
                                                             reason=m), error=True))

    def _save(self) -> None:
        lang = self.services.language
        path = self.services.dialogs.save_file(self, t("station_save_as_pdf", lang),
                                               "who-has-looked.pdf", "PDF (*.pdf)")
        if path is None:
            return
        html, paper = self.access_html(), self.services.config.paper
        in_background(self, lambda: path.write_bytes(access_pdf(html, paper)),
                      lambda _: show_message(self.message, t("station_saved_path", lang, path=path)),
                      lambda m: show_message(self.message, t("station_could_not_save", lang,
                                                             reason=m), error=True))


def open_alerts_words(visit, language: str) -> str:
    """What is still open on a visit in a person's list (as the prescriber's list says it);
    "" when nothing is."""
    return alerts_words(visit.open_safety_flags, visit.open_flags - visit.open_safety_flags,
                        language, visit.open_check_ins, none="")


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
