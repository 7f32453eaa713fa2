"""The kiosk's building blocks: a screen base that re-translates itself, big buttons, the
navigation row, progress, the read-aloud button and the top bar.

Text on a screen is bound to a function of the language, so switching language at any moment
re-words the screen in place without losing what the user has chosen or typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from decisionaid.content import emphasis
from decisionaid.ui.common.strings import LANGUAGE_NAMES, t
from decisionaid.ui.common.theme import ASSETS, TEXT_SIZES, Theme

Wording = Callable[[str], str]

# The welcome screen is drawn before PySide6's ``Qt`` namespace is first touched: building its
# ninety-odd Python enums takes about 20 ms, an eighth of the kiosk's start (bench_kiosk). So
# what is made before that first paint sets Qt's values through Qt's property system, and only
# the screens shown after it import ``Qt``. (tests/ui/test_kiosk_start.py checks both.)
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
RICH_TEXT = 1  # Qt.TextFormat.RichText
NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus
ALIGN_CENTER = 0x84  # Qt.AlignmentFlag.AlignCenter


def wording(key: str, **values: object) -> Wording:
    return lambda language: t(key, language, **values)


def label(role: str = "", text: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setProperty("textFormat", PLAIN_TEXT)
    if role:
        widget.setProperty("role", role)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


class ContentLabel(QLabel):
    """A label for text from the content files, where ``**bold**`` is shown bold.

    Only a text with emphasis is set as rich text, and then with everything but the bold
    escaped (a text can never inject markup). ``text()`` gives the words without the marks,
    so what "Read to me" reads and a screen reader's name never say "asterisk"."""

    def setText(self, text: str) -> None:
        self._words = emphasis.plain(text)
        if emphasis.has_emphasis(text):
            self.setProperty("textFormat", RICH_TEXT)
            super().setText(emphasis.html(text))
        else:
            self.setProperty("textFormat", PLAIN_TEXT)
            super().setText(self._words)
        self.setAccessibleName(self._words)

    def text(self) -> str:
        return getattr(self, "_words", super().text())


def content_label(role: str = "", text: str = "", wrap: bool = True) -> ContentLabel:
    widget = ContentLabel()
    widget.setWordWrap(wrap)
    widget.setText(text)
    if role:
        widget.setProperty("role", role)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


def button(role: str = "", text: str = "", name: str = "", kind: type[QPushButton] = QPushButton) -> QPushButton:
    widget = kind(text)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    # Touch: a press never leaves a focus ring behind, and the on-screen keys keep the cursor
    # in the text box.
    widget.setProperty("focusPolicy", NO_FOCUS)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


def repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def centred(widget: QLabel) -> QLabel:
    widget.setProperty("alignment", ALIGN_CENTER)
    return widget


# Arrows and marks that decorate a button's words: drawn, not said ("Next ▶" is "Next").
DECORATIONS = "\u25c0\u25b6\u25b2\u25bc\u25cf\u25cb\u2610\u2611\u25c9\u275a\u21ba "


def show_words(widget: QLabel | QAbstractButton, text: str) -> None:
    """Put ``text`` on ``widget``; a button is named for a screen reader without the arrows."""
    widget.setText(text)
    if isinstance(widget, QAbstractButton):
        widget.setAccessibleName(text.strip(DECORATIONS))


class NamedButton(QPushButton):
    """A button whose words, set any time, are also its screen-reader name, without the
    drawn arrows ("▶  Play" is "Play")."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleName(text.strip(DECORATIONS))


def at_right(widget: QWidget) -> QHBoxLayout:
    """A row holding ``widget`` against its right edge."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(widget)
    return row


class Screen(QFrame):
    """One kiosk screen. Subclasses bind their texts with ``worded`` and may offer ``spoken_text``
    (what "Read to me" reads)."""

    def __init__(self, language: str, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("screen", True)  # a QFrame: the style sheet's background is drawn
        self.language = language
        self.theme = theme
        self._texts: list[tuple[QWidget, Wording]] = []

    def worded(self, widget: QLabel | QAbstractButton, text: Wording | str) -> QWidget:
        fn: Wording = text if callable(text) else wording(text)
        show_words(widget, fn(self.language))
        self._texts.append((widget, fn))
        return widget

    def unworded(self, widget: QWidget) -> None:
        """Forget a widget bound with ``worded`` (it is being taken off the screen)."""
        self._texts = [(w, fn) for w, fn in self._texts if w is not widget]

    def retranslate(self, language: str) -> None:
        self.language = language
        for widget, fn in self._texts:
            show_words(widget, fn(language))
        self.on_language(language)

    def on_language(self, language: str) -> None:
        """Re-word anything not bound with ``worded`` (content texts)."""

    def spoken_text(self) -> str:
        return ""

    def page_layout(self) -> QVBoxLayout:
        layout = QVBoxLayout(self)
        side = self.theme.px(56)
        layout.setContentsMargins(side, self.theme.px(20), side, self.theme.px(24))
        layout.setSpacing(self.theme.px(18) // 2)
        return layout


class NavBar(QWidget):
    """Back, Skip and Next along the bottom, in the same places on every screen."""

    back = Signal()
    skip = Signal()
    next = Signal()

    def __init__(self, screen: Screen, *, skip: bool = True, next_key: str = "next",
                 back_key: str = "back", skip_key: str = "skip"):
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, screen.theme.px(8), 0, 0)
        row.setSpacing(screen.theme.px(24))
        self.back_button = screen.worded(button("quiet", name="back"), wording_arrow(back_key, left=True))
        self.skip_button = screen.worded(button("", name="skip"), skip_key)
        self.next_button = screen.worded(button("primary", name="next"), wording_arrow(next_key))
        for b in (self.back_button, self.skip_button, self.next_button):
            b.setMinimumWidth(screen.theme.px(260))
        row.addWidget(self.back_button, 1)
        row.addStretch(1)
        row.addWidget(self.skip_button, 1)
        row.addStretch(1)
        row.addWidget(self.next_button, 2)
        self.skip_button.setVisible(skip)
        self.back_button.clicked.connect(self.back)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.next)


def wording_arrow(key: str, left: bool = False) -> Wording:
    if left:
        return lambda language: "\u25c0  " + t(key, language)
    return lambda language: t(key, language) + "  \u25b6"


class Progress(QWidget):
    """"Part 2 of 7" and a bar, so a user can see how far they have come. ``show_part`` moves it
    on when the screen it sits on is refilled for the next question."""

    def __init__(self, screen: Screen, part: int = 0, parts: int = 0, fraction: float = 0.0,
                 title: Wording = lambda language: ""):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.part, self.parts, self.title = part, parts, title
        self.label = screen.worded(
            label("small"),
            lambda lang: f"{t('part_of', lang, n=self.part, m=self.parts)}  \u00b7  {self.title(lang)}",
        )
        self.label.setObjectName("progress")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setValue(round(fraction * 1000))
        self.bar.setTextVisible(False)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)

    def show_part(self, part: int, parts: int, fraction: float, title: Wording, language: str) -> None:
        self.part, self.parts, self.title = part, parts, title
        self.label.setText(f"{t('part_of', language, n=part, m=parts)}  \u00b7  {title(language)}")
        self.bar.setValue(round(fraction * 1000))


class ReadAloud(QWidget):
    """The "Read to me" button. Without a speech engine it says so, in place, when pressed."""

    def __init__(self, screen: Screen, speaker):
        super().__init__()
        self.screen = screen
        self.speaker = speaker
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.button = screen.worded(button("", name="read_aloud"), "read_aloud")
        icon = "speaker-light.svg" if screen.theme.high_contrast else "speaker.svg"
        self.button.setIcon(QIcon(str(ASSETS / "icons" / icon)))
        size = screen.theme.px(40)
        self.button.setIconSize(QSize(size, size))
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.notice = screen.worded(label("notice"), "no_speech")
        self.notice.setObjectName("no_speech")
        self.notice.setVisible(False)
        layout.addLayout(at_right(self.button))
        layout.addWidget(self.notice)
        self.button.clicked.connect(self.read)
        self._asked = False  # this button started the reading in progress
        if hasattr(speaker, "failed"):  # the engine gave up on a reading after it began
            speaker.failed.connect(self._failed)

    def read(self) -> None:
        self._asked = True
        if not self.speaker.available or not self.speaker.say(self.screen.spoken_text(), self.screen.language):
            self.notice.setVisible(True)

    def _failed(self, _reason: str) -> None:
        if self._asked and self.isVisible():
            self.notice.setVisible(True)


class CornerHold(QLabel):
    """The staff corner: pressing here for ``hold_ms`` (3 s) emits ``held``. A tap does nothing."""

    held = Signal()

    def __init__(self, text: str, hold_ms: int):
        super().__init__(text)
        self.setObjectName("staff_corner")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.held)

    def mousePressEvent(self, event) -> None:
        self._timer.start()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        self._timer.stop()
        event.accept()


class TopBar(QFrame):
    """Site name (the staff corner), text size, colours and language: on every screen."""

    language_chosen = Signal(str)
    text_size_chosen = Signal(str)
    contrast_chosen = Signal(bool)
    stories = Signal()

    def __init__(self, site_name: str, languages: tuple[str, ...], theme: Theme, hold_ms: int):
        super().__init__()
        self.setObjectName("TopBar")
        self.languages = languages
        self.language = languages[0]
        self.theme = theme
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.px(12) // 2, 4, theme.px(24), 4)
        row.setSpacing(theme.px(16))
        # The staff corner: a plain, quiet patch (the site's name is on the welcome screen).
        self.corner = CornerHold("", hold_ms)
        self.corner.setProperty("role", "small")
        self.corner.setMinimumSize(theme.target(120), theme.target(64))
        row.addWidget(self.corner)
        # The peer stories library, from any screen of a visit.
        self.stories_button = button("bar", name="top_stories")
        self.stories_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.stories_button.clicked.connect(self.stories)
        row.addWidget(self.stories_button)
        row.addStretch(1)
        self.size_label = label("small", wrap=False)
        row.addWidget(self.size_label)
        self.size_group = QButtonGroup(self)
        self.size_buttons: dict[str, QPushButton] = {}
        for i, size in enumerate(TEXT_SIZES):
            b = button("bar", "A", name=f"text_{size}")
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            font = b.font()
            b.setStyleSheet(f"font-size: {round(theme.scale * 17 * (1 + 0.3 * i))}pt;")
            b.setFont(font)
            self.size_group.addButton(b)
            self.size_buttons[size] = b
            row.addWidget(b)
            b.clicked.connect(lambda _=False, s=size: self.text_size_chosen.emit(s))
        self.size_buttons[theme.text_size].setChecked(True)
        self.contrast = button("bar", name="contrast")
        self.contrast.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.contrast.clicked.connect(lambda: self.contrast_chosen.emit(not self.theme.high_contrast))
        row.addWidget(self.contrast)
        self.language_group = QButtonGroup(self)
        self.language_buttons: dict[str, QPushButton] = {}
        for lang in languages:
            b = button("bar", LANGUAGE_NAMES.get(lang, lang), name=f"lang_{lang}")
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self.language_group.addButton(b)
            self.language_buttons[lang] = b
            row.addWidget(b)
            b.clicked.connect(lambda _=False, code=lang: self.language_chosen.emit(code))
        self.show_state(self.language, theme)

    def show_state(self, language: str, theme: Theme) -> None:
        self.language = language
        self.theme = theme
        self.size_label.setText(t("text_size", language))
        self.stories_button.setText(t("stories_button", language))
        self.contrast.setText(t("contrast_off" if theme.high_contrast else "contrast_on", language))
        # The three "A" buttons and the staff corner show no words a screen reader could say.
        for size, b in self.size_buttons.items():
            b.setAccessibleName(t(f"text_size_{size}", language))
        self.corner.setAccessibleName(t("staff_corner", language))
        for code, b in self.language_buttons.items():
            b.setChecked(code == language)
        self.size_buttons[theme.text_size].setChecked(True)
