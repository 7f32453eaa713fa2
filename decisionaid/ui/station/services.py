"""What the peer station needs from the rest of decisionaid, in one bundle built from the app
(``decisionaid.app.open_app``), and the small facades tests replace (dialogs, printer, sound)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget

from decisionaid import i18n
from decisionaid.app import App
from decisionaid.config import Config
from decisionaid.content.model import Content
from decisionaid.services.appointments import Appointments
from decisionaid.services.chart_outbox import ChartOutbox
from decisionaid.services.clock import Clock, Timers, utc_now
from decisionaid.services.desk import Desk
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.pins import PinHasher
from decisionaid.services.staff import IDLE_SIGN_OUT, StaffMember
from decisionaid.services.visits import VisitService
from decisionaid.storage import Database
from decisionaid.ui.common.timers import QtTimers


class Printer(Protocol):
    """Sends a PDF to the printer; raises ``OSError`` saying why it could not. Called off the
    UI thread."""

    def print_pdf(self, pdf: bytes, title: str) -> None: ...


class Dialogs:
    """Questions the station asks with a modal box; tests replace this so none ever blocks."""

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, parent: QWidget, title: str, text: str) -> str | None:
        """What the user typed, or None if they cancelled."""
        typed, ok = QInputDialog.getText(parent, title, text)
        return typed if ok else None

    def save_file(self, parent: QWidget, title: str, suggested: str, kinds: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
        return Path(path) if path else None


def alert_sound() -> None:
    """A short sound to turn heads; silently nothing where there is no audio."""
    with contextlib.suppress(Exception):
        QApplication.beep()


def render_pages(pdf: bytes, dpi: int = 80) -> list[bytes]:
    """The PDF's pages as PNG bytes (for the report preview), via poppler's pdftoppm.
    Raises ``OSError`` if it is not installed. Runs off the UI thread."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise OSError("the report preview needs pdftoppm (Debian package poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run([tool, "-png", "-r", str(dpi), str(source), str(Path(tmp) / "page")],
                       check=True, capture_output=True, timeout=30)
        return [p.read_bytes() for p in sorted(Path(tmp).glob("page*.png"))]


@dataclass
class PeerServices:
    config: Config
    content: Content
    db: Database
    visits: VisitService
    queries: PeerQueries
    printer: Printer
    make_page: Callable[[int], bytes]  # visit id -> the one-page report PDF (off the UI thread)
    hasher: PinHasher | None = None  # None: the production argon2id parameters
    clock: Clock = utc_now
    dialogs: Dialogs = field(default_factory=Dialogs)
    sound: Callable[[], None] = alert_sound
    render_pages: Callable[[bytes], list[bytes]] = render_pages
    idle_seconds: float = IDLE_SIGN_OUT.total_seconds()
    poll_seconds: float = 2
    # What is owed to the clinic's health record, and how often the station sends it; None:
    # no health record is configured.
    chart_outbox: ChartOutbox | None = None
    chart_send_seconds: float = 30
    timers: Timers = field(default_factory=lambda: QtTimers())  # tests: FakeTime
    # The signed-in staff member's own language while their workspace is open (see speak_to).
    staff_language: str | None = None

    @property
    def language(self) -> str:
        """The language the station speaks now: the signed-in staff member's own, else (the
        sign-in screen, an account without one) the site's first."""
        chosen = self.staff_language
        return chosen if chosen in self.config.languages else self.config.languages[0]

    def speak_to(self, member: StaffMember | None) -> None:
        """From now on speak ``member``'s language (None: nobody is signed in, the site's
        first), in the station's own words and in the messages of the services it calls."""
        self.staff_language = member.language if member is not None else None
        i18n.set_language(self.language)
        self.queries.language = self.language  # the content's questions and answers too

    @property
    def appointments(self) -> Appointments:
        """Today's appointments: linking visits, marking arrivals, importing the schedule."""
        return Appointments(self.db, clock=self.clock)

    def desk(self) -> Desk:
        """The prescriber's desk: today's reports, one opened, saved as PDF."""
        return Desk(self.db, self.visits, self.queries, self.make_page, clock=self.clock)


def station_services(app: App, **overrides) -> PeerServices:
    """The peer station's bundle from the app: its printer (or the system's), its clock and
    PIN hasher; ``overrides`` replace any field (idle time, dialogs, sound in tests)."""
    if "printer" not in overrides:
        from decisionaid.ui.common.printing import default_printer

        overrides["printer"] = app.printer if app.printer is not None else default_printer(app.config)
    if "chart_outbox" not in overrides and app.config.health_record.destinations:
        overrides["chart_outbox"] = app.chart_outbox
    return PeerServices(
        **{
            "config": app.config, "content": app.content, "db": app.db, "visits": app.visits,
            "queries": app.queries, "make_page": app.report_pdf, "hasher": app.hasher,
            "clock": app.clock, "timers": app.timers or QtTimers(), **overrides,
        }
    )
