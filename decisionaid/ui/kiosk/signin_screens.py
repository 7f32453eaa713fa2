"""The sign-in screens on the kiosk window: the person's own sign-in and sign-up, and a peer
worker's. What each answer from the profile service leads to is the flow's rule
(``sign_in_outcome``, ``sign_up_outcome``, ``peer_find_outcome`` in services/kiosk_flow.py); the
work runs off the screen's thread.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from decisionaid.ui.common.operations import run_in_background

if TYPE_CHECKING:
    from collections.abc import Callable

    from decisionaid.ui.kiosk.host import KioskHost
    from decisionaid.ui.kiosk.peer_signin_screen import PeerSignInScreen

log = logging.getLogger("decisionaid.ui.kiosk.window")


class SignInScreens:
    """The sign-in screens on ``host``; a person found or made goes on to ``start_visit``."""

    def __init__(self, host: KioskHost, *, today: Callable[[], date],
                 start_visit: Callable[[object], None]):
        self.host = host
        self.today = today
        self.start_visit = start_visit

    def sign_in(self) -> None:
        from decisionaid.ui.kiosk.signin_screen import SignInScreen

        screen = SignInScreen(self.host.language, self.host.theme, self.today)
        screen.cancelled.connect(self.host.reset)
        screen.submitted.connect(lambda name, born, pin: self._sign_in(screen, name, born, pin))
        self.host.show_screen(screen, "sign_in")

    def _sign_in(self, screen, name: str, born: date, pin: str) -> None:
        profiles = self.host.services.profiles

        from decisionaid.services.kiosk_flow import sign_in_outcome

        def done(result) -> None:
            outcome = sign_in_outcome(result)
            if outcome.action == "start":
                self.start_visit(outcome.profile)
            elif outcome.key in ("locked", "held"):
                screen.locked(outcome.key)
            else:
                screen.not_matched()

        run_in_background(lambda: profiles.sign_in(name, born, pin), done,
                          lambda e: self._trouble(screen, e), screen)

    def first_time(self) -> None:
        from decisionaid.ui.kiosk.first_time_screen import FirstTimeScreen

        screen = FirstTimeScreen(self.host.language, self.host.theme, self.today)
        screen.cancelled.connect(self.host.reset)
        screen.guest.connect(lambda: self.start_visit(None))
        screen.create.connect(lambda name, born, pin: self._create(screen, name, born, pin))
        self.host.show_screen(screen, "first_time")

    def _create(self, screen, name: str, born: date, pin: str) -> None:
        """Sign-up on the person's own: never says whether the details or the PIN are taken
        (see services/profiles.py); the only refusal is the pause after too many tries."""
        profiles, language = self.host.services.profiles, self.host.language

        from decisionaid.services.kiosk_flow import sign_up_outcome

        def done(result) -> None:
            outcome = sign_up_outcome(result)
            if outcome.action == "start":
                self.start_visit(outcome.profile)
            else:
                screen.refused(outcome.key)

        run_in_background(lambda: profiles.sign_up(name, born, pin, language), done,
                          lambda e: self._trouble(screen, e), screen)

    def _peer_create(self, screen, name: str, born: date, pin: str) -> None:
        """Sign-up with a peer worker there: a PIN another person with the same details has is
        refused openly, as the peer can see who is signing up."""
        profiles, language = self.host.services.profiles, self.host.language

        from decisionaid.services.profiles import ProfileError

        def failed(error: Exception) -> None:
            if isinstance(error, ProfileError):
                screen.refused("pin_taken")
            else:
                self._trouble(screen, error)

        run_in_background(
            lambda: profiles.create(name, born, pin, language, staff_id=screen.staff_id),
            self.start_visit, failed, screen)

    def peer_sign_in(self) -> None:
        from decisionaid.ui.kiosk.peer_signin_screen import PeerSignInScreen

        screen = PeerSignInScreen(self.host.language, self.host.theme, self.today)
        screen.cancelled.connect(self.host.reset)
        staff = self.host.services.staff

        def staff_checked(member) -> None:
            screen.staff_id = getattr(member, "id", None)
            screen.staff_accepted()

        def staff_failed(error: Exception) -> None:
            from decisionaid.ui.kiosk.session import StaffAuthError  # not before the first paint

            if isinstance(error, StaffAuthError):
                screen.staff_refused(str(error) or "")
            else:
                self._trouble(screen, error)

        screen.staff_submitted.connect(
            lambda name, pin: run_in_background(lambda: staff.verify(name, pin), staff_checked, staff_failed, screen)
        )
        screen.guest.connect(lambda: self.start_visit(None))
        screen.find.connect(lambda name, born: self._peer_find(screen, name, born))
        screen.find_with_pin.connect(lambda name, born, pin: self._peer_find(screen, name, born, pin))
        screen.create.connect(lambda name, born, pin: self._peer_create(screen, name, born, pin))
        screen.pin_chosen.connect(lambda pin: self._choose_pin(screen, pin))
        self.host.show_screen(screen, "peer_sign_in")

    def _peer_find(self, screen: PeerSignInScreen, name: str, born: date, pin: str | None = None) -> None:
        profiles, staff_id = self.host.services.profiles, screen.staff_id

        from decisionaid.services.kiosk_flow import peer_find_outcome

        def done(result) -> None:
            outcome = peer_find_outcome(result, with_pin=pin is not None)
            if outcome.action == "choose_pin":
                screen.choose_new_pin(outcome.profile)  # after a reset at the peer station
            elif outcome.action == "start":
                self.start_visit(outcome.profile)
            elif outcome.action == "needs_pin":
                screen.needs_pin()
            else:
                screen.refused(outcome.key)

        if pin is None:
            work = lambda: profiles.peer_find(name, born, staff_id=staff_id)  # noqa: E731
        else:
            work = lambda: profiles.peer_sign_in(name, born, pin, staff_id=staff_id)  # noqa: E731
        run_in_background(work, done, lambda e: self._trouble(screen, e), screen)

    def _choose_pin(self, screen: PeerSignInScreen, pin: str) -> None:
        profiles, profile = self.host.services.profiles, screen.profile

        from decisionaid.services.profiles import ProfileError

        def failed(error: Exception) -> None:
            if isinstance(error, ProfileError):
                screen.refused("pin_taken")
            else:
                self._trouble(screen, error)

        run_in_background(lambda: profiles.choose_pin(profile.id, pin, staff_id=screen.staff_id),
                          self.start_visit, failed, screen)

    def _trouble(self, screen, error: Exception) -> None:
        log.error("kiosk action failed: %s", type(error).__name__)
        self.host.tell("save_problem")
