"""What the kiosk needs from the rest of decisionaid, in one bundle the composition root builds.

The kiosk saves nothing itself: answers go through ``VisitService`` (each confirm is committed
before the next screen shows), profiles through ``ProfileService``. Staff accounts, the printer
and the page renderer are small interfaces so tests and the demo can hand in fakes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from decisionaid.config import Config

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the welcome screen is up
    from decisionaid.content.model import Content
    from decisionaid.services.profiles import ProfileService
    from decisionaid.services.visits import VisitService


class StaffAuthError(Exception):
    """The staff name or PIN was not accepted (or the account is locked): ``str()`` says which
    in words fit to show on the kiosk."""


class StaffAuth(Protocol):
    """Checks a staff member's name and PIN; returns something naming them, or raises
    ``StaffAuthError``. Five wrong PINs lock the account (the implementation's rule)."""

    def verify(self, name: str, pin: str) -> object: ...


class NoStaffAccounts:
    """Used until staff accounts exist: every staff sign-in is refused with the way out."""

    def verify(self, name: str, pin: str) -> object:
        raise StaffAuthError("No staff accounts yet: an admin adds them with 'decisionaid staff add'.")


class Printer(Protocol):
    """Sends a PDF to the printer. Raises ``OSError`` (with a reason for the log) on failure.
    Called off the UI thread."""

    def print_pdf(self, pdf: bytes, title: str) -> None: ...


PageMaker = Callable[[int], bytes]  # visit id -> the one-page PDF; called off the UI thread


@dataclass
class KioskServices:
    config: Config
    content: Content
    visits: VisitService
    profiles: ProfileService
    printer: Printer
    make_page: PageMaker
    staff: StaffAuth = field(default_factory=NoStaffAccounts)
    test_page: Callable[[], bytes] | None = None


def page_maker(config: Config, visits: VisitService) -> PageMaker:
    """The one-page report of a stored visit, from the visit service and the report package."""

    def make(visit_id: int) -> bytes:
        from decisionaid.services.visit_report import report_pdf

        return report_pdf(visits, visit_id, config.site_name, config.paper)

    return make


def test_page_pdf(config: Config) -> bytes:
    """A one-page PDF that says which kiosk printed it: for checking the printer."""
    import io
    from datetime import datetime

    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    size = A4 if config.paper == "a4" else LETTER
    canvas = Canvas(out, pagesize=size)
    canvas.setFont("Helvetica-Bold", 28)
    canvas.drawString(72, size[1] - 120, "decisionaid test page")
    canvas.setFont("Helvetica", 16)
    canvas.drawString(72, size[1] - 160, config.site_name)
    canvas.drawString(72, size[1] - 190, datetime.now().strftime("%Y-%m-%d %H:%M"))
    canvas.rect(72, 72, size[0] - 144, size[1] - 300)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def open_services(config: Config, *, printer: Printer | None = None, staff: StaffAuth | None = None,
                  hasher=None) -> tuple[KioskServices, object]:
    """Content, database and services as the configuration says; returns (services, database).

    Bad content raises ``UserError`` naming the first FILE:LINE; a database that cannot be
    opened raises the storage layer's one-line ``DatabaseError``.
    """
    from decisionaid.content.loader import ContentErrors, load_content
    from decisionaid.errors import UserError
    from decisionaid.services.profiles import ProfileService
    from decisionaid.services.visits import VisitService
    from decisionaid.storage import open_database

    try:
        content = load_content(config.content_dir, config.languages)
    except ContentErrors as e:
        raise UserError(f"the kiosk cannot start: the content has a problem: {e}") from None
    db = open_database(config)
    visits = VisitService(db, content)
    profiles = ProfileService(db, hasher=hasher) if hasher else ProfileService(db)
    if printer is None:
        printer = default_printer(config)
    services = KioskServices(
        config=config, content=content, visits=visits, profiles=profiles, printer=printer,
        make_page=page_maker(config, visits), staff=staff or StaffAccounts(db, hasher),
    )
    return services, db


class StaffAccounts:
    """Staff sign-in at the kiosk through the staff service (argon2 PINs, 5 failures lock)."""

    def __init__(self, db, hasher=None):
        self.db = db
        self.hasher = hasher

    def verify(self, name: str, pin: str) -> object:
        from decisionaid.services import staff

        try:
            return staff.sign_in(self.db, name, pin, actor="kiosk", hasher=self.hasher)
        except staff.StaffError as e:
            raise StaffAuthError(str(e)) from None


class ReportPrinter:
    """The report package's printer (CUPS ``lp``) behind the kiosk's ``print_pdf``."""

    def __init__(self, printer):
        self.printer = printer

    def print_pdf(self, pdf: bytes, title: str) -> None:
        import tempfile
        from pathlib import Path

        from decisionaid.errors import UserError

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "page.pdf"
            path.write_bytes(pdf)
            try:
                self.printer.check()
                self.printer.submit(path, title)
            except UserError as e:
                raise OSError(str(e)) from None


def default_printer(config: Config) -> Printer:
    """CUPS (``lp``) where it is installed, else Qt's own printing."""
    import shutil

    if shutil.which("lp"):
        from decisionaid.report.printing import CupsPrinter

        return ReportPrinter(CupsPrinter(config.printer))
    from decisionaid.ui.common.printing import QtPrinter

    return QtPrinter(config.printer, config.paper)
