"""The staff corner on the kiosk: a staff name and PIN, then the staff menu (check the machine,
print a test page, open the peer station, close the kiosk, or go back where the person was)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from decisionaid.ui.common.operations import run_in_background
from decisionaid.ui.kiosk.visit_screens import calm

if TYPE_CHECKING:
    from collections.abc import Callable

    from decisionaid.config import Config
    from decisionaid.services.clock import Timers
    from decisionaid.services.kiosk_flow import Show
    from decisionaid.ui.kiosk.host import KioskHost
    from decisionaid.ui.kiosk.staff_screen import StaffScreen


class StaffScreens:
    """The staff corner on ``host``. Going back shows where the person was (``show``);
    ``leave`` closes the kiosk, after ``open_peer_station`` when that is asked for."""

    def __init__(self, host: KioskHost, *, config: Config, show: Callable[[Show], None],
                 leave: Callable[[], None], open_peer_station: Callable[[], None] | None,
                 timers: Timers):
        self.host = host
        self.config = config
        self.timers = timers  # the window's: the machine checks' waits run on them
        self._show = show
        self._leave = leave
        self._open_peer_station = open_peer_station

    def start_again(self) -> None:
        self.host.start_again()

    def show(self) -> None:
        from decisionaid.ui.kiosk.staff_screen import StaffScreen

        screen = StaffScreen(self.host.language, self.host.theme)
        screen.cancelled.connect(self._leave_staff)
        staff = self.host.services.staff

        def failed(error: Exception) -> None:
            from decisionaid.ui.kiosk.session import StaffAuthError

            screen.refused(str(error) if isinstance(error, StaffAuthError) else "")

        screen.submitted.connect(
            lambda name, pin: run_in_background(lambda: staff.verify(name, pin), lambda _s: screen.accepted(), failed, screen)
        )
        screen.leave.connect(self._leave)
        screen.open_peer.connect(self._open_peer)
        screen.test_page.connect(lambda: self._test_page(screen))
        screen.check_machine.connect(lambda: self._check_machine(screen))
        self.host.show_screen(screen, "staff")

    @calm
    def _leave_staff(self) -> None:
        if self.host.flow is None:
            self.host.reset()
        else:
            self._show(self.host.flow.after_staff())

    def _open_peer(self) -> None:
        if self._open_peer_station is not None:
            self._open_peer_station()
        self._leave()

    def _test_page(self, screen: StaffScreen) -> None:
        from decisionaid.ui.kiosk.session import test_page_pdf

        printer = self.host.services.printer
        run_in_background(lambda: printer.print_pdf(test_page_pdf(self.config), "test page"),
                          lambda _r: screen.tell("test_page_sent"), lambda e: screen.tell(str(e)), screen)

    def _check_machine(self, screen: StaffScreen) -> None:
        """The 'decisionaid doctor' lines: the plain checks off the UI thread, then the speech,
        media and screen checks, which need Qt, on it."""
        from decisionaid.services.doctor import run_checks
        from decisionaid.ui.common.doctor import QT_CHECKS

        config, timers = self.config, self.timers

        def done(findings) -> None:
            for check in QT_CHECKS:
                findings += check(config, timers)
            screen.show_checks([f.line() for f in findings])

        run_in_background(lambda: run_checks(config=config), done,
                          lambda e: screen.show_checks([str(e)]), screen)
