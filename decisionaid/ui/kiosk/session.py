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
    from decisionaid.app import App
    from decisionaid.content.model import Content
    from decisionaid.services.help import HelpRequests
    from decisionaid.services.help_outbox import HelpOutbox
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
    # The same page in the language the person answered in (the one above is the prescriber's).
    make_own_page: PageMaker | None = None
    # "I'd like help": requests the peer station shows (None: the button is not offered).
    help: HelpRequests | None = None
    # Where calls for a peer worker wait on this kiosk's disk while the database is away.
    outbox: HelpOutbox | None = None
    # The page as the waiting room may see it on the screen (no alerts box); None: the
    # prescriber's page is shown.
    make_preview: PageMaker | None = None


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
                  hasher=None, clock=None) -> tuple[KioskServices, App]:
    """The app (``decisionaid.app.open_app``) and the kiosk's bundle built from it; returns
    (services, app): close the app when the kiosk is done.

    Bad content raises ``UserError`` naming the first FILE:LINE; a database that cannot be
    opened raises the storage layer's one-line ``DatabaseError``.
    """
    from decisionaid.app import open_app

    app = open_app(config, printer=printer, staff=staff, hasher=hasher, clock=clock)
    return kiosk_services(app), app


def kiosk_services(app: App) -> KioskServices:
    """What the kiosk needs, from the app: the printer and staff sign-in it was handed, or
    the real ones."""
    from decisionaid.ui.common.printing import default_printer

    return KioskServices(
        config=app.config, content=app.content, visits=app.visits, profiles=app.profiles,
        printer=app.printer if app.printer is not None else default_printer(app.config), make_page=app.kiosk_report_pdf,
        staff=app.staff if app.staff is not None else StaffAccounts(app.db, app.hasher),
        make_own_page=app.own_language_pdf, help=app.help, outbox=app.help_outbox,
        make_preview=app.room_preview_pdf,
    )


class StaffAccounts:
    """Staff sign-in at the kiosk through the staff service (argon2 PINs, 5 failures lock)."""

    def __init__(self, db, hasher=None):
        self.db = db
        self.hasher = hasher

    def verify(self, name: str, pin: str) -> object:
        from decisionaid.services import staff

        try:
            return staff.sign_in(self.db, name, pin, actor="kiosk", hasher=self.hasher,
                                 for_peer_work=True)
        except staff.StaffError as e:
            raise StaffAuthError(str(e)) from None
