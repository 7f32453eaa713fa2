"""The staff corner on the kiosk: a staff name and PIN, then the staff menu (check the machine,
print a test page, open the peer station, close the kiosk, or go back where the person was)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from decisionaid.ui.common.operations import run_in_background
from decisionaid.ui.kiosk.session import StaffAuthError
from decisionaid.ui.kiosk.visit_screens import calm

if TYPE_CHECKING:
    from decisionaid.ui.kiosk.staff_screen import StaffScreen


class StaffScreens:
    def __init__(self, window):
        self.window = window

    def start_again(self) -> None:
        self.window.start_again()

    def show(self) -> None:
        from decisionaid.ui.kiosk.staff_screen import StaffScreen

        screen = StaffScreen(self.window.language, self.window.theme)
        screen.cancelled.connect(self._leave_staff)
        staff = self.window.services.staff

        def failed(error: Exception) -> None:
            screen.refused(str(error) if isinstance(error, StaffAuthError) else "")

        screen.submitted.connect(
            lambda name, pin: run_in_background(lambda: staff.verify(name, pin), lambda _s: screen.accepted(), failed, screen)
        )
        screen.leave.connect(self.window.leave)
        screen.open_peer.connect(self._open_peer)
        screen.test_page.connect(lambda: self._test_page(screen))
        screen.check_machine.connect(lambda: self._check_machine(screen))
        self.window.show_screen(screen, "staff")

    @calm
    def _leave_staff(self) -> None:
        if self.window.flow is None:
            self.window.reset()
        else:
            self.window.visit_screens.show(self.window.flow.after_staff())

    def _open_peer(self) -> None:
        if self.window.open_peer_station is not None:
            self.window.open_peer_station()
        self.window.leave()

    def _test_page(self, screen: StaffScreen) -> None:
        from decisionaid.ui.kiosk.session import test_page_pdf

        printer = self.window.services.printer
        run_in_background(lambda: printer.print_pdf(test_page_pdf(self.window.config), "test page"),
                          lambda _r: screen.tell("test_page_sent"), lambda e: screen.tell(str(e)), screen)

    def _check_machine(self, screen: StaffScreen) -> None:
        """The 'decisionaid doctor' lines: the plain checks off the UI thread, then the speech,
        media and screen checks, which need Qt, on it."""
        from decisionaid.services.doctor import run_checks
        from decisionaid.ui.common.doctor import QT_CHECKS

        config = self.window.config

        def done(findings) -> None:
            for check in QT_CHECKS:
                findings += check(config)
            screen.show_checks([f.line() for f in findings])

        run_in_background(lambda: run_checks(config=config), done,
                          lambda e: screen.show_checks([str(e)]), screen)
