"""What the screens' helpers (``VisitScreens``, ``SignInScreens``, ``StaffScreens``) may ask of
the kiosk window, and nothing more: the state a new screen is made in, putting a screen up,
the line about saving, and starting over. ``KioskWindow`` implements it; everything else of
the window (its stack, top bar, idle watch) stays its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from decisionaid.services.kiosk_flow import KioskFlow
    from decisionaid.ui.common.theme import Theme
    from decisionaid.ui.kiosk.resting import Resting
    from decisionaid.ui.kiosk.session import KioskServices


class KioskHost(Protocol):
    # --- the state a new screen is made in ------------------------------------------------------
    services: KioskServices | None  # None until the content and the database are open
    flow: KioskFlow | None  # what comes next (None with the services)
    language: str
    theme: Theme
    screen: QWidget | None  # the screen on show
    screen_name: str

    # --- screens --------------------------------------------------------------------------------
    def show_screen(self, screen: QWidget, name: str) -> None:
        """Put ``screen`` up; the one before goes (unless kept)."""

    def kept(self, key: str, make: Callable[[], QWidget]) -> QWidget:
        """The screen kept under ``key`` for refilling, made with ``make`` the first time."""

    def has_kept(self, key: str) -> bool: ...

    def drop_pool(self) -> None:
        """Destroy the kept screens (the visit is over)."""

    # --- the line about saving ------------------------------------------------------------------
    def tell(self, key: str | None) -> None:
        """Say ``key`` (a catalogue key) under the screen; None hides the line."""

    def hold(self, holding: bool) -> None:
        """While a slow save is on its way: "Saving…", the screen and the top bar greyed out;
        ``hold(False)`` lets go of ``hold_taps`` too."""

    def hold_taps(self, holding: bool) -> None:
        """From a save's start until its outcome: no taps on the screen or the top bar, with
        nothing on screen changed."""

    # "This kiosk is resting" while the database cannot be reached: ``check`` after a failed
    # save, ``lift`` after one that went through.
    resting: Resting

    # --- starting over --------------------------------------------------------------------------
    def go_welcome(self) -> None:
        """The welcome screen, the person still signed in (the library before sign-in)."""

    def reset(self) -> None:
        """Forget the person: every screen destroyed, the welcome screen."""

    def start_again(self) -> None:
        """After an unexpected error: ``reset``, saying so calmly."""
