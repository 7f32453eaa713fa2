"""The peer station's window: sign-in first, then Today, Find, and (for admins) Statistics and
Admin, with each opened visit or person in a tab of its own. A prescriber gets their desk
instead: Today's reports, and each report opened in a tab of its own. Signs out after a spell
without a key press or a click, and nothing of the last session stays on screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from decisionaid import i18n
from decisionaid.services import staff
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.closing import ClosingTimer
from decisionaid.ui.common.strings import t, tn
from decisionaid.ui.common.writing_direction import follow_language
from decisionaid.ui.station import look
from decisionaid.ui.station.admin import AdminScreen
from decisionaid.ui.station.common import in_background, message_label, show_message
from decisionaid.ui.station.desk import ReportScreen, ReportsScreen
from decisionaid.ui.station.health_record import ChartSender, HealthRecordScreen
from decisionaid.ui.station.machine_checks import MachineChecksBand
from decisionaid.ui.station.my_language import MyLanguage
from decisionaid.ui.station.person import PersonScreen
from decisionaid.ui.station.schedule_watch import watch_schedule_folder
from decisionaid.ui.station.search import SearchScreen
from decisionaid.ui.station.services import PeerServices
from decisionaid.ui.station.sign_in import SignInScreen
from decisionaid.ui.station.statistics import StatisticsScreen
from decisionaid.ui.station.today import TodayScreen
from decisionaid.ui.station.visit import VisitScreen

ROLES = ("peer", "admin", "prescriber")
ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.Wheel}


class Workspace(QWidget):
    """Everything one signed-in staff member sees, in their language; thrown away when they
    sign out, or change their language (``language_changed(member)``, once it is saved)."""

    sign_out = Signal()
    language_changed = Signal(object)  # StaffMember

    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.member = member
        lang = services.language
        role = t(f"station_role_{member.role}", lang) if member.role in ROLES else member.role
        who = QLabel(t("station_signed_in_as", lang, name=_html(member.name), role=role))
        who.setObjectName("signed_in_as")
        out = QPushButton(t("station_sign_out", lang))
        out.setObjectName("sign_out")
        self.my_language = MyLanguage(services, member)
        self.my_language.changed.connect(self.language_changed)
        self.bar_message = message_label()
        self.my_language.failed.connect(lambda m: show_message(self.bar_message, m, error=True))
        bar = QHBoxLayout()
        bar.addWidget(who, 1)
        bar.addWidget(self.bar_message)
        bar.addWidget(self.my_language)
        bar.addWidget(out)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("peer_tabs")
        self.tabs.setDocumentMode(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        # Peers and admins see a machine whose checks fail, on every tab, until it is mended.
        self.machine_checks = None if member.role == "prescriber" else MachineChecksBand(services)
        if self.machine_checks is not None:
            layout.addWidget(self.machine_checks)
        layout.addWidget(self.tabs, 1)

        self.statistics: StatisticsScreen | None = None
        self.admin: AdminScreen | None = None
        self.today: TodayScreen | None = None
        self.search: SearchScreen | None = None
        self.reports: ReportsScreen | None = None
        if member.role == "prescriber":
            # Their desk and nothing else: no board of who is at the kiosk, no search, no admin.
            self.reports = ReportsScreen(services, member)
            self.reports.open_report.connect(self.open_report)
            self.tabs.addTab(self.reports, t("station_tab_reports", lang))
            self.fixed = 1
        else:
            self.today = TodayScreen(services, member)
            self.today.open_visit.connect(self.open_visit)
            self.search = SearchScreen(services, member)
            self.search.open_person.connect(self.open_person)
            self.search.open_visit.connect(self.open_visit)
            self.tabs.addTab(self.today, t("station_tab_today", lang))
            self.tabs.addTab(self.search, t("station_tab_find", lang))
            self.fixed = 2
        if member.is_admin:
            self.tabs.addTab(QWidget(), t("station_tab_statistics", lang))
            self.tabs.addTab(QWidget(), t("station_tab_admin", lang))
            self.fixed = 4
        self.health_record: HealthRecordScreen | None = None
        if services.chart_outbox is not None and member.role in ("peer", "admin"):
            self.health_record = HealthRecordScreen(services, member, services.chart_outbox)
            self.tabs.addTab(self.health_record, t("station_tab_health_record", lang))
            self.fixed += 1
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        out.clicked.connect(self.sign_out)
        (self.reports or self.today).start()
        if self.machine_checks is not None:
            self.machine_checks.start()

    def stop(self) -> None:
        (self.reports or self.today).stop()
        if self.machine_checks is not None:
            self.machine_checks.stop()

    def _tab_changed(self, index: int) -> None:
        if self.health_record is not None and self.tabs.widget(index) is self.health_record:
            self.health_record.refresh()
        # Admin screens are built when first shown: their reads are not needed before.
        if self.member.is_admin and index == 2 and self.statistics is None:
            self.open_statistics()
        elif self.member.is_admin and index == 3 and self.admin is None:
            self.open_admin()

    def open_statistics(self) -> StatisticsScreen | None:
        """The statistics screen, or None (and nothing shown) for a staff member who is not an
        admin."""
        if not self.member.is_admin:
            return None
        if self.statistics is None:
            self.statistics = StatisticsScreen(self.services, self.member)
            self._replace(2, self.statistics, t("station_tab_statistics", self.services.language))
        self.tabs.setCurrentWidget(self.statistics)
        return self.statistics

    def open_admin(self) -> AdminScreen | None:
        if not self.member.is_admin:
            return None
        if self.admin is None:
            self.admin = AdminScreen(self.services, self.member)
            # Accounts, configuration, checks, export and purge need more than a 720-pixel-high
            # screen: they scroll rather than squeeze into each other.
            scroll = QScrollArea()
            scroll.setObjectName("admin_scroll")
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(self.admin)
            self._replace(3, scroll, t("station_tab_admin", self.services.language))
        self.tabs.setCurrentIndex(3)
        return self.admin

    def _replace(self, index: int, widget: QWidget, title: str) -> None:
        blocked = self.tabs.blockSignals(True)
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        old.deleteLater()
        self.tabs.blockSignals(blocked)

    def _add_closable(self, widget: QWidget, title: str) -> None:
        """A tab with a plain "×" of the station's look to close it (Qt's own close icon is a
        stock red square beside the rest)."""
        index = self.tabs.addTab(widget, title)
        close = QPushButton("×")
        close.setObjectName("close_tab")
        close.setFlat(True)
        close.setFixedSize(22, 22)
        close.setAccessibleName(t("station_close_tab", self.services.language))
        close.setStyleSheet("QPushButton#close_tab { min-height: 0; padding: 0; border: none;"
                            " background: transparent; font-size: 14pt; color: #3d4a57; }"
                            " QPushButton#close_tab:hover { color: #b00020; }")
        close.clicked.connect(lambda: self._close_tab(self.tabs.indexOf(widget)))
        self.tabs.tabBar().setTabButton(index, self.tabs.tabBar().ButtonPosition.RightSide, close)

    def _find(self, kind: type, key: int) -> QWidget | None:
        for i in range(self.fixed, self.tabs.count()):
            widget = self.tabs.widget(i)
            if isinstance(widget, kind) and key in (getattr(widget, "visit_id", None),
                                                     getattr(widget, "user_id", None)):
                return widget
        return None

    def open_report(self, visit_id: int) -> ReportScreen:
        """A report at full size with the decision beside it (the prescriber's desk)."""
        screen = self._find(ReportScreen, visit_id)
        if screen is None:
            screen = ReportScreen(self.services, self.member, visit_id)
            screen.changed.connect(lambda _: self.reports and self.reports.refresh())
            self._add_closable(screen, t("station_tab_visit", self.services.language,
                                         visit_id=visit_id))
            screen.named.connect(lambda name, s=screen: self.tabs.setTabText(
                self.tabs.indexOf(s), name))
        self.tabs.setCurrentWidget(screen)
        return screen  # type: ignore[return-value]

    def open_visit(self, visit_id: int) -> VisitScreen | None:
        if self.today is None:
            return None  # a prescriber opens reports, not the peer's visit screen
        screen = self._find(VisitScreen, visit_id)
        if screen is None:
            screen = VisitScreen(self.services, self.member, visit_id)
            screen.open_person.connect(self.open_person)
            screen.changed.connect(lambda _: self.today and self.today.refresh())
            self._add_closable(screen, t("station_tab_visit", self.services.language,
                                         visit_id=visit_id))
        self.tabs.setCurrentWidget(screen)
        return screen  # type: ignore[return-value]

    def open_person(self, service_user_id: int) -> PersonScreen | None:
        if self.search is None:
            return None  # not a prescriber's: a person's history is peer work
        screen = self._find(PersonScreen, service_user_id)
        if screen is None:
            screen = PersonScreen(self.services, self.member, service_user_id)
            screen.open_visit.connect(self.open_visit)
            self._add_closable(screen, t("station_tab_person", self.services.language))
            screen.named.connect(lambda name, s=screen: self.tabs.setTabText(
                self.tabs.indexOf(s), name))
        self.tabs.setCurrentWidget(screen)
        return screen  # type: ignore[return-value]

    def opened(self) -> tuple[list[tuple[str, int]], int]:
        """What is open beyond the fixed tabs (("report" | "visit" | "person", id), in order),
        and the index of the tab in front: to open them again (see ``reopen``)."""
        kinds = {ReportScreen: ("report", "visit_id"), VisitScreen: ("visit", "visit_id"),
                 PersonScreen: ("person", "user_id")}
        tabs = []
        for i in range(self.fixed, self.tabs.count()):
            widget = self.tabs.widget(i)
            for kind, (name, key) in kinds.items():
                if isinstance(widget, kind):
                    tabs.append((name, getattr(widget, key)))
        return tabs, self.tabs.currentIndex()

    def reopen(self, tabs: list[tuple[str, int]], current: int) -> None:
        """Open again what ``opened`` listed, and bring the same tab to the front."""
        openers = {"report": self.open_report, "visit": self.open_visit, "person": self.open_person}
        for kind, key in tabs:
            openers[kind](key)
        if self.member.is_admin and current == 2:
            self.open_statistics()
        elif self.member.is_admin and current == 3:
            self.open_admin()
        elif 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def _close_tab(self, index: int) -> None:
        if index >= self.fixed:
            widget = self.tabs.widget(index)
            self.tabs.removeTab(index)
            widget.deleteLater()


class PeerStation(QMainWindow):
    """Sign-in, then the signed-in member's workspace until they sign out or leave it alone for
    ``idle_seconds``. ``session_started`` once the workspace is up; ``session_ended(reason)`` once
    it is gone ("asked" or "idle")."""

    session_started = Signal()
    session_ended = Signal(str)

    def __init__(self, services: PeerServices):
        super().__init__()
        self.services = services
        # The process's messages go back to their language when the station closes (a kiosk
        # that opened the station in its place goes on as it was).
        self._messages_language = i18n.current_language()
        services.speak_to(None)  # the sign-in screen is in the site's first language
        follow_language(services.language)
        self.setWindowTitle(t("station_title", services.language, site=services.config.site_name))
        look.apply(self)
        # 1280×820 where there is room; never more than the screen leaves free, so the status
        # line at the bottom ("Could not print: …") is always in view.
        screen = QApplication.primaryScreen()
        free = screen.availableGeometry().size() if screen is not None else None
        self.resize(min(1280, free.width()) if free else 1280, min(820, free.height()) if free else 820)
        if free is not None:
            self.setMaximumSize(free)
        self.stack = QStackedWidget()
        self.sign_in = SignInScreen(services)
        self.stack.addWidget(self.sign_in)
        self.setCentralWidget(self.stack)
        self.workspace: Workspace | None = None
        self.sign_in.signed_in.connect(self.start_session)
        self.idle = services.timers.timer(services.idle_seconds, lambda: self.end_session("idle"), self)
        # An account disabled or given another role meanwhile ends its session at the next
        # look (every service call checks it too: see roles.require).
        self.account_check = services.timers.timer(services.poll_seconds, self._check_account, self,
                                                   repeat=True)
        QApplication.instance().installEventFilter(self)
        # Unfinished visits are closed at closing time, then the nightly backup is made.
        self.closing = ClosingTimer(services.visits, services.config, self, services.timers)
        self.closing.start()
        # Reports owed to the health record go while the station is open, signed in or not.
        self.chart_sender: ChartSender | None = None
        if services.chart_outbox is not None:
            self.chart_sender = ChartSender(services.chart_outbox, services.chart_send_seconds, self,
                                            services.timers)
            self.chart_sender.round_done.connect(self._chart_round_done)
            self.chart_sender.start()
        # The clinic's schedule exports, when the site names a folder for them.
        self.schedule_watch = watch_schedule_folder(services, self)
        if self.schedule_watch is not None:
            self.schedule_watch.imported.connect(
                lambda results: self.workspace and self.workspace.today.appointments.imported(results))

    @property
    def member(self) -> StaffMember | None:
        return self.workspace.member if self.workspace else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.workspace is not None and event.type() in ACTIVITY:
            self.idle.start()
        return False

    def start_session(self, member: StaffMember) -> None:
        self._open_workspace(member)
        self.idle.start()
        self.account_check.start()
        self.session_started.emit()

    def _open_workspace(self, member: StaffMember) -> Workspace:
        # Every screen of the workspace, and the services' messages, in the member's language.
        self.services.speak_to(member)
        follow_language(self.services.language)
        self.workspace = Workspace(self.services, member)
        self.workspace.sign_out.connect(lambda: self.end_session("asked"))
        self.workspace.language_changed.connect(self.change_language)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.setWindowTitle(t("station_title", self.services.language,
                              site=self.services.config.site_name))
        return self.workspace

    def change_language(self, member: StaffMember) -> None:
        """The signed-in member chose another language (saved): the workspace is built again in
        it, with the same visits and people open and the same tab in front. The session goes on."""
        old = self.workspace
        if old is None or old.member.id != member.id:
            return
        tabs, current = old.opened()
        old.stop()
        self.stack.removeWidget(old)
        old.deleteLater()
        self._open_workspace(member).reopen(tabs, current)

    def _check_account(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return

        def checked(still) -> None:
            if still is None and self.workspace is workspace:
                self.end_session("account")

        in_background(self, lambda: staff.still_signed_in(workspace.member), checked,
                      lambda _: None, self.services.language)

    def end_session(self, reason: str = "asked") -> None:
        """Sign out: everything the staff member had open is destroyed, not just hidden."""
        workspace, self.workspace = self.workspace, None
        self.idle.stop()
        self.account_check.stop()
        if workspace is None:
            return
        workspace.stop()
        s, staff_id = self.services, workspace.member.id
        in_background(self, lambda: staff.sign_out(s.db, staff_id, reason=reason, clock=s.clock),
                      lambda _: None, lambda _: None)
        self.stack.removeWidget(workspace)
        workspace.deleteLater()
        s.speak_to(None)  # the sign-in screen, and its messages, in the site's first language
        minutes = max(1, int(s.idle_seconds // 60))
        follow_language(s.language)
        self.sign_in.reset(
            tn("station_signed_out_idle", minutes, s.language) if reason == "idle"
            else t("station_signed_out_account", s.language) if reason == "account" else "")
        self.setWindowTitle(t("station_title", s.language, site=s.config.site_name))
        self.stack.setCurrentWidget(self.sign_in)
        self.session_ended.emit(reason)

    def _chart_round_done(self) -> None:
        panel = self.workspace.health_record if self.workspace else None
        if panel is not None and panel.isVisible():
            panel.refresh()

    def closeEvent(self, event) -> None:
        if self.chart_sender is not None:
            self.chart_sender.stop()
        self.end_session("asked")
        i18n.set_language(self._messages_language)
        QApplication.instance().removeEventFilter(self)
        super().closeEvent(event)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
