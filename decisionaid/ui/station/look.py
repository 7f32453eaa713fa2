"""The peer station's look: the kiosk's font and palette (``assets/styles/station.qss``), at
desktop sizes. Set on the station's window, so a kiosk in the same process keeps its own."""

from __future__ import annotations

from string import Template

from PySide6.QtWidgets import QWidget

from decisionaid.ui.common.theme import FONT_FAMILY, STYLES, load_fonts

BASE_PT = 10.5  # body text: a desktop screen read from arm's length

# The Today board's marks, shared by its rows and the prescriber's list.
SAFETY_BG, SAFETY_FG = "#b00020", "#ffffff"  # red until someone has checked in
CONCERN_BG, CONCERN_FG = "#fff4d6", "#7a4d00"  # marked, not alarming (the kiosk's notice colour)
DONE_FG = "#3d4a57"


def style_sheet(base_pt: float = BASE_PT) -> str:
    template = Template((STYLES / "station.qss").read_text(encoding="utf-8"))
    return template.substitute(
        font=FONT_FAMILY,
        base=base_pt,
        large=round(base_pt * 1.35, 1),
        title=round(base_pt * 1.7, 1),
        button=30,
        field=26,
        radius=8,
        small_radius=5,
        check=16,
    )


def apply(window: QWidget) -> None:
    load_fonts()
    window.setStyleSheet(style_sheet())


def role(widget: QWidget, name: str) -> QWidget:
    """Give ``widget`` a look from the style sheet (title, heading, subheading, quiet,
    primary)."""
    widget.setProperty("role", name)
    return widget
