"""How the kiosk looks: text sizes, touch target sizes and the two style sheets.

Sizes are set for a 1080-pixel-high screen and scaled to the real one. The base text is 20 pt at
1080p in the smallest of the three text sizes a user can pick; every touch target is at least
48 px in both directions (most are far larger). Style sheets live in ``assets/styles/`` as
templates: ``$base``, ``$large`` and the other names below are filled in here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from string import Template

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from decisionaid.resources import assets_dir

ASSETS = assets_dir()  # the source tree's assets/ in a checkout, the package's copy when installed
STYLES = ASSETS / "styles"
FONTS = ASSETS / "fonts"

TEXT_SIZES = ("normal", "large", "largest")
_TEXT_FACTOR = {"normal": 1.0, "large": 1.2, "largest": 1.4}
BASE_PT = 20.0  # body text at 1080p, "normal" size
MIN_TARGET_PX = 48
FONT_FAMILY = "DejaVu Sans"

_fonts_loaded = False


SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core


def load_fonts() -> str:
    """Registers the shipped font with Qt (once) so every machine draws the same letters; a
    system that has the same font installed already (most Debian machines) needs nothing, and
    the kiosk's first screen comes up a little sooner."""
    global _fonts_loaded
    if not _fonts_loaded:
        for file in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
            if (FONTS / file).is_file() and not (SYSTEM_FONTS / file).is_file():
                QFontDatabase.addApplicationFont(str(FONTS / file))
        _fonts_loaded = True
    return FONT_FAMILY


def screen_scale(height_px: int | None = None, width_px: int | None = None) -> float:
    """How much larger than a 1080p screen this one is (never below 0.6 or above 2.5). A
    narrow screen (portrait) counts as smaller: the layouts need about 1280 px across at 1.0."""
    if height_px is None:
        screen = QGuiApplication.primaryScreen()
        height_px = screen.geometry().height() if screen else 1080
        width_px = screen.geometry().width() if screen else 1920
    scale = height_px / 1080
    if width_px is not None:
        scale = min(scale, width_px / 1280)
    return max(0.6, min(2.5, scale))


@dataclass(frozen=True)
class Theme:
    """One look: a text size, normal or high contrast, and the screen scale."""

    text_size: str = "normal"
    high_contrast: bool = False
    scale: float = 1.0

    def __post_init__(self):
        if self.text_size not in TEXT_SIZES:
            raise ValueError(f"text size must be one of {', '.join(TEXT_SIZES)}")

    def with_text_size(self, text_size: str) -> Theme:
        return replace(self, text_size=text_size)

    def with_contrast(self, high: bool) -> Theme:
        return replace(self, high_contrast=high)

    # --- sizes ---------------------------------------------------------------------------------
    def pt(self, role: str = "base") -> float:
        """A text size in points: base, small, large (questions), title."""
        factor = {"small": 0.9, "base": 1.0, "large": 1.25, "title": 1.5, "huge": 2.0}[role]
        return round(BASE_PT * _TEXT_FACTOR[self.text_size] * self.scale * factor, 1)

    def px(self, at_1080p: int) -> int:
        """A length in pixels, scaled to the screen."""
        return round(at_1080p * self.scale)

    def target(self, at_1080p: int) -> int:
        """A touch target's size in pixels, scaled to the screen and never below 48 px."""
        return max(MIN_TARGET_PX, self.px(at_1080p))

    @property
    def target_px(self) -> int:
        """The height of an ordinary button: grows with the text so labels never clip."""
        return self.target(round(80 * (0.85 + 0.15 * _TEXT_FACTOR[self.text_size])))

    @property
    def key_px(self) -> int:
        """The height of an on-screen keyboard key: five rows must fit under a question."""
        return self.target(round(58 * (1 + 0.05 * TEXT_SIZES.index(self.text_size))))

    @property
    def pad_px(self) -> int:
        """The height of a number-pad key (PINs and years)."""
        # Not taller with larger text: the digits fit, and a PIN pad must fit under its
        # question on a 1024×768 screen at the largest text.
        return self.target(84)

    @property
    def background(self) -> str:
        """The screens' background colour (as in the style sheets): fades blend into it."""
        return "#000000" if self.high_contrast else "#f6f3ec"

    # --- style sheet ---------------------------------------------------------------------------
    def style_sheet(self) -> str:
        name = "high-contrast.qss" if self.high_contrast else "normal.qss"
        template = Template((STYLES / name).read_text(encoding="utf-8"))
        return template.substitute(
            font=FONT_FAMILY,
            small=self.pt("small"),
            base=self.pt("base"),
            large=self.pt("large"),
            title=self.pt("title"),
            huge=self.pt("huge"),
            target=self.target_px,
            key=self.key_px,
            padkey=self.pad_px,
            barbutton=self.target(54),
            barfont=round(BASE_PT * self.scale * 0.85, 1),
            row=self.target(round(88 * _TEXT_FACTOR[self.text_size])),
            pad=self.px(24) // 2,
            radius=max(8, round(14 * self.scale)),
            border=max(2, round(3 * self.scale)),
            thick=max(4, round(6 * self.scale)),
            bar=max(12, round(20 * self.scale)),
            scrollbar=self.target(48),
            check=max(28, round(36 * self.scale * _TEXT_FACTOR[self.text_size])),
            # The top bar's "A" buttons: the same in every text size, as narrow as a finger
            # needs (the bar holds one row of buttons on a 1024 px screen).
            **{f"a_{size}": round(self.scale * 17 * (1 + 0.3 * i)) for i, size in enumerate(TEXT_SIZES)},
            a_width=self.target(64),
        )

    def apply(self, app: QApplication | None = None) -> None:
        app = app or QApplication.instance()
        family = load_fonts()
        font = QFont(family)
        font.setPointSizeF(self.pt("base"))
        app.setFont(font)
        app.setStyleSheet(self.style_sheet())
        global _looks_applied
        _looks_applied += 1


_looks_applied = 0


def looks_applied() -> int:
    """How many times a look has been applied: a picture of a widget drawn under an earlier
    look is out of date."""
    return _looks_applied
